"""Conclusions of one case: what holds, what was examined and does not, and why.

Everything here is read from clingo's answer: ``holds/2`` atoms are conclusions, ``candidate/2``
atoms name what the rules examined for a subject, the elements of a conclusion are the
``holds(Id, X)`` literals in the bodies of the rules deriving it (read from the rule files' AST).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from clingo import Function, String, Symbol, SymbolType

from reasoner.solve.engine import reason
from reasoner.solve.result import ESTABLISHED, EXCLUDED, POSSIBLE, Result

from .case.model import Case
from .explain import Explainer, Node
from .i18n import ALIASES, describe, fmt_yuan, msg, paren, plain, rules_digest, sep, table, term
from .law.catalogue import catalogue
from .law.parameters import parameters
from .law.program import program
from .whynot import Condition, WhyNot, route_closeness

SCHEMA = "reasoner/check/1"


@dataclass
class Conclusion:
    id: str
    subject: str
    party: str
    status: str  # holds (established) | not_established
    label: str
    citation: str
    text: str
    rule_file: str
    discretionary: bool
    findings: list[str]  # the reviewer findings it rests on, as case-file paths
    depends_on_unknown: list[str]
    explanation: Node | None
    routes: list[list[Condition]] = field(default_factory=list)  # why not: each way it could hold
    notes: list[str] = field(default_factory=list)
    #: established (in every completion of the unknowns) | possible (in some) | excluded (in none)
    certainty: str = "excluded"
    #: the subject as the rules name it (a record's id, or a term such as ``cumulation("A1")`` for
    #: acts taken together, which ``subject`` shows as ``A1+A2+A3``)
    subject_term: Symbol | None = field(default=None, repr=False, compare=False)

    def atom(self) -> Symbol:
        """The conclusion as a clingo atom: ``holds(Id, Subject)``."""
        subject = self.subject_term if self.subject_term is not None else String(self.subject)
        return Function("holds", [String(self.id), subject])

    def to_json(self, table: dict[str, dict]) -> dict:
        out = {
            "id": self.id,
            "subject": self.subject,
            "party": self.party,
            "status": self.status,
            "certainty": self.certainty,
            "label": self.label,
            "citation": self.citation,
            "source_text": self.text,
            "rule_file": self.rule_file,
            "discretionary": self.discretionary,
            "findings_relied_on": self.findings,
            "depends_on_unknown": self.depends_on_unknown,
        }
        if self.notes:
            out["notes"] = self.notes
        if self.explanation is not None:
            out["explanation"] = self.explanation.to_json(table)
        if self.routes:
            out["why_not"] = [[c.to_json() for c in route] for route in self.routes]
        return out


@dataclass(frozen=True)
class NearMiss:
    """A threshold not reached by a small margin: where a reviewer looks for missing evidence."""

    provision: str
    label: str
    subject: str
    text: str
    share: float
    gap: int
    unit: str | None

    def to_json(self) -> dict:
        return {
            "provision": self.provision,
            "label": self.label,
            "subject": self.subject,
            "text": self.text,
            "share": round(self.share, 4),
            "gap": self.gap,
            "unit": self.unit,
        }


@dataclass
class Report:
    case_id: str
    file: str
    lang: str
    conclusions: list[Conclusion]
    rules_digest: str
    as_of: str | None = None  # the date of judgment used (YYYY-MM-DD), if one was given

    def near_misses(self, at_least: float = 0.8) -> list[NearMiss]:
        """Thresholds not reached but reached to at least ``at_least`` (a share, 0..1), each once,
        attributed to the provision whose rule compares them; closest first."""
        cat = catalogue()
        found: dict[tuple, NearMiss] = {}

        def walk(routes: list[list[Condition]], pid: str, subject: str) -> None:
            for route in routes:
                for cond in route:
                    if cond.kind == "element" and cond.routes:
                        walk(cond.routes, cond.provision or pid, cond.subject or subject)
                    elif cond.kind == "comparison" and cond.share is not None and cond.share >= at_least:
                        key = (pid, subject, cond.text)
                        found.setdefault(
                            key,
                            NearMiss(
                                pid, cat[pid].label(self.lang), subject, cond.text, cond.share, cond.gap or 0, cond.unit
                            ),
                        )

        for c in self.conclusions:
            # short for certain: a possible conclusion may reach its figure (one known only within
            # bounds is read at its lower bound), so it is no near miss
            if c.certainty == EXCLUDED:
                walk(c.routes, c.id, c.subject)
        return sorted(found.values(), key=lambda m: (-m.share, m.provision, m.subject, m.text))

    def to_json(self) -> dict:
        import clingo

        table: dict[str, dict] = {}
        conclusions = [c.to_json(table) for c in self.conclusions]
        return {
            "schema": SCHEMA,
            "case": {"id": self.case_id, "file": self.file, "date_of_judgment": self.as_of},
            "lang": self.lang,
            "rules": {"sha256": self.rules_digest, "clingo": clingo.__version__},
            "conclusions": conclusions,
            "near_misses": [m.to_json() for m in self.near_misses()],
            "explanations": table,
        }


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


def _unknown_key(sym: Symbol) -> tuple:
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
            self.party_of[a.id] = a.actor
            link(a.id, a.actor)
            if a.order:
                link(a.id, a.order)
            for sub in (*a.evidence_losses, *a.sites, *a.assisted):
                self.party_of[sub.id] = a.actor
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


def _mentions(sym: Symbol) -> set[str]:
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
) -> Report:
    """Reason about a case and assemble its conclusions in one language.  ``as_of`` (YYYY-MM-DD,
    from ``--as-of``) overrides the case file's date of judgment; ``examine`` is a provision to
    examine even where no rule marks it as a candidate (for why-not).

    ``why_not=False`` leaves out the routes of conclusions that do not hold (and so near misses):
    batch screening's summary rows do not show them, and they are most of the cost."""
    if as_of is not None:
        from .case.edits import judged_on

        case = judged_on(case, as_of)
    result = result or reason(case, "--as-of" if as_of is not None else "case.as_of")
    cat = catalogue()
    order = {pid: i for i, pid in enumerate(cat)}
    links = _Links(case)
    entity_order = {ident: i for i, ident in enumerate(links.party_of)}
    ex = Explainer(result, lang)
    reach = _reach()

    _name_cumulations(result, links, case)
    subjects: dict[tuple[str, str], Symbol] = {}
    for s in result.model:
        if s.name in ("holds", "candidate") and s.arguments[0].type == SymbolType.String:
            pid = s.arguments[0].string
            if pid in cat:
                subjects[(pid, plain(s.arguments[1]))] = s.arguments[1]
    # Conclusions that fail only because of not-known facts are examined too.
    for s in result.possible:
        pid = s.arguments[0].string
        if pid in cat:
            subjects.setdefault((pid, plain(s.arguments[1])), s.arguments[1])

    why = WhyNot(result, lang, ex) if why_not else None
    consequences = sorted(s for s in result.model if s.name in _NOTE_PREDICATES)
    if why is not None and examine in cat and not any(pid == examine for pid, _ in subjects):
        # not examined for any record (no candidate): try it for every subject of the case and keep
        # those for which the rules come closest, so why-not can still say what is missing
        scored = []
        for text, subj in sorted({(t, s) for (_, t), s in subjects.items()}):
            routes = why.routes(examine, subj, depth=ROUTE_DEPTH)
            if routes:
                scored.append((max(route_closeness(r) for r in routes), text, subj))
        best = max((score for score, _, _ in scored), default=0.0)
        for score, text, subj in scored:
            if best > 0 and score == best:
                subjects[(examine, text)] = subj

    conclusions = []
    for (pid, subj_text), subj in sorted(
        subjects.items(),
        key=lambda kv: (
            entity_order.get(links.party_of.get(kv[0][1], ""), 1 << 30),
            entity_order.get(kv[0][1], 1 << 30),
            kv[0][1],
            order[kv[0][0]],
        ),
    ):
        prov = cat[pid]
        atom = Function("holds", [String(pid), subj])
        certainty = result.status(atom)
        holds = certainty == ESTABLISHED
        tree = ex.atom(atom) if holds and atom in result.model else None
        unknown = []
        if certainty == POSSIBLE:
            # the open questions whose answer changes this conclusion, among those its rules can
            # reach for this subject; failing that (only several together decide it), all of those
            near = links.near(subj_text)
            keys = reach[pid]
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
            unknown = sorted({result.facts.questions[q].path for q in chosen})
        routes = [] if holds or why is None else why.routes(pid, subj, depth=ROUTE_DEPTH)
        # a date not known leaves no atom, so clingo cannot weigh it: a conclusion not established
        # whose rules read such a date for this subject stays possible, and lists it
        if not holds and result.facts.unknown_dates:
            near = links.near(subj_text)
            dates = {
                path for pred, ident, path in result.facts.unknown_dates if (pred, None) in reach[pid] and ident in near
            }
            unknown = sorted(set(unknown) | dates)
            if dates:
                certainty = POSSIBLE
        notes = _notes(consequences, pid, subj, lang)
        conclusions.append(
            Conclusion(
                id=pid,
                subject=subj_text,
                party=links.party_of.get(subj_text, subj_text),
                status="holds" if holds else "not_established",
                label=prov.label(lang),
                citation=prov.citation(lang),
                text=prov.text,
                rule_file=f"{prov.file}:{prov.line}",
                discretionary=bool(tree and tree.discretionary),
                findings=_findings(tree),
                depends_on_unknown=unknown,
                explanation=tree,
                routes=routes,
                notes=notes,
                certainty=certainty,
                subject_term=subj,
            )
        )
    as_of_text = case.case.as_of.isoformat() if case.case.as_of else None
    return Report(case.case.id, file, lang, conclusions, rules_digest(), as_of_text)


#: The statute's order of the penalties it names (三年以下有期徒刑、拘役或者管制，并处或者单处罚金).
_PENALTY_ORDER = ("fixed_term", "criminal_detention", "public_surveillance", "fine_alone_or_additional", "unit_fine")


#: Atoms that attach notes to a conclusion (read by _notes).
_NOTE_PREDICATES = frozenset({"penalty", "liable", "note", "no_responsible_person"})


def _notes(consequences: list[Symbol], pid: str, subj: Symbol, lang: str) -> list[str]:
    """What the rules attach to a conclusion besides holding: the statutory penalty with the general
    part's bounds and their sources, who answers for a unit, the measures open to the court.

    ``consequences`` are the model's atoms of _NOTE_PREDICATES, sorted once per case (not per conclusion)."""
    penalties, rest = [], []
    for s in consequences:
        if s.name not in _NOTE_PREDICATES or not s.arguments:
            continue
        if s.name == "no_responsible_person":
            if pid == "interp.14" and s.arguments[0] == subj:
                rest.append(describe(s, lang))
            continue
        if s.arguments[0] != String(pid) or s.arguments[1] != subj:
            continue
        if s.name == "penalty":
            kind, lo, hi = s.arguments[2].name, s.arguments[3].number, s.arguments[4].number
            text = msg("statutory_penalty", lang) + term(kind, lang)
            if hi:
                cites = sep(lang).join(dict.fromkeys(_param_cite(pid, f"{b}_{kind}_months") for b in ("min", "max")))
                text += msg("penalty_range", lang).format(lo=lo, hi=hi) + paren(cites, lang)
            penalties.append((_PENALTY_ORDER.index(kind) if kind in _PENALTY_ORDER else 99, text))
        elif s.name == "note":
            key = s.arguments[2]
            args = [
                a.number
                if a.type == SymbolType.Number
                else term(a.name, lang)
                if a.type == SymbolType.Function and a.name and not a.arguments
                else plain(a)
                for a in key.arguments
            ]
            text = table()["note"][key.name][lang]
            if key.name == "illegal_gains_recorded":
                args = [fmt_yuan(args[0], lang)]
            rest.append(text.format(*args))
        else:
            rest.append(describe(s, lang))
    return [t for _, t in sorted(penalties)] + rest


def _param_cite(pid: str, name: str) -> str:
    """Where a figure of the law comes from, as parameters.toml cites it."""
    for p in parameters():
        if p.provision == pid and p.name == name:
            return p.cite
    return pid


def _name_cumulations(result: Result, links: _Links, case: Case) -> None:
    """An Art 16 cumulation is shown by its acts in case-file order ("A1+A2+A3"), owned by their actor."""
    order = {a.id: i for i, a in enumerate(case.acts)}
    members: dict[Symbol, list[str]] = defaultdict(list)
    for s in result.model:
        if s.name == "cum_member_of" and len(s.arguments) == 2:
            members[s.arguments[0]].append(plain(s.arguments[1]))
    for c, acts in members.items():
        name = "+".join(sorted(acts, key=lambda a: (order.get(a, 1 << 30), a)))
        ALIASES[c] = name
        links.party_of[name] = links.party_of.get(acts[0], "")


def _findings(tree: Node | None) -> list[str]:
    """Case-file paths of the reviewer findings anywhere in an explanation tree."""
    out: set[str] = set()
    stack = [tree] if tree else []
    while stack:
        n = stack.pop()
        if n.kind == "finding" and n.path:
            out.add(n.path)
        if n.any_of and not all(c.discretionary for c in n.children):
            stack.extend(c for c in n.children if not c.discretionary)  # a route without findings suffices
        else:
            stack.extend(n.children)
    return sorted(out)
