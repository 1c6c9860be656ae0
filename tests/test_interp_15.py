"""法释〔2019〕15号 第十五条: slight circumstances open non-prosecution or exemption; clearly slight
circumstances with small harm take the conduct out of the offence although its elements are met."""

from __future__ import annotations

from conftest import assist_act, assist_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.terms import Function, String

A1 = String("A1")


def finding(pid: str, holds: bool = True) -> dict:
    return {"provision": pid, "subject": "A1", "holds": holds, "reason": "初犯，如实供述，退缴违法所得", "by": "检察官"}


def test_no_finding_no_effect():
    r = run(assist_case())
    assert r.holds("cl.287-2", A1)
    assert not r.holds("interp.15.slight", A1) and not r.holds("interp.15.trivial", A1)


def test_slight_keeps_the_offence_and_opens_non_prosecution():
    r = run(assist_case(findings=[finding("interp.15.slight")]))
    assert r.holds("cl.287-2", A1) and r.holds("interp.15.slight", A1)
    assert Function("note", [String("interp.15.slight"), A1, Function("may_not_prosecute_or_exempt")]) in r.model


def test_trivial_takes_the_conduct_out_of_the_offence_though_its_elements_hold():
    data = assist_case(findings=[finding("interp.15.trivial")])
    r = run(data)
    assert r.holds("cl.287-2.1", A1) and r.holds("interp.15.trivial", A1)
    assert not r.holds("cl.287-2", A1)
    assert not r.holds("interp.17", A1) and not r.holds("cl.72", A1)  # no penalty, no measures
    report = build(to_case(data), "t.json", "en")
    offence = next(c for c in report.conclusions if c.id == "cl.287-2")
    texts = [c.text for route in offence.routes for c in route]
    assert any("not treated as a crime" in t for t in texts), texts
    trivial = next(c for c in report.conclusions if c.id == "interp.15.trivial")
    assert trivial.discretionary and trivial.findings == ["findings[0]"]


def test_trivial_finding_needs_the_elements():
    """Below the threshold there is no offence to take out: Art 15 does not hold."""
    r = run(assist_case(assist_act(settled="199999.99"), findings=[finding("interp.15.trivial")]))
    assert not r.holds("interp.15.trivial", A1) and not r.holds("cl.287-2", A1)


def test_slight_finding_on_a_non_offence_does_nothing():
    r = run(assist_case(assist_act(settled="199999.99"), findings=[finding("interp.15.slight")]))
    assert not r.holds("interp.15.slight", A1)
