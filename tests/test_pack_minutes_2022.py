"""The pack of the 2022 断卡 minutes (asp/minutes-2022/; issued and applied from 2022-03-22): art 4's
reading of the 2020 rule (one-way inflow into rented or sold bank cards, less money shown lawful, of
more than ¥300,000, at least ¥3,000 of it verified fraud money, and comparable with the other items
of Art 12 ¶1: a finding), its narrowing of 支付结算 (money the cards merely received, where the actor
neither moved it nor gave face-scan verification), art 5 (2) (the CL 312 line, noted) and (3), and
the six 明知 situations reported from them (each rebuttable, their wording not verified)."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from pack_cases import COUNTER, RING, card_case, certainty, conclusion, finding, holding, holding_in, report, solve

from reasoner.case.read import load_text
from reasoner.explain.conclusions import build

OFFENCE = "cl.287-2"
ITEM = ("m2022.4.1", "interp.12.1.7", OFFENCE)
TWO = ("bank_card", "own", "sold", 2)  # below Opinions (II)'s five
COMPARABLE = finding("m2022.4.comparable")


def minutes(*cards, date="2023-05-01", as_of="2024-06-01", findings=(COMPARABLE,), **act) -> dict:
    """Done and judged under the 2022 minutes (and Opinions (II)), before the 2025 Opinion."""
    return card_case(*(cards or (TWO,)), date=date, as_of=as_of, findings=findings, **act)


def fund(inflow="400000", verified="3000", **more) -> dict:
    return {"inflow": inflow, "verified_fraud": verified, **more}


# ----------------------------------------------------------------------------- art 4: 30万 and 3,000


@pytest.mark.parametrize("inflow, serious", [("299999.99", False), ("300000", False), ("300000.01", True)])
def test_one_way_inflow_of_more_than_300000(inflow, serious):
    assert holding(solve(minutes(funds=fund(inflow))), *ITEM) == (set(ITEM) if serious else set())


@pytest.mark.parametrize("verified, serious", [("2999.99", False), ("3000", True)])
def test_at_least_3000_of_it_verified_fraud_money(verified, serious):
    assert holding(solve(minutes(funds=fund(verified=verified))), *ITEM) == (set(ITEM) if serious else set())


def test_without_verified_fraud_money_it_does_not_hold():
    assert holding(solve(minutes(funds={"inflow": "400000"})), *ITEM) == set()


@pytest.mark.parametrize("findings, serious", [((), False), ((finding("m2022.4.comparable", False),), False)])
def test_it_needs_the_finding_of_comparability(findings, serious):
    assert holding(solve(minutes(funds=fund(), findings=findings)), *ITEM) == (set(ITEM) if serious else set())


@pytest.mark.parametrize("lawful, serious", [("100000", False), ("99999.99", True)])
def test_money_shown_lawful_is_deducted(lawful, serious):
    assert holding(solve(minutes(funds=fund(lawful=lawful))), *ITEM) == (set(ITEM) if serious else set())


def test_money_out_is_not_counted():
    # 单向流入: the 2020 minutes' 流水 counted both ways; these minutes count the money in
    data = minutes(funds=fund(inflow="200000", outflow="200000"))
    assert holding(solve(data), *ITEM, "m2020.5") == set()


@pytest.mark.parametrize(
    "cards, ring, serious",
    [
        ([("bank_card", "others", "rented", 2)], RING, True),
        ([("bank_card", "own", "lent", 2)], RING, False),
        ([("bank_card", "others", "bought", 2)], RING, False),
        ([TWO], {**RING, "crime_kind": "gambling"}, False),
    ],
)
def test_only_bank_cards_rented_out_or_sold_for_telecom_fraud(cards, ring, serious):
    data = minutes(*cards, funds=fund(), ring=ring)
    assert holding(solve(data), *ITEM) == (set(ITEM) if serious else set())


def test_five_three_only_renting_or_selling_is_assisting():
    # 仅向他人出租、出售信用卡，未实施其他行为，达到情节严重标准的，可以帮助信息网络犯罪活动罪论处
    assert "m2022.5.3" in holding(solve(minutes(funds=fund())), "m2022.5.3")
    moved = minutes(funds=fund(), moved_funds=True, payment_settlement="400000", help=["payment_settlement"])
    assert holding(solve(moved), "m2022.5.3", OFFENCE) == {OFFENCE}


# ----------------------------------------------------------------------------- art 4: not 支付结算


def settled(**act) -> dict:
    """Two bank cards sold; the police recorded ¥250,000 through them as 支付结算 (Art 12 ¶1 (2))."""
    act.setdefault("help", ["cards_and_accounts", "payment_settlement"])
    return minutes(payment_settlement="250000", findings=(), **act)


@pytest.mark.parametrize(
    "flags, narrowed",
    [
        ({}, True),  # neither recorded: not done
        ({"moved_funds": False, "face_verification": False}, True),
        ({"moved_funds": True}, False),  # 代为转账、套现、取现
        ({"face_verification": True}, False),  # 提供刷脸等验证服务
        ({"moved_funds": True, "face_verification": True}, False),
    ],
)
def test_money_merely_received_is_not_payment_settlement(flags, narrowed):
    got = holding(solve(settled(**flags)), "m2022.4.2", "interp.12.1.2", OFFENCE)
    assert got == ({"m2022.4.2"} if narrowed else {"interp.12.1.2", OFFENCE})


def test_whether_the_actor_moved_money_left_open():
    rep = report(settled(moved_funds="unknown"))
    for pid in ("m2022.4.2", "interp.12.1.2", OFFENCE):
        assert certainty(rep, pid) == "possible", pid
        assert conclusion(rep, pid).depends_on_unknown == ["acts[0].moved_funds"], pid


def test_the_narrowing_is_for_cards_that_received_telecom_fraud_money():
    got = holding(solve(settled(ring={**RING, "crime_kind": "gambling"})), "m2022.4.2", "interp.12.1.2", OFFENCE)
    assert got == {"interp.12.1.2", OFFENCE}


@pytest.mark.parametrize("when, narrowed", [("2022-03-21", False), ("2022-03-22", True)])
def test_in_force_from_2022_03_22(when, narrowed):
    got = holding(solve(settled(date=when, as_of=when)), "m2022.4.2", "interp.12.1.2", OFFENCE)
    assert got == ({"m2022.4.2"} if narrowed else {"interp.12.1.2", OFFENCE})


@pytest.mark.parametrize("standards, narrowed", [("2022-03-21", False), ("2022-03-22", True)])
def test_standards_of_the_day_before_and_of_the_day(standards, narrowed):
    got = holding(solve(settled(date="2021-10-01"), standards), "m2022.4.2", "interp.12.1.2", OFFENCE)
    assert got == ({"m2022.4.2"} if narrowed else {"interp.12.1.2", OFFENCE})


def test_an_act_before_judged_after_takes_the_more_favourable_narrowing():
    # 支付结算 under the standards of 2021, not under those at judgment: the later favour the
    # defendant and apply (2001 rule, 三)
    r = solve(settled(date="2021-10-01", as_of="2023-01-01"))
    assert holding_in(r, "act_time", "interp.12.1.2", OFFENCE) == {"interp.12.1.2", OFFENCE}
    assert holding_in(r, "judgment", "m2022.4.2", "interp.12.1.2", OFFENCE) == {"m2022.4.2"}
    assert holding(r, "m2022.4.2", "interp.12.1.2", OFFENCE) == {"m2022.4.2"}


@pytest.mark.parametrize("when, applies", [("2022-03-21", False), ("2022-03-22", True)])
def test_art_4_in_force_from_2022_03_22(when, applies):
    # the day before, the 2020 minutes hold without verified fraud money; from the day, art 4 asks for it
    data = minutes(date=when, as_of=when, funds={"inflow": "400000"})
    assert holding(solve(data), "m2020.5", OFFENCE) == (set() if applies else {"m2020.5", OFFENCE})
    assert ("m2022.4.1" in holding(solve(minutes(date=when, as_of=when, funds=fund())), "m2022.4.1")) is applies


def test_art_4_gives_way_to_the_2025_opinion():
    data = minutes(funds=fund(), as_of="2025-12-01")
    assert holding(solve(data, "2025-07-27"), *ITEM) == set(ITEM)
    assert holding(solve(data, "2025-07-28"), *ITEM) == set()  # two own cards: not para 6 either


# ----------------------------------------------------------------------------- art 5 (2): the CL 312 line


@pytest.mark.parametrize(
    "flags, noted",
    [
        ({"knew_criminal_proceeds": True, "moved_funds": True}, True),
        ({"knew_criminal_proceeds": True, "face_verification": True}, True),
        ({"knew_criminal_proceeds": True}, False),  # knew, but moved nothing
        ({"moved_funds": True}, False),  # moved, not knowing the money was proceeds
    ],
)
def test_five_two_notes_concealment_of_proceeds(flags, noted):
    rep = report(settled(**flags))
    c = conclusion(rep, "m2022.5.2")
    assert (c is not None and c.certainty == "established") is noted
    if noted:
        assert any("CL 312" in n for n in c.notes)
        assert certainty(rep, OFFENCE) == "established"  # 287-2 is still decided; 312 only noted


def test_the_example_of_the_renter_who_withdrew():
    path = EXAMPLES / "287-2-card-renter-withdrew.yaml"
    rep = build(load_text(path.read_text(encoding="utf-8"), str(path)), str(path), "en", why_not=False)
    assert certainty(rep, OFFENCE) == "established"
    assert certainty(rep, "interp.12.1.2") == "established"
    assert certainty(rep, "m2022.5.2") == "established"
    assert certainty(rep, "m2022.4.2") == "excluded"


# ----------------------------------------------------------------------------- 明知: six situations

SITUATIONS = [
    ("batch_card_trading", "m2022.knowledge.1"),
    ("continued_after_notice", "m2022.knowledge.2"),
    ("continued_after_freeze", "m2022.knowledge.3"),
    ("continued_after_account_sealed", "m2022.knowledge.4"),
    ("scripted_answers", "m2022.knowledge.6"),
    ("prior_card_trading_sanction", "m2022.knowledge.7"),
]
KNOWLEDGE = "cl.287-2.1.knowledge"


def knowing(indicator: str, when: str = "2022-03-22", counter: bool = False) -> dict:
    k = {"indicators": [indicator], **({"counter_evidence": [COUNTER]} if counter else {})}
    return minutes(date=when, as_of=when, funds=fund(), knowledge=k)


@pytest.mark.parametrize("indicator, pid", SITUATIONS)
def test_each_situation_presumes_knowledge_from_2022_03_22(indicator, pid):
    rep = report(knowing(indicator))
    knows = conclusion(rep, KNOWLEDGE)
    assert knows.certainty == "established" and knows.presumed
    assert knows.unverified == [pid]  # the wording is a paraphrase
    assert certainty(rep, OFFENCE) == "established"
    assert holding(solve(knowing(indicator, "2022-03-21")), pid, KNOWLEDGE) == set()


@pytest.mark.parametrize("indicator, pid", SITUATIONS)
def test_each_situation_is_rebutted_by_counter_evidence(indicator, pid):
    got = holding(solve(knowing(indicator, counter=True)), pid, "interp.11.1.rebuttal", KNOWLEDGE, OFFENCE)
    assert got == {pid, "interp.11.1.rebuttal"}
