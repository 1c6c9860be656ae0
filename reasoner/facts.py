"""Facts to atoms: the validated case becomes clingo symbols, built with clingo's API.

No text from a case file is ever pasted into ASP source: every id becomes a ``String`` symbol and
every category a constant drawn from the model's closed vocabularies.

clingo integers are 32-bit and overflow silently, so every figure is capped before it reaches the
solver: counts at :data:`COUNT_CEILING`.  The ceiling is far above every threshold of the law,
so a comparison with any threshold has the same outcome for the capped and the exact figure, and
small enough that the largest expression in the rules (100 * a + 10 * b + c, Art 4 (4)) stays
below 2^31.  ``tests/test_overflow.py`` checks both properties.  The exact figure is kept here and
shown in explanations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from clingo import Function, Number, String, Symbol

from .case.acts import Act
from .case.cl_286_1 import Leak, Quantities
from .case.cl_287_1 import IllegalActivity
from .case.model import Case, Finding
from .case.parties import BasisKind, Order
from .case.values import (
    UNKNOWN,
    CountBounds,
    DateBounds,
    DateRange,
    MaybeBool,
    MaybeCount,
    MaybeMoney,
    MoneyBounds,
    When,
    fen,
)

COUNT_CEILING = 10_000_000
#: Cap on a count that the rules add up over a list (registered accounts of each site, ...): above
#: every threshold such counts meet, and small enough that MAX_SUMMED of them fit in 32 bits.
SUMMED_CEILING = 100_000
MAX_SUMMED = 20_000
#: Cap on money in fen (10,000,000 yuan): above five times every money threshold (Art 12 ¶2).
FEN_CEILING = 1_000_000_000
#: Art 16 adds up figures of up to model.MAX_ACTS acts as (V // SUM_BASE) and (V % SUM_BASE) sums,
#: each below 2**31 for 1,000 acts of at most FEN_CEILING (interp_16_cumulation.lp).
SUM_BASE = 1_000_000
#: Largest integer clingo can hold.
INT32_MAX = 2**31 - 1


def date_number(d: dt.date) -> int:
    """A date as the integer YYYYMMDD: order-preserving, and '+ 20000' is 'two years later'."""
    return d.year * 10000 + d.month * 100 + d.day


@dataclass(frozen=True)
class FactInfo:
    """Where an input atom came from, for explanations: the field path and the exact figure."""

    path: str
    value: object = None  # the exact value (int, Decimal, date, str) when the atom carries one
    saturated: bool = False  # the atom carries COUNT_CEILING instead of the exact (larger) value
    unknown: bool = False  # recorded as not known; present only in "what if it were" solving
    #: a bounded figure: (at least, at most, unit) as written; the atom carries the lower bound
    bound: tuple[object, object, str] | None = None
    source: object = None  # where a figure was summed from (evidence.StatementTotals), shown with it


def shown_value(value: object, absent: str = "[]") -> str:
    """An answer as the case file would spell it (YAML flow style): ``true``, ``law``,
    ``{kind: fixed_term, years: 5}``; None as ``absent``."""
    if value is None:
        return absent
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shown_value(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass(frozen=True)
class Answer:
    """One way an open question could be settled, and the atoms that then hold."""

    value: object  # True/False, an option, a figure in solver units (count or fen), or None (none)
    atoms: tuple[Symbol, ...]


@dataclass
class Question:
    """A fact the case file leaves open: every answer it could have, exactly one of which is true.

    Booleans answer False/True, closed choices one option each, and figures (counts, money) a
    finite set of representative values: the bounds and, between them, every breakpoint at which
    a comparison with a figure of the law can change (see :func:`figure_candidates`)."""

    path: str  # the case-file field
    kind: str  # bool | choice | count | money
    answers: list[Answer]
    low: int | None = None  # figures: the least possible value, in solver units
    high: int | None = None  # figures: the greatest (the ceiling when unbounded above)
    bounded_above: bool = False
    negated: bool = False  # a boolean whose atom holds when the field is false (response.complied)
    #: a choice: how the case file records the answer None (no legal basis: ``[]``; not dealt with: null)
    absent: str = "[]"

    def field_value(self, answer: int) -> object:
        """The answer as the case-file field would record it."""
        value = self.answers[answer].value
        return (not value) if self.negated and isinstance(value, bool) else value


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


@cache
def leak_tiers() -> dict[str, tuple[str, int]]:
    """Each leak category's tier and the items that tier's own item requires (500, 5,000, 50,000),
    read from the rules (``leak_tier/2``, ``tier_item/2`` in interp_04_leak.lp) and their
    parameters, so that Python keeps no second copy of the grouping."""
    import clingo

    from .law.packs import rule_path
    from .law.parameters import parameters

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


def figure_candidates(unit: str, low: int, high: int) -> list[int]:
    """Representative values of a figure known to lie in [low, high].

    The rules compare figures with the figures of the law (param/3, in the same unit; money also
    with its multiples, Art 12 ¶2) by ``>=`` and ``<``, alone or in non-negative sums.  Between two
    consecutive breakpoints every such comparison of the figure alone keeps its truth, and sums are
    monotone in each addend: so the ends of each interval (c - 1 and c for every breakpoint c, plus
    low and high) give every status the rules can reach.  No value is enumerated one by one."""
    from .law.parameters import parameters

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


@dataclass
class Facts:
    """The atoms of one case, with their provenance."""

    atoms: dict[Symbol, FactInfo] = field(default_factory=dict)
    unknown: dict[Symbol, FactInfo] = field(default_factory=dict)
    #: dates recorded as not known: no atom at all (no date can stand in for them), so they are
    #: listed here, as (predicate, entity id, case path), for the conclusions that may depend on them
    unknown_dates: list[tuple[str, str, str]] = field(default_factory=list)
    findings: dict[Symbol, Finding] = field(default_factory=dict)
    #: the open questions, in case-file order (booleans, choices and figures not known exactly)
    questions: list[Question] = field(default_factory=list)
    #: atoms of ``atoms`` that hold only in the recorded reading (a bounded figure at its lower
    #: bound), not in every completion: the engine adds them as defaults, not as facts
    defaults: set[Symbol] = field(default_factory=set)

    def add(self, sym: Symbol, path: str, value: object = None, saturated: bool = False, source: object = None) -> None:
        self.atoms.setdefault(sym, FactInfo(path, value, saturated, source=source))

    def ask(self, path: str, kind: str, answers: list[Answer], **figure: object) -> None:
        """Record an open question; its atoms are marked not known (unless already facts)."""
        self.questions.append(Question(path, kind, answers, **figure))  # type: ignore[arg-type]
        for a in answers:
            for sym in a.atoms:
                if sym not in self.atoms:
                    self.add_unknown(sym, path)

    def add_unknown(self, sym: Symbol, path: str) -> None:
        self.unknown.setdefault(sym, FactInfo(path, None, False, True))

    def info(self, sym: Symbol) -> FactInfo | None:
        return self.atoms.get(sym) or self.unknown.get(sym)


def _f(name: str, *args: Symbol | int | str) -> Symbol:
    return Function(
        name, [a if isinstance(a, Symbol) else Number(a) if isinstance(a, int) else Function(a) for a in args]
    )


class _Builder:
    def __init__(self, case: Case, scope: Symbol | None, as_of_path: str = "case.as_of"):
        self.as_of_path = as_of_path
        self.case = case
        self.scope = scope
        self.out = Facts()

    def ent(self, ident: str) -> Symbol:
        """An entity id; with a scope (batch screening), a (case, id) pair keeps cases apart."""
        s = String(ident)
        return Function("", [self.scope, s]) if self.scope is not None else s

    def fact(self, name: str, args: list, path: str, value: object = None) -> None:
        self.out.add(_f(name, *args), path, value)

    def flag(self, name: str, args: list, v: MaybeBool | None, path: str, negated: bool = False) -> None:
        """A boolean fact: true adds the atom, unknown records it as open, false/absent adds nothing."""
        if v is True:
            self.fact(name, args, path, True)
        elif v == UNKNOWN:
            self.bool_question(_f(name, *args), path, negated)

    def bool_question(self, sym: Symbol, path: str, negated: bool = False) -> None:
        self.out.ask(path, "bool", [Answer(False, ()), Answer(True, (sym,))], negated=negated)

    def figure(
        self,
        name: str,
        args: list,
        v: object,
        path: str,
        unit: str,
        ceiling: int,
        summed: bool = False,
        extra: frozenset[int] = frozenset(),
    ) -> bool:
        """A figure not known exactly (``unknown`` or bounds) becomes a question; True if it was one.

        A figure the rules add up with others (``summed``: accounts over sites, leaked items over
        categories) takes its two bounds and the ``extra`` values that let the sum reach the
        breakpoints that matter for it (see :meth:`_leak`): clingo grounds a sum over every
        combination of the candidate atoms, and the sum is compared with the law's figure, not the
        addend, so the addend's own breakpoints would be the wrong ones."""
        bounds = figure_range(v, unit, ceiling)
        if bounds is None:
            return False
        low, high, above = bounds
        if summed:
            values = sorted({low, high} | {x for x in extra if low <= x <= high})
        else:
            values = figure_candidates(unit, low, high)
        answers = [Answer(x, (_f(name, *args, x),)) for x in values]
        if v != UNKNOWN:
            # the recorded reading: the figure is at its lower bound
            base = _f(name, *args, low)
            shown = Decimal(v.low()) if unit == "fen" else int(v.low())
            above_ceiling = (fen(shown) if unit == "fen" else shown) > ceiling  # the atom says the ceiling
            self.out.atoms[base] = FactInfo(path, shown, above_ceiling, False, (v.at_least, v.at_most, unit))
            self.out.defaults.add(base)
        self.out.ask(path, "money" if unit == "fen" else "count", answers, low=low, high=high, bounded_above=above)
        return True

    def count(
        self,
        name: str,
        args: list,
        v: MaybeCount | None,
        path: str,
        summed: bool = False,
        extra: frozenset[int] = frozenset(),
    ) -> None:
        if v is None or self.figure(name, args, v, path, "count", COUNT_CEILING, summed, extra):
            return
        capped = min(int(v), COUNT_CEILING)
        self.out.add(_f(name, *args, capped), path, int(v), saturated=int(v) > COUNT_CEILING)

    def capped(self, name: str, args: list, v: int, ceiling: int, path: str, exact: object = None) -> None:
        """A figure capped at ``ceiling`` (the atom says ceiling; the exact figure stays here)."""
        self.out.add(_f(name, *args, min(v, ceiling)), path, v if exact is None else exact, saturated=v > ceiling)

    def money(self, name: str, args: list, v: MaybeMoney | None, path: str) -> None:
        """An amount of yuan as whole fen, exact, capped at FEN_CEILING."""
        if v is None or self.figure(name, args, v, path, "fen", FEN_CEILING):
            return
        self.capped(name, args, fen(v), FEN_CEILING, path, exact=v)

    def choice(self, name: str, args: list, v: str | None, options: list[str], path: str) -> None:
        """A fact with a closed set of values; unknown opens every value."""
        if v is None:
            return
        if v == UNKNOWN:
            self.out.ask(path, "choice", [Answer(o, (_f(name, *args, o),)) for o in options])
        else:
            self.fact(name, [*args, v], path, v)

    def date(self, name: str, args: list, v: object, path: str) -> None:
        if name in ("order_date", "penalty_date") and (v == UNKNOWN or isinstance(v, DateBounds)):
            self.day_question(name, args, v, path)
            return
        if v == UNKNOWN:
            ident = args[0].arguments[-1].string if args[0].type.name == "Function" else args[0].string
            self.out.unknown_dates.append((name, ident, path))
        if v is None or v == UNKNOWN:
            return  # an unknown date establishes nothing that depends on it
        self.fact(name, [*args, date_number(v)], path, v)

    def day_question(
        self, name: str | tuple[str, ...], args: list, v: object, path: str, span: tuple | None = None
    ) -> None:
        """A day not known exactly: its bounds and, between them, the days around every date the
        rules can compare it with (see :func:`day_candidates`).  ``name`` may be several predicates
        that all take the day (a one-day act starts and ends on it); ``span`` overrides the bounds
        (an end of a period, closed by the other end; an act, closed above by the judgment)."""
        names = (name,) if isinstance(name, str) else name
        low = v.not_before if isinstance(v, DateBounds) else None
        high = v.not_after if isinstance(v, DateBounds) else None
        if span is not None:
            low, high = span
        days = day_candidates(self.known_days, low, high)
        answers = [Answer(d, tuple(_f(n, *args, date_number(d)) for n in names)) for d in days]
        if low is not None:  # the recorded reading: the earliest possible day
            shown = (v.not_before, v.not_after) if isinstance(v, DateBounds) else (low, high)
            for n in names:
                base = _f(n, *args, date_number(low))
                self.out.atoms[base] = FactInfo(path, low, False, False, (*shown, "date"))
                self.out.defaults.add(base)
        self.out.ask(path, "date", answers)

    def act_dates(self, pp: str, e: Symbol, when: When) -> None:
        """An act's first and last day (act_start, act_end): exact days are facts; a day known
        within bounds or not known is a question, and a day after the judgment is not a candidate."""
        as_of = self.case.case.as_of

        def clip(low: dt.date | None, high: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
            if as_of is not None and (high is None or high > as_of):
                high = as_of
            return low, high

        if isinstance(when, DateRange):
            ends = (("act_start", when.start, when.start_span()), ("act_end", when.end, when.end_span()))
            for name, v, span in ends:
                if isinstance(v, dt.date):
                    self.fact(name, [e, date_number(v)], f"{pp}.date", v)
                else:
                    part = "from" if name == "act_start" else "to"
                    self.day_question(name, [e], v, f"{pp}.date.{part}", clip(*span))
        elif isinstance(when, dt.date):
            self.fact("act_start", [e, date_number(when)], f"{pp}.date", when)
            self.fact("act_end", [e, date_number(when)], f"{pp}.date", when)
        else:
            low, high = (when.not_before, when.not_after) if isinstance(when, DateBounds) else (None, None)
            self.day_question(("act_start", "act_end"), [e], when, f"{pp}.date", clip(low, high))

    def _known_days(self) -> list[dt.date]:
        """Every day the case records exactly, and every bound of a day or a period."""
        out: list[dt.date] = []
        c = self.case

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
        for a in c.acts:
            add(a.date)
        for pen in c.admin_penalties:
            add(pen.date)
        add(c.case.as_of)  # the limitation period and Art 19 compare an act's last day with the judgment
        return out

    def build(self) -> Facts:
        c = self.case
        self.known_days = self._known_days()
        self.fact("count_ceiling", [COUNT_CEILING], "(reasoner: the cap on figures sent to the solver)", COUNT_CEILING)
        self.fact("fen_ceiling", [FEN_CEILING], "(reasoner: the cap on amounts sent to the solver)", FEN_CEILING)
        self.fact("sum_base", [SUM_BASE], "(reasoner: Art 16 sums in two parts to stay within 32 bits)", SUM_BASE)
        for i, p in enumerate(c.parties):
            pp = f"parties[{i}]"
            e = self.ent(p.id)
            self.fact("party", [e], pp, p.name)
            self.fact(p.kind, [e], f"{pp}.kind", p.kind)
            for j, s in enumerate(p.services):
                self.fact("service", [e, s.category.value], f"{pp}.services[{j}]", s.category.value)
            for j, r in enumerate(p.responsible_persons):
                self.fact("responsible", [e, self.ent(r.person), r.role.value], f"{pp}.responsible_persons[{j}]")
        for i, o in enumerate(c.orders):
            self._order(i, o)
        for i, a in enumerate(c.acts):
            self._act(i, a)
        for i, pen in enumerate(c.admin_penalties):
            pp = f"admin_penalties[{i}]"
            e = self.ent(pen.id)
            self.fact("admin_penalty", [e], pp)
            self.fact("penalty_party", [e, self.ent(pen.party)], f"{pp}.party", pen.party)
            self.fact("penalty_for", [e, pen.for_], f"{pp}.for", pen.for_)
            self.date("penalty_date", [e], pen.date, f"{pp}.date")
        for i, fd in enumerate(c.findings):
            args = [String(fd.provision), self.ent(fd.subject)]
            if fd.holds == UNKNOWN:  # still to be made: either way is open, and says which rests on it
                from .law.catalogue import catalogue

                fails, holds = _f("finding_fails", *args), _f("finding_holds", *args)
                path = f"findings[{i}].holds"
                if catalogue()[fd.provision].finding_holds:
                    self.out.ask(path, "bool", [Answer(False, (fails,)), Answer(True, (holds,))])
                else:  # a provision that takes only holds: false; else it is decided from the facts
                    no_finding = "none (delete the finding)"
                    self.out.ask(path, "choice", [Answer(False, (fails,)), Answer(None, ())], absent=no_finding)
                self.out.findings[fails] = self.out.findings[holds] = fd
                continue
            sym = _f("finding_holds" if fd.holds else "finding_fails", *args)
            self.out.add(sym, f"findings[{i}]", fd.reason)
            self.out.findings[sym] = fd
        return self.out

    def _order(self, i: int, o: Order) -> None:
        pp = f"orders[{i}]"
        e = self.ent(o.id)
        self.fact("order", [e], pp)
        self.fact("order_to", [e, self.ent(o.to)], f"{pp}.to", o.to)
        self.fact("order_issuer", [e, o.issuer.kind.value], f"{pp}.issuer", o.issuer.name)
        self.flag("issuer_statutory_duty", [e], o.issuer.statutory_duty, f"{pp}.issuer.statutory_duty")
        self.choice("order_form", [e], o.form, ["rectification_notice", "other_document", "oral"], f"{pp}.form")
        self.date("order_date", [e], o.date, f"{pp}.date")
        self.date("order_deadline", [e], o.deadline, f"{pp}.deadline")
        if o.legal_basis == UNKNOWN:
            # the strongest kind of basis cited, or none (the rules ask only whether some basis is
            # of a given kind, so one kind stands for any list that contains it)
            answers = [Answer(None, ())] + [Answer(b.value, (_f("order_basis", e, b.value),)) for b in BasisKind]
            self.out.ask(f"{pp}.legal_basis", "choice", answers)
        else:
            for j, b in enumerate(o.legal_basis):
                self.fact("order_basis", [e, b.kind.value], f"{pp}.legal_basis[{j}]", b.name)
        self.flag("provider_capacity", [e], o.capacity_to_comply, f"{pp}.capacity_to_comply")
        complied = o.response.complied
        not_complied = UNKNOWN if complied == UNKNOWN else (not complied)
        self.flag("order_not_complied", [e], not_complied, f"{pp}.response.complied", negated=True)

    def _illegal_use(self, pp: str, e: Symbol, a: Act) -> None:
        for j, site in enumerate(a.sites):
            sp = f"{pp}.sites[{j}]"
            s = self.ent(site.id)
            self.fact("site", [e, s], sp, site.name or site.id)
            self.fact("site_kind", [s, site.kind], f"{sp}.kind", site.kind)
            self.choice(
                "site_purpose",
                [s],
                site.purpose,
                ["set_up_for_illegal_activity", "used_mainly_for_illegal_activity", "other"],
                f"{sp}.purpose",
            )
            self.fact("site_activity", [s, site.activity.kind], f"{sp}.activity", site.activity.description)
            _character(self, s, site.activity, f"{sp}.activity")
            if site.impersonates:
                self.fact("site_impersonates", [s, site.impersonates], f"{sp}.impersonates", site.impersonates)
            for field_name, pred in (("registered_accounts", "site_accounts"), ("members", "site_members")):
                v = getattr(site, field_name)
                if self.figure(pred, [s], v, f"{sp}.{field_name}", "count", SUMMED_CEILING, summed=True):
                    continue
                if v is not None:
                    self.capped(pred, [s], v, SUMMED_CEILING, f"{sp}.{field_name}")
        if a.publishing is not None:
            pub = a.publishing
            pp2 = f"{pp}.publishing"
            self.fact("publishing", [e, pub.content], f"{pp2}.content", pub.content)
            self.fact("publish_activity", [e, pub.activity.kind], f"{pp2}.activity", pub.activity.description)
            _character(self, e, pub.activity, f"{pp2}.activity")
            for j, method in enumerate(pub.methods):
                self.fact("publish_method", [e, method], f"{pp2}.methods[{j}]", method)
            for q in ("items_on_websites", "recipient_accounts", "group_members_total", "followers_total"):
                self.count("publish_count", [e, q], getattr(pub, q), f"{pp2}.{q}")

    def _assist(self, pp: str, e: Symbol, a: Act) -> None:
        for j, h in enumerate(a.help):
            self.fact("help", [e, h], f"{pp}.help[{j}]", h)
        for j, x in enumerate(a.assisted):
            xp = f"{pp}.assisted[{j}]"
            xe = self.ent(x.id)
            self.fact("assisted", [e, xe], xp, x.description)
            self.flag("assisted_uses_network", [xe], x.uses_network, f"{xp}.uses_network")
            self.choice(
                "assisted_reaches_crime", [xe], x.reaches_crime, ["yes", "no", "unverifiable"], f"{xp}.reaches_crime"
            )
            self.flag("assisted_confirmable", [xe], x.confirmable, f"{xp}.confirmable")
            if x.author_status:
                self.fact("assisted_author_status", [xe, x.author_status], f"{xp}.author_status", x.author_status)
        k = a.knowledge
        if k is not None:
            kp = f"{pp}.knowledge"
            if k.proven is True:
                self.fact("knowledge_proven", [e], f"{kp}.proven", k.evidence)
            else:
                self.flag("knowledge_proven", [e], k.proven, f"{kp}.proven")
            for j, ind in enumerate(k.indicators):
                ip = f"{kp}.indicators[{j}]"
                if isinstance(ind, str):
                    self.fact("knowledge_indicator", [e, ind], ip, ind)
                elif ind.present is True:
                    self.fact("knowledge_indicator", [e, ind.indicator], f"{ip}.present", ind.evidence or ind.indicator)
                else:
                    self.flag("knowledge_indicator", [e, ind.indicator], ind.present, f"{ip}.present")
            for j, ce in enumerate(k.counter_evidence):
                cp = f"{kp}.counter_evidence[{j}]"
                if isinstance(ce, str):
                    self.fact("counter_evidence", [e, j + 1], cp, ce)
                elif ce.accepted is True:
                    self.fact("counter_evidence", [e, j + 1], f"{cp}.accepted", ce.text)
                else:
                    self.flag("counter_evidence", [e, j + 1], ce.accepted, f"{cp}.accepted")
        self.money("payment_settlement", [e], a.payment_settlement, f"{pp}.payment_settlement")
        if a.statement is not None:  # summed from the rows of a statement (case.statements), exact, then capped
            t = a.statement.totals
            total = t.settlement_fen
            sym = _f("payment_settlement", e, min(total, FEN_CEILING))
            self.out.add(sym, f"{pp}.statement", t.settlement_yuan, saturated=total > FEN_CEILING, source=t)
        self.money("advertising_funds", [e], a.advertising_funds, f"{pp}.advertising_funds")

    def _act(self, i: int, a: Act) -> None:
        pp = f"acts[{i}]"
        e = self.ent(a.id)
        self.fact("act", [e], pp, a.description)
        self.fact("actor", [e, self.ent(a.actor)], f"{pp}.actor", a.actor)
        self.fact("act_kind", [e, a.kind], f"{pp}.kind", a.kind)
        self.act_dates(pp, e, a.date)
        if self.case.case.as_of is not None:
            self.fact("judgment_date", [e, date_number(self.case.case.as_of)], self.as_of_path, self.case.case.as_of)
        if a.handled == UNKNOWN:  # dealt with one way or the other, or not at all (Art 16's 未经处理)
            sanctions = [Answer(s, (_f("handled", e, s),)) for s in ("administrative_sanction", "criminal_sanction")]
            self.out.ask(f"{pp}.handled", "choice", [Answer(None, ()), *sanctions], absent="null")
        elif a.handled is not None:
            self.fact("handled", [e, a.handled], f"{pp}.handled", a.handled)
        if a.order is not None:
            self.fact("act_order", [e, self.ent(a.order)], f"{pp}.order", a.order)
        self.flag("duty_not_performed", [e], a.duty_not_performed, f"{pp}.duty_not_performed")
        if a.quantities is not None:
            for name in Quantities.model_fields:
                self.count("quantity", [e, name], getattr(a.quantities, name), f"{pp}.quantities.{name}")
        if a.leak is not None:
            lk = a.leak
            any_count = False
            extra = leak_candidates(lk)
            for name in Leak.model_fields:
                if name in ("occurred", "harms", "economic_loss"):
                    continue
                v = getattr(lk, name)
                self.count("leaked", [e, name], v, f"{pp}.leak.{name}", summed=True, extra=extra.get(name, frozenset()))
                any_count = any_count or (isinstance(v, int) and v > 0) or (isinstance(v, CountBounds) and v.low() > 0)
            occurred = True if any_count else lk.occurred
            self.flag("user_info_leaked", [e], occurred, f"{pp}.leak.occurred")
            for j, h in enumerate(lk.harms):
                self.fact("harm", [e, h], f"{pp}.leak.harms[{j}]", h)
        for j, ev in enumerate(a.evidence_losses):
            ep = f"{pp}.evidence_losses[{j}]"
            ee = self.ent(ev.id)
            if ev.affects_conviction_or_sentencing is True:
                self.fact("evidence_loss", [e, ee], ep, ev.case)
            elif ev.affects_conviction_or_sentencing == UNKNOWN:
                self.bool_question(_f("evidence_loss", e, ee), f"{ep}.affects_conviction_or_sentencing")
            self.choice(
                "evidence_case_crime",
                [ee],
                ev.crime_kind,
                ["state_security", "terrorism", "mafia", "corruption_bribery", "other"],
                f"{ep}.crime_kind",
            )
            s = ev.likely_sentence
            if s == UNKNOWN:
                # below the years of Art 5 item (2), at them (more counts the same), or life or death
                from .law.parameters import parameters

                years = next(p.value for p in parameters() if (p.provision, p.name) == ("interp.5.1.2", "years"))
                answers = [
                    Answer({"kind": "lesser"}, ()),
                    Answer({"kind": "fixed_term", "years": years}, (_f("evidence_case_sentence", ee, years * 12),)),
                    Answer({"kind": "life"}, (_f("evidence_case_sentence_life", ee),)),
                ]
                self.out.ask(f"{ep}.likely_sentence", "choice", answers)
            elif s.kind in ("life", "death"):
                self.fact("evidence_case_sentence_life", [ee], f"{ep}.likely_sentence", s.kind)
            elif s.kind == "fixed_term":
                months = min(s.years * 12, COUNT_CEILING)
                self.out.add(_f("evidence_case_sentence", ee, months), f"{ep}.likely_sentence.years", s.years)
        for j, lapse in enumerate(a.duty_lapses):
            self.fact("duty_lapse", [e, lapse], f"{pp}.duty_lapses[{j}]", lapse)
        self.flag("used_for_attack", [e], a.used_for_attack, f"{pp}.used_for_attack")
        for j, k in enumerate(a.used_for_crime):
            self.fact("used_for_crime", [e, k], f"{pp}.used_for_crime[{j}]", k)
        for j, s in enumerate(a.public_network_damaged):
            self.fact("public_network_damaged", [e, s], f"{pp}.public_network_damaged[{j}]", s)
        self._illegal_use(pp, e, a)
        self._assist(pp, e, a)
        self.money("illegal_gains", [e], a.illegal_gains, f"{pp}.illegal_gains")
        for j, name in enumerate(a.also_other_crime):
            self.fact("also_other_crime", [e, String(name)], f"{pp}.also_other_crime[{j}]", name)


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
    from .law.parameters import parameters

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


def _character(b: _Builder, ent: Symbol, act: IllegalActivity, path: str) -> None:
    b.choice(
        "activity_character",
        [ent],
        act.legal_character,
        ["crime", "illegal_act_of_criminal_type", "other_violation"],
        f"{path}.legal_character",
    )


def case_facts(case: Case, scope: Symbol | None = None, as_of_path: str = "case.as_of") -> Facts:
    """All input atoms of a case.  ``scope`` (a case id symbol) is for screening many cases at once;
    ``as_of_path`` names where the date of judgment came from (the case file, or ``--as-of``)."""
    return _Builder(case, scope, as_of_path).build()
