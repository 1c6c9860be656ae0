"""Latency of `reasoner check` on each example, each in a fresh process, against
`python -c "import clingo"` (the floor any Python program using clingo pays), measured side by side
in one run: the commands alternate, run by run, so that all of them see the same load.

    python bench/latency.py [--runs 5] [CASE ...]        # default: every example

Printed for each case: the median wall time of `check` (the printout) and `check --format json`,
each as a multiple of `import clingo`, judged against the target of issue 20 (at most 3x); and, for
reference, the clingo-only floor of the same case in a fresh process: import clingo, read the
compiled program's text, add the case's facts (as the reasoner builds them, written out beforehand),
ground, solve, read holds/2 -- no validation, no explanation, no printout.  The floor shows how much
of the target clingo alone takes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parent.parent
TARGET = 3.0

#: As installed: pip compiles every module to bytecode, and an editable checkout caches it on the
#: first run.  A PYTHONDONTWRITEBYTECODE in the caller's environment would make every run compile
#: the reasoner's own modules again (about 100 ms here), which no installed user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

#: The clingo-only floor, run as ``python -c FLOOR PROGRAM FACTS``: the facts are one symbol per
#: line, parsed with clingo's parse_term and added with the backend (never as source text).
FLOOR = """
import sys, clingo
ctl = clingo.Control(["--warn=none"])
ctl.add("base", [], open(sys.argv[1], encoding="utf-8").read())
ctl.add("base", [], "#show holds/2.")
with ctl.backend() as be:
    for line in open(sys.argv[2], encoding="utf-8").read().splitlines():
        be.add_rule([be.add_atom(clingo.parse_term(line))])
ctl.ground([("base", [])])
shown = []
ctl.solve(on_model=lambda m: shown.extend(m.symbols(shown=True)))
"""


def floor_files(case: str, folder: Path) -> tuple[Path, Path]:
    """The compiled program's text and the case's facts (with the law's figures), one symbol a line."""
    from reasoner.case.read import load
    from reasoner.law.program import program
    from reasoner.solve.atoms.build import case_facts
    from reasoner.solve.atoms.setting import setting_for
    from reasoner.solve.control import law_symbols

    c = load(ROOT / case)
    facts = case_facts(c, setting=setting_for(c, "case.as_of", None))
    atoms = [*law_symbols(), *(s for s in facts.atoms if s not in facts.defaults)]
    rules = folder / "program.lp"
    rules.write_text(program().text, encoding="utf-8")
    out = folder / (Path(case).stem + ".facts")
    out.write_text("\n".join(str(s) for s in atoms) + "\n", encoding="utf-8")
    return rules, out


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*", help="case files (default: every example)")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    cases = a.cases or sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))
    print(describe())
    py = sys.executable
    folder = Path(tempfile.mkdtemp(prefix="reasoner-latency-"))
    commands: dict[str, list[str]] = {"import clingo": [py, "-c", "import clingo"]}
    for case in cases:
        rules, facts = floor_files(case, folder)
        commands[f"{case}|floor"] = [py, "-c", FLOOR, str(rules), str(facts)]
        commands[f"{case}|check"] = [py, "-m", "reasoner.cli", "check", case]
        commands[f"{case}|json"] = [py, "-m", "reasoner.cli", "check", case, "--format", "json"]
    for cmd in commands.values():  # cache the rules and the modules' bytecode once
        subprocess.run(cmd, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(a.runs):
        for label, cmd in commands.items():
            times[label].append(timed(cmd))
    base = statistics.median(times["import clingo"])
    print(f"python -c 'import clingo': median {base * 1000:.0f} ms ({a.runs} runs each, fresh process, alternating)")
    print(f"{'case':<44} {'floor':>12} {'check':>14} {'--format json':>14}")
    worst = 0.0
    ratios = []
    for case in cases:
        row = []
        for kind in ("floor", "check", "json"):
            m = statistics.median(times[f"{case}|{kind}"])
            row.append(f"{m * 1000:5.0f} ms {m / base:4.1f}x")
            if kind != "floor":
                worst = max(worst, m / base)
                ratios.append(m / base)
        print(f"{case.removeprefix('examples/'):<44} {row[0]:>12} {row[1]:>14} {row[2]:>14}")
    verdict = "met" if worst <= TARGET else "NOT MET"
    print(
        f"check, every case and format: median {statistics.median(ratios):.1f}x, worst {worst:.1f}x "
        f"`import clingo` (target <= {TARGET:g}x: {verdict})"
    )


if __name__ == "__main__":
    main()
