"""A statement feeds the figures the later documents read (issue 19): the one-way inflow through
the cards provided, by whose the cards were (matched by the cards' account numbers), with the rows
that make it; the outflow; the verified fraud money of the flagged inflow rows; and, for an act that
straddles 2015-11-01, the part of each from that day, by the rows' dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reasoner.case.errors import CaseFileError
from reasoner.case.read import load
from reasoner.case.statements import read_statement
from reasoner.explain.conclusions import build
from reasoner.law.terms import String, SymbolType
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.setting import setting_for
from reasoner.solve.engine import reason

HEADER = "date,account,direction,amount,flags\n"
A1 = String("A1")


def _case(tmp: Path, rows: str, cards: list[dict], date: object, as_of: str = "2024-06-01", **act) -> Path:
    (tmp / "s.csv").write_text(HEADER + rows, encoding="utf-8")
    data = {
        "format": 2,
        "case": {"id": "t", "as_of": as_of},
        "parties": [{"id": "P1", "kind": "person", "name": "王某"}],
        "assisted_parties": [
            {
                "id": "X1",
                "description": "某诈骗团伙",
                "uses_network": True,
                "reaches_crime": "yes",
                "confirmable": True,
                "crime_kind": "telecom_fraud",
            }
        ],
        "acts": [
            {
                "id": "A1",
                "actor": "P1",
                "kind": "assist_network_crime",
                "date": date,
                "help": ["cards_and_accounts"],
                "cards": cards,
                "statement": {"file": "s.csv"},
                "assisted": ["X1"],
                "knowledge": {"proven": True},
                **act,
            }
        ],
    }
    path = tmp / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _figures(path: Path) -> dict[str, int]:
    """The money atoms of act A1 (the same in every world of standards): name -> fen (parts as name@label)."""
    case = load(path)
    facts = case_facts(case, setting=setting_for(case, "case.as_of", None))
    out = {}
    for sym in facts.atoms:
        subject = sym.arguments[0] if sym.name in ("recorded", "part") else None
        if subject is not None and A1 in (subject, *(subject.arguments if subject.type == SymbolType.Function else ())):
            key = sym.arguments[1]
            name = key.name + ("(" + key.arguments[0].name + ")" if key.arguments else "")
            if sym.name == "part":
                name += "@" + sym.arguments[2].name
            assert out.setdefault(name, sym.arguments[-1].number) == sym.arguments[-1].number
    return out


OWN_AND_OTHERS = [
    {"kind": "bank_card", "whose": "own", "how": "sold", "count": 1, "accounts": ["C1"]},
    {"kind": "bank_card", "whose": "others", "how": "sold", "count": 1, "accounts": ["C2", "C3"]},
]
ROWS = (
    "2023-03-01,C1,in,100000,\n"
    "2023-03-02,C1,out,99000,\n"
    "2023-03-03,C2,in,150000.50,verified_fraud\n"
    "2023-03-04,C3,in,50000,\n"
    "2023-03-05,C3,out,10000,verified_fraud\n"
)


def test_the_inflow_is_divided_by_whose_the_accounts_were(tmp_path):
    got = _figures(_case(tmp_path, ROWS, OWN_AND_OTHERS, {"from": "2023-03-01", "to": "2023-03-31"}))
    assert got["inflow(own)"] == 100000_00
    assert got["inflow(others)"] == 200000_50  # C2 and C3
    assert got["inflow_total"] == 300000_50
    assert got["outflow"] == 109000_00
    # verified fraud money is of the inflow: the flagged outflow row is not in it
    assert got["verified_fraud"] == 150000_50
    assert not any("@" in k for k in got)  # nothing divides an act of 2023


def test_the_explanation_shows_the_rows_and_accounts_behind_an_owners_inflow(tmp_path):
    rows = ROWS.replace("50000,\n", "150000,\n")  # others' inflow 300,000.50: the 2025 Opinion's figure
    path = _case(tmp_path, rows, OWN_AND_OTHERS, {"from": "2025-08-01", "to": "2025-08-31"}, as_of="2026-01-05")
    rows = rows.replace("2023-03", "2025-08")
    (tmp_path / "s.csv").write_text(HEADER + rows, encoding="utf-8")
    report = build(load(path), str(path), "en")
    c = next(c for c in report.conclusions if c.id == "op2025.6.2")
    assert c.certainty == "established"
    text = json.dumps(report.to_json(), ensure_ascii=False)
    assert "3 transactions (accounts C2, C3)" in text and "CNY 300,000.50" in text and "from s.csv" in text


def test_a_straddling_act_counts_each_figure_from_2015_11_01_by_the_rows_dates(tmp_path):
    rows = (
        "2015-10-20,C1,in,100000,\n"
        "2015-11-01,C1,in,150000,verified_fraud\n"
        "2015-11-04,C1,out,149000,\n"
        "2015-11-05,C2,in,200000.50,verified_fraud\n"
    )
    path = _case(tmp_path, rows, OWN_AND_OTHERS, {"from": "2015-10-01", "to": "2015-11-30"})
    got = _figures(path)
    assert got["inflow(own)"] == 250000_00 and got["inflow(own)@in_force"] == 150000_00
    assert got["inflow(others)@in_force"] == 200000_50
    assert got["inflow_total@in_force"] == 350000_50
    assert got["verified_fraud@in_force"] == 350000_50
    assert got["payment_settlement@in_force"] == 350000_50
    t = read_statement(tmp_path / "s.csv", "s.csv", by_day=True)
    assert t.settlement_from(dt.date(2015, 11, 1)) == 350000_50
    assert t.settlement_from(dt.date(2015, 11, 2)) == 200000_50


def test_a_statement_without_flags_says_nothing_of_verified_fraud(tmp_path):
    path = _case(tmp_path, ROWS, OWN_AND_OTHERS, {"from": "2023-03-01", "to": "2023-03-31"})
    (tmp_path / "s.csv").write_text("date,account,direction,amount\n2023-03-01,C1,in,5\n", encoding="utf-8")
    assert "verified_fraud" not in _figures(path)  # not known: never 0


def test_cards_of_one_owner_take_every_row_without_account_numbers(tmp_path):
    cards = [{"kind": "bank_card", "whose": "own", "how": "rented", "count": 3}]
    got = _figures(_case(tmp_path, ROWS, cards, {"from": "2023-03-01", "to": "2023-03-31"}))
    assert got["inflow(own)"] == 300000_50 and "inflow(others)" not in got


@pytest.mark.parametrize(
    "cards, extra, field, words",
    [
        (
            [{"kind": "bank_card", "whose": "own", "how": "sold", "count": 1}]
            + [{"kind": "bank_card", "whose": "others", "how": "sold", "count": 1}],
            {},
            "acts[0].cards",
            "cannot be divided among them",
        ),
        (
            [{"kind": "bank_card", "whose": "own", "how": "sold", "count": 1, "accounts": ["C1", "C2"]}],
            {},
            "acts[0].statement.file",
            "rows on accounts no card lists (C3)",
        ),
        (
            [{"kind": "bank_card", "whose": "own", "how": "sold", "count": 1, "accounts": ["C1", "C2", "C3"]}]
            + [{"kind": "bank_card", "whose": "unit", "how": "sold", "count": 1, "accounts": ["C3"]}],
            {},
            "acts[0].cards[1].accounts",
            "account 'C3' is listed as own's and as unit's",
        ),
        (
            [{"kind": "bank_card", "whose": "own", "how": "sold", "count": 1, "accounts": ["C1", "C2", "C3"]}],
            {"funds": {"inflow": 5}},
            "acts[0].funds.inflow",
            "one figure, one source",
        ),
    ],
)
def test_what_a_statement_cannot_attribute_is_an_error_naming_field_and_line(tmp_path, cards, extra, field, words):
    path = _case(tmp_path, ROWS, cards, {"from": "2023-03-01", "to": "2023-03-31"}, **extra)
    with pytest.raises(CaseFileError) as e:
        load(path)
    err = next(x for x in e.value.errors if x.path == field)
    assert words in err.message and err.line is not None and err.file.endswith("case.json")


def test_money_shown_lawful_is_still_given_in_the_case_file(tmp_path):
    path = _case(tmp_path, ROWS, OWN_AND_OTHERS, {"from": "2023-03-01", "to": "2023-03-31"}, funds={"lawful": "100000"})
    assert _figures(path)["lawful_funds"] == 100000_00


def test_the_2022_minutes_read_the_statement_inflow_and_its_flagged_rows(tmp_path):
    # rented cards used for telecom fraud, net inflow 300,000.50 > 300,000 and verified fraud >= 3,000
    cards = [{"kind": "bank_card", "whose": "own", "how": "rented", "count": 2, "accounts": ["C1", "C2", "C3"]}]
    path = _case(
        tmp_path,
        ROWS,
        cards,
        {"from": "2023-03-01", "to": "2023-03-31"},
        moved_funds=False,
        face_verification=False,
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    data["findings"] = [{"provision": "m2022.4.comparable", "subject": "A1", "holds": True, "reason": "相当"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert reason(load(path)).holds("m2022.4.1", A1)
    (tmp_path / "s.csv").write_text(HEADER + ROWS.replace("150000.50", "150000"), encoding="utf-8")
    assert not reason(load(path)).holds("m2022.4.1", A1)  # 300,000.00 is not more than 300,000
