"""Batch throughput: `reasoner batch` on generated cases, against the clingo-only floor
(bench/floor.py) and against reasoning one case per clingo Control (the baseline), on the same cores,
in one run.

    python bench/batch.py [--cases 10000] [--baseline 100] [--jobs 2]

The batch figure is the whole command in a fresh process (start-up, reading, validation, reasoning,
the summary rows, writing JSONL).  The floor is bench/floor.py, also a fresh process, on the same
file: validate, build the facts, ground each chunk with the rules as written (no provenance), solve,
read holds/2 (and, for reference, the same with the provenance rules).  The baseline reasons a sample
of the same cases (``--baseline``; none with 0) one Control per case on the same number of worker
processes, and its rows are checked against the batch's.  Targets (issue 20): at least 1,000 cases
a second on 2 cores, and at least 0.5 of the floor's rate.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gen_cases import generate
from machine import describe

ROOT = Path(__file__).resolve().parent.parent


def _one_by_one(items):
    """The baseline for a list of items: each case read, reasoned in its own Control, built."""
    from reasoner.batch.inputs import load_item
    from reasoner.batch.rows import compact, offences, outcome
    from reasoner.explain.conclusions import build
    from reasoner.solve.engine import reason

    out = []
    for it in items:
        case, errors = load_item(it)
        if case is None:
            out.append((it.index, None))
            continue
        report = build(case, it.source, "zh", reason(case), why_not=False)
        statuses = {n: [c.certainty for c in report.conclusions if c.id == n] for n in offences()}
        out.append((it.index, ({n: outcome(s) for n, s in statuses.items()}, compact(report))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=100, help="cases for the baseline (0: none)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--detail", choices=["summary", "full"], default="summary")
    a = ap.parse_args()
    print(describe())
    d = Path(tempfile.mkdtemp(prefix="reasoner-batch-"))
    src = d / "cases.jsonl"
    data = generate(a.cases, seed=2026)
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data), encoding="utf-8")
    print(f"{a.cases:,} generated cases ({src.stat().st_size / 2**20:.1f} MiB JSONL)")
    out = d / "out.jsonl"
    cmd = [sys.executable, "-m", "reasoner.cli", "batch", str(src), "-o", str(out), "--jobs", str(a.jobs)]
    cmd += ["--detail", a.detail]
    subprocess.run(
        [sys.executable, "-m", "reasoner.cli", "check", "examples/287-2-card-seller.yaml"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )  # the compiled-rules cache is warm for both
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    if done.returncode not in (0, 3):  # 3: the output complete, some rows errors (generated bad cases)
        raise subprocess.CalledProcessError(done.returncode, cmd)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == a.cases and [r["index"] for r in rows] == list(range(a.cases))
    invalid = sum(1 for r in rows if "errors" in r)
    print(
        f"reasoner batch --jobs {a.jobs} --detail {a.detail}: {a.cases:,} cases in {wall:.1f} s = "
        f"{a.cases / wall:,.0f} cases/s ({invalid} invalid, each with its row)"
    )

    floor = {}
    for shadow in (False, True):
        cmd = [sys.executable, "bench/floor.py", str(src), "--jobs", str(a.jobs)] + (["--shadow"] if shadow else [])
        t = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        floor[shadow] = a.cases / (time.perf_counter() - t)
    rate = a.cases / wall
    print(f"clingo-only floor (bench/floor.py, rules as written): {floor[False]:,.0f} cases/s")
    print(f"  the same with the provenance rules grounded: {floor[True]:,.0f} cases/s")
    if a.baseline > 0:
        baseline(src, rows, a)
    ratio = rate / floor[False]
    print(f"batch / floor: {ratio:.2f} (with provenance in the floor: {rate / floor[True]:.2f})")
    print(f"target >= 1,000 cases/s on 2 cores: {'met' if rate >= 1000 else 'NOT met'} ({rate:,.0f})")
    print(f"target batch / floor >= 0.5: {'met' if ratio >= 0.5 else 'NOT met'} ({ratio:.2f})")


def baseline(src: Path, rows: list[dict], a: argparse.Namespace) -> None:
    """One Control per case on a sample, its rows checked against the batch's."""
    from reasoner.batch.inputs import collect

    items = collect(src)
    sample = items[: min(a.baseline, len(items))]
    n = len(sample)
    parts = [sample[k :: a.jobs] for k in range(a.jobs)]
    t = time.perf_counter()
    with mp.get_context("fork").Pool(a.jobs) as pool:
        done = [row for part in pool.map(_one_by_one, parts) for row in part]
    base = time.perf_counter() - t
    for index, got in done:
        r = rows[index]
        if got is None:
            assert "errors" in r
        else:
            assert got[0] == r["offences"] and (a.detail == "full" or got[1] == r["conclusions"]), index
    print(
        f"baseline, one Control per case on {a.jobs} processes: {n:,} cases in {base:.1f} s = "
        f"{n / base:,.0f} cases/s (rows equal to the batch's)"
    )


if __name__ == "__main__":
    main()
