"""A condition of a rule body as why-not reports it (met, failing, or open), and the order in which
routes are shown: closest to holding first."""

from __future__ import annotations

from dataclasses import dataclass, field

from clingo import Symbol, ast

from reasoner.law.transform import CMP_OPS, variables_of


@dataclass
class Condition:
    """One condition of a rule body, with whether it is met."""

    kind: str  # element | fact | comparison | absence | aggregate
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
    subject_term: Symbol | None = field(default=None, repr=False, compare=False)
    #: the rule's variables it reads (facts and comparisons): whether an open figure reaches it
    reads: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

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
    """The variables a pattern or comparison reads."""
    return frozenset(variables_of(node))


def assigned_in(rule) -> dict[str, frozenset[str]]:
    """For each variable an assignment of the rule binds (X = expr), the variables it is made of."""
    out: dict[str, frozenset[str]] = {}
    for lit in rule.body:
        a = getattr(lit, "atom", None)
        if a is not None and a.ast_type == ast.ASTType.Comparison and a.term.ast_type == ast.ASTType.Variable:
            if CMP_OPS[a.guards[0].comparison] == "=":
                out[a.term.name] = reads_of(a.guards[0].term)
    return out


def open_comparisons(route: list[Condition], assigned: dict[str, frozenset[str]]) -> None:
    """A comparison that reads a figure the case leaves open (directly or through an assignment)
    is open too; one on known figures or constants keeps its status."""
    open_vars = set().union(*(c.reads for c in route if c.open and c.kind == "fact"))
    if not open_vars:
        return
    changed = True
    while changed:
        changed = False
        for var, parts in assigned.items():
            if var not in open_vars and parts & open_vars:
                open_vars.add(var)
                changed = True
    for c in route:
        if c.kind == "comparison" and c.reads & open_vars:
            c.open = True
