"""法释〔2019〕15号 第十四条: a unit's offence is judged on the natural-person standards; the unit is
fined and its directly responsible persons are named."""

from __future__ import annotations

from conftest import assist_act, assist_case, run

from reasoner.law.terms import Function, String

A1 = String("A1")
UNIT = [
    {
        "id": "P1",
        "kind": "unit",
        "name": "某科技公司",
        "responsible_persons": [{"person": "P2", "role": "manager"}, {"person": "P3", "role": "staff"}],
    },
    {"id": "P2", "kind": "person", "name": "董事长甲"},
    {"id": "P3", "kind": "person", "name": "财务乙"},
]


def test_unit_offence_names_both_responsible_persons_and_fines_the_unit():
    r = run(assist_case(parties=UNIT))
    assert r.holds("cl.287-2", A1) and r.holds("interp.14", A1) and r.holds("cl.287-2.2", A1)
    liable = {
        (s.arguments[2].string, s.arguments[3].name)
        for s in r.model
        if s.name == "liable" and s.arguments[0] == String("interp.14")
    }
    assert liable == {("P2", "manager"), ("P3", "staff")}
    pens = {s.arguments[2].name for s in r.model if s.name == "penalty" and s.arguments[1] == A1}
    assert pens == {"unit_fine"}  # the unit: a fine only; the persons: ¶1's range


def test_unit_is_judged_on_the_natural_person_threshold():
    """Same figure, same result for a unit and for a person: at, one fen below."""
    for settled, expected in (("200000", True), ("199999.99", False)):
        unit = run(assist_case(assist_act(settled=settled), parties=UNIT))
        person = run(assist_case(assist_act(settled=settled)))
        assert unit.holds("interp.14", A1) is expected
        assert unit.holds("cl.287-2", A1) is person.holds("cl.287-2", A1) is expected


def test_natural_person_is_not_a_unit_offence():
    r = run(assist_case())
    assert r.holds("cl.287-2", A1) and not r.holds("interp.14", A1)


def test_unit_without_recorded_responsible_persons_is_flagged():
    parties = [{"id": "P1", "kind": "unit", "name": "某科技公司"}]
    r = run(assist_case(parties=parties))
    assert r.holds("interp.14", A1)
    assert Function("no_responsible_person", [A1, String("P1")]) in r.model
