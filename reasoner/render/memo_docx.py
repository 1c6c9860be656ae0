"""The review memo as a Word document (.docx), from its document model, with python-docx.

Real heading styles (Word's navigation pane shows the memo's structure), tables for the summary,
the facts, the legend and the receipt (at the end), the why-trees and why-not routes as indented
lines with the statute's words and citations in their own style, and a subtree given in full
once bookmarked where it stands and linked to from elsewhere.  Page, fonts and the bytes'
determinism are set up in :mod:`reasoner.render.memo_docx_setup`.
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from reasoner.explain.i18n import msg
from reasoner.render.memo_docx_setup import MUTED, new_document, to_bytes
from reasoner.render.memo_model import Conclusion, FactRow, Finding, Memo, Row, Step
from reasoner.render.memo_runs import (
    Run,
    header_label,
    joined,
    mark_runs,
    marked,
    marks_runs,
    mention_runs,
    step_runs,
    text_runs,
)

_COLOURS = {
    "ok": RGBColor(0x1B, 0x6E, 0x20),
    "no": RGBColor(0xA3, 0x16, 0x1A),
    "open": RGBColor(0x8A, 0x5A, 0x00),
    "mark": MUTED,
    "label": MUTED,
}
_LINK = RGBColor(0x1A, 0x4F, 0x8A)


#: Characters XML 1.0 cannot hold (control characters in a case's text): left out of the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run(
    parent: object,
    text: str,
    style_id: str | None,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    underline: bool = False,
) -> None:
    """A run (w:r) of text: its properties in the order the schema gives them, a line break for
    each newline."""
    r = SubElement(parent, qn("w:r"))
    if style_id or bold or italic or colour or underline:
        rpr = SubElement(r, qn("w:rPr"))
        if style_id:
            SubElement(rpr, qn("w:rStyle"), {qn("w:val"): style_id})
        if bold:
            SubElement(rpr, qn("w:b"))
        if italic:
            SubElement(rpr, qn("w:i"))
        if colour:
            SubElement(rpr, qn("w:color"), {qn("w:val"): str(colour)})
        if underline:
            SubElement(rpr, qn("w:u"), {qn("w:val"): "single"})
    for i, line in enumerate(_NOT_XML.sub("", text).split("\n")):
        if i:
            SubElement(r, qn("w:br"))
        t = SubElement(r, qn("w:t"))
        t.text = line
        if line != line.strip():
            t.set(qn("xml:space"), "preserve")


class DocxMemo:
    """Writes one memo into a Word document."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.lang = memo.lang
        self.doc: DocumentObject = new_document(memo)
        self.bookmarks = 0
        # python-docx looks a style up by name among hundreds on every use, and finds the end of the
        # body by scanning it: the ids are looked up once, and paragraphs go before the section's
        # properties directly (a memo has thousands of lines)
        self.style_ids = {s.name: s.style_id for s in self.doc.styles}
        self.end = self.doc.element.body.sectPr

    def m(self, key: str) -> str:
        return msg(key, self.lang)

    def label(self, key: str, mark: str = "") -> list[Run]:
        return [Run(mark + self.m(key), "strong"), Run(self.m("colon"))]

    # -- paragraphs and runs ----------------------------------------------------------------------
    def para(self, runs: list[Run], style: str | None = None, bookmark: str | None = None) -> Paragraph:
        element = OxmlElement("w:p")
        self.end.addprevious(element)
        p = Paragraph(element, self.doc._body)
        if style:
            element.get_or_add_pPr().style = self.style_ids[style]
        self.runs(p, runs)
        if bookmark:
            self.bookmark(p, bookmark)
        return p

    def runs(self, p: Paragraph, runs: list[Run]) -> None:
        """Runs written as Word's XML directly (python-docx's run API costs seconds on a long memo)."""
        for r in runs:
            if not r.text:
                continue
            if r.style == "ref":  # a link to a bookmark: a subtree given in full elsewhere
                link = SubElement(p._p, qn("w:hyperlink"), {qn("w:anchor"): r.target or "", qn("w:history"): "1"})
                _run(link, r.text, None, colour=_LINK, underline=True)
                continue
            style = {"code": "Code", "statute": "Statute", "cite": "Citation"}.get(r.style)
            _run(
                p._p,
                r.text,
                self.style_ids[style] if style else None,
                bold=r.style in ("strong", "ok", "no", "open", "label"),
                italic=r.style in ("em", "more"),
                colour=_COLOURS.get(r.style, MUTED if r.style == "more" else None),
            )

    def bookmark(self, p, name: str) -> None:
        self.bookmarks += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.bookmarks))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self.bookmarks))
        p._p.insert(1 if p._p.pPr is not None else 0, start)
        p._p.append(end)

    def heading(self, text: str, level: int, runs: list[Run] | None = None, bookmark: str | None = None):
        return self.para([Run(text)] + (runs or []), f"Heading {level}", bookmark)

    def table(self, heads: list[str], rows: list[list[list[Run]]], widths: list[float]) -> None:
        table = self.doc.add_table(rows=1, cols=len(heads))
        table.style = "Table Grid"
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for cell, head, width in zip(table.rows[0].cells, heads, widths, strict=True):
            cell.width = Cm(width)
            self.runs(cell.paragraphs[0], [Run(head, "strong")])
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # the head row again on every page
        header.append(repeat)
        for row in rows:
            cells = table.add_row().cells
            for cell, runs, width in zip(cells, row, widths, strict=True):
                cell.width = Cm(width)
                self.runs(cell.paragraphs[0], runs)
        self.para([])

    # -- sections ---------------------------------------------------------------------------------
    def write(self) -> DocumentObject:
        memo = self.memo
        self.head()
        self.heading(self.m("summary"), 2)
        if memo.summary:
            heads = [self.m(k) for k in ("status", "offence", "subject", "flags")]
            rows = [
                [mark_runs(r.verdict), [Run(r.label + " · "), Run(r.citation, "cite")], [Run(r.subject, "code")]]
                + [marks_runs(r.flags, self.lang)]
                for r in memo.summary
            ]
            self.table(heads, rows, [2.6, 7.4, 2.2, 4.0])
        else:
            self.para([Run(self.m("report_no_offence"))])
        self.persons()
        self.facts()
        self.heading(self.m("report_offences"), 2)
        self.para([Run(self.m("report_offences_intro"))])
        if not memo.offences:
            self.para([Run(self.m("report_no_offence"))])
        for c in memo.offences:
            self.conclusion(c)
            for sub in c.paragraphs:
                self.conclusion(sub)
        self.findings()
        self.passages()
        self.near_misses()
        self.rows("report_legend", "report_mark", "report_meaning", memo.legend, [3.0, 13.2])
        self.rows("report_receipt", "report_item", "report_value", memo.receipt, [6.2, 10.0])
        return self.doc

    def head(self) -> None:
        h = self.memo.header
        self.heading(h.title, 1)
        self.para([Run(self.m("case") + " "), Run(h.case_id, "code"), Run(" · "), Run(h.file, "code")])
        for key, value in (("case_number", h.case_number), ("handler", h.handler), ("review_date", h.review_date)):
            if value:  # only those the case file gives
                self.para([Run(header_label(key, self.lang) + self.m("colon"), "strong"), Run(value)])
        self.para([Run("⚑ " + h.standards)])
        self.para([Run(h.intro)], "Memo Intro")

    def persons(self) -> None:
        """A section per defendant: each line a label and its text."""
        if not self.memo.persons:
            return
        self.heading(self.m("report_persons"), 2)
        self.para([Run(self.m("report_persons_intro"))])
        for person in self.memo.persons:
            self.heading(person.heading, 3)
            for n in person.notes:
                self.para([Run(n.label, "strong"), Run(self.m("colon") + n.text)])

    def facts(self) -> None:
        self.heading(self.m("report_facts"), 2)
        self.para([Run(self.m("report_facts_intro"))])
        for rec in self.memo.facts:
            self.heading(rec.heading, 3)
            for n in rec.notes:
                self.para([Run(n.label, "em"), Run(self.m("colon") + n.text)])
            self.fact_table(rec.facts)
        if self.memo.unknown:
            self.heading(self.m("report_unknown"), 3)
            self.fact_table(self.memo.unknown)

    def fact_table(self, rows: list[FactRow]) -> None:
        heads = [self.m("fact"), self.m("case_path")]
        self.table(heads, [[[Run(f.text)], [Run(f.path, "code")]] for f in rows], [10.2, 6.0])

    def conclusion(self, c: Conclusion) -> None:
        lang = self.lang
        label = [Run(f" 〔{c.label}〕", "label")] if c.label else []
        verdict = [Run(" — "), *mark_runs(c.verdict), *label]
        self.heading(f"{c.number} {c.name}", c.level, verdict, c.label.lower() if c.label else None)
        rule = [Run(" · "), Run(c.rule_file, "code")] if c.rule_file else []  # --debug only
        self.para([Run(c.citation, "cite"), Run(" · "), Run(c.id, "code"), *rule])
        self.para([Run(c.text)], "Statute Quote")
        if c.findings is not None:
            self.para(self.label("discretionary_note", "⚖ ") + joined(c.findings, lang))
        if c.unknown:
            self.para(self.label("depends_on_unknown", "? ") + joined(c.unknown, lang))
        if c.standards:
            self.para([Run("⚑ " + c.standards)])
        if c.not_assessed:
            self.para([Run("⊘ " + self.m("not_assessed_why"))])
        if c.presumed:
            self.para([Run("⚐ " + self.m("presumed_knowledge"), "strong")])
        if c.unverified:
            self.para(self.label("unverified_passages", "⚠ ") + joined(c.unverified, lang))
        for note in c.notes:
            self.para([Run("ℹ " + note)], "List Bullet")
        if c.why is not None:
            if c.elements:
                self.para(self.label("elements") + joined(c.elements, lang, "", "✔ "))
            self.para([Run(self.m("explanations"), "strong")])
            self.steps(c.why, 0)
        else:
            if c.missing:
                self.para(self.label("report_missing") + marked(c.missing, lang))
            self.para([Run(self.m("report_why_not"), "strong")])
            self.steps(c.why_not, 0)
            if not c.why_not:
                self.tree_line([Run(self.m("report_no_route"))], 0)

    def steps(self, steps: list[Step], level: int) -> None:
        for s in steps:
            self.tree_line(step_runs(s, self.lang), level, s.label.lower() if s.label else None)
            self.steps(s.children, level + 1)

    def tree_line(self, runs: list[Run], level: int, bookmark: str | None = None) -> None:
        """A line of a tree, indented by its depth (deep trees are squeezed so that the text keeps a width)."""
        p = self.para(runs, "Tree", bookmark)
        step = 0.55 if level <= 12 else 6.6 / level
        p.paragraph_format.left_indent = Cm(0.4 + step * level)

    def findings(self) -> None:
        self.heading(self.m("report_findings"), 2)
        if not self.memo.findings:
            self.para([Run(self.m("report_no_findings"))])
            return
        self.para([Run(self.m("report_findings_intro"))])
        for f in self.memo.findings:
            self.finding(f)

    def finding(self, f: Finding) -> None:
        c = self.m("colon")
        self.heading(f"{f.number} {f.name} — {f.verdict}", 3)
        by = f.by if f.by else self.m("report_by_none")
        for runs in (
            [Run(self.m("report_provision") + c), Run(f.citation, "cite"), Run(" · "), Run(f.provision, "code")],
            [Run(self.m("subject") + c), Run(f.subject, "code")],
            [Run(self.m("reason") + c + f.reason)],
            [Run(self.m("by") + c + by)],
            [Run(self.m("case_path") + c), Run(f.path, "code")],
        ):
            self.para(runs, "List Bullet")
        for key, mentions in (("report_rests", f.rests), ("report_defeats", f.defeats)):
            if mentions:
                self.para([Run(self.m(key) + c)], "List Bullet")
                for x in mentions:
                    self.para(mention_runs(x), "List Bullet 2")
        if not f.rests and not f.defeats:
            self.para([Run(self.m("report_unused"))], "List Bullet")

    def passages(self) -> None:
        self.heading(self.m("report_unverified"), 2)
        if not self.memo.passages:
            self.para([Run(self.m("report_no_unverified"))])
            return
        self.para([Run(self.m("report_unverified_intro"))])
        c = self.m("colon")
        for p in self.memo.passages:
            self.heading("", 3, [Run(p.citation, "cite"), Run(" · "), Run(p.id, "code")])
            self.para([Run(p.text)], "Statute Quote")
            document = [Run(self.m("report_document") + c + p.document + " · " + self.m("report_confidence") + " ")]
            document += [Run(p.confidence, "code"), Run(" · "), Run(p.file, "code"), Run(f":{p.line}")]
            self.para(document, "List Bullet")
            self.para([Run(self.m("report_rests") + c)], "List Bullet")
            for x in p.rests:
                self.para(mention_runs(x), "List Bullet 2")

    def near_misses(self) -> None:
        self.heading(self.m("report_near_misses"), 2)
        self.para([Run(msg("report_near_intro", self.lang).format(share=self.memo.near_share))])
        if not self.memo.near_misses:
            self.para([Run(self.m("report_no_near_misses"))])
            return
        for nm in self.memo.near_misses:
            runs = [Run("≈ "), Run(nm.name, "strong"), Run(" · "), Run(nm.citation, "cite"), Run(" · ")]
            self.para(runs + [Run(nm.provision, "code")], "List Bullet")
            self.para(text_runs(nm.text), "List Bullet 2")

    def rows(self, title: str, left: str, right: str, rows: list[Row], widths: list[float]) -> None:
        self.heading(self.m(title), 2)
        cells = [[[Run(r.item)], [Run(r.value, "code" if r.code else "")]] for r in rows]
        self.table([self.m(left), self.m(right)], cells, widths)


def render_docx(memo: Memo) -> bytes:
    """The memo as the bytes of a .docx file (the same memo gives the same bytes)."""
    return to_bytes(DocxMemo(memo).write())
