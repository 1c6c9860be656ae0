"""The review memo's document model built from the reasoner's result.

Everything in it is read from the same Report (conclusions, why-trees, why-not routes, near
misses) that ``reasoner check`` prints, from the catalogue and from the atoms the case became;
nothing here knows the law.  The model depends only on the case file, the rules and the versions
named in its receipt (no clock is read), so the same case gives the same memo.
"""

from __future__ import annotations

from reasoner.case.model import Case
from reasoner.explain.i18n import msg, paren, sep
from reasoner.explain.notes import NOTE_PREDICATES, notes
from reasoner.explain.report import Conclusion, Report
from reasoner.explain.unrecorded import never_recorded
from reasoner.explain.why import Explainer
from reasoner.law.packs import by_id
from reasoner.render.markdown import closest_failures, kind_label, paragraph_of
from reasoner.render.marks import MARKS
from reasoner.render.memo_facts import FactsSection
from reasoner.render.memo_model import Conclusion as Block
from reasoner.render.memo_model import (
    Finding,
    Header,
    Mark,
    Memo,
    Mention,
    NearMiss,
    Passage,
    Row,
    SummaryRow,
)
from reasoner.render.memo_persons import persons
from reasoner.render.memo_receipt import receipt
from reasoner.render.memo_trees import Pass, Trees
from reasoner.render.standards import standards_line, standards_text
from reasoner.solve.result import Result


def verdict(c: Conclusion, lang: str) -> Mark:
    """The status in a mark and words, never more than was decided: ✔ established, ? possible (it
    hangs on facts not known), ⊘ not assessed (outside the standards), ✘ not established."""
    if c.certainty == "not_assessed":
        return Mark("⊘", msg("not_assessed", lang))
    if c.certainty == "possible":
        return Mark("?", msg("possible", lang))
    holds = c.status == "holds"
    return Mark("✔" if holds else "✘", msg("holds" if holds else "not_established", lang))


def flags(c: Conclusion, lang: str) -> list[Mark]:
    """What it rests on: a finding (⚖), a presumption of knowledge (⚐), a passage whose text is not
    verified (⚠), facts not known (?)."""
    out = []
    if c.discretionary:
        out.append(Mark("⚖", msg("discretionary", lang)))
    if c.presumed:
        out.append(Mark("⚐", msg("presumed_knowledge", lang)))
    if c.unverified:
        out.append(Mark("⚠", msg("unverified_text", lang)))
    if c.depends_on_unknown:
        out.append(Mark("?", msg("depends_on_unknown", lang)))
    return out


def mention(c: Conclusion, lang: str) -> Mention:
    return Mention(verdict(c, lang), c.label + paren(c.shown_subject, lang), c.id, c.is_offence)


class _Builder:
    """The sections of one case's memo, built in order (the order in which subtrees are first met
    decides where each is given in full)."""

    def __init__(
        self,
        case: Case,
        report: Report,
        result: Result,
        source: bytes,
        depth: int | None,
        near_miss: float,
        debug: bool = False,
        expand: bool = False,
    ):
        self.case = case
        self.debug = debug
        self.expand = expand
        self.report = report
        self.result = result
        self.source = source
        self.depth = depth
        self.near_miss = near_miss
        self.lang = report.lang
        self.ex = Explainer(result, report.lang)

    def m(self, key: str) -> str:
        return msg(key, self.lang)

    def build(self, labels: dict[str, str]) -> tuple[Memo, Pass]:
        trees = Trees(self.report, self.depth, labels, self.debug, self.expand)
        facts = FactsSection(self.case, self.result, self.ex, self.lang)
        offences = [c for c in self.report.conclusions if c.is_offence]
        memo = Memo(
            lang=self.lang,
            header=self.header(),
            summary=[
                SummaryRow(verdict(c, self.lang), c.label, c.citation, c.shown_subject, flags(c, self.lang))
                for c in offences
            ],
            facts=facts.records(),
            unknown=facts.unknown(self.report.conclusions),
            offences=self.offences(offences, trees),
            findings=self.findings(),
            passages=self.passages(),
            near_share=int(self.near_miss * 100),
            near_misses=self.near_misses(),
            legend=self.legend(),
            receipt=receipt(self.case, self.report, self.source, self.depth, self.near_miss),
            persons=persons(self.case, self.report, verdict, self.attached),
        )
        return memo, trees.seen

    def attached(self, pid: str, term) -> list[str]:
        """The notes the rules attach to conclusion ``pid`` for a subject term (penalty/5, note/3 ...)."""
        consequences = sorted(s for s in self.result.model if s.name in NOTE_PREDICATES)
        return notes(consequences, pid, term, self.lang)

    def header(self) -> Header:
        info = self.case.case
        title = f"{self.m('report_title')}{self.m('colon')}{info.title or info.id}"
        refs = self.report.references
        return Header(
            title,
            info.id,
            self.report.file,
            standards_text(self.report, self.lang),
            self.m("report_intro"),
            refs.get("number"),
            refs.get("officer"),
            refs.get("review_date"),
        )

    def unasked(self, c: Conclusion) -> list[str]:
        """For a conclusion that fails on the record only: what was never recorded nor asked about."""
        facts = never_recorded(c.routes) if c.status != "holds" else []
        return [msg("never_recorded", self.lang).format(facts=sep(self.lang).join(facts))] if facts else []

    def offences(self, offences: list[Conclusion], trees: Trees) -> list[Block]:
        out = []
        for n, c in enumerate(offences, 1):
            block = self.conclusion(c, f"{n}", 3, trees)
            # the unit paragraph and the heavier-provision rule, for the same subject
            subs = (s for s in self.report.conclusions if s.subject_term == c.subject_term and paragraph_of(s.id, c.id))
            block.paragraphs = [self.conclusion(sub, f"{n}.{k}", 4, trees) for k, sub in enumerate(subs, 1)]
            out.append(block)
        return out

    def conclusion(self, c: Conclusion, number: str, level: int, trees: Trees) -> Block:
        lang = self.lang
        key = c.explanation.atom if c.explanation is not None else f"not:{c.id}:{c.shown_subject}"
        block = Block(
            number=number,
            level=level,
            name=c.label + paren(c.shown_subject, lang),
            id=c.id,
            subject=c.subject,
            verdict=verdict(c, lang),
            citation=c.citation,
            rule_file=c.rule_file if self.debug else "",  # the rule's file and line: --debug only
            text=c.text,
            label=None if key in trees.printed else trees.define(key),
            findings=list(c.findings) if c.discretionary else None,
            unknown=list(c.depends_on_unknown),
            standards=standards_line(c, lang) if c.is_offence else None,
            not_assessed=c.certainty == "not_assessed",
            presumed=c.presumed,
            unverified=list(c.unverified),
            notes=list(c.notes) + self.unasked(c),
        )
        if c.explanation is not None:
            elements = [ch for ch in c.explanation.children if ch.kind == "provision"]
            if not c.explanation.any_of:
                block.elements = [e.text for e in elements]
            block.why = trees.nodes(c.explanation.children, 0)
        else:
            block.missing = closest_failures(c.routes, lang)
            block.why_not = trees.routes(c.routes, 0)
        return block

    def findings(self) -> list[Finding]:
        lang = self.lang
        facts = self.result.facts
        out = []
        for n, (sym, f) in enumerate(facts.findings.items(), 1):
            path = facts.atoms[sym].path
            prov = self.ex.cat[f.provision]
            resting = [c for c in self.report.conclusions if path in c.findings]
            against = [
                c
                for c in self.report.conclusions
                if not f.holds and c.id == f.provision and c.subject == f.subject and c.status != "holds"
            ]
            out.append(
                Finding(
                    number=n,
                    name=prov.label(lang) + paren(f.subject, lang),
                    holds=f.holds,
                    verdict=self.m("finding_holds" if f.holds else "finding_fails"),
                    citation=prov.citation(lang),
                    provision=f.provision,
                    subject=f.subject,
                    reason=f.reason,
                    by=f.by or None,
                    path=path,
                    rests=[mention(c, lang) for c in resting],
                    defeats=[mention(c, lang) for c in against],
                )
            )
        return out

    def passages(self) -> list[Passage]:
        """The passages whose text is not verified that some conclusion rests on, each with its
        document, confidence and the words encoded, for the reviewer to check against the official text."""
        lang = self.lang
        packs = by_id()
        out = []
        for pid in sorted({u for c in self.report.conclusions for u in c.unverified}):
            prov = self.ex.cat[pid]
            resting = [mention(c, lang) for c in self.report.conclusions if pid in c.unverified]
            out.append(
                Passage(
                    prov.citation(lang),
                    pid,
                    prov.text,
                    packs[prov.pack].title,
                    prov.confidence,
                    prov.file,
                    prov.line,
                    resting,
                )
            )
        return out

    def near_misses(self) -> list[NearMiss]:
        lang = self.lang
        return [
            NearMiss(
                nm.label + paren(nm.subject, lang), self.ex.cat[nm.provision].citation(lang), nm.provision, nm.text
            )
            for nm in self.report.near_misses(self.near_miss)
        ]

    def legend(self) -> list[Row]:
        rows = [Row(mark, kind_label(kind, self.lang)) for kind, mark in MARKS.items()]
        rows.append(Row("✔ / ✘", f"{self.m('element_met')} / {self.m('element_missing')}"))
        rows.append(Row("≈", self.m("report_near")))
        rows.append(Row("〔R1〕", self.m("report_label_meaning")))
        return rows


def build_memo(
    case: Case,
    report: Report,
    result: Result,
    source: bytes,
    depth: int | None = None,
    near_miss: float = 0.8,
    debug: bool = False,
    expand: bool = False,
) -> Memo:
    """The memo of a reasoned case.  Built twice: the first pass finds which subtrees are given in
    full and which are met again, the second labels those that are referred to."""
    builder = _Builder(case, report, result, source, depth, near_miss, debug, expand)
    _, seen = builder.build({})
    memo, _ = builder.build(seen.labels())
    return memo
