"""法释〔2019〕15号 第四条: leaks of user information as 造成严重后果 (CL 286-1 ¶1 item (2))."""

from __future__ import annotations

import pytest
from conftest import holds, make_case, to_case

from reasoner.case.errors import CaseFileError
from reasoner.law.parameters import parameters

ITEMS = [f"interp.4.1.{n}" for n in range(1, 9)]


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


TA = param("interp.4.1.1", "items")
TB = param("interp.4.1.2", "items")
TC = param("interp.4.1.3", "items")

TIER_A = ["location_tracking", "communication_content", "credit", "property"]
TIER_B = ["lodging", "communication_records", "health_physiology", "transaction", "other_safety_relevant"]
TIER_C = ["other_user_info"]
TIERS = {
    "interp.4.1.1": (TA, TIER_A),
    "interp.4.1.2": (TB, TIER_B),
    "interp.4.1.3": (TC, TIER_C),
}
CATEGORY_ITEM = [(c, item) for item, (_, cats) in TIERS.items() for c in cats]


def leak_case(findings: list[dict] | None = None, **leak) -> dict:
    return make_case(act={"leak": leak}, add_findings=findings)


def finding(provision: str, subject: str = "A1") -> dict:
    return {"provision": provision, "subject": subject, "holds": True, "reason": "审查认定"}


def holding_items(data: dict) -> set[str]:
    return {i for i in ITEMS if holds(data, i)}


def test_thresholds_are_the_texts_figures():
    # 五百条 / 五千条 / 五万条; the ratio reading of item (4) relies on exact multiples.
    assert (TA, TB, TC) == (500, 5000, 50000)
    assert TC % TA == 0 and TC % TB == 0


# ----------------------------------------------------------------------------- items (1)-(3)


@pytest.mark.parametrize("category,item", CATEGORY_ITEM)
def test_category_at_its_threshold_holds_its_item(category, item):
    threshold = TIERS[item][0]
    data = leak_case(**{category: threshold})
    assert holding_items(data) == {item}
    assert holds(data, "cl.286-1.1.2")


@pytest.mark.parametrize("category,item", CATEGORY_ITEM)
def test_category_just_above_threshold_holds_its_item(category, item):
    threshold = TIERS[item][0]
    assert holding_items(leak_case(**{category: threshold + 1})) == {item}


@pytest.mark.parametrize("category,item", CATEGORY_ITEM)
def test_category_just_below_threshold_does_not_hold(category, item):
    threshold = TIERS[item][0]
    data = leak_case(**{category: threshold - 1})
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.2")


@pytest.mark.parametrize("category", TIER_B + TIER_C)
def test_lower_tier_category_at_first_tier_figure_is_not_item_1(category):
    # 500 lodging records (etc.) are not 500 items of the first tier.
    data = leak_case(**{category: TA})
    assert not holds(data, "interp.4.1.1")
    assert not holds(data, "cl.286-1.1.2")


@pytest.mark.parametrize("category", TIER_C)
def test_third_tier_category_at_second_tier_figure_is_not_item_2(category):
    data = leak_case(**{category: TB})
    assert not holds(data, "interp.4.1.2")
    assert not holds(data, "cl.286-1.1.2")


def test_categories_of_first_tier_are_summed():
    assert holds(leak_case(credit=300, property=200), "interp.4.1.1")
    assert not holds(leak_case(credit=299, property=200), "interp.4.1.1")


def test_all_first_tier_categories_are_summed():
    n = TA // 4
    data = leak_case(**{c: n for c in TIER_A})
    assert holds(data, "interp.4.1.1")


def test_categories_of_second_tier_are_summed():
    half = TB // 2
    assert holds(leak_case(lodging=half, transaction=TB - half), "interp.4.1.2")
    assert not holds(leak_case(lodging=half, transaction=TB - half - 1), "interp.4.1.2")


def test_categories_of_different_tiers_are_not_summed_into_one_tier():
    # 499 credit + 1 lodging: item (1) needs 500 of the first tier.
    data = leak_case(credit=TA - 1, lodging=1)
    assert not holds(data, "interp.4.1.1")


# ----------------------------------------------------------------------------- item (4)


@pytest.mark.parametrize(
    "a,b,c,expected",
    [
        (400, 1000, 0, True),  # 40,000 + 10,000 = 50,000
        (400, 999, 9, False),  # 40,000 + 9,990 + 9 = 49,999
        (400, 999, 10, True),  # 50,000
        (499, 0, 100, True),  # 49,900 + 100 = 50,000
        (499, 0, 99, False),  # 49,999
        (0, 4999, 10, True),  # 49,990 + 10 = 50,000
        (0, 4999, 9, False),  # 49,999
        (250, 2500, 0, True),  # 25,000 + 25,000
        (100, 1000, 29999, False),  # 10,000 + 10,000 + 29,999 = 49,999
        (100, 1000, 30000, True),
    ],
)
def test_item_4_ratio_conversion_at_the_boundary(a, b, c, expected):
    data = leak_case(credit=a, lodging=b, other_user_info=c)
    assert ((TC // TA) * a + (TC // TB) * b + c >= TC) is expected  # the table itself
    assert holds(data, "interp.4.1.4") is expected
    assert holds(data, "cl.286-1.1.2") is expected
    # None of items (1)-(3) is reached, so (4) is the only route.
    assert not holds(data, "interp.4.1.1")
    assert not holds(data, "interp.4.1.2")
    assert not holds(data, "interp.4.1.3")


def test_item_4_sums_categories_inside_a_tier_before_converting():
    # (200 + 200) * 100 + (500 + 500) * 10 = 50,000
    data = leak_case(credit=200, property=200, lodging=500, transaction=500)
    assert holds(data, "interp.4.1.4")


@pytest.mark.parametrize(
    "leak,item",
    [
        ({"credit": 500, "lodging": 1000}, "interp.4.1.1"),
        ({"credit": 1, "lodging": 5000}, "interp.4.1.2"),
        ({"credit": 1, "other_user_info": 50000}, "interp.4.1.3"),
    ],
)
def test_item_4_does_not_hold_when_a_tier_reaches_its_own_threshold(leak, item):
    data = leak_case(**leak)
    assert holds(data, item)
    assert not holds(data, "interp.4.1.4")
    assert holds(data, "cl.286-1.1.2")


# ----------------------------------------------------------------------------- item (5)


@pytest.mark.parametrize("harm", ["death", "serious_injury", "mental_disorder", "kidnapping"])
def test_item_5_listed_harm_holds(harm):
    data = leak_case(occurred=True, harms=[harm])
    assert holds(data, "interp.4.1.5")
    assert holds(data, "cl.286-1.1.2")


@pytest.mark.parametrize("harm", ["death", "serious_injury", "mental_disorder", "kidnapping"])
def test_item_5_listed_harm_needs_a_leak(harm):
    # 致使用户信息泄露 is the chapeau of every item.
    data = leak_case(occurred=False, harms=[harm])
    assert not holds(data, "interp.4.1.5")
    assert not holds(data, "cl.286-1.1.2")


def test_item_5_other_serious_harm_needs_a_finding():
    assert not holds(leak_case(occurred=True, harms=["other_serious"]), "interp.4.1.5")
    data = leak_case([finding("interp.4.1.5")], occurred=True, harms=["other_serious"])
    assert holds(data, "interp.4.1.5")
    assert holds(data, "cl.286-1.1.2")


def test_item_5_finding_without_the_harm_does_not_hold():
    assert not holds(leak_case([finding("interp.4.1.5")], occurred=True), "interp.4.1.5")


def test_item_5_other_serious_with_finding_needs_a_leak():
    data = leak_case([finding("interp.4.1.5")], occurred=False, harms=["other_serious"])
    assert not holds(data, "interp.4.1.5")


# ----------------------------------------------------------------------------- items (6)-(8)


@pytest.mark.parametrize("item", ["interp.4.1.6", "interp.4.1.7", "interp.4.1.8"])
def test_evaluative_item_holds_with_finding_and_leak(item):
    data = leak_case([finding(item)], occurred=True)
    assert holds(data, item)
    assert holds(data, "cl.286-1.1.2")


@pytest.mark.parametrize("item", ["interp.4.1.6", "interp.4.1.7", "interp.4.1.8"])
def test_evaluative_item_needs_a_finding(item):
    data = leak_case(occurred=True, economic_loss=10_000_000, credit=10)
    assert not holds(data, item)
    assert not holds(data, "cl.286-1.1.2")


@pytest.mark.parametrize("item", ["interp.4.1.6", "interp.4.1.7", "interp.4.1.8"])
def test_evaluative_item_needs_a_leak(item):
    no_leak_recorded = make_case(add_findings=[finding(item)])
    assert not holds(no_leak_recorded, item)
    assert not holds(no_leak_recorded, "cl.286-1.1.2")
    no_leak_occurred = leak_case([finding(item)], occurred=False)
    assert not holds(no_leak_occurred, item)


@pytest.mark.parametrize("item", ["interp.4.1.6", "interp.4.1.7", "interp.4.1.8"])
def test_evaluative_item_leak_shown_by_counts_alone(item):
    # A positive count is a leak: occurred need not be recorded, and false contradicts it.
    data = leak_case([finding(item)], occurred=True, other_user_info=1)
    del data["acts"][0]["leak"]["occurred"]
    assert holds(data, item)
    with pytest.raises(CaseFileError, match="occurred is false, but leaked items are counted"):
        to_case(leak_case([finding(item)], occurred=False, other_user_info=1))


@pytest.mark.parametrize("item", ["interp.4.1.6", "interp.4.1.7", "interp.4.1.8"])
def test_evaluative_item_finding_that_fails_does_not_hold(item):
    f = finding(item)
    f["holds"] = False
    assert not holds(leak_case([f], occurred=True), item)


# ----------------------------------------------------------------------------- cl.286-1.1.2


ROUTES = {
    "interp.4.1.1": lambda: leak_case(property=TA),
    "interp.4.1.2": lambda: leak_case(health_physiology=TB),
    "interp.4.1.3": lambda: leak_case(other_user_info=TC),
    "interp.4.1.4": lambda: leak_case(credit=400, lodging=1000),
    "interp.4.1.5": lambda: leak_case(harms=["kidnapping"]),
    "interp.4.1.6": lambda: leak_case([finding("interp.4.1.6")], economic_loss="2000000.00"),
    "interp.4.1.7": lambda: leak_case([finding("interp.4.1.7")]),
    "interp.4.1.8": lambda: leak_case([finding("interp.4.1.8")]),
}


@pytest.mark.parametrize("item", ITEMS)
def test_serious_consequences_through_each_item(item):
    data = ROUTES[item]()
    assert holds(data, item)
    assert holds(data, "cl.286-1.1.2")
    assert holds(data, "cl.286-1.1.circumstance")
    assert holds(data, "cl.286-1")


def test_no_consequence_no_serious_consequences():
    data = make_case()
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.2")
