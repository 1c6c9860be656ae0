"""An act's date known only within bounds, or not known: established, possible and excluded at the
edges of every date the rules compare it with (CL 12, Art 19, CL 87, Art 16, Art 6 (2), Art 10 (6),
Art 12 ¶1 (5)); what it would take, and ``ask``.

A one-day act is ``{not_before, not_after}`` (either or both) or ``unknown``; each end of a period
``{from, to}`` may be such a day too.  Each becomes a question whose candidate days are the bounds
and the days around every breakpoint (facts.day_candidates)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import assist_act, assist_case, make_case, to_case
from test_interp_10 import case as use_case
from test_interp_10 import penalty, websites

from reasoner.case.edits import judged_on
from reasoner.case.errors import CaseFileError
from reasoner.case.read import load, load_text
from reasoner.cli import main
from reasoner.explain.what_it_takes import what_it_takes
from reasoner.law.terms import Function, String
from reasoner.solve.engine import reason


def status(data: dict, pid: str, subject: str = "A1") -> str:
    return reason(to_case(data)).certainty(pid, String(subject))


def _texts(r, atom) -> list[list[str]]:
    qs = r.facts.questions
    return [[f.text(qs[f.question], "en") for f in s] for s in what_it_takes(r.completions, atom).sets]


# ----------------------------------------------------------------------------- CL 12: 2015-11-01


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ({"not_before": "2015-11-01", "not_after": "2016-01-01"}, "established"),  # at the day
        ({"not_before": "2015-11-02"}, "established"),  # just after
        ({"not_before": "2015-10-31", "not_after": "2015-11-01"}, "possible"),  # straddles it
        ({"not_after": "2015-10-31"}, "excluded"),  # just before
        ({"not_after": "2015-11-01"}, "possible"),
        ("unknown", "possible"),
        # a period whose last day is uncertain: it is judged by its last day (CL 12 holds); a period
        # that began before 2015-11-01 counts only its part from that day, which this file does not
        # give: the offence is possible (tested in test_straddling_periods_count_their_part)
        ({"from": "2015-06-01", "to": {"not_before": "2015-11-01"}}, "established"),
        ({"from": "2015-06-01", "to": {"not_before": "2015-10-31", "not_after": "2015-11-01"}}, "possible"),
        ({"from": "2015-06-01", "to": {"not_after": "2015-10-31"}}, "excluded"),
        # its first day does not matter to CL 12
        ({"from": {"not_after": "2015-10-01"}, "to": "2015-11-01"}, "established"),
    ],
)
def test_cl_12_at_the_day_amendment_9_came_into_force(date, expected):
    data = assist_case(assist_act(date=date), as_of="2020-01-01")
    assert status(data, "cl.12.1") == expected
    straddles = isinstance(date, dict) and "from" in date
    offence = "possible" if straddles and expected == "established" else expected
    assert status(data, "cl.287-2") == offence


def test_straddling_periods_count_their_part():
    """Issue 18 (2): with the part from 2015-11-01 given, the offence is decided on that part."""
    date = {"from": "2015-06-01", "to": {"not_before": "2015-11-01"}}
    for part, expected in (("200000", "established"), ("199999.99", "excluded")):
        data = assist_case(assist_act(date=date), as_of="2020-01-01")
        data["acts"][0]["portions"] = [{"from": "2015-11-01", "payment_settlement": part}]
        assert status(data, "cl.287-2") == expected, part


# ----------------------------------------------------------------------------- Art 19: the judgment


@pytest.mark.parametrize(("as_of", "expected"), [("2019-10-31", "excluded"), ("2019-11-01", "established")])
def test_art_19_turns_on_the_judgment_whatever_the_act_date(as_of, expected):
    for date in ("unknown", {"not_before": "2016-01-01", "not_after": "2019-10-31"}):
        assert status(assist_case(assist_act(date=date), as_of=as_of), "interp.19") == expected


def test_no_candidate_day_after_the_judgment():
    # the act cannot end after the judgment: with an open upper bound, the candidates stop at it
    r = reason(to_case(assist_case(assist_act(date={"not_before": "2019-06-01"}), as_of="2019-11-01")))
    (q,) = r.facts.questions
    assert q.path == "acts[0].date"
    assert max(a.value for a in q.answers).isoformat() == "2019-11-01"


# ----------------------------------------------------------------------------- CL 87: five years


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # prosecution started 2022-07-01 (CL 88): barred when the act ended on or before 2017-06-30
        ({"not_before": "2016-01-01", "not_after": "2017-06-30"}, "established"),  # at the last barred day
        ({"not_before": "2016-01-01", "not_after": "2017-06-29"}, "established"),
        ({"not_before": "2017-06-30", "not_after": "2017-07-01"}, "possible"),  # straddles it
        ({"not_before": "2017-07-01"}, "excluded"),  # just after
        ({"from": "2016-01-01", "to": {"not_before": "2017-06-01", "not_after": "2017-07-01"}}, "possible"),
        ({"from": "2016-01-01", "to": {"not_before": "2017-07-01", "not_after": "2018-01-01"}}, "excluded"),
    ],
)
def test_cl_87_five_years_before_the_judgment(date, expected):
    data = assist_case(assist_act(date=date), as_of="2022-07-01")
    data["case"]["prosecution_started"] = "2022-07-01"  # the period runs to the start of prosecution
    assert status(data, "cl.87.1") == expected


# ----------------------------------------------------------------------------- Art 16: two years


def _three(d3: object) -> dict:
    # A1 starts 2022-01-10, so its window of two years ends on 2024-01-10
    return assist_case(
        assist_act("A1", "2022-01-10", "80000"),
        assist_act("A2", "2022-06-10", "90000.50"),
        assist_act("A3", d3, "70000"),
    )


@pytest.mark.parametrize(
    ("d3", "expected"),
    [
        ({"not_before": "2023-01-01", "not_after": "2024-01-10"}, "established"),  # at the window's last day
        ({"not_before": "2023-01-01", "not_after": "2024-01-11"}, "possible"),  # a day beyond at worst
        ({"not_before": "2024-01-10", "not_after": "2024-01-11"}, "possible"),
        ({"not_before": "2024-01-11"}, "excluded"),  # just after
        ({"from": "2023-01-01", "to": {"not_before": "2023-06-01", "not_after": "2024-01-11"}}, "possible"),
    ],
)
def test_art_16_window_of_two_years(d3, expected):
    cum = Function("cumulation", [String("A1")])
    assert reason(to_case(_three(d3))).certainty("interp.16", cum) == expected


# ----------------------------------------------------------------------------- Art 6 (2)


def _orders_then_act(date: object) -> dict:
    """Refused orders of 2021-06-01, 2023-03-01 and 2023-06-01: three within two years, counted
    only when the act goes on to at least the day the last one's refusal began (2023-06-02)."""
    data = make_case()
    for n, day in ((2, "2023-06-01"), (3, "2021-06-01")):
        # a deadline on the order's own day: refused from the next day (Art 2: 拒不改正 once it passed)
        data["orders"].append(dict(data["orders"][0], id=f"O{n}", date=day, deadline=day))
        data["findings"].append({"provision": "interp.2.2.2", "subject": f"O{n}", "holds": True, "reason": "明确"})
    data["acts"][0]["date"] = date
    return data


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ({"not_before": "2023-06-02", "not_after": "2023-12-01"}, "established"),  # on the day refusal began
        ({"not_before": "2023-06-03"}, "established"),
        ({"not_before": "2023-06-01", "not_after": "2023-06-02"}, "possible"),
        ({"not_before": "2023-03-01", "not_after": "2023-06-01"}, "excluded"),  # just before
    ],
)
def test_art_6_item_2_orders_up_to_the_act(date, expected):
    assert status(_orders_then_act(date), "interp.6.1.2") == expected


# ----------------------------------------------------------------------------- Art 10 (6), Art 12 (5)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # penalty 2021-05-01: the act after it and starting within two years (by 2023-05-01)
        ({"not_before": "2021-05-02", "not_after": "2023-05-01"}, "established"),
        ({"not_before": "2021-05-01", "not_after": "2023-05-01"}, "possible"),  # on the penalty's day
        ({"not_before": "2023-05-01", "not_after": "2023-05-02"}, "possible"),
        ({"not_before": "2023-05-02"}, "excluded"),  # just after the two years
        ({"not_after": "2021-05-01"}, "excluded"),  # not after the penalty
        ({"from": {"not_before": "2023-04-01", "not_after": "2023-05-02"}, "to": "2023-12-31"}, "possible"),
        ({"from": {"not_before": "2023-04-01", "not_after": "2023-05-01"}, "to": "2023-12-31"}, "established"),
    ],
)
def test_art_10_item_6_two_years_after_a_penalty(date, expected):
    data = use_case(sites=websites(None), date=date, penalties=[penalty("2021-05-01")])
    assert status(data, "interp.10.1.6") == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ({"not_before": "2021-05-02", "not_after": "2023-05-01"}, "established"),
        ({"not_before": "2021-05-01", "not_after": "2023-05-01"}, "possible"),
        ({"not_before": "2023-05-02"}, "excluded"),
        ("unknown", "possible"),
    ],
)
def test_art_12_item_5_two_years_after_a_penalty(date, expected):
    data = assist_case(assist_act(date=date, settled="1000"))
    data["parties"] = [{"id": "P1", "kind": "person", "name": "李某"}]
    data["admin_penalties"] = [{"id": "Y1", "party": "P1", "date": "2021-05-01", "for": "assisting_network_crime"}]
    assert status(data, "interp.12.1.5") == expected


# ----------------------------------------------------------------------------- what it takes, ask


def test_what_it_takes_names_the_act_date_needed():
    r = reason(to_case(assist_case(assist_act(date="unknown"), as_of="2020-01-01")))
    atom = Function("holds", [String("cl.12.1"), String("A1")])
    assert _texts(r, atom) == [["acts[0].date ≥ 2015-11-01"]]


def test_what_it_takes_names_the_end_of_a_period():
    date = {"from": "2015-06-01", "to": {"not_after": "2016-01-01"}}
    r = reason(to_case(assist_case(assist_act(date=date), as_of="2020-01-01")))
    atom = Function("holds", [String("cl.287-2"), String("A1")])
    # the act must end on or after 2015-11-01, and its part from that day reach the threshold
    assert _texts(r, atom) == [
        ["acts[0].date.to ≥ 2015-11-01", "acts[0].portions[from=2015-11-01].payment_settlement ≥ CNY 200,000.00"]
    ]


def test_ask_asks_for_the_act_date_and_writes_it_back(tmp_path):
    import yaml

    target = tmp_path / "c.yaml"
    data = assist_case(assist_act(date="unknown"), as_of="2020-01-01")
    target.write_text("# kept\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = CliRunner().invoke(main, ["ask", str(target), "--lang", "en"], input="{not_before: 2016-03-01}\n\n")
    assert out.exit_code == 0, out.output
    assert "question: act A1 of 李某: date?" in out.output and "  field: acts[0].date (now: unknown)" in out.output
    assert "a period {from: …, to: …}" in out.output
    assert "established" in out.output
    done = load(target)
    assert done.acts[0].date.not_before.isoformat() == "2016-03-01"
    assert target.read_text(encoding="utf-8").startswith("# kept\n")


# ----------------------------------------------------------------------------- validation


def _act_text(value: str, as_of: str = "") -> str:
    case = f"{{id: t, as_of: {as_of}}}" if as_of else "{id: t}"
    return f"""case: {case}
parties:
  - {{id: P1, kind: person, name: 李某}}
acts:
  - id: A1
    actor: P1
    kind: assist_network_crime
    date: {value}
"""


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ("{not_before: 2023-03-01, not_after: 2023-02-01}", "acts[0].date", "not_after (2023-02-01) is before"),
        ("{not_before: 2023-02-30}", "acts[0].date.not_before", "is not a calendar date"),
        ("{not_before: 2023-01-01, to: 2023-02-01}", "acts[0].date.to", "unknown field 'to'"),
        ("{from: 2023-01-01}", "acts[0].date.to", "required field is missing"),
        ("{from: 2023-05-01, to: 2023-04-01}", "acts[0].date", "the range ends (2023-04-01) before it starts"),
        ("{from: {}, to: 2023-03-01}", "acts[0].date.from", "needs not_before, not_after or both"),
        ("{from: 2023-01-01, to: {not_before: 2023-02-31}}", "acts[0].date.to.not_before", "not a calendar date"),
    ],
)
def test_bad_act_dates_are_rejected_with_file_line_and_field(value, field, message):
    with pytest.raises(CaseFileError) as e:
        load_text(_act_text(value), "c.yaml")
    errs = [str(x) for x in e.value.errors]
    assert any(x.startswith(f"c.yaml:8: {field}:") and message in x for x in errs), errs


def test_uncertain_periods_that_cannot_be_reversed_are_accepted():
    for value in (
        "{from: {not_after: 2023-03-01}, to: {not_before: 2023-03-01}}",  # may be one day
        "{from: {not_before: 2023-01-01}, to: 2023-03-01}",  # the exact end closes the start
        "{from: 2023-01-01, to: {not_after: 2023-03-01}}",  # the exact start closes the end
        # bounds that overlap (issue 18: "some time in 2023" for both ends): a reading in which the
        # period starts before it ends exists, and the rules only consider those readings
        "{from: {not_before: 2023-01-01}, to: {not_after: 2023-06-01}}",
        "{from: {not_after: 2023-03-01}, to: {not_before: 2023-02-01}}",
        "{from: {not_after: 2023-03-02}, to: 2023-03-01}",
    ):
        load_text(_act_text(value), "c.yaml")


def test_an_act_that_cannot_end_before_the_judgment_is_rejected():
    with pytest.raises(CaseFileError) as e:
        load_text(_act_text("{not_before: 2023-05-02}", as_of="2023-05-01"), "c.yaml")
    assert "the act ends (2023-05-02) after the date of judgment" in str(e.value)
    with pytest.raises(CaseFileError):
        load_text(_act_text("{from: 2023-01-01, to: {not_before: 2023-05-02}}", as_of="2023-05-01"), "c.yaml")
    case = load_text(_act_text("{not_before: 2023-05-01}"), "c.yaml")
    with pytest.raises(CaseFileError):
        judged_on(case, "2023-04-30")
    assert judged_on(case, "2023-05-01").case.as_of.isoformat() == "2023-05-01"


def test_ask_hints_what_an_act_date_may_be():
    from reasoner.explain.interview import answer_hint

    r = reason(to_case(assist_case(assist_act(date={"from": "2015-06-01", "to": {"not_after": "2016-01-01"}}))))
    (q,) = [q for q in r.facts.questions if q.path == "acts[0].date.to"]
    # an end of a period is a day, never unknown (the period would be unknown)
    assert (
        answer_hint(q, "en") == "a date YYYY-MM-DD / an uncertain date {not_before: YYYY-MM-DD, not_after: YYYY-MM-DD}"
    )
    assert answer_hint(q, "zh") == "日期 YYYY-MM-DD / 不确定的日期 {not_before: YYYY-MM-DD, not_after: YYYY-MM-DD}"
    r = reason(to_case(assist_case(assist_act(date="unknown"))))
    (q,) = [q for q in r.facts.questions if q.path == "acts[0].date"]
    assert " / a period {from: …, to: …} / " in answer_hint(q, "en") and answer_hint(q, "en").endswith(" / unknown")
    assert answer_hint(q, "zh").endswith(" / 不知道")
