"""法释〔2019〕15号 第六条: 有其他严重情节 (CL 286-1 ¶1 item (4))."""

from __future__ import annotations

import datetime

import pytest
from conftest import holds, make_case, run

from reasoner.law.parameters import parameters
from reasoner.law.terms import String

ITEMS = [f"interp.6.1.{n}" for n in range(1, 8)]
GRAVE = ["state_security", "terrorism", "mafia", "corruption_bribery"]
SECTORS = [
    "state_organ",
    "communications",
    "energy",
    "transport",
    "water_conservancy",
    "finance",
    "education",
    "medical",
]


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


TIMES = param("interp.6.1.2", "times")
YEARS = param("interp.6.1.2", "years")


def finding(provision: str, subject: str = "A1", holds_: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": holds_, "reason": "审查认定"}


def case_with(act: dict | None = None, findings: list[dict] | None = None) -> dict:
    return make_case(act=act or {}, add_findings=findings)


def holding_items(data: dict) -> set[str]:
    return {i for i in ITEMS if holds(data, i)}


def test_parameters_are_the_texts_figures():
    assert TIMES == 3  # 多次, read as three or more
    assert YEARS == 2  # 二年内


# ----------------------------------------------------------------------------- item (1)


@pytest.mark.parametrize("lapse", ["user_logs", "real_name"])
def test_item_1_lapse_with_finding_holds(lapse):
    data = case_with({"duty_lapses": [lapse]}, [finding("interp.6.1.1")])
    assert holding_items(data) == {"interp.6.1.1"}
    assert holds(data, "cl.286-1.1.4")


@pytest.mark.parametrize("lapse", ["user_logs", "real_name"])
def test_item_1_lapse_alone_does_not_hold(lapse):
    # 绝大多数 is evaluative: the lapse alone does not show it concerns the vast majority of users.
    data = case_with({"duty_lapses": [lapse]})
    assert not holds(data, "interp.6.1.1")
    assert not holds(data, "cl.286-1.1.4")


def test_item_1_finding_alone_does_not_hold():
    data = case_with(findings=[finding("interp.6.1.1")])
    assert not holds(data, "interp.6.1.1")
    assert not holds(data, "cl.286-1.1.4")


def test_item_1_finding_that_fails_does_not_hold():
    data = case_with({"duty_lapses": ["user_logs"]}, [finding("interp.6.1.1", holds_=False)])
    assert not holds(data, "interp.6.1.1")


# ----------------------------------------------------------------------------- item (2)


def extra_order(ident: str, date: str, to: str = "P1", changes: dict | None = None) -> dict:
    order = {
        "id": ident,
        "to": to,
        "issuer": {"name": "某市网信办", "kind": "cyberspace"},
        "form": "rectification_notice",
        "date": date,
        "legal_basis": [{"kind": "law", "name": "网络安全法"}],
        "capacity_to_comply": True,
        "response": {"complied": False},
    }
    order.update(changes or {})
    return order


def later(day: str, days: int) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=days)).isoformat()


def orders_case(
    dates: list[str],
    changes: dict[int, dict] | None = None,
    no_finding: tuple[int, ...] = (),
    to: dict[int, str] | None = None,
) -> dict:
    """O1 (BASE's order, the act's order) on dates[0]; O2, O3, ... on the later dates."""
    changes = changes or {}
    to = to or {}
    extra = [
        extra_order(f"O{i + 1}", d, to.get(i, "P1"), {"deadline": later(d, 10), **changes.get(i, {})})
        for i, d in enumerate(dates)
        if i > 0
    ]
    # each order sets ten days to comply; the refusals begin the day after, within the act
    data = make_case(order={"date": dates[0], "deadline": later(dates[0], 10)}, act={"date": later(max(dates), 11)})
    data["orders"] = data["orders"] + extra
    data["findings"] = [finding("interp.2.2.2", f"O{i + 1}") for i in range(len(dates)) if i not in no_finding]
    if any(v != "P1" for v in to.values()):
        data["parties"].append(
            {"id": "P3", "kind": "unit", "name": "另一公司", "services": [{"category": "online_shopping"}]}
        )
    return data


def test_item_2_each_extra_order_meets_article_2():
    data = orders_case(["2021-01-01", "2021-06-01", "2021-12-01"])
    result = run(data)
    for o in ("O1", "O2", "O3"):
        assert result.holds("interp.2.2", String(o))


def test_item_2_three_refused_orders_within_two_years_hold():
    data = orders_case(["2021-01-01", "2021-06-01", "2021-12-01"])
    assert holding_items(data) == {"interp.6.1.2"}
    assert holds(data, "cl.286-1.1.4")


def test_item_2_two_refused_orders_do_not_hold():
    data = orders_case(["2021-01-01", "2021-06-01"])
    assert not holds(data, "interp.6.1.2")
    assert not holds(data, "cl.286-1.1.4")


def test_item_2_only_the_base_order_does_not_hold():
    assert not holds(make_case(), "interp.6.1.2")


def test_item_2_three_orders_spread_over_more_than_two_years_do_not_hold():
    data = orders_case(["2019-01-01", "2020-06-01", "2021-06-01"])
    assert not holds(data, "interp.6.1.2")
    assert not holds(data, "cl.286-1.1.4")


def test_item_2_more_orders_but_never_three_in_one_window():
    data = orders_case(["2019-01-01", "2020-06-01", "2021-06-02", "2022-12-01"])
    assert not holds(data, "interp.6.1.2")


def test_item_2_window_may_start_at_any_order():
    data = orders_case(["2019-01-01", "2021-06-01", "2021-12-01", "2023-01-01"])
    assert holds(data, "interp.6.1.2")


@pytest.mark.parametrize(
    "dates,expected",
    [
        (["2020-03-01", "2021-01-01", "2022-03-01"], True),  # the corresponding day ends the period
        (["2020-03-01", "2021-01-01", "2022-03-02"], False),
        (["2020-02-29", "2021-01-01", "2022-02-28"], True),  # no 29 Feb 2022: the month's last day
        (["2020-02-29", "2021-01-01", "2022-03-01"], False),
    ],
)
def test_item_2_calendar_boundary_of_two_years(dates, expected):
    data = orders_case(dates)
    assert holds(data, "interp.6.1.2") is expected
    assert holds(data, "cl.286-1.1.4") is expected


def test_item_2_dates_out_of_order_in_the_file():
    # The order of records in the file does not matter; only the dates do.
    data = orders_case(["2022-03-01", "2021-01-01", "2020-03-01"])
    assert holds(data, "interp.6.1.2")


@pytest.mark.parametrize(
    "change",
    [
        {"form": "oral"},
        {"legal_basis": [{"kind": "departmental_rule", "name": "某部门规章"}]},
        {"legal_basis": []},
        {"capacity_to_comply": False},
        {"response": {"complied": True}},
    ],
)
def test_item_2_order_failing_article_2_does_not_count(change):
    data = orders_case(["2021-01-01", "2021-06-01", "2021-12-01"], changes={2: change})
    assert not holds(data, "interp.6.1.2")


def test_item_2_order_without_reasonableness_finding_does_not_count():
    data = orders_case(["2021-01-01", "2021-06-01", "2021-12-01"], no_finding=(2,))
    assert not holds(data, "interp.6.1.2")


def test_item_2_orders_to_another_party_do_not_count():
    data = orders_case(["2021-01-01", "2021-06-01", "2021-12-01"], to={2: "P3"})
    assert not holds(data, "interp.6.1.2")


def test_item_2_order_of_unknown_date_does_not_count():
    data = orders_case(["2021-01-01", "2021-06-01", "2021-12-01"], changes={2: {"date": "unknown"}})
    assert not holds(data, "interp.6.1.2")


# ----------------------------------------------------------------------------- item (3)


def test_item_3_with_finding_holds():
    data = case_with(findings=[finding("interp.6.1.3")])
    assert holding_items(data) == {"interp.6.1.3"}
    assert holds(data, "cl.286-1.1.4")


def test_item_3_without_finding_does_not_hold():
    data = case_with({"used_for_crime": ["other"]})
    assert not holds(data, "interp.6.1.3")


def test_item_3_finding_that_fails_does_not_hold():
    assert not holds(case_with(findings=[finding("interp.6.1.3", holds_=False)]), "interp.6.1.3")


# ----------------------------------------------------------------------------- item (4)


def test_item_4_attack_with_finding_holds():
    data = case_with({"used_for_attack": True}, [finding("interp.6.1.4")])
    assert holding_items(data) == {"interp.6.1.4"}
    assert holds(data, "cl.286-1.1.4")


def test_item_4_attack_alone_does_not_hold():
    data = case_with({"used_for_attack": True})
    assert not holds(data, "interp.6.1.4")
    assert not holds(data, "cl.286-1.1.4")


def test_item_4_finding_alone_does_not_hold():
    for act in ({}, {"used_for_attack": False}, {"used_for_attack": "unknown"}):
        data = case_with(act, [finding("interp.6.1.4")])
        assert not holds(data, "interp.6.1.4")
        assert not holds(data, "cl.286-1.1.4")


# ----------------------------------------------------------------------------- item (5)


@pytest.mark.parametrize("kind", GRAVE)
def test_item_5_grave_crime_holds_without_finding(kind):
    data = case_with({"used_for_crime": [kind]})
    assert holding_items(data) == {"interp.6.1.5"}
    assert holds(data, "cl.286-1.1.4")


def test_item_5_other_crime_without_finding_does_not_hold():
    data = case_with({"used_for_crime": ["other"]})
    assert not holds(data, "interp.6.1.5")
    assert not holds(data, "cl.286-1.1.4")


def test_item_5_other_crime_with_finding_holds():
    data = case_with({"used_for_crime": ["other"]}, [finding("interp.6.1.5")])
    assert holds(data, "interp.6.1.5")
    assert holds(data, "cl.286-1.1.4")


def test_item_5_finding_without_any_crime_does_not_hold():
    assert not holds(case_with(findings=[finding("interp.6.1.5")]), "interp.6.1.5")


# ----------------------------------------------------------------------------- item (6)


@pytest.mark.parametrize("sector", SECTORS)
def test_item_6_listed_sector_with_finding_holds(sector):
    data = case_with({"public_network_damaged": [sector]}, [finding("interp.6.1.6")])
    assert holding_items(data) == {"interp.6.1.6"}
    assert holds(data, "cl.286-1.1.4")


@pytest.mark.parametrize("sector", SECTORS + ["other"])
def test_item_6_sector_alone_does_not_hold(sector):
    # 严重影响生产、生活 is evaluative.
    data = case_with({"public_network_damaged": [sector]})
    assert not holds(data, "interp.6.1.6")
    assert not holds(data, "cl.286-1.1.4")


def test_item_6_finding_alone_does_not_hold():
    data = case_with(findings=[finding("interp.6.1.6")])
    assert not holds(data, "interp.6.1.6")
    assert not holds(data, "cl.286-1.1.4")


def test_item_6_other_sector_with_finding_holds():
    data = case_with({"public_network_damaged": ["other"]}, [finding("interp.6.1.6")])
    assert holds(data, "interp.6.1.6")
    assert holds(data, "cl.286-1.1.4")


# ----------------------------------------------------------------------------- item (7)


def test_item_7_with_finding_holds():
    data = case_with(findings=[finding("interp.6.1.7")])
    assert holding_items(data) == {"interp.6.1.7"}
    assert holds(data, "cl.286-1.1.4")


def test_item_7_without_finding_does_not_hold():
    data = case_with({"duty_lapses": ["real_name"], "used_for_attack": True})
    assert not holds(data, "interp.6.1.7")
    assert not holds(data, "cl.286-1.1.4")


# ----------------------------------------------------------------------------- cl.286-1.1.4


ROUTES = {
    "interp.6.1.1": lambda: case_with({"duty_lapses": ["user_logs"]}, [finding("interp.6.1.1")]),
    "interp.6.1.2": lambda: orders_case(["2021-01-01", "2021-06-01", "2021-12-01"]),
    "interp.6.1.3": lambda: case_with(findings=[finding("interp.6.1.3")]),
    "interp.6.1.4": lambda: case_with({"used_for_attack": True}, [finding("interp.6.1.4")]),
    "interp.6.1.5": lambda: case_with({"used_for_crime": ["terrorism"]}),
    "interp.6.1.6": lambda: case_with({"public_network_damaged": ["energy"]}, [finding("interp.6.1.6")]),
    "interp.6.1.7": lambda: case_with(findings=[finding("interp.6.1.7")]),
}


@pytest.mark.parametrize("item", ITEMS)
def test_other_serious_circumstances_through_each_item(item):
    data = ROUTES[item]()
    assert holds(data, item)
    assert holds(data, "cl.286-1.1.4")
    assert holds(data, "cl.286-1.1.circumstance")
    assert holds(data, "cl.286-1")


def test_nothing_recorded_no_other_serious_circumstances():
    data = make_case()
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.4")
