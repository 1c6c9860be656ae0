"""刑法第八十七条第（一）项 and 第八十九条: five years from the end of the conduct."""

from __future__ import annotations

from clingo import Function, String
from conftest import assist_act, assist_case, run

A1 = String("A1")


def barred(end: str, as_of: str | None) -> bool:
    return run(assist_case(assist_act(date={"from": "2016-01-01", "to": end}), as_of=as_of)).holds("cl.87.1", A1)


def test_five_years_from_the_end_of_continuing_conduct():
    assert not barred("2017-06-30", "2022-06-30")  # the last day of the period
    assert barred("2017-06-30", "2022-07-01")  # the day after
    assert not barred("2017-06-30", "2022-06-29")


def test_period_from_29_february():
    assert not barred("2020-02-29", "2025-02-28")
    assert barred("2020-02-29", "2025-03-01")


def test_no_date_of_judgment_no_check():
    assert not barred("2016-06-30", None)


def test_not_an_offence_not_flagged():
    r = run(assist_case(assist_act(date="2016-01-10", settled="1000"), as_of="2023-01-01"))
    assert not r.holds("cl.287-2", A1) and not r.holds("cl.87.1", A1)


def test_time_barred_offence_still_holds_and_says_so():
    r = run(assist_case(assist_act(date="2016-01-10"), as_of="2023-01-01"))
    assert r.holds("cl.287-2", A1) and r.holds("cl.87.1", A1)
    assert Function("note", [String("cl.287-2"), A1, Function("no_longer_prosecuted")]) in r.model
