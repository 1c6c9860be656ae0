"""A condition of a rule body as why-not reports it (met, failing, or open), and the order in which
routes are shown: closest to holding first."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from clingo import ast

from reasoner.explain.arithmetic import evaluate
from reasoner.law.terms import Term
from reasoner.law.transform import CMP_OPS, variables_of


@dataclass
class Condition:
    """One condition of a rule body, with whether it is met."""

    kind: str  # element | fact | parameter | comparison | absence | aggregate
    holds: bool
    text: str
    provision: str | None = None
    citation: str | None = None
    subject: str | None = None
    routes: list[list[Condition]] = field(default_factory=list)
    #: for a threshold not reached: the figure, the threshold, the gap and the share reached (0..1)
    figure: int | None = None
    threshold: int | None = None
    gap: int | None = None
    share: float | None = None
    unit: str | None = None  # fen | None
    #: met in the recorded reading but not in every completion of the facts not known (or the
    #: other way round): printed as open (?), never as met or failing
    open: bool = False
    #: an element's subject as the rules name it (``subject`` is its printed name, which two
    #: subjects may share: an act ``A1+A2+A3`` and the cumulation of A1-A3)
    subject_term: Term | None = field(default=None, repr=False, compare=False)
    #: the rule's variables it reads (facts and comparisons): whether an open figure reaches it
    reads: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    #: an open fact's figure known within bounds: its variable -> (least, greatest), as the solver counts
    bounds: dict = field(default_factory=dict, repr=False, compare=False)
    #: a comparison as the rule writes it, with the figures bound: (left, op, right, figures)
    formula: tuple | None = field(default=None, repr=False, compare=False)
    #: a fact no atom matched, that the case file neither records (true, false or not known) nor
    #: asks about: the words of the fact (without 缺少事实：), for 「未记录」
    never_recorded: str | None = field(default=None, repr=False, compare=False)
    #: the comparison or aggregate as the rule writes it: shown only with --debug
    raw: str | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        status = "open" if self.open else ("met" if self.holds else "not_met")
        out: dict = {"condition": self.kind, "status": status, "text": self.text}
        for key in ("provision", "citation", "subject", "figure", "threshold", "gap", "unit"):
            v = getattr(self, key)
            if v is not None:
                out[key] = v
        if self.share is not None:
            out["share"] = round(self.share, 4)
        if self.routes:
            out["routes"] = [[c.to_json() for c in r] for r in self.routes]
        return out

    @property
    def mark_kind(self) -> str | None:
        """The kind whose own mark the line takes instead of ✔: a figure of the law (≥), a count or
        sum (Σ), a requirement of absence met (∅); None for a condition marked ✔, ✘ or ?."""
        if self.open:
            return None
        if self.kind in ("parameter", "aggregate") or (self.kind == "absence" and self.holds):
            return self.kind
        return None

    @property
    def closeness(self) -> float:
        """How close this condition came: 1 when met, the share reached for a threshold, else 0;
        for an element, the closeness of its best route."""
        if self.holds:
            return 1.0
        if self.share is not None:
            return self.share
        if self.routes:
            return max(route_closeness(r) for r in self.routes)
        return 0.0


def route_closeness(route: list[Condition]) -> float:
    """A route's closeness: the mean closeness of its conditions (1.0 for a route that holds)."""
    return sum(c.closeness for c in route) / len(route) if route else 0.0


def rank(routes: list[list[Condition]]) -> list[list[Condition]]:
    """Routes from the closest to the farthest; equal ones keep the order of the rules."""
    return sorted(routes, key=route_closeness, reverse=True)


def reads_of(node) -> frozenset[str]:
    """The variables a pattern or comparison reads (a rule's node is walked once: the rules'
    mirrors live as long as the program, and why-not asks this of the same nodes again and again)."""
    got = _READS.get(node)
    if got is None:
        got = _READS[node] = frozenset(variables_of(node))
    return got


#: reads_of by node: the mirrors of the program's rules (hashed by identity), a few thousand at most
_READS: dict[object, frozenset[str]] = {}


def assigned_in(rule) -> dict[str, tuple[frozenset[str], object]]:
    """For each variable an assignment of the rule binds (X = expr): the variables it is made of,
    and the expression (in the rule's order)."""
    out: dict[str, tuple[frozenset[str], object]] = {}
    for lit in rule.body:
        a = getattr(lit, "atom", None)
        if a is not None and a.ast_type == ast.ASTType.Comparison and a.term.ast_type == ast.ASTType.Variable:
            if CMP_OPS[a.guards[0].comparison] == "=":
                out[a.term.name] = (reads_of(a.guards[0].term), a.guards[0].term)
    return out


_TEST = {"<": int.__lt__, "<=": int.__le__, ">": int.__gt__, ">=": int.__ge__, "=": int.__eq__, "!=": int.__ne__}


def open_comparisons(route: list[Condition], assigned: dict[str, tuple[frozenset[str], object]]) -> None:
    """A comparison that reads a figure the case leaves open (directly or through an assignment)
    is open, unless it comes out the same at every end of the figures' bounds (a day known only
    within a week that is years from the limit); one on known figures or constants keeps its status."""
    facts = [c for c in route if c.open and c.kind == "fact"]
    base = set().union(*(c.reads for c in facts))
    if not base:
        return
    bounds: dict[str, tuple[int, int]] = {}
    for c in facts:
        bounds.update(c.bounds)
    reached = set(base)
    changed = True
    while changed:
        changed = False
        for var, (parts, _) in assigned.items():
            if var not in reached and parts & reached:
                reached.add(var)
                changed = True
    for c in route:
        if c.kind == "comparison" and c.reads & reached:
            c.open = not _same_at_every_end(c, base, bounds, assigned)


def _same_at_every_end(c: Condition, base: set[str], bounds: dict, assigned: dict) -> bool:
    """Whether the comparison's outcome is its recorded one at every corner of the open figures'
    bounds (exact for the sums and differences the rules compare)."""
    if c.formula is None:
        return False
    left, op, right, nums = c.formula
    used = sorted(base & (set(nums) | set(bounds)))
    if not used or any(v not in bounds for v in used) or len(used) > 4:
        return False
    for corner in itertools.product(*(bounds[v] for v in used)):
        env = {**nums, **dict(zip(used, corner, strict=True))}
        try:
            for var, (_, term) in assigned.items():
                if var not in used:
                    env[var] = evaluate(term, env)
            if _TEST[op](evaluate(left, env), evaluate(right, env)) != c.holds:
                return False
        except (KeyError, ValueError, AttributeError, ZeroDivisionError):
            return False
    return True


def solver_bounds(bound: tuple) -> tuple[int, int]:
    """A figure's bounds as written ((least, greatest, unit): days, counts, yuan) in the solver's
    numbers: YYYYMMDD, whole numbers, fen; an open end at 0 or the solver's ceiling."""
    low, high, unit = bound

    def number(v: object, default: int) -> int:
        if v is None:
            return default
        if hasattr(v, "year"):
            return v.year * 10000 + v.month * 100 + v.day
        if unit == "fen":
            return int(Decimal(str(v)) * 100)
        return int(v)

    return number(low, 0), number(high, 2**31 - 1)
