"""The pack of Opinions (II) (法发〔2021〕22号, asp/opinions-2021/, in force 2021-06-17, assumed):
七 (buying, selling or renting out cards and accounts is help), 八 ¶2 (two presumptions of 明知,
rebuttable), 九 (一) (five or more bank cards and payment accounts, anyone's) and 九 (二) (twenty or
more of others' phone, data or IoT cards) as Art 12 ¶1 (7) of 法释〔2019〕15号.  Lending (出借) is
in neither list."""

from __future__ import annotations

import pytest
from pack_cases import COUNTER, card_case, conclusion, holding, holding_in, report, solve

OFFENCE = "cl.287-2"
HELP = "cl.287-2.1.help"
KNOWLEDGE = "cl.287-2.1.knowledge"
NINE = ("op2021.9.1", "op2021.9.2", "interp.12.1.7", OFFENCE)


# ----------------------------------------------------------------------------- 九 (一): five cards


@pytest.mark.parametrize("count, serious", [(4, False), (5, True), (6, True)])
def test_nine_one_five_bank_cards(count, serious):
    got = holding(solve(card_case(("bank_card", "own", "sold", count))), *NINE)
    assert got == ({"op2021.9.1", "interp.12.1.7", OFFENCE} if serious else set())


def test_nine_one_counts_every_payment_kind_anyones_bought_sold_or_rented():
    five = [
        ("bank_card", "own", "sold", 1),
        ("bank_account", "others", "bought", 1),
        ("payment_account", "unit", "rented", 1),
        ("internet_payment_account", "own", "rented", 1),
        ("payment_interface", "others", "sold", 1),
    ]
    assert holding(solve(card_case(*five)), *NINE) == {"op2021.9.1", "interp.12.1.7", OFFENCE}
    certificate = [*five[:4], ("online_banking_certificate", "others", "bought", 1)]
    assert "op2021.9.1" in holding(solve(card_case(*certificate)), "op2021.9.1")


@pytest.mark.parametrize(
    "fifth",
    [
        ("bank_card", "own", "lent", 1),  # 出借 is not 收购、出售、出租
        ("phone_card", "others", "sold", 1),  # a phone card is of the second list
    ],
)
def test_nine_one_does_not_count_lent_cards_or_phone_cards(fifth):
    data = card_case(("bank_card", "own", "sold", 4), fifth)
    assert holding(solve(data), *NINE) == set()


# ----------------------------------------------------------------------------- 九 (二): twenty phone cards


@pytest.mark.parametrize("count, serious", [(19, False), (20, True), (21, True)])
def test_nine_two_twenty_of_others_phone_cards(count, serious):
    got = holding(solve(card_case(("phone_card", "others", "sold", count), help=["phone_cards"])), *NINE)
    assert got == ({"op2021.9.2", "interp.12.1.7", OFFENCE} if serious else set())


def test_nine_two_counts_phone_data_and_iot_cards_bought_sold_or_rented_not_lent():
    mixed = [("phone_card", "others", "bought", 10), ("iot_card", "others", "sold", 5)]
    assert "op2021.9.2" in holding(solve(card_case(*mixed, ("traffic_card", "others", "rented", 5))), *NINE)
    assert holding(solve(card_case(*mixed, ("traffic_card", "others", "lent", 5))), *NINE) == set()


def test_nine_two_does_not_count_ones_own_phone_cards():
    # the official explainer: 仅包括他人的手机卡，不包括本人的手机卡
    data = card_case(("phone_card", "own", "sold", 20), help=["phone_cards"])
    assert holding(solve(data), *NINE, "op2021.7.2") == set()
    data = card_case(("phone_card", "own", "sold", 10), ("phone_card", "others", "sold", 10), help=["phone_cards"])
    assert holding(solve(data), *NINE) == set()


def test_a_units_phone_cards_are_others_phone_cards():
    """他人 is anyone but the actor: a unit's phone cards sold by a natural person are not the seller's
    own (the explainer sets 他人的 against 本人的), so they count under 七 (二) and 九 (二)."""
    data = card_case(("phone_card", "unit", "sold", 20), help=[])
    assert holding(solve(data), "op2021.7.2", "op2021.9.2", OFFENCE) == {"op2021.7.2", "op2021.9.2", OFFENCE}


# ----------------------------------------------------------------------------- 七: help


@pytest.mark.parametrize(
    "cards, item",
    [
        ([("bank_card", "own", "sold", 1)], "op2021.7.1"),  # one's own bank cards as well as others'
        ([("payment_account", "others", "bought", 1)], "op2021.7.1"),
        ([("iot_card", "others", "rented", 1)], "op2021.7.2"),
        ([("bank_card", "own", "lent", 1)], None),  # lending is not in 七
        ([("phone_card", "own", "sold", 1)], None),  # nor one's own phone cards
    ],
)
def test_seven_names_the_cards_as_help(cards, item):
    # no kind of help recorded: 七 names these cards as help; every card provided is 等帮助 of CL
    # 287-2 ¶1's open class anyway (issue 18 item 10), lent or one's own phone cards included
    got = holding(solve(card_case(*cards, help=[])), "op2021.7.1", "op2021.7.2", HELP)
    assert got == ({item, HELP} if item else {HELP})


def test_cards_are_no_help_where_a_finding_says_so():
    data = card_case(("bank_card", "own", "sold", 1), help=[])
    data["findings"] = [{"provision": HELP, "subject": "A1", "holds": False, "reason": "卡未交付即被冻结"}]
    assert holding(solve(data), "op2021.7.1", HELP) == {"op2021.7.1"}


# ----------------------------------------------------------------------------- 八 ¶2: presumed knowledge


@pytest.mark.parametrize("indicator", ["unit_accounts_traded", "insider_opened_cards"])
def test_eight_two_presumes_knowledge_unless_rebutted(indicator):
    presumed = card_case(("bank_card", "own", "sold", 5), knowledge={"indicators": [indicator]})
    rep = report(presumed)
    knows, offence = conclusion(rep, KNOWLEDGE), conclusion(rep, OFFENCE)
    assert knows.certainty == "established" and offence.certainty == "established"
    assert knows.presumed and offence.presumed
    # 八 ¶2 is not verified, nor 九's chapeau (the five cards make it serious)
    assert knows.unverified == ["op2021.8.2"] and offence.unverified == ["op2021.8.2", "op2021.9.1"]
    rebutted = card_case(
        ("bank_card", "own", "sold", 5), knowledge={"indicators": [indicator], "counter_evidence": [COUNTER]}
    )
    assert holding(solve(rebutted), "op2021.8.2", KNOWLEDGE, OFFENCE) == {"op2021.8.2"}


# ----------------------------------------------------------------------------- in force from 2021-06-17

FIVE = ("bank_card", "own", "sold", 5)


@pytest.mark.parametrize("when, applies", [("2021-06-16", False), ("2021-06-17", True)])
def test_in_force_from_2021_06_17(when, applies):
    data = card_case(FIVE, date=when, as_of=when, help=[], knowledge={"indicators": ["unit_accounts_traded"]})
    want = {"op2021.7.1", "op2021.8.2", "op2021.9.1", OFFENCE}
    assert holding(solve(data), *want) == (want if applies else set())


@pytest.mark.parametrize("standards, applies", [("2021-06-16", False), ("2021-06-17", True)])
def test_standards_of_the_day_before_and_of_the_day(standards, applies):
    data = card_case(FIVE, date="2021-06-16", as_of="2021-12-01")
    assert holding(solve(data, standards), "op2021.9.1", OFFENCE) == ({"op2021.9.1", OFFENCE} if applies else set())


def test_an_act_the_day_before_judged_after_keeps_the_standards_of_its_time():
    # 九 (一) is not more favourable to the defendant: the act's own standards apply (2001 rule, 三)
    r = solve(card_case(FIVE, date="2021-06-16", as_of="2021-12-01"))
    assert holding_in(r, "act_time", "op2021.9.1", OFFENCE) == set()
    assert holding_in(r, "judgment", "op2021.9.1", OFFENCE) == {"op2021.9.1", OFFENCE}
    assert holding(r, "op2021.9.1", OFFENCE) == set()
