"""How a case is reasoned: its date of judgment (the one given, or the day the reasoner runs) and
the standards it is weighed under (the 2001 rule in one world or two, or those of one day)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reasoner.case.model import Case
from reasoner.case.values import DateRange, earliest, latest
from reasoner.law.packs import by_id, in_force_on

#: The day set by :func:`judged_today` (a batch's day), if any: it comes before REASONER_TODAY.
_batch_day: dt.date | None = None


def today() -> dt.date:
    """The day the reasoner runs: the date of judgment where none is given.  ``REASONER_TODAY``
    (YYYY-MM-DD) fixes it, so that a run can be repeated byte for byte; inside
    :func:`judged_today` it is the day given there."""
    if _batch_day is not None:
        return _batch_day
    fixed = os.environ.get("REASONER_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


@contextmanager
def judged_today(day: dt.date | None) -> Iterator[None]:
    """Within it, :func:`today` is ``day`` (None: as without it).  A batch fixes its day once, where
    it starts, and screens every chunk under it: in its worker processes, on the workers of a
    cluster (whose clock, time zone and REASONER_TODAY may differ from the client's), across
    midnight, and when ``--resume`` continues a run begun on another day."""
    global _batch_day
    before = _batch_day
    _batch_day = day if day is not None else before
    try:
        yield
    finally:
        _batch_day = before


@dataclass(frozen=True)
class Setting:
    """The date of judgment and the standards a case is weighed under."""

    judgment: dt.date
    as_of_path: str  # where the date of judgment came from: case.as_of, --as-of, or (today)
    standards: dt.date | None = None  # --standards: the documents in force on this day
    two_worlds: bool = False  # the standards of an act's time and those at judgment may differ

    @property
    def worlds(self) -> tuple[str, ...]:
        """The worlds the case is built in: act_time and judgment, or one of them (or fixed)."""
        if self.standards is not None:
            return ("fixed",)
        return ("act_time", "judgment") if self.two_worlds else ("judgment",)


def setting_for(case: Case, as_of_path: str = "case.as_of", standards: dt.date | None = None) -> Setting:
    """The setting of a case: its date of judgment, and whether two worlds of standards are needed
    (some act may have been done under standards other than those at judgment: a pack came into
    force between the earliest day the act may have ended and the judgment).  Only dates are
    compared here; which standards govern is for the rules (asp/effect-2001/)."""
    judged = case.case.as_of or today()
    path = as_of_path if case.case.as_of is not None else "(today)"
    if standards is not None:
        return Setting(judged, path, standards, False)
    two = any(_may_differ(*_end_span(a.date), judged) for a in case.acts)
    return Setting(judged, path, None, two)


def _end_span(when: object) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(when, DateRange):
        return when.end_span()
    return earliest(when), latest(when)


def _may_differ(first: dt.date | None, last: dt.date | None, judged: dt.date) -> bool:
    """Whether an act ending between ``first`` and ``last`` may be governed by standards other than
    those at judgment.  An act that ended before the 2019 Interpretation had no standard at all, so
    those at judgment govern it (the 2001 rule, para 2); one that ended later has the documents in
    force on its last day, which grow with the day: comparing the earliest such day suffices."""
    interp = by_id()["interp-2019"].in_force
    if first is None or first < interp:
        if last is not None and last < interp:
            return False
        first = interp  # no earlier bound: the act may have ended on any day up to ``last``
    return in_force_on(first) != in_force_on(judged)
