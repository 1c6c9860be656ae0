"""The terminal printout (rich): a summary table of the conclusions, the near misses, and the
explanation trees of the offences (or of the conclusions asked for), or the routes of why not."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from reasoner.explain.alike import collapse
from reasoner.explain.condition import Condition
from reasoner.explain.i18n import colon, msg, paren, sep
from reasoner.explain.report import Conclusion, Report
from reasoner.explain.tree import Node
from reasoner.explain.unrecorded import never_recorded
from reasoner.law.catalogue import Provision
from reasoner.render.cells import markup as escape
from reasoner.render.cells import visible
from reasoner.render.layout import print_provisions, print_summary
from reasoner.render.marks import MARKS
from reasoner.render.standards import judgment_text, standards_line, standards_text
from reasoner.render.typeset import Typeset, hang, side_by_side


def _node_line(n: Node, lang: str, debug: bool = False) -> str:
    text = escape(n.text)
    if n.kind == "provision" and n.citation:
        text = f"[bold]{text}[/bold] [dim]{escape(n.citation)}[/dim]"
    elif n.kind == "finding":
        text = f"[magenta]{text}[/magenta]"
    elif n.kind == "unknown":
        text = f"[yellow]{text}[/yellow]"
    elif n.kind == "comparison":
        text = f"[cyan]{text}[/cyan]"
    if n.path:
        text += f" [dim]{escape(paren(msg('case_path', lang) + ' ' + n.path, lang))}[/dim]"
    if debug:  # the rule as written and where: for the rule author, never in the default printout
        text += f" [dim]{escape(debug_text(n.atom, n.rule))}[/dim]"
    if n.any_of:
        text += f" [dim]— {escape(msg('any_of', lang))}[/dim]"
    return f"{MARKS.get(n.kind, '•')} {text}"


def debug_text(atom: str | None, rule: str | None) -> str:
    """What --debug adds to a line: the atom or expression as the rules write it, and the rule's
    file and line."""
    return " ".join(x for x in (f"[{atom}]" if atom else "", rule or "") if x)


def _add(tree: Tree, n: Node, lang: str, seen: set[str], debug: bool = False, expand: bool = False) -> None:
    """Add a node; a provision or derived atom already printed is referred to, not repeated; alike
    siblings are given once with a line naming them all (every one with ``expand``)."""
    repeat = n.kind in ("provision", "derived") and n.children and n.atom in seen
    line = _node_line(n, lang, debug)
    if repeat:
        tree.add(f"{line} [dim]{escape(msg('see_above', lang))}[/dim]")
        return
    if n.kind in ("provision", "derived") and n.children:
        seen.add(n.atom)
    branch = tree.add(line)
    for c in n.children if expand else collapse(n.children, lang):
        _add(branch, c, lang, seen, debug, expand)


def _add_condition(tree: Tree, c: Condition, lang: str, debug: bool = False) -> None:
    mark = "[yellow]?[/yellow]" if c.open else ("[green]✔[/green]" if c.holds else "[red]✘[/red]")
    if c.mark_kind:  # a figure of the law, a count, an absence required and met: not a ✔
        mark = MARKS[c.mark_kind]
    text = escape(c.text)
    if c.kind == "element":
        text = f"{text}{escape(paren(c.subject or '', lang))} [dim]{escape(c.citation or '')}[/dim]"
    if debug and c.raw:
        text += f" [dim]{escape(debug_text(c.raw, None))}[/dim]"
    branch = tree.add(f"{mark} {text}")
    _add_routes(branch, c.routes, lang, debug)


def _add_routes(tree: Tree, routes: list[list[Condition]], lang: str, debug: bool = False) -> None:
    for i, route in enumerate(routes):
        target = tree.add(f"◇ {escape(msg('route', lang))} {i + 1}") if len(routes) > 1 else tree
        for c in route:
            _add_condition(target, c, lang, debug)


def _status(c: Conclusion, lang: str) -> str:
    if c.certainty == "not_assessed":
        return "[bold]⊘ " + escape(msg("not_assessed", lang)) + "[/]"
    if c.certainty == "possible":
        return "[bold yellow]? " + escape(msg("possible", lang)) + "[/]"
    if c.status == "holds":
        return "[bold green]✔ " + escape(msg("holds", lang)) + "[/]"
    return "[bold red]✘ " + escape(msg("not_established", lang)) + "[/]"


def _flags(c: Conclusion, lang: str) -> str:
    out = []
    if c.discretionary:
        out.append(f"[magenta]⚖ {escape(msg('discretionary', lang))}[/magenta]")
    if c.presumed:
        out.append(f"[magenta]⚐ {escape(msg('presumed_knowledge', lang))}[/magenta]")
    if c.unverified:
        out.append(f"[red]⚠ {escape(msg('unverified_text', lang))}[/red]")
    if c.depends_on_unknown:
        out.append(f"[yellow]? {escape(msg('depends_on_unknown', lang))}[/yellow]")
    return " ".join(out)


def conclusion_tree(c: Conclusion, lang: str, debug: bool = False, expand: bool = False) -> Tree:
    """One conclusion: its status, source text, notes, and why (or which elements are missing)."""
    head = (
        f"{_status(c, lang)} [bold]{escape(c.label)}[/bold]{escape(paren(c.shown_subject, lang))} "
        f"[dim]{escape(c.id)} · {escape(c.citation)}[/dim] {_flags(c, lang)}"
    )
    t = Tree(head.rstrip())
    t.add(f"[dim]「{escape(c.text)}」[/dim]")
    if c.depends_on_unknown:
        unknown = sep(lang).join(c.depends_on_unknown)
        word = "hangs_on" if c.certainty == "possible" else "depends_on_unknown"
        t.add(f"[yellow]? {escape(msg(word, lang) + colon(lang) + unknown)}[/yellow]")
    unasked = never_recorded(c.routes) if c.status != "holds" else []
    if unasked:  # fails on the record only: what was never recorded nor asked about
        t.add(f"[yellow]? {escape(msg('never_recorded', lang).format(facts=sep(lang).join(unasked)))}[/yellow]")
    line = standards_line(c, lang) if c.is_offence else None
    if line:
        t.add(f"[dim]⚑ {escape(line)}[/dim]")
    if c.certainty == "not_assessed":
        t.add(f"⊘ {escape(msg('not_assessed_why', lang))}")
    if c.unverified:
        t.add(f"[red]⚠ {escape(msg('unverified_passages', lang) + colon(lang) + sep(lang).join(c.unverified))}[/red]")
    for note in c.notes:
        t.add(f"[blue]ℹ {escape(note)}[/blue]")
    seen: set[str] = set()
    if c.explanation is not None:
        kids = c.explanation.children
        for child in kids if expand else collapse(kids, lang):
            _add(t, child, lang, seen, debug, expand)
    _add_routes(t, c.routes, lang, debug)
    return t


def _header(report: Report, width: int) -> Text:
    """The case, its file, the rules, the date of judgment and the standards, on as few lines as
    fit: a part that does not fit starts the next line (no line ends with 「·」)."""
    lang = report.lang
    parts = [
        Text(f"{msg('case', lang)} {visible(report.case_id)}", style="bold"),
        Text(visible(report.file), style="dim"),
        Text(f"{msg('rules_version', lang)} {report.rules_digest[:12]}", style="dim"),
        Text(f"{msg('date_of_judgment', lang)}{colon(lang)}{judgment_text(report, lang)}", style="dim"),
        Text(standards_text(report, lang), style="dim"),
    ]
    dot = Text(" · ", style="dim")
    return side_by_side(parts, [Text(" "), dot, dot, dot], width)


def print_report(
    report: Report,
    console: Console,
    ids: set[str] | None = None,
    show_all: bool = False,
    near_miss: float = 0.8,
    debug: bool = False,
    expand: bool = False,
) -> None:
    """Summary table of every conclusion, then the explanation of the offences (or of ``ids``)."""
    lang = report.lang
    console.print(_header(report, console.width))
    refs = [f"{msg(f'ref_{k}', lang)}{colon(lang)}{v}" for k, v in report.references.items()]
    if refs:  # 案号, 承办人, 审查日期: those the case file gives, as written
        console.print(escape(" · ".join(refs)))
    rows = [
        [_status(c, lang), escape(c.id), escape(c.label), escape(c.shown_subject), _flags(c, lang)]
        # --id: the table, like the JSON, holds only the conclusions asked for
        for c in report.conclusions
        if not ids or c.id in ids
    ]
    heads = [msg(k, lang) for k in ("status", "id", "label", "subject", "flags")]
    print_summary(console, heads, rows, msg("summary", lang), lang)
    misses = report.near_misses(near_miss)
    if misses:
        console.print(f"[bold yellow]{escape(msg('near_misses', lang).format(share=int(near_miss * 100)))}[/]")
        for m in misses:
            head = f"[yellow]≈[/] {escape(m.label)}{escape(paren(m.subject, lang))} [dim]{escape(m.provision)}[/dim]"
            console.print(hang(console, head, 2))
            console.print(hang(console, escape(m.text), 4))
        console.print()
    if ids:
        chosen = [c for c in report.conclusions if c.id in ids]
    elif show_all:
        chosen = report.conclusions
    else:
        chosen = [c for c in report.conclusions if c.is_offence]
    if not chosen:
        console.print(msg("none_hold", lang))
        return
    console.rule(msg("explanations", lang))
    for c in chosen:
        console.print(conclusion_tree(c, lang, debug, expand))
        console.print()


def print_why_not(
    report: Report, chosen: list[Conclusion], provision: str, console: Console, debug: bool = False
) -> None:
    """The why-not printout: for each subject, the conclusion and its ranked routes."""
    lang = report.lang
    if not chosen:
        console.print(escape(msg("not_examined", lang).format(provision=provision)))
        return
    for c in chosen:
        if c.status == "holds":
            console.print(
                f"{_status(c, lang)} {escape(c.label)}{escape(paren(c.shown_subject, lang))} — "
                f"{escape(msg('holds_see_check', lang))}"
            )
            continue
        console.print(conclusion_tree(c, lang, debug))
        console.print()


def print_rules(provisions: list[Provision], lang: str, console: Console) -> None:
    """Every encoded provision, grouped by pack under a heading naming the document, its date in
    force and how sure its texts are; for each provision: id, citation, label (⚖ where it takes a
    finding), text (⚠ where it is not the verified wording, with its confidence), rule."""
    from reasoner.law.packs import packs

    for pack in packs():
        rows = [p for p in provisions if p.pack == pack.id]
        if not rows:
            continue
        assumed = msg("in_force_assumed", lang) if pack.in_force_assumed else ""
        heading = msg("rules_pack_heading", lang).format(
            document=pack.short(lang), pack=pack.id, day=pack.in_force.isoformat(), assumed=assumed
        )
        console.print(Typeset(heading, style="bold"))
        if pack.in_force_note:
            console.print(Typeset(pack.in_force_note, style="dim"))
        print_provisions(console, rows, lang)
