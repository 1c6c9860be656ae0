"""Latency of one `reasoner check` of a small case, against `python -c "import clingo"` on the same
machine (the floor any Python program using clingo pays).  Each command runs in a fresh process.

    python bench/latency.py [--runs 7] [CASE]

Target (issue 7): a small case in at most 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parent.parent


#: As installed: pip compiles every module to bytecode, and an editable checkout caches it on the
#: first run.  A PYTHONDONTWRITEBYTECODE in the caller's environment would make every run compile
#: the reasoner's own modules again (about 100 ms here), which no installed user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("case", nargs="?", default="examples/287-2-card-seller.yaml")
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    print(describe())
    py = sys.executable
    timed([py, "-m", "reasoner.cli", "check", a.case], 1)  # cache the rules and the modules' bytecode once
    rows = [
        ("python -c 'import clingo'", [py, "-c", "import clingo"]),
        ("python -c 'import pydantic, clingo'", [py, "-c", "import pydantic, clingo"]),
        (
            "python -c 'import reasoner.cli, reasoner.case.model'",
            [py, "-c", "import reasoner.cli, reasoner.case.model"],
        ),
        (f"reasoner check {a.case}", [py, "-m", "reasoner.cli", "check", a.case]),
        (f"reasoner check {a.case} --format json", [py, "-m", "reasoner.cli", "check", a.case, "--format", "json"]),
    ]
    print(f"{'command':<70} {'min':>8} {'median':>8}   ({a.runs} runs, fresh process each)")
    for label, cmd in rows:
        ts = timed(cmd, a.runs)
        print(f"{label:<70} {min(ts) * 1000:>6.0f}ms {statistics.median(ts) * 1000:>6.0f}ms")
    print("target: reasoner check of a small case <= 150 ms")


if __name__ == "__main__":
    main()
