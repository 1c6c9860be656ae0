"""Rendering: conclusions as a terminal printout (rich) or as JSON (the stable schema)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from .conclusions import Conclusion, Element, Report
from .explain import Node
from .i18n import msg

_MARK = {
    "provision": "§",
    "derived": "→",
    "fact": "•",
    "unknown": "?",
    "parameter": "≥",
    "comparison": "=",
    "aggregate": "Σ",
    "finding": "⚖",
    "absence": "∅",
    "law": "§",
    "route": "◇",
}


def to_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def _node_line(n: Node, lang: str) -> str:
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
        text += f" [dim]（{escape(msg('case_path', lang))} {escape(n.path)}）[/dim]"
    if n.rule and n.kind in ("provision", "derived", "route", "law"):
        text += f" [dim]{escape(n.rule)}[/dim]"
    if n.any_of:
        text += f" [dim]— {escape(msg('any_of', lang))}[/dim]"
    return f"{_MARK.get(n.kind, '•')} {text}"


def _add(tree: Tree, n: Node, lang: str) -> None:
    branch = tree.add(_node_line(n, lang))
    for c in n.children:
        _add(branch, c, lang)


def _add_element(tree: Tree, e: Element, lang: str) -> None:
    mark = "[green]✔[/green]" if e.holds else "[red]✘[/red]"
    status = msg("element_met" if e.holds else "element_missing", lang)
    branch = tree.add(f"{mark} {escape(e.label)} [dim]{escape(e.citation)}[/dim] — {status}")
    for i, route in enumerate(e.elements):
        target = branch.add(f"◇ {msg('route', lang)} {i + 1}") if len(e.elements) > 1 else branch
        for sub in route:
            _add_element(target, sub, lang)


def conclusion_tree(c: Conclusion, lang: str) -> Tree:
    ok = c.status == "holds"
    mark = "[bold green]✔ " + msg("holds", lang) if ok else "[bold red]✘ " + msg("not_established", lang)
    head = f"{mark}[/] [bold]{escape(c.label)}[/bold]（{escape(c.subject)}） [dim]{escape(c.id)} · {escape(c.citation)}[/dim]"
    if c.discretionary:
        head += f" [magenta]⚖ {escape(msg('discretionary', lang))}[/magenta]"
    t = Tree(head)
    t.add(f"[dim]「{escape(c.text)}」[/dim]")
    if c.depends_on_unknown:
        t.add(f"[yellow]? {escape(msg('depends_on_unknown', lang))}：{escape('，'.join(c.depends_on_unknown))}[/yellow]")
    for note in c.notes:
        t.add(f"[blue]ℹ {escape(note)}[/blue]")
    if c.explanation is not None:
        for child in c.explanation.children:
            _add(t, child, lang)
    for i, route in enumerate(c.elements):
        target = t.add(f"◇ {msg('route', lang)} {i + 1}") if len(c.elements) > 1 else t
        for e in route:
            _add_element(target, e, lang)
    return t


def print_report(report: Report, console: Console, only: set[str] | None = None, offences_only: bool = False) -> None:
    lang = report.lang
    console.print(f"[bold]{msg('case', lang)} {escape(report.case_id)}[/bold] [dim]{escape(report.file)}[/dim]")
    shown = [c for c in report.conclusions if (only is None or c.id in only)]
    if offences_only:
        shown = [c for c in shown if c.id.startswith("cl.") and c.id.count(".") == 1]
    if not shown:
        console.print(msg("none_hold", lang))
    party = None
    for c in shown:
        if c.party != party:
            party = c.party
            console.rule(f"{msg('party', lang)} {escape(party)}")
        console.print(conclusion_tree(c, lang))
