"""法释〔2019〕15号 第十条: 情节严重 of CL 287-1 ¶1, items (1)-(7), each at, below and above its figures."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run, to_case

from reasoner.case.errors import CaseFileError
from reasoner.law.parameters import parameters
from reasoner.law.terms import String

A1 = String("A1")
ITEMS = [f"interp.10.1.{n}" for n in range(1, 8)]
SUB_ITEMS = [f"interp.10.1.4.{n}" for n in range(1, 5)]
PREDICATE_PENALTIES = ["illegal_use_of_network", "assisting_network_crime", "computer_system_security"]
HUGE = 3_000_000_000  # above 2^31 - 1


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


WEBSITES = param("interp.10.1.2", "websites")
ACCOUNTS = param("interp.10.1.2", "registered_accounts")
GROUPS = param("interp.10.1.3", "groups")
MEMBERS = param("interp.10.1.3", "members")
GAINS = param("interp.10.1.5", "gains")  # fen
YEARS = param("interp.10.1.6", "years")

#: Item (4): each sub-item, the publishing count it measures, and its threshold.
PUBLISHING = [
    ("interp.10.1.4.1", "items_on_websites", param("interp.10.1.4.1", "items")),
    ("interp.10.1.4.2", "recipient_accounts", param("interp.10.1.4.2", "recipient_accounts")),
    ("interp.10.1.4.3", "group_members_total", param("interp.10.1.4.3", "group_members")),
    ("interp.10.1.4.4", "followers_total", param("interp.10.1.4.4", "followers")),
]
PUBLISHING_IDS = [q for _, q, _ in PUBLISHING]


# ----------------------------------------------------------------------------- case builders


def case(
    sites: list[dict] | None = None,
    publishing: dict | None = None,
    gains: object = None,
    date: object = "2023-05-01",
    penalties: list[dict] | None = None,
    findings: list[dict] | None = None,
) -> dict:
    """Person P1 and one act A1 of illegal use of information networks."""
    act: dict = {"id": "A1", "actor": "P1", "kind": "illegal_use_of_network", "date": date}
    if sites is not None:
        act["sites"] = sites
    if publishing is not None:
        act["publishing"] = publishing
    if gains is not None:
        act["illegal_gains"] = gains
    return {
        "case": {"id": "t"},
        "parties": [{"id": "P1", "kind": "person", "name": "赵某"}, {"id": "P9", "kind": "person", "name": "钱某"}],
        "acts": [act],
        "admin_penalties": penalties or [],
        "findings": findings or [],
    }


def site(
    sid: str,
    kind: str = "website",
    purpose: str = "set_up_for_illegal_activity",
    character: str = "crime",
    **extra: object,
) -> dict:
    return {
        "id": sid,
        "kind": kind,
        "purpose": purpose,
        "activity": {"kind": "fraud", "legal_character": character},
        **extra,
    }


def websites(*accounts: int | None, **extra: object) -> list[dict]:
    """Qualifying websites W1, W2, ... with the given registered accounts (None: not recorded)."""
    return [
        site(f"W{i + 1}", **extra, **({} if a is None else {"registered_accounts": a})) for i, a in enumerate(accounts)
    ]


def groups(*members: int | None, **extra: object) -> list[dict]:
    """Qualifying groups G1, G2, ... with the given member accounts (None: not recorded)."""
    return [
        site(f"G{i + 1}", kind="group", **extra, **({} if m is None else {"members": m})) for i, m in enumerate(members)
    ]


def publishing(character: str = "crime", content: str = "illegal_articles_or_activity_info", **counts: object) -> dict:
    return {
        "content": content,
        "activity": {"kind": "gambling", "legal_character": character},
        "methods": ["link"],
        **counts,
    }


def finding(provision: str, subject: str = "A1", value: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": value, "reason": "审查认定"}


def penalty(date: object = "2021-05-01", for_: str = "illegal_use_of_network", party: str = "P1") -> dict:
    return {"id": "X1", "party": party, "date": date, "for": for_, "authority": "某市公安局"}


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def holding(data: dict) -> set[str]:
    """The items of Art 10 ¶1 (1)-(7) that hold for A1."""
    r = run(data)
    return {i for i in ITEMS if r.holds(i, A1)}


def holds_in(data: dict, pid: str, subject: str = "A1") -> bool:
    return run(data).holds(pid, String(subject))


def test_thresholds_are_the_texts_figures():
    # 三个 / 二千 / 五个 / 一千 / 一百条 / 二千个 / 三千 / 三万 / 一万元 / 二年
    figures = (WEBSITES, ACCOUNTS, GROUPS, MEMBERS, *(t for _, _, t in PUBLISHING), GAINS, YEARS)
    assert figures == (3, 2000, 5, 1000, 100, 2000, 3000, 30000, 1_000_000, 2)


def test_no_circumstance_no_item():
    data = case(sites=websites(None))
    assert holding(data) == set()
    assert not holds_in(data, "cl.287-1.1.serious")


# ----------------------------------------------------------------------------- item (1)


@pytest.mark.parametrize("impersonates", ["state_organ", "financial_institution"])
def test_item_1_impersonating_website_set_up_for_illegal_activity(impersonates):
    # 假冒国家机关、金融机构名义，设立用于实施违法犯罪活动的网站的
    data = case(sites=websites(None, impersonates=impersonates))
    assert holding(data) == {"interp.10.1.1"}
    assert holds_in(data, "cl.287-1.1.serious")


def test_item_1_not_for_a_website_that_impersonates_no_one():
    assert holding(case(sites=websites(None))) == set()


def test_item_1_not_for_a_group():
    # The item speaks of 网站 only: impersonation is not even recordable for a group.
    data = case(sites=groups(None, impersonates="state_organ"))
    with pytest.raises(CaseFileError, match="impersonates do not apply to a group"):
        to_case(data)


@pytest.mark.parametrize(
    "purpose,character",
    [
        ("other", "crime"),
        ("used_mainly_for_illegal_activity", "crime"),
        ("set_up_for_illegal_activity", "other_violation"),
    ],
)
def test_item_1_not_without_art_8(purpose, character):
    data = case(sites=[site("W1", purpose=purpose, character=character, impersonates="financial_institution")])
    r = run(data)
    assert not r.holds("interp.8.1", String("W1"))
    assert not r.holds("interp.10.1.1", A1)


def test_item_1_with_art_8_through_a_finding_on_main_use():
    data = case(
        sites=[site("W1", purpose="used_mainly_for_illegal_activity", impersonates="state_organ")],
        findings=[finding("interp.8.1", "W1")],
    )
    assert holding(data) == {"interp.10.1.1"}


def test_item_1_when_one_of_several_websites_impersonates():
    data = case(sites=[*websites(None), site("W9", purpose="other", impersonates="state_organ")])
    assert "interp.10.1.1" not in holding(data)
    data = case(sites=[site("W9", purpose="other"), *websites(None, impersonates="state_organ")])
    assert "interp.10.1.1" in holding(data)


# ----------------------------------------------------------------------------- item (2)


@pytest.mark.parametrize("n,expected", [(WEBSITES - 1, False), (WEBSITES, True), (WEBSITES + 1, True)])
def test_item_2_number_of_websites(n, expected):
    # 数量达到三个以上
    data = case(sites=websites(*[None] * n))
    assert holding(data) == ({"interp.10.1.2"} if expected else set())


@pytest.mark.parametrize("n,expected", [(WEBSITES - 1, False), (WEBSITES, True), (WEBSITES + 1, True)])
def test_item_2_one_entry_standing_for_several_websites(n, expected):
    # an entry with count: n is n websites alike; 数量 counts websites, not entries
    data = case(sites=[site("W1", count=n)])
    assert holding(data) == ({"interp.10.1.2"} if expected else set())
    two = case(sites=[site("W1", count=n - 1), site("W2")])  # n - 1 alike, and one more
    assert holding(two) == ({"interp.10.1.2"} if expected else set())


@pytest.mark.parametrize("n,expected", [(GROUPS - 1, False), (GROUPS, True), (GROUPS + 1, True)])
def test_item_3_one_entry_standing_for_several_groups(n, expected):
    data = case(sites=[site("G1", kind="group", count=n)])
    assert holding(data) == ({"interp.10.1.3"} if expected else set())


@pytest.mark.parametrize(
    "accounts,expected",
    [
        ((ACCOUNTS,), True),
        ((ACCOUNTS - 1,), False),
        ((ACCOUNTS + 1,), True),
        ((1500, 500), True),  # 累计: 1,500 + 500 = 2,000
        ((1500, 499), False),  # 1,999
        ((ACCOUNTS // 2, ACCOUNTS // 2), True),  # two websites with the same figure both count
        ((ACCOUNTS - 1, 0), False),
    ],
)
def test_item_2_registered_accounts_summed_across_qualifying_websites(accounts, expected):
    # 注册账号数累计达到二千以上
    assert len(accounts) < WEBSITES  # the number of websites alone does not reach the item
    data = case(sites=websites(*accounts))
    assert holding(data) == ({"interp.10.1.2"} if expected else set())


@pytest.mark.parametrize(
    "other",
    [
        site("W9", purpose="other", registered_accounts=1500),
        site("W9", character="other_violation", registered_accounts=1500),
        site("W9", purpose="used_mainly_for_illegal_activity", registered_accounts=1500),  # no finding
        site("W9", kind="group", members=1500),
    ],
    ids=["purpose-other", "not-art-7", "main-use-without-finding", "group"],
)
def test_item_2_accounts_of_a_non_qualifying_website_do_not_count(other):
    data = case(sites=[*websites(500), other])
    assert "interp.10.1.2" not in holding(data)


def test_item_2_non_qualifying_websites_do_not_count_towards_the_number():
    data = case(sites=[*websites(None, None), site("W9", purpose="other")])
    assert "interp.10.1.2" not in holding(data)
    data = case(sites=[*websites(None, None), site("W9", purpose="used_mainly_for_illegal_activity")])
    assert "interp.10.1.2" not in holding(data)
    data["findings"] = [finding("interp.8.1", "W9")]
    assert "interp.10.1.2" in holding(data)


def test_item_2_groups_do_not_count_as_websites():
    data = case(sites=[*websites(None, None), *groups(None)])
    assert "interp.10.1.2" not in holding(data)


def test_item_2_unknown_accounts_do_not_establish_it():
    data = case(sites=websites(1500, "unknown"))
    assert holding(data) == set()


def test_item_2_huge_account_count_on_one_website():
    # 3,000,000,000 does not fit in 32 bits: capped, never wrapped round.
    r = run(case(sites=websites(HUGE)))
    assert r.holds("interp.10.1.2", A1)
    assert r.holds("cl.287-1.1.serious", A1)
    assert r.holds("cl.287-1", A1)


def test_item_2_huge_account_counts_on_two_websites():
    r = run(case(sites=websites(HUGE, HUGE)))
    assert r.holds("interp.10.1.2", A1)
    assert r.holds("cl.287-1", A1)


def test_item_2_huge_account_count_on_a_non_qualifying_website_does_not_count():
    data = case(sites=[*websites(ACCOUNTS - 1), site("W9", purpose="other", registered_accounts=HUGE)])
    r = run(data)
    assert not r.holds("interp.10.1.2", A1)
    assert not r.holds("cl.287-1", A1)


# ----------------------------------------------------------------------------- item (3)


@pytest.mark.parametrize("n,expected", [(GROUPS - 1, False), (GROUPS, True), (GROUPS + 1, True)])
def test_item_3_number_of_groups(n, expected):
    # 数量达到五个以上
    data = case(sites=groups(*[None] * n))
    assert holding(data) == ({"interp.10.1.3"} if expected else set())


@pytest.mark.parametrize(
    "members,expected",
    [
        ((MEMBERS,), True),
        ((MEMBERS - 1,), False),
        ((MEMBERS + 1,), True),
        ((600, 400), True),  # 累计: 600 + 400 = 1,000
        ((600, 399), False),  # 999
        ((250, 250, 250, 250), True),  # equal figures in different groups all count
        ((250, 250, 250, 249), False),
    ],
)
def test_item_3_members_summed_across_qualifying_groups(members, expected):
    # 群组成员账号数累计达到一千以上
    assert len(members) < GROUPS
    data = case(sites=groups(*members))
    assert holding(data) == ({"interp.10.1.3"} if expected else set())


def test_item_3_members_of_a_non_qualifying_group_do_not_count():
    data = case(sites=[*groups(600), site("G9", kind="group", purpose="other", members=400)])
    assert "interp.10.1.3" not in holding(data)
    data = case(sites=[*groups(600), site("G9", kind="group", character="other_violation", members=400)])
    assert "interp.10.1.3" not in holding(data)


def test_item_3_websites_do_not_count_as_groups():
    data = case(sites=[*groups(None, None, None, None), *websites(None)])
    assert "interp.10.1.3" not in holding(data)
    data = case(sites=[*groups(600), site("W9", members=400)])
    with pytest.raises(CaseFileError, match="members do not apply to a website"):
        to_case(data)


def test_item_3_huge_member_count():
    r = run(case(sites=groups(HUGE)))
    assert r.holds("interp.10.1.3", A1)
    assert r.holds("cl.287-1", A1)


# ----------------------------------------------------------------------------- item (4)


@pytest.mark.parametrize("sub,quantity,threshold", PUBLISHING, ids=PUBLISHING_IDS)
@pytest.mark.parametrize("delta,expected", [(-1, False), (0, True), (1, True)], ids=["below", "at", "above"])
def test_item_4_sub_items_at_their_thresholds(sub, quantity, threshold, delta, expected):
    data = case(publishing=publishing(**{quantity: threshold + delta}))
    r = run(data)
    assert {s for s in SUB_ITEMS if r.holds(s, A1)} == ({sub} if expected else set())
    assert r.holds("interp.10.1.4", A1) is expected
    assert r.holds("cl.287-1.1.serious", A1) is expected
    assert r.holds("cl.287-1", A1) is expected


@pytest.mark.parametrize("sub,quantity,threshold", PUBLISHING, ids=PUBLISHING_IDS)
def test_item_4_for_information_published_for_illegal_activity(sub, quantity, threshold):
    # 为实施违法犯罪活动发布信息 (CL 287-1 ¶1 item (3)) as well as 有关违法犯罪的信息 (item (2)).
    data = case(publishing=publishing(content="info_for_illegal_activity", **{quantity: threshold}))
    r = run(data)
    assert r.holds("cl.287-1.1.3", A1)
    assert r.holds(sub, A1)
    assert r.holds("cl.287-1", A1)


def test_item_4_needs_publishing():
    # No publishing conduct, no sub-item of (4): the members of groups the actor set up (3,000 here) are the
    # measure of item (3), not of 3 目 (向群组成员数累计达到三千以上的通讯群组发送有关信息).
    group_members = PUBLISHING[2][2]
    data = case(sites=[*websites(ACCOUNTS - 1), *groups(group_members)])
    r = run(data)
    assert r.holds("cl.287-1.1.conduct", A1)
    assert r.holds("interp.10.1.3", A1)
    assert not r.holds("cl.287-1.1.publishing", A1)
    assert {s for s in [*SUB_ITEMS, "interp.10.1.4"] if r.holds(s, A1)} == set()


@pytest.mark.parametrize("character", ["other_violation", "unknown"])
@pytest.mark.parametrize("sub,quantity,threshold", PUBLISHING, ids=PUBLISHING_IDS)
def test_item_4_needs_information_on_illegal_or_criminal_activity(sub, quantity, threshold, character):
    data = case(publishing=publishing(character=character, **{quantity: threshold}))
    r = run(data)
    assert not r.holds("cl.287-1.1.conduct", A1)
    assert not r.holds(sub, A1)
    assert not r.holds("interp.10.1.4", A1)
    assert not r.holds("cl.287-1.1.serious", A1)


def test_item_4_the_sub_items_are_not_added_together():
    data = case(
        publishing=publishing(
            **{q: t - 1 for _, q, t in PUBLISHING},
        )
    )
    r = run(data)
    assert not r.holds("interp.10.1.4", A1)
    assert not r.holds("cl.287-1.1.serious", A1)


def test_item_4_group_members_are_not_measured_against_the_followers_threshold():
    # 3 目 (群组成员数累计三千) and 4 目 (关注人员账号数累计三万) are separate measures.
    followers = param("interp.10.1.4.4", "followers")
    r = run(case(publishing=publishing(followers_total=followers - 1, group_members_total=0)))
    assert not r.holds("interp.10.1.4.3", A1)
    assert not r.holds("interp.10.1.4.4", A1)


@pytest.mark.parametrize("sub,quantity,threshold", PUBLISHING, ids=PUBLISHING_IDS)
def test_item_4_unknown_count_does_not_establish_it(sub, quantity, threshold):
    assert not holds_in(case(publishing=publishing(**{quantity: "unknown"})), sub)


@pytest.mark.parametrize("sub,quantity,threshold", PUBLISHING, ids=PUBLISHING_IDS)
def test_item_4_huge_count(sub, quantity, threshold):
    r = run(case(publishing=publishing(**{quantity: HUGE})))
    assert r.holds(sub, A1)
    assert r.holds("cl.287-1", A1)


# ----------------------------------------------------------------------------- item (5)


@pytest.mark.parametrize(
    "gains,expected",
    [
        (yuan(GAINS), True),  # "10000.00"
        ("10000", True),
        (10000, True),
        (yuan(GAINS - 1), False),  # "9999.99"
        ("9999.99", False),
        (yuan(GAINS + 1), True),  # "10000.01"
        ("10000.01", True),
        ("0", False),
        ("30000000000", True),  # above the money ceiling: capped, not wrapped
    ],
)
def test_item_5_illegal_gains(gains, expected):
    # 违法所得一万元以上
    data = case(sites=websites(None), gains=gains)
    assert holding(data) == ({"interp.10.1.5"} if expected else set())
    assert holds_in(data, "cl.287-1") is expected


def test_item_5_unknown_gains_do_not_establish_it():
    assert holding(case(sites=websites(None), gains="unknown")) == set()


def test_item_5_needs_the_conduct():
    data = case(sites=[site("W1", purpose="other")], gains="50000")
    r = run(data)
    assert not r.holds("cl.287-1.1.conduct", A1)
    assert not r.holds("interp.10.1.5", A1)
    assert not r.holds("cl.287-1.1.serious", A1)


def test_item_5_through_publishing():
    data = case(publishing=publishing(), gains="10000")
    assert holding(data) == {"interp.10.1.5"}


# ----------------------------------------------------------------------------- item (6)


PENALTY_DATE = dt.date(2021, 5, 1)
LAST_DAY = PENALTY_DATE.replace(year=PENALTY_DATE.year + YEARS)  # 2023-05-01


@pytest.mark.parametrize("for_", PREDICATE_PENALTIES)
@pytest.mark.parametrize(
    "date,expected",
    [
        (LAST_DAY.isoformat(), True),  # exactly two years after the penalty
        ((LAST_DAY + dt.timedelta(days=1)).isoformat(), False),
        ((PENALTY_DATE + dt.timedelta(days=1)).isoformat(), True),
        ("2022-01-15", True),
        ((PENALTY_DATE - dt.timedelta(days=1)).isoformat(), False),  # before the penalty: not 又
        ("2019-06-01", False),
    ],
)
def test_item_6_prior_administrative_penalty(for_, date, expected):
    # 二年内曾因非法利用信息网络、帮助信息网络犯罪活动、危害计算机信息系统安全受过行政处罚，又非法利用信息网络的
    data = case(sites=websites(None), date=date, penalties=[penalty(PENALTY_DATE.isoformat(), for_)])
    assert holding(data) == ({"interp.10.1.6"} if expected else set())
    assert holds_in(data, "cl.287-1") is expected


def test_item_6_not_for_a_penalty_for_something_else():
    data = case(sites=websites(None), date="2022-01-15", penalties=[penalty(for_="other")])
    assert holding(data) == set()


def test_item_6_not_for_a_penalty_on_another_party():
    data = case(sites=websites(None), date="2022-01-15", penalties=[penalty(party="P9")])
    assert holding(data) == set()


def test_item_6_not_when_the_penalty_date_is_unknown():
    data = case(sites=websites(None), date="2022-01-15", penalties=[penalty(date="unknown")])
    assert holding(data) == set()


@pytest.mark.parametrize(
    "span,expected",
    [
        ({"from": "2021-03-01", "to": "2021-06-30"}, True),  # starts before the penalty, goes on after it
        ({"from": "2019-01-01", "to": "2023-12-31"}, True),
        ({"from": "2021-01-01", "to": "2021-04-30"}, False),  # ends before the penalty
        ({"from": "2023-05-01", "to": "2023-12-31"}, True),  # starts on the last day of the two years
        ({"from": "2023-05-02", "to": "2023-12-31"}, False),  # starts after the two years
    ],
)
def test_item_6_act_over_a_range(span, expected):
    data = case(sites=websites(None), date=span, penalties=[penalty()])
    assert holding(data) == ({"interp.10.1.6"} if expected else set())


def test_item_6_leap_day_penalty():
    # Two years from 2020-02-29 end on 2022-02-28 (no 02-29 in 2022).
    pen = [penalty(date="2020-02-29")]
    assert holding(case(sites=websites(None), date="2022-02-28", penalties=pen)) == {"interp.10.1.6"}
    assert holding(case(sites=websites(None), date="2022-03-01", penalties=pen)) == set()


def test_item_6_needs_the_conduct():
    data = case(sites=[site("W1", purpose="other")], date="2022-01-15", penalties=[penalty()])
    r = run(data)
    assert not r.holds("interp.10.1.6", A1)
    assert not r.holds("cl.287-1.1.serious", A1)


def test_item_6_unknown_act_date_does_not_establish_it():
    data = case(sites=websites(None), date="unknown", penalties=[penalty()])
    assert holding(data) == set()


# ----------------------------------------------------------------------------- item (7)


def test_item_7_only_with_a_finding():
    # （七）其他情节严重的情形: evaluative, by a reviewer finding.
    assert holding(case(sites=websites(None))) == set()
    data = case(sites=websites(None), findings=[finding("interp.10.1.7")])
    assert holding(data) == {"interp.10.1.7"}
    assert holds_in(data, "cl.287-1")


def test_item_7_not_on_a_negative_finding():
    data = case(sites=websites(None), findings=[finding("interp.10.1.7", value=False)])
    assert holding(data) == set()
    assert not holds_in(data, "cl.287-1")


def test_item_7_finding_about_another_subject_is_rejected():
    data = case(sites=websites(None), findings=[finding("interp.10.1.7", subject="W1")])
    with pytest.raises(CaseFileError, match="is about a act; 'W1' is a site"):
        to_case(data)


def test_item_7_needs_the_conduct():
    data = case(sites=[site("W1", purpose="other")], findings=[finding("interp.10.1.7")])
    r = run(data)
    assert not r.holds("interp.10.1.7", A1)
    assert not r.holds("cl.287-1", A1)


# ----------------------------------------------------------------------------- 情节严重 through each item


ONE_EACH = {
    "interp.10.1.1": lambda: case(sites=websites(None, impersonates="state_organ")),
    "interp.10.1.2": lambda: case(sites=websites(*[None] * WEBSITES)),
    "interp.10.1.3": lambda: case(sites=groups(MEMBERS)),
    "interp.10.1.4": lambda: case(publishing=publishing(items_on_websites=PUBLISHING[0][2])),
    "interp.10.1.5": lambda: case(sites=groups(None), gains=yuan(GAINS)),
    "interp.10.1.6": lambda: case(sites=groups(None), penalties=[penalty()]),
    "interp.10.1.7": lambda: case(publishing=publishing(), findings=[finding("interp.10.1.7")]),
}


@pytest.mark.parametrize("item", ITEMS)
def test_each_item_makes_the_circumstances_serious(item):
    data = ONE_EACH[item]()
    r = run(data)
    assert {i for i in ITEMS if r.holds(i, A1)} == {item}
    assert r.holds("cl.287-1.1.serious", A1)
    assert r.holds("cl.287-1", A1)


@pytest.mark.parametrize("item", ITEMS)
def test_serious_circumstances_are_those_of_the_act(item):
    # A second act of the same actor without any circumstance does not borrow the first act's items.
    data = ONE_EACH[item]()
    data["acts"].append(
        {"id": "A2", "actor": "P1", "kind": "illegal_use_of_network", "date": "2019-01-01", "sites": [site("W8")]}
    )
    r = run(data)
    assert r.holds("cl.287-1", A1)
    assert not r.holds("cl.287-1.1.serious", String("A2"))
    assert not r.holds("cl.287-1", String("A2"))
