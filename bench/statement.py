"""A 1,000,000-row bank statement: `reasoner check` on a case that points to it, against a plain
Python sum of the same file; wall time and peak memory (ru_maxrss) of each, in its own process.

    python bench/statement.py [--rows 1000000] [--keep DIR]

Targets (issue 7, a 2-core machine): the case in at most 5 s and 500 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import describe

PLAIN_SUM = r"""
import csv, sys
total = 0
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    r = csv.reader(f)
    next(r)
    for row in r:
        if row[2] == "in":
            whole, _, frac = row[3].partition(".")
            total += int(whole) * 100 + int(frac.ljust(2, "0") or 0)
print(total)
"""


def write_statement(path: Path, rows: int, seed: int = 1) -> int:
    """Rows of inflows and outflows on 20 cards; returns the exact inflow in fen."""
    rng = random.Random(seed)
    inflow = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("date,account,direction,amount,counterparty,flags\n")
        lines = []
        for i in range(rows):
            fen = rng.randrange(1, 5_000_000)
            direction = "in" if i % 2 == 0 else "out"
            if direction == "in":
                inflow += fen
            flag = "verified_fraud" if i % 7 == 0 else ""
            lines.append(
                f"2023-{1 + i % 12:02d}-{1 + i % 28:02d},62220202{i % 20:08d},{direction},"
                f"{fen // 100}.{fen % 100:02d},counterparty {i % 997},{flag}\n"
            )
            if len(lines) == 10_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)
    return inflow


PEAK = str(Path(__file__).with_name("peak.py"))


def run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, the peak RSS (MiB) of the command's own process, and its stdout."""
    t = time.perf_counter()
    p = subprocess.run([sys.executable, PEAK, *cmd], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{cmd} failed ({p.returncode}): {p.stderr[-2000:]}")
    kib = int(p.stderr.strip().splitlines()[-1].split(":")[1])
    return wall, kib / 1024, p.stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", help="write the files here instead of a temporary folder")
    a = ap.parse_args()
    print(describe())
    d = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="reasoner-bench-"))
    d.mkdir(parents=True, exist_ok=True)
    csv_path = d / "statement.csv"
    t = time.perf_counter()
    inflow = write_statement(csv_path, a.rows)
    print(f"wrote {a.rows:,} rows ({csv_path.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - t:.1f} s")
    case = {
        "case": {"id": "bench-statement"},
        "parties": [{"id": "P1", "kind": "person", "name": "孙某"}],
        "acts": [
            {
                "id": "A1",
                "actor": "P1",
                "kind": "assist_network_crime",
                "date": {"from": "2023-01-01", "to": "2023-12-31"},
                "help": ["payment_settlement"],
                "statement": {"file": "statement.csv"},
                "assisted": [
                    {
                        "id": "X1",
                        "description": "团伙",
                        "uses_network": True,
                        "reaches_crime": "yes",
                        "confirmable": True,
                    }
                ],
                "knowledge": {"proven": True},
            }
        ],
    }
    (d / "case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    reasoner = ["-m", "reasoner.cli", "check", str(d / "case.json"), "--format", "json"]
    run(reasoner)  # warm the compiled-rules cache and the file cache
    (d / "plain_sum.py").write_text(PLAIN_SUM, encoding="utf-8")
    plain_wall, plain_mib, out = run([str(d / "plain_sum.py"), str(csv_path)])
    assert int(out) == inflow, (out, inflow)
    walls = []
    mib = 0.0
    for _ in range(3):
        w, mib, out = run(reasoner)
        walls.append(w)
    report = json.loads(out)
    yuan = f"{inflow // 100:,}.{inflow % 100:02d}"
    assert yuan in out, "the exact total is not in the report"
    holds = [c["id"] for c in report["conclusions"] if c["status"] == "holds"]
    print(f"plain Python sum (csv + int):  {plain_wall:.2f} s, peak {plain_mib:.0f} MiB")
    print(
        f"reasoner check (validate every row, sum, reason, explain): best {min(walls):.2f} s of 3 "
        f"(all: {', '.join(f'{w:.2f}' for w in walls)}), peak {mib:.0f} MiB"
    )
    print(f"exact inflow {yuan} yuan; cl.287-2 {'holds' if 'cl.287-2' in holds else 'does not hold'}")
    print("targets: <= 5 s, <= 500 MiB")
    if not a.keep:
        for p in d.iterdir():
            p.unlink()
        d.rmdir()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
