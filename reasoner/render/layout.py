"""Tables for a terminal of any width: a table when every row fits on one line, otherwise the rows
stacked — what the row is about on a line of its own, the rest indented beneath it — so that no
label is cut and no column is squeezed into a column of two characters (``check``'s summary,
``rules``)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reasoner.explain.i18n import msg, paren
from reasoner.law.catalogue import Provision
from reasoner.render.typeset import Typeset, hang, side_by_side

#: How far the lines of a stacked row are indented beneath its first line.
INDENT = 4


def fits(console: Console, table: Table) -> bool:
    """Whether every row of the table fits on one line of the console."""
    widest = console.measure(table, options=console.options.update_width(10**6)).maximum
    return widest <= console.width


def _padded(cell: str, width: int, console: Console) -> str:
    """The markup ``cell`` followed by spaces to ``width`` columns of its printed text."""
    return cell + " " * max(0, width - console.render_str(cell).cell_len)


def print_summary(console: Console, headers: list[str], rows: list[list[str]], title: str, lang: str) -> None:
    """The conclusions as a table (status, id, label, subject, flags) where every row fits the
    width; otherwise stacked: the label with its subject, then status, id and flags beneath it,
    each column aligned."""
    table = Table(*headers, title=title, box=box.SIMPLE, title_justify="left")
    for row in rows:
        table.add_row(*row)
    if fits(console, table):
        console.print(table)
        return
    console.print(title)
    widths = [max((console.render_str(r[k]).cell_len for r in rows), default=0) for k in (0, 1)]
    for status, cid, label, subject, flags in rows:
        console.print(hang(console, label + (paren(subject, lang) if subject else ""), 2))
        line = f"{_padded(status, widths[0], console)}  {_padded(cid, widths[1], console)}  {flags}".rstrip()
        console.print(hang(console, line, 2 + INDENT))
    console.print()


def print_provisions(console: Console, rows: list[Provision], lang: str) -> None:
    """The provisions of one rule pack: a table (id, citation, label, text, confidence, rule)
    where every row fits, otherwise each provision stacked — id and citation, then its label (⚖
    where it takes a finding), its text, and how sure the text is with the rule's file and line."""
    cells = []
    for p in rows:
        sure = p.confidence + ("" if p.verbatim else " ⚠")
        label = p.label(lang) + (" ⚖" if p.finding else "")
        cells.append((p.id, p.citation(lang), label, p.text, sure, f"{p.file}:{p.line}"))
    heads = [msg(k, lang) for k in ("id", "col_citation", "label", "col_text", "col_confidence", "col_rule")]
    table = Table(*heads, show_lines=False)
    for c in cells:
        table.add_row(*(Typeset(x) for x in c))
    if fits(console, table):
        console.print(table)
        return
    sep = Text(" · ", style="dim")
    for pid, citation, label, text, sure, rule in cells:
        console.print(side_by_side([Text(pid, style="bold"), Text(citation)], [Text("  ")], console.width))
        console.print(hang(console, Text(label), INDENT))
        console.print(hang(console, Text(f"「{text}」", style="dim"), INDENT))
        said = [Text(f"{heads[4]} {sure}"), Text(f"{heads[5]} {rule}")]
        tail = side_by_side(said, [sep], console.width - INDENT)
        console.print(hang(console, tail, INDENT))
    console.print()
