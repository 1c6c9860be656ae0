"""刑法第二百八十六条之一: the offence, the unit paragraph, the competing-offence paragraph, penalties."""

from __future__ import annotations

import pytest
from conftest import holds, make_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.parameters import parameters
from reasoner.law.terms import Function, Number, String

ELEMENTS = ["provider", "duty", "ordered", "refused", "circumstance"]
A1 = String("A1")


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


MAX_MONTHS = param("cl.286-1", "max_fixed_term_months")


def full_case(**act) -> dict:
    """BASE plus a circumstance: 500 items of credit information leaked (Art 4 (1))."""
    return make_case(act={"leak": {"credit": 500}, **act})


def person_case() -> dict:
    data = full_case()
    data["parties"][0] = {
        "id": "P1",
        "kind": "person",
        "name": "李某",
        "services": [{"category": "website_building"}],
    }
    return data


def penalties(result) -> dict[str, tuple[int, int]]:
    """Each statutory penalty with its bounds in months (the general part's minimum, the article's maximum)."""
    return {
        s.arguments[2].name: (s.arguments[3].number, s.arguments[4].number)
        for s in result.model
        if s.name == "penalty" and s.arguments[0] == String("cl.286-1") and s.arguments[1] == A1
    }


def liable(result) -> set:
    return {s for s in result.model if s.name == "liable" and s.arguments[0] == String("cl.286-1.2")}


# ----------------------------------------------------------------------------- the offence


def test_offence_holds_when_every_element_holds():
    data = full_case()
    for e in ELEMENTS:
        assert holds(data, f"cl.286-1.1.{e}"), e
    assert holds(data, "cl.286-1")


def _no_services(d: dict) -> None:
    d["parties"][0]["services"] = []


def _duty_performed(d: dict) -> None:
    d["acts"][0]["duty_not_performed"] = False


def _duty_unrecorded(d: dict) -> None:
    del d["acts"][0]["duty_not_performed"]


def _oral_order(d: dict) -> None:
    d["orders"][0]["form"] = "oral"


def _no_basis(d: dict) -> None:
    d["orders"][0]["legal_basis"] = []


def _departmental_rule_only(d: dict) -> None:
    d["orders"][0]["legal_basis"] = [{"kind": "departmental_rule", "name": "某部门规章"}]


def _local_regulation_only(d: dict) -> None:
    d["orders"][0]["legal_basis"] = [{"kind": "local_regulation", "name": "某地方性法规"}]


def _complied(d: dict) -> None:
    d["orders"][0]["response"] = {"complied": True}


def _no_capacity(d: dict) -> None:
    d["orders"][0]["capacity_to_comply"] = False


def _no_reasonableness_finding(d: dict) -> None:
    d["findings"] = []


def _unnamed_issuer_without_duty(d: dict) -> None:
    d["orders"][0]["issuer"] = {"name": "某协会", "kind": "other", "statutory_duty": False}


def _no_order(d: dict) -> None:
    del d["acts"][0]["order"]


def _no_circumstance(d: dict) -> None:
    del d["acts"][0]["leak"]


@pytest.mark.parametrize(
    "remove,failing",
    [
        (_no_services, "provider"),
        (_duty_performed, "duty"),
        (_duty_unrecorded, "duty"),
        (_oral_order, "ordered"),
        (_unnamed_issuer_without_duty, "ordered"),
        (_no_order, "ordered"),
        (_no_basis, "refused"),
        (_departmental_rule_only, "refused"),
        (_local_regulation_only, "refused"),
        (_complied, "refused"),
        (_no_capacity, "refused"),
        (_no_reasonableness_finding, "refused"),
        (_no_circumstance, "circumstance"),
    ],
    ids=lambda v: v.__name__.strip("_") if callable(v) else v,
)
def test_offence_fails_when_one_element_is_removed(remove, failing):
    data = full_case()
    remove(data)
    assert not holds(data, f"cl.286-1.1.{failing}")
    assert not holds(data, "cl.286-1")
    # The other substantive elements are untouched (an oral order also fails refusal: Art 2 ¶1
    # defines the order that ¶2 speaks of).
    untouched = {"provider", "duty", "circumstance"} - {failing}
    for e in untouched:
        assert holds(data, f"cl.286-1.1.{e}"), e


def test_a_person_can_commit_the_offence():
    data = person_case()
    assert holds(data, "cl.286-1")
    r = run(data)
    assert not r.holds("cl.286-1.2", A1)
    assert liable(r) == set()


# ----------------------------------------------------------------------------- ¶2: unit


def test_unit_paragraph_holds_for_a_unit():
    data = full_case()
    r = run(data)
    assert r.holds("cl.286-1", A1)
    assert r.holds("cl.286-1.2", A1)
    assert Function("liable", [String("cl.286-1.2"), A1, String("P2"), Function("manager")]) in r.model


def test_unit_paragraph_names_every_responsible_person_with_role():
    data = full_case()
    data["parties"][0]["responsible_persons"].append({"person": "P3", "role": "staff"})
    data["parties"].append({"id": "P3", "kind": "person", "name": "王某"})
    r = run(data)
    assert liable(r) == {
        Function("liable", [String("cl.286-1.2"), A1, String("P2"), Function("manager")]),
        Function("liable", [String("cl.286-1.2"), A1, String("P3"), Function("staff")]),
    }


def test_unit_paragraph_does_not_hold_for_a_person():
    assert not holds(person_case(), "cl.286-1.2")


def test_unit_paragraph_needs_the_offence():
    r = run(make_case())
    assert not r.holds("cl.286-1", A1)
    assert not r.holds("cl.286-1.2", A1)
    assert liable(r) == set()


# ----------------------------------------------------------------------------- ¶3: other crime


def test_competing_offence_paragraph_holds_when_other_crime_recorded():
    assert holds(full_case(also_other_crime=["侵犯公民个人信息罪"]), "cl.286-1.3")


def test_competing_offence_paragraph_needs_a_recorded_other_crime():
    data = full_case()
    assert holds(data, "cl.286-1")
    assert not holds(data, "cl.286-1.3")


def test_competing_offence_paragraph_needs_the_offence():
    data = make_case(act={"also_other_crime": ["侵犯公民个人信息罪"]})
    assert not holds(data, "cl.286-1")
    assert not holds(data, "cl.286-1.3")


def test_competing_offence_paragraph_applies_to_a_person_too():
    # 有前两款行为: ¶1 (any provider) or ¶2 (a unit).
    data = person_case()
    data["acts"][0]["also_other_crime"] = ["帮助信息网络犯罪活动罪"]
    assert holds(data, "cl.286-1.3")


# ----------------------------------------------------------------------------- penalties


def test_a_unit_is_fined_and_its_persons_answer_under_paragraph_1():
    # ¶2: 对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员，依照前款的规定处罚。
    r = run(full_case())
    assert penalties(r) == {"unit_fine": (0, 0)}
    assert Function("liable", [String("cl.286-1.2"), A1, String("P2"), Function("manager")]) in r.model


def test_statutory_penalties_of_a_person_are_those_of_paragraph_1():
    r = run(person_case())
    assert MAX_MONTHS == 36  # 三年以下有期徒刑
    assert Function("penalty", [String("cl.286-1"), A1, Function("fixed_term"), Number(6), Number(36)]) in r.model
    assert penalties(r) == {
        "fixed_term": (6, MAX_MONTHS),  # 六个月以上 (CL 45), 三年以下
        "criminal_detention": (1, 6),  # 拘役 (CL 42)
        "public_surveillance": (3, 24),  # 管制 (CL 38)
        "fine_alone_or_additional": (0, 0),  # 并处或者单处罚金
    }


def test_statutory_penalties_for_a_person():
    assert set(penalties(run(person_case()))) == {
        "fixed_term",
        "criminal_detention",
        "public_surveillance",
        "fine_alone_or_additional",
    }


@pytest.mark.parametrize("remove", [_no_circumstance, _complied, _no_services, _oral_order])
def test_no_penalties_when_the_offence_does_not_hold(remove):
    data = full_case()
    remove(data)
    r = run(data)
    assert not r.holds("cl.286-1", A1)
    assert penalties(r) == {}
    assert not any(s.name == "penalty" for s in r.model)


# ----------------------------------------------------------------------------- discretionary


def _conclusion(data: dict, pid: str, subject: str = "A1"):
    report = build(to_case(data), "t.json", "zh")
    found = [c for c in report.conclusions if c.id == pid and c.subject == subject]
    assert len(found) == 1, [(c.id, c.subject) for c in report.conclusions]
    return found[0]


def test_offence_resting_on_a_finding_is_discretionary():
    # BASE's refusal rests on the interp.2.2.2 finding (measures and deadline 明确、合理).
    c = _conclusion(full_case(), "cl.286-1")
    assert c.status == "holds"
    assert c.discretionary is True


def test_offence_not_established_is_not_marked_discretionary():
    c = _conclusion(make_case(), "cl.286-1")
    assert c.status == "not_established"
    assert c.discretionary is False


def test_conclusion_on_counts_alone_is_not_discretionary():
    c = _conclusion(full_case(), "interp.4.1.1")
    assert c.status == "holds"
    assert c.discretionary is False
