"""The batch command: screen a folder of case files, a JSONL file or a glob of JSONL partitions, in
worker processes or on a Dask cluster (``--scheduler``); rows to a file, a folder or stdout, a
progress bar and the summary per offence on the terminal.  The work is in
:mod:`reasoner.commands.batch_run`, imported when the command runs."""

from __future__ import annotations

import sys

import click

from reasoner.commands.common import LANG, STATEMENTS_ROOT


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option(
    "-o",
    "--output",
    help="write the rows here: FILE.jsonl (one JSON object per case), FILE.csv (one line per case), or DIR/ "
    "(one JSONL file per partition, named after it); default: JSONL on standard output. Written to a "
    "temporary file beside it and renamed when complete",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="worker processes (default and most: one per core)"
)
@click.option(
    "--detail",
    type=click.Choice(["summary", "full"]),
    default="summary",
    show_default=True,
    help="JSONL rows: conclusions with their flags (summary), or the whole report of `check --format json` (full)",
)
@click.option("--chunk", type=click.IntRange(min=1), default=250, show_default=True, help="cases per clingo program")
@click.option(
    "--scheduler",
    metavar="ADDRESS|local:N",
    default=None,
    help="run the chunks as tasks on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local:N for a "
    "local cluster of N worker processes (needs pip install 'reasoner[dask]')",
)
@click.option(
    "--resume", is_flag=True, help="with -o DIR/: keep the partitions a stopped run finished, screen the rest"
)
@click.option(
    "--excel",
    is_flag=True,
    help="with -o FILE.csv: start the file with a UTF-8 byte-order mark, so that Excel (on Chinese Windows "
    "too) opens its Chinese text correctly; the rest of the file is the same",
)
@LANG
@STATEMENTS_ROOT
def batch(
    input_path: str,
    output: str | None,
    jobs: int | None,
    detail: str,
    chunk: int,
    scheduler: str | None,
    resume: bool,
    excel: bool,
    lang: str,
    root: str | None,
) -> None:
    """Screen many cases: INPUT is a folder of case files, a JSONL file (one case per line), or a
    quoted glob of JSONL files ('cases/*.jsonl'), each a partition.

    One row per case, in input order; a case with errors, or that the reasoner fails on, gets a row
    with its errors and the batch goes on.  A summary table per offence is printed at the end, then
    the cases with errors (file, or file:line of a JSONL input).  Ctrl-C or SIGTERM stops it with no
    partial output file.

    \b
    Exit status (the same with --scheduler):
      0    every case reasoned; the output is complete
      3    the output is complete, but some rows are errors (named at the end)
      2    refused before anything was written (input, options, output path)
      1    writing failed or the cluster was lost: the output is not complete
      130  stopped by Ctrl-C, 143 by SIGTERM: no partial output file"""
    from reasoner.commands.batch_run import Run, run

    a = Run(input_path, output, lang, detail, jobs, chunk, scheduler, resume, excel=excel, root=root)
    sys.exit(run(a))
