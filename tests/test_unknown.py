"""A fact recorded as not known is treated as not established, and conclusions depending on it say so."""

from __future__ import annotations

from conftest import make_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.terms import String


def _conclusion(data: dict, pid: str, subject: str = "A1"):
    report = build(to_case(data), "t.json", "en")
    (c,) = [c for c in report.conclusions if c.id == pid and c.subject == subject]
    return c


def test_unknown_capacity_is_not_established_and_flagged():
    data = make_case(order={"capacity_to_comply": "unknown"}, act={"quantities": {"illegal_videos": 300}})
    r = run(data)
    assert not r.holds("interp.2.2.3", String("O1"))
    assert not r.holds("cl.286-1", String("A1"))
    c = _conclusion(data, "cl.286-1")
    assert c.status == "not_established"
    assert c.depends_on_unknown == ["orders[0].capacity_to_comply"]


def test_unknown_count_is_flagged_on_the_item_and_the_offence():
    data = make_case(act={"quantities": {"illegal_videos": "unknown"}})
    c = _conclusion(data, "interp.3.1.1")
    assert c.status == "not_established"
    assert c.depends_on_unknown == ["acts[0].quantities.illegal_videos"]
    offence = _conclusion(data, "cl.286-1")
    assert offence.depends_on_unknown == ["acts[0].quantities.illegal_videos"]


def test_unknown_that_cannot_matter_is_not_flagged():
    # Clicks unknown, but the offence already holds through the videos: nothing depends on the clicks.
    data = make_case(act={"quantities": {"illegal_videos": 300, "clicks": "unknown"}})
    c = _conclusion(data, "cl.286-1")
    assert c.status == "holds"
    assert c.depends_on_unknown == []


def test_unknown_order_form_opens_each_form():
    data = make_case(order={"form": "unknown"}, act={"quantities": {"illegal_videos": 300}})
    c = _conclusion(data, "interp.2.1", "O1")
    assert c.status == "not_established"
    assert c.depends_on_unknown == ["orders[0].form"]


def test_unknown_response_leaves_refusal_open():
    data = make_case(order={"response": {"complied": "unknown"}}, act={"quantities": {"illegal_videos": 300}})
    c = _conclusion(data, "cl.286-1")
    assert c.status == "not_established"
    assert "orders[0].response.complied" in c.depends_on_unknown


def test_an_unknown_date_is_listed_by_the_conclusions_that_read_it():
    # Art 6 (2): three refused orders within two years; the third order's date is not known.
    data = make_case()
    for n, date in ((2, "2023-06-01"), (3, "unknown")):
        order = dict(data["orders"][0], id=f"O{n}", date=date, deadline=None, reasonable_period_end="2023-11-30")
        data["orders"].append(order)
        data["findings"].append({"provision": "interp.2.2.2", "subject": f"O{n}", "holds": True, "reason": "明确"})
        # no deadline: refused once the period a reviewer finds reasonable has passed (Art 2 ¶2)
        data["findings"].append({"provision": "interp.2.2.period", "subject": f"O{n}", "holds": True, "reason": "r"})
    data["acts"][0]["date"] = "2023-12-01"
    for pid in ("interp.6.1.2", "cl.286-1"):
        c = _conclusion(data, pid)
        assert c.status == "not_established"
        assert "orders[2].date" in c.depends_on_unknown, pid
