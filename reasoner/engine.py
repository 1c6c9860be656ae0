"""The engine: rules plus case atoms into clingo, conclusions and fired rules out.

The rule files are parsed once per process, passed through the provenance transform, and reused.
A case's atoms are added with clingo's backend (symbols, never source text).  Facts recorded as
not known become questions: a choice of exactly one answer each, open only when the external
``__open`` is true.  Closed, the program is the recorded reading (explanations come from it);
open, brave and cautious consequences say what holds in some and in every completion.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import clingo
from clingo import Symbol, ast

from .case.model import Case
from .facts import Facts, case_facts
from .law.parameters import parameters
from .law.program import program
from .law.transform import AGGEL, FIRED

#: the external that opens the questions: false gives the recorded reading, true every completion
OPEN = clingo.Function("__open")

ESTABLISHED, POSSIBLE, EXCLUDED = "established", "possible", "excluded"


@lru_cache(maxsize=65536)
def _selector(q: int, a: int) -> Symbol:
    return clingo.Function("__answer", [clingo.Number(q), clingo.Number(a)])


#: an assumption: an atom and its truth, or a solver literal (negative: false)
Assumption = tuple[Symbol, bool] | int


class Completions:
    """The case's program, ground once, with every open question as a choice of exactly one answer.

    With ``__open`` false the program is the recorded reading (not-known facts false, a bounded
    figure at its lower bound): the model the explanations are read from.  With ``__open`` true
    each answer set is one completion of the unknowns; brave and cautious consequences give what
    holds in some and in every completion.  Answers and bounds are fixed by assumptions on the
    selector atoms ``__answer(Q, A)``, so no question needs grounding again."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.ctl = _control()
        _add_facts(self.ctl, facts)
        self.ctl.ground([("base", [])])
        self._open: bool | None = None
        #: solver literal of each selector, to read unsatisfiable cores back as answers
        self.answer_of: dict[int, tuple[int, int]] = {}
        self.literal: dict[tuple[int, int], int] = {}  # the selector of (question, answer)
        for q, question in enumerate(facts.questions):
            for a in range(len(question.answers)):
                atom = self.ctl.symbolic_atoms[_selector(q, a)]
                if atom is not None:
                    self.answer_of[atom.literal] = (q, a)
                    self.literal[(q, a)] = atom.literal

    def atom_literal(self, sym: Symbol) -> int | None:
        """The solver literal of an atom; None when grounding showed it can never hold."""
        atom = self.ctl.symbolic_atoms[sym]
        return None if atom is None else atom.literal

    def _set_open(self, value: bool) -> None:
        if self._open is not value:
            self.ctl.assign_external(OPEN, value)
            self._open = value

    def base_model(self) -> list[Symbol]:
        self._set_open(False)
        self.ctl.configuration.solve.enum_mode = "auto"
        self.ctl.configuration.solve.models = 1
        model: list[Symbol] = []

        def keep(m: clingo.Model) -> None:
            model[:] = m.symbols(atoms=True)

        self.ctl.solve(on_model=keep)
        return model

    def consequences(self, assumptions: list[Assumption] = ()) -> tuple[frozenset[Symbol], frozenset[Symbol]] | None:
        """(brave, cautious) ``holds`` atoms over the completions that agree with the assumptions;
        None when no completion does."""
        self._set_open(True)
        brave = _consequences(self.ctl, "brave", list(assumptions))
        if brave is None:
            return None
        cautious = _consequences(self.ctl, "cautious", list(assumptions))
        return brave, cautious or frozenset()

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


@dataclass
class Result:
    """What clingo concluded for one case."""

    facts: Facts
    model: frozenset[Symbol]
    fired: dict[Symbol, list[tuple[int, Symbol]]]
    aggregates: dict[tuple, list[tuple[Symbol, Symbol]]]
    possible: frozenset[Symbol] = field(default_factory=frozenset)  # holds in some completion
    certain: frozenset[Symbol] = field(default_factory=frozenset)  # holds in every completion
    #: for each (question, answer) examined, the (brave, cautious) consequences once it is given
    effects: dict[tuple[int, int], tuple[frozenset[Symbol], frozenset[Symbol]]] = field(default_factory=dict)
    completions: Completions | None = None

    def holds(self, pid: str, subject: Symbol) -> bool:
        return clingo.Function("holds", [clingo.String(pid), subject]) in self.model

    def status(self, atom: Symbol) -> str:
        """established (every completion of the unknowns), possible (some) or excluded (none)."""
        if not self.facts.questions:
            return ESTABLISHED if atom in self.model else EXCLUDED
        if atom in self.certain:
            return ESTABLISHED
        return POSSIBLE if atom in self.possible else EXCLUDED

    def depends_on_unknown(self, atom: Symbol) -> bool:
        """Whether settling the not-known facts could change this atom's truth."""
        return self.status(atom) == POSSIBLE

    def hangs_on(self, atom: Symbol) -> list[int]:
        """The questions whose answer changes this conclusion's status (found by giving each
        examined answer in turn: the others stay open)."""
        out = []
        for q, _ in enumerate(self.facts.questions):
            seen = {_status_in(self.effects[(q, a)], atom) for (qq, a) in self.effects if qq == q}
            if len(seen) > 1:
                out.append(q)
        return out

    def hangs_on_among(self, atom: Symbol, candidates: list[int], max_witnesses: int = 12) -> list[int]:
        """Of the candidate questions, those on which this open conclusion turns.

        Besides the questions that change its status alone (:meth:`hangs_on`), a question that
        decides it only together with others (one of several conditions) shows when it is
        changed alone in some completion: starting from one completion where the conclusion
        holds and one where it fails, each candidate is changed in turn; a change that flips the
        conclusion marks the question, and the changed completions are searched in turn, breadth
        first (up to ``max_witnesses`` completions).  A question found matters; one not found may still matter
        in a completion not visited (what-it-takes gives the exact sets)."""
        found = set(self.hangs_on(atom))
        comp = self.completions
        lit = None if comp is None else comp.atom_literal(atom)
        if comp is None or lit is None or not [q for q in candidates if q not in found]:
            return sorted(found)
        questions = self.facts.questions

        def holds_in(w: dict[int, int]) -> bool:
            return comp.completion([*(comp.literal[qa] for qa in w.items()), lit]) is not None

        witnesses: list[tuple[dict[int, int], bool]] = []
        for want in (lit, -lit):
            w = comp.completion([want])
            if w is not None:
                witnesses.append((w, want > 0))
        k = 0
        while k < len(witnesses):
            w, value = witnesses[k]
            k += 1
            for q in candidates:
                if q in found:
                    continue
                for a in probe_answers(questions[q]):
                    if a == w[q]:
                        continue
                    changed = {**w, q: a}
                    flipped = holds_in(changed) != value
                    if len(witnesses) < max_witnesses:  # visited in turn, breadth first
                        witnesses.append((changed, value != flipped))
                    if flipped:
                        found.add(q)
                        break
        return sorted(found)


def _status_in(cons: tuple[frozenset[Symbol], frozenset[Symbol]], atom: Symbol) -> str:
    brave, cautious = cons
    return ESTABLISHED if atom in cautious else POSSIBLE if atom in brave else EXCLUDED


def probe_answers(question) -> list[int]:
    """The answers tried one at a time to see what a question decides: every answer of a boolean
    or a choice; for a figure, its least and greatest value (the rules are monotone in a figure
    between breakpoints, so the two ends show whether it matters at all)."""
    if question.kind in ("count", "money", "date"):
        return sorted({0, len(question.answers) - 1})
    return list(range(len(question.answers)))


def answer_assumptions(q: int, a: int) -> list[Assumption]:
    return [(_selector(q, a), True)]


def _control() -> clingo.Control:
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program().text)
    # shown atoms are what brave and cautious reasoning read back, model after model: only the
    # conclusions (the explanations read every atom of the one recorded model instead)
    ctl.add("base", [], "#show holds/2.")
    return ctl


def _add_facts(ctl: clingo.Control, facts: Facts) -> None:
    with ctl.backend() as be:
        for p in parameters():
            be.add_rule([be.add_atom(p.symbol)])
        for sym in facts.atoms:
            if sym not in facts.defaults:
                be.add_rule([be.add_atom(sym)])
    if facts.questions:
        _add_questions(ctl, facts)


def _add_questions(ctl: clingo.Control, facts: Facts) -> None:
    """The open questions as rules built with clingo's AST from symbols (never source text).

    Not through the backend: atoms that only the backend defines are missed by the grounder in
    rules whose head does not mention them (clingo 5.8: ``r :- p(X).`` is ground for one p only)."""
    loc = ast.Location(ast.Position("<case>", 1, 1), ast.Position("<case>", 1, 1))

    def lit(sym: Symbol, sign: ast.Sign = ast.Sign.NoSign) -> ast.AST:
        return ast.Literal(loc, sign, ast.SymbolicAtom(ast.SymbolicTerm(loc, sym)))

    one = ast.Guard(ast.ComparisonOperator.LessEqual, ast.SymbolicTerm(loc, clingo.Number(1)))
    with ast.ProgramBuilder(ctl) as b:
        b.add(ast.Program(loc, "base", []))
        b.add(
            ast.External(
                loc, ast.SymbolicAtom(ast.SymbolicTerm(loc, OPEN)), [], ast.SymbolicTerm(loc, clingo.Function("false"))
            )
        )
        for sym in sorted(facts.defaults):  # a bounded figure at its lower bound, in the recorded reading
            b.add(ast.Rule(loc, lit(sym), [lit(OPEN, ast.Sign.Negation)]))
        for q, question in enumerate(facts.questions):
            elems = [ast.ConditionalLiteral(loc, lit(_selector(q, a)), []) for a in range(len(question.answers))]
            b.add(ast.Rule(loc, ast.Aggregate(loc, one, elems, one), [lit(OPEN)]))
            for a, answer in enumerate(question.answers):
                for sym in answer.atoms:
                    b.add(ast.Rule(loc, lit(sym), [lit(_selector(q, a))]))


def reason(case: Case, as_of_path: str = "case.as_of") -> Result:
    """Ground and solve one case: the recorded reading, and the three statuses over the unknowns.
    ``as_of_path`` says where its date of judgment came from (the case file, or ``--as-of``)."""
    facts = case_facts(case, as_of_path=as_of_path)
    comp = Completions(facts)
    result = result_from_model(facts, comp.base_model())
    result.completions = comp
    if facts.questions:
        cons = comp.consequences()
        assert cons is not None, "every combination of answers is a completion"
        result.possible, result.certain = cons
        if result.possible != result.certain:  # something is open: what decides it
            for q, question in enumerate(facts.questions):
                for a in probe_answers(question):
                    got = comp.consequences(answer_assumptions(q, a))
                    if got is not None:
                        result.effects[(q, a)] = got
    return result


def result_from_model(facts: Facts, model: list[Symbol]) -> Result:
    """A Result from the atoms of one answer: shown atoms, fired rules and aggregate elements.

    Shared by :func:`reason` and batch screening (which splits one answer of many cases)."""
    shown = []
    fired: dict[Symbol, list[tuple[int, Symbol]]] = defaultdict(list)
    aggs: dict[tuple, list[tuple[Symbol, Symbol]]] = defaultdict(list)
    for s in model:
        name = s.name  # one call into clingo per atom: this loop runs over every atom of a batch
        if not name.startswith("__"):
            shown.append(s)
        elif name == FIRED:
            k, head, body = s.arguments
            fired[head].append((k.number, body))
        elif name == AGGEL:
            k, j, g, terms, conds = s.arguments
            aggs[(k.number, j.number, g)].append((terms, conds))
    for v in fired.values():
        v.sort()
    for v in aggs.values():
        v.sort()
    return Result(facts, frozenset(shown), dict(fired), dict(aggs))


def _consequences(ctl: clingo.Control, mode: str, assumptions: list[Assumption]) -> frozenset[Symbol] | None:
    ctl.configuration.solve.enum_mode = mode
    ctl.configuration.solve.models = 0
    last: list[Symbol] | None = None
    with ctl.solve(yield_=True, assumptions=assumptions) as handle:
        for m in handle:
            last = m.symbols(shown=True)
    return None if last is None else frozenset(last)
