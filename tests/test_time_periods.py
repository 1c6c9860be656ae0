"""Time inside a period (issue 18 items 2-5): CL 12 counts only conduct from 2015-11-01; Art 16 pools
only acts the offence reaches in time; Art 19's scope is not an acquittal; the limitation period runs
to the start of prosecution (CL 87-89)."""

from __future__ import annotations

import pytest
from conftest import assist_act, assist_case, run, to_case

from reasoner.case.errors import CaseFileError
from reasoner.explain.conclusions import build
from reasoner.law.terms import Function, String

A1 = String("A1")


def certainty(data: dict, pid: str, subject: str = "A1") -> str:
    report = build(to_case(data), "t.json", "en")
    return next(c.certainty for c in report.conclusions if c.id == pid and c.subject == subject)


# ----------------------------------------------------------------------------- 2: CL 12 inside a period


def straddling(settled: str = "250000", **changes) -> dict:
    act = assist_act("A1", {"from": "2015-01-01", "to": "2015-11-02"}, settled, **changes)
    return assist_case(act, as_of="2019-12-01")


def test_conduct_before_the_offence_existed_is_not_counted():
    # the case: CNY 250,000 from 2015-01-01 to 2015-11-02, nearly all of it before 2015-11-01
    data = straddling()
    assert run(data).holds("cl.12.1", A1)  # part of the act is after: the offence reaches it
    assert not run(data).holds("cl.287-2", A1)  # but the recorded reading counts nothing before
    assert certainty(data, "cl.287-2") == "possible"  # the part from 2015-11-01 is not given


@pytest.mark.parametrize(
    "part, want", [("199999.99", "excluded"), ("200000", "established"), ("200000.01", "established")]
)
def test_the_part_from_2015_11_01_is_what_counts(part, want):
    data = straddling(portions=[{"from": "2015-11-01", "payment_settlement": part}])
    assert certainty(data, "cl.287-2") == want


def test_an_act_from_2015_11_01_counts_whole_and_one_before_not_at_all():
    whole = assist_case(assist_act("A1", {"from": "2015-11-01", "to": "2015-12-31"}), as_of="2019-12-01")
    assert certainty(whole, "cl.287-2") == "established"
    before = assist_case(assist_act("A1", {"from": "2015-01-01", "to": "2015-10-31"}), as_of="2019-12-01")
    assert certainty(before, "cl.287-2") == "excluded"
    assert not run(before).holds("cl.12.1", A1)


def test_a_portion_must_fall_inside_the_act():
    late = assist_act("A1", {"from": "2016-01-01", "to": "2016-03-01"}, portions=[{"from": "2015-11-01"}])
    with pytest.raises(CaseFileError, match="the act begins on 2016-01-01"):
        to_case(assist_case(late, as_of="2019-12-01"))


# ----------------------------------------------------------------------------- 3: Art 16 by date


def test_an_act_before_the_offence_existed_is_not_pooled():
    # three acts of CNY 80,000, the first in 2015-06: only two remain, no 多次 and no cumulation
    acts = [
        assist_act("A1", "2015-06-10", "80000"),
        assist_act("A2", "2016-01-10", "80000"),
        assist_act("A3", "2016-06-10", "80000"),
    ]
    r = run(assist_case(*acts, as_of="2017-01-01"))
    assert not any(r.holds("interp.16", s) for s in (Function("cumulation", [A1]),))
    assert not any(s.name == "cum" for s in r.model)
    later = [assist_act("A0", "2015-12-01", "80000"), *acts[1:]]
    assert any(s.name == "cum" for s in run(assist_case(*later, as_of="2017-01-01")).model)


# ----------------------------------------------------------------------------- 4: Art 19 is not an acquittal


def test_a_case_judged_before_the_interpretation_is_not_assessed():
    data = assist_case(assist_act("A1", "2018-05-01"), as_of="2019-10-31")
    report = build(to_case(data), "t.json", "en")
    offence = next(c for c in report.conclusions if c.id == "cl.287-2")
    assert offence.certainty == "not_assessed" and offence.status == "not_assessed"
    assert offence.to_json({})["status"] == "not_assessed"
    time = next(c for c in report.conclusions if c.id == "cl.12.1")
    assert time.certainty == "established"  # CL 12 is assessed: it is the Criminal Law's own
    judged_after = assist_case(assist_act("A1", "2018-05-01"), as_of="2019-11-01")
    assert certainty(judged_after, "cl.287-2") == "established"


# ----------------------------------------------------------------------------- 5: limitation


def old_act(**case) -> dict:
    data = assist_case(assist_act("A1", {"from": "2016-06-01", "to": "2017-01-31"}), as_of="2022-06-01")
    data["case"].update(case)
    return data


def test_the_period_runs_to_the_start_of_prosecution_not_to_judgment():
    # the case: filed in 2021 for an act ended in 2017, judged in 2022
    assert certainty(old_act(prosecution_started="2021-03-01"), "cl.87.1") == "excluded"
    assert certainty(old_act(prosecution_started="2022-02-01"), "cl.87.1") == "established"


@pytest.mark.parametrize("day, want", [("2022-01-31", "excluded"), ("2022-02-01", "established")])
def test_five_years_to_the_day(day, want):
    # ended 2017-01-31: five years after is 2022-01-31; prosecution begun that day is in time
    assert certainty(old_act(prosecution_started=day), "cl.87.1") == want


def test_without_the_start_of_prosecution_the_day_is_open():
    assert certainty(old_act(), "cl.87.1") == "possible"
    report = build(to_case(old_act()), "t.json", "en")
    barred = next(c for c in report.conclusions if c.id == "cl.87.1")
    assert barred.depends_on_unknown == ["case.prosecution_started"]
    recent = assist_case(assist_act("A1", "2021-01-31"), as_of="2022-06-01")
    assert not any(q.path.endswith("prosecution_started") for q in run(recent).facts.questions)


def test_a_later_crime_within_the_period_restarts_it():
    # CL 89 ¶2: the earlier act ended 2016-01-31; a later crime in 2020 restarts its period
    acts = [assist_act("A1", "2016-01-31"), assist_act("A2", "2020-03-01")]
    data = assist_case(*acts, as_of="2023-06-01")
    data["case"]["prosecution_started"] = "2022-06-01"
    r = run(data)
    assert r.holds("cl.89.2", A1)
    assert not r.holds("cl.87.1", A1)
    alone = assist_case(acts[0], as_of="2023-06-01")
    alone["case"]["prosecution_started"] = "2022-06-01"
    assert run(alone).holds("cl.87.1", A1)


def test_evading_after_filing_and_a_complaint_in_time_lift_the_limit():
    data = old_act(prosecution_started="2022-03-01")
    evaded = {"provision": "cl.88.1", "subject": "P1", "holds": True, "reason": "立案后潜逃"}
    assert certainty({**data, "findings": [evaded]}, "cl.87.1") == "excluded"
    data["acts"][0]["complaint_date"] = "2021-12-01"
    complaint = {"provision": "cl.88.2", "subject": "A1", "holds": True, "reason": "应当立案而未立案"}
    assert certainty({**data, "findings": [complaint]}, "cl.87.1") == "excluded"
    data["acts"][0]["complaint_date"] = "2022-02-15"  # after the period ran out
    assert certainty({**data, "findings": [complaint]}, "cl.87.1") == "established"


def test_without_a_date_of_judgment_the_day_of_the_run_is_used_and_shown():
    report = build(to_case(assist_case(assist_act("A1", "2023-05-01"))), "t.json", "en")
    assert report.as_of is None
    assert report.judgment == "2024-12-01"  # REASONER_TODAY in tests/conftest.py
    assert report.to_json()["case"]["date_of_judgment_used"] == "2024-12-01"


def test_a_period_known_only_as_some_time_in_a_year():
    year = {
        "from": {"not_before": "2023-01-01", "not_after": "2023-12-31"},
        "to": {"not_before": "2023-01-01", "not_after": "2023-12-31"},
    }
    data = assist_case(assist_act("A1", year), as_of="2024-06-01")
    assert certainty(data, "cl.287-2") == "established"
    with pytest.raises(CaseFileError, match="would start"):
        bad = {"from": {"not_before": "2023-06-01"}, "to": {"not_after": "2023-05-31"}}
        to_case(assist_case(assist_act("A1", bad), as_of="2024-06-01"))
