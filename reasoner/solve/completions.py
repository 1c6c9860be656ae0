"""Completions: the case's program ground once, solved under assumptions.

Answers and bounds are fixed by assumptions on the selector atoms ``__answer(Q, A)``, so no
question needs grounding again; brave and cautious consequences give what holds in some and in
every completion of the unknowns.
"""

from __future__ import annotations

import clingo
from clingo import Symbol

from reasoner.law.program import atom_keys
from reasoner.law.terms import Term, from_clingo, to_clingo
from reasoner.solve.atoms.facts import Facts, Question
from reasoner.solve.control import OPEN, add_facts, new_control, provenance, selector

#: an assumption: an atom and its truth, or a solver literal (negative: false)
Assumption = tuple[Symbol, bool] | int


class Completions:
    """The case's program, ground once, with every open question as a choice of exactly one answer.

    With ``__open`` false the program is the recorded reading (not-known facts false, a bounded
    figure at its lower bound): the model the explanations are read from.  With ``__open`` true
    each answer set is one completion of the unknowns; brave and cautious consequences give what
    holds in some and in every completion.  Answers and bounds are fixed by assumptions on the
    selector atoms ``__answer(Q, A)``, so no question needs grounding again."""

    def __init__(self, facts: Facts, ctl: clingo.Control | None = None, shadows: bool = False):
        """``ctl``: a Control fresh from ``new_control(law=True, shadows=False)``, made ahead of its
        case (by the resident server); by default one is made here.  With ``shadows`` the shadow
        rules are ground with the rules (a batch's chunk, whose grounding its cases share); without,
        the recorded reading's provenance is found apart (:func:`reasoner.solve.control.provenance`)."""
        self.facts = facts
        self.shadows = shadows
        self.ctl = ctl if ctl is not None else new_control(shadows=shadows)
        add_facts(self.ctl, facts, law=ctl is None)
        self.ctl.ground([("base", [])])
        self._open: bool | None = None
        #: solver literal of each selector, to read unsatisfiable cores back as answers
        self.answer_of: dict[int, tuple[int, int]] = {}
        self.literal: dict[tuple[int, int], int] = {}  # the selector of (question, answer)
        for q, question in enumerate(facts.questions):
            for a in range(len(question.answers)):
                atom = self.ctl.symbolic_atoms[selector(q, a)]
                if atom is not None:
                    self.answer_of[atom.literal] = (q, a)
                    self.literal[(q, a)] = atom.literal

    def atom_literal(self, sym: Term | Symbol) -> int | None:
        """The solver literal of an atom; None when grounding showed it can never hold."""
        atom = self.ctl.symbolic_atoms[to_clingo(sym) if isinstance(sym, Term) else sym]
        return None if atom is None else atom.literal

    def _set_open(self, value: bool) -> None:
        if self._open is not value:
            self.ctl.assign_external(OPEN, value)
            self._open = value

    def base_model(self) -> list[Term]:
        """The atoms of the recorded reading."""
        return [from_clingo(s) for s in self.base_symbols()]

    def base_symbols(self) -> list[Symbol]:
        """The atoms of the recorded reading as clingo's symbols (a batch splits them by case)."""
        self._set_open(False)
        self.ctl.configuration.solve.enum_mode = "auto"
        self.ctl.configuration.solve.models = 1
        model: list[Symbol] = []

        def keep(m: clingo.Model) -> None:
            model[:] = m.symbols(atoms=True)

        self.ctl.solve(on_model=keep)
        # the keys from the answer's terms: reading them off clingo's symbols is a call per attribute
        return model if self.shadows else provenance(model, atom_keys(from_clingo(x) for x in model))

    def consequences(self, assumptions: list[Assumption] = ()) -> tuple[frozenset[Term], frozenset[Term]] | None:
        """(brave, cautious) ``holds`` atoms over the completions that agree with the assumptions;
        None when no completion does."""
        got = self.symbol_consequences(assumptions)
        if got is None:
            return None
        return frozenset(map(from_clingo, got[0])), frozenset(map(from_clingo, got[1]))

    def symbol_consequences(
        self, assumptions: list[Assumption] = ()
    ) -> tuple[frozenset[Symbol], frozenset[Symbol]] | None:
        """:meth:`consequences` as clingo's symbols (a batch splits them by case)."""
        self._set_open(True)
        brave = _consequences(self.ctl, "brave", list(assumptions))
        if brave is None:
            return None
        cautious = _consequences(self.ctl, "cautious", list(assumptions))
        return brave, cautious or frozenset()

    def literal_consequences(
        self, assumptions: list[Assumption], literals: list[int]
    ) -> tuple[frozenset[int], frozenset[int]] | None:
        """(brave, cautious) among the given solver literals over the completions that agree with
        the assumptions; None when no completion does.  Reads only those literals of each model,
        not every shown atom (a batch's program holds many cases)."""
        self._set_open(True)
        out = []
        for mode in ("brave", "cautious"):
            self.ctl.configuration.solve.enum_mode = mode
            self.ctl.configuration.solve.models = 0
            last: list[int] | None = None
            with self.ctl.solve(yield_=True, assumptions=list(assumptions)) as handle:
                for m in handle:
                    last = [lit for lit in literals if m.is_true(lit)]
            if last is None:
                return None
            out.append(frozenset(last))
        return out[0], out[1]

    def completion(self, assumptions: list[Assumption]) -> dict[int, int] | None:
        """One completion agreeing with the assumptions, as {question: answer}; None if there is none."""
        self._set_open(True)
        self.ctl.configuration.solve.enum_mode = "auto"
        self.ctl.configuration.solve.models = 1
        found: list[dict[int, int]] = []

        def keep(m: clingo.Model) -> None:
            found.append({q: a for lit, (q, a) in self.answer_of.items() if m.is_true(lit)})

        self.ctl.solve(assumptions=list(assumptions), on_model=keep)
        return found[0] if found else None

    def core(self, assumptions: list[Assumption]) -> list[int] | None:
        """None if some completion agrees with the assumptions; else the solver literals of an
        unsatisfiable core: a subset of the assumptions that no completion satisfies."""
        self._set_open(True)
        self.ctl.configuration.solve.enum_mode = "auto"
        self.ctl.configuration.solve.models = 1
        core: list[int] = []
        result = self.ctl.solve(assumptions=list(assumptions), on_core=lambda c: core.extend(c))
        return None if result.satisfiable else core


def probe_answers(question: Question) -> list[int]:
    """The answers tried one at a time to see what a question decides: every answer of a boolean
    or a choice; for a figure, its least and greatest value (the rules are monotone in a figure
    between breakpoints, so the two ends show whether it matters at all)."""
    if question.kind in ("count", "money", "date"):
        return sorted({0, len(question.answers) - 1})
    return list(range(len(question.answers)))


def answer_assumptions(q: int, a: int) -> list[Assumption]:
    """The assumption that question ``q`` has answer ``a``."""
    return [(selector(q, a), True)]


def _consequences(ctl: clingo.Control, mode: str, assumptions: list[Assumption]) -> frozenset[Symbol] | None:
    ctl.configuration.solve.enum_mode = mode
    ctl.configuration.solve.models = 0
    last: list[Symbol] | None = None
    with ctl.solve(yield_=True, assumptions=assumptions) as handle:
        for m in handle:
            last = m.symbols(shown=True)
    return None if last is None else frozenset(last)
