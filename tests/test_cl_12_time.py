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
    data = make_case(act={"date": {"from": "2015-03-01", "to": end}, "quantities": {"illegal_videos": 300}})
    data["orders"][0]["date"] = "2015-01-10"
    data["orders"][0]["deadline"] = "2015-02-10"
    assert holds(data, "cl.12.1") is applies
    assert holds(data, "cl.286-1") is applies
    assert holds(data, "interp.3.1.1")  # the circumstance itself does not depend on time


@pytest.mark.parametrize("end, applies", [("2015-10-31", False), ("2015-11-01", True)])
def test_cl_287_1_in_time(end, applies):
    example = load(EXAMPLES / "287-1-websites.yaml").model_dump(by_alias=True, exclude_defaults=True, mode="json")
    data = copy.deepcopy(example)
    data["acts"][0]["date"] = {"from": "2015-01-01", "to": end}
    data.pop("admin_penalties", None)
    assert holds(data, "cl.12.1") is applies
    assert holds(data, "cl.287-1") is applies
