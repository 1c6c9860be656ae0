"""刑法第二百八十七条之一: the offence, the unit paragraph, the competing-offence paragraph, penalties."""

from __future__ import annotations

import pytest
from conftest import run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.parameters import parameters
from reasoner.law.terms import Function, Number, String

A1 = String("A1")
ITEMS = ["cl.287-1.1.1", "cl.287-1.1.2", "cl.287-1.1.3"]


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


MAX_MONTHS = param("cl.287-1", "max_fixed_term_months")
MEMBERS = param("interp.10.1.3", "members")
ITEMS_ON_WEBSITES = param("interp.10.1.4.1", "items")


def site(sid: str = "G1", kind: str = "group", purpose: str = "set_up_for_illegal_activity", **extra) -> dict:
    return {
        "id": sid,
        "kind": kind,
        "purpose": purpose,
        "activity": {"kind": "fraud", "legal_character": "crime"},
        **extra,
    }


def publishing(content: str = "illegal_articles_or_activity_info", character: str = "crime", **counts) -> dict:
    return {
        "content": content,
        "activity": {"kind": "prohibited_articles", "legal_character": character},
        "methods": ["post", "qr_code"],
        **counts,
    }


def case(actor_kind: str = "person", findings: list[dict] | None = None, **act) -> dict:
    """Party P1 (a person, or a unit whose manager is P2) and one act A1 of illegal use of networks."""
    p1: dict = {"id": "P1", "kind": actor_kind, "name": "孙某" if actor_kind == "person" else "某网络科技有限公司"}
    if actor_kind == "unit":
        p1["responsible_persons"] = [{"person": "P2", "role": "manager"}]
    return {
        "case": {"id": "t"},
        "parties": [p1, {"id": "P2", "kind": "person", "name": "周某"}],
        "acts": [{"id": "A1", "actor": "P1", "kind": "illegal_use_of_network", "date": "2023-05-01", **act}],
        "findings": findings or [],
    }


def finding(provision: str, subject: str = "A1") -> dict:
    return {"provision": provision, "subject": subject, "holds": True, "reason": "审查认定情节严重"}


#: Conduct and serious circumstances, one case for each item of ¶1.
FULL = {
    # item (1) + Art 10 (3): groups set up for fraud, 1,000 members in total
    "cl.287-1.1.1": lambda **kw: case(sites=[site("G1", members=MEMBERS // 2), site("G2", members=MEMBERS // 2)], **kw),
    # item (2) + Art 10 (4) 1: 100 items on websites
    "cl.287-1.1.2": lambda **kw: case(publishing=publishing(items_on_websites=ITEMS_ON_WEBSITES), **kw),
    # item (3) + Art 10 (5): ¥10,000 illegal gains
    "cl.287-1.1.3": lambda **kw: case(
        publishing=publishing(content="info_for_illegal_activity"), illegal_gains=10000, **kw
    ),
}


def full_case(**kw) -> dict:
    return FULL["cl.287-1.1.1"](**kw)


def penalties(result) -> dict[str, tuple[int, int]]:
    """Each statutory penalty with its bounds in months (the general part's minimum, the article's maximum)."""
    return {
        s.arguments[2].name: (s.arguments[3].number, s.arguments[4].number)
        for s in result.model
        if s.name == "penalty" and s.arguments[0] == String("cl.287-1") and s.arguments[1] == A1
    }


def liable(result) -> set:
    return {s for s in result.model if s.name == "liable" and s.arguments[0] == String("cl.287-1.2")}


def manager_liable(subject: str = "A1") -> Function:
    return Function("liable", [String("cl.287-1.2"), String(subject), String("P2"), Function("manager")])


# ----------------------------------------------------------------------------- the offence


@pytest.mark.parametrize("item", ITEMS)
def test_offence_holds_with_conduct_and_serious_circumstances(item):
    r = run(FULL[item]())
    assert {i for i in ITEMS if r.holds(i, A1)} == {item}
    assert r.holds("cl.287-1.1.conduct", A1)
    assert r.holds("cl.287-1.1.serious", A1)
    assert r.holds("cl.287-1", A1)


def test_offence_fails_without_serious_circumstances():
    # 情节严重 is an element: one group of 999 members is conduct under item (1), not yet a crime.
    r = run(case(sites=[site(members=MEMBERS - 1)]))
    assert r.holds("cl.287-1.1.conduct", A1)
    assert not r.holds("cl.287-1.1.serious", A1)
    assert not r.holds("cl.287-1", A1)


def test_offence_fails_without_publishing_enough():
    r = run(case(publishing=publishing(items_on_websites=ITEMS_ON_WEBSITES - 1)))
    assert r.holds("cl.287-1.1.2", A1)
    assert not r.holds("cl.287-1.1.serious", A1)
    assert not r.holds("cl.287-1", A1)


@pytest.mark.parametrize(
    "sites",
    [
        [site("G1", members=MEMBERS, purpose="other")],
        [site("G1", members=MEMBERS, purpose="used_mainly_for_illegal_activity")],  # no finding on 主要用于
        [site("W1", kind="website", purpose="other", impersonates="state_organ", registered_accounts=5000)],
    ],
    ids=["purpose-other", "main-use-without-finding", "impersonating-website-for-other-purpose"],
)
def test_offence_fails_without_conduct(sites):
    data = case(sites=sites, illegal_gains=50000, findings=[finding("interp.10.1.7")])
    r = run(data)
    assert not r.holds("cl.287-1.1.conduct", A1)
    assert not r.holds("cl.287-1.1.serious", A1)
    assert not r.holds("cl.287-1", A1)


def test_offence_fails_when_the_information_is_not_about_illegal_or_criminal_activity():
    # Art 7: an ordinary violation that is no type of conduct in the Specific Provisions is not 违法犯罪.
    data = case(publishing=publishing(character="other_violation", items_on_websites=ITEMS_ON_WEBSITES))
    r = run(data)
    assert not r.holds("cl.287-1.1.conduct", A1)
    assert not r.holds("cl.287-1", A1)


def test_offence_holds_for_an_illegal_act_of_criminal_type():
    # Art 7: 属于刑法分则规定的行为类型但尚未构成犯罪的违法行为 is enough.
    data = case(publishing=publishing(character="illegal_act_of_criminal_type", items_on_websites=ITEMS_ON_WEBSITES))
    assert run(data).holds("cl.287-1", A1)


def test_offence_is_decided_act_by_act():
    data = full_case()
    data["acts"].append(
        {
            "id": "A2",
            "actor": "P1",
            "kind": "illegal_use_of_network",
            "date": "2023-06-01",
            "sites": [site("G9", members=MEMBERS - 1)],
        }
    )
    r = run(data)
    assert r.holds("cl.287-1", A1)
    assert not r.holds("cl.287-1", String("A2"))


# ----------------------------------------------------------------------------- ¶2: unit


def test_unit_paragraph_holds_for_a_unit():
    r = run(full_case(actor_kind="unit"))
    assert r.holds("cl.287-1", A1)
    assert r.holds("cl.287-1.2", A1)
    assert liable(r) == {manager_liable()}


def test_unit_paragraph_names_every_responsible_person_with_role():
    data = full_case(actor_kind="unit")
    data["parties"][0]["responsible_persons"].append({"person": "P3", "role": "staff"})
    data["parties"].append({"id": "P3", "kind": "person", "name": "吴某"})
    r = run(data)
    assert liable(r) == {
        manager_liable(),
        Function("liable", [String("cl.287-1.2"), A1, String("P3"), Function("staff")]),
    }


@pytest.mark.parametrize("item", ITEMS)
def test_unit_paragraph_does_not_hold_for_a_person(item):
    r = run(FULL[item]())
    assert r.holds("cl.287-1", A1)
    assert not r.holds("cl.287-1.2", A1)
    assert liable(r) == set()


def test_unit_paragraph_needs_the_offence():
    r = run(case(actor_kind="unit", sites=[site(members=MEMBERS - 1)]))
    assert not r.holds("cl.287-1", A1)
    assert not r.holds("cl.287-1.2", A1)
    assert liable(r) == set()


# ----------------------------------------------------------------------------- ¶3: other crime


def test_competing_offence_paragraph_holds_when_other_crime_recorded():
    assert run(full_case(also_other_crime=["诈骗罪"])).holds("cl.287-1.3", A1)


def test_competing_offence_paragraph_applies_to_a_unit():
    assert run(full_case(actor_kind="unit", also_other_crime=["开设赌场罪"])).holds("cl.287-1.3", A1)


def test_competing_offence_paragraph_needs_a_recorded_other_crime():
    r = run(full_case())
    assert r.holds("cl.287-1", A1)
    assert not r.holds("cl.287-1.3", A1)


def test_competing_offence_paragraph_needs_the_offence():
    r = run(case(sites=[site(members=MEMBERS - 1)], also_other_crime=["诈骗罪"]))
    assert not r.holds("cl.287-1", A1)
    assert not r.holds("cl.287-1.3", A1)


# ----------------------------------------------------------------------------- penalties


def test_statutory_penalties_of_a_person():
    # 处三年以下有期徒刑或者拘役，并处或者单处罚金 — no 管制, unlike CL 286-1.
    r = run(full_case())
    assert MAX_MONTHS == 36
    assert Function("penalty", [String("cl.287-1"), A1, Function("fixed_term"), Number(6), Number(36)]) in r.model
    assert penalties(r) == {
        "fixed_term": (6, 36),
        "criminal_detention": (1, 6),  # 拘役
        "fine_alone_or_additional": (0, 0),  # 并处或者单处罚金
    }


@pytest.mark.parametrize("item", ITEMS)
def test_no_public_surveillance_for_287_1(item):
    r = run(FULL[item]())
    assert "public_surveillance" not in penalties(r)
    assert not any(s.name == "penalty" and s.arguments[2] == Function("public_surveillance") for s in r.model)
    assert "unit_fine" not in penalties(r)


def test_a_unit_is_fined_only():
    # ¶2: 对单位判处罚金; its persons answer under ¶1 (liable), not through the unit's penalty atoms.
    r = run(full_case(actor_kind="unit"))
    assert penalties(r) == {"unit_fine": (0, 0)}
    assert manager_liable() in r.model


@pytest.mark.parametrize("actor_kind", ["person", "unit"])
def test_no_penalties_when_the_offence_does_not_hold(actor_kind):
    r = run(case(actor_kind=actor_kind, sites=[site(members=MEMBERS - 1)]))
    assert not r.holds("cl.287-1", A1)
    assert penalties(r) == {}
    assert not any(s.name == "penalty" for s in r.model)


# ----------------------------------------------------------------------------- conclusions


def _conclusion(data: dict, pid: str = "cl.287-1", subject: str = "A1"):
    report = build(to_case(data), "t.json", "zh")
    found = [c for c in report.conclusions if c.id == pid and c.subject == subject]
    assert len(found) == 1, [(c.id, c.subject) for c in report.conclusions]
    return found[0]


def test_offence_on_counts_alone_is_not_discretionary():
    c = _conclusion(full_case())
    assert c.status == "holds"
    assert c.discretionary is False


def test_offence_resting_on_item_7_is_discretionary():
    data = case(sites=[site(members=MEMBERS - 1)], findings=[finding("interp.10.1.7")])
    c = _conclusion(data)
    assert c.status == "holds"
    assert c.discretionary is True
    assert c.findings == ["findings[0]"]


def test_offence_not_established_is_reported_as_such():
    c = _conclusion(case(sites=[site(members=MEMBERS - 1)]))
    assert c.status == "not_established"
    assert c.discretionary is False
