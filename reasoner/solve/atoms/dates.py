"""Days: the dates of acts, orders and penalties as atoms (YYYYMMDD numbers), and a question for
each day known only within bounds (or not at all), whose answers are the days around every date
the rules can compare it with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reasoner.case.model import Case
from reasoner.case.values import UNKNOWN, DateBounds, DateRange, When, earliest, latest
from reasoner.law.terms import Term
from reasoner.solve.atoms.candidates import day_candidates
from reasoner.solve.atoms.facts import Answer, FactInfo, date_number
from reasoner.solve.atoms.writer import Writer, atom


def date(w: Writer, name: str, args: list, v: object, path: str, span: tuple | None = None) -> None:
    """A day: a fact when exact; a question when known only within bounds or not at all (between
    ``span``'s days where given)."""
    if v is None:
        return
    if v == UNKNOWN or isinstance(v, DateBounds):
        day_question(w, name, args, v, path, span)
        return
    w.fact(name, [*args, date_number(v)], path, v)


def day_question(
    w: Writer,
    name: str | tuple[str, ...],
    args: list,
    v: object,
    path: str,
    span: tuple | None = None,
    also: Callable[[dt.date], tuple[Term, ...]] | None = None,
) -> None:
    """A day not known exactly: its bounds and, between them, the days around every date the
    rules can compare it with (see :func:`day_candidates`).  ``name`` may be several predicates
    that all take the day (a one-day act starts and ends on it); ``span`` closes the bounds where
    it gives a day (an end of a period, closed by the other end; an act, closed above by the
    judgment); ``also`` gives further atoms that hold with each day (the calendar's next day)."""
    names = (name,) if isinstance(name, str) else name
    low = v.not_before if isinstance(v, DateBounds) else None
    high = v.not_after if isinstance(v, DateBounds) else None
    if span is not None:
        low = span[0] if span[0] is not None else low
        high = span[1] if span[1] is not None else high
    days = day_candidates(w.known_days, low, high)
    more = also or (lambda d: ())
    answers = [Answer(d, tuple(atom(n, *args, date_number(d)) for n in names) + more(d)) for d in days]
    if low is not None:  # the recorded reading: the earliest possible day
        shown = (v.not_before, v.not_after) if isinstance(v, DateBounds) else (low, high)
        for sym in (*(atom(n, *args, date_number(low)) for n in names), *more(low)):
            w.out.atoms[sym] = FactInfo(path, low, False, False, (*shown, "date"))
            w.out.defaults.add(sym)
    w.out.ask(path, "date", answers)


def act_dates(w: Writer, pp: str, e: Term, when: When, as_of: dt.date) -> None:
    """An act's first and last day (act_start, act_end): exact days are facts; a day known
    within bounds or not known is a question, and a day after the judgment is not a candidate."""

    def clip(low: dt.date | None, high: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
        if high is None or high > as_of:
            high = as_of
        return low, high

    if isinstance(when, DateRange):
        ends = (("act_start", when.start, when.start_span()), ("act_end", when.end, when.end_span()))
        for name, v, span in ends:
            if isinstance(v, dt.date):
                w.fact(name, [e, date_number(v)], f"{pp}.date", v)
            else:
                part = "from" if name == "act_start" else "to"
                day_question(w, name, [e], v, f"{pp}.date.{part}", clip(*span))
    elif isinstance(when, dt.date):
        w.fact("act_start", [e, date_number(when)], f"{pp}.date", when)
        w.fact("act_end", [e, date_number(when)], f"{pp}.date", when)
    else:
        low, high = (when.not_before, when.not_after) if isinstance(when, DateBounds) else (None, None)
        day_question(w, ("act_start", "act_end"), [e], when, f"{pp}.date", clip(low, high))


def known_days(c: Case, judgment: dt.date) -> list[dt.date]:
    """Every day the case records exactly, and every bound of a day or a period."""
    out: list[dt.date] = []

    def add(v: object) -> None:
        if isinstance(v, dt.date):
            out.append(v)
        elif isinstance(v, DateBounds):
            out.extend(d for d in (v.not_before, v.not_after) if d is not None)
        elif isinstance(v, DateRange):
            add(v.start)
            add(v.end)

    for o in c.orders:
        add(o.date)
        add(o.deadline)
        add(o.reasonable_period_end)
    for a in c.acts:
        add(a.date)
        add(a.complaint_date)
        for ev in a.evidence_losses:
            add(ev.date)
    for pen in c.admin_penalties:
        add(pen.date)
    for conv in c.prior_convictions:
        add(conv.date)
    for p in c.parties:
        add(p.prosecution_started)
        add(p.birth_date)
    add(c.case.prosecution_started)
    add(judgment)  # the limitation period and Art 19 compare an act's last day with the judgment
    return out


def earliest_start(when: object) -> dt.date | None:
    """The earliest day an act may have begun on (None: not known)."""
    return when.start_span()[0] if isinstance(when, DateRange) else earliest(when)


def latest_end(when: object) -> dt.date | None:
    """The latest day an act may have ended on (None: not known)."""
    return when.end_span()[1] if isinstance(when, DateRange) else latest(when)


def next_day_atoms(d: dt.date) -> tuple[Term, ...]:
    """The calendar: the day after ``d`` (refusal begins the day after a deadline)."""
    return (atom("next_day", date_number(d), date_number(d + dt.timedelta(days=1))),)
