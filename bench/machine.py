"""The machine a benchmark ran on: CPU, cores, Python, clingo (printed above its figures)."""

from __future__ import annotations

import os
import platform


def describe() -> str:
    import clingo

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"machine: {cpu}; {os.cpu_count()} cores ({usable} usable); {platform.system()} {platform.release()}\n"
        f"python {platform.python_version()} ({platform.python_implementation()}); clingo {clingo.__version__}"
    )


if __name__ == "__main__":
    print(describe())
