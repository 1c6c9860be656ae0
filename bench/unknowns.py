"""Benchmark: a case with 20 open facts; time for the three statuses and for what-it-takes.

Run: python bench/unknowns.py [--repeat N].  A script that prints figures, not a timed test.
The first run in a fresh cache also compiles the rules (cached afterwards); it is reported apart.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time

import clingo

from reasoner.case.read import load_text
from reasoner.explain.conclusions import build
from reasoner.explain.what_it_takes import what_it_takes
from reasoner.law.program import program
from reasoner.solve.engine import reason

U = "unknown"

#: A platform that may have refused an order (12 open facts) and a card seller (8 open facts).
CASE = {
    "case": {"id": "bench-20-unknowns"},
    "parties": [
        {
            "id": "P1",
            "kind": "unit",
            "name": "平台公司",
            "services": [{"category": "instant_messaging"}],
            "responsible_persons": [{"person": "P2", "role": "manager"}],
        },
        {"id": "P2", "kind": "person", "name": "张某"},
        {"id": "P3", "kind": "person", "name": "李某"},
    ],
    "orders": [
        {
            "id": "O1",
            "to": "P1",
            "issuer": {"name": "某市公安局", "kind": "public_security"},
            "form": U,
            "date": "2023-03-01",
            "legal_basis": U,
            "deadline": "2023-03-15",
            "capacity_to_comply": U,
            "response": {"complied": U},
        },
    ],
    "acts": [
        {
            "id": "A1",
            "actor": "P1",
            "kind": "refuse_security_duty",
            "date": "2023-04-01",
            "order": "O1",
            "duty_not_performed": U,
            "used_for_attack": U,
            "quantities": {
                "illegal_videos": {"at_least": 150},
                "illegal_other_info": U,
                "recipient_accounts": U,
                "group_members_total": U,
                "followers_total": U,
                "clicks": {"at_most": 60000},
            },
        },
        {
            "id": "A2",
            "actor": "P3",
            "kind": "assist_network_crime",
            "date": "2023-05-01",
            "help": ["payment_settlement", "advertising_promotion"],
            "payment_settlement": {"at_least": "150000"},
            "advertising_funds": U,
            "illegal_gains": U,
            "knowledge": {"proven": U},
            "assisted": [
                {"id": "X1", "description": "诈骗团伙甲", "uses_network": U, "reaches_crime": U, "confirmable": U},
                {
                    "id": "X2",
                    "description": "诈骗团伙乙",
                    "uses_network": True,
                    "reaches_crime": "yes",
                    "confirmable": U,
                },
            ],
        },
    ],
    "findings": [{"provision": "interp.2.2.2", "subject": "O1", "holds": True, "reason": "措施明确"}],
}

TARGETS = [("cl.286-1", "A1"), ("cl.287-2", "A2")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    case = load_text(json.dumps(CASE, ensure_ascii=False), "bench.json")

    t0 = time.perf_counter()
    program()
    compile_s = time.perf_counter() - t0

    statuses, takes, explained = [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = reason(case)
        t1 = time.perf_counter()
        found = []
        for pid, subject in TARGETS:
            atom = clingo.Function("holds", [clingo.String(pid), clingo.String(subject)])
            found.append(what_it_takes(result.completions, atom))
        t2 = time.perf_counter()
        build(case, "bench.json", "en", result)
        t3 = time.perf_counter()
        statuses.append(t1 - t0)
        takes.append(t2 - t1)
        explained.append(t3 - t2)

    open_count = len(result.facts.questions)
    counts = {s: 0 for s in ("established", "possible", "excluded")}
    for atom in {a for a in result.possible | result.certain | result.model if a.name == "holds"}:
        counts[result.status(atom)] += 1
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}")
    print(f"python {platform.python_version()}, clingo {clingo.__version__}")
    print(f"open facts (questions): {open_count}; conclusions: {counts}")
    print(f"rules loaded (cache or compile): {compile_s * 1000:.0f} ms")

    def ms(xs: list[float]) -> str:
        return f"median {statistics.median(xs) * 1000:.0f} ms, best {min(xs) * 1000:.0f} ms"

    print(f"three-valued statuses (ground, solve, brave/cautious, probes): {ms(statuses)}")
    print(f"what-it-takes for {', '.join(p for p, _ in TARGETS)}: {ms(takes)}")
    both = [s + t for s, t in zip(statuses, takes, strict=True)]
    print(f"  statuses + what-it-takes: {ms(both)}")
    verdict = "met" if statistics.median(both) < 1.0 else "NOT MET"
    print(f"target (issue 20): statuses and what-it-takes in < 1 s (median): {verdict}")
    print(f"explanations and why-not (check's report, not part of the target): {ms(explained)}")
    for (pid, subject), t in zip(TARGETS, found, strict=True):
        qs = result.facts.questions
        print(f"{pid} ({subject}): {len(t.sets)} minimal sets{'' if t.complete else ' (limit reached)'}")
        for s in t.sets:
            print("   ", "; ".join(f.text(qs[f.question], "en") for f in s))


if __name__ == "__main__":
    main()
