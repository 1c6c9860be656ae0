"""刑法第八十七条第（一）项 and 第八十九条: five years from the end of the conduct to the start of prosecution."""

from __future__ import annotations

from conftest import assist_act, assist_case, run

from reasoner.law.terms import Function, String

A1 = String("A1")


def case(end: str, started: str | None, as_of: str = "2026-01-01", settled: str = "200000") -> dict:
    data = assist_case(assist_act(date={"from": "2016-01-01", "to": end}, settled=settled), as_of=as_of)
    if started:
        data["case"]["prosecution_started"] = started
    return data


def barred(end: str, started: str | None) -> bool:
    return run(case(end, started)).holds("cl.87.1", A1)


def test_five_years_from_the_end_of_continuing_conduct():
    assert not barred("2017-06-30", "2022-06-30")  # the last day of the period
    assert barred("2017-06-30", "2022-07-01")  # the day after
    assert not barred("2017-06-30", "2022-06-29")


def test_period_from_29_february():
    assert not barred("2020-02-29", "2025-02-28")
    assert barred("2020-02-29", "2025-03-01")


def test_without_the_start_of_prosecution_the_bar_is_not_stated():
    # the period may have run or not: the tool does not say it has
    r = run(case("2016-06-30", None))
    assert not r.holds("cl.87.1", A1)
    assert r.certainty("cl.87.1", A1) == "possible"


def test_not_an_offence_not_flagged():
    r = run(case("2016-01-10", "2023-01-01", settled="1000"))
    assert not r.holds("cl.287-2", A1) and not r.holds("cl.87.1", A1)


def test_time_barred_offence_still_holds_and_says_so():
    r = run(case("2016-01-10", "2023-01-01"))
    assert r.holds("cl.287-2", A1) and r.holds("cl.87.1", A1)
    assert Function("note", [String("cl.287-2"), A1, Function("no_longer_prosecuted")]) in r.model
