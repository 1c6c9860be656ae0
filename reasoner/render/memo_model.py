"""The review memo as a document model: what the memo says, once, whatever it is written as.

Plain dataclasses built once from the reasoner's result (:mod:`reasoner.render.memo_build`) and
written by three renderers, Markdown (:mod:`reasoner.render.memo_md`), Word
(:mod:`reasoner.render.memo_docx`) and HTML (:mod:`reasoner.render.memo_html`), so that the three
cannot say different things.  Every string in it is already in the memo's language and comes from
the explanations, the catalogue and the case file; the renderers add only the memo's own words
(section titles, column heads: ``msg`` of ``messages.toml``) and the form.  :func:`to_json` gives
the model as JSON, the format-free content that ``tests/golden/*.memo.json`` pins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from typing import get_args, get_origin, get_type_hints


@dataclass
class Mark:
    """A verdict or a flag: its mark (✔ ✘ ? ⊘ ⚖ ⚐ ⚠) and its words."""

    mark: str
    text: str


@dataclass
class Header:
    """The head of the memo.  案号, 承办人 and 审查日期 are the case file's ``case.number``,
    ``case.officer`` and ``case.review_date`` (none required): a renderer shows a slot only when it
    is filled, so that the memo of a file without them is what it was."""

    title: str
    case_id: str
    file: str
    standards: str  # how the standards were chosen (the 2001 rule, or --standards)
    intro: str
    case_number: str | None = None  # 案号
    handler: str | None = None  # 承办人
    review_date: str | None = None  # 审查日期


@dataclass
class SummaryRow:
    """One offence examined, in the summary table."""

    verdict: Mark
    label: str
    citation: str
    subject: str
    flags: list[Mark]


@dataclass
class FactRow:
    """A fact the case became, with the case-file field it comes from (its source)."""

    text: str
    path: str


@dataclass
class Note:
    """Words of a record the rules do not read (a description, the measures, the issuer)."""

    label: str
    text: str


@dataclass
class Person:
    """One defendant: the heading (name and id) and its lines, each a label and a text (their
    offences, penalties, measures, findings relied on, CL 69 and ¶3), built by memo_persons."""

    heading: str
    notes: list[Note]


@dataclass
class Record:
    """One record of the case file (a party, an order, an act, ...) and the facts it became."""

    heading: str
    notes: list[Note]
    facts: list[FactRow]


@dataclass
class Step:
    """One line of a why-tree (an explanation node) or of a why-not route (a condition, or the
    head of a route), with the lines below it.

    ``status`` is the ✔/✘ of a condition, ``mark`` the mark of the line's kind; ``style`` says how
    ``text`` is set: ``strong`` (a provision, an element), ``asp`` (a figure compared, whose rule
    expression follows in ``[...]``) or ``plain``.  A subtree met more than once is given in full
    once, under ``label`` (R1, R2, ...); elsewhere ``again`` is set and ``ref`` names that label
    (no ``ref``: shown above, unlabelled).  ``more`` counts the lines a depth limit left out.
    """

    kind: str
    text: str
    status: bool | None = None
    #: met in the recorded reading only, the facts not known could undo it: shown as ? (never ✔)
    open: bool = False
    mark: str | None = None
    style: str = "plain"
    citation: str | None = None
    path: str | None = None
    rule: str | None = None
    any_of: bool = False
    discretionary: bool = False
    label: str | None = None
    again: bool = False
    ref: str | None = None
    more: int | None = None
    children: list[Step] = field(default_factory=list)


@dataclass
class Conclusion:
    """An offence (or a further paragraph of it) for one subject: its verdict, the statute, what it
    rests on, and why (the elements and the tree) or why not (every route, closest first)."""

    number: str
    level: int  # heading level: 3 for an offence, 4 for its further paragraphs
    name: str  # label (subject)
    id: str
    subject: str
    verdict: Mark
    citation: str
    rule_file: str
    text: str  # the statute's words
    label: str | None = None  # the conclusion's tree is referred to elsewhere under this label
    findings: list[str] | None = None  # rests on these findings (None: not discretionary)
    unknown: list[str] = field(default_factory=list)  # facts not known it depends on
    standards: str | None = None  # the standards applied
    not_assessed: bool = False
    presumed: bool = False
    unverified: list[str] = field(default_factory=list)  # passages whose text is not verified
    notes: list[str] = field(default_factory=list)  # penalties and other notes
    elements: list[str] = field(default_factory=list)
    why: list[Step] | None = None  # None: it does not hold, see why_not
    missing: list[str] = field(default_factory=list)  # what fails on the closest route
    why_not: list[Step] = field(default_factory=list)
    paragraphs: list[Conclusion] = field(default_factory=list)


@dataclass
class Mention:
    """A conclusion named in one line."""

    verdict: Mark
    name: str
    id: str
    offence: bool


@dataclass
class Finding:
    """A reviewer finding of the case file and what rests on it or is defeated by it."""

    number: int
    name: str
    holds: bool
    verdict: str
    citation: str
    provision: str
    subject: str
    reason: str
    by: str | None
    path: str
    rests: list[Mention]
    defeats: list[Mention]


@dataclass
class Passage:
    """A passage whose text is not verified that a conclusion rests on: to check against the
    official text."""

    citation: str
    id: str
    text: str
    document: str
    confidence: str
    file: str
    line: int
    rests: list[Mention]


@dataclass
class NearMiss:
    """A threshold not reached by a small margin."""

    name: str
    citation: str
    provision: str
    text: str


@dataclass
class Row:
    """A row of the legend or of the receipt; ``code``: the value is a literal (a hash, a path)."""

    item: str
    value: str
    code: bool = False


@dataclass
class Memo:
    """The whole memo, in order."""

    lang: str
    header: Header
    summary: list[SummaryRow]
    facts: list[Record]
    unknown: list[FactRow]  # facts recorded as not known (open facts)
    offences: list[Conclusion]
    findings: list[Finding]
    passages: list[Passage]
    near_share: int  # percent
    near_misses: list[NearMiss]
    legend: list[Row]
    receipt: list[Row]
    #: a section per defendant (reasoner.render.memo_persons), after the summary
    persons: list[Person] = field(default_factory=list)


def to_data(obj: object) -> object:
    """The model as plain data; a tree line leaves out what it does not have (its defaults)."""
    if is_dataclass(obj):
        out = {}
        for f in fields(obj):
            v = getattr(obj, f.name)
            if isinstance(obj, Step) and v == f.default or (f.name == "children" and v == []):
                continue
            out[f.name] = to_data(v)
        return out
    if isinstance(obj, list):
        return [to_data(x) for x in obj]
    return obj


def to_json(memo: Memo) -> str:
    """The model as JSON: indented, non-ASCII kept, one newline at the end."""
    return json.dumps(to_data(memo), ensure_ascii=False, indent=1) + "\n"


def statute_split(step: Step) -> tuple[str, str]:
    """A figure of the law and the passage it is quoted from, as two parts to set apart (the tree's
    text is '标准：200,000.00 元（法释……：……）'); for another line, its text and nothing."""
    if step.kind == "parameter":
        for opening in ("（", " ("):
            i = step.text.find(opening)
            if i > 0 and step.text.endswith(("）", ")")):
                return step.text[:i], step.text[i:]
    return step.text, ""


def asp_split(text: str) -> tuple[str, str, str] | None:
    """A compared figure's line, '200 < 500　[NA < TA] — …', as the words, the rule's own
    expression and what follows it (None: the line has no expression)."""
    m = re.match(r"^(.*?)　\[(.*)\](.*)$", text)
    return (m.group(1), m.group(2), m.group(3)) if m else None


def from_data(cls: type, data: object) -> object:
    """The model (or a part of it, of class ``cls``) from plain data that :func:`to_data` gave."""
    hints = get_type_hints(cls)
    kwargs = {}
    for f in fields(cls):
        if f.name in data:  # type: ignore[operator]
            kwargs[f.name] = _typed(hints[f.name], data[f.name])  # type: ignore[index]
    return cls(**kwargs)


def _typed(hint: object, value: object) -> object:
    if value is None:
        return None
    args = [a for a in get_args(hint) if a is not type(None)]
    if get_origin(hint) is list:
        return [_typed(args[0], v) for v in value]  # type: ignore[union-attr]
    if args and get_origin(hint) is not list:  # X | None
        return _typed(args[0], value)
    if is_dataclass(hint):
        return from_data(hint, value)  # type: ignore[arg-type]
    return value


def from_json(text: str) -> Memo:
    """The model from the JSON of :func:`to_json`."""
    return from_data(Memo, json.loads(text))  # type: ignore[return-value]
