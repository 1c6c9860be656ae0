"""Many cases in one clingo program: every entity of case ``i`` is the pair ``(__case(i), id)``
(the ``scope`` of :func:`reasoner.solve.atoms.build.case_facts`), so the cases of a chunk cannot
see each other.  The answer is split by scope, the scope is stripped from every atom, and each
case's Result is read from its share exactly as for a case reasoned alone (a test checks that the
output is the same).

Cases with open facts (unknown, bounds, uncertain days) are reasoned in the chunk too: each case's
questions get their own selectors, and the cases being independent, the brave (cautious)
consequences of the chunk are the union of those of its cases, and the answers examined of several
cases can be assumed in one solve.  Cases whose facts name no entity differently (the worlds of
standards in use, asp/effect-2001/) are grounded in separate programs."""

from __future__ import annotations

import re
from functools import cache

from clingo import Symbol, parse_term

from reasoner.case.model import Case
from reasoner.law.terms import Function, Number, Term, from_clingo, to_clingo
from reasoner.solve import engine
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.facts import Facts
from reasoner.solve.completions import Completions, answer_assumptions, probe_answers
from reasoner.solve.control import add_facts, new_control
from reasoner.solve.result import Result, read_atoms, result_from_reads, shared_reading

#: Name of the scope term that keeps the entities of the cases of a chunk apart.
SCOPE = "__case"
#: Predicates of facts that name no entity but a day of one case (asp/interp-2019/interp_02_order.lp)
CALENDAR = frozenset({"next_day"})


def scope(i: int) -> Term:
    """The scope of the entities of case ``i`` of a chunk."""
    return Function(SCOPE, [Number(i)])


#: An entity of a case in the printed form of an atom: (__case(7),"P1"); the id is a clingo string
#: literal, whose quotes and backslashes inside are escaped, so the pattern cannot match inside one.
_SCOPED = re.compile(r"\(" + SCOPE + r'\((\d+)\),("(?:[^"\\]|\\.)*")\)')


def split_atoms(atoms: list[Symbol]) -> tuple[dict[int, list[Term]], list[Symbol]]:
    """The atoms of a combined answer by case, with the scope stripped, as terms; and the atoms of
    no case."""
    by_case, shared, _ = _split(atoms)
    return by_case, shared


def _split(atoms: list[Symbol]):
    """The atoms of a combined answer by case, with the scope stripped; and the atoms of no case.

    Works on the printed atoms (one call into clingo for each): the cases of a chunk mostly share
    their atoms once the scope is stripped (the same ids, provisions and rules: nine in ten for the
    generated cases), so a stripped text seen before gives its term again, and the others are parsed
    in one call, as one tuple, rather than walking every argument through clingo's API, which costs
    several calls per argument.  An atom that mixes two cases is an error: the cases could have
    influenced each other."""
    texts: dict[int, list[str]] = {}
    originals: dict[int, list[Symbol]] = {}
    shared: list[Symbol] = []
    for sym in atoms:
        text = str(sym)
        k = text.find(_OPEN)
        if k < 0:
            if SCOPE in text:  # only inside a string: an id that spells the scope
                originals.setdefault(_strip_one(text, texts), []).append(sym)
            else:
                shared.append(sym)
            continue
        n = text[k + len(_OPEN) : text.index(")", k + len(_OPEN))]
        head = f"{_OPEN}{n}),"
        # a scope is always followed by the entity's string; inside a string a quote is escaped
        if text.count(SCOPE) == text.count(head + '"'):
            texts.setdefault(int(n), []).append(text.replace(head, "("))  # ("P1") is the term "P1"
            originals.setdefault(int(n), []).append(sym)
        else:
            originals.setdefault(_strip_one(text, texts), []).append(sym)
    new = list(dict.fromkeys(t for ts in texts.values() for t in ts if t not in _PARSED))
    if len(_PARSED) + len(new) > _KEEP:
        _PARSED.clear()
        new = list(dict.fromkeys(t for ts in texts.values() for t in ts))
    if new:
        _PARSED.update(zip(new, map(from_clingo, parse_term("(" + ",".join(new) + ",)").arguments), strict=True))
    by_case = {i: [_PARSED[t] for t in ts] for i, ts in texts.items()}
    return by_case, shared, originals


#: The terms of stripped atoms' texts already parsed (cleared when large, as the terms' own tables)
_PARSED: dict[str, Term] = {}
_KEEP = 200_000


#: The start of a scoped entity in the printed form of an atom.
_OPEN = "(" + SCOPE + "("


def _strip_one(text: str, texts: dict[int, list[str]]) -> int:
    """One atom whose text spells the scope inside a string too: stripped by the exact pattern."""
    scopes = set(m.group(1) for m in _SCOPED.finditer(text))
    if len(scopes) != 1:
        raise AssertionError(f"an atom mixes cases, or its scope is not an entity: {text}")
    i = int(scopes.pop())
    texts.setdefault(i, []).append(_SCOPED.sub(r"\2", text))
    return i


@cache
def base_globals(brought: frozenset[Term] | None = None) -> frozenset[Symbol]:
    """Atoms of the rules with no case at all but the facts that name no entity that every case
    of a program brings (``brought``; default: those of a case in one world of standards)."""
    if brought is None:
        # the facts every case brings that name no entity (the solver's ceilings and the like)
        least = Case.model_validate({"case": {"id": "x"}, "parties": [{"id": "P", "kind": "person", "name": "P"}]})
        brought = _unscoped(case_facts(least, scope(0)))
    ctl = new_control()
    add_facts(ctl, Facts(atoms={s: None for s in brought}))  # type: ignore[misc]
    ctl.ground([("base", [])])
    atoms: list[Symbol] = []
    ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
    return frozenset(atoms)


def _unscoped(facts: Facts) -> frozenset[Term]:
    """A scoped case's facts that name no entity, the calendar's aside: what its program shares."""
    return frozenset(s for s in facts.atoms if s.name not in CALENDAR and SCOPE not in str(s))


def reason_together(cases: list[Case]) -> list[Result]:
    """Results for many cases from one ground program per kind of case; equal to reasoning each alone.

    The cases of a program bring the same facts that name no entity (a case weighed in two worlds
    of standards brings world_in_use/1, one in one world does not): they are grouped by those.  All
    cases of a program are reasoned alone (engine.reason) when its answer has an atom without a case
    that the rules do not derive from those facts alone (a safeguard: the cases could then have
    influenced each other)."""
    results: list[Result] = [None] * len(cases)  # type: ignore[list-item]
    scoped = [case_facts(c, scope(i)) for i, c in enumerate(cases)]
    groups: dict[frozenset[Term], list[int]] = {}
    for i, f in enumerate(scoped):
        groups.setdefault(_unscoped(f), []).append(i)
    for brought, members in groups.items():
        _reason_group(cases, scoped, members, brought, results)
    return results


def _reason_group(
    cases: list[Case], scoped: list[Facts], members: list[int], brought: frozenset[Term], results: list[Result]
) -> None:
    """The Results of the cases ``members``, which bring the same facts naming no entity."""
    combined = Facts()
    offset: dict[int, int] = {}  # the first selector of each case's questions
    for i in members:
        f = scoped[i]
        combined.atoms.update(f.atoms)
        combined.defaults |= f.defaults
        offset[i] = len(combined.questions)
        combined.questions.extend(f.questions)
    comp = Completions(combined, shadows=True)  # one grounding of the shadow rules for the chunk
    shares, shared = split_atoms(comp.base_symbols())
    base = base_globals(brought)
    plain = {i: case_facts(cases[i]) for i in members}
    # the calendar's facts (next_day/2) name no entity; each case brings those of its own days, and
    # the rules read next_day(D, _) only beside a day of the same case that brought it (a deadline,
    # the end of a reasonable period), so another case's days add nothing a case could use
    own_days = {i: {to_clingo(s) for s in plain[i].atoms if s.name in CALENDAR} for i in members}
    calendar = set().union(*own_days.values())
    if any(s not in base and s not in calendar for s in shared):
        for i in members:
            results[i] = engine.reason(cases[i])
        return
    common = shared_reading(read_atoms(_terms(s for s in shared if s in base)))  # once for all the cases
    for i in members:
        own = read_atoms(shares.get(i, [])), read_atoms(_terms(s for s in shared if s in own_days[i]))
        results[i] = result_from_reads(plain[i], list(own), common)
    open_ = [i for i in members if plain[i].questions]
    if open_ and not _three_valued(comp, {i: cases[i] for i in open_}, offset, plain, base, results):
        for i in open_:
            results[i] = engine.reason(cases[i])


def _three_valued(
    comp: Completions,
    open_: dict[int, Case],
    offset: dict[int, int],
    plain: dict[int, Facts],
    base: frozenset[Symbol],
    results: list[Result],
) -> bool:
    """What holds in some and in every completion for each open case, and the effect of each answer
    examined (as :func:`reasoner.solve.engine.reason` finds them).  The cases being independent,
    the consequences of the program are those of its cases together, and one answer of each case
    is assumed in the same solve (one that no completion satisfies is done again case by case),
    reading only the case's atoms that hold in some completion.  False where an atom of no case is
    not the rules' own."""
    cons = comp.symbol_consequences()
    assert cons is not None, "every combination of answers is a completion"
    split = []
    for x in cons:
        by_case, shared, originals = _split(list(x))
        if any(s not in base for s in shared):
            return False
        split.append((by_case, frozenset(_terms(shared)), originals))
    (brave, shared, originals), (cautious, _, _) = split
    pending: dict[int, list[tuple[int, int]]] = {}
    atoms: dict[int, list[tuple[int, Term]]] = {}  # by case: each possible atom with its solver literal
    for i, case in open_.items():
        r = results[i]
        r.possible = frozenset(brave.get(i, [])) | shared
        r.certain = frozenset(cautious.get(i, [])) | shared
        r.completions = _Alone(case)  # type: ignore[assignment]
        if r.possible != r.certain:  # something is open: what decides it
            pending[i] = [(q, a) for q, question in enumerate(plain[i].questions) for a in probe_answers(question)]
            lits = (comp.atom_literal(s) for s in originals.get(i, []))
            atoms[i] = list(zip(lits, brave.get(i, []), strict=True))  # type: ignore[arg-type]
    while pending:
        turn = {i: todo.pop(0) for i, todo in pending.items()}
        pending = {i: todo for i, todo in pending.items() if todo}
        _probe(comp, turn, offset, atoms, shared, results)
    return True


def _probe(
    comp: Completions,
    turn: dict[int, tuple[int, int]],
    offset: dict[int, int],
    atoms: dict[int, list[tuple[int, Term]]],
    shared: frozenset[Term],
    results: list[Result],
) -> None:
    """The consequences of one answer of each case of ``turn``, assumed together."""
    assumptions = [x for i, (q, a) in turn.items() for x in answer_assumptions(offset[i] + q, a)]
    got = comp.literal_consequences(assumptions, [lit for i in turn for lit, _ in atoms[i]])
    if got is None:  # some case's answer has no completion: each on its own
        if len(turn) > 1:
            for i, qa in turn.items():
                _probe(comp, {i: qa}, offset, atoms, shared, results)
        return
    brave, cautious = got
    for i, qa in turn.items():
        own = atoms[i]
        results[i].effects[qa] = (
            frozenset(s for lit, s in own if lit in brave) | shared,
            frozenset(s for lit, s in own if lit in cautious) | shared,
        )


def _terms(symbols) -> list[Term]:
    """Symbols of the answer as terms, for the case's Result."""
    return [from_clingo(s) for s in symbols]


class _Alone:
    """The completions of one case for searches that read the solver's models one by one
    (:meth:`reasoner.solve.result.Result.hangs_on_among`): those depend on what the solver did
    before, so the case is reasoned alone, as `check` reasons it, when first needed (rarely)."""

    def __init__(self, case: Case):
        self.case = case
        self._comp: Completions | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._comp is None:
            self._comp = engine.reason(self.case).completions
        return getattr(self._comp, name)
