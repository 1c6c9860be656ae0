"""Candidate values of what a case leaves open: the answers a question offers for a figure or a day.

A figure or a day not known exactly could be anything in its bounds; clingo needs finitely many
answers.  Between two consecutive breakpoints (the figures of the law, the days the rules compare
with) every comparison the rules make keeps its truth, so the values around the breakpoints and
the bounds give every status the rules can reach.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import clingo

from reasoner.case.cl_286_1 import Leak
from reasoner.case.values import UNKNOWN, CountBounds, MoneyBounds
from reasoner.law.packs import rule_path
from reasoner.law.parameters import parameters
from reasoner.solve.atoms.facts import COUNT_CEILING, date_number


def figure_range(v: object, unit: str, ceiling: int) -> tuple[int, int, bool] | None:
    """(least, greatest, bounded above) of a figure not known exactly, in solver units; None if exact."""
    scale = 100 if unit == "fen" else 1
    if v == UNKNOWN:
        return 0, ceiling, False
    if isinstance(v, CountBounds | MoneyBounds):
        above = v.at_most is not None
        high = min(int(v.at_most * scale), ceiling) if above else ceiling
        return min(int(v.low() * scale), ceiling), high, above
    return None


def figure_candidates(unit: str, low: int, high: int) -> list[int]:
    """Representative values of a figure known to lie in [low, high].

    The rules compare figures with the figures of the law (param/3, in the same unit; money also
    with its multiples, Art 12 ¶2) by ``>=`` and ``<``, alone or in non-negative sums.  Between two
    consecutive breakpoints every such comparison of the figure alone keeps its truth, and sums are
    monotone in each addend: so the ends of each interval (c - 1 and c for every breakpoint c, plus
    low and high) give every status the rules can reach.  No value is enumerated one by one."""
    params = parameters()
    if unit == "fen":
        base = [p.value for p in params if p.unit == "fen"]
        multiples = [p.value for p in params if p.unit == "multiple"]
        points = set(base) | {b * k for b in base for k in multiples}
    else:
        points = {p.value for p in params if p.unit in ("count", "times")}
    values = {low, high}
    for c in points:
        for v in (c - 1, c):
            if low <= v <= high:
                values.add(v)
    return sorted(values)


@cache
def leak_tiers() -> dict[str, tuple[str, int]]:
    """Each leak category's tier and the items that tier's own item requires (500, 5,000, 50,000),
    read from the rules (``leak_tier/2``, ``tier_item/2`` in interp_04_leak.lp) and their
    parameters, so that Python keeps no second copy of the grouping."""

    ctl = clingo.Control(["--warn=none"])
    ctl.load(str(rule_path("interp_04_leak.lp")))
    ctl.ground([("base", [])])
    atoms = list(ctl.symbolic_atoms.by_signature("leak_tier", 2)) + list(
        ctl.symbolic_atoms.by_signature("tier_item", 2)
    )
    tier_of = {a.symbol.arguments[0].name: a.symbol.arguments[1].name for a in atoms if a.symbol.name == "leak_tier"}
    item_of = {a.symbol.arguments[0].name: a.symbol.arguments[1].string for a in atoms if a.symbol.name == "tier_item"}
    need = {p.provision: p.value for p in parameters() if p.name == "items"}
    return {c: (t, need[item_of[t]]) for c, t in tier_of.items()}


def leak_candidates(leak: Leak) -> dict[str, frozenset[int]]:
    """Values for the open leaked counts at which a tier's total reaches T - 1 and T.

    Art 4 items (1)-(3) compare a tier's total with its figure T (>=), and item (4) needs every
    tier total below its T (<) with the converted sum at the figure of item (3) (>=, monotone).
    So beside the extremes, the totals that decide every status are T - 1 and T; each open count
    of the tier gets the values of one way to make the total exactly so (the earlier counts as
    high as needed, the later ones at their least), and the product of the candidates then
    contains every such total."""
    tiers = leak_tiers()
    known: dict[str, int] = {}
    open_: dict[str, list[tuple[str, int, int]]] = {}
    for name, (tier, _) in tiers.items():
        v = getattr(leak, name, None)
        if v is None:
            continue
        r = figure_range(v, "count", COUNT_CEILING)
        if r is None:
            known[tier] = known.get(tier, 0) + min(int(v), COUNT_CEILING)
        else:
            open_.setdefault(tier, []).append((name, r[0], r[1]))
    out: dict[str, set[int]] = {}
    for tier, addends in open_.items():
        threshold = next(t for c, (tt, t) in tiers.items() if tt == tier)
        for target in (threshold - 1, threshold):
            remaining = target - known.get(tier, 0)
            for i, (name, low, high) in enumerate(addends):
                later = sum(lo for _, lo, _ in addends[i + 1 :])
                x = max(low, min(high, remaining - later))
                out.setdefault(name, set()).add(x)
                remaining -= x
    return {k: frozenset(v) for k, v in out.items()}


def _first_day_from(n: int) -> dt.date:
    """The first real day on or after the integer YYYYMMDD (20220229 -> 2022-03-01): shifting a
    29 February by whole years can leave the month."""
    year, rest = divmod(n, 10000)
    month, day = divmod(rest, 100)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year + (month == 12), month % 12 + 1, 1)


def day_candidates(known: list[dt.date], low: dt.date | None, high: dt.date | None) -> list[dt.date]:
    """Representative days of a day known only within [low, high] (open ends when None).

    The rules compare such a day D with other days E and with E shifted by whole years
    (``D + N * 10000`` on YYYYMMDD; N from the figures of the law in years, and the day Amendment IX
    came into force), by <, <=, >=.  Between consecutive breakpoints every such comparison keeps
    its truth, so the real days just before, at and just after each breakpoint, and the bounds,
    give every status.  Limit: two days that are both uncertain are compared only through the
    days the case records (their bounds included), not through each other's shifted values."""

    years = sorted({p.value for p in parameters() if p.unit == "years"} | {0})
    points = {date_number(d) + sign * y * 10000 for d in known for y in years for sign in (1, -1)}
    points |= {p.value for p in parameters() if p.unit == "date"}
    out: set[dt.date] = set()
    for n in points:
        if not 19010101 <= n <= 21991231:
            continue
        first = _first_day_from(n)  # the days before, at and after the breakpoint
        out |= {first, first - dt.timedelta(days=1), first + dt.timedelta(days=1)}
    if low is not None:
        out = {d for d in out if d >= low} | {low}
    if high is not None:
        out = {d for d in out if d <= high} | {high}
    if not out:
        out = {dt.date(2000, 1, 1)}
    return sorted(out)
