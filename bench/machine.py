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
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"machine: {cpu}; {os.cpu_count()} cores ({usable} usable); {platform.system()} {platform.release()}\n"
        f"python {platform.python_version()} ({platform.python_implementation()}); clingo {clingo.__version__}\n"
        f"load average (1, 5, 15 min): {load}; calibration: sum(range(10**6)) takes {calibration():.1f} ms "
        f"(about 10-15 ms on an idle modern core)"
    )


def calibration() -> float:
    """Milliseconds for a fixed piece of pure Python, best of 5: how fast this machine is right now."""
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000


if __name__ == "__main__":
    print(describe())
