"""The review memo as one self-contained HTML page, from its document model.

No network: the stylesheet is inline, there are no scripts, fonts or images to fetch.  Every
why-tree and why-not route is foldable (``<details>``, each line with lines below it a
``<summary>``); each line shows its words, citation, figures and case field.  Printed, the page is
A4 and every fold is open.  Every string from the case or the rules is escaped.
"""

from __future__ import annotations

from html import escape

from reasoner.explain.i18n import msg
from reasoner.render.memo_css import CSS
from reasoner.render.memo_model import Conclusion, Finding, Memo, Row, Step
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

_TAGS = {
    "strong": ("<strong>", "</strong>"),
    "code": ("<code>", "</code>"),
    "cite": ('<span class="cite">', "</span>"),
    "statute": ('<span class="statute">', "</span>"),
    "ok": ('<span class="ok">', "</span>"),
    "no": ('<span class="no">', "</span>"),
    "open": ('<span class="open">', "</span>"),
    "mark": ('<span class="mark">', "</span>"),
    "more": ('<span class="more">', "</span>"),
    "label": ('<span class="label">', "</span>"),
    "em": ("<em>", "</em>"),
}


def e(text: str) -> str:
    return escape(text, quote=True)


def runs(rs: list[Run]) -> str:
    out = []
    for r in rs:
        if r.style == "ref":
            out.append(f'<a class="ref" href="#{e(r.target or "")}">{e(r.text)}</a>')
        elif r.style in _TAGS:
            opening, closing = _TAGS[r.style]
            out.append(f"{opening}{e(r.text)}{closing}")
        else:
            out.append(e(r.text))
    return "".join(out)


class HtmlMemo:
    """Writes one memo into a list of HTML lines."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.lang = memo.lang
        self.out: list[str] = []

    def m(self, key: str) -> str:
        return e(msg(key, self.lang))

    def label(self, key: str, mark: str = "") -> str:
        return f"<strong>{e(mark)}{self.m(key)}</strong>{self.m('colon')}"

    def page(self) -> str:
        memo = self.memo
        lang = "zh-CN" if self.lang == "zh" else "en"
        self.out += [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(memo.header.title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            '<main class="memo">',
        ]
        self.head()
        self.summary()
        self.persons()
        self.facts()
        self.offences()
        self.findings()
        self.passages()
        self.near_misses()
        self.table("legend", "report_legend", "report_mark", "report_meaning", memo.legend)
        self.table("receipt", "report_receipt", "report_item", "report_value", memo.receipt)
        self.out += ["</main>", "</body>", "</html>"]
        return "\n".join(self.out) + "\n"

    # -- sections ---------------------------------------------------------------------------------
    def head(self) -> None:
        h = self.memo.header
        self.out += ["<header>", f"<h1>{e(h.title)}</h1>"]
        self.out.append(f'<p class="case">{self.m("case")} <code>{e(h.case_id)}</code> · <code>{e(h.file)}</code></p>')
        for key, value in (("case_number", h.case_number), ("handler", h.handler), ("review_date", h.review_date)):
            if value:  # only those the case file gives
                self.out.append(f'<p class="slot">{e(header_label(key, self.lang))}{self.m("colon")}{e(value)}</p>')
        self.out.append(f'<p class="standards">⚑ {e(h.standards)}</p>')
        self.out += [f'<blockquote class="intro">{e(h.intro)}</blockquote>', "</header>"]

    def summary(self) -> None:
        self.out += ['<section id="summary">', f"<h2>{self.m('summary')}</h2>"]
        if not self.memo.summary:
            self.out += [f"<p>{self.m('report_no_offence')}</p>", "</section>"]
            return
        heads = [self.m(k) for k in ("status", "offence", "subject", "flags")]
        self.out += [
            '<table class="summary">',
            "<thead><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr></thead>",
        ]
        self.out.append("<tbody>")
        for r in self.memo.summary:
            cells = [
                runs(mark_runs(r.verdict)),
                f'{e(r.label)} · <span class="cite">{e(r.citation)}</span>',
                f"<code>{e(r.subject)}</code>",
                runs(marks_runs(r.flags, self.lang)),
            ]
            self.out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        self.out += ["</tbody>", "</table>", "</section>"]

    def persons(self) -> None:
        """A section per defendant: each line a label and its text."""
        if not self.memo.persons:
            return
        out = self.out
        out += [
            '<section id="persons">',
            f"<h2>{self.m('report_persons')}</h2>",
            f"<p>{self.m('report_persons_intro')}</p>",
        ]
        for person in self.memo.persons:
            out += [f"<h3>{e(person.heading)}</h3>", '<ul class="person">']
            out += [f"<li><strong>{e(n.label)}</strong>{self.m('colon')}{e(n.text)}</li>" for n in person.notes]
            out.append("</ul>")
        out.append("</section>")

    def facts(self) -> None:
        out = self.out
        out += ['<section id="facts">', f"<h2>{self.m('report_facts')}</h2>", f"<p>{self.m('report_facts_intro')}</p>"]
        for rec in self.memo.facts:
            out.append(f"<h3>{e(rec.heading)}</h3>")
            out += [f'<p class="note"><em>{e(n.label)}</em>{self.m("colon")}{e(n.text)}</p>' for n in rec.notes]
            self.fact_table(rec.facts)
        if self.memo.unknown:
            out.append(f"<h3>{self.m('report_unknown')}</h3>")
            self.fact_table(self.memo.unknown)
        out.append("</section>")

    def fact_table(self, rows: list) -> None:
        self.out += ['<table class="facts">', f"<thead><tr><th>{self.m('fact')}</th><th>{self.m('case_path')}</th>"]
        self.out += ["</tr></thead>", "<tbody>"]
        self.out += [f"<tr><td>{e(f.text)}</td><td><code>{e(f.path)}</code></td></tr>" for f in rows]
        self.out += ["</tbody>", "</table>"]

    def offences(self) -> None:
        out = self.out
        out += ['<section id="offences">', f"<h2>{self.m('report_offences')}</h2>"]
        out.append(f"<p>{self.m('report_offences_intro')}</p>")
        if not self.memo.offences:
            out.append(f"<p>{self.m('report_no_offence')}</p>")
        for c in self.memo.offences:
            self.conclusion(c)
            for sub in c.paragraphs:
                self.conclusion(sub)
        out.append("</section>")

    def conclusion(self, c: Conclusion) -> None:
        out, lang = self.out, self.lang
        ident = f' id="{e(c.label.lower())}"' if c.label else ""
        label = f' <span class="label">〔{e(c.label)}〕</span>' if c.label else ""
        verdict = runs(mark_runs(c.verdict))
        out += [f'<article class="conclusion level{c.level}">', f"<h{c.level}{ident}>{e(c.number)} {e(c.name)} — "]
        out[-1] += f'<span class="verdict">{verdict}</span>{label}</h{c.level}>'
        out.append(f'<p class="cite"><span class="cite">{e(c.citation)}</span> · <code>{e(c.id)}</code>')
        out[-1] += (f" · <code>{e(c.rule_file)}</code>" if c.rule_file else "") + "</p>"  # --debug only
        out.append(f'<blockquote class="statute">{e(c.text)}</blockquote>')
        if c.findings is not None:
            out.append(f'<p class="flag">{self.label("discretionary_note", "⚖ ")}{runs(joined(c.findings, lang))}</p>')
        if c.unknown:
            out.append(f'<p class="flag">{self.label("depends_on_unknown", "? ")}{runs(joined(c.unknown, lang))}</p>')
        if c.standards:
            out.append(f'<p class="standards">⚑ {e(c.standards)}</p>')
        if c.not_assessed:
            out.append(f'<p class="flag">⊘ {self.m("not_assessed_why")}</p>')
        if c.presumed:
            out.append(f'<p class="flag"><strong>⚐ {self.m("presumed_knowledge")}</strong></p>')
        if c.unverified:
            out.append(
                f'<p class="flag">{self.label("unverified_passages", "⚠ ")}{runs(joined(c.unverified, lang))}</p>'
            )
        if c.notes:
            out += ['<ul class="notes">', *(f"<li>ℹ {e(n)}</li>" for n in c.notes), "</ul>"]
        if c.why is not None:
            if c.elements:
                out.append(
                    f'<p class="elements">{self.label("elements")}{runs(joined(c.elements, lang, "", "✔ "))}</p>'
                )
            self.tree(self.m("explanations"), c.why, "why")
        else:
            if c.missing:
                out.append(f'<p class="missing">{self.label("report_missing")}{runs(marked(c.missing, lang))}</p>')
            self.tree(self.m("report_why_not"), c.why_not, "why-not")
        out.append("</article>")

    def tree(self, title: str, steps: list[Step], kind: str) -> None:
        """A why-tree or the why-not routes: one fold for the whole, one for each line with lines below."""
        self.out += [f'<details class="tree {kind}" open>', f"<summary><strong>{title}</strong></summary>"]
        if steps:
            self.steps(steps, 0)
        else:
            self.out.append(f'<ul class="steps"><li>{self.m("report_no_route")}</li></ul>')
        self.out.append("</details>")

    def steps(self, steps: list[Step], level: int) -> None:
        self.out.append('<ul class="steps">')
        for s in steps:
            ident = f' id="{e(s.label.lower())}"' if s.label else ""
            line = runs(step_runs(s, self.lang))
            if not s.children:
                self.out.append(f'<li class="leaf {e(s.kind)}"{ident}><span class="line">{line}</span></li>')
                continue
            opened = " open" if level == 0 else ""
            self.out.append(f'<li class="{e(s.kind)}"{ident}><details{opened}><summary>{line}</summary>')
            self.steps(s.children, level + 1)
            self.out.append("</details></li>")
        self.out.append("</ul>")

    def findings(self) -> None:
        out = self.out
        out += ['<section id="findings">', f"<h2>{self.m('report_findings')}</h2>"]
        if not self.memo.findings:
            out += [f"<p>{self.m('report_no_findings')}</p>", "</section>"]
            return
        out.append(f"<p>{self.m('report_findings_intro')}</p>")
        for f in self.memo.findings:
            self.finding(f)
        out.append("</section>")

    def finding(self, f: Finding) -> None:
        c = self.m("colon")
        by = e(f.by) if f.by else self.m("report_by_none")
        self.out += [f"<h3>{f.number} {e(f.name)} — {e(f.verdict)}</h3>", '<ul class="finding">']
        self.out += [
            f'<li>{self.m("report_provision")}{c}<span class="cite">{e(f.citation)}</span> · '
            f"<code>{e(f.provision)}</code></li>",
            f"<li>{self.m('subject')}{c}<code>{e(f.subject)}</code></li>",
            f"<li>{self.m('reason')}{c}{e(f.reason)}</li>",
            f"<li>{self.m('by')}{c}{by}</li>",
            f"<li>{self.m('case_path')}{c}<code>{e(f.path)}</code></li>",
        ]
        for key, mentions in (("report_rests", f.rests), ("report_defeats", f.defeats)):
            if mentions:
                items = "".join(f"<li>{runs(mention_runs(x))}</li>" for x in mentions)
                self.out.append(f"<li>{self.m(key)}{c}<ul>{items}</ul></li>")
        if not f.rests and not f.defeats:
            self.out.append(f"<li>{self.m('report_unused')}</li>")
        self.out.append("</ul>")

    def passages(self) -> None:
        out = self.out
        out += ['<section id="passages">', f"<h2>{self.m('report_unverified')}</h2>"]
        if not self.memo.passages:
            out += [f"<p>{self.m('report_no_unverified')}</p>", "</section>"]
            return
        out.append(f"<p>{self.m('report_unverified_intro')}</p>")
        c = self.m("colon")
        for p in self.memo.passages:
            out += [f'<h3><span class="cite">{e(p.citation)}</span> · <code>{e(p.id)}</code></h3>']
            out.append(f'<blockquote class="statute">{e(p.text)}</blockquote>')
            out.append(
                f"<ul><li>{self.m('report_document')}{c}{e(p.document)} · {self.m('report_confidence')} "
                f"<code>{e(p.confidence)}</code> · <code>{e(p.file)}</code>:{p.line}</li>"
            )
            items = "".join(f"<li>{runs(mention_runs(x))}</li>" for x in p.rests)
            out.append(f"<li>{self.m('report_rests')}{c}<ul>{items}</ul></li></ul>")
        out.append("</section>")

    def near_misses(self) -> None:
        out = self.out
        intro = e(msg("report_near_intro", self.lang).format(share=self.memo.near_share))
        out += ['<section id="near-misses">', f"<h2>{self.m('report_near_misses')}</h2>", f"<p>{intro}</p>"]
        if not self.memo.near_misses:
            out += [f"<p>{self.m('report_no_near_misses')}</p>", "</section>"]
            return
        out.append('<ul class="near">')
        for nm in self.memo.near_misses:
            head = f'≈ <strong>{e(nm.name)}</strong> · <span class="cite">{e(nm.citation)}</span> · '
            out.append(f"<li>{head}<code>{e(nm.provision)}</code><ul><li>{runs(text_runs(nm.text))}</li></ul></li>")
        out += ["</ul>", "</section>"]

    def table(self, ident: str, title: str, left: str, right: str, rows: list[Row]) -> None:
        self.out += [f'<section id="{ident}">', f"<h2>{self.m(title)}</h2>", f'<table class="{ident}">']
        self.out.append(f"<thead><tr><th>{self.m(left)}</th><th>{self.m(right)}</th></tr></thead>")
        self.out.append("<tbody>")
        for r in rows:
            value = f"<code>{e(r.value)}</code>" if r.code else e(r.value)
            self.out.append(f"<tr><td>{e(r.item)}</td><td>{value}</td></tr>")
        self.out += ["</tbody>", "</table>", "</section>"]


def render_html(memo: Memo) -> str:
    """The memo as one HTML page."""
    return HtmlMemo(memo).page()
