"""The cost of Dask: `reasoner batch --scheduler local:1` and `local:2` against the in-process batch
`--jobs 2`, on the same generated cases, on this machine, in one run.

    python bench/scale.py [--cases 20000] [--repeat 2] [--chunk 250]

Each figure is the whole command in a fresh process (start-up, reading, the cluster's start and the
check of its workers, screening, writing JSONL), timed from outside.  The rows of every run are
compared with those of the in-process batch (the files must be equal, byte for byte).  The overhead
of Dask per case is (local:2 - jobs 2) / cases, from the best of ``--repeat`` runs of each, run in
turns so that a change of load falls on both.  Target (issue 14): local:2 at most 10% slower than
in-process --jobs 2.  Needs `pip install 'reasoner[dask]'`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gen_cases import generate
from machine import describe

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.10


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode not in (0, 3):  # 3: the output complete, some rows errors (generated bad cases)
        raise subprocess.CalledProcessError(done.returncode, cmd)
    return time.perf_counter() - t


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def startup(workers: int) -> float:
    """Seconds to start a local cluster of ``workers`` processes and check them (rules loaded)."""
    from reasoner.batch.cluster import check_workers, connect, identity

    t = time.perf_counter()
    client, cluster = connect(f"local:{workers}")
    try:
        check_workers(client, identity())
        return time.perf_counter() - t
    finally:
        client.close()
        cluster.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=2, help="runs of jobs 2 and local:2 each (local:1 runs once)")
    ap.add_argument("--chunk", type=int, default=250)
    a = ap.parse_args()
    print(describe())
    d = Path(tempfile.mkdtemp(prefix="reasoner-scale-"))
    src = d / "cases.jsonl"
    data = generate(a.cases, seed=2026)
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data), encoding="utf-8")
    print(f"{a.cases:,} generated cases ({src.stat().st_size / 2**20:.1f} MiB JSONL), --chunk {a.chunk}")
    subprocess.run(
        [sys.executable, "-m", "reasoner.cli", "check", "examples/287-2-card-seller.yaml"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )  # the compiled-rules cache is warm for every run
    base = [sys.executable, "-m", "reasoner.cli", "batch", str(src), "--chunk", str(a.chunk)]
    runs = {"jobs 2": ["--jobs", "2"], "local:2": ["--scheduler", "local:2"], "local:1": ["--scheduler", "local:1"]}
    times: dict[str, list[float]] = {k: [] for k in runs}
    order = [k for _ in range(a.repeat) for k in ("jobs 2", "local:2")] + ["local:1"]
    reference = None
    for k in order:
        out = d / f"{k.replace(' ', '').replace(':', '')}-{len(times[k])}.jsonl"
        before = load()
        t = timed([*base, "-o", str(out), *runs[k]])
        times[k].append(t)
        rows = out.read_bytes()
        if reference is None:
            reference = rows
            n = rows.count(b"\n")
            assert n == a.cases, n
            invalid = sum(1 for line in rows.splitlines() if b'"errors":' in line)
        same = "rows identical to jobs 2's" if rows == reference else "ROWS DIFFER from jobs 2's"
        print(f"  {k:8} {t:7.1f} s = {a.cases / t:6,.0f} cases/s   ({same}; load before {before})")
        assert rows == reference, f"{k}: the rows differ"
        out.unlink()
    best = {k: min(v) for k, v in times.items()}
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"rows: {a.cases:,} in every run ({invalid} error rows), identical in all {len(order)} runs")
    for k in runs:
        runs_ = " / ".join(f"{x:.1f}" for x in times[k])
        print(f"{k:8}: best {best[k]:.1f} s ({a.cases / best[k]:,.0f} cases/s); runs {runs_} s")
    up = f"local:1 {startup(1):.1f} s, local:2 {startup(2):.1f} s"
    print(f"start-up of a local cluster and the check of its workers: {up}")
    over = best["local:2"] - best["jobs 2"]
    ratio = best["local:2"] / best["jobs 2"] - 1
    print(
        f"overhead of Dask, local:2 against in-process --jobs 2: {over:+.1f} s = {over / a.cases * 1000:+.2f} ms "
        f"per case = {ratio:+.1%} (best of {a.repeat}); medians {med['local:2'] / med['jobs 2'] - 1:+.1%}"
    )
    print(f"local:1 against local:2: {best['local:1'] / best['local:2']:.2f}x the time")
    verdict = "met" if ratio <= TARGET else f"NOT met, by {ratio - TARGET:.1%}"
    print(f"target: local:2 at most {TARGET:.0%} slower than in-process --jobs 2: {verdict}")


if __name__ == "__main__":
    main()
