"""Deterministic generator of case records for batch tests and benchmarks.

Each generated case is one of the worked examples (examples/*.yaml, covering CL 286-1, 287-1 and
287-2, conducts that are offences and conducts that are not) with its figures scaled up or down at
random, findings sometimes dropped, facts sometimes recorded as not known, and a few cases made
invalid on purpose (an unknown field, a negative count, a reference to no party).  The same seed
gives the same cases, byte for byte.

    python bench/gen_cases.py N OUT.jsonl [--seed S]      # one case per line
    python bench/gen_cases.py N OUT_DIR/ [--seed S]       # one JSON file per case
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
_MONEY = re.compile(r"^[0-9]+(?:\.[0-9]{1,2})?$")


def templates() -> list[dict]:
    """The complete worked examples as plain data (dates as text, as in the files).

    The incomplete examples are left out, so that the share of cases with facts not known is the
    one :func:`generate` sets (5%), not what the examples happen to hold."""
    from reasoner.case.read import Loader

    out = []
    for p in sorted((ROOT / "examples").glob("*.yaml")):
        if p.stem.endswith("-incomplete"):
            continue
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - a SafeLoader
        if _plain(data):
            out.append(data)
    return out


def _plain(data: object) -> bool:
    """Whether a template is self-contained (no evidence file it would need beside it)."""
    return "statement" not in json.dumps(data)


def _scale(rng: random.Random, value: int) -> int:
    return max(0, int(value * rng.choice((0.3, 0.6, 0.9, 1.0, 1.1, 2.0, 5.0))))


#: Kept as written: the format version.  An act given in parts from a day is kept whole (scaled
#: alone, a part could exceed its whole: an error of the case file rather than a case).
_FIXED = ("format",)


def _mutate(rng: random.Random, node: object, key: str = "") -> object:
    if isinstance(node, dict):
        if "portions" in node:  # an act given in parts: its figures stay as the template has them
            return node
        return {k: (v if k in _FIXED else _mutate(rng, v, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_mutate(rng, v, key) for v in node]
    if isinstance(node, bool):
        return node
    if isinstance(node, int) and key != "years":
        return _scale(rng, node)
    if (
        isinstance(node, str)
        and _MONEY.match(node)
        and key
        in (
            "payment_settlement",
            "advertising_funds",
            "illegal_gains",
            "economic_loss",
            "inflow",
            "outflow",
            "verified_fraud",
            "lawful",
            "own",
            "others",
            "unit",
        )
    ):
        fen = _scale(rng, int(Decimal(node) * 100))
        return f"{fen // 100}.{fen % 100:02d}"
    return node


def _unknown_somewhere(rng: random.Random, data: dict) -> None:
    """Record one boolean fact of an act or an order as not known."""
    spots = []
    for rec in [*data.get("acts", []), *data.get("orders", [])]:
        for k, v in rec.items():
            if isinstance(v, bool) or k in ("illegal_gains", "payment_settlement"):
                spots.append((rec, k))
        for x in rec.get("assisted", []):
            if isinstance(x, dict):  # format 1: the party inside the act
                spots.append((x, "uses_network"))
    for x in data.get("assisted_parties", []):
        spots.append((x, "uses_network"))
    if spots:
        rec, k = rng.choice(spots)
        rec[k] = "unknown"


def _break(rng: random.Random, data: dict) -> None:
    """Make the case invalid in one of a few ways the validator must report."""
    how = rng.randrange(3)
    if how == 0:
        data["acts"][0]["colour"] = "red"  # unknown field
    elif how == 1:
        data["acts"][0]["actor"] = "NOBODY"  # reference to no party
    else:
        data["parties"][0]["kind"] = "company"  # not in the vocabulary


def generate(n: int, seed: int = 7) -> list[dict]:
    """``n`` cases: about 3% invalid, 5% with a fact not known, the rest valid and fully known."""
    rng = random.Random(seed)
    base = templates()
    out = []
    for i in range(n):
        data = _mutate(rng, copy.deepcopy(base[i % len(base)]))
        assert isinstance(data, dict)
        data["case"]["id"] = f"gen-{seed}-{i:06d}"
        if data.get("findings") and rng.random() < 0.15:
            data["findings"] = data["findings"][:-1]
        r = rng.random()
        if r < 0.03:
            _break(rng, data)
        elif r < 0.08:
            _unknown_somewhere(rng, data)
        out.append(data)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    cases = generate(a.n, a.seed)
    if a.out.endswith("/") or Path(a.out).is_dir():
        d = Path(a.out)
        d.mkdir(parents=True, exist_ok=True)
        for i, c in enumerate(cases):
            (d / f"case-{i:06d}.json").write_text(json.dumps(c, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases written to {a.out}")


if __name__ == "__main__":
    main()
