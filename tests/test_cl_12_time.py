"""CL 12 and Amendment IX: conduct wholly before 2015-11-01 is none of the three offences."""

from __future__ import annotations

import copy

import pytest
from conftest import EXAMPLES, holds, make_case

from reasoner.case.read import load
from reasoner.law.parameters import parameters

IN_FORCE = next(p.value for p in parameters() if p.name == "amendment_9_in_force")


def test_the_day_is_the_amendments():
    assert IN_FORCE == 20151101


@pytest.mark.parametrize("end, applies", [("2015-10-31", False), ("2015-11-01", True), ("2016-01-01", True)])
def test_cl_286_1_in_time(end, applies):
    act = {"date": {"from": "2015-03-01", "to": end}, "quantities": {"illegal_videos": 300}}
    if applies:  # all 300 videos were spread in the part from 2015-11-01 (CL 12: only that part counts)
        act["portions"] = [{"from": "2015-11-01", "quantities": {"illegal_videos": 300}}]
    data = make_case(act=act)
    data["orders"][0]["date"] = "2015-01-10"
    data["orders"][0]["deadline"] = "2015-02-10"
    data["case"]["prosecution_started"] = "2017-01-01"  # within CL 87's period: the bar is not in question
    assert holds(data, "cl.12.1") is applies
    assert holds(data, "cl.286-1") is applies
    assert holds(data, "interp.3.1.1") is applies  # nothing done before the offence existed is counted


def figures(act: dict) -> dict:
    """The figures of an act that a portion can carry."""
    counts = ("items_on_websites", "recipient_accounts", "group_members_total", "followers_total")
    out = {k: v for k, v in act.items() if k in ("quantities", "illegal_gains", "used_for_crime")}
    out["publishing"] = {k: v for k, v in act["publishing"].items() if k in counts}
    return out


@pytest.mark.parametrize("end, applies", [("2015-10-31", False), ("2015-11-01", True)])
def test_cl_287_1_in_time(end, applies):
    example = load(EXAMPLES / "287-1-websites.yaml").model_dump(by_alias=True, exclude_defaults=True, mode="json")
    data = copy.deepcopy(example)
    data["acts"][0]["date"] = {"from": "2015-01-01", "to": end}
    if applies:  # every figure of the act falls on 2015-11-01 (CL 12: only that part counts)
        data["acts"][0]["portions"] = [{"from": "2015-11-01", **figures(data["acts"][0])}]
    data.pop("admin_penalties", None)
    data["case"]["prosecution_started"] = "2017-01-01"
    assert holds(data, "cl.12.1") is applies
    assert holds(data, "cl.287-1") is applies
