"""Writing the rows: JSONL (one JSON object per case) or CSV (one line per case), and the summary
per offence (how many cases established, possible, excluded) printed at the end."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reasoner.batch.rows import OUTCOMES, Row
from reasoner.explain.i18n import msg
from reasoner.law.catalogue import catalogue
from reasoner.render.cells import neutralise
from reasoner.render.layout import INDENT, fits
from reasoner.render.typeset import hang


def jsonl_line(row: Row) -> str:
    """A row as one line of JSONL."""
    return json.dumps(row.payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_header(names: list[str]) -> list[str]:
    """The CSV columns: the case, one column per offence, the standards applied, its errors."""
    return ["index", "source", "case", *names, "standards", "errors"]


def csv_fields(row: Row, names: list[str]) -> list[str]:
    """A row as CSV fields."""
    errors = " | ".join(str(e) for e in row.errors)
    outcomes = (row.outcomes.get(n, "") for n in names)
    return [neutralise(x) for x in (str(row.index), row.source, row.case_id or "", *outcomes, row.standards, errors)]


#: The byte-order mark written first with ``--excel``: Excel reads a CSV without it in the system's
#: code page (GBK on Chinese Windows), and the Chinese of the file comes out garbled.
BOM = "\ufeff"


def csv_writer(out):
    """The CSV writer of the rows: records end in CRLF (RFC 4180), so that a field holding a bare CR
    or LF is quoted (with "\n" as the terminator the csv module left a bare CR unquoted, and reading
    the file back split the row there)."""
    return csv.writer(out, lineterminator="\r\n")


def csv_text(rows: list[Row], names: list[str]) -> str:
    """Rows as CSV text, with the header."""
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    w.writerow(csv_header(names))
    for r in rows:
        w.writerow(csv_fields(r, names))
    return buf.getvalue()


@dataclass
class Tally:
    """The summary: per offence, how many cases had each outcome; and how many were invalid."""

    names: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    cases: int = 0
    invalid: int = 0
    failed: list[str] = field(default_factory=list)  # where each error row's case is: file, or file:line

    def add(self, row: Row) -> None:
        self.cases += 1
        if not row.ok:
            self.invalid += 1
            self.failed.append(row.source)
            return
        for n in self.names:
            o = row.outcomes.get(n, "not_examined")
            self.counts.setdefault(n, dict.fromkeys(OUTCOMES, 0))[o] += 1

    def count(self, name: str, outcome_: str) -> int:
        return self.counts.get(name, {}).get(outcome_, 0)


def print_tally(tally: Tally, console: Console, lang: str) -> None:
    """The summary of a batch: per offence, how many cases established, possible, excluded."""
    cat = catalogue()
    title = msg("batch_title", lang).format(cases=f"{tally.cases:,}", invalid=f"{tally.invalid:,}")
    t = Table(
        msg("id", lang),
        *(msg(f"outcome_{o}", lang) for o in OUTCOMES),
        msg("offence", lang),
        title=title,
        box=box.SIMPLE,
        title_justify="left",
    )
    t.columns[0].no_wrap = True
    for col in t.columns[1:-1]:
        col.justify = "right"
    for name in tally.names:
        t.add_row(escape(name), *(f"{tally.count(name, o):,}" for o in OUTCOMES), escape(cat[name].label(lang)))
    if fits(console, t):
        console.print(t)
    else:  # too narrow for the table: each offence whole on its line, its counts beneath it
        console.print(escape(title))
        for name in tally.names:
            console.print(hang(console, f"{escape(name)}  {escape(cat[name].label(lang))}", 2))
            counts = " · ".join(f"{msg(f'outcome_{o}', lang)} {tally.count(name, o):,}" for o in OUTCOMES)
            console.print(hang(console, escape(counts), 2 + INDENT))
    for line in failed_lines(tally, lang):
        console.print(escape(line), soft_wrap=True)


#: How many failing cases the summary names; the rest are counted (each row carries its errors).
FAILED_NAMED = 20


def failed_lines(tally: Tally, lang: str) -> list[str]:
    """The end of the summary: the cases with errors, by file (and line, for a JSONL input), so that
    they can be found without reading every row; the batch's exit status is 3 when there are any."""
    if not tally.failed:
        return []
    lines = [msg("batch_failed", lang).format(n=f"{len(tally.failed):,}")]
    lines += [f"  {s}" for s in tally.failed[:FAILED_NAMED]]
    rest = len(tally.failed) - FAILED_NAMED
    if rest > 0:
        lines.append("  " + msg("batch_failed_more", lang).format(n=f"{rest:,}"))
    return lines
