"""The clingo program of one or many cases: the compiled rules, the figures of the law, the
case's atoms (added with clingo's backend: symbols, never source text), and its open questions.

A fact recorded as not known becomes a question: a choice of exactly one answer, open only when
the external ``__open`` is true.  Closed, the program is the recorded reading (explanations come
from it); open, each answer set is one completion of the unknowns.
"""

from __future__ import annotations

from functools import cache, lru_cache

import clingo
from clingo import Symbol, ast

from reasoner.law.packs import packs
from reasoner.law.parameters import parameters
from reasoner.law.program import program
from reasoner.law.terms import Term, to_clingo
from reasoner.solve.atoms.facts import Facts

#: the external that opens the questions: false gives the recorded reading, true every completion
OPEN = clingo.Function("__open")


@lru_cache(maxsize=65536)
def selector(q: int, a: int) -> Symbol:
    """The atom that chooses answer ``a`` of question ``q``."""
    return clingo.Function("__answer", [clingo.Number(q), clingo.Number(a)])


def new_control(law: bool = False, shadows: bool = True) -> clingo.Control:
    """A Control with the compiled rules, showing only the conclusions; with ``law``, the figures
    of the law added too (a Control made ahead of its case, by ``reasoner serve``); without
    ``shadows``, the rules alone, their provenance left to :func:`provenance`."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program().text if shadows else program().plain)
    # shown atoms are what brave and cautious reasoning read back, model after model: only the
    # conclusions (the explanations read every atom of the one recorded model instead)
    ctl.add("base", [], "#show holds/2. #show applied_holds/2.")
    if law:
        with ctl.backend() as be:
            _add_law(be)
    return ctl


@cache
def law_symbols() -> tuple[Symbol, ...]:
    """The figures of the law and the documents' dates in force (the standards of a day), as clingo's."""
    terms = [p.symbol for p in parameters()] + [sym for pack in packs() for sym in pack.symbols()]
    return tuple(to_clingo(t) for t in terms)


def provenance(answer: list[Symbol], keys: set[tuple[str, ...]]) -> list[Symbol]:
    """An answer of the rules alone (:func:`new_control` without shadows) with the rules that fired
    in it and the aggregate elements they counted: the shadow rules whose heads the answer holds,
    ground over the answer's atoms as facts (``keys``: :func:`reasoner.law.program.atom_keys` of them).

    Grounding costs clingo about the same for every statement, even one that cannot fire; grounding
    only the shadow rules that can (a third to a half of them) in a second, small program is cheaper
    than grounding all of them with the rules.  The answer is the same atom for atom: a shadow rule
    has its rule's body, true in the answer exactly when it is true among the answer's atoms, and
    its head is the rule's, which holds wherever the rule fires (tests/test_provenance.py)."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], program().shadows_for(keys))
    with ctl.backend() as be:
        for sym in answer:
            be.add_rule([be.add_atom(sym)])
    ctl.ground([("base", [])])
    out: list[Symbol] = []
    ctl.solve(on_model=lambda m: out.extend(m.symbols(atoms=True)))
    return out


def _add_law(be: clingo.Backend) -> None:
    for sym in law_symbols():
        be.add_rule([be.add_atom(sym)])


def add_facts(ctl: clingo.Control, facts: Facts, law: bool = True) -> None:
    """The figures of the law (unless ``law`` is false: a Control from ``new_control(law=True)``
    has them), the case's atoms (defaults aside) and its questions."""
    with ctl.backend() as be:
        if law:
            _add_law(be)
        for sym in facts.atoms:
            if sym not in facts.defaults:
                be.add_rule([be.add_atom(to_clingo(sym))])
    if facts.questions:
        _add_questions(ctl, facts)


def _add_questions(ctl: clingo.Control, facts: Facts) -> None:
    """The open questions as rules built with clingo's AST from symbols (never source text).

    Not through the backend: atoms that only the backend defines are missed by the grounder in
    rules whose head does not mention them (clingo 5.8: ``r :- p(X).`` is ground for one p only)."""
    loc = ast.Location(ast.Position("<case>", 1, 1), ast.Position("<case>", 1, 1))

    def lit(sym: Symbol | Term, sign: ast.Sign = ast.Sign.NoSign) -> ast.AST:
        atom = to_clingo(sym) if isinstance(sym, Term) else sym
        return ast.Literal(loc, sign, ast.SymbolicAtom(ast.SymbolicTerm(loc, atom)))

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
            elems = [ast.ConditionalLiteral(loc, lit(selector(q, a)), []) for a in range(len(question.answers))]
            b.add(ast.Rule(loc, ast.Aggregate(loc, one, elems, one), [lit(OPEN)]))
            for a, answer in enumerate(question.answers):
                for sym in answer.atoms:
                    b.add(ast.Rule(loc, lit(sym), [lit(selector(q, a))]))
