"""The review memo: one case as Markdown that a reviewer can read top to bottom without the tool.

Everything in it is read from the same Report (conclusions, why-trees, why-not routes, near
misses) that ``reasoner check`` prints, and from the atoms the case became; nothing here knows the
law.  A subtree that occurs more than once is printed in full once, under a visible label
(〔R1〕, with an HTML anchor), and referred to elsewhere; ``depth`` cuts trees off at that many
levels and says how many lines were left out.  The output depends only on the case file, the
rules and the versions named in its receipt (no clock is read), so the same case gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reasoner.case.edits import judged_on
from reasoner.case.model import Case
from reasoner.explain.conclusions import build
from reasoner.explain.i18n import msg, paren, sep
from reasoner.explain.report import Conclusion, Report
from reasoner.explain.why import Explainer
from reasoner.law.packs import by_id
from reasoner.render.markdown import (
    closest_failures,
    code,
    flags,
    kind_label,
    md,
    mention,
    paragraph_of,
    verdict,
    with_asp,
)
from reasoner.render.marks import MARKS
from reasoner.render.memo_facts import FactsSection
from reasoner.render.memo_receipt import receipt
from reasoner.render.memo_trees import Pass, Trees
from reasoner.render.standards import standards_line, standards_text
from reasoner.solve.engine import reason
from reasoner.solve.result import Result


class _Memo:
    """The sections of one case's memo, written in order into a list of lines."""

    def __init__(self, case: Case, report: Report, result: Result, source: bytes, depth: int | None, near_miss: float):
        self.case = case
        self.report = report
        self.result = result
        self.source = source
        self.depth = depth
        self.near_miss = near_miss
        self.lang = report.lang
        self.ex = Explainer(result, report.lang)

    def m(self, key: str, **kw: object) -> str:
        text = msg(key, self.lang)
        return text.format(**kw) if kw else text

    def render(self, labels: dict[str, str]) -> tuple[str, Pass]:
        trees = Trees(self.report, self.depth, labels)
        out: list[str] = []
        self.head(out)
        self.summary(out)
        FactsSection(self.case, self.result, self.ex, self.lang).write(out)
        self.offences(out, trees)
        self.findings(out)
        self.unverified(out)
        self.near_misses(out)
        self.legend(out)
        receipt(self.case, self.report, self.source, self.depth, self.near_miss, out)
        lines = [line.rstrip() for line in out]
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n", trees.seen

    # -- sections ---------------------------------------------------------------------------------
    def head(self, out: list[str]) -> None:
        info = self.case.case
        title = f"{self.m('report_title')}{self.m('colon')}{info.title or info.id}"
        out += [f"# {md(title)}", ""]
        out += [f"{md(self.m('case'))} {code(info.id)} · {code(self.report.file)}", ""]
        out += [f"⚑ {md(standards_text(self.report, self.lang))}", ""]
        out += [f"> {md(self.m('report_intro'))}", ""]

    def summary(self, out: list[str]) -> None:
        lang = self.lang
        offences = [c for c in self.report.conclusions if c.is_offence]
        out += [f"## {md(self.m('summary'))}", ""]
        if not offences:
            out += [md(self.m("report_no_offence")), ""]
            return
        out += [
            f"| {md(self.m('status'))} | {md(self.m('offence'))} | {md(self.m('subject'))} | {md(self.m('flags'))} |",
            "|---|---|---|---|",
        ]
        for c in offences:
            subject = code(c.shown_subject)
            out.append(f"| {verdict(c, lang)} | {md(c.label)} · {md(c.citation)} | {subject} | {flags(c, lang)} |")
        out.append("")

    def offences(self, out: list[str], trees: Trees) -> None:
        out += [f"## {md(self.m('report_offences'))}", "", md(self.m("report_offences_intro")), ""]
        offences = [c for c in self.report.conclusions if c.is_offence]
        if not offences:
            out += [md(self.m("report_no_offence")), ""]
        for n, c in enumerate(offences, 1):
            self.conclusion(c, f"{n}", 3, out, trees)
            # the unit paragraph and the heavier-provision rule, for the same subject
            for k, sub in enumerate(
                (s for s in self.report.conclusions if s.subject_term == c.subject_term and paragraph_of(s.id, c.id)), 1
            ):
                self.conclusion(sub, f"{n}.{k}", 4, out, trees)

    def conclusion(self, c: Conclusion, number: str, level: int, out: list[str], trees: Trees) -> None:
        lang = self.lang
        key = c.explanation.atom if c.explanation is not None else f"not:{c.id}:{c.shown_subject}"
        anchor = "" if key in trees.printed else trees.define(key)
        title = f"{number} {c.label}{paren(c.shown_subject, lang)}"
        out += [f"{'#' * level} {md(title)} — {verdict(c, lang)}{anchor}", ""]
        out += [f"{md(c.citation)} · {code(c.id)} · {code(c.rule_file)}", ""]
        out += [f"> {md(c.text)}", ""]
        if c.discretionary:
            out += [
                f"**⚖ {md(self.m('discretionary_note'))}**{md(self.m('colon'))}"
                + sep(lang).join(code(f) for f in c.findings),
                "",
            ]
        if c.depends_on_unknown:
            out += [
                f"**? {md(self.m('depends_on_unknown'))}**{md(self.m('colon'))}"
                + sep(lang).join(code(f) for f in c.depends_on_unknown),
                "",
            ]
        line = standards_line(c, lang) if c.is_offence else None
        if line:
            out += [f"⚑ {md(line)}", ""]
        if c.certainty == "not_assessed":
            out += [f"⊘ {md(self.m('not_assessed_why'))}", ""]
        if c.presumed:
            out += [f"**⚐ {md(self.m('presumed_knowledge'))}**", ""]
        if c.unverified:
            out += [
                f"**⚠ {md(self.m('unverified_passages'))}**{md(self.m('colon'))}"
                + sep(lang).join(code(u) for u in c.unverified),
                "",
            ]
        for note in c.notes:
            out += [f"- ℹ {md(note)}"]
        if c.notes:
            out.append("")
        if c.explanation is not None:
            elements = [ch for ch in c.explanation.children if ch.kind == "provision"]
            if elements and not c.explanation.any_of:
                out += [
                    f"**{md(self.m('elements'))}**{md(self.m('colon'))}"
                    + sep(lang).join(f"✔ {md(e.text)}" for e in elements),
                    "",
                ]
            out += [f"**{md(self.m('explanations'))}**", ""]
            trees.nodes(c.explanation.children, 0, out)
        else:
            failing = closest_failures(c.routes, lang)
            if failing:
                out += [
                    f"**{md(self.m('report_missing'))}**{md(self.m('colon'))}"
                    + sep(lang).join(f"✘ {md(t)}" for t in failing),
                    "",
                ]
            out += [f"**{md(self.m('report_why_not'))}**", ""]
            if c.routes:
                trees.routes(c.routes, 0, out)
            else:
                out.append(f"- {md(self.m('report_no_route'))}")
        out.append("")

    def findings(self, out: list[str]) -> None:
        lang = self.lang
        facts = self.result.facts
        out += [f"## {md(self.m('report_findings'))}", ""]
        if not facts.findings:
            out += [md(self.m("report_no_findings")), ""]
            return
        out += [md(self.m("report_findings_intro")), ""]
        for n, (sym, f) in enumerate(facts.findings.items(), 1):
            path = facts.atoms[sym].path
            prov = self.ex.cat[f.provision]
            verdict = self.m("finding_holds" if f.holds else "finding_fails")
            out += [f"### {n} {md(prov.label(lang))}{md(paren(f.subject, lang))} — {md(verdict)}", ""]
            c = md(self.m("colon"))
            out += [
                f"- {md(self.m('report_provision'))}{c}{md(prov.citation(lang))} · {code(f.provision)}",
                f"- {md(self.m('subject'))}{md(self.m('colon'))}{code(f.subject)}",
                f"- {md(self.m('reason'))}{md(self.m('colon'))}{md(f.reason)}",
                f"- {md(self.m('by'))}{md(self.m('colon'))}{md(f.by) if f.by else md(self.m('report_by_none'))}",
                f"- {md(self.m('case_path'))}{md(self.m('colon'))}{code(path)}",
            ]
            resting = [c for c in self.report.conclusions if path in c.findings]
            against = [
                c
                for c in self.report.conclusions
                if not f.holds and c.id == f.provision and c.subject == f.subject and c.status != "holds"
            ]
            if resting:
                out.append(f"- {md(self.m('report_rests'))}{md(self.m('colon'))}")
                out += [f"  - {mention(c, lang)}" for c in resting]
            if against:
                out.append(f"- {md(self.m('report_defeats'))}{md(self.m('colon'))}")
                out += [f"  - {mention(c, lang)}" for c in against]
            if not resting and not against:
                out.append(f"- {md(self.m('report_unused'))}")
            out.append("")

    def unverified(self, out: list[str]) -> None:
        """The passages whose text is not verified that some conclusion rests on, each with its
        document, confidence and the words encoded, for the reviewer to check against the official text."""
        lang = self.lang
        ids = sorted({u for c in self.report.conclusions for u in c.unverified})
        out += [f"## {md(self.m('report_unverified'))}", ""]
        if not ids:
            out += [md(self.m("report_no_unverified")), ""]
            return
        out += [md(self.m("report_unverified_intro")), ""]
        packs = by_id()
        for pid in ids:
            prov = self.ex.cat[pid]
            pack = packs[prov.pack]
            out += [f"### {md(prov.citation(lang))} · {code(pid)}", ""]
            out += [f"> {md(prov.text)}", ""]
            out.append(
                f"- {md(self.m('report_document'))}{md(self.m('colon'))}{md(pack.title)} · "
                f"{md(self.m('report_confidence'))} {code(prov.confidence)} · {code(prov.file)}:{prov.line}"
            )
            resting = [c for c in self.report.conclusions if pid in c.unverified]
            out.append(f"- {md(self.m('report_rests'))}{md(self.m('colon'))}")
            out += [f"  - {mention(c, lang)}" for c in resting]
            out.append("")

    def near_misses(self, out: list[str]) -> None:
        lang = self.lang
        share = int(self.near_miss * 100)
        out += [f"## {md(self.m('report_near_misses'))}", "", md(self.m("report_near_intro", share=share)), ""]
        misses = self.report.near_misses(self.near_miss)
        if not misses:
            out += [md(self.m("report_no_near_misses")), ""]
            return
        for nm in misses:
            cite = self.ex.cat[nm.provision].citation(lang)
            out.append(f"- ≈ **{md(nm.label)}{md(paren(nm.subject, lang))}** · {md(cite)} · {code(nm.provision)}")
            out.append(f"  - {with_asp(nm.text)}")
        out.append("")

    def legend(self, out: list[str]) -> None:
        out += [f"## {md(self.m('report_legend'))}", ""]
        out += [f"| {md(self.m('report_mark'))} | {md(self.m('report_meaning'))} |", "|---|---|"]
        for kind, mark in MARKS.items():
            out.append(f"| {mark} | {md(kind_label(kind, self.lang))} |")
        out.append(f"| ✔ / ✘ | {md(self.m('element_met'))} / {md(self.m('element_missing'))} |")
        out.append(f"| ≈ | {md(self.m('report_near'))} |")
        out.append(f"| 〔R1〕 | {md(self.m('report_label_meaning'))} |")
        out.append("")


def markdown(
    case: Case,
    file: str,
    lang: str = "zh",
    depth: int | None = None,
    near_miss: float = 0.8,
    result: Result | None = None,
    source: bytes | None = None,
    as_of: str | None = None,
    standards: dt.date | None = None,
) -> str:
    """The memo for a case read from ``file`` (whose bytes are hashed into the receipt); ``as_of``
    (``--as-of``) overrides the case file's date of judgment; ``standards`` (``--standards``) fixes
    the documents applied to those in force on that day."""
    if as_of is not None:
        case = judged_on(case, as_of)
    result = result or reason(case, "--as-of" if as_of is not None else "case.as_of", standards)
    report = build(case, file, lang, result)
    data = source if source is not None else Path(file).read_bytes()
    memo = _Memo(case, report, result, data, depth, near_miss)
    # first pass: which subtrees are printed in full and which are met again; then label those
    _, seen = memo.render({})
    wanted = seen.again | (seen.cut & set(seen.defined))
    labels: dict[str, str] = {}
    for key in seen.defined:
        if key in wanted and key not in labels:
            labels[key] = f"R{len(labels) + 1}"
    text, _ = memo.render(labels)
    return text
