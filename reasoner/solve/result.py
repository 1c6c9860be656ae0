"""What clingo concluded for one case: the recorded reading's atoms, the rules that fired and the
aggregate elements they counted, and the status of each conclusion over the completions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from reasoner.law.terms import Function, String, Term
from reasoner.law.transform import AGGEL, FIRED
from reasoner.solve.atoms.facts import Facts
from reasoner.solve.completions import Completions, probe_answers

ESTABLISHED, POSSIBLE, EXCLUDED = "established", "possible", "excluded"
#: a conclusion the reasoner does not assess: its act is outside the Interpretation (Art 19)
NOT_ASSESSED = "not_assessed"


@dataclass
class Result:
    """What clingo concluded for one case."""

    facts: Facts
    model: frozenset[Term]
    fired: dict[Term, list[tuple[int, Term]]]
    aggregates: dict[tuple, list[tuple[Term, Term]]]
    possible: frozenset[Term] = field(default_factory=frozenset)  # holds in some completion
    certain: frozenset[Term] = field(default_factory=frozenset)  # holds in every completion
    #: for each (question, answer) examined, the (brave, cautious) consequences once it is given
    effects: dict[tuple[int, int], tuple[frozenset[Term], frozenset[Term]]] = field(default_factory=dict)
    completions: Completions | None = None
    #: the shown atoms by predicate name (:meth:`named`)
    by_name: dict[str, list[Term]] | None = None

    def named(self, *names: str) -> list[Term]:
        """The atoms of the recorded reading with one of these predicate names, in no set order:
        from an index, so that a loop over a few predicates does not look at every atom."""
        if self.by_name is None:
            self.by_name = defaultdict(list)
            for s in self.model:
                self.by_name[s.name].append(s)
        return [s for n in names for s in self.by_name.get(n, ())]

    def holds(self, pid: str, subject: Term) -> bool:
        """Whether a conclusion holds in the recorded reading; for a case weighed in two worlds of
        standards, under the standards that govern the subject (applied_holds/2)."""
        if self.facts.setting is not None and self.facts.setting.two_worlds:
            return Function("applied_holds", [String(pid), subject]) in self.model
        return Function("holds", [String(pid), subject]) in self.model

    def instance(self, subject: Term) -> Term:
        """The record of a subject in the world of standards that governs it (applied/2), whose
        figures and members are the ones the conclusions read; the subject itself in one world."""
        if self.facts.setting is not None and self.facts.setting.two_worlds:
            for s in self.model:
                if s.name == "applied" and len(s.arguments) == 2 and s.arguments[0] == subject:
                    return s.arguments[1]
        return subject

    def certainty(self, pid: str, subject: Term) -> str:
        """A conclusion's status (established, possible, excluded), under the standards that govern
        the subject where the case is weighed in two worlds, as :meth:`holds` reads it."""
        name = "applied_holds" if self.facts.setting is not None and self.facts.setting.two_worlds else "holds"
        return self.status(Function(name, [String(pid), subject]))

    def status(self, atom: Term) -> str:
        """established (every completion of the unknowns), possible (some) or excluded (none)."""
        if not self.facts.questions:
            return ESTABLISHED if atom in self.model else EXCLUDED
        if atom in self.certain:
            return ESTABLISHED
        return POSSIBLE if atom in self.possible else EXCLUDED

    def depends_on_unknown(self, atom: Term) -> bool:
        """Whether settling the not-known facts could change this atom's truth."""
        return self.status(atom) == POSSIBLE

    def hangs_on(self, atom: Term) -> list[int]:
        """The questions whose answer changes this conclusion's status (found by giving each
        examined answer in turn: the others stay open)."""
        out = []
        for q, _ in enumerate(self.facts.questions):
            seen = {status_in(self.effects[(q, a)], atom) for (qq, a) in self.effects if qq == q}
            if len(seen) > 1:
                out.append(q)
        return out

    def hangs_on_among(self, atom: Term, candidates: list[int], max_witnesses: int = 12) -> list[int]:
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
        # the solver is asked only when some candidate is left (a batch's completions are built then)
        if comp is None or not [q for q in candidates if q not in found]:
            return sorted(found)
        lit = comp.atom_literal(atom)
        if lit is None:
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


def status_in(cons: tuple[frozenset[Term], frozenset[Term]], atom: Term) -> str:
    """An atom's status under given (brave, cautious) consequences."""
    brave, cautious = cons
    return ESTABLISHED if atom in cautious else POSSIBLE if atom in brave else EXCLUDED


#: What one pass over some atoms of an answer found: shown atoms, fired rules, aggregate elements.
Reading = tuple[list[Term], dict[Term, list[tuple[int, Term]]], dict[tuple, list[tuple[Term, Term]]]]


def read_atoms(model: list[Term]) -> Reading:
    """Shown atoms, fired rules and aggregate elements among some atoms of an answer, unsorted."""
    shown = []
    fired: dict[Term, list[tuple[int, Term]]] = defaultdict(list)
    aggs: dict[tuple, list[tuple[Term, Term]]] = defaultdict(list)
    for s in model:
        name = s.name
        if not name.startswith("__"):
            shown.append(s)
        elif name == FIRED:
            k, head, body = s.arguments
            fired[head].append((k.number, body))
        elif name == AGGEL:
            k, j, g, terms, conds = s.arguments
            aggs[(k.number, j.number, g)].append((terms, conds))
    return shown, fired, aggs


@dataclass(frozen=True)
class Shared:
    """The reading of the atoms every case of a batch's chunk shares (the law's figures and lists),
    gathered once for the chunk rather than again for each of its cases."""

    model: frozenset[Term]
    by_name: dict[str, list[Term]]
    fired: dict[Term, list[tuple[int, Term]]]
    aggregates: dict[tuple, list[tuple[Term, Term]]]
    count: int  # the atoms read, a duplicate among them included


def shared_reading(reading: Reading) -> Shared:
    """A :class:`Shared` of the atoms every case of a chunk shares."""
    shown, fired, aggs = reading
    by_name: dict[str, list[Term]] = defaultdict(list)
    for sym in shown:
        by_name[sym.name].append(sym)
    return Shared(
        frozenset(shown),
        dict(by_name),
        {k: sorted(v) for k, v in fired.items()},
        {k: sorted(v) for k, v in aggs.items()},
        len(shown),
    )


def result_from_reads(facts: Facts, reads: list[Reading], shared: Shared | None = None) -> Result:
    """A Result from the readings of the parts of one answer (a case's own atoms, those it shares),
    and what the case shares with the other cases of its chunk, read once for them all."""
    shown: list[Term] = []
    by_name: dict[str, list[Term]] = defaultdict(list)
    fired: dict[Term, list[tuple[int, Term]]] = defaultdict(list)
    aggs: dict[tuple, list[tuple[Term, Term]]] = defaultdict(list)
    for part_shown, part_fired, part_aggs in reads:
        shown += part_shown
        for sym in part_shown:
            by_name[sym.name].append(sym)
        for key, v in part_fired.items():
            fired[key] += v
        for key, v in part_aggs.items():
            aggs[key] += v
    for v in fired.values():
        v.sort()
    for v in aggs.values():
        v.sort()
    model = frozenset(shown)
    read = len(shown)
    if shared is not None:  # after the case's own, as if it were one more reading
        model = model.union(shared.model)
        read += shared.count
        for name, atoms in shared.by_name.items():
            by_name[name] += atoms
        for table, more in ((fired, shared.fired), (aggs, shared.aggregates)):
            for key, v in more.items():
                table[key] = sorted(table[key] + v) if key in table else list(v)
    if len(model) != read:  # an atom read twice: the index would list it twice
        return Result(facts, model, dict(fired), dict(aggs))
    return Result(facts, model, dict(fired), dict(aggs), by_name=by_name)


def result_from_model(facts: Facts, model: list[Term]) -> Result:
    """A Result from the atoms of one answer: shown atoms, fired rules and aggregate elements.

    Shared by :func:`reasoner.solve.engine.reason` and batch screening (which splits one answer of many
    cases)."""
    return result_from_reads(facts, [read_atoms(model)])
