"""Incomplete facts: each kind of unknown, and the three statuses at the edges of bounded figures.

A conclusion is established when it holds in every completion of the unknowns, possible when in
some, excluded when in none; clingo computes this over the questions the case leaves open.
"""

from __future__ import annotations

import copy

import pytest
from conftest import make_case, to_case
from test_cl_287_2 import BASE as ASSIST

from reasoner.case.errors import CaseFileError
from reasoner.case.read import load_text
from reasoner.explain.conclusions import build
from reasoner.law.terms import Function, String
from reasoner.solve.engine import reason


def status(data: dict, pid: str, subject: str = "A1") -> str:
    return reason(to_case(data)).status(Function("holds", [String(pid), String(subject)]))


def assist(**act) -> dict:
    data = copy.deepcopy(ASSIST)
    data["acts"][0].update(act)
    return data


# ----------------------------------------------------------------------------- bounded money


# Art 12 ¶1 item (2): 支付结算金额二十万元以上 (200,000 yuan)
@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"at_least": "200000"}, "established"),  # at the threshold
        ({"at_least": "199999.99"}, "possible"),  # just below: the rest of the range reaches it
        ({"at_least": "200000.01"}, "established"),  # just above
        ({"at_most": "200000"}, "possible"),  # the greatest value reaches it
        ({"at_most": "199999.99"}, "excluded"),  # one fen short at best
        ({"at_least": "100000", "at_most": "199999.99"}, "excluded"),
        ({"at_least": "100000", "at_most": "200000"}, "possible"),
        ({"at_least": "199999.99", "at_most": "199999.99"}, "excluded"),
        ({"at_least": "200000", "at_most": "200000"}, "established"),
    ],
)
def test_bounded_payment_settlement_at_the_threshold(bounds, expected):
    data = assist(payment_settlement=bounds)
    assert status(data, "interp.12.1.2") == expected
    assert status(data, "cl.287-2") == expected


def test_unknown_money_is_possible_and_exact_money_decides():
    assert status(assist(payment_settlement="unknown"), "cl.287-2") == "possible"
    assert status(assist(payment_settlement="200000"), "cl.287-2") == "established"
    assert status(assist(payment_settlement="199999.99"), "cl.287-2") == "excluded"


# Art 12 ¶2: five times the threshold when the assisted party's crime cannot be verified
@pytest.mark.parametrize(
    ("low", "expected"),
    [("1000000", "established"), ("999999.99", "possible")],
)
def test_five_times_rule_at_its_breakpoint(low, expected):
    party = dict(ASSIST["acts"][0]["assisted"][0], reaches_crime="unverifiable")
    data = assist(payment_settlement={"at_least": low}, assisted=[party])
    data["findings"] = [{"provision": "interp.12.2.unverifiable", "subject": "X1", "holds": True, "reason": "境外"}]
    assert status(data, "interp.12.2", "A1") == expected


# ----------------------------------------------------------------------------- bounded counts


# Art 3 item (1): 违法视频文件二百个以上
@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"at_least": 200}, "established"),
        ({"at_least": 199}, "possible"),
        ({"at_least": 201}, "established"),
        ({"at_most": 199}, "excluded"),
        ({"at_most": 200}, "possible"),
        ({"at_least": 150, "at_most": 199}, "excluded"),
    ],
)
def test_bounded_video_count_at_the_threshold(bounds, expected):
    data = make_case(act={"quantities": {"illegal_videos": bounds}})
    assert status(data, "interp.3.1.1") == expected
    assert status(data, "cl.286-1") == expected


def test_converted_total_needs_a_value_between_breakpoints():
    # Art 3 item (3): fewer than 200 videos and 2,000 other items, but 10 * videos + other >= 2,000.
    # With 1,000 other items it holds for 100..199 videos and not above: a range ending at 199
    # makes it possible, one starting at 200 excludes it (item (1) then holds instead).
    q = {"illegal_other_info": 1000}
    assert status(make_case(act={"quantities": {**q, "illegal_videos": "unknown"}}), "interp.3.1.3") == "possible"
    low = make_case(act={"quantities": {**q, "illegal_videos": {"at_least": 100, "at_most": 199}}})
    assert status(low, "interp.3.1.3") == "established"
    high = make_case(act={"quantities": {**q, "illegal_videos": {"at_least": 200}}})
    assert status(high, "interp.3.1.3") == "excluded"
    assert status(high, "interp.3.1.1") == "established"


def test_site_accounts_summed_over_sites_with_bounds():
    # Art 10 item (2): registered accounts of the websites, in total, 2,000 or more.
    from test_cl_287_1 import case as use_case
    from test_cl_287_1 import site

    sites = [
        site("W1", kind="website", registered_accounts={"at_least": 900, "at_most": 950}),
        site("W2", kind="website", registered_accounts={"at_most": 1100}),
    ]
    assert status(use_case(sites=sites), "interp.10.1.2") == "possible"  # 950 + 1,100 at most
    sites[1]["registered_accounts"] = {"at_most": 1049}
    assert status(use_case(sites=sites), "interp.10.1.2") == "excluded"  # 1,999 at most
    sites[1]["registered_accounts"] = {"at_least": 1100}
    assert status(use_case(sites=sites), "interp.10.1.2") == "established"  # 2,000 at least


# ----------------------------------------------------------------------------- leaked items summed per tier


def leak(**counts) -> dict:
    return make_case(act={"leak": counts})


# Art 4 item (4): every tier below its figure (500 / 5,000 / 50,000) and 100 A + 10 B + C >= 50,000.
# Tier a's total at 499 with 10 items of tier b converts to exactly 50,000: only a middle value of
# a count between its bounds makes the item hold; both bounds fail (400: 40,100; 600: not below 500).
@pytest.mark.parametrize(
    ("tier_a", "expected"),
    [
        ({"at_least": 400, "at_most": 600}, "possible"),  # 499 in between
        ({"at_least": 499, "at_most": 499}, "established"),
        ({"at_least": 400, "at_most": 498}, "excluded"),  # 100 * 498 + 100 = 49,900
        ({"at_least": 500, "at_most": 600}, "excluded"),  # tier a's own item (1) instead
        ({"at_least": 499, "at_most": 600}, "possible"),
        ("unknown", "possible"),
    ],
)
def test_conversion_reaches_the_middle_of_a_bounded_count(tier_a, expected):
    data = leak(location_tracking=tier_a, lodging=10)
    assert status(data, "interp.4.1.4") == expected


def test_what_it_takes_a_value_between_two_that_fail():
    # item (4) fails at 400 and at 600: one bound does not establish it, both together (= 499) do
    from reasoner.explain.what_it_takes import what_it_takes

    r = reason(to_case(leak(location_tracking={"at_least": 400, "at_most": 600}, lodging=10)))
    takes = what_it_takes(r.completions, Function("holds", [String("interp.4.1.4"), String("A1")]))
    texts = [[f.text(r.facts.questions[f.question], "en") for f in s] for s in takes.sets]
    assert texts == [["acts[0].leak.location_tracking ≥ 499", "acts[0].leak.location_tracking ≤ 499"]]
    assert takes.complete


def test_conversion_reaches_the_middle_with_several_open_counts_in_a_tier():
    # two open categories of tier a, 200-300 each: the total runs from 400 to 600, 499 inside
    data = leak(
        location_tracking={"at_least": 200, "at_most": 300}, credit={"at_least": 200, "at_most": 300}, lodging=10
    )
    assert status(data, "interp.4.1.4") == "possible"
    assert status(data, "interp.4.1.1") == "possible"  # 500 and more also inside
    # with a known category beside them the target moves: 100 known, open 150-250 twice (400-600)
    data = leak(
        location_tracking={"at_least": 150, "at_most": 250},
        credit={"at_least": 150, "at_most": 250},
        property=100,
        lodging=10,
    )
    assert status(data, "interp.4.1.4") == "possible"


def test_item_1_of_a_tier_at_its_figure_with_open_counts():
    def item_1(a: dict, c: dict) -> str:
        return status(leak(location_tracking=a, credit=c), "interp.4.1.1")

    assert item_1({"at_least": 100, "at_most": 200}, {"at_least": 100, "at_most": 299}) == "excluded"  # 499 at most
    assert item_1({"at_least": 100, "at_most": 200}, {"at_least": 100, "at_most": 300}) == "possible"  # 500 at most
    assert item_1({"at_least": 250, "at_most": 400}, {"at_least": 250}) == "established"  # 500 at least


# ----------------------------------------------------------------------------- booleans and choices


def test_unknown_boolean_is_possible():
    data = make_case(order={"capacity_to_comply": "unknown"}, act={"quantities": {"illegal_videos": 300}})
    assert status(data, "cl.286-1") == "possible"
    c = [c for c in build(to_case(data), "t", "en").conclusions if c.id == "cl.286-1"][0]
    assert (c.status, c.certainty, c.depends_on_unknown) == (
        "not_established",
        "possible",
        ["orders[0].capacity_to_comply"],
    )


def test_unknown_choice_takes_exactly_one_value():
    # reaches_crime unknown: yes makes the offence, no and unverifiable (without the five times) do not.
    party = dict(ASSIST["acts"][0]["assisted"][0], reaches_crime="unknown")
    data = assist(assisted=[party])
    assert status(data, "cl.287-2") == "possible"
    assert status(data, "interp.12.2") == "excluded"  # needs a finding on 确因客观条件限制 besides


def test_unknown_legal_basis_opens_each_kind_and_none():
    data = make_case(order={"legal_basis": "unknown"}, act={"quantities": {"illegal_videos": 300}})
    assert status(data, "interp.2.2.1", "O1") == "possible"
    assert status(data, "cl.286-1") == "possible"


def test_knowledge_unknown_against_a_presumption_rebutted():
    data = assist(knowledge={"proven": "unknown", "indicators": ["dedicated_tool"], "counter_evidence": ["合法用途"]})
    assert status(data, "cl.287-2.1.knowledge") == "possible"
    assert status(data, "interp.11.1") == "excluded"


def test_alleged_indicator_present_unknown_opens_the_presumption():
    alleged = {"indicator": "notified_by_regulator", "present": "unknown"}
    data = assist(knowledge={"indicators": [alleged]})
    assert status(data, "interp.11.1.1") == "possible"
    assert status(data, "interp.11.1") == "possible"
    assert status(data, "cl.287-2") == "possible"
    c = [c for c in build(to_case(data), "t", "en").conclusions if c.id == "cl.287-2"][0]
    assert c.depends_on_unknown == ["acts[0].knowledge.indicators[0].present"]
    # settled either way, it decides as the plain forms do
    assert status(assist(knowledge={"indicators": [dict(alleged, present=True)]}), "cl.287-2") == "established"
    assert status(assist(knowledge={"indicators": [dict(alleged, present=False)]}), "cl.287-2") == "excluded"
    assert status(assist(knowledge={"indicators": ["notified_by_regulator"]}), "cl.287-2") == "established"


def test_an_alleged_indicator_does_not_matter_beside_one_shown():
    data = assist(knowledge={"indicators": [{"indicator": "other", "present": "unknown"}, "dedicated_tool"]})
    assert status(data, "interp.11.1.7") == "excluded"  # item (7) needs a finding besides
    assert status(data, "cl.287-2") == "established"


def test_counter_evidence_accepted_unknown_opens_the_rebuttal():
    offered = {"text": "被告人称以为是正常兼职", "accepted": "unknown"}
    data = assist(knowledge={"indicators": ["dedicated_tool"], "counter_evidence": [offered]})
    assert status(data, "interp.11.1.rebuttal") == "possible"
    assert status(data, "interp.11.1") == "possible"
    assert status(data, "cl.287-2") == "possible"
    accepted = assist(knowledge={"indicators": ["dedicated_tool"], "counter_evidence": [dict(offered, accepted=True)]})
    assert status(accepted, "cl.287-2") == "excluded"
    refused = assist(knowledge={"indicators": ["dedicated_tool"], "counter_evidence": [dict(offered, accepted=False)]})
    assert status(refused, "cl.287-2") == "established"
    # knowledge proven directly is not touched by counter-evidence, accepted or not
    proven = assist(knowledge={"proven": True, "indicators": ["dedicated_tool"], "counter_evidence": [offered]})
    assert status(proven, "cl.287-2") == "established"


def test_finding_still_to_be_made_is_open_either_way():
    finding = {"provision": "interp.11.1.3", "subject": "A1", "holds": "unknown", "reason": "待合议庭评议"}
    data = assist(knowledge={"indicators": ["abnormal_price_or_method"]})
    data["findings"] = [finding]
    assert status(data, "interp.11.1.3") == "possible"
    assert status(data, "cl.287-2") == "possible"
    c = [c for c in build(to_case(data), "t", "en").conclusions if c.id == "cl.287-2"][0]
    assert c.depends_on_unknown == ["findings[0].holds"]
    data["findings"] = [dict(finding, holds=True)]
    assert status(data, "cl.287-2") == "established"
    data["findings"] = [dict(finding, holds=False)]
    assert status(data, "cl.287-2") == "excluded"


def test_an_indicator_listed_twice_is_an_error():
    data = assist(knowledge={"indicators": ["dedicated_tool", {"indicator": "dedicated_tool", "present": "unknown"}]})
    with pytest.raises(CaseFileError) as e:
        to_case(data)
    assert "acts[0].knowledge.indicators[1]" in str(e.value)
    assert "already listed at indicators[0]" in str(e.value)


def test_what_is_irrelevant_stays_decided():
    # clicks unknown, the offence established through the videos anyway
    data = make_case(act={"quantities": {"illegal_videos": 300, "clicks": "unknown"}})
    assert status(data, "cl.286-1") == "established"
    assert status(data, "interp.3.1.6") == "possible"


def test_established_conclusions_keep_their_explanation_from_the_lower_bound():
    data = assist(payment_settlement={"at_least": "250000"})
    report = build(to_case(data), "t", "en")
    c = [c for c in report.conclusions if c.id == "interp.12.1.2"][0]
    assert c.certainty == "established" and c.status == "holds"
    table: dict = {}
    c.to_json(table)
    assert "at least CNY 250,000.00" in str(table)


# ----------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{at_least: "300", at_most: "200"}', "at_least (300) is above at_most (200)"),
        ("{}", "needs at_least, at_most or both"),
        ("{at_least: 1.5}", "floating-point"),
        ('{at_least: "1.234"}', "at most two decimals"),
        ("{more_than: 5}", "unknown field 'more_than'"),
    ],
)
def test_bad_bounds_are_rejected_with_file_line_and_field(value, message):
    text = f"""case: {{id: t}}
parties:
  - {{id: P1, kind: person, name: 李某}}
acts:
  - id: A1
    actor: P1
    kind: assist_network_crime
    date: 2023-05-01
    payment_settlement: {value}
"""
    with pytest.raises(CaseFileError) as e:
        load_text(text, "c.yaml")
    errs = [str(x) for x in e.value.errors]
    assert any(x.startswith("c.yaml:9: acts[0].payment_settlement") and message in x for x in errs), errs


def test_bad_count_bounds_are_rejected():
    data = make_case(act={"quantities": {"illegal_videos": {"at_least": 10, "at_most": 5}}})
    with pytest.raises(CaseFileError) as e:
        to_case(data)
    assert "acts[0].quantities.illegal_videos" in str(e.value.errors[0])
    data = make_case(act={"quantities": {"illegal_videos": {"at_least": -1}}})
    with pytest.raises(CaseFileError):
        to_case(data)


# ----------------------------------------------------------------------------- uncertain days


def _three_orders(third: object) -> dict:
    """Art 6 (2): orders of 2023-03-01, 2023-06-01 and a third, all refused; the act ends 2023-12-01.
    Three fall within two years when the third is between 2021-06-01 and the act's last day."""
    data = make_case()
    for n, date in ((2, "2023-06-01"), (3, third)):
        order = dict(data["orders"][0], id=f"O{n}", date=date, deadline=None, reasonable_period_end="2023-11-30")
        data["orders"].append(order)
        data["findings"].append({"provision": "interp.2.2.2", "subject": f"O{n}", "holds": True, "reason": "明确"})
        # no deadline: refusal once a period the reviewer finds reasonable has passed (Art 2 ¶2)
        data["findings"].append(
            {"provision": "interp.2.2.period", "subject": f"O{n}", "holds": True, "reason": "合理期限已过"}
        )
    data["acts"][0]["date"] = "2023-12-01"
    return data


@pytest.mark.parametrize(
    ("third", "expected"),
    [
        # the window of two years starts on one of the orders (Art 6 (2)); the third order's refusal
        # began on 2023-12-01, within the act, whatever its day (the day of refusal is tested in
        # test_cl_286_1 and test_interp_06)
        ({"not_before": "2021-06-01", "not_after": "2023-11-30"}, "established"),
        ({"not_before": "2021-05-31", "not_after": "2023-11-30"}, "possible"),  # a day too early at worst
        ({"not_after": "2021-05-31"}, "excluded"),
        ("unknown", "possible"),
        ("2021-06-01", "established"),
        ("2021-05-31", "excluded"),
    ],
)
def test_uncertain_order_day_at_the_edges_of_the_two_years(third, expected):
    assert status(_three_orders(third), "interp.6.1.2") == expected


def test_what_it_takes_gives_the_days_needed():
    from reasoner.explain.what_it_takes import what_it_takes

    r = reason(to_case(_three_orders("unknown")))
    atom = Function("holds", [String("interp.6.1.2"), String("A1")])
    takes = what_it_takes(r.completions, atom)
    qs = r.facts.questions
    assert [[f.text(qs[f.question], "en") for f in s] for s in takes.sets] == [
        # within two years of O2 (2023-06-01) at the earliest, of O1 (2023-03-01) at the latest
        ["orders[2].date ≥ 2021-06-01", "orders[2].date ≤ 2025-03-01"]
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not_before: 2023-03-01, not_after: 2023-02-01}", "not_after (2023-02-01) is before not_before"),
        ("{}", "needs not_before, not_after or both"),
        ("{from: 2023-01-01, to: 2023-02-01}", "unknown field 'from'"),
        ("{not_before: 2023-02-30}", "is not a calendar date"),
    ],
)
def test_bad_uncertain_days_are_rejected(value, message):
    text = f"""case: {{id: t}}
parties:
  - {{id: P1, kind: person, name: 李某}}
admin_penalties:
  - id: X1
    party: P1
    for: other
    date: {value}
"""
    with pytest.raises(CaseFileError) as e:
        load_text(text, "c.yaml")
    errs = [str(x) for x in e.value.errors]
    assert any(x.startswith("c.yaml:8: admin_penalties[0].date") and message in x for x in errs), errs


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ({"not_before": "2021-05-01", "not_after": "2023-04-30"}, "established"),
        ({"not_before": "2021-04-30", "not_after": "2023-04-30"}, "possible"),
        ({"not_before": "2021-05-01", "not_after": "2023-05-01"}, "possible"),  # not before the conduct
        ({"not_after": "2021-04-30"}, "excluded"),
    ],
)
def test_uncertain_penalty_day_for_art_12_item_5(day, expected):
    # an administrative penalty for assisting network crime within two years before the help (2023-05-01)
    data = assist(payment_settlement="1000")
    data["admin_penalties"] = [{"id": "Y1", "party": "P1", "date": day, "for": "assisting_network_crime"}]
    assert status(data, "interp.12.1.5") == expected


def test_a_possible_offence_lists_every_fact_it_hangs_on():
    # CL 287-1 needs the criminal character and either 100 items on websites or ¥10,000 gained:
    # no single one of them decides it alone, yet each is listed.
    from conftest import EXAMPLES

    from reasoner.case.read import load

    report = build(load(EXAMPLES / "287-1-websites-incomplete.yaml"), "x", "en")
    (c,) = [c for c in report.conclusions if c.id == "cl.287-1"]
    assert c.certainty == "possible"
    assert c.depends_on_unknown == [
        "acts[0].illegal_gains",
        "acts[0].publishing.activity.legal_character",
        "acts[0].publishing.items_on_websites",
    ]


# ----------------------------------------------------------------------------- how a bounded figure is shown


def _report(data: dict):
    from reasoner.explain.conclusions import build

    case = to_case(data)
    return build(case, "case.yaml", "en", reason(case))


def _texts_of(report) -> list[str]:
    """Every line of every explanation and why-not route, as printed."""
    out: list[str] = []

    def node(n) -> None:
        out.append(n.text)
        for ch in n.children:
            node(ch)

    def routes(rs) -> None:
        for route in rs:
            for cond in route:
                out.append(cond.text)
                routes(cond.routes)

    for c in report.conclusions:
        if c.explanation is not None:
            node(c.explanation)
        routes(c.routes)
    return out


def test_a_figure_known_at_least_is_no_near_miss_and_shows_its_bound():
    # 180,000 at least: the settlement may reach 200,000, so the shortfall is not certain
    report = _report(assist(payment_settlement={"at_least": "180000"}))
    assert [c.certainty for c in report.conclusions if c.id == "interp.12.1.2"] == ["possible"]
    assert report.near_misses() == []
    shown = [t for t in _texts_of(report) if t.startswith("payment settlement:")]
    assert shown and all("at least CNY 180,000.00" in t for t in shown), shown
    # known exactly, the same figure is a near miss
    exact = _report(assist(payment_settlement="180000"))
    assert [m.provision for m in exact.near_misses()] == ["interp.12.1.2"]


def test_a_bound_above_the_ceiling_is_shown_exactly():
    report = _report(assist(payment_settlement={"at_least": "20000000"}, illegal_gains="unknown"))
    shown = [t for t in _texts_of(report) if t.startswith("payment settlement:")]
    exact = "payment settlement: CNY 20,000,000.00 (above the solver's ceiling"
    assert shown and all(t.startswith(exact) for t in shown)
    assert not any("10,000,000.00" in t for t in shown)


def test_a_known_figure_short_of_its_threshold_is_a_near_miss_whatever_else_is_open():
    # ¥185,000 of 200,000 (92%), known exactly; the gains are not known, so the offence is possible:
    # the settlement's shortfall is certain all the same (issue 17: it vanished when any fact was open)
    report = _report(assist(payment_settlement="185000", illegal_gains="unknown"))
    assert [c.certainty for c in report.conclusions if c.id == "cl.287-2"] == ["possible"]
    misses = report.near_misses()
    assert [m.provision for m in misses] == ["interp.12.1.2"]
    assert "short by CNY 15,000.00" in misses[0].text
    # the gains, open, are no near miss however they are bounded
    bounded = _report(assist(payment_settlement="185000", illegal_gains={"at_least": "9000"}))
    assert [m.provision for m in bounded.near_misses()] == ["interp.12.1.2"]
