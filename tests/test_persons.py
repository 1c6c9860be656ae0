"""Persons (issue 18 items 6-8): one assisted party across acts (the 2022 minutes: the same party
helped several times is one 对象), co-perpetrators (CL 25: an act done together, each liable for the
whole, each with conclusions of their own), and what a unit can be sentenced to (CL 30, 31; Art 14)."""

from __future__ import annotations

from conftest import assist_act, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.terms import Function, String

A1 = String("A1")
GANG = {"id": "X1", "description": "某诈骗团伙", "uses_network": True, "reaches_crime": "yes", "confirmable": True}


def v2(*acts: dict, parties: list | None = None, assisted: list | None = None, findings=(), as_of="2024-06-01"):
    """A format-2 case: assisted parties declared once, acts naming them by id."""
    return {
        "format": 2,
        "case": {"id": "t", "as_of": as_of},
        "parties": parties or [{"id": "P1", "kind": "person", "name": "李某"}],
        "assisted_parties": assisted if assisted is not None else [GANG],
        "acts": list(acts),
        "findings": list(findings),
    }


def act(ident: str, date: str, settled: str = "80000", assisted=("X1",), **changes) -> dict:
    a = assist_act(ident, date, settled, **changes)
    a["assisted"] = list(assisted)
    return a


# ----------------------------------------------------------------------------- 6: one assisted party


def test_one_gang_helped_in_three_acts_is_one_party():
    data = v2(act("A1", "2022-03-10"), act("A2", "2022-09-15"), act("A3", "2023-02-20"))
    r = run(data)
    c = Function("cumulation", [A1])
    assert r.holds("interp.16", c)
    assert r.holds("interp.12.1.2", c)  # CNY 240,000 added up
    assert not r.holds("interp.12.1.1", c)  # one 对象, not three


def test_three_gangs_are_three_parties():
    gangs = [{**GANG, "id": f"X{i}"} for i in (1, 2, 3)]
    data = v2(
        *(act(f"A{i}", d, assisted=(f"X{i}",)) for i, d in ((1, "2022-03-10"), (2, "2022-09-15"), (3, "2023-02-20"))),
        assisted=gangs,
    )
    assert run(data).holds("interp.12.1.1", Function("cumulation", [A1]))


def test_an_assisted_party_is_declared_once_and_named_by_id():
    import pytest

    from reasoner.case.errors import CaseFileError

    data = v2(act("A1", "2023-01-01", assisted=("X9",)))
    with pytest.raises(CaseFileError, match="expected the id of one of assisted_parties"):
        to_case(data)
    inline = v2(act("A1", "2023-01-01", assisted=(GANG,)))
    with pytest.raises(CaseFileError, match="declared once under assisted_parties"):
        to_case(inline)


# ----------------------------------------------------------------------------- 7: co-perpetrators


def together(*people, **changes) -> dict:
    a = act("A1", "2023-05-01", "520000", **changes)
    del a["actor"]
    a["actors"] = list(people)
    parties = [{"id": "P1", "kind": "person", "name": "陈某"}, {"id": "P2", "kind": "person", "name": "褚某"}]
    return v2(a, parties=parties)


def test_an_act_done_together_gives_each_person_their_conclusions():
    report = build(to_case(together("P1", "P2")), "t.json", "en")
    offences = [c for c in report.conclusions if c.id == "cl.287-2"]
    assert [(c.subject, c.party, c.status) for c in offences] == [("A1", "P1", "holds"), ("A1", "P2", "holds")]
    joint = [c for c in report.conclusions if c.id == "cl.25"]
    assert [c.party for c in joint] == ["P1", "P2"]
    assert any("P2" in n for n in joint[0].notes)


def test_each_person_has_their_own_knowledge():
    knows = {"party": "P1", "knowledge": {"proven": True, "evidence": "供述"}}
    unsure = {"party": "P2", "knowledge": {"proven": "unknown"}}
    data = together(knows, unsure)
    del data["acts"][0]["knowledge"]
    report = build(to_case(data), "t.json", "en")
    status = {c.party: c.certainty for c in report.conclusions if c.id == "cl.287-2"}
    assert status == {"P1": "established", "P2": "possible"}


def test_each_person_is_liable_for_the_whole_amount():
    r = run(together("P1", "P2"))
    for person in ("P1", "P2"):
        subject = Function("by", [A1, String(person)])
        assert r.holds("interp.12.1.2", subject)  # CNY 520,000 each
        assert r.holds("cl.287-2", subject)


def test_a_finding_may_be_about_one_of_them():
    finding = {"provision": "interp.15.trivial", "subject": "A1", "party": "P2", "holds": True, "reason": "仅偶然参与"}
    data = together("P1", "P2")
    data["findings"] = [finding]
    r = run(data)
    assert r.holds("cl.287-2", Function("by", [A1, String("P1")]))
    assert not r.holds("cl.287-2", Function("by", [A1, String("P2")]))


# ----------------------------------------------------------------------------- 8: units


def unit_case() -> dict:
    parties = [
        {
            "id": "P1",
            "kind": "unit",
            "name": "某网络科技有限公司",
            "responsible_persons": [{"person": "P2", "role": "manager"}, {"person": "P3", "role": "staff"}],
        },
        {"id": "P2", "kind": "person", "name": "卫某"},
        {"id": "P3", "kind": "person", "name": "蒋某"},
    ]
    return v2(act("A1", "2023-05-01", "520000"), parties=parties)


def test_a_unit_is_only_fined():
    r = run(unit_case())
    assert r.holds("cl.287-2", A1)
    penalties = {s.arguments[2].name for s in r.model if s.name == "penalty" and s.arguments[1] == A1}
    assert penalties == {"unit_fine"}
    assert not r.holds("cl.72", A1)  # no suspended sentence for a unit
    assert not r.holds("interp.17", A1)  # no occupational ban, no injunction


def test_its_responsible_persons_get_the_range_and_the_measures():
    r = run(unit_case())
    for person in ("P2", "P3"):
        subject = Function("resp", [A1, String(person)])
        assert r.holds("interp.14.person", subject)
        assert r.holds("cl.72", subject)
        assert r.holds("interp.17", subject)
        kinds = {s.arguments[2].name for s in r.model if s.name == "penalty" and s.arguments[1] == subject}
        assert kinds == {"fixed_term", "criminal_detention", "fine_alone_or_additional"}


def test_responsible_persons_are_shown_by_name():
    report = build(to_case(unit_case()), "t.json", "zh")
    persons = [c for c in report.conclusions if c.id == "interp.14.person"]
    assert [c.party for c in persons] == ["P2", "P3"]


def test_a_joint_crime_needs_a_second_person_who_commits_it_intentionally():
    # 共同犯罪是指二人以上共同故意犯罪: with 褚某's knowledge open, so is the joint crime for both; with
    # her knowledge not proven, 陈某 alone commits the offence, and it is no joint crime
    knows = {"party": "P1", "knowledge": {"proven": True, "evidence": "供述"}}
    for theirs, want in (({"proven": "unknown"}, "possible"), ({"proven": False}, "excluded")):
        data = together(knows, {"party": "P2", "knowledge": theirs})
        del data["acts"][0]["knowledge"]
        report = build(to_case(data), "t.json", "en")
        joint = {c.party: c.certainty for c in report.conclusions if c.id == "cl.25"}
        offence = {c.party: c.certainty for c in report.conclusions if c.id == "cl.287-2"}
        assert joint == {"P1": want, "P2": want}, theirs
        assert offence["P1"] == "established"
    both = build(to_case(together("P1", "P2")), "t.json", "en")
    assert {c.party: c.certainty for c in both.conclusions if c.id == "cl.25"} == {
        "P1": "established",
        "P2": "established",
    }
