"""Which standards apply (asp/effect-2001/, docs/packs.md): the SPC/SPP rule of 2001 on the temporal
effect of judicial interpretations, applied by analogy to the later documents.  An act done before
法释〔2019〕15号 had no standard: those at judgment apply (二); an act done later is weighed under the
standards of its last day unless those at judgment are more favourable (三).  ``--compare-standards``
shows both where they differ and which was applied; ``--standards`` fixes them; ``reasoner rules``
lists every pack's provisions with their document, date in force and text confidence."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, to_case
from pack_cases import card_case, certainty, conclusion, holding, report, solve

from reasoner.cli import main
from reasoner.explain.conclusions import build
from reasoner.explain.standards import compare_standards
from reasoner.law.catalogue import catalogue
from reasoner.law.packs import by_id, packs
from reasoner.render.standards import standards_line

OFFENCE = "cl.287-2"
FIVE_OWN = ("bank_card", "own", "sold", 5)
AT_2019 = ["interp-2019"]
AT_2022 = ["interp-2019", "minutes-2020", "opinions-2021"]
AT_2024 = ["interp-2019", "minutes-2020", "minutes-2022", "opinions-2021"]
AT_2026 = ["interp-2019", "minutes-2020", "minutes-2022", "opinion-2025", "opinions-2021"]


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def printed_row(text: str, provision: str) -> list[str]:
    """The cells of a provision's row in the printed comparison of the two standards."""
    table = text[text.index("the standards of the act's time and at judgment compared") :]
    row = next(line for line in table.splitlines() if line.strip().startswith(provision + " "))
    return re.split(r"\s{2,}", row.strip())


def comparison_of(rows: list[dict], provision: str) -> dict | None:
    return next((r for r in rows if r["provision"] == provision and r["subject"] == "A1"), None)


def conclusion_of(out: dict, provision: str) -> dict:
    return next(c for c in out["conclusions"] if c["id"] == provision and c["subject"] == "A1")


# ----------------------------------------------------------------------------- (a) 二: before the Interpretation


@pytest.fixture(scope="module")
def before_2019():
    """Five own cards sold in 2018, judged in 2022: its report and its result."""
    data = card_case(FIVE_OWN, date="2018-05-01", as_of="2022-01-01")
    result = solve(data)
    return build(to_case(data), "t.json", "en", result=result, why_not=False), result


def test_an_act_before_the_interpretation_takes_the_standards_at_judgment(before_2019):
    # no standard at the time: those of 2022 (Opinions (II) 九 (一)) govern
    rep, result = before_2019
    offence = conclusion(rep, OFFENCE)
    assert offence.certainty == "established"
    assert "op2021.9.1" in holding(result, "op2021.9.1")
    assert offence.standards["date"] == "2022-01-01" and offence.standards["packs"] == AT_2022
    # the act's time had no standard, so both are those at judgment: one world, nothing to compare
    assert not result.facts.setting.two_worlds and compare_standards(result, "en") is None
    assert offence.standards["rule"] == "eff2001.2"


@pytest.mark.parametrize(
    "done, established, standards_day, packs_then",
    [
        ("2019-10-31", True, "2022-01-01", AT_2022),  # 二: no standard at the time
        ("2019-11-01", False, "2019-11-01", AT_2019),  # 三: the Interpretation alone, not more favourable later
    ],
)
def test_the_day_the_interpretation_came_into_force(done, established, standards_day, packs_then):
    offence = conclusion(report(card_case(FIVE_OWN, date=done, as_of="2022-01-01")), OFFENCE)
    assert (offence.certainty == "established") is established
    assert offence.standards["date"] == standards_day and offence.standards["packs"] == packs_then


def test_the_standards_of_an_act_done_the_day_the_interpretation_came_into_force_are_its_own():
    offence = conclusion(report(card_case(FIVE_OWN, date="2019-11-01", as_of="2022-01-01")), OFFENCE)
    assert offence.standards["world"] == "act_time" and offence.standards["rule"] == "eff2001.3"
    assert standards_line(offence, "en").endswith("— those of the act's time (2001 Provisions, para 3)")


def test_the_standards_at_judgment_of_an_act_before_the_interpretation_are_not_called_the_acts_own(before_2019):
    """二: the act had no standard at its time; the printout must not say that the standards applied
    (those in force at judgment, 2022-01-01) are the act's time's."""
    offence = conclusion(before_2019[0], OFFENCE)
    line = standards_line(offence, "en")
    assert line.startswith("standards applied: those in force on 2022-01-01")
    assert offence.standards["world"] != "act_time" and offence.standards["rule"] == "eff2001.2"
    assert "the act's time" not in line
    assert line.endswith("— no standard existed when the act was done, so those at judgment (2001 Provisions, para 2)")


# ----------------------------------------------------------------------------- (b) two packs disagree

PHONES_OWN = EXAMPLES / "287-2-phone-cards-own.yaml"

#: 郑某-like seller: five own bank cards in 2023 with ¥100,000 flowing in, judged in 2026
SELLER_2023 = card_case(FIVE_OWN, date={"from": "2023-04-01", "to": "2023-07-31"}, as_of="2026-03-01")
SELLER_2023["acts"][0]["funds"] = {"inflow": "100000"}


@pytest.fixture(scope="module")
def seller_file(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("standards") / "seller-2023.json"
    path.write_text(json.dumps(SELLER_2023, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_phone_cards_own_the_later_standard_is_harsher_so_the_acts_own_applies():
    res = cli("check", str(PHONES_OWN), "--compare-standards", "--format", "json", "--lang", "en")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["standards"] == {"mode": "2001_rule", "two_worlds": True}
    rows = out["comparison"]
    assert comparison_of(rows, OFFENCE) == {
        "provision": OFFENCE,
        "label": catalogue()[OFFENCE].en,
        "subject": "A1",
        "act_time": "excluded",
        "judgment": "established",
        "applied": "act_time",
    }
    six = comparison_of(rows, "op2025.6.3")
    assert (six["act_time"], six["judgment"], six["applied"]) == ("excluded", "established", "act_time")
    assert comparison_of(rows, "op2021.9.2") is None  # excluded under both: not a difference
    offence = conclusion_of(out, OFFENCE)
    assert offence["status"] == "not_established" and offence["certainty"] == "excluded"
    assert offence["standards"] == {"date": "2024-05-31", "packs": AT_2024, "world": "act_time", "rule": "eff2001.3"}


#: how the printout words an excluded conclusion: on the facts the file records, never more
NOT_ON_RECORD = "not established on the facts recorded"


def test_phone_cards_own_compared_in_the_printout():
    res = cli("check", str(PHONES_OWN), "--compare-standards", "--lang", "en", "--width", "240")
    assert res.exit_code == 0, res.output
    text = res.stdout
    line = "standards applied: those in force on 2024-05-31 (Interpretation 2019 No. 15; 2020 minutes; 2022 minutes; "
    assert line + "Opinions (II)) — those of the act's time (2001 Provisions, para 3)" in text
    for pid in (OFFENCE, "op2025.6.3"):
        cells = printed_row(text, pid)
        assert cells[0] == pid and cells[-4:] == ["A1", NOT_ON_RECORD, "established", "the act's time"], cells


def test_five_own_cards_the_later_standard_favours_the_defendant_and_applies(seller_file):
    res = cli("check", seller_file, "--compare-standards", "--format", "json", "--lang", "en")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    rows = out["comparison"]
    for pid in (OFFENCE, "op2021.9.1", "interp.12.1.7"):
        row = comparison_of(rows, pid)
        assert (row["act_time"], row["judgment"], row["applied"]) == ("established", "excluded", "judgment"), pid
    offence = conclusion_of(out, OFFENCE)
    assert offence["status"] == "not_established"
    assert offence["standards"] == {"date": "2026-03-01", "packs": AT_2026, "world": "judgment", "rule": "eff2001.3"}
    text = cli("check", seller_file, "--compare-standards", "--lang", "en", "--width", "240").stdout
    line = next(x for x in text.splitlines() if "standards applied: those in force on 2026-03-01 (" in x)
    assert "2025 Opinion" in line
    assert line.rstrip().endswith(
        "— those at judgment, more favourable to the defendant (2001 Provisions, para 3, proviso)"
    )
    cells = printed_row(text, OFFENCE)
    assert cells[-4:] == ["A1", "established", NOT_ON_RECORD, "at judgment (more favourable)"], cells


# ----------------------------------------------------------------------------- (c) one world


def test_acts_under_the_standards_at_judgment_are_reasoned_in_one_world():
    seller = EXAMPLES / "287-2-card-seller.yaml"  # sold in 2023, judged 2024-06-01: the same documents
    res = cli("check", str(seller), "--compare-standards", "--format", "json", "--lang", "en")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["comparison"] is None
    assert out["standards"] == {"mode": "2001_rule", "two_worlds": False}
    offence = conclusion_of(out, OFFENCE)
    assert offence["status"] == "not_established"
    assert offence["standards"]["date"] == "2024-06-01" and offence["standards"]["packs"] == AT_2024
    text = cli("check", str(seller), "--compare-standards", "--lang", "en", "--width", "240").stdout
    assert "nothing to compare" in text


def test_an_act_ending_under_the_standards_at_judgment_is_one_world():
    phones = ("phone_card", "own", "sold", 20)
    straddling = card_case(phones, date={"from": "2025-07-01", "to": "2025-08-15"}, as_of="2025-10-01")
    r = solve(straddling)
    assert not r.facts.setting.two_worlds and compare_standards(r, "en") is None
    assert OFFENCE in holding(r, OFFENCE)


# ----------------------------------------------------------------------------- (d) open facts


def test_a_conclusion_possible_under_the_acts_standards_stays_possible():
    # twenty of others' phone cards in 2024, knowledge not yet known: possible under either standard
    data = card_case(
        ("phone_card", "others", "sold", 20), date="2024-03-01", as_of="2026-03-01", knowledge={"proven": "unknown"}
    )
    rep = report(data)
    assert certainty(rep, OFFENCE) == "possible"
    assert conclusion(rep, OFFENCE).depends_on_unknown == ["acts[0].knowledge.proven"]


def test_possible_at_the_acts_time_and_established_at_judgment_stays_possible():
    # twenty own phone cards (para 6 (3) at judgment: established) and others' cards of a number not
    # known (九 (二) at the act's time: possible); the later standard is not more favourable
    data = card_case(
        ("phone_card", "own", "sold", 20),
        ("phone_card", "others", "bought", "unknown"),
        date="2024-03-01",
        as_of="2026-03-01",
    )
    r = solve(data)
    row = next(d for d in compare_standards(r, "en") if d.provision == OFFENCE and d.subject == "A1")
    assert (row.act_time, row.judgment, row.applied) == ("possible", "established", "act_time")
    rep = report(data)
    assert certainty(rep, OFFENCE) == "possible"
    assert conclusion(rep, OFFENCE).depends_on_unknown == ["acts[0].cards[1].count"]


def test_where_the_later_standard_is_more_favourable_in_every_completion_it_is_excluded():
    # the 2023 seller with knowledge open: where he knew, the later standard favours him and applies
    data = json.loads(json.dumps(SELLER_2023))
    data["acts"][0]["knowledge"] = {"proven": "unknown"}
    assert certainty(report(data), OFFENCE) == "excluded"


# ----------------------------------------------------------------------------- (e) --standards


@pytest.mark.parametrize(
    "value, day, status",
    [
        ("2021", "2021-06-17", "not_established"),  # a year naming one pack: Opinions (II)
        ("opinion-2025", "2025-07-28", "holds"),  # a pack's name
        ("2025-07-27", "2025-07-27", "not_established"),  # a day
    ],
)
def test_standards_fix_the_documents_of_one_day(value, day, status):
    res = cli("check", str(PHONES_OWN), "--standards", value, "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["standards"] == {"mode": "fixed", "date": day}
    offence = conclusion_of(out, OFFENCE)
    assert offence["status"] == status
    assert offence["standards"]["date"] == day


@pytest.mark.parametrize("value", ["2024", "2018", "foo", "2021-02-30", "21-06-17", ""])
def test_a_bad_standards_value_exits_2_with_a_message(value):
    res = cli("check", str(PHONES_OWN), "--standards", value)
    assert res.exit_code == 2
    assert "--standards" in res.stderr and repr(value) in res.stderr
    assert "YYYY-MM-DD" in res.stderr and "opinion-2025" in res.stderr  # what it accepts
    assert res.stdout == ""


def test_standards_and_compare_standards_exclude_each_other():
    res = cli("check", str(PHONES_OWN), "--standards", "2025", "--compare-standards")
    assert res.exit_code == 2 and "--compare-standards" in res.stderr


# ----------------------------------------------------------------------------- (f) reasoner rules


def test_rules_lists_every_packs_provisions_with_document_date_in_force_and_confidence():
    res = cli("rules", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = {r["id"]: r for r in json.loads(res.stdout)}
    assert set(rows) == set(catalogue())
    assert {p.id for p in packs()} == {p.pack for p in catalogue().values()}  # every pack has provisions
    documents = by_id()
    missing = []
    for pid, p in catalogue().items():
        row, pack = rows[pid], documents[p.pack]
        doc = row.get("document", row.get("pack"))
        doc_text = json.dumps(doc, ensure_ascii=False) if doc is not None else ""
        in_force = row.get("in_force", doc.get("in_force") if isinstance(doc, dict) else None)
        if not (pack.id in doc_text or pack.short_zh in doc_text or pack.title in doc_text):
            missing.append((pid, "document"))
        if in_force != pack.in_force.isoformat():
            missing.append((pid, "in_force"))
        if row.get("confidence") != p.confidence:
            missing.append((pid, "confidence"))
    assert missing == [], f"{len(missing)} missing, e.g. {missing[:6]}"


def test_the_standards_line_names_only_documents_that_speak_to_the_offence():
    # the 断卡 documents (2020 and 2022 minutes, Opinions (II), the 2025 Opinion) are about CL 287-2:
    # a CL 286-1 printout names the Interpretation alone, a CL 287-2 one names them too
    refusal = build(to_case(_example("286-1-deadline.yaml")), "x", "en")
    (c,) = [c for c in refusal.conclusions if c.id == "cl.286-1"]
    assert "minutes-2022" in c.standards["packs"]  # in force, and in the JSON
    line = standards_line(c, "en")
    assert "Interpretation 2019 No. 15)" in line and "minutes" not in line and "Opinions" not in line
    seller = build(to_case(_example("287-2-five-cards.yaml")), "x", "en")
    (c,) = [c for c in seller.conclusions if c.id == "cl.287-2"]
    assert "2022 minutes" in standards_line(c, "en") and "Opinions (II)" in standards_line(c, "en")


def _example(name: str) -> dict:
    from reasoner.case.read import load

    return load(EXAMPLES / name).model_dump(by_alias=True, exclude_defaults=True, mode="json")
