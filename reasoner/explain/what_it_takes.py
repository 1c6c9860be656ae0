"""What it would take: the smallest sets of facts, over the open questions, that establish a conclusion.

A *fact* settles (part of) one open question: a boolean or a choice takes one answer; a figure is
at least, or at most, one of its representative values (its bounds and the breakpoints of the
law's figures, :func:`reasoner.solve.atoms.candidates.figure_candidates`).  A set of facts *establishes* a
conclusion when it holds in every completion of the unknowns that agrees with the set.  That is
monotone (more facts, fewer completions), so a set is minimal when no single fact can be dropped.

The search is abduction by counterexample, both halves in clingo:

* a small generator program chooses facts (at most one answer per question, at most one lower and
  one upper bound per figure) and minimises how many it takes;
* the case's program (ground once, :class:`reasoner.solve.completions.Completions`) checks the proposal: a
  completion that agrees with it and lacks the conclusion is a counterexample, and the generator
  learns that some chosen fact must rule it out.

Sets come out smallest first; each found set is blocked with its supersets, so every set returned
is subset-minimal (a smaller establishing set would have been proposed first).  The limit: a value
needed is one of the representative values, so for a figure added up with others it can be above
the least value that suffices (accounts over sites take only their bounds; leaked items of a tier
take the values that bring the tier's total to its figure and one below).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import clingo

from reasoner.explain.i18n import fmt_num, fmt_yuan
from reasoner.law.terms import Term
from reasoner.solve.atoms.facts import Question, shown_value
from reasoner.solve.completions import Assumption, Completions


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

    def assumptions(self, q: Question, comp: Completions) -> list[Assumption]:
        return [-comp.literal[(self.question, a)] for a in range(len(q.answers)) if not self.admits(q, a)]

    def text(self, q: Question, lang: str) -> str:
        """The fact as the case file would record it: ``acts[0].payment_settlement ≥ 200,000.00 元``."""
        value = q.field_value(self.answer)
        if q.kind == "money":
            shown = fmt_yuan(int(value), lang)  # type: ignore[call-overload]
        elif q.kind == "count":
            shown = fmt_num(int(value))  # type: ignore[call-overload]
        elif q.kind == "date":
            shown = value.isoformat()  # type: ignore[union-attr]
        else:
            shown = shown_value(value, q.absent)
        op = {"=": "=", ">=": "≥", "<=": "≤"}[self.op]
        return f"{q.path} {op} {shown}"

    def yaml_value(self, q: Question) -> object:
        """The value to record in the case file for this fact (a bound for a figure, or the figure
        itself when it is ``=``)."""
        value = q.field_value(self.answer)
        if q.kind in ("money", "count"):
            shown = str(Decimal(int(value)) / 100) if q.kind == "money" else int(value)  # type: ignore[call-overload]
            return shown if self.op == "=" else {"at_least": shown} if self.op == ">=" else {"at_most": shown}
        if q.kind == "date":
            day = value.isoformat()  # type: ignore[union-attr]
            return day if self.op == "=" else {"not_before": day} if self.op == ">=" else {"not_after": day}
        if value is None:  # none: no legal basis cited ([]), not dealt with (null)
            return [] if q.absent == "[]" else None
        return value


def shown(chosen: list[Fact]) -> list[Fact]:
    """A set as it is shown: a figure at least and at most the same value is that value
    (``= 499`` for ``≥ 499`` + ``≤ 499``).  The search keeps the two bounds apart, since each is
    needed on its own; to the reader they are one fact."""
    lower = {(f.question, f.answer) for f in chosen if f.op == ">="}
    upper = {(f.question, f.answer) for f in chosen if f.op == "<="}
    both = lower & upper
    out: list[Fact] = []
    for f in chosen:
        if (f.question, f.answer) not in both:
            out.append(f)
        elif f.op == ">=":  # the pair's place in the set; its "<=" half is dropped
            out.append(Fact(f.question, "=", f.answer))
    return out


def facts_of(questions: list[Question]) -> list[Fact]:
    out: list[Fact] = []
    for i, q in enumerate(questions):
        if q.kind in ("count", "money", "date"):
            out += [Fact(i, ">=", a) for a in range(1, len(q.answers))]
            out += [Fact(i, "<=", a) for a in range(len(q.answers) - 1)]
        else:
            out += [Fact(i, "=", a) for a in range(len(q.answers))]
    return out


def _assumptions(chosen: list[Fact], comp: Completions) -> list[Assumption]:
    return [x for f in chosen for x in f.assumptions(comp.facts.questions[f.question], comp)]


def _runs(answers: frozenset[int]) -> list[frozenset[int]]:
    """The answers (indices of a figure's values, in order) as runs of consecutive indices."""
    out: list[list[int]] = []
    for a in sorted(answers):
        if out and a == out[-1][-1] + 1:
            out[-1].append(a)
        else:
            out.append([a])
    return [frozenset(r) for r in out]


class _Generator:
    """Proposes the smallest set of facts that rules out every counterexample seen so far."""

    def __init__(self, facts: list[Fact], questions: list[Question]):
        self.facts = facts
        self.questions = questions
        #: partial completions in none of which the conclusion holds: {question: answers allowed}
        self.counterexamples: list[dict[int, frozenset[int]]] = []
        #: sets of facts never to propose again, with everything at least as strong
        self.blocked: list[list[int]] = []
        #: for each counterexample, the facts that rule it out (one of them must be chosen)
        self.rule_outs: list[list[int]] = []
        self.of_question: dict[int, list[int]] = {}
        for i, f in enumerate(facts):
            self.of_question.setdefault(f.question, []).append(i)
        self._stronger: dict[int, list[int]] = {}

    def add_counterexample(self, cex: dict[int, frozenset[int]]) -> None:
        """Every proposal must rule out the counterexample.  Facts on a figure bound it from one
        side, so a fact rules out a run of consecutive values only; a figure whose failing values
        have a gap (Art 4 item (4) fails below and above 499) is split into its runs, each a
        counterexample of its own, which a single fact (or the other side's) can rule out."""
        pieces: list[dict[int, frozenset[int]]] = [{}]
        for q, answers in cex.items():
            runs = [answers]
            if self.questions[q].kind in ("count", "money", "date"):
                runs = _runs(answers)
            pieces = [{**p, q: r} for p in pieces for r in runs]
        for piece in pieces:
            self.counterexamples.append(piece)
            self.rule_outs.append(
                [
                    i
                    for q, answers in piece.items()
                    for i in self.of_question.get(q, ())
                    if not any(self.facts[i].admits(self.questions[q], a) for a in answers)
                ]
            )

    def stronger(self, i: int) -> list[int]:
        """Facts that imply fact i (itself, and for a figure any tighter bound on the same side)."""
        if i not in self._stronger:
            self._stronger[i] = self._find_stronger(i)
        return self._stronger[i]

    def _find_stronger(self, i: int) -> list[int]:
        f = self.facts[i]
        q = self.questions[f.question]
        if f.op == "=":
            return [i]
        return [
            j
            for j in self.of_question[f.question]
            if (g := self.facts[j]).op == f.op and all(f.admits(q, a) for a in range(len(q.answers)) if g.admits(q, a))
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
            for rule_out in self.rule_outs:
                be.add_rule([], [-lits[i] for i in rule_out])
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


def what_it_takes(comp: Completions, atom: Term, max_sets: int = 5, max_rounds: int = 500) -> Takes:
    """The smallest sets of facts that would establish ``atom``, smallest first (each minimal)."""
    questions = comp.facts.questions
    lit = comp.atom_literal(atom)
    if lit is None:  # grounding already shows it holds in no completion
        return Takes([], True)
    facts = facts_of(questions)
    gen = _Generator(facts, questions)
    found: list[list[Fact]] = []
    for _ in range(max_rounds):
        if len(found) > max_sets:  # one more than asked for: so the search is known to be cut short
            return Takes(found[:max_sets], False)
        proposal = gen.propose()
        if proposal is None:
            return Takes(found, True)
        chosen = [facts[i] for i in proposal]
        assume = _assumptions(chosen, comp)
        cex = comp.completion([*assume, -lit])
        if cex is not None:
            gen.add_counterexample(_generalise(comp, atom, cex))
            continue
        gen.blocked.append(proposal)
        if comp.completion(assume) is not None:  # consistent: some completion agrees with it
            found.append(chosen)
    return Takes(found[:max_sets], False)


def _generalise(comp: Completions, atom: Term, cex: dict[int, int]) -> dict[int, frozenset[int]]:
    """Widen a counterexample to the part that makes the conclusion fail.

    A partial completion is assumed as "none of the other answers" for each of its questions,
    with the conclusion true.  While that has no completion, clingo's unsatisfiable core names
    the assumptions needed, and the rest are dropped at once; then each remaining question is
    tried without (a figure: also only its lower or upper side).  A wider counterexample rules
    out more proposals, so the search needs fewer rounds."""
    questions = comp.facts.questions
    size = {q: len(questions[q].answers) for q in cex}
    lit = comp.atom_literal(atom)
    assert lit is not None, "a counterexample is sought only for an atom that may hold"

    def fails(allowed: dict[int, frozenset[int]]) -> dict[int, frozenset[int]] | None:
        """The widened counterexample if the conclusion fails wherever ``allowed`` holds."""
        assume = [-comp.literal[(q, b)] for q, ok in allowed.items() for b in range(size[q]) if b not in ok]
        core = comp.core([*assume, lit])
        if core is None:
            return None
        wide: dict[int, set[int]] = {}
        for x in core:
            if x < 0 and -x in comp.answer_of:
                q, b = comp.answer_of[-x]
                wide.setdefault(q, set(range(size[q]))).discard(b)
        return {q: frozenset(ok) for q, ok in wide.items()}

    start = fails({q: frozenset([a]) for q, a in cex.items()})
    if start is None:  # cannot happen: the completion lacks the conclusion
        return {q: frozenset([a]) for q, a in cex.items()}
    allowed = start

    def shrink(group: list[int]) -> None:
        """Drop the group's questions at once if the conclusion still fails; else halve it (a
        figure alone may still keep only one side)."""
        nonlocal allowed
        group = [q for q in group if q in allowed]
        if not group:
            return
        wider = fails({k: v for k, v in allowed.items() if k not in group})
        if wider is not None:
            allowed = wider
            return
        if len(group) > 1:
            half = len(group) // 2
            shrink(group[:half])
            shrink(group[half:])
            return
        q = group[0]
        if questions[q].kind in ("count", "money", "date"):
            a = cex[q]
            for side in (frozenset(range(a + 1)), frozenset(range(a, size[q]))):
                wider = fails({**allowed, q: side})
                if wider is not None:
                    allowed = wider
                    return

    shrink(sorted(allowed))
    return allowed


def establishes(comp: Completions, atom: Term, chosen: list[Fact]) -> bool:
    """Whether these facts establish the atom (every agreeing completion has it, and one exists)."""
    assume = _assumptions(chosen, comp)
    lit = comp.atom_literal(atom)
    return lit is not None and comp.completion(assume) is not None and comp.completion([*assume, -lit]) is None
