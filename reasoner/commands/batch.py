"""The batch command: screen a folder of case files or a JSONL file, rows to a file or stdout, a
progress bar and the summary per offence on the terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from reasoner.commands.common import LANG, STATEMENTS_ROOT

if TYPE_CHECKING:  # for the annotations only: importing them is the slow part of a command
    from rich.console import Console

    from reasoner.batch.inputs import Item
    from reasoner.batch.output import Tally


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="write the rows here: FILE.jsonl (one JSON object per case) or FILE.csv (one line per case); "
    "default: JSONL on standard output",
)
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="worker processes (default: one per core)")
@click.option(
    "--detail",
    type=click.Choice(["summary", "full"]),
    default="summary",
    show_default=True,
    help="JSONL rows: conclusions with their flags (summary), or the whole report of `check --format json` (full)",
)
@click.option("--chunk", type=click.IntRange(min=1), default=250, show_default=True, help="cases per clingo program")
@LANG
@STATEMENTS_ROOT
def batch(
    input_path: str, output: str | None, jobs: int | None, detail: str, chunk: int, lang: str, root: str | None
) -> None:
    """Screen many cases: INPUT is a folder of case files or a JSONL file (one case per line).

    One row per case, in input order; a case with errors gets a row with its errors and the batch
    goes on.  A summary table per offence is printed at the end."""
    from rich.console import Console

    from reasoner.batch.output import Tally, print_tally
    from reasoner.batch.rows import offences

    as_csv = bool(output and output.lower().endswith(".csv"))
    if output and not as_csv and not output.lower().endswith((".jsonl", ".json")):
        click.echo(f"{output}: expected a .jsonl or .csv output file", err=True)
        sys.exit(2)
    if output:  # before any work: a folder that is not there would end the batch after reading
        _output_folder(output)
    items = _items(input_path, root)
    tally = Tally(offences())
    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    except OSError as e:
        click.echo(f"{output}: cannot write the output: {e.strerror or e}", err=True)
        sys.exit(2)
    err_console = Console(stderr=True, highlight=False)
    try:
        _screen(items, input_path, out, as_csv, tally, err_console, lang, detail, jobs, chunk)
    finally:
        if output:
            out.close()
    print_tally(tally, Console(highlight=False) if output else err_console, lang)


def _output_folder(output: str) -> None:
    """Exit 2 with one line naming the path unless the output's folder exists."""
    folder = Path(output).parent
    if not folder.is_dir():
        click.echo(f"{output}: cannot write the output: the folder {folder} does not exist", err=True)
        sys.exit(2)


def _items(input_path: str, root: str | None = None) -> list[Item]:
    """The cases of the input; exit 2 if the input itself cannot be read."""
    from reasoner.batch.inputs import collect
    from reasoner.case.errors import CaseFileError

    try:
        return collect(input_path, root)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        sys.exit(2)


def _screen(
    items: list[Item],
    input_path: str,
    out: TextIO,
    as_csv: bool,
    tally: Tally,
    console: Console,
    lang: str,
    detail: str,
    jobs: int | None,
    chunk: int,
) -> None:
    """Screen the cases, writing each row as it comes and counting it, with a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from reasoner.batch.output import csv_fields, csv_header, csv_writer, jsonl_line
    from reasoner.batch.rows import screen

    writer = None
    if as_csv:
        writer = csv_writer(out)
        writer.writerow(csv_header(tally.names))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(input_path, total=len(items))
        for row in screen(items, lang, detail, jobs, chunk, progress=lambda n: bar.advance(task, n)):
            tally.add(row)
            if writer is not None:
                writer.writerow(csv_fields(row, tally.names))
            else:
                out.write(jsonl_line(row))
