"""The report of one case in one language: its conclusions (each with why, or every route of why
not), the near misses, and the stable JSON schema ``reasoner/check/2``."""

from __future__ import annotations

from dataclasses import dataclass, field

import clingo

from reasoner.explain.condition import Condition
from reasoner.explain.i18n import person_of, plain
from reasoner.explain.tree import Node
from reasoner.law.catalogue import OFFENCES, catalogue
from reasoner.law.packs import packs
from reasoner.law.terms import Function, String, Term
from reasoner.solve.result import EXCLUDED, POSSIBLE

SCHEMA = "reasoner/check/2"

#: The references of the review a case file may give under ``case`` (案号, 承办人, 审查日期), in the
#: order they are printed: words for the reader, which the rules never see.
REFERENCES = ("number", "officer", "review_date")


def references(info: object) -> dict[str, str]:
    """The references ``case`` gives (a ``CaseInfo``), as text: only those given, so that a report of
    a case file without them is what it was."""
    out = {}
    for key in REFERENCES:
        value = getattr(info, key, None)
        if value is not None:
            out[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return out


@dataclass
class Conclusion:
    id: str
    subject: str
    party: str
    status: str  # holds (established) | not_established | not_assessed
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
    #: established (in every completion of the unknowns) | possible (in some) | excluded (in none) |
    #: not_assessed (outside the Interpretation's standards: neither established nor excluded)
    certainty: str = "excluded"
    #: the subject as the rules name it (a record's id, or a term such as ``cumulation("A1")`` for
    #: acts taken together, which ``subject`` shows as ``A1+A2+A3``)
    subject_term: Term | None = field(default=None, repr=False, compare=False)
    #: the atom whose truth is the conclusion's (holds/2, or applied_holds/2 in two worlds)
    status_atom: Term | None = field(default=None, repr=False, compare=False)
    #: rests on 明知 presumed under Art 11 (可以认定: a presumption, open to rebuttal)
    presumed: bool = False
    #: provisions it rests on whose text is not verified (to be checked against the official text)
    unverified: list[str] = field(default_factory=list)
    #: the standards applied to its subject: {"date", "packs", "world"}
    standards: dict | None = None

    @property
    def shown_subject(self) -> str:
        """The subject as printed: ``A1``, or ``A1 · P2`` for one person's part in an act that
        several did together (their conclusions differ and must not read alike)."""
        # from ``subject``, fixed when the case was reasoned: a cumulation's name (``A1+A2+A3``) is its
        # own case's, whatever case is reasoned after it (a batch builds a chunk, then writes)
        person = person_of(self.subject_term) if self.subject_term is not None else None
        return self.subject if person is None else f"{self.subject} · {plain(person)}"

    @property
    def is_offence(self) -> bool:
        """Whether it is one of the three offences (what a printout explains by default)."""
        return self.id in OFFENCES

    def atom(self) -> Term:
        """The conclusion as a clingo atom: ``holds(Id, Subject)`` (``applied_holds`` in two worlds)."""
        if self.status_atom is not None:
            return self.status_atom
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
            "presumed_knowledge": self.presumed,
            "unverified_text": self.unverified,
        }
        if self.standards is not None:
            out["standards"] = self.standards
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
    as_of: str | None = None  # the date of judgment given (YYYY-MM-DD), if one was given
    judgment: str | None = None  # the date of judgment used: the one given, or the day of the run
    standards: dict | None = None  # how the standards were chosen: {"mode", ...}
    references: dict[str, str] = field(default_factory=dict)  # 案号, 承办人, 审查日期 given (see references)

    def near_misses(self, at_least: float = 0.8) -> list[NearMiss]:
        """Thresholds not reached but reached to at least ``at_least`` (a share, 0..1), each once,
        attributed to the provision whose rule compares them; closest first."""
        cat = catalogue()
        found: dict[tuple, NearMiss] = {}

        def walk(routes: list[list[Condition]], pid: str, subject: str, term: object) -> None:
            for route in routes:
                for cond in route:
                    if cond.kind == "element" and cond.routes:
                        inner = cond.subject_term if cond.subject_term is not None else cond.subject or term
                        walk(cond.routes, cond.provision or pid, cond.subject or subject, inner)
                    elif (
                        cond.kind == "comparison"
                        and not cond.open
                        and cond.share is not None
                        and cond.share >= at_least
                    ):
                        key = (pid, term, cond.text)  # the subject's term: two may print alike
                        found.setdefault(
                            key,
                            NearMiss(
                                pid, cat[pid].label(self.lang), subject, cond.text, cond.share, cond.gap or 0, cond.unit
                            ),
                        )

        for c in self.conclusions:
            # short for certain: a figure the facts leave open (one known only within bounds is read
            # at its lower bound) may reach its threshold, so its comparison (open) is no near miss;
            # a known figure short of its threshold is one, whatever else the case leaves open
            if c.certainty in (EXCLUDED, POSSIBLE):
                walk(c.routes, c.id, c.shown_subject, c.subject_term if c.subject_term is not None else c.subject)
        return sorted(found.values(), key=lambda m: (-m.share, m.provision, m.subject, m.text))

    def to_json(self) -> dict:
        table: dict[str, dict] = {}
        conclusions = [c.to_json(table) for c in self.conclusions]
        return {
            "schema": SCHEMA,
            "case": {
                "id": self.case_id,
                "file": self.file,
                "date_of_judgment": self.as_of,
                "date_of_judgment_used": self.judgment,
                **self.references,  # additive: only those the case file gives
            },
            "standards": self.standards,
            "packs": [
                {"id": p.id, "in_force": p.in_force.isoformat(), "assumed": p.in_force_assumed, "sha256": p.digest}
                for p in packs()
            ],
            "lang": self.lang,
            "rules": {"sha256": self.rules_digest, "clingo": clingo.__version__},
            "conclusions": conclusions,
            "near_misses": [m.to_json() for m in self.near_misses()],
            "explanations": table,
        }
