"""Per defendant (issue 17): the memo gives each party an offence was examined for a section of its
own, named by name, with its offences and verdicts, the penalties and measures the rules attach,
and the notes of CL 69 (one person, several crimes: 数罪并罚, a rule in
asp/criminal-law/cl_69_several_crimes.lp) and of each offence's ¶3 (one act that is also another
crime: the heavier applies); every note is one a rule that fired attached."""

from __future__ import annotations

import io

import docx

from reasoner.case.read import load_text
from reasoner.explain.conclusions import build
from reasoner.render.memo import memo, render

TWO = """
format: 2
case: {id: two, as_of: 2024-06-01}
parties:
  - {id: P1, kind: person, name: 王某}
  - {id: P2, kind: person, name: 赵某}
assisted_parties:
  - {id: X1, description: 诈骗团伙, uses_network: true, reaches_crime: "yes", crime: 诈骗罪, confirmable: true}
acts:
  - id: A1
    actor: P1
    kind: illegal_use_of_network
    date: {from: 2023-01-10, to: 2023-08-31}
    publishing:
      content: info_for_illegal_activity
      activity: {kind: fraud, legal_character: crime}
      methods: [post]
      items_on_websites: 326
  - id: A2
    actor: P1
    kind: assist_network_crime
    date: {from: 2023-02-01, to: 2023-05-31}
    help: [payment_settlement]
    payment_settlement: "236500.80"
    assisted: [X1]
    knowledge: {proven: KNOWN, evidence: 供述}
    also_other_crime: [诈骗罪（共犯）]
  - id: A3
    actor: P2
    kind: illegal_use_of_network
    date: {from: 2023-01-10, to: 2023-08-31}
    publishing:
      content: info_for_illegal_activity
      activity: {kind: fraud, legal_character: crime}
      methods: [post]
      items_on_websites: 150
"""


def _case(known: str = "true"):
    return load_text(TWO.replace("KNOWN", known), "two.yaml")


def _several(report, party: str):
    return [c for c in report.conclusions if c.id == "cl.69" and c.party == party]


def test_cl_69_holds_for_one_person_with_two_offences():
    report = build(_case(), "two.yaml", "zh")
    (c,) = _several(report, "P1")
    assert c.certainty == "established" and c.subject == "P1"
    assert sorted(c.notes) == sorted(
        f"所犯{x}罪与其他犯罪数罪并罚（刑法第六十九条）：执行的刑期由法院在数刑中最高刑期以上、总和刑期以下决定"
        for x in ("非法利用信息网络", "帮助信息网络犯罪活动")
    )
    assert not _several(report, "P2")  # one offence: no CL 69


def test_cl_69_is_possible_while_one_offence_hangs_on_an_open_fact():
    (c,) = _several(build(_case("unknown"), "two.yaml", "zh"), "P1")
    assert c.certainty == "possible" and c.notes == []  # notes are those of the recorded reading


def test_cl_69_is_excluded_when_one_of_the_two_fails():
    report = build(_case("false"), "two.yaml", "zh")
    (c,) = _several(report, "P1")
    assert c.certainty == "excluded" and c.status != "holds"


def test_each_defendant_has_a_section_with_the_notes_of_the_rules():
    case = _case()
    m = memo(case, "two.yaml", "zh", source=b"")
    report = build(case, "two.yaml", "zh")
    assert [p.heading for p in m.persons] == ["王某（P1）", "赵某（P2）"]
    wang, zhao = m.persons
    lines = {(n.label, n.text) for n in wang.notes}
    offences = [n.text for n in wang.notes if n.label == "罪名"]
    assert offences == [
        "✔ 成立：非法利用信息网络罪（A1） · 刑法第二百八十七条之一",
        "✔ 成立：帮助信息网络犯罪活动罪（A2） · 刑法第二百八十七条之二",
    ]
    (several,) = _several(report, "P1")
    assert ("✔ 成立 一人犯数罪，数罪并罚 · 刑法第六十九条", "；".join(several.notes)) in lines
    heavier = [t for label, t in lines if "依照处罚较重的规定定罪处罚" in label]
    assert heavier == ["帮助信息网络犯罪活动罪（A2）：同一行为可能同时构成：诈骗罪（共犯）"]
    penalty = next(t for label, t in lines if label.startswith("✔ 法定刑及说明（帮助信息网络犯罪活动罪（A2））"))
    (offence,) = [c for c in report.conclusions if c.id == "cl.287-2" and c.subject == "A2"]
    assert penalty == "；".join(offence.notes)
    assert any(label.startswith("✔ 成立 可以宣告缓刑（A2）") for label, _ in lines)
    assert not any("数罪并罚" in n.label or "较重" in n.label for n in zhao.notes)


def test_a_possible_offence_is_said_possible_in_its_section():
    m = memo(_case("unknown"), "two.yaml", "zh", source=b"")
    wang = m.persons[0]
    assert "? 可能成立：帮助信息网络犯罪活动罪（A2） · 刑法第二百八十七条之二" in [n.text for n in wang.notes]
    several = [n for n in wang.notes if "数罪并罚" in n.label]
    assert [n.label for n in several] == ["? 可能成立 一人犯数罪，数罪并罚 · 刑法第六十九条"]
    assert several[0].text.startswith("判决宣告以前一人犯数罪的")  # the statute, no note the rules did not attach
    assert not any(n.label.startswith("✔") and "A2" in n.label for n in wang.notes)


def test_the_section_in_every_format():
    m = memo(_case(), "two.yaml", "en", source=b"")
    md = render(m, "md").decode("utf-8")
    assert "## Each defendant\n" in md and "### 王某 (P1)\n" in md
    assert "several crimes by one person: the penalties combined" in md
    html = render(m, "html").decode("utf-8")
    assert '<section id="persons">' in html and "<h3>王某 (P1)</h3>" in html
    paras = [p.text for p in docx.Document(io.BytesIO(render(m, "docx"))).paragraphs]
    assert "Each defendant" in paras and "王某 (P1)" in paras
    assert any(p.startswith("✔ holds several crimes by one person") for p in paras)


def test_a_units_responsible_persons_have_sections_with_their_own_penalty():
    """286-1-leak: the unit is fined; its manager and staff are punished under ¶1 (interp.14), each
    with the statutory range the rules attach for them (penalty/5 for their own part), not the unit's."""
    from conftest import EXAMPLES

    from reasoner.case.read import load

    path = EXAMPLES / "286-1-leak.yaml"
    m = memo(load(path), str(path), "zh")
    unit, manager, staff = m.persons
    assert [unit.heading, manager.heading, staff.heading] == [
        "某旅行服务有限公司（P1）",
        "陈某（总经理）（P2）",
        "刘某（数据库管理员）（P3）",
    ]
    penalty = {p.heading: [n.text for n in p.notes if "法定刑及说明" in n.label] for p in m.persons}
    assert penalty[unit.heading] == ["法定刑：对单位判处罚金"]
    assert (
        penalty[manager.heading][0].startswith("法定刑：有期徒刑 6 个月以上 36 个月以下")
        and "罚金" in penalty[manager.heading][0]
    )
    assert "对单位判处罚金" not in penalty[manager.heading][0]
    assert [n.text for n in manager.notes if n.label == "罪名"] == [
        "✔ 成立：拒不履行信息网络安全管理义务罪（A1） · 刑法第二百八十六条之一"
    ]
