"""法释〔2019〕15号 第十一条: knowledge (明知) presumed from indicators, unless counter-evidence rebuts it;
knowledge proven directly is not affected by counter-evidence."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from conftest import holds, run, to_case

from reasoner.case.errors import CaseFileError
from reasoner.explain.conclusions import build
from reasoner.law.terms import String

#: Item number -> the indicator recorded in the case file.
INDICATORS = {
    1: "notified_by_regulator",  # 经监管部门告知后仍然实施有关行为
    2: "ignored_reports",  # 接到举报后不履行法定管理职责
    3: "abnormal_price_or_method",  # 交易价格或者方式明显异常 (明显异常: a finding)
    4: "dedicated_tool",  # 提供专门用于违法犯罪的程序、工具
    5: "evasion_measures",  # 频繁采用隐蔽上网……逃避监管 (频繁: a finding)
    6: "helped_evasion",  # 为他人逃避监管或者规避调查提供技术支持、帮助
    7: "other",  # 其他足以认定行为人明知的情形 (a finding)
}
EVALUATIVE = {3, 5, 7}
ITEMS = [f"interp.11.1.{n}" for n in INDICATORS]
COUNTER = "行为人系应聘网络兼职被骗提供账户，发现异常后即向公安机关报案"


def finding(provision: str, subject: str = "A1", value: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": value, "reason": "审查认定"}


def case(knowledge: dict | None, findings: list[dict] | None = None) -> dict:
    """P1 settled ¥200,000 for a fraud ring whose crime is confirmed; knowledge as given."""
    act = {
        "id": "A1",
        "actor": "P1",
        "kind": "assist_network_crime",
        "date": "2023-05-01",
        "help": ["payment_settlement"],
        "assisted": [
            {
                "id": "X1",
                "description": "电信诈骗团伙",
                "uses_network": True,
                "reaches_crime": "yes",
                "crime": "诈骗罪",
                "confirmable": True,
            }
        ],
        "payment_settlement": "200000",
    }
    if knowledge is not None:
        act["knowledge"] = knowledge
    return copy.deepcopy(
        {
            "case": {"id": "t"},
            "parties": [{"id": "P1", "kind": "person", "name": "刘某"}],
            "acts": [act],
            "findings": findings or [],
        }
    )


def indicator_case(n: int, counter: list[str] | None = None, with_finding: bool = True, **knowledge) -> dict:
    """Knowledge resting on indicator (n) alone, with its finding where the item needs one."""
    k = {"indicators": [INDICATORS[n]], **knowledge}
    if counter:
        k["counter_evidence"] = counter
    findings = [finding(f"interp.11.1.{n}")] if with_finding and n in EVALUATIVE else []
    return case(k, findings)


def holding_items(data: dict) -> set[str]:
    r = run(data)
    return {i for i in ITEMS if r.holds(i, String("A1"))}


# ----------------------------------------------------------------------------- each indicator


@pytest.mark.parametrize("n", INDICATORS)
def test_each_indicator_raises_the_presumption(n):
    data = indicator_case(n)
    assert holding_items(data) == {f"interp.11.1.{n}"}
    assert holds(data, "interp.11.1")
    assert not holds(data, "interp.11.1.rebuttal")
    assert holds(data, "cl.287-2.1.knowledge")
    assert holds(data, "cl.287-2")


@pytest.mark.parametrize("n", sorted(EVALUATIVE))
def test_evaluative_indicator_needs_its_finding(n):
    data = indicator_case(n, with_finding=False)
    assert holding_items(data) == set()
    assert not holds(data, "interp.11.1")
    assert not holds(data, "cl.287-2.1.knowledge")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("n", sorted(EVALUATIVE))
def test_evaluative_indicator_not_on_a_negative_finding(n):
    data = case({"indicators": [INDICATORS[n]]}, [finding(f"interp.11.1.{n}", value=False)])
    assert not holds(data, f"interp.11.1.{n}")
    assert not holds(data, "interp.11.1")
    assert not holds(data, "cl.287-2.1.knowledge")


@pytest.mark.parametrize("n", sorted(EVALUATIVE))
def test_evaluative_finding_about_another_subject_is_rejected(n):
    data = case({"indicators": [INDICATORS[n]]}, [finding(f"interp.11.1.{n}", subject="X1")])
    with pytest.raises(CaseFileError, match="is about a act; 'X1' is a assisted"):
        to_case(data)


@pytest.mark.parametrize("n", sorted(EVALUATIVE))
def test_evaluative_finding_without_the_indicator_does_not_count(n):
    # The finding evaluates a recorded fact (the price, the measures, the situation); alone it is nothing.
    data = case({"indicators": []}, [finding(f"interp.11.1.{n}")])
    assert not holds(data, f"interp.11.1.{n}")
    assert not holds(data, "interp.11.1")


@pytest.mark.parametrize("n", sorted(EVALUATIVE))
def test_evaluative_presumption_is_discretionary(n):
    report = build(to_case(indicator_case(n)), "t.json", "en")
    presumption = next(c for c in report.conclusions if c.id == "interp.11.1")
    assert presumption.status == "holds"
    assert presumption.discretionary
    assert presumption.findings == ["findings[0]"]


@pytest.mark.parametrize("n", sorted(set(INDICATORS) - EVALUATIVE))
def test_factual_indicator_is_not_discretionary(n):
    report = build(to_case(indicator_case(n)), "t.json", "en")
    presumption = next(c for c in report.conclusions if c.id == "interp.11.1")
    assert presumption.status == "holds"
    assert not presumption.discretionary


def test_no_indicator_no_presumption():
    data = case({"indicators": []})
    assert holding_items(data) == set()
    assert not holds(data, "interp.11.1")
    assert not holds(data, "cl.287-2.1.knowledge")
    assert not holds(data, "cl.287-2")


def test_no_knowledge_record_no_knowledge():
    data = case(None)
    assert not holds(data, "cl.287-2.1.knowledge")
    assert not holds(data, "cl.287-2")


def test_several_indicators_each_hold():
    data = case({"indicators": ["notified_by_regulator", "helped_evasion"]})
    assert holding_items(data) == {"interp.11.1.1", "interp.11.1.6"}
    assert holds(data, "interp.11.1")


# ----------------------------------------------------------------------------- rebuttal


@pytest.mark.parametrize("n", INDICATORS)
def test_counter_evidence_rebuts_the_presumption(n):
    # 但是有相反证据的除外
    data = indicator_case(n, counter=[COUNTER])
    assert holds(data, f"interp.11.1.{n}")  # the indicator itself is still there
    assert holds(data, "interp.11.1.rebuttal")
    assert not holds(data, "interp.11.1")
    assert not holds(data, "cl.287-2.1.knowledge")
    assert not holds(data, "cl.287-2")
    # the help is still there; Art 12's chapeau (明知他人利用信息网络实施犯罪，为其犯罪提供帮助，具有下列
    # 情形之一的) presupposes 明知, so no item of Art 12 is serious for a helper not shown to know
    assert holds(data, "cl.287-2.1.help")
    assert not holds(data, "cl.287-2.1.serious")
    assert holds(indicator_case(n), "cl.287-2.1.serious")  # and is, where 明知 stands


def test_counter_evidence_rebuts_every_indicator_together():
    k = {"indicators": list(INDICATORS.values()), "counter_evidence": [COUNTER]}
    data = case(k, [finding(f"interp.11.1.{n}") for n in sorted(EVALUATIVE)])
    assert holding_items(data) == set(ITEMS)
    assert holds(data, "interp.11.1.rebuttal")
    assert not holds(data, "interp.11.1")
    assert not holds(data, "cl.287-2")


def test_counter_evidence_alone_creates_nothing():
    data = case({"counter_evidence": [COUNTER]})
    assert holds(data, "interp.11.1.rebuttal")
    assert not holds(data, "interp.11.1")
    assert not holds(data, "cl.287-2.1.knowledge")


@pytest.mark.parametrize("n", INDICATORS)
def test_counter_evidence_does_not_defeat_knowledge_proven_directly(n):
    # The rebuttal defeats the presumption, not direct proof (reading notes, open questions: Art 11).
    data = indicator_case(n, counter=[COUNTER], proven=True)
    assert holds(data, "interp.11.1.rebuttal")
    assert not holds(data, "interp.11.1")
    assert holds(data, "cl.287-2.1.knowledge")
    assert holds(data, "cl.287-2")


def test_proven_knowledge_with_counter_evidence_and_no_indicator():
    data = case({"proven": True, "evidence": "供述及聊天记录", "counter_evidence": [COUNTER]})
    assert holds(data, "cl.287-2.1.knowledge")
    assert holds(data, "cl.287-2")


@pytest.mark.parametrize("proven", ["unknown", False])
def test_knowledge_not_proven_is_not_knowledge(proven):
    data = case({"proven": proven})
    assert not holds(data, "cl.287-2.1.knowledge")
    assert not holds(data, "cl.287-2")


def test_unknown_proof_is_shown_as_what_the_offence_depends_on():
    report = build(to_case(case({"proven": "unknown"})), "t.json", "en")
    offence = next(c for c in report.conclusions if c.id == "cl.287-2")
    assert offence.status == "not_established"
    assert offence.depends_on_unknown == ["acts[0].knowledge.proven"]


def test_unknown_proof_with_an_unrebutted_indicator_is_still_knowledge():
    data = indicator_case(1, proven="unknown")
    assert holds(data, "cl.287-2.1.knowledge")
    assert holds(data, "cl.287-2")


def test_unknown_proof_with_a_rebutted_indicator_is_not_knowledge():
    data = indicator_case(1, counter=[COUNTER], proven="unknown")
    assert not holds(data, "cl.287-2.1.knowledge")
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- the JSON output


def _report(data: dict) -> dict:
    return build(to_case(data), "t.json", "en").to_json()


def _conclusion(out: dict, pid: str, subject: str = "A1") -> dict:
    return next(c for c in out["conclusions"] if c["id"] == pid and c["subject"] == subject)


def _nodes(node: dict, table: dict, seen: set | None = None) -> Iterator[dict]:
    """Every node of an explanation, following references into the table of shared subtrees."""
    seen = set() if seen is None else seen
    if "ref" in node:
        if node["ref"] in seen:
            return
        seen.add(node["ref"])
        node = table[node["ref"]]
    yield node
    for child in node.get("children", []):
        yield from _nodes(child, table, seen)


def test_json_rebuttal_reaches_the_counter_evidence():
    out = _report(indicator_case(1, counter=[COUNTER]))
    rebuttal = _conclusion(out, "interp.11.1.rebuttal")
    assert rebuttal["status"] == "holds"
    entry = out["explanations"][rebuttal["explanation"]["ref"]]
    assert entry["provision"] == "interp.11.1.rebuttal"
    leaves = [n for n in _nodes(entry, out["explanations"]) if n.get("node") == "fact"]
    counter = [n for n in leaves if n.get("path") == "acts[0].knowledge.counter_evidence[0]"]
    assert len(counter) == 1
    assert counter[0]["value"] == COUNTER


def test_json_rebutted_presumption_and_offence_are_not_established():
    out = _report(indicator_case(1, counter=[COUNTER]))
    assert _conclusion(out, "interp.11.1.1")["status"] == "holds"
    presumption = _conclusion(out, "interp.11.1")
    offence = _conclusion(out, "cl.287-2")
    assert presumption["status"] == "not_established"
    assert offence["status"] == "not_established"
    # the why-not of the presumption names the indicator that is met and the rebuttal that stands in the way
    route = next(r for r in presumption["why_not"] if any(c.get("provision") == "interp.11.1.1" for c in r))
    assert any(c.get("provision") == "interp.11.1.1" and c["status"] == "met" for c in route)
    assert any(c["condition"] == "absence" and c["status"] == "not_met" for c in route)


def test_json_unrebutted_presumption_shows_the_rebuttal_absent():
    out = _report(indicator_case(1))
    presumption = _conclusion(out, "interp.11.1")
    assert presumption["status"] == "holds"
    nodes = list(_nodes(presumption["explanation"], out["explanations"]))
    absences = [n for n in nodes if n.get("node") == "absence" and n.get("provision") == "interp.11.1.rebuttal"]
    assert len(absences) == 1
    assert absences[0]["atom"] == 'not holds("interp.11.1.rebuttal","A1")'
    assert "not established" in absences[0]["text"]
    assert "counter-evidence recorded (the presumption is rebutted)" in absences[0]["text"]
    # the presumption itself is labelled rebuttable
    assert "rebuttable" in out["explanations"][presumption["explanation"]["ref"]]["text"]
    # and it reaches the indicator recorded in the case
    paths = {n.get("path") for n in nodes}
    assert "acts[0].knowledge.indicators[0]" in paths


def test_json_unrebutted_presumption_in_chinese():
    out = build(to_case(indicator_case(1)), "t.json", "zh").to_json()
    presumption = _conclusion(out, "interp.11.1")
    nodes = list(_nodes(presumption["explanation"], out["explanations"]))
    absence = next(n for n in nodes if n.get("node") == "absence")
    assert "相反证据" in absence["text"]
    assert "可反驳" in out["explanations"][presumption["explanation"]["ref"]]["text"]


def test_json_no_rebuttal_conclusion_without_counter_evidence():
    out = _report(indicator_case(1))
    assert not any(c["id"] == "interp.11.1.rebuttal" and c["status"] == "holds" for c in out["conclusions"])
