"""Many cases in one clingo program: every entity of case ``i`` is the pair ``(__case(i), id)``
(the ``scope`` of :func:`reasoner.solve.atoms.build.case_facts`), so the cases of a chunk cannot
see each other.  The answer is split by scope, the scope is stripped from every atom, and each
case's Result is read from its share exactly as for a case reasoned alone (a test checks that the
output is the same).  A case with open facts (unknown, bounds, uncertain days) is reasoned alone:
its three statuses come from solving under its own assumptions."""

from __future__ import annotations

import re
from functools import cache

from clingo import Function, Number, Symbol, parse_term

from reasoner.case.model import Case
from reasoner.solve import engine
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.facts import Facts
from reasoner.solve.control import add_facts, new_control
from reasoner.solve.result import Result, result_from_model

#: Name of the scope term that keeps the entities of the cases of a chunk apart.
SCOPE = "__case"
#: Predicates of facts that name no entity but a day of one case (asp/interp-2019/interp_02_order.lp)
CALENDAR = frozenset({"next_day"})


def scope(i: int) -> Symbol:
    """The scope of the entities of case ``i`` of a chunk."""
    return Function(SCOPE, [Number(i)])


#: An entity of a case in the printed form of an atom: (__case(7),"P1"); the id is a clingo string
#: literal, whose quotes and backslashes inside are escaped, so the pattern cannot match inside one.
_SCOPED = re.compile(r"\(" + SCOPE + r'\((\d+)\),("(?:[^"\\]|\\.)*")\)')


def split_atoms(atoms: list[Symbol]) -> tuple[dict[int, list[Symbol]], list[Symbol]]:
    """The atoms of a combined answer by case, with the scope stripped; and the atoms of no case.

    Works on the printed atoms (one call into clingo for each, and one to parse the stripped text
    back) rather than walking every argument through clingo's API, which costs several calls per
    argument.  An atom that mixes two cases is an error: the cases could have influenced each other."""
    by_case: dict[int, list[Symbol]] = {}
    shared: list[Symbol] = []
    for sym, text in zip(atoms, map(str, atoms), strict=True):
        if SCOPE not in text:
            shared.append(sym)
            continue
        scopes = set(m.group(1) for m in _SCOPED.finditer(text))
        if len(scopes) != 1:
            raise AssertionError(f"an atom mixes cases, or its scope is not an entity: {text}")
        by_case.setdefault(int(scopes.pop()), []).append(parse_term(_SCOPED.sub(r"\2", text)))
    return by_case, shared


@cache
def base_globals() -> frozenset[Symbol]:
    """Atoms of the rules with no case at all: the law's own data (parameters, listed services)."""
    # the facts every case brings that name no entity (the solver's ceilings and the like)
    least = Case.model_validate({"case": {"id": "x"}, "parties": [{"id": "P", "kind": "person", "name": "P"}]})
    scoped = case_facts(least, scope(0)).atoms
    ctl = new_control()
    add_facts(ctl, Facts(atoms={s: i for s, i in scoped.items() if SCOPE not in str(s)}))
    ctl.ground([("base", [])])
    atoms: list[Symbol] = []
    ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
    return frozenset(atoms)


def reason_together(cases: list[Case]) -> list[Result]:
    """Results for many cases from one ground program; equal to reasoning each alone.

    Cases with facts not known are reasoned alone (engine.reason), as are all cases of a chunk whose
    answer had an atom without a case that the rules do not derive on their own (a safeguard: the
    cases could then have influenced each other)."""
    results: list[Result] = [None] * len(cases)  # type: ignore[list-item]
    together: list[int] = []
    plain_facts: list[Facts | None] = []
    for i, c in enumerate(cases):
        f = case_facts(c)
        plain_facts.append(f)
        # open facts: three statuses, one Control per case; two worlds of standards: a world's
        # instances are scoped by it, so the case cannot take a batch scope as well
        if f.questions or f.unknown or f.defaults or f.setting.two_worlds:
            results[i] = engine.reason(c)
        else:
            together.append(i)
    if not together:
        return results
    combined = Facts()
    for i in together:
        combined.atoms.update(case_facts(cases[i], scope(i)).atoms)
    ctl = new_control()
    add_facts(ctl, combined)
    ctl.ground([("base", [])])
    atoms: list[Symbol] = []
    ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
    shares, shared = split_atoms(atoms)
    base = base_globals()
    # the calendar's facts (next_day/2) name no entity; each case brings those of its own days, and
    # the rules read next_day(D, _) only beside a day of the same case that brought it (a deadline,
    # the end of a reasonable period), so another case's days add nothing a case could use
    brought = {i: {s for s in plain_facts[i].atoms if s.name in CALENDAR} for i in together}  # type: ignore[union-attr]
    calendar = set().union(*brought.values())
    if any(s not in base and s not in calendar for s in shared):
        for i in together:
            results[i] = engine.reason(cases[i])
        return results
    common = [s for s in shared if s in base]
    for i in together:
        own = [s for s in shared if s in brought[i]]
        results[i] = result_from_model(plain_facts[i], shares.get(i, []) + common + own)  # type: ignore[arg-type]
    return results
