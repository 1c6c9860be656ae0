"""Terms (reasoner/law/terms.py) against clingo's own symbols: the same printed form, the same
order, equal exactly when the symbols are equal, and back and forth unchanged -- over random
terms and over every atom of every example's answer."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import clingo
import pytest

from reasoner.case.read import load
from reasoner.law import terms
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.setting import setting_for
from reasoner.solve.control import add_facts, new_control

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

STRINGS = ["", "a", "A1", 'q"uote', "back\\slash", "new\nline", "tab\tx", "案件", "__case", "(", "a,b"]
NAMES = ["", "a", "b", "holds", "aa", "z"]


def _random(rng: random.Random, depth: int = 0) -> clingo.Symbol:
    kind = rng.randrange(5 if depth < 3 else 3)
    if kind == 0:
        return clingo.Number(rng.choice([0, 1, -1, 7, 2**31 - 1, -(2**31)]))
    if kind == 1:
        return clingo.String(rng.choice(STRINGS))
    if kind == 2:
        name = rng.choice(NAMES[1:])
        return clingo.Function(name, [], rng.random() < 0.8)
    args = [_random(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    name = rng.choice(NAMES)
    return clingo.Function(name, args, True if not name else rng.random() < 0.8)


def _symbols() -> list[clingo.Symbol]:
    rng = random.Random(20)
    out = [_random(rng) for _ in range(400)] + [clingo.Infimum, clingo.Supremum, clingo.Function("")]
    return out


def test_printed_as_clingo_prints():
    for s in _symbols():
        assert str(terms.from_clingo(s)) == str(s)


def test_ordered_and_equal_as_clingo_orders_them():
    syms = _symbols()
    pairs = [(a, b) for a in syms[:120] for b in syms[:120]]
    for a, b in pairs:
        ta, tb = terms.from_clingo(a), terms.from_clingo(b)
        assert (ta < tb) == (a < b), (str(a), str(b))
        assert (ta == tb) == (a == b), (str(a), str(b))
        if a == b:
            assert hash(ta) == hash(tb)


def test_sorted_alike():
    syms = _symbols()
    assert [str(t) for t in sorted(map(terms.from_clingo, syms))] == [str(s) for s in sorted(syms)]


def test_attributes_as_clingo_gives_them():
    for s in _symbols():
        t = terms.from_clingo(s)
        assert t.type == s.type
        if s.type == clingo.SymbolType.Function:
            assert (t.name, t.positive, len(t.arguments)) == (s.name, s.positive, len(s.arguments))
            assert t.match(s.name, len(s.arguments), s.positive)
        elif s.type == clingo.SymbolType.Number:
            assert t.number == s.number
        elif s.type == clingo.SymbolType.String:
            assert t.string == s.string


def test_there_and_back():
    for s in _symbols():
        t = terms.from_clingo(s)
        assert terms.to_clingo(t) == s
        assert terms.parse_term(str(t)) == t
        assert pickle.loads(pickle.dumps(t)) == t


def test_built_terms_equal_converted_ones():
    built = terms.Function("holds", [terms.String("cl.287-2.1"), terms.Tuple_([terms.String("A1"), terms.Number(3)])])
    got = terms.from_clingo(clingo.parse_term('holds("cl.287-2.1",("A1",3))'))
    assert built == got and hash(built) == hash(got) and str(built) == 'holds("cl.287-2.1",("A1",3))'


def test_a_clingo_symbol_is_never_silently_unequal():
    with pytest.raises(TypeError):
        _ = terms.String("A1") == clingo.String("A1")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_atom_of_every_example(path):
    case = load(path)
    facts = case_facts(case, setting=setting_for(case, "case.as_of", None))
    ctl = new_control()
    add_facts(ctl, facts)
    ctl.ground([("base", [])])
    atoms: list[clingo.Symbol] = []
    ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
    converted = [terms.from_clingo(s) for s in atoms]
    assert [str(t) for t in converted] == [str(s) for s in atoms]
    assert [str(t) for t in sorted(converted)] == [str(s) for s in sorted(atoms)]
    assert len(set(converted)) == len(set(atoms))


@pytest.mark.parametrize("case", ["287-2-cumulation.yaml", "286-1-mass-spread-incomplete.yaml"])
def test_the_same_bytes_whatever_the_hash_seed(case, tmp_path):
    """A term hashes like the Python values it holds, and Python seeds its string hashes anew in
    each process: no output may follow the order of a set or dict of terms.  The printout, the
    JSON answer and the memo of a case, in two processes with different seeds, byte for byte."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        got = []
        for args in (["check"], ["check", "--format", "json"], ["report", "--lang", "en"]):
            cmd = [sys.executable, "-m", "reasoner.cli", *args, f"examples/{case}"]
            run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
            assert run.returncode in (0, 1), run.stderr.decode()
            got.append(run.stdout)
        outputs.append(got)
    assert outputs[0] == outputs[1]
    assert all(len(x) > 1000 for x in outputs[0])


def test_symbols_are_converted_by_their_value():
    """from_clingo keys its table by the 64-bit value a clingo symbol wraps: equal symbols must have
    equal values and unequal ones unequal (clingo's symbols are unique), or a term would be wrong."""
    syms = _symbols()
    for a in syms[:150]:
        for b in syms[:150]:
            assert (terms._key(a) == terms._key(b)) == (a == b), (str(a), str(b))
    rebuilt = [clingo.parse_term(str(s)) for s in syms]
    assert [terms._key(s) for s in rebuilt] == [terms._key(s) for s in syms]
