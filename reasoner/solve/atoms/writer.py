"""The writer of a case's atoms: facts, flags, figures and choices, each from one case-file field.

Every figure is capped for the solver (the exact figure stays in the fact's info), and a fact
recorded as not known becomes a question whose answers are the atoms it could add.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reasoner.case.values import UNKNOWN, MaybeBool, MaybeCount, MaybeMoney, fen
from reasoner.law.terms import Function, Number, String, Term
from reasoner.solve.atoms.candidates import figure_candidates, figure_range
from reasoner.solve.atoms.facts import COUNT_CEILING, FEN_CEILING, Answer, FactInfo, Facts
from reasoner.solve.atoms.setting import Setting


def atom(name: str, *args: Term | int | str) -> Term:
    """An atom from its arguments: symbols as they are, integers as numbers, strings as constants."""
    return Function(
        name, [a if isinstance(a, Term) else Number(a) if isinstance(a, int) else Function(a) for a in args]
    )


class Writer:
    """Writes the atoms of one case into :class:`Facts`: each with the case-file field it came
    from, figures capped for the solver, and a question for each fact recorded as not known."""

    def __init__(
        self,
        scope: Term | None,
        known_days: list[dt.date],
        out: Facts | None = None,
        setting: Setting | None = None,
        world: str = "judgment",
    ):
        #: what keeps entities apart: a batch case's scope, and the world of standards in two worlds
        self.scope = scope
        self.world_scope = Function(world) if setting is not None and setting.two_worlds else None
        #: every day the case records (and every bound of one): the breakpoints of uncertain days
        self.known_days = known_days
        self.out = out if out is not None else Facts()
        self.setting = setting
        self.world = world
        #: the act being written, and its subject (a person's part in it): set while its atoms are
        self.subject: Term | None = None
        self.act_path = ""
        self.person_path = ""
        self.cuts: list = []
        self.portions: list = []

    def ent(self, ident: str) -> Term:
        """An entity id; with a scope (a batch case), a (scope, id) pair; in two worlds of standards,
        a (world, entity) pair, so that stripping the batch scope gives the entity of the case alone."""
        s = String(ident)
        if self.scope is not None:
            s = Function("", [self.scope, s])
        return Function("", [self.world_scope, s]) if self.world_scope is not None else s

    def fact(self, name: str, args: list, path: str, value: object = None, evidence: str | None = None) -> None:
        """A fact the case records, with its field, its value as written and the evidence named for it."""
        self.out.add(atom(name, *args), path, value, evidence=evidence)

    def flag(self, name: str, args: list, v: MaybeBool | None, path: str, negated: bool = False) -> None:
        """A boolean fact: true adds the atom, unknown records it as open, false/absent adds nothing."""
        if v is True:
            self.fact(name, args, path, True)
        elif v is False:
            self.out.recorded_false.setdefault(atom(name, *args), path)
        elif v == UNKNOWN:
            self.bool_question(atom(name, *args), path, negated)

    def bool_question(self, sym: Term | tuple[Term, ...], path: str, negated: bool = False) -> None:
        """An open yes/no: the atom (or atoms) hold or not."""
        syms = sym if isinstance(sym, tuple) else (sym,)
        self.out.ask(path, "bool", [Answer(False, ()), Answer(True, syms)], negated=negated)

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
        breakpoints that matter for it (see :func:`.candidates.leak_candidates`): clingo grounds a sum over every
        combination of the candidate atoms, and the sum is compared with the law's figure, not the
        addend, so the addend's own breakpoints would be the wrong ones."""
        bounds = figure_range(v, unit, ceiling)
        if bounds is None:
            return False
        low, high, above = bounds
        answers = self.range_answers(name, args, low, high, unit, summed, extra)
        if v != UNKNOWN:
            # the recorded reading: the figure is at its lower bound
            base = atom(name, *args, low)
            shown = Decimal(v.low()) if unit == "fen" else int(v.low())
            above_ceiling = (fen(shown) if unit == "fen" else shown) > ceiling  # the atom says the ceiling
            self.out.atoms[base] = FactInfo(path, shown, above_ceiling, False, (v.at_least, v.at_most, unit))
            self.out.defaults.add(base)
        self.out.ask(path, "money" if unit == "fen" else "count", answers, low=low, high=high, bounded_above=above)
        return True

    def range_answers(
        self, name: str, args: list, low: int, high: int, unit: str, summed: bool, extra: frozenset[int]
    ) -> list[Answer]:
        """The answers of a figure known to lie in [low, high] (solver units)."""
        if summed:
            values = sorted({low, high} | {x for x in extra if low <= x <= high})
        else:
            values = figure_candidates(unit, low, high)
        return [Answer(x, (atom(name, *args, x),)) for x in values]

    def count(
        self,
        name: str,
        args: list,
        v: MaybeCount | None,
        path: str,
        summed: bool = False,
        extra: frozenset[int] = frozenset(),
        ceiling: int = COUNT_CEILING,
    ) -> None:
        """A count, capped at ``ceiling``; one not known exactly is a question (see :meth:`figure`)."""
        if v is None or self.figure(name, args, v, path, "count", ceiling, summed, extra):
            return
        capped = min(int(v), ceiling)
        self.out.add(atom(name, *args, capped), path, int(v), saturated=int(v) > ceiling)

    def capped(self, name: str, args: list, v: int, ceiling: int, path: str, exact: object = None) -> None:
        """A figure capped at ``ceiling`` (the atom says ceiling; the exact figure stays here)."""
        self.out.add(atom(name, *args, min(v, ceiling)), path, v if exact is None else exact, saturated=v > ceiling)

    def money(self, name: str, args: list, v: MaybeMoney | None, path: str, ceiling: int = FEN_CEILING) -> None:
        """An amount of yuan as whole fen, exact, capped at ``ceiling``."""
        if v is None or self.figure(name, args, v, path, "fen", ceiling):
            return
        self.capped(name, args, fen(v), ceiling, path, exact=v)

    def choice(self, name: str, args: list, v: str | None, options: list[str], path: str) -> None:
        """A fact with a closed set of values; unknown opens every value."""
        if v is None:
            return
        if v == UNKNOWN:
            self.out.ask(path, "choice", [Answer(o, (atom(name, *args, o),)) for o in options])
        else:
            self.fact(name, [*args, v], path, v)
