"""The provenance of a case read apart (reasoner.solve.control.provenance): the rules alone decide
the case, then only the shadow rules whose heads its answer holds are ground over the answer's
atoms.  The answer must be the one the rules and all their shadow rules give together, atom for
atom: every example, and generated cases with facts not known (their recorded reading)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reasoner.case.model import Case
from reasoner.case.read import load
from reasoner.law.program import atom_keys, head_key, program
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.setting import setting_for
from reasoner.solve.completions import Completions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from gen_cases import generate  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _both(case: Case) -> tuple[set, set]:
    facts = case_facts(case, setting=setting_for(case, "case.as_of", None))
    together = Completions(facts, shadows=True).base_symbols()
    apart = Completions(facts, shadows=False).base_symbols()
    return set(together), set(apart)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_has_the_same_answer(path):
    together, apart = _both(load(path))
    assert apart == together
    assert any(s.name == "__fired" for s in apart)


def test_generated_cases_have_the_same_answer():
    checked = opened = 0
    for data in generate(120, seed=7):
        try:
            case = Case.model_validate(data)
        except ValueError:
            continue  # the generator makes some cases invalid on purpose
        together, apart = _both(case)
        assert apart == together, data["case"]["id"]
        checked += 1
        opened += bool(case_facts(case).questions)
    assert checked > 100 and opened > 0


def test_only_shadow_rules_that_can_fire_are_ground():
    """The card seller's case grounds well under all of the shadow rules, and every one it leaves
    out records a head that no atom of its answer has."""
    facts = case_facts(load(ROOT / "examples" / "287-2-card-seller.yaml"))
    answer = Completions(facts, shadows=False).ctl
    model: list = []
    answer.solve(on_model=lambda m: model.extend(m.symbols(atoms=True)))
    keys = atom_keys(model)
    kept = program().shadows_for(keys).split("\n")
    fired = [x for x in program().text.split("\n") if x.startswith("__fired(")]
    assert len([x for x in kept if x.startswith("__fired(")]) < len(fired) / 2
    assert all(head_key(x) not in keys for x in fired if x not in kept)


def test_head_keys():
    assert head_key('__fired(3,holds("cl.287-2.1",A),(pos(a(A)),)) :- a(A).') == ("holds", '"cl.287-2.1"')
    assert head_key("__fired(9,note(O,A,x),()) :- b(O,A).") == ("note",)
    assert head_key("__fired(9,elements_of_x,()).") == ("elements_of_x",)
    with pytest.raises(ValueError):
        head_key("holds(X) :- a(X).")
