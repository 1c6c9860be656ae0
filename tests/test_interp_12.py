"""法释〔2019〕15号 第十二条: 情节严重 of CL 287-2 ¶1 (¶1 items (1)-(7)) and liability where the assisted
party's crime cannot be verified (¶2: five times the money items, or especially serious consequences)."""

from __future__ import annotations

import copy

import pytest
from conftest import holds, to_case

from reasoner.case.errors import CaseFileError
from reasoner.law.parameters import parameters

ITEMS = [f"interp.12.1.{n}" for n in range(1, 8)]
PARA_2 = ["interp.12.2.payment", "interp.12.2.advertising", "interp.12.2.gains", "interp.12.2.consequences"]


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


TARGETS = param("interp.12.1.1", "targets")
PAY = param("interp.12.1.2", "amount")  # fen
AD = param("interp.12.1.3", "amount")  # fen
GAINS = param("interp.12.1.4", "amount")  # fen
YEARS = param("interp.12.1.5", "years")
MULTIPLE = param("interp.12.2", "multiple")


def yuan(fen: int) -> str:
    """Fen as an exact yuan string for the case file: 19999999 -> "199999.99"."""
    return f"{fen // 100}.{fen % 100:02d}"


#: Each money item of ¶1: the field it measures and its threshold in fen.
MONEY = [
    ("interp.12.1.2", "payment_settlement", PAY),
    ("interp.12.1.3", "advertising_funds", AD),
    ("interp.12.1.4", "illegal_gains", GAINS),
]
MONEY_IDS = [f for _, f, _ in MONEY]
#: ¶2: the same fields at five times.
FIVE = [
    ("interp.12.2.payment", "payment_settlement", PAY),
    ("interp.12.2.advertising", "advertising_funds", AD),
    ("interp.12.2.gains", "illegal_gains", GAINS),
]


def party(ident: str = "X1", **changes) -> dict:
    """An assisted party whose crime through networks is confirmed, unless changed."""
    p = {
        "id": ident,
        "description": f"电信网络诈骗团伙 {ident}",
        "uses_network": True,
        "reaches_crime": "yes",
        "crime": "诈骗罪",
        "confirmable": True,
    }
    p.update(changes)
    return {k: v for k, v in p.items() if v is not None}


def unverifiable(ident: str = "X1", **changes) -> dict:
    return party(ident, reaches_crime="unverifiable", crime=None, confirmable=None, **changes)


def finding(provision: str, subject: str = "A1", value: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": value, "reason": "审查认定"}


def unverifiable_finding(subject: str = "X1", value: bool = True) -> dict:
    return {
        "provision": "interp.12.2.unverifiable",
        "subject": subject,
        "holds": value,
        "reason": "被帮助对象位于境外，资金流水及聊天记录无法调取",
    }


def case(
    parties: list[dict] | None = None,
    findings: list[dict] | None = None,
    penalties: list[dict] | None = None,
    **act,
) -> dict:
    """P1 gave payment settlement to the parties (default: one confirmed fraud ring), knowing it;
    no figure is recorded unless given, so no item holds by default."""
    a = {
        "id": "A1",
        "actor": "P1",
        "kind": "assist_network_crime",
        "date": "2023-05-01",
        "help": ["payment_settlement"],
        "assisted": parties if parties is not None else [party()],
        "knowledge": {"proven": True},
    }
    a.update(act)
    return copy.deepcopy(
        {
            "case": {"id": "t"},
            "parties": [
                {"id": "P1", "kind": "person", "name": "周某"},
                {"id": "P9", "kind": "person", "name": "吴某"},
            ],
            "acts": [a],
            "admin_penalties": penalties or [],
            "findings": findings or [],
        }
    )


def holding(data: dict, ids: list[str] = ITEMS) -> set[str]:
    return {i for i in ids if holds(data, i)}


def test_parameters_are_the_texts_figures():
    # 三个以上 / 二十万元 / 五万元 / 一万元 / 二年内 / 五倍
    assert (TARGETS, PAY, AD, GAINS, YEARS, MULTIPLE) == (3, 20_000_000, 5_000_000, 1_000_000, 2, 5)


def test_a_confirmed_crime_alone_is_not_serious():
    data = case()
    assert holds(data, "cl.287-2.1.predicate")
    assert holding(data) == set()
    assert not holds(data, "cl.287-2.1.serious")
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- item (1): three targets


def test_item_1_three_distinct_parties_each_a_crime():
    data = case([party(f"X{i}") for i in range(1, TARGETS + 1)])
    assert holding(data) == {"interp.12.1.1"}
    assert holds(data, "cl.287-2.1.serious")
    assert holds(data, "cl.287-2")


def test_item_1_more_than_three_parties():
    data = case([party(f"X{i}") for i in range(1, TARGETS + 2)])
    assert holds(data, "interp.12.1.1")


def test_item_1_two_parties_do_not_hold():
    data = case([party(f"X{i}") for i in range(1, TARGETS)])
    assert not holds(data, "interp.12.1.1")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize(
    "weak",
    [
        {"reaches_crime": "no"},
        {"reaches_crime": "unverifiable"},
        {"reaches_crime": "unknown"},
        {"uses_network": False},
        {"confirmable": False},
        {"confirmable": None},
    ],
    ids=["no_crime", "unverifiable", "unknown", "offline", "not_confirmable", "confirmable_absent"],
)
def test_item_1_three_parties_one_not_a_crime_do_not_hold(weak):
    # 2022纪要 (reading-notes #12): each of the three must reach a crime.
    data = case([party("X1"), party("X2"), party("X3", **weak)])
    assert not holds(data, "interp.12.1.1")
    assert holds(data, "cl.287-2.1.predicate")  # the other two are crimes
    assert not holds(data, "cl.287-2")


def test_item_1_same_party_helped_repeatedly_counts_once():
    # Repeated help to one party is one 对象, however often it was helped.
    data = case([party("X1", description="同一诈骗团伙，先后五次为其转账")])
    assert not holds(data, "interp.12.1.1")


def test_item_1_the_same_party_cannot_be_listed_twice():
    data = case([party("X1"), party("X1"), party("X2")])
    with pytest.raises(CaseFileError, match="already used"):
        holds(data, "interp.12.1.1")


def test_item_1_unverifiable_parties_with_the_finding_do_not_count():
    data = case(
        [party("X1"), party("X2"), unverifiable("X3")],
        findings=[unverifiable_finding("X3")],
    )
    assert not holds(data, "interp.12.1.1")
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- items (2)-(4): money


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
def test_money_item_at_threshold_holds(item, field, threshold):
    # 以上 includes the figure itself (CL art 99).
    data = case(**{field: yuan(threshold)})
    assert yuan(threshold) in ("200000.00", "50000.00", "10000.00")
    assert holding(data) == {item}
    assert holds(data, "cl.287-2.1.serious")
    assert holds(data, "cl.287-2")


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
def test_money_item_one_fen_below_does_not_hold(item, field, threshold):
    data = case(**{field: yuan(threshold - 1)})
    assert holding(data) == set()
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
def test_money_item_one_fen_above_holds(item, field, threshold):
    data = case(**{field: yuan(threshold + 1)})
    assert holding(data) == {item}
    assert holds(data, "cl.287-2")


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
def test_money_item_as_integer_yuan(item, field, threshold):
    assert holds(case(**{field: threshold // 100}), item)
    assert not holds(case(**{field: threshold // 100 - 1}), item)


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
@pytest.mark.parametrize(
    "parties",
    [[], [party(reaches_crime="no")], [party(confirmable=False)], [party(uses_network=False)]],
    ids=["no_party", "no_crime", "not_confirmable", "offline"],
)
def test_money_item_needs_an_established_predicate_crime(item, field, threshold, parties):
    # 明知他人利用信息网络实施犯罪，为其犯罪提供帮助: no confirmed crime, no item.
    data = case(parties, **{field: yuan(threshold * 10)})
    assert not holds(data, "cl.287-2.1.predicate")
    assert not holds(data, item)
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
def test_money_item_unknown_does_not_hold(item, field, threshold):
    data = case(**{field: "unknown"})
    assert not holds(data, item)
    assert not holds(data, "cl.287-2")


def test_money_items_are_not_added_together():
    data = case(payment_settlement=yuan(PAY - 1), advertising_funds=yuan(AD - 1), illegal_gains=yuan(GAINS - 1))
    assert holding(data) == set()
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- item (5): prior penalty


def penalty(date: str = "2021-05-01", kind: str = "assisting_network_crime", who: str = "P1") -> dict:
    return {"id": "AP1", "party": who, "date": date, "for": kind, "authority": "某市公安局"}


@pytest.mark.parametrize(
    "act_date,expected",
    [
        ("2023-05-01", True),  # two years to the day
        ("2023-04-30", True),
        ("2021-05-02", True),  # the day after the penalty
        ("2023-05-02", False),  # two years and a day
        ("2021-05-01", False),  # the same day: not 又 (again, after the penalty)
        ("2021-04-30", False),  # before the penalty
    ],
)
def test_item_5_two_years_after_the_penalty(act_date, expected):
    data = case(penalties=[penalty("2021-05-01")], date=act_date)
    assert holds(data, "interp.12.1.5") is expected
    assert holds(data, "cl.287-2") is expected


@pytest.mark.parametrize(
    "span,expected",
    [
        ({"from": "2023-04-01", "to": "2023-12-31"}, True),  # part of the conduct within two years
        ({"from": "2023-05-02", "to": "2023-12-31"}, False),
        ({"from": "2021-01-01", "to": "2021-06-30"}, True),  # went on after the penalty (the rule's reading)
        ({"from": "2021-01-01", "to": "2021-05-01"}, False),
    ],
)
def test_item_5_conduct_over_a_period(span, expected):
    data = case(penalties=[penalty("2021-05-01")], date=span)
    assert holds(data, "interp.12.1.5") is expected


@pytest.mark.parametrize("kind", ["illegal_use_of_network", "assisting_network_crime", "computer_system_security"])
def test_item_5_each_listed_ground_of_penalty(kind):
    # 非法利用信息网络、帮助信息网络犯罪活动、危害计算机信息系统安全
    data = case(penalties=[penalty(kind=kind)])
    assert holding(data) == {"interp.12.1.5"}
    assert holds(data, "cl.287-2")


def test_item_5_not_for_another_ground_of_penalty():
    assert not holds(case(penalties=[penalty(kind="other")]), "interp.12.1.5")


def test_item_5_not_for_another_partys_penalty():
    assert not holds(case(penalties=[penalty(who="P9")]), "interp.12.1.5")


def test_item_5_not_when_the_penalty_date_is_unknown():
    assert not holds(case(penalties=[penalty(date="unknown")]), "interp.12.1.5")


def test_item_5_needs_an_established_predicate_crime():
    data = case([party(reaches_crime="no")], penalties=[penalty()])
    assert not holds(data, "interp.12.1.5")
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- items (6), (7): findings


@pytest.mark.parametrize("item", ["interp.12.1.6", "interp.12.1.7"])
def test_evaluative_items_only_with_a_finding(item):
    assert not holds(case(), item)
    data = case(findings=[finding(item)])
    assert holding(data) == {item}
    assert holds(data, "cl.287-2.1.serious")
    assert holds(data, "cl.287-2")


@pytest.mark.parametrize("item", ["interp.12.1.6", "interp.12.1.7"])
def test_evaluative_items_not_on_a_negative_finding(item):
    data = case(findings=[finding(item, value=False)])
    assert not holds(data, item)
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("item", ["interp.12.1.6", "interp.12.1.7"])
def test_evaluative_items_need_an_established_predicate_crime(item):
    data = case([party(reaches_crime="no")], findings=[finding(item)])
    assert not holds(data, item)
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- ¶2: unverifiable crime


def para2_case(findings: list[dict] | None = None, parties: list[dict] | None = None, **act) -> dict:
    """The only assisted party used networks, and whether it reached a crime is unverifiable."""
    fs = [unverifiable_finding()] if findings is None else findings
    return case(parties if parties is not None else [unverifiable()], findings=fs, **act)


@pytest.mark.parametrize("item,field,threshold", FIVE, ids=MONEY_IDS)
def test_para_2_five_times_holds(item, field, threshold):
    data = para2_case(**{field: yuan(MULTIPLE * threshold)})
    assert yuan(MULTIPLE * threshold) in ("1000000.00", "250000.00", "50000.00")
    assert holds(data, "interp.12.2.unverifiable")
    assert holding(data, PARA_2) == {item}
    assert holds(data, "interp.12.2")
    assert holds(data, "cl.287-2")
    # ¶1 does not: no assisted party's crime is established
    assert not holds(data, "cl.287-2.1.predicate")
    assert holding(data) == set()
    assert not holds(data, "cl.287-2.1.serious")


@pytest.mark.parametrize("item,field,threshold", FIVE, ids=MONEY_IDS)
def test_para_2_one_fen_below_five_times_does_not_hold(item, field, threshold):
    data = para2_case(**{field: yuan(MULTIPLE * threshold - 1)})
    assert holds(data, "interp.12.2.unverifiable")
    assert not holds(data, item)
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("item,field,threshold", FIVE, ids=MONEY_IDS)
def test_para_2_one_fen_above_five_times_holds(item, field, threshold):
    data = para2_case(**{field: yuan(MULTIPLE * threshold + 1)})
    assert holds(data, item)
    assert holds(data, "interp.12.2")
    assert holds(data, "cl.287-2")


def test_para_2_named_boundaries():
    assert holds(para2_case(payment_settlement="1000000"), "interp.12.2.payment")
    assert not holds(para2_case(payment_settlement="999999.99"), "interp.12.2.payment")
    assert holds(para2_case(advertising_funds="250000"), "interp.12.2.advertising")
    assert not holds(para2_case(advertising_funds="249999.99"), "interp.12.2.advertising")
    assert holds(para2_case(illegal_gains="50000"), "interp.12.2.gains")
    assert not holds(para2_case(illegal_gains="49999.99"), "interp.12.2.gains")


def test_para_2_consequences_only_with_a_finding():
    # 或者造成特别严重后果的: evaluative, a reviewer finding on the act.
    assert not holds(para2_case(), "interp.12.2.consequences")
    assert not holds(para2_case(), "interp.12.2")
    data = para2_case([unverifiable_finding(), finding("interp.12.2.consequences")])
    assert holding(data, PARA_2) == {"interp.12.2.consequences"}
    assert holds(data, "interp.12.2")
    assert holds(data, "cl.287-2")


def test_para_2_consequences_not_on_a_negative_finding():
    data = para2_case([unverifiable_finding(), finding("interp.12.2.consequences", value=False)])
    assert not holds(data, "interp.12.2.consequences")
    assert not holds(data, "cl.287-2")


def test_para_2_consequences_need_the_unverifiable_finding():
    data = para2_case([finding("interp.12.2.consequences")])
    assert not holds(data, "interp.12.2.consequences")
    assert not holds(data, "cl.287-2")


ALL_FIVE_TIMES = {
    "payment_settlement": yuan(MULTIPLE * PAY * 10),
    "advertising_funds": yuan(MULTIPLE * AD * 10),
    "illegal_gains": yuan(MULTIPLE * GAINS * 10),
}


def test_para_2_the_unverifiable_finding_is_about_the_assisted_party_not_the_act():
    data = para2_case([unverifiable_finding("A1")], **ALL_FIVE_TIMES)
    with pytest.raises(CaseFileError, match="a finding on interp.12.2.unverifiable is about a assisted"):
        to_case(data)


@pytest.mark.parametrize(
    "findings",
    [[], [unverifiable_finding(value=False)]],
    ids=["no_finding", "negative_finding"],
)
def test_para_2_nothing_without_the_unverifiable_finding(findings):
    # 确因客观条件限制: that it is truly owed to objective conditions is a reviewer finding on the party.
    data = para2_case(findings + [finding("interp.12.2.consequences")], **ALL_FIVE_TIMES)
    assert not holds(data, "interp.12.2.unverifiable")
    assert holding(data, PARA_2) == set()
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize(
    "changes", [{"uses_network": False}, {"uses_network": "unknown"}], ids=["offline", "network_unknown"]
)
def test_para_2_needs_network_use(changes):
    data = para2_case(parties=[unverifiable(**changes)], **ALL_FIVE_TIMES)
    assert not holds(data, "interp.12.2.unverifiable")
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("reaches", ["yes", "no"])
def test_para_2_not_for_a_party_whose_crime_was_verified(reaches):
    data = para2_case(parties=[party(reaches_crime=reaches)], payment_settlement=yuan(MULTIPLE * PAY))
    assert not holds(data, "interp.12.2.unverifiable")
    assert not holds(data, "interp.12.2")


def test_para_2_does_not_extend_to_the_targets_item():
    # Five times three targets is not a ground of ¶2 (reading-notes #2: money items (2)-(4) only).
    parties = [unverifiable(f"X{i}") for i in range(1, MULTIPLE * TARGETS + 1)]
    data = para2_case([unverifiable_finding(p["id"]) for p in parties], parties=parties)
    assert holds(data, "interp.12.2.unverifiable")
    assert not holds(data, "interp.12.1.1")
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


def test_para_2_does_not_extend_to_a_prior_penalty():
    data = para2_case(penalties=[penalty()])
    assert not holds(data, "interp.12.1.5")
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("item,field,threshold", MONEY, ids=MONEY_IDS)
@pytest.mark.parametrize("times", [1, 3, MULTIPLE - 1])
def test_para_1_money_items_do_not_hold_for_unverifiable_parties_below_five_times(item, field, threshold, times):
    data = para2_case(**{field: yuan(times * threshold)})
    assert not holds(data, item)
    assert not holds(data, "cl.287-2.1.serious")
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


def test_payment_300000_with_only_unverifiable_parties_is_not_the_offence():
    data = para2_case(payment_settlement="300000")
    assert not holds(data, "interp.12.1.2")
    assert not holds(data, "interp.12.2")
    assert not holds(data, "cl.287-2")


def test_para_2_amounts_are_not_added_across_items():
    # 总计 = the total of one amount over the conduct, not a sum across items (reading-notes #2).
    data = para2_case(
        payment_settlement=yuan(MULTIPLE * PAY - 1),
        advertising_funds=yuan(MULTIPLE * AD - 1),
        illegal_gains=yuan(MULTIPLE * GAINS - 1),
    )
    assert holding(data, PARA_2) == set()
    assert not holds(data, "cl.287-2")


def test_para_2_still_needs_knowledge_and_help():
    # 实施前款规定的行为: ¶2 speaks of the conduct of ¶1, knowing help; without it ¶2 is not reached
    assert holds(para2_case(payment_settlement="1000000"), "interp.12.2")
    no_knowledge = para2_case(payment_settlement="1000000", knowledge={"proven": False})
    assert not holds(no_knowledge, "interp.12.2.unverifiable")
    assert not holds(no_knowledge, "interp.12.2")
    assert not holds(no_knowledge, "cl.287-2")
    no_help = para2_case(payment_settlement="1000000", help=[])
    assert not holds(no_help, "interp.12.2")
    assert not holds(no_help, "cl.287-2")


def test_para_2_with_a_confirmed_party_too():
    # One confirmed crime and one unverifiable: ¶1 applies through the confirmed one, ¶2 alongside.
    data = para2_case(
        [unverifiable_finding("X2")], parties=[party("X1"), unverifiable("X2")], payment_settlement="1000000"
    )
    assert holds(data, "interp.12.1.2")
    assert holds(data, "interp.12.2.payment")
    assert holds(data, "cl.287-2")
