"""What it would take: the smallest sets of facts, over the open questions, that establish a conclusion.

A *fact* settles (part of) one open question: a boolean or a choice takes one answer; a figure is
at least, or at most, one of its representative values (its bounds and the breakpoints of the
law's figures, :func:`reasoner.facts.figure_candidates`).  A set of facts *establishes* a
conclusion when it holds in every completion of the unknowns that agrees with the set.  That is
monotone (more facts, fewer completions), so a set is minimal when no single fact can be dropped.

The search is abduction by counterexample, both halves in clingo:

* a small generator program chooses facts (at most one answer per question, at most one lower and
  one upper bound per figure) and minimises how many it takes;
* the case's program (ground once, :class:`reasoner.engine.Completions`) checks the proposal: a
  completion that agrees with it and lacks the conclusion is a counterexample, and the generator
  learns that some chosen fact must rule it out.

Sets come out smallest first; each found set is blocked with its supersets, so every set returned
is subset-minimal (a smaller establishing set would have been proposed first).  The limit: a value
needed is one of the representative values, so for a figure added up with others (sums over sites
or leak categories, which take only their bounds) it can be above the least value that suffices.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import clingo
from clingo import Symbol

from .engine import Assumption, Completions, _selector
from .facts import Question
from .i18n import fmt_num, fmt_yuan


@dataclass(frozen=True)
class Fact:
    """One fact about one open question: ``=`` an answer, or ``>=`` / ``<=`` a figure."""

    question: int
    op: str  # "=" | ">=" | "<="
    answer: int  # "=": the answer's index; ">=" / "<=": the index of the bounding value

    def admits(self, q: Question, a: int) -> bool:
        """Whether answer ``a`` of the question agrees with this fact."""
        if self.op == "=":
            return a == self.answer
        v, bound = q.answers[a].value, q.answers[self.answer].value
        return v >= bound if self.op == ">=" else v <= bound  # type: ignore[operator]

    def assumptions(self, q: Question) -> list[Assumption]:
        return [(_selector(self.question, a), False) for a in range(len(q.answers)) if not self.admits(q, a)]

    def text(self, q: Question, lang: str) -> str:
        """The fact as the case file would record it: ``acts[0].payment_settlement ≥ 200,000.00 元``."""
        value = q.answers[self.answer].value
        if q.kind == "money":
            shown = fmt_yuan(int(value), lang)  # type: ignore[call-overload]
        elif q.kind == "count":
            shown = fmt_num(int(value))  # type: ignore[call-overload]
        elif value is None:
            shown = "[]"
        else:
            shown = str(value).lower() if isinstance(value, bool) else str(value)
        op = {"=": "=", ">=": "≥", "<=": "≤"}[self.op]
        return f"{q.path} {op} {shown}"

    def yaml_value(self, q: Question) -> object:
        """The value to record in the case file for this fact (a bound for a figure)."""
        value = q.answers[self.answer].value
        if q.kind in ("money", "count"):
            shown = str(Decimal(int(value)) / 100) if q.kind == "money" else int(value)  # type: ignore[call-overload]
            return {"at_least": shown} if self.op == ">=" else {"at_most": shown}
        return value


def facts_of(questions: list[Question]) -> list[Fact]:
    out: list[Fact] = []
    for i, q in enumerate(questions):
        if q.kind in ("count", "money"):
            out += [Fact(i, ">=", a) for a in range(1, len(q.answers))]
            out += [Fact(i, "<=", a) for a in range(len(q.answers) - 1)]
        else:
            out += [Fact(i, "=", a) for a in range(len(q.answers))]
    return out


def _assumptions(chosen: list[Fact], questions: list[Question]) -> list[Assumption]:
    return [x for f in chosen for x in f.assumptions(questions[f.question])]


class _Generator:
    """Proposes the smallest set of facts that rules out every counterexample seen so far."""

    def __init__(self, facts: list[Fact], questions: list[Question]):
        self.facts = facts
        self.questions = questions
        #: partial completions in none of which the conclusion holds: {question: answers allowed}
        self.counterexamples: list[dict[int, frozenset[int]]] = []
        #: sets of facts never to propose again, with everything at least as strong
        self.blocked: list[list[int]] = []

    def stronger(self, i: int) -> list[int]:
        """Facts that imply fact i (itself, and for a figure any tighter bound on the same side)."""
        f = self.facts[i]
        q = self.questions[f.question]
        if f.op == "=":
            return [i]
        return [
            j
            for j, g in enumerate(self.facts)
            if g.question == f.question
            and g.op == f.op
            and all(f.admits(q, a) for a in range(len(q.answers)) if g.admits(q, a))
        ]

    def propose(self) -> list[int] | None:
        ctl = clingo.Control(["--warn=none", "--opt-mode=opt"])
        with ctl.backend() as be:
            lits = [be.add_atom(clingo.Function("f", [clingo.Number(i)])) for i in range(len(self.facts))]
            be.add_rule(lits, [], choice=True)
            groups: dict[tuple[int, str], list[int]] = {}
            for i, f in enumerate(self.facts):
                groups.setdefault((f.question, f.op), []).append(lits[i])
            for group in groups.values():
                if len(group) > 1:
                    be.add_weight_rule([], 2, [(x, 1) for x in group])
            for cex in self.counterexamples:
                rule_out = [
                    lits[i]
                    for i, f in enumerate(self.facts)
                    if f.question in cex and not any(f.admits(self.questions[f.question], a) for a in cex[f.question])
                ]
                be.add_rule([], [-x for x in rule_out])
            for chosen in self.blocked:  # this set or one at least as strong in every fact
                implied = []
                for i in chosen:
                    aux = be.add_atom()
                    for j in self.stronger(i):
                        be.add_rule([aux], [lits[j]])
                    implied.append(aux)
                be.add_rule([], implied)
            be.add_minimize(1, [(x, 1) for x in lits])  # first: as few facts as possible
            # then: the weakest bounds (the least value needed, not any value that suffices)
            strength = []
            for i, f in enumerate(self.facts):
                if f.op != "=":
                    n = len(self.questions[f.question].answers)
                    strength.append((lits[i], f.answer if f.op == ">=" else n - 1 - f.answer))
            if strength:
                be.add_minimize(0, strength)
        ctl.ground([("base", [])])
        best: list[list[int]] = []

        def keep(m: clingo.Model) -> None:
            best[:] = [[s.arguments[0].number for s in m.symbols(atoms=True) if s.name == "f"]]

        result = ctl.solve(on_model=keep)
        if not result.satisfiable or not best:
            return None
        return sorted(best[0])


@dataclass
class Takes:
    """The answer for one conclusion: the minimal sets found, and whether the search was complete."""

    sets: list[list[Fact]]
    complete: bool  # False when the limits stopped the search before every minimal set was found


def what_it_takes(comp: Completions, atom: Symbol, max_sets: int = 5, max_rounds: int = 500) -> Takes:
    """The smallest sets of facts that would establish ``atom``, smallest first (each minimal)."""
    questions = comp.facts.questions
    facts = facts_of(questions)
    gen = _Generator(facts, questions)
    found: list[list[Fact]] = []
    for _ in range(max_rounds):
        if len(found) >= max_sets:
            return Takes(found, False)
        proposal = gen.propose()
        if proposal is None:
            return Takes(found, True)
        chosen = [facts[i] for i in proposal]
        assume = _assumptions(chosen, questions)
        cex = comp.completion([*assume, (atom, False)])
        if cex is not None:
            gen.counterexamples.append(_generalise(comp, atom, cex))
            continue
        gen.blocked.append(proposal)
        if comp.completion(assume) is not None:  # consistent: some completion agrees with it
            found.append(chosen)
    return Takes(found, False)


def _allowed_assumptions(allowed: dict[int, frozenset[int]], questions: list[Question]) -> list[Assumption]:
    return [
        (_selector(q, a), False)
        for q, answers in allowed.items()
        for a in range(len(questions[q].answers))
        if a not in answers
    ]


def _generalise(comp: Completions, atom: Symbol, cex: dict[int, int]) -> dict[int, frozenset[int]]:
    """Widen a counterexample while the conclusion fails in every completion it still admits: drop
    each question it does not need, and let a figure range down to (or up from) its value.  A wider
    counterexample rules out more proposals at once, so the search needs fewer rounds."""
    questions = comp.facts.questions
    allowed = {q: frozenset([a]) for q, a in cex.items()}

    def still_fails(trial: dict[int, frozenset[int]]) -> bool:
        return comp.completion([*_allowed_assumptions(trial, questions), (atom, True)]) is None

    for q, a in cex.items():
        n = len(questions[q].answers)
        options = [None]
        if questions[q].kind in ("count", "money"):
            options += [frozenset(range(a + 1)), frozenset(range(a, n))]
        for option in options:
            trial = dict(allowed)
            if option is None:
                del trial[q]
            else:
                trial[q] = option
            if still_fails(trial):
                allowed = trial
                break
    return allowed


def establishes(comp: Completions, atom: Symbol, chosen: list[Fact]) -> bool:
    """Whether these facts establish the atom (every agreeing completion has it, and one exists)."""
    assume = _assumptions(chosen, comp.facts.questions)
    return comp.completion(assume) is not None and comp.completion([*assume, (atom, False)]) is None
