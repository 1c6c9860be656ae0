"""The review memo written as Markdown, from its document model.

Text from the case file and the rules is escaped (or set in code spans), so that it cannot change
the Markdown structure; a subtree given in full once carries an HTML anchor (``<a id="r1">``) and
is linked to from elsewhere.
"""

from __future__ import annotations

from reasoner.explain.i18n import msg, sep
from reasoner.render.markdown import code, md, with_asp
from reasoner.render.memo_model import Conclusion, Finding, Mark, Memo, Mention, Row, Step
from reasoner.render.memo_runs import header_label


def mark(m: Mark) -> str:
    return f"{m.mark} {md(m.text)}"


def anchor(label: str | None) -> str:
    return f' <a id="{label.lower()}"></a>〔{label}〕' if label else ""


class MarkdownMemo:
    """Writes one memo into a list of lines."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.lang = memo.lang
        self.out: list[str] = []

    def m(self, key: str) -> str:
        return md(msg(key, self.lang))

    def label(self, key: str, mark: str = "") -> str:
        """A label before a value: '**⚖ label**：'."""
        return f"**{mark}{self.m(key)}**{self.m('colon')}"

    def text(self) -> str:
        memo, out = self.memo, self.out
        self.head()
        self.summary()
        self.persons()
        self.facts()
        out += [f"## {self.m('report_offences')}", "", self.m("report_offences_intro"), ""]
        if not memo.offences:
            out += [self.m("report_no_offence"), ""]
        for c in memo.offences:
            self.conclusion(c)
            for sub in c.paragraphs:
                self.conclusion(sub)
        self.findings()
        self.passages()
        self.near_misses()
        self.table("report_legend", "report_mark", "report_meaning", memo.legend, escape_item=False)
        self.table("report_receipt", "report_item", "report_value", memo.receipt)
        lines = [line.rstrip() for line in out]
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n"

    # -- sections ---------------------------------------------------------------------------------
    def head(self) -> None:
        h = self.memo.header
        self.out += [f"# {md(h.title)}", ""]
        self.out += [f"{self.m('case')} {code(h.case_id)} · {code(h.file)}", ""]
        for key, value in (("case_number", h.case_number), ("handler", h.handler), ("review_date", h.review_date)):
            if value:  # only those the case file gives
                self.out += [f"{md(header_label(key, self.lang))}{self.m('colon')}{md(value)}", ""]
        self.out += [f"⚑ {md(h.standards)}", ""]
        self.out += [f"> {md(h.intro)}", ""]

    def summary(self) -> None:
        out = self.out
        out += [f"## {self.m('summary')}", ""]
        if not self.memo.summary:
            out += [self.m("report_no_offence"), ""]
            return
        out += [
            f"| {self.m('status')} | {self.m('offence')} | {self.m('subject')} | {self.m('flags')} |",
            "|---|---|---|---|",
        ]
        for r in self.memo.summary:
            flags = md(sep(self.lang)).join(mark(f) for f in r.flags)
            out.append(f"| {mark(r.verdict)} | {md(r.label)} · {md(r.citation)} | {code(r.subject)} | {flags} |")
        out.append("")

    def persons(self) -> None:
        """A section per defendant: each line a label and its text."""
        if not self.memo.persons:
            return
        out = self.out
        out += [f"## {self.m('report_persons')}", "", self.m("report_persons_intro"), ""]
        for person in self.memo.persons:
            out += [f"### {md(person.heading)}", ""]
            out += [f"- **{md(n.label)}**{self.m('colon')}{md(n.text)}" for n in person.notes] + [""]

    def facts(self) -> None:
        out = self.out
        out += [f"## {self.m('report_facts')}", "", self.m("report_facts_intro"), ""]
        head = [f"| {self.m('fact')} | {self.m('case_path')} |", "|---|---|"]
        for rec in self.memo.facts:
            out += [f"### {md(rec.heading)}", ""]
            for note in rec.notes:
                out += [f"*{md(note.label)}*{self.m('colon')}{md(note.text)}", ""]
            out += head + [f"| {md(f.text)} | {code(f.path)} |" for f in rec.facts] + [""]
        if self.memo.unknown:
            out += [f"### {self.m('report_unknown')}", ""]
            out += head + [f"| {md(f.text)} | {code(f.path)} |" for f in self.memo.unknown] + [""]

    def conclusion(self, c: Conclusion) -> None:
        out, lang = self.out, self.lang
        out += [f"{'#' * c.level} {md(f'{c.number} {c.name}')} — {mark(c.verdict)}{anchor(c.label)}", ""]
        rule = f" · {code(c.rule_file)}" if c.rule_file else ""  # --debug only
        out += [f"{md(c.citation)} · {code(c.id)}{rule}", ""]
        out += [f"> {md(c.text)}", ""]
        if c.findings is not None:
            out += [self.label("discretionary_note", "⚖ ") + sep(lang).join(map(code, c.findings)), ""]
        if c.unknown:
            out += [self.label("depends_on_unknown", "? ") + sep(lang).join(map(code, c.unknown)), ""]
        if c.standards:
            out += [f"⚑ {md(c.standards)}", ""]
        if c.not_assessed:
            out += [f"⊘ {self.m('not_assessed_why')}", ""]
        if c.presumed:
            out += [f"**⚐ {self.m('presumed_knowledge')}**", ""]
        if c.unverified:
            out += [self.label("unverified_passages", "⚠ ") + sep(lang).join(map(code, c.unverified)), ""]
        out += [f"- ℹ {md(note)}" for note in c.notes] + ([""] if c.notes else [])
        if c.why is not None:
            if c.elements:
                out += [self.label("elements") + sep(lang).join(f"✔ {md(e)}" for e in c.elements), ""]
            out += [f"**{self.m('explanations')}**", ""]
            self.steps(c.why, 0)
        else:
            if c.missing:
                out += [self.label("report_missing") + sep(lang).join(md(t) for t in c.missing), ""]
            out += [f"**{self.m('report_why_not')}**", ""]
            self.steps(c.why_not, 0)
            if not c.why_not:
                out.append(f"- {self.m('report_no_route')}")
        out.append("")

    def findings(self) -> None:
        out = self.out
        out += [f"## {self.m('report_findings')}", ""]
        if not self.memo.findings:
            out += [self.m("report_no_findings"), ""]
            return
        out += [self.m("report_findings_intro"), ""]
        for f in self.memo.findings:
            self.finding(f)

    def finding(self, f: Finding) -> None:
        c = self.m("colon")
        self.out += [f"### {f.number} {md(f.name)} — {md(f.verdict)}", ""]
        self.out += [
            f"- {self.m('report_provision')}{c}{md(f.citation)} · {code(f.provision)}",
            f"- {self.m('subject')}{c}{code(f.subject)}",
            f"- {self.m('reason')}{c}{md(f.reason)}",
            f"- {self.m('by')}{c}{md(f.by) if f.by else self.m('report_by_none')}",
            f"- {self.m('case_path')}{c}{code(f.path)}",
        ]
        self.mentions("report_rests", f.rests)
        self.mentions("report_defeats", f.defeats)
        if not f.rests and not f.defeats:
            self.out.append(f"- {self.m('report_unused')}")
        self.out.append("")

    def mentions(self, key: str, mentions: list[Mention]) -> None:
        if mentions:
            self.out.append(f"- {self.m(key)}{self.m('colon')}")
            self.out += [f"  - {mention(x)}" for x in mentions]

    def passages(self) -> None:
        out = self.out
        out += [f"## {self.m('report_unverified')}", ""]
        if not self.memo.passages:
            out += [self.m("report_no_unverified"), ""]
            return
        out += [self.m("report_unverified_intro"), ""]
        for p in self.memo.passages:
            out += [f"### {md(p.citation)} · {code(p.id)}", "", f"> {md(p.text)}", ""]
            out.append(
                f"- {self.m('report_document')}{self.m('colon')}{md(p.document)} · "
                f"{self.m('report_confidence')} {code(p.confidence)} · {code(p.file)}:{p.line}"
            )
            out.append(f"- {self.m('report_rests')}{self.m('colon')}")
            out += [f"  - {mention(x)}" for x in p.rests]
            out.append("")

    def near_misses(self) -> None:
        out = self.out
        intro = md(msg("report_near_intro", self.lang).format(share=self.memo.near_share))
        out += [f"## {self.m('report_near_misses')}", "", intro, ""]
        if not self.memo.near_misses:
            out += [self.m("report_no_near_misses"), ""]
            return
        for nm in self.memo.near_misses:
            out.append(f"- ≈ **{md(nm.name)}** · {md(nm.citation)} · {code(nm.provision)}")
            out.append(f"  - {with_asp(nm.text)}")
        out.append("")

    def table(self, title: str, left: str, right: str, rows: list[Row], escape_item: bool = True) -> None:
        self.out += [f"## {self.m(title)}", ""]
        self.out += [f"| {self.m(left)} | {self.m(right)} |", "|---|---|"]
        for r in rows:
            item = md(r.item) if escape_item else r.item
            self.out.append(f"| {item} | {code(r.value) if r.code else md(r.value)} |")
        self.out.append("")

    # -- trees ------------------------------------------------------------------------------------
    def steps(self, steps: list[Step], level: int) -> None:
        for s in steps:
            self.out.append(f"{'  ' * level}- {self.step(s)}")
            self.steps(s.children, level + 1)

    def step(self, s: Step) -> str:
        lang = self.lang
        marks = ([("?" if s.open else "✔" if s.status else "✘")] if s.status is not None else []) + (
            [s.mark] if s.mark else []
        )
        if s.style == "strong":
            text = f"**{md(s.text)}**"
        else:
            text = with_asp(s.text) if s.style == "asp" else md(s.text)
        if s.citation is not None:
            text += f" · {md(s.citation)}"
        if s.path:
            text += f" — {self.m('case_path')} {code(s.path)}"
        if s.rule:
            text += f" · {code(s.rule)}"
        if s.any_of:
            text += f" — {self.m('any_of')}"
        if s.discretionary:
            text += f" **⚖ {self.m('discretionary')}**"
        line = " ".join(marks) + " " + text
        if s.again:
            ref = s.ref and msg("report_see", lang).format(ref=f"[〔{s.ref}〕](#{s.ref.lower()})")
            return f"{line} → {ref or self.m('see_above')}"
        if s.more is not None:
            return f"{line} — {md(msg('report_more', lang).format(n=s.more))}"
        return line + anchor(s.label)


def mention(x: Mention) -> str:
    """A conclusion named in one line (an offence in bold)."""
    star = "**" if x.offence else ""
    return f"{mark(x.verdict)} {star}{md(x.name)}{star} · {code(x.id)}"


def render_markdown(memo: Memo) -> str:
    """The memo as Markdown text, one newline at the end."""
    return MarkdownMemo(memo).text()
