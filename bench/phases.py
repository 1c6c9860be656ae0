"""Where batch time goes: milliseconds per case for each phase of screening one chunk, in one process.

    python bench/phases.py [--cases 250] [--seed 7]

Generates the cases (bench/gen_cases.py), keeps those with every fact known (the others are
reasoned alone, like a single `check`), and times each phase of `reasoner batch` on them:
reading and validating, the scoped facts, grounding the chunk, solving, splitting the answer by
case, the whole of `reason_together`, and the conclusions with their explanations.  The budget for
the issue-7 target (2,000 cases a second on 2 cores) is 1 ms of CPU per case for all of them.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from gen_cases import generate
from machine import describe

from reasoner.batch.inputs import collect, load_item
from reasoner.batch.rows import warm
from reasoner.batch.together import reason_together, scope, split_atoms
from reasoner.explain.conclusions import build
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.facts import Facts
from reasoner.solve.control import add_facts, new_control


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=250)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    print(describe())
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "cases.jsonl"
        src.write_text(
            "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in generate(a.cases, a.seed)), encoding="utf-8"
        )
        items = collect(src)
        warm()
        t0 = time.perf_counter()
        loaded = [load_item(it) for it in items]
        t1 = time.perf_counter()
    good = [c for c, _ in loaded if c is not None]
    plain = [c for c in good if not (lambda f: f.questions or f.unknown or f.defaults)(case_facts(c))]
    n = len(plain)
    t2 = time.perf_counter()
    combined = Facts()
    for i, c in enumerate(plain):
        combined.atoms.update(case_facts(c, scope(i)).atoms)
    t3 = time.perf_counter()
    ctl = new_control()
    add_facts(ctl, combined)
    ctl.ground([("base", [])])
    t4 = time.perf_counter()
    atoms: list = []
    ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
    t5 = time.perf_counter()
    split_atoms(atoms)
    t6 = time.perf_counter()
    results = reason_together(plain)
    t7 = time.perf_counter()
    for c, r in zip(plain, results, strict=True):
        build(c, "x", "zh", r, why_not=False)
    t8 = time.perf_counter()

    def ms(start: float, end: float, k: int = n) -> str:
        return f"{1000 * (end - start) / k:6.2f} ms"

    print(f"{len(items)} generated cases, {n} with every fact known (timed below, per case)")
    print(f"  read and validate            {ms(t0, t1, len(items))}")
    print(f"  scoped facts                 {ms(t2, t3)}")
    print(f"  ground the chunk             {ms(t3, t4)}")
    print(f"  solve, read the atoms        {ms(t4, t5)}")
    print(f"  split the answer by case     {ms(t5, t6)}")
    print(f"  reason_together, all of it   {ms(t6, t7)}")
    print(f"  conclusions, explanations    {ms(t7, t8)}")
    print("budget for 2,000 cases/s on 2 cores: 1 ms per case in all")


if __name__ == "__main__":
    main()
