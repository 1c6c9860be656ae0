"""The pack of the 2020 断卡 minutes (asp/minutes-2020/, art 5; in force 2020-12-31, assumed): bank cards
(信用卡) rented out or sold, used for telecom fraud that reached a crime, with a flow (流水: money in
and out) of more than (超过) ¥300,000 through them, are 情节严重 under Art 12 of 法释〔2019〕15号.
Where the 2022 minutes govern, their art 4 takes the place of this rule."""

from __future__ import annotations

import pytest
from pack_cases import RING, card_case, finding, holding, holding_in, solve

OFFENCE = "cl.287-2"
ITEM = ("m2020.5", "interp.12.1.7", OFFENCE)
TWO = ("bank_card", "own", "sold", 2)  # below Opinions (II)'s five


def minutes(*cards, date="2021-01-10", as_of="2021-03-01", **act) -> dict:
    """Judged before Opinions (II) and the 2022 minutes: only the 2019 Interpretation and these minutes."""
    return card_case(*(cards or (TWO,)), date=date, as_of=as_of, **act)


@pytest.mark.parametrize("inflow, serious", [("299999.99", False), ("300000", False), ("300000.01", True)])
def test_a_flow_of_more_than_300000(inflow, serious):
    # 超过三十万元: strictly more
    assert holding(solve(minutes(funds={"inflow": inflow})), *ITEM) == (set(ITEM) if serious else set())


@pytest.mark.parametrize("outflow, serious", [("99999.99", False), ("100000", False), ("100000.01", True)])
def test_the_flow_is_money_in_and_out(outflow, serious):
    data = minutes(funds={"inflow": "200000", "outflow": outflow})
    assert holding(solve(data), *ITEM) == (set(ITEM) if serious else set())


@pytest.mark.parametrize(
    "cards, serious",
    [
        ([("bank_card", "own", "rented", 2)], True),  # 出租
        ([("bank_card", "others", "sold", 2)], True),  # 出售, anyone's card
        ([("bank_card", "own", "lent", 2)], False),  # 出借 is neither
        ([("bank_card", "others", "bought", 2)], False),  # nor is buying
        ([("bank_account", "own", "sold", 2)], False),  # 信用卡: bank cards, not other accounts
        ([("phone_card", "others", "sold", 2)], False),
    ],
)
def test_only_bank_cards_rented_out_or_sold(cards, serious):
    assert holding(solve(minutes(*cards, funds={"inflow": "400000"})), *ITEM) == (set(ITEM) if serious else set())


@pytest.mark.parametrize(
    "ring",
    [
        {**RING, "crime_kind": "gambling"},  # 被用于实施电信网络诈骗: not another crime
        {k: v for k, v in RING.items() if k != "crime_kind"},  # the kind not recorded
        {**RING, "reaches_crime": "no"},  # 达到犯罪程度
    ],
)
def test_only_for_telecom_fraud_that_reached_a_crime(ring):
    assert "m2020.5" not in holding(solve(minutes(funds={"inflow": "400000"}, ring=ring)), *ITEM)


def test_it_needs_knowledge_and_help():
    data = minutes(funds={"inflow": "400000"}, knowledge={"proven": False})
    assert holding(solve(data), *ITEM) == set()


# ----------------------------------------------------------------------------- in force from 2020-12-31


@pytest.mark.parametrize("when, applies", [("2020-12-30", False), ("2020-12-31", True)])
def test_in_force_from_2020_12_31(when, applies):
    data = minutes(date=when, as_of=when, funds={"inflow": "400000"})
    assert holding(solve(data), *ITEM) == (set(ITEM) if applies else set())


@pytest.mark.parametrize("standards, applies", [("2020-12-30", False), ("2020-12-31", True)])
def test_standards_of_the_day_before_and_of_the_day(standards, applies):
    data = minutes(date="2020-12-30", funds={"inflow": "400000"})
    assert holding(solve(data, standards), *ITEM) == (set(ITEM) if applies else set())


def test_an_act_the_day_before_judged_after_keeps_the_standards_of_its_time():
    r = solve(minutes(date="2020-12-30", funds={"inflow": "400000"}))
    assert holding_in(r, "act_time", *ITEM) == set()
    assert holding_in(r, "judgment", *ITEM) == set(ITEM)
    assert holding(r, *ITEM) == set()


# ----------------------------------------------------------------------------- the 2022 minutes take its place


@pytest.mark.parametrize("standards, applies", [("2022-03-21", True), ("2022-03-22", False), ("2025-07-28", False)])
def test_replaced_by_the_2022_minutes_where_they_govern(standards, applies):
    data = minutes(funds={"inflow": "400000"}, as_of="2025-12-01")
    assert ("m2020.5" in holding(solve(data, standards), *ITEM)) is applies


def test_an_act_of_2021_judged_under_the_2022_minutes():
    # no verified fraud money and no 相当性 finding: serious under these minutes, not under the 2022
    # ones, which are more favourable and apply (2001 rule, 三)
    bare = minutes(funds={"inflow": "400000"}, as_of="2022-06-01")
    r = solve(bare)
    assert holding_in(r, "act_time", *ITEM) == set(ITEM)
    assert holding_in(r, "judgment", *ITEM) == set()
    assert holding(r, *ITEM) == set()
    # with them the offence holds under both, and the act's own standards (these minutes) apply
    full = minutes(
        funds={"inflow": "400000", "verified_fraud": "3000"},
        as_of="2022-06-01",
        findings=[finding("m2022.4.comparable")],
    )
    r = solve(full)
    assert holding_in(r, "judgment", "m2022.4.1", OFFENCE) == {"m2022.4.1", OFFENCE}
    assert holding(r, *ITEM, "m2022.4.1") == set(ITEM)
