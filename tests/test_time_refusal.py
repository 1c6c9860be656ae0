"""CL 286-1 in time: 经监管部门责令采取改正措施而拒不改正 — no refusal before the order's deadline, and
only what the refusal caused (from the day after the deadline) counts for Arts 3-6 (issue 18 item 1).

The base case (conftest.BASE): a platform ordered on 2023-03-01 with a deadline of 2023-03-15."""

from __future__ import annotations

from conftest import make_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.terms import String

A1 = String("A1")


def status(data: dict, pid: str = "cl.286-1", subject: str = "A1") -> str:
    report = build(to_case(data), "t.json", "en")
    return next(c.certainty for c in report.conclusions if c.id == pid and c.subject == subject)


def videos(date: object, n: int = 300, order: dict | None = None, **act) -> dict:
    return make_case(act={"date": date, "quantities": {"illegal_videos": n}, **act}, order=order)


def test_no_refusal_before_the_deadline():
    # the case: the act ends on the order's date, a month before its deadline, 300 videos
    data = videos({"from": "2023-01-01", "to": "2023-03-01"}, order={"deadline": "2023-03-31"})
    r = run(data)
    assert r.holds("interp.2.2", String("O1"))  # the order was refused (later)
    assert not r.holds("cl.286-1.1.refused", A1)  # but not by this conduct
    assert not r.holds("cl.286-1", A1)
    assert status(data) == "excluded"


def test_refusal_begins_the_day_after_the_deadline():
    # deadline 2023-03-15: conduct ending on it refuses nothing; from the 16th it does
    assert not run(videos("2023-03-15")).holds("cl.286-1.1.refused", A1)
    assert run(videos("2023-03-16")).holds("cl.286-1.1.refused", A1)
    assert run(videos("2023-03-16")).holds("cl.286-1", A1)


def test_an_act_wholly_after_the_refusal_counts_whole():
    data = videos({"from": "2023-03-16", "to": "2023-06-30"}, 200)
    assert run(data).holds("interp.3.1.1", A1)
    assert status(data) == "established"


def test_an_act_straddling_the_deadline_without_its_part_is_possible_never_established():
    # 300 videos from 2023-03-01 to 2023-06-30: how many after 2023-03-15 is not recorded
    data = videos({"from": "2023-03-01", "to": "2023-06-30"})
    assert not run(data).holds("cl.286-1", A1)  # the recorded reading counts nothing after
    assert status(data) == "possible"
    report = build(to_case(data), "t.json", "en")
    offence = next(c for c in report.conclusions if c.id == "cl.286-1")
    assert "acts[0].portions[from=2023-03-16].quantities.illegal_videos" in offence.depends_on_unknown


def test_the_part_after_the_refusal_decides_at_below_and_above_the_figure():
    for after, want in ((199, "excluded"), (200, "established"), (201, "established")):
        portion = {"from": "2023-03-16", "quantities": {"illegal_videos": after}}
        data = videos({"from": "2023-03-01", "to": "2023-06-30"}, portions=[portion])
        assert status(data) == want, after


def test_a_portion_from_another_day_is_refused():
    import pytest

    from reasoner.case.errors import CaseFileError

    portion = {"from": "2023-03-10", "quantities": {"illegal_videos": 100}}
    with pytest.raises(CaseFileError, match="not a day the law divides this act at"):
        to_case(videos({"from": "2023-03-01", "to": "2023-06-30"}, portions=[portion]))
    too_many = {"from": "2023-03-16", "quantities": {"illegal_videos": 301}}
    with pytest.raises(CaseFileError, match="more than the whole"):
        to_case(videos({"from": "2023-03-01", "to": "2023-06-30"}, portions=[too_many]))


def test_evidence_lost_before_the_refusal_does_not_count():
    loss = {
        "id": "E1",
        "case": "某诈骗案",
        "crime_kind": "terrorism",
        "likely_sentence": {"kind": "fixed_term", "years": 3},
    }
    period = {"from": "2023-03-01", "to": "2023-06-30"}
    before = make_case(act={"date": period, "evidence_losses": [{**loss, "date": "2023-03-10"}]})
    after = make_case(act={"date": period, "evidence_losses": [{**loss, "date": "2023-03-16"}]})
    assert not run(before).holds("interp.5.1.1", A1)
    assert run(after).holds("interp.5.1.1", A1)
    undated = make_case(act={"date": period, "evidence_losses": [loss]})
    assert status(undated, "interp.5.1.1") == "possible"  # within the act's days, either side


def test_an_order_without_a_deadline_needs_a_reasonable_period():
    data = videos("2023-04-01")
    del data["orders"][0]["deadline"]
    assert not run(data).holds("cl.286-1.1.refused", A1)  # no day on which refusal began
    data["orders"][0]["reasonable_period_end"] = "2023-03-20"
    assert not run(data).holds("cl.286-1.1.refused", A1)  # the period is the reviewer's finding
    finding = {"provision": "interp.2.2.period", "subject": "O1", "holds": True, "reason": "二十日足以完成清理"}
    data["findings"].append(finding)
    assert run(data).holds("interp.2.2.period", String("O1"))
    assert run(data).holds("cl.286-1.1.refused", A1)
    data["acts"][0]["date"] = "2023-03-20"  # ends on the last day of the reasonable period
    assert not run(data).holds("cl.286-1.1.refused", A1)


def test_art_6_counts_only_orders_refused_before_the_conduct_ended():
    orders = []
    for i, (day, deadline) in enumerate((("2022-01-01", "2022-01-15"), ("2022-06-01", "2022-06-15"))):
        orders.append({**make_case()["orders"][0], "id": f"O{i}", "date": day, "deadline": deadline})
    third = {**make_case()["orders"][0], "id": "O9", "date": "2023-03-01", "deadline": "2023-03-31"}
    data = make_case(act={"date": "2023-03-20", "order": "O0"})
    data["orders"] = [*orders, third]
    data["findings"] = [
        {"provision": "interp.2.2.2", "subject": o["id"], "holds": True, "reason": "明确、合理"} for o in data["orders"]
    ]
    # the third order's deadline passes after the act ended: two refused orders, not three
    assert not run(data).holds("interp.6.1.2", A1)
    data["acts"][0]["date"] = "2023-04-01"
    assert run(data).holds("interp.6.1.2", A1)
