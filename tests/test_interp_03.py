"""法释〔2019〕15号 第三条: 致使违法信息大量传播 (CL 286-1 ¶1 item (1))."""

from __future__ import annotations

import pytest
from conftest import holds, make_case, to_case

from reasoner.case.errors import CaseFileError
from reasoner.law.parameters import parameters

ITEMS = [f"interp.3.1.{n}" for n in range(1, 8)]


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


VIDEOS = param("interp.3.1.1", "videos")
OTHER = param("interp.3.1.2", "other_items")
ACCOUNTS = param("interp.3.1.4", "recipient_accounts")
MEMBERS = param("interp.3.1.5", "group_members")
FOLLOWERS = param("interp.3.1.5", "followers")
CLICKS = param("interp.3.1.6", "clicks")
RATIO = OTHER // VIDEOS  # one video counts as RATIO other items (reading-notes #15)

#: Each numeric item: the quantity it measures and its threshold.
NUMERIC = [
    ("interp.3.1.1", "illegal_videos", VIDEOS),
    ("interp.3.1.2", "illegal_other_info", OTHER),
    ("interp.3.1.4", "recipient_accounts", ACCOUNTS),
    ("interp.3.1.5", "group_members_total", MEMBERS),
    ("interp.3.1.5", "followers_total", FOLLOWERS),
    ("interp.3.1.6", "clicks", CLICKS),
]
NUMERIC_IDS = [q for _, q, _ in NUMERIC]


def spread_case(findings: list[dict] | None = None, **quantities) -> dict:
    return make_case(act={"quantities": quantities}, add_findings=findings)


def finding(provision: str, subject: str = "A1", value: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": value, "reason": "审查认定大量传播"}


def holding_items(data: dict) -> set[str]:
    return {i for i in ITEMS if holds(data, i)}


#: One case reaching each item, for the checks on CL 286-1.
ONE_EACH = {
    "interp.3.1.1": lambda: spread_case(illegal_videos=VIDEOS),
    "interp.3.1.2": lambda: spread_case(illegal_other_info=OTHER),
    "interp.3.1.3": lambda: spread_case(illegal_videos=VIDEOS - 1, illegal_other_info=RATIO),
    "interp.3.1.4": lambda: spread_case(recipient_accounts=ACCOUNTS),
    "interp.3.1.5": lambda: spread_case(group_members_total=MEMBERS),
    "interp.3.1.6": lambda: spread_case(clicks=CLICKS),
    "interp.3.1.7": lambda: make_case(add_findings=[finding("interp.3.1.7")]),
}


def test_thresholds_are_the_texts_figures():
    # 二百个 / 二千个 / 二千个 / 三千 / 三万 / 五万
    assert (VIDEOS, OTHER, ACCOUNTS, MEMBERS, FOLLOWERS, CLICKS) == (200, 2000, 2000, 3000, 30000, 50000)
    # The ratio reading of item (3) relies on an exact multiple.
    assert RATIO * VIDEOS == OTHER


def test_no_quantities_no_item():
    data = make_case()
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.1")


# ----------------------------------------------------------------------------- numeric items (1),(2),(4)-(6)


@pytest.mark.parametrize("item,quantity,threshold", NUMERIC, ids=NUMERIC_IDS)
def test_quantity_at_threshold_holds(item, quantity, threshold):
    # 以上 includes the figure itself (CL art 99).
    data = spread_case(**{quantity: threshold})
    assert holding_items(data) == {item}
    assert holds(data, "cl.286-1.1.1")


@pytest.mark.parametrize("item,quantity,threshold", NUMERIC, ids=NUMERIC_IDS)
def test_quantity_one_above_threshold_holds(item, quantity, threshold):
    data = spread_case(**{quantity: threshold + 1})
    assert holding_items(data) == {item}
    assert holds(data, "cl.286-1.1.1")


@pytest.mark.parametrize("item,quantity,threshold", NUMERIC, ids=NUMERIC_IDS)
def test_quantity_one_below_threshold_does_not_hold(item, quantity, threshold):
    data = spread_case(**{quantity: threshold - 1})
    assert not holds(data, item)
    # Videos alone below 200 cannot reach item (3) either (other items are not recorded).
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.1")


@pytest.mark.parametrize("item,quantity,threshold", NUMERIC, ids=NUMERIC_IDS)
def test_quantity_far_above_threshold_holds(item, quantity, threshold):
    # Figures above the solver's ceiling are capped, never wrapped round.
    data = spread_case(**{quantity: 10**12})
    assert item in holding_items(data)


@pytest.mark.parametrize("item,quantity,threshold", NUMERIC, ids=NUMERIC_IDS)
def test_unknown_quantity_does_not_establish_the_item(item, quantity, threshold):
    data = spread_case(**{quantity: "unknown"})
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.1")


# ----------------------------------------------------------------------------- item (5): both branches


def test_group_branch_alone():
    # 群组成员账号数累计三千以上的通讯群组
    assert holds(spread_case(group_members_total=MEMBERS, followers_total=0), "interp.3.1.5")
    assert not holds(spread_case(group_members_total=MEMBERS - 1, followers_total=0), "interp.3.1.5")


def test_social_network_branch_alone():
    # 关注人员账号数累计三万以上的社交网络
    assert holds(spread_case(group_members_total=0, followers_total=FOLLOWERS), "interp.3.1.5")
    assert not holds(spread_case(group_members_total=0, followers_total=FOLLOWERS - 1), "interp.3.1.5")


def test_group_members_are_not_measured_against_the_followers_threshold():
    # 3,000 followers of a social network are not 3,000 group members.
    assert not holds(spread_case(followers_total=MEMBERS), "interp.3.1.5")


def test_the_two_branches_are_not_added_together():
    data = spread_case(group_members_total=MEMBERS - 1, followers_total=FOLLOWERS - 1)
    assert not holds(data, "interp.3.1.5")


# ----------------------------------------------------------------------------- item (3): ratio conversion


@pytest.mark.parametrize(
    "videos,other,expected",
    [
        (150, 500, True),  # 10 * 150 + 500 = 2,000
        (150, 499, False),  # 10 * 150 + 499 = 1,999
        (199, 10, True),  # 1,990 + 10 = 2,000
        (199, 9, False),  # 1,990 + 9 = 1,999
        (1, 1990, True),  # 10 + 1,990 = 2,000
        (1, 1989, False),
        (100, 1000, True),  # half of each standard: 1,000 + 1,000 = 2,000
        (0, 1999, False),  # no videos: item (2) alone decides, and it is not reached
    ],
)
def test_ratio_conversion_boundary(videos, other, expected):
    # 按相应比例折算合计达到有关数量标准: one video counts as OTHER / VIDEOS other items.
    data = spread_case(illegal_videos=videos, illegal_other_info=other)
    assert holds(data, "interp.3.1.3") is expected
    assert holding_items(data) == ({"interp.3.1.3"} if expected else set())
    assert holds(data, "cl.286-1.1.1") is expected


def test_ratio_conversion_read_from_the_parameters():
    v = VIDEOS * 3 // 4
    assert holds(spread_case(illegal_videos=v, illegal_other_info=OTHER - RATIO * v), "interp.3.1.3")
    assert not holds(spread_case(illegal_videos=v, illegal_other_info=OTHER - RATIO * v - 1), "interp.3.1.3")


def test_item_3_not_when_videos_reach_item_1():
    # 数量虽未达到第一项、第二项规定标准: once item (1) is met, item (3) is not the ground.
    data = spread_case(illegal_videos=VIDEOS, illegal_other_info=500)
    assert holding_items(data) == {"interp.3.1.1"}


def test_item_3_not_when_other_information_reaches_item_2():
    data = spread_case(illegal_videos=150, illegal_other_info=OTHER)
    assert holding_items(data) == {"interp.3.1.2"}


def test_item_3_not_when_both_standards_are_reached():
    data = spread_case(illegal_videos=VIDEOS, illegal_other_info=OTHER)
    assert holding_items(data) == {"interp.3.1.1", "interp.3.1.2"}


@pytest.mark.parametrize("unknown", ["illegal_videos", "illegal_other_info"])
def test_item_3_not_established_when_one_figure_is_unknown(unknown):
    figures = {"illegal_videos": 150, "illegal_other_info": 500} | {unknown: "unknown"}
    data = spread_case(**figures)
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.1")


def test_item_3_does_not_convert_other_kinds_of_figure():
    # Only videos and other information are converted; accounts, members and clicks are not.
    data = spread_case(
        illegal_videos=150,
        illegal_other_info=0,
        recipient_accounts=ACCOUNTS - 1,
        group_members_total=MEMBERS - 1,
        clicks=CLICKS - 1,
    )
    assert holding_items(data) == set()


# ----------------------------------------------------------------------------- item (7)


def test_item_7_holds_only_on_a_finding():
    # （七）其他致使违法信息大量传播的情形: evaluative, by a reviewer finding.
    assert not holds(make_case(), "interp.3.1.7")
    data = make_case(add_findings=[finding("interp.3.1.7")])
    assert holding_items(data) == {"interp.3.1.7"}
    assert holds(data, "cl.286-1.1.1")


def test_item_7_not_on_a_negative_finding():
    data = make_case(add_findings=[finding("interp.3.1.7", value=False)])
    assert not holds(data, "interp.3.1.7")
    assert not holds(data, "cl.286-1.1.1")


def test_item_7_finding_about_another_subject_is_rejected():
    data = make_case(add_findings=[finding("interp.3.1.7", subject="O1")])
    with pytest.raises(CaseFileError, match="is about a act; 'O1' is a order"):
        to_case(data)


def test_item_7_not_from_figures_below_every_threshold():
    data = spread_case(
        illegal_videos=VIDEOS - 1,
        recipient_accounts=ACCOUNTS - 1,
        group_members_total=MEMBERS - 1,
        followers_total=FOLLOWERS - 1,
        clicks=CLICKS - 1,
    )
    assert not holds(data, "interp.3.1.7")
    assert not holds(data, "cl.286-1.1.1")


# ----------------------------------------------------------------------------- CL 286-1


@pytest.mark.parametrize("item", ITEMS)
def test_each_item_makes_mass_spread_and_the_offence_hold(item):
    data = ONE_EACH[item]()
    assert holding_items(data) == {item}
    assert holds(data, "cl.286-1.1.1")
    assert holds(data, "cl.286-1.1.circumstance")
    assert holds(data, "cl.286-1")


def test_base_alone_is_not_the_offence():
    data = make_case()
    assert not holds(data, "cl.286-1.1.1")
    assert not holds(data, "cl.286-1")


@pytest.mark.parametrize("item", ITEMS)
def test_item_without_the_refusal_is_not_the_offence(item):
    data = ONE_EACH[item]()
    data["orders"][0]["response"] = {"complied": True}
    assert holds(data, "cl.286-1.1.1")
    assert not holds(data, "cl.286-1")
