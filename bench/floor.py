"""The clingo-only floor of batch screening: what the chunked design costs with nothing around
clingo.  Each case is read and validated, its facts built (scoped, as the batch scopes them), each
chunk of cases added to one Control with the rules as written (no provenance shadow rules, or with
them: ``--shadow``), ground, solved, and only ``holds/2`` read back.  No open questions, no
explanations, no rows: a figure to compare the batch with, measured in the same run.

    python bench/floor.py INPUT.jsonl [--jobs 2] [--chunk 250] [--shadow]

Prints the cases screened, the seconds and cases/s (the whole command, as the batch is timed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import time
from pathlib import Path


def rules_text(shadow: bool) -> str:
    """The compiled rules; without ``shadow``, less every statement that records provenance."""
    from reasoner.law.program import program

    return program().text if shadow else program().plain


def chunk(args: tuple[list, bool, str]) -> int:
    """Validate, build facts, ground, solve one chunk; the number of holds/2 atoms read."""
    import clingo

    from reasoner.batch.inputs import load_item
    from reasoner.batch.together import scope
    from reasoner.law.terms import to_clingo
    from reasoner.solve.atoms.build import case_facts
    from reasoner.solve.atoms.setting import judged_today
    from reasoner.solve.control import law_symbols

    items, shadow, day = args
    with judged_today(dt.date.fromisoformat(day)):
        cases = [c for c, _ in map(load_item, items) if c is not None]
        facts = [case_facts(c, scope(i)) for i, c in enumerate(cases)]
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], rules_text(shadow))
    ctl.add("base", [], "#show holds/2.")
    with ctl.backend() as be:
        for sym in law_symbols():
            be.add_rule([be.add_atom(sym)])
        for f in facts:
            for sym in f.atoms:
                be.add_rule([be.add_atom(to_clingo(sym))])
    ctl.ground([("base", [])])
    holds: list = []
    ctl.solve(on_model=lambda m: holds.extend(m.symbols(shown=True)))
    return len(holds)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=250)
    ap.add_argument("--shadow", action="store_true", help="ground the provenance shadow rules too")
    ap.add_argument("--day", default=None, help="the date of judgment of cases that give none (default: today)")
    a = ap.parse_args()
    t = time.perf_counter()
    from reasoner.batch.inputs import collect
    from reasoner.batch.rows import batch_day, settle

    items = collect(Path(a.input))
    a.day = batch_day(a.day)
    size = max(1, min(a.chunk, -(-len(items) // a.jobs)))
    tasks = [(items[k : k + size], a.shadow, a.day) for k in range(0, len(items), size)]
    rules_text(a.shadow)  # compiled once here; forked workers inherit it
    settle()  # the garbage collector set as the batch sets it (reasoner.batch.rows.settle)
    with mp.get_context("fork").Pool(a.jobs) as pool:
        atoms = sum(pool.imap(chunk, tasks))
    wall = time.perf_counter() - t
    print(f"floor: {len(items)} cases in {wall:.2f} s = {len(items) / wall:.0f} cases/s ({atoms} holds/2 atoms)")


if __name__ == "__main__":
    main()
