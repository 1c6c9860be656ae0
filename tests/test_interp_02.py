"""法释〔2019〕15号 第二条: the regulator's order (¶1) and refusal to correct (¶2), CL 286-1 ¶1."""

from __future__ import annotations

import pytest
from conftest import holds, make_case, to_case

from reasoner.explain.conclusions import build

# Art 2 ¶2 names three factors; the refusal itself (after the deadline) is its own conclusion
FACTORS = [*(f"interp.2.2.{n}" for n in range(1, 4)), "interp.2.2.refused"]
#: Item (1) reached, so that every element of CL 286-1 but refusal is in place.
CIRCUMSTANCE = {"quantities": {"illegal_videos": 10_000}}


def issuer(kind: str, **more) -> dict:
    return {"issuer": {"name": "某部门", "kind": kind, **more}}


def finding(provision: str, subject: str = "O1", value: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": value, "reason": "审查认定"}


def without_measures_finding(**changes) -> dict:
    """BASE without its finding that the measures and deadline were clear and reasonable."""
    return make_case(findings=[], **changes)


def with_second_order(**changes) -> dict:
    """BASE plus an order O2 like O1 (no findings about O2)."""
    data = make_case(**changes)
    data["orders"].append({**data["orders"][0], "id": "O2"})
    return data


def holding_factors(data: dict) -> set[str]:
    return {f for f in FACTORS if holds(data, f, "O1")}


def test_base_order_qualifies_and_was_refused():
    data = make_case()
    assert holds(data, "interp.2.1", "O1")
    assert holding_factors(data) == set(FACTORS)
    assert holds(data, "interp.2.2", "O1")
    assert holds(data, "cl.286-1.1.ordered")
    assert holds(data, "cl.286-1.1.refused")


# ----------------------------------------------------------------------------- ¶1: the department


@pytest.mark.parametrize("kind", ["cyberspace", "telecom", "public_security"])
def test_named_regulator_qualifies(kind):
    # 网信、电信、公安: the text's own examples.
    data = make_case(order=issuer(kind))
    assert holds(data, "interp.2.1", "O1")
    assert holds(data, "cl.286-1.1.ordered")


def test_other_department_with_statutory_duty_qualifies():
    # 等依照法律、行政法规的规定承担信息网络安全监管职责的部门
    data = make_case(order=issuer("other", statutory_duty=True))
    assert holds(data, "interp.2.1", "O1")
    assert holds(data, "cl.286-1.1.ordered")


@pytest.mark.parametrize("duty", [False, "unknown"])
def test_other_department_without_established_statutory_duty_does_not_qualify(duty):
    data = make_case(order=issuer("other", statutory_duty=duty), act=CIRCUMSTANCE)
    assert not holds(data, "interp.2.1", "O1")
    assert not holds(data, "cl.286-1.1.ordered")
    assert not holds(data, "interp.2.2", "O1")
    assert not holds(data, "cl.286-1")


def test_other_department_with_duty_left_out_does_not_qualify():
    data = make_case(order=issuer("other"))  # statutory_duty defaults to unknown
    assert not holds(data, "interp.2.1", "O1")


# ----------------------------------------------------------------------------- ¶1: the form


@pytest.mark.parametrize("form", ["rectification_notice", "other_document"])
def test_written_form_qualifies(form):
    # 以责令整改通知书或者其他文书形式
    data = make_case(order={"form": form})
    assert holds(data, "interp.2.1", "O1")
    assert holds(data, "cl.286-1.1.ordered")


@pytest.mark.parametrize("form", ["oral", "unknown"])
def test_order_not_shown_to_be_in_writing_does_not_qualify(form):
    data = make_case(order={"form": form}, act=CIRCUMSTANCE)
    assert not holds(data, "interp.2.1", "O1")
    assert not holds(data, "cl.286-1.1.ordered")
    assert not holds(data, "interp.2.2", "O1")
    assert not holds(data, "cl.286-1.1.refused")
    assert not holds(data, "cl.286-1")


# ----------------------------------------------------------------------------- ¶2 factor 1: legal basis


@pytest.mark.parametrize("kind", ["law", "administrative_regulation"])
def test_basis_in_law_or_administrative_regulation_holds(kind):
    # 是否具有法律、行政法规依据
    data = make_case(order={"legal_basis": [{"kind": kind, "name": "依据"}]})
    assert holds(data, "interp.2.2.1", "O1")
    assert holds(data, "interp.2.2", "O1")


@pytest.mark.parametrize("kind", ["departmental_rule", "local_regulation", "other"])
def test_basis_below_administrative_regulation_does_not_hold(kind):
    data = make_case(order={"legal_basis": [{"kind": kind, "name": "依据"}]})
    assert not holds(data, "interp.2.2.1", "O1")
    assert not holds(data, "interp.2.2", "O1")


def test_no_legal_basis_does_not_hold():
    data = make_case(order={"legal_basis": []})
    assert not holds(data, "interp.2.2.1", "O1")
    assert not holds(data, "interp.2.2", "O1")


def test_unknown_legal_basis_does_not_hold():
    data = make_case(order={"legal_basis": "unknown"})
    assert not holds(data, "interp.2.2.1", "O1")
    assert not holds(data, "interp.2.2", "O1")


def test_one_statutory_basis_among_others_is_enough():
    bases = [{"kind": "departmental_rule", "name": "部门规章"}, {"kind": "law", "name": "网络安全法"}]
    assert holds(make_case(order={"legal_basis": bases}), "interp.2.2.1", "O1")


# ----------------------------------------------------------------------------- ¶2 factor 2: measures


def test_measures_clear_and_reasonable_holds_on_a_finding():
    # 改正措施及期限要求是否明确、合理: evaluative, established by a reviewer finding.
    assert holds(make_case(), "interp.2.2.2", "O1")


def test_measures_without_a_finding_do_not_hold():
    data = without_measures_finding()
    assert not holds(data, "interp.2.2.2", "O1")
    assert not holds(data, "interp.2.2", "O1")


def test_measures_with_a_negative_finding_do_not_hold():
    data = make_case(findings=[finding("interp.2.2.2", value=False)])
    assert not holds(data, "interp.2.2.2", "O1")
    assert not holds(data, "interp.2.2", "O1")


def test_measures_finding_about_another_order_does_not_count():
    data = with_second_order(findings=[finding("interp.2.2.2", subject="O2")])
    assert holds(data, "interp.2.2.2", "O2")
    assert not holds(data, "interp.2.2.2", "O1")


# ----------------------------------------------------------------------------- ¶2 factor 3: capacity


def test_capacity_to_comply_holds():
    assert holds(make_case(order={"capacity_to_comply": True}), "interp.2.2.3", "O1")


@pytest.mark.parametrize("capacity", [False, "unknown"])
def test_capacity_not_established_does_not_hold(capacity):
    # 网络服务提供者是否具有按照要求采取改正措施的能力
    data = make_case(order={"capacity_to_comply": capacity})
    assert not holds(data, "interp.2.2.3", "O1")
    assert not holds(data, "interp.2.2", "O1")


# ----------------------------------------------------------------------------- ¶2 factor 4: not complied


def test_not_complied_holds():
    assert holds(make_case(order={"response": {"complied": False}}), "interp.2.2.refused", "O1")


@pytest.mark.parametrize("complied", [True, "unknown"])
def test_compliance_or_unknown_response_is_not_refusal(complied):
    # 拒不改正: a provider that corrected, or of whom it is not known, did not refuse.
    data = make_case(order={"response": {"complied": complied}}, act=CIRCUMSTANCE)
    assert not holds(data, "interp.2.2.refused", "O1")
    assert not holds(data, "interp.2.2", "O1")
    assert not holds(data, "cl.286-1.1.refused")
    assert not holds(data, "cl.286-1")


# ----------------------------------------------------------------------------- ¶2: all factors together

#: For each factor, a change to BASE that removes it (and only it).
MISSING = {
    "interp.2.2.1": lambda: make_case(order={"legal_basis": [{"kind": "departmental_rule", "name": "规章"}]}),
    "interp.2.2.2": lambda: without_measures_finding(),
    "interp.2.2.3": lambda: make_case(order={"capacity_to_comply": False}),
    "interp.2.2.refused": lambda: make_case(order={"response": {"complied": True}}),
}


@pytest.mark.parametrize("factor", FACTORS)
def test_refusal_requires_every_factor(factor):
    data = MISSING[factor]()
    data["acts"][0].update(CIRCUMSTANCE)
    assert holding_factors(data) == set(FACTORS) - {factor}
    assert holds(data, "interp.2.1", "O1")
    assert not holds(data, "interp.2.2", "O1")
    assert not holds(data, "cl.286-1.1.refused")
    assert not holds(data, "cl.286-1")


def test_refusal_with_every_factor_makes_the_offence_with_a_circumstance():
    data = make_case(act=CIRCUMSTANCE)
    assert holds(data, "interp.2.2", "O1")
    assert holds(data, "cl.286-1")


def test_negative_finding_on_refusal_defeats_it_even_with_every_factor():
    # 综合考虑……等因素进行判断: the overall judgment may go against refusal.
    data = make_case(act=CIRCUMSTANCE, add_findings=[finding("interp.2.2", value=False)])
    assert holding_factors(data) == set(FACTORS)
    assert holds(data, "interp.2.1", "O1")
    assert not holds(data, "interp.2.2", "O1")
    assert not holds(data, "cl.286-1.1.refused")
    assert not holds(data, "cl.286-1")


def test_negative_finding_about_another_order_does_not_defeat_refusal():
    data = with_second_order(add_findings=[finding("interp.2.2", subject="O2", value=False)])
    assert not holds(data, "interp.2.2", "O2")
    assert holds(data, "interp.2.2", "O1")


# ----------------------------------------------------------------------------- the JSON conclusion


def report_json(data: dict) -> dict:
    return build(to_case(data), "t.json", "en").to_json()


def refusal_conclusion(report: dict) -> dict:
    found = [c for c in report["conclusions"] if c["id"] == "interp.2.2" and c["subject"] == "O1"]
    assert len(found) == 1
    return found[0]


def element_status(conclusion: dict) -> dict[str, str]:
    """The status of each element of interp.2.2 in its why-not route."""
    routes = conclusion["why_not"]
    assert len(routes) == 1  # one rule derives interp.2.2
    return {c["provision"]: c["status"] for c in routes[0] if c["condition"] == "element"}


def resolve(node: dict, table: dict[str, dict]) -> dict:
    """An explanation node, following a reference into the report's table of explanations."""
    return table[node["ref"]] if "ref" in node else node


@pytest.mark.parametrize("factor", FACTORS)
def test_json_conclusion_names_the_missing_factor(factor):
    conclusion = refusal_conclusion(report_json(MISSING[factor]()))
    assert conclusion["status"] == "not_established"
    expected = {f: "met" for f in FACTORS} | {"interp.2.1": "met", factor: "not_met"}
    assert element_status(conclusion) == expected


def test_json_conclusion_holds_with_every_factor():
    report = report_json(make_case())
    conclusion = refusal_conclusion(report)
    assert conclusion["status"] == "holds"
    assert "why_not" not in conclusion
    root = resolve(conclusion["explanation"], report["explanations"])
    children = {resolve(c, report["explanations"]).get("provision") for c in root["children"]}
    assert {"interp.2.1", *FACTORS} <= children
