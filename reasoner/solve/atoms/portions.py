"""An act's figures and consequences, and their parts from the days the law divides the act at.

The law counts only part of some acts: conduct before the offence existed (CL 12, from 2015-11-01)
and, for a refusal, what came before refusal began (CL 286-1, from the day after the deadline) do
not count.  Which day applies is for the rules (asp/criminal-law/cl_12_time.lp); here each figure is
written whole (``recorded(S, Key, V)``) and, where the act may straddle such a day, with its part
from that day (``part(S, Key, Label, V)``): from the act's portions where the case file gives it,
else as a question whose answers lie between nothing and the whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reasoner.case.acts import Act, Portion
from reasoner.case.cl_286_1 import EvidenceLoss
from reasoner.case.model import Case
from reasoner.case.values import UNKNOWN, MaybeBool, earliest, fen, latest
from reasoner.law.parameters import amendment_9_day
from reasoner.law.terms import Function, Term
from reasoner.solve.atoms.candidates import figure_range
from reasoner.solve.atoms.dates import date, earliest_start, latest_end
from reasoner.solve.atoms.writer import Writer, atom


@dataclass(frozen=True)
class Cut:
    """A day the law may divide an act at: ``in_force`` (CL 12) or ``refusal`` (CL 286-1); its day
    where the case file fixes it (a refusal's is not fixed while the deadline is uncertain)."""

    label: str
    day: dt.date | None

    def shown(self) -> str:
        return self.day.isoformat() if self.day is not None else self.label


def cuts_of(case: Case, a: Act) -> list[Cut]:
    """The days the law may divide this act at, where it may straddle them.  Which of them counts
    is for the rules; here only which parts of the figures the case file must give, or leaves open."""
    first, last = earliest_start(a.date), latest_end(a.date)
    out = []
    in_force = amendment_9_day()
    if (first is None or first < in_force) and (last is None or last >= in_force):
        out.append(Cut("in_force", in_force))
    order = next((o for o in case.orders if o.id == a.order), None) if a.order else None
    if a.kind == "refuse_security_duty" and order is not None:
        ends = order.deadline if order.deadline is not None else order.reasonable_period_end
        low, high = earliest(ends), latest(ends)
        if ends == UNKNOWN:
            low, high = earliest(order.date), None
        if ends is not None:
            day = low + dt.timedelta(days=1) if low is not None and low == high else None
            could_before = first is None or high is None or first <= high
            could_after = last is None or low is None or last > low
            if could_before and could_after:
                out.append(Cut("refusal", day))
    return out


def _portion(w: Writer, cut: Cut) -> tuple[int, Portion] | None:
    """The portion of the act's figures the case file gives for a cut (from its day)."""
    for j, p in enumerate(w.portions):
        if cut.day is not None and p.start == cut.day:
            return j, p
    return None


def _suffix(path: str, act_path: str) -> str:
    """``acts[0].quantities.clicks`` -> ``.quantities.clicks`` (the field within the act)."""
    return path[len(act_path) :] if path.startswith(act_path) else "." + path


def open_part_path(act_path: str, cut: Cut, path: str) -> str:
    """The case-file path of a part not given: ``acts[0].portions[from=2015-11-01].payment_settlement``."""
    return f"{act_path}.portions[from={cut.shown()}]{_suffix(path, act_path)}"


def recorded(
    w: Writer,
    key: Term,
    v: object,
    path: str,
    unit: str,
    ceiling: int,
    part_of: Callable[[Portion], object] | None,
    summed: bool = False,
    extra: frozenset[int] = frozenset(),
) -> None:
    """An act's figure (``recorded(S, Key, V)``) and, for each day the act may straddle, its part
    from that day: from the act's portions, or open between nothing and the whole.  ``part_of``
    reads the same figure from a portion."""
    if v is None:
        return
    e = w.subject
    if unit == "fen":
        w.money("recorded", [e, key], v, path, ceiling)
    else:
        w.count("recorded", [e, key], v, path, summed, extra, ceiling)
    for cut in w.cuts:
        found = _portion(w, cut)
        pv = part_of(found[1]) if found is not None and part_of is not None else None
        args = [e, key, Function(cut.label)]
        if pv is not None:
            ppath = f"{w.act_path}.portions[{found[0]}]{_suffix(path, w.act_path)}"
            if unit == "fen":
                w.money("part", args, pv, ppath, ceiling)
            else:
                w.count("part", args, pv, ppath, summed, extra, ceiling)
            continue
        # not given: between nothing and the whole (at most the whole's upper bound)
        whole = figure_range(v, unit, ceiling)
        high = whole[1] if whole is not None else min(fen(v) if unit == "fen" else int(v), ceiling)
        answers = w.range_answers("part", args, 0, high, unit, summed, extra)
        kind = "money" if unit == "fen" else "count"
        w.out.ask(open_part_path(w.act_path, cut, path), kind, answers, low=0, high=high, bounded_above=True)


def event(w: Writer, key: Term, v: MaybeBool | None, path: str, part_of: Callable[[Portion], object]) -> None:
    """A consequence with no number (a harm, a use for crime): recorded as 1 when it happened; its
    part from a cut day is 1 if it happened on or after it, as the act's portion for that day
    says, else open."""
    if v is None or v is False:
        return
    e = w.subject
    parts: list[tuple[Cut, object, str]] = []
    for cut in w.cuts:
        found = _portion(w, cut)
        given = part_of(found[1]) if found is not None else None
        if given is not None:
            parts.append((cut, bool(given), f"{w.act_path}.portions[{found[0]}]{_suffix(path, w.act_path)}"))
        else:
            parts.append((cut, UNKNOWN, open_part_path(w.act_path, cut, path)))
    rec = atom("recorded", e, key, 1)
    known = [(atom("part", e, key, Function(c.label), 1), p) for c, x, p in parts if x is True]
    if v is True:
        w.out.add(rec, path, True)
        for sym, ppath in known:
            w.out.add(sym, ppath, True)
    else:  # the consequence itself is open: its known parts go with it
        w.bool_question((rec, *(sym for sym, _ in known)), path)
    for c, x, ppath in parts:
        if x == UNKNOWN:
            w.bool_question(atom("part", e, key, Function(c.label), 1), ppath)


def loss(w: Writer, key: Term, ev: EvidenceLoss, ep: str, act: Act) -> None:
    """A loss of evidence and its day: the rules place it against the days the law divides the act
    at (``evidence_loss_day/2``); a day not recorded lies within the act's days."""
    rec = atom("recorded", w.subject, key, 1)
    if ev.affects_conviction_or_sentencing is True:
        w.out.add(rec, ep, ev.case)
    elif ev.affects_conviction_or_sentencing == UNKNOWN:
        w.bool_question(rec, f"{ep}.affects_conviction_or_sentencing")
    else:
        return
    if w.cuts:
        day = ev.date if ev.date is not None else UNKNOWN
        span = (earliest_start(act.date), latest_end(act.date))
        date(w, "evidence_loss_day", [key.arguments[0]], day, f"{ep}.date", span=span)


def money_figure(w: Writer, name: str, v: object, ceiling: int) -> None:
    """One of an act's sums (payment settlement, advertising funds, illegal gains), with its parts."""
    recorded(w, Function(name), v, f"{w.act_path}.{name}", "fen", ceiling, lambda p: getattr(p, name, None))
