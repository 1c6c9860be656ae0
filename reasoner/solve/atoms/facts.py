"""The atoms of one case with their provenance, and the questions it leaves open.

No text from a case file is ever pasted into ASP source: every id becomes a ``String`` symbol and
every category a constant drawn from the model's closed vocabularies.

clingo integers are 32-bit and overflow silently, so every figure is capped before it reaches the
solver: counts at :data:`COUNT_CEILING`.  The ceiling is far above every threshold of the law,
so a comparison with any threshold has the same outcome for the capped and the exact figure, and
small enough that the largest expression in the rules (100 * a + 10 * b + c, Art 4 (4)) stays
below 2^31.  ``tests/test_overflow.py`` checks both properties.  The exact figure is kept here and
shown in explanations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reasoner.case.model import Finding
from reasoner.case.statement_sums import Flow, StatementTotals
from reasoner.law.terms import Term

COUNT_CEILING = 10_000_000
#: Cap on a count that the rules add up over a list (registered accounts of each site, ...): above
#: every threshold such counts meet, and small enough that MAX_SUMMED of them fit in 32 bits.
SUMMED_CEILING = 100_000
MAX_SUMMED = 20_000
#: Cap on money in fen (10,000,000 yuan): above five times every money threshold (Art 12 ¶2).
FEN_CEILING = 1_000_000_000
#: Cap on the money through cards and accounts (5,000,000 yuan): above every figure the later
#: documents compare it with, and small enough that the rules' sums of up to four such figures
#: (inflow by owner, in and out) stay below 2^31.
FLOW_CEILING = 500_000_000
#: Art 16 adds up figures of up to model.MAX_ACTS acts as (V // SUM_BASE) and (V % SUM_BASE) sums,
#: each below 2**31 for 1,000 acts of at most FEN_CEILING (interp_16_cumulation.lp).
SUM_BASE = 1_000_000
#: Largest integer clingo can hold.
INT32_MAX = 2**31 - 1


def date_number(d: dt.date) -> int:
    """A date as the integer YYYYMMDD: order-preserving, and '+ 20000' is 'two years later'."""
    return d.year * 10000 + d.month * 100 + d.day


@dataclass(frozen=True)
class FactInfo:
    """Where an input atom came from, for explanations: the field path and the exact figure."""

    path: str
    value: object = None  # the exact value (int, Decimal, date, str) when the atom carries one
    saturated: bool = False  # the atom carries COUNT_CEILING instead of the exact (larger) value
    unknown: bool = False  # recorded as not known; present only in "what if it were" solving
    #: a bounded figure: (at least, at most, unit) as written; the atom carries the lower bound
    bound: tuple[object, object, str] | None = None
    source: StatementTotals | Flow | None = None  # where a figure was summed from, shown with it
    evidence: str | None = None  # the evidence the case file names for the fact, shown beside it


def shown_value(value: object, absent: str = "[]") -> str:
    """An answer as the case file would spell it (YAML flow style): ``true``, ``law``,
    ``{kind: fixed_term, years: 5}``; None as ``absent``."""
    if value is None:
        return absent
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shown_value(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass(frozen=True)
class Answer:
    """One way an open question could be settled, and the atoms that then hold."""

    value: object  # True/False, an option, a figure in solver units (count or fen), or None (none)
    atoms: tuple[Term, ...]


@dataclass
class Question:
    """A fact the case file leaves open: every answer it could have, exactly one of which is true.

    Booleans answer False/True, closed choices one option each, and figures (counts, money) a
    finite set of representative values: the bounds and, between them, every breakpoint at which
    a comparison with a figure of the law can change (see :func:`.candidates.figure_candidates`)."""

    path: str  # the case-file field
    kind: str  # bool | choice | count | money
    answers: list[Answer]
    low: int | None = None  # figures: the least possible value, in solver units
    high: int | None = None  # figures: the greatest (the ceiling when unbounded above)
    bounded_above: bool = False
    negated: bool = False  # a boolean whose atom holds when the field is false (response.complied)
    #: a choice: how the case file records the answer None (no legal basis: ``[]``; not dealt with: null)
    absent: str = "[]"

    def field_value(self, answer: int) -> object:
        """The answer as the case-file field would record it."""
        value = self.answers[answer].value
        return (not value) if self.negated and isinstance(value, bool) else value


@dataclass
class Facts:
    """The atoms of one case, with their provenance."""

    atoms: dict[Term, FactInfo] = field(default_factory=dict)
    unknown: dict[Term, FactInfo] = field(default_factory=dict)
    #: dates recorded as not known: no atom at all (no date can stand in for them), so they are
    #: listed here, as (predicate, entity id, case path), for the conclusions that may depend on them
    unknown_dates: list[tuple[str, str, str]] = field(default_factory=list)
    findings: dict[Term, Finding] = field(default_factory=dict)
    #: yes/no facts the case file records as false (no atom: the rules read them as absent), with
    #: their field: a why-not says "recorded as no", not "missing", for them
    recorded_false: dict[Term, str] = field(default_factory=dict)
    #: the open questions, in case-file order (booleans, choices and figures not known exactly)
    questions: list[Question] = field(default_factory=list)
    #: atoms of ``atoms`` that hold only in the recorded reading (a bounded figure at its lower
    #: bound), not in every completion: the engine adds them as defaults, not as facts
    defaults: set[Term] = field(default_factory=set)
    #: the date of judgment and the standards the case was built for (a setting.Setting)
    setting: object = None

    def add(
        self,
        sym: Term,
        path: str,
        value: object = None,
        saturated: bool = False,
        source: StatementTotals | Flow | None = None,
        evidence: str | None = None,
    ) -> None:
        self.atoms.setdefault(sym, FactInfo(path, value, saturated, source=source, evidence=evidence))

    def ask(self, path: str, kind: str, answers: list[Answer], **figure: object) -> None:
        """Record an open question; its atoms are marked not known (unless already facts).

        A field read for several subjects (each person who did an act together, each world of
        standards) is one question: asked again with the same answers, its atoms join the first's,
        so that every subject takes the same answer in every completion."""
        same = next((q for q in self.questions if q.path == path), None)
        if same is not None:
            if [a.value for a in same.answers] != [a.value for a in answers]:
                raise AssertionError(f"{path}: asked twice with different answers")
            same.answers = [Answer(a.value, a.atoms + b.atoms) for a, b in zip(same.answers, answers, strict=True)]
        else:
            self.questions.append(Question(path, kind, answers, **figure))  # type: ignore[arg-type]
        for a in answers:
            for sym in a.atoms:
                if sym not in self.atoms:
                    self.add_unknown(sym, path)

    def add_unknown(self, sym: Term, path: str) -> None:
        self.unknown.setdefault(sym, FactInfo(path, None, False, True))

    def info(self, sym: Term) -> FactInfo | None:
        return self.atoms.get(sym) or self.unknown.get(sym)
