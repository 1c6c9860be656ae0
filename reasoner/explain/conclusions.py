"""Conclusions of one case: what holds, what was examined and does not, and why.

Everything here is read from clingo's answer: ``holds/2`` atoms are conclusions, ``candidate/2``
atoms name what the rules examined for a subject, the elements of a conclusion are the
``holds(Id, X)`` literals in the bodies of the rules deriving it (read from the rule files' AST).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from reasoner.case.edits import judged_on
from reasoner.case.model import Case
from reasoner.explain.condition import route_closeness
from reasoner.explain.i18n import ALIASES, natural_key, person_of, plain, rules_digest
from reasoner.explain.notes import NOTE_PREDICATES, notes
from reasoner.explain.report import Conclusion, Report, references
from reasoner.explain.standards import StandardsIndex, Worlds, setting_standards, subject_standards
from reasoner.explain.tree import Node, rests_on, unverified
from reasoner.explain.why import Explainer
from reasoner.explain.whynot import WhyNot
from reasoner.law.catalogue import OFFENCES, catalogue
from reasoner.law.program import program
from reasoner.law.terms import Function, String, SymbolType, Term
from reasoner.solve.engine import reason
from reasoner.solve.result import ESTABLISHED, EXCLUDED, NOT_ASSESSED, POSSIBLE, Result


@cache
def _reach() -> dict[str, frozenset[tuple]]:
    """Input predicates each conclusion can depend on, through the rules (predicate level)."""
    deps: dict[tuple, set[tuple]] = defaultdict(set)
    for r in program().rules:
        deps[r.head_key].update(r.body_keys)
    out = {}
    for pid in catalogue():
        seen: set[tuple] = set()
        stack = [("holds", pid)]
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            stack.extend(deps.get(k, ()))
            if k[1] is not None:
                stack.extend(deps.get((k[0], None), ()))
        out[pid] = frozenset(seen)
    return out


def _unknown_key(sym: Term) -> tuple:
    args = sym.arguments
    if sym.name in ("quantity", "leaked", "publish_count") and len(args) > 1:
        return (sym.name, args[1].name)
    return (sym.name, None)


class _Links:
    """Which case entities are linked to which (act -> actor, order, evidence; order -> party)."""

    def __init__(self, case: Case):
        self.party_of: dict[str, str] = {p.id: p.id for p in case.parties}
        adj: dict[str, set[str]] = defaultdict(set)

        def link(a: str, b: str) -> None:
            adj[a].add(b)
            adj[b].add(a)

        for o in case.orders:
            self.party_of[o.id] = o.to
            link(o.id, o.to)
        for a in case.acts:
            people = [x.party for x in a.participants()]
            self.party_of[a.id] = people[0]
            for person in people:
                link(a.id, person)
            if a.order:
                link(a.id, a.order)
            for sub in (*a.evidence_losses, *a.sites, *case.assisted_of(a)):
                self.party_of.setdefault(sub.id, people[0])
                link(a.id, sub.id)
        for pen in case.admin_penalties:
            self.party_of[pen.id] = pen.party
            link(pen.id, pen.party)
        self.adj = adj

    def near(self, ident: str, hops: int = 2) -> set[str]:
        seen = {ident}
        frontier = {ident}
        for _ in range(hops):
            frontier = {n for f in frontier for n in self.adj.get(f, ())} - seen
            seen |= frontier
        return seen


def _mentions(sym: Term) -> set[str]:
    out = set()
    for a in sym.arguments:
        if a.type == SymbolType.String:
            out.add(a.string)
    return out


#: How many levels of failing elements why-not opens (offence -> its ¶1 elements -> an element ->
#: the items of an article -> their conditions).
ROUTE_DEPTH = 4


def build(
    case: Case,
    file: str,
    lang: str,
    result: Result | None = None,
    as_of: str | None = None,
    examine: str | None = None,
    why_not: bool = True,
    standards: dt.date | None = None,
    explainer: type[Explainer] = Explainer,
) -> Report:
    """Reason about a case and assemble its conclusions in one language.  ``as_of`` (YYYY-MM-DD,
    from ``--as-of``) overrides the case file's date of judgment; ``examine`` is a provision to
    examine even where no rule marks it as a candidate (for why-not); ``standards`` fixes the
    standards to those in force on a day (``--standards``).

    ``why_not=False`` leaves out the routes of conclusions that do not hold (and so near misses):
    batch screening's summary rows do not show them, and they are most of the cost.  ``explainer``:
    what builds the trees (batch summary rows use one that leaves out their words)."""
    if as_of is not None:
        case = judged_on(case, as_of)
    result = result or reason(case, "--as-of" if as_of is not None else "case.as_of", standards)
    links = _Links(case)
    entity_order = {ident: i for i, ident in enumerate(links.party_of)}  # the records, before any cumulation
    ex = explainer(result, lang)
    cumulations = _name_cumulations(result, links, case)
    worlds = Worlds(result)
    subjects = _subjects(result, worlds)
    why = WhyNot(result, lang, ex) if why_not else None
    consequences = _by_subject(sorted(result.named(*NOTE_PREDICATES)))
    if why is not None and examine in catalogue() and not any(pid == examine for pid, _ in subjects):
        subjects.update(_closest_subjects(why, examine, subjects))
    scope = _Scope(result, lang, links, ex, why, consequences, worlds, StandardsIndex(result), cumulations)
    order = {pid: i for i, pid in enumerate(catalogue())}

    def key(item: tuple[tuple[str, Term], Term]) -> tuple:
        (pid, subj), _ = item
        text, person = plain(subj), person_of(subj)
        owner = scope.owner(subj)
        who = entity_order.get(plain(person), -1) if person is not None else -1
        own = 1 << 30 if subj in cumulations else entity_order.get(text, 1 << 30)  # a record, not a name alike
        return (entity_order.get(owner, 1 << 30), own, natural_key(text), who, order[pid], str(subj))

    conclusions = [_conclusion(scope, pid, subj) for (pid, subj), _ in sorted(subjects.items(), key=key)]
    as_of_text = case.case.as_of.isoformat() if case.case.as_of else None
    setting = result.facts.setting
    judged = setting.judgment.isoformat() if setting is not None else None
    chosen = setting_standards(setting)
    return Report(
        case.case.id, file, lang, conclusions, rules_digest(), as_of_text, judged, chosen, references(case.case)
    )


def _subjects(result: Result, worlds: Worlds) -> dict[tuple[str, Term], Term]:
    """What the rules examined for whom (``holds`` and ``candidate`` atoms), and what holds only in
    some completion of the unknowns: (provision, subject term) -> the subject term.  Keyed by the
    solver's term, never by a printed name (two records may print alike)."""
    cat = catalogue()
    subjects: dict[tuple[str, Term], Term] = {}
    for s in result.named("holds", "candidate"):
        if s.arguments[0].type == SymbolType.String:
            pid = s.arguments[0].string
            if pid in cat and worlds.shown(s.arguments[1]):
                subjects[(pid, s.arguments[1])] = s.arguments[1]
    # Conclusions that fail only because of not-known facts are examined too.
    for s in result.possible:
        subj = worlds.instance_of(s)
        pid = s.arguments[0].string
        if pid in cat and subj is not None:
            subjects.setdefault((pid, subj), subj)
    return subjects


def _closest_subjects(why: WhyNot, examine: str, subjects: dict) -> dict[tuple[str, Term], Term]:
    """A provision no rule examined for any record (no candidate): tried for every subject of the
    case, those for which the rules come closest, so that why-not can still say what is missing."""
    scored = []
    for subj in sorted({s for (_, s) in subjects}):
        routes = why.routes(examine, subj, depth=ROUTE_DEPTH)
        if routes:
            scored.append((max(route_closeness(r) for r in routes), subj))
    best = max((score for score, _ in scored), default=0.0)
    return {(examine, subj): subj for score, subj in scored if best > 0 and score == best}


@dataclass
class _Scope:
    """What every conclusion of one case is assembled from."""

    result: Result
    lang: str
    links: _Links
    explainer: Explainer
    why: WhyNot | None
    consequences: dict[Term, list[Term]]  # the model's atoms that attach notes, sorted once, by subject
    worlds: Worlds
    standards: StandardsIndex
    #: the Art 16 cumulations, by their term: the party of their acts (a cumulation is named by its
    #: acts, "A1+A2+A3", which an act's own id may spell too: never looked up by that name)
    cumulations: dict[Term, str]
    #: the explanation trees share their subtrees: each is weighed once per case, not per conclusion
    presumed_memo: dict = field(default_factory=dict)
    unverified_memo: dict = field(default_factory=dict)

    def owner(self, subj: Term) -> str:
        """The party a subject belongs to, found by its term (a cumulation) or its record's id."""
        if subj in self.cumulations:
            return self.cumulations[subj]
        text = plain(subj)
        return self.links.party_of.get(text, text)

    def near(self, subj: Term) -> set[str]:
        """The records linked to a subject; a cumulation, which is no record, stands alone."""
        if subj in self.cumulations:
            return {plain(subj)}
        return self.links.near(plain(subj))


def _conclusion(scope: _Scope, pid: str, subj: Term) -> Conclusion:
    """One conclusion: its status over the completions, why it holds or every route of why not,
    the open facts it hangs on, and its notes."""
    result, lang = scope.result, scope.lang
    prov = catalogue()[pid]
    subj_text, person = plain(subj), person_of(subj)
    holds_atom = Function("holds", [String(pid), subj])
    atom = scope.worlds.atom(pid, subj)
    certainty = result.status(atom)
    holds = certainty == ESTABLISHED
    tree = scope.explainer.atom(holds_atom) if holds and holds_atom in result.model else None
    unknown = _hangs_on(scope, pid, subj, atom) if certainty == POSSIBLE else []
    routes = [] if holds or scope.why is None else scope.why.routes(pid, subj, depth=ROUTE_DEPTH)
    # a date not known leaves no atom, so clingo cannot weigh it: a conclusion not established
    # whose rules read such a date for this subject stays possible, and lists it
    if not holds and result.facts.unknown_dates:
        near = scope.near(subj)
        dates = {
            path for pred, ident, path in result.facts.unknown_dates if (pred, None) in _reach()[pid] and ident in near
        }
        unknown = sorted(set(unknown) | dates, key=natural_key)
        if dates:
            certainty = POSSIBLE
    if Function("outside_interpretation", [subj]) in result.model and _needs_interpretation(pid):
        # not assessed under the Interpretation's standards, unless it fails whatever the standards:
        # an offence for conduct wholly before the day the offence came into force (CL 12)
        in_time = result.status(scope.worlds.atom("cl.12.1", subj))
        if not (in_time == EXCLUDED and "cl.12.1" in _read_by(pid)):
            certainty = NOT_ASSESSED
    party = plain(person) if person is not None else scope.owner(subj)
    return Conclusion(
        id=pid,
        subject=subj_text,
        party=party,
        status="holds" if holds else ("not_assessed" if certainty == NOT_ASSESSED else "not_established"),
        label=prov.label(lang),
        citation=prov.citation(lang),
        text=prov.text,
        rule_file=f"{prov.file}:{prov.line}",
        discretionary=bool(tree and tree.discretionary),
        findings=_findings(tree),
        depends_on_unknown=unknown,
        explanation=tree,
        routes=routes,
        notes=notes(scope.consequences.get(subj, []), pid, subj, lang) if scope.explainer.worded else [],
        certainty=certainty,
        subject_term=subj,
        status_atom=atom,
        presumed=bool(tree and rests_on(tree, PRESUMPTION, scope.presumed_memo)),
        unverified=sorted(unverified(tree, _unverified_ids(), scope.unverified_memo)) if tree else [],
        standards=subject_standards(result, subj, scope.standards),
    )


#: The provision of Art 11's presumption (可以认定: shown as a presumption wherever it is relied on).
PRESUMPTION = "interp.11.1"


@cache
def _unverified_ids() -> frozenset[str]:
    return frozenset(pid for pid, p in catalogue().items() if not p.verbatim)


@cache
@cache
def _read_by(pid: str) -> frozenset[str]:
    """The conclusions the rules deriving ``pid`` read in their bodies."""
    return frozenset(k[1] for r in program().rules if r.head_id == pid for k in r.body_keys if k[0] == "holds" and k[1])


def _needs_interpretation(pid: str) -> bool:
    """Whether a conclusion rests on the Interpretation's standards: it is one of its provisions
    (other than Art 19, which says when it applies), or its rules reach one through the conclusions
    in their bodies.  Read from the rules, not listed by hand."""
    deps: dict[str, set[str]] = defaultdict(set)
    for r in program().rules:
        if r.head_id:
            # a conclusion of any id (holds(O, A) with O a variable) is one of the offences
            deps[r.head_id].update(x for k in r.body_keys if k[0] == "holds" for x in ((k[1],) if k[1] else OFFENCES))
    seen, stack = set(), [pid]
    while stack:
        k = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        if k.startswith("interp.") and k != "interp.19":
            return True
        stack.extend(deps.get(k, ()))
    return False


def _hangs_on(scope: _Scope, pid: str, subj: Term, atom: Term) -> list[str]:
    """The open questions whose answer changes a possible conclusion, among those its rules can
    reach for this subject; failing that (only several together decide it), all of those."""
    result = scope.result
    near = scope.near(subj)
    keys = _reach()[pid]
    reachable = [
        q
        for q, question in enumerate(result.facts.questions)
        if any(
            (_unknown_key(u) in keys or (_unknown_key(u)[0], None) in keys) and _mentions(u) & near
            for answer in question.answers
            for u in answer.atoms
        )
    ]
    chosen = result.hangs_on_among(atom, reachable) or reachable
    return sorted({result.facts.questions[q].path for q in chosen}, key=natural_key)


def _name_cumulations(result: Result, links: _Links, case: Case) -> dict[Term, str]:
    """An Art 16 cumulation is shown by its acts in case-file order ("A1+A2+A3"), owned by their
    actor: the party of each cumulation, by its term."""
    order = {a.id: i for i, a in enumerate(case.acts)}
    ALIASES.clear()  # only this case's names: an earlier case's cumulation may have the same term
    members: dict[Term, list[str]] = defaultdict(list)
    for s in result.named("cum_member_of"):
        if len(s.arguments) == 2:
            members[s.arguments[0]].append(plain(s.arguments[1]))
    owners = {}
    for c, acts in members.items():
        name = "+".join(sorted(acts, key=lambda a: (order.get(a, 1 << 30), a)))
        ALIASES[c] = name
        owners[c] = links.party_of.get(acts[0], "")
    return owners


def _by_subject(consequences: list[Term]) -> dict[Term, list[Term]]:
    """The atoms that attach notes, by the subject they are about (their second argument, or the
    first of no_responsible_person/1), in their order: each conclusion reads only its own."""
    out: dict[Term, list[Term]] = defaultdict(list)
    for s in consequences:
        if s.name == "no_responsible_person" and s.arguments:
            out[s.arguments[0]].append(s)
        elif len(s.arguments) >= 2:
            out[s.arguments[1]].append(s)
    return out


def _findings(tree: Node | None) -> list[str]:
    """Case-file paths of the reviewer findings anywhere in an explanation tree (each shared node
    visited once: the trees of a case share their subtrees)."""
    out: set[str] = set()
    stack = [tree] if tree else []
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if (n.kind == "finding" or (n.kind == "fact" and n.discretionary)) and n.path:
            out.add(n.path)
        if n.any_of and not all(c.discretionary for c in n.children):
            stack.extend(c for c in n.children if not c.discretionary)  # a route without findings suffices
        else:
            stack.extend(n.children)
    return sorted(out)
