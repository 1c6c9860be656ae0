"""The command line.  It holds no legal logic: it reads, calls the reasoner, and prints."""

from __future__ import annotations

import json
import sys

import click

LANG = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="language of the output"
)
FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
AS_OF = click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", default=None, help="date of judgment (overrides the case file's as_of)"
)


def _build(case, case_file: str, lang: str, as_of: str | None):
    """Reason, turning a bad --as-of into the same kind of error as a bad case file."""
    from .casefile import CaseFileError
    from .conclusions import build

    try:
        return build(case, case_file, lang, as_of=as_of)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        sys.exit(2)


def _load(path: str):
    from .casefile import CaseFileError, load

    try:
        return load(path)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        n = len(e.errors)
        click.echo(f"{n} error{'s' if n != 1 else ''} in {path}; nothing was reasoned.", err=True)
        sys.exit(2)


@click.group()
@click.version_option(package_name="reasoner")
def main() -> None:
    """Reason about Chinese criminal law on information networks (CL 286-1, 287-1, 287-2)."""


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@LANG
@FORMAT
@AS_OF
@click.option("--id", "ids", multiple=True, help="show only these conclusion ids")
@click.option("--all", "show_all", is_flag=True, help="explain every conclusion, not only the offences")
@click.option("--width", type=int, default=None, help="width of the printout in columns (default: the terminal's)")
@click.option(
    "--near-miss",
    type=click.FloatRange(0, 1),
    default=0.8,
    show_default=True,
    help="list thresholds not reached but reached to at least this share",
)
def check(
    case_file: str,
    lang: str,
    fmt: str,
    as_of: str | None,
    ids: tuple[str, ...],
    show_all: bool,
    width: int | None,
    near_miss: float,
) -> None:
    """Reason about CASE_FILE and print its conclusions with their explanations."""
    case = _load(case_file)
    from .render import print_report, to_json

    report = _build(case, case_file, lang, as_of)
    if fmt == "json":
        if ids:
            report.conclusions = [c for c in report.conclusions if c.id in ids]
        sys.stdout.write(to_json(report))
        return
    from rich.console import Console

    print_report(report, Console(highlight=False, width=width), set(ids) if ids else None, show_all, near_miss)


@main.command("why-not")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("provision")
@click.option("--party", help="only for this party's acts, orders or records")
@LANG
@FORMAT
@AS_OF
@click.option("--width", type=int, default=None, help="width of the printout in columns")
def why_not(
    case_file: str, provision: str, party: str | None, lang: str, fmt: str, as_of: str | None, width: int | None
) -> None:
    """Why PROVISION does not hold in CASE_FILE: every route the law offers, closest first, each with
    all of its failing conditions and, for a threshold, the figure, the gap and the share reached."""
    case = _load(case_file)
    from .catalogue import catalogue

    if provision not in catalogue():
        click.echo(f"{provision!r} is not an encoded provision; `reasoner rules` lists them.", err=True)
        sys.exit(2)
    report = _build(case, case_file, lang, as_of)
    chosen = [c for c in report.conclusions if c.id == provision and (party is None or c.party == party)]
    if fmt == "json":
        out = {
            "case": report.case_id,
            "provision": provision,
            "lang": lang,
            "conclusions": [c.to_json({}) for c in chosen],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console

    from .render import print_why_not

    print_why_not(report, chosen, provision, Console(highlight=False, width=width))


@main.command()
@LANG
@FORMAT
def rules(lang: str, fmt: str) -> None:
    """List every encoded provision: id, citation, source text and rule file."""
    from .catalogue import catalogue

    cat = catalogue()
    if fmt == "json":
        rows = [
            {
                "id": p.id,
                "citation": p.citation(lang),
                "label": p.label(lang),
                "text": p.text,
                "rule_file": f"{p.file}:{p.line}",
                "takes_finding": p.finding,
            }
            for p in cat.values()
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    t = Table("id", "citation", "label", "text", "rule", show_lines=False)
    for p in cat.values():
        t.add_row(p.id, p.citation(lang), p.label(lang) + (" ⚖" if p.finding else ""), p.text, f"{p.file}:{p.line}")
    Console().print(t)


@main.command()
def schema() -> None:
    """Print the JSON Schema of case files (for editors to complete and check them)."""
    from .model import Case

    s = Case.model_json_schema(by_alias=True)
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "Case file of the reasoner"
    sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=2) + "\n")


@main.command()
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
def batch(input_path: str, output: str | None, jobs: int | None, detail: str, chunk: int, lang: str) -> None:
    """Screen many cases: INPUT is a folder of case files or a JSONL file (one case per line).

    One row per case, in input order; a case with errors gets a row with its errors and the batch
    goes on.  A summary table per offence is printed at the end."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .batch import Tally, collect, csv_fields, csv_header, jsonl_line, offences, screen
    from .casefile import CaseFileError
    from .render import print_tally

    try:
        items = collect(input_path)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        sys.exit(2)
    names = offences()
    tally = Tally(names)
    as_csv = bool(output and output.lower().endswith(".csv"))
    if output and not as_csv and not output.lower().endswith((".jsonl", ".json")):
        click.echo(f"{output}: expected a .jsonl or .csv output file", err=True)
        sys.exit(2)
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    err_console = Console(stderr=True, highlight=False)
    try:
        writer = None
        if as_csv:
            import csv

            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(csv_header(names))
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=False,
        ) as bar:
            task = bar.add_task(input_path, total=len(items))
            for row in screen(items, lang, detail, jobs, chunk, progress=lambda n: bar.advance(task, n)):
                tally.add(row)
                if writer is not None:
                    writer.writerow(csv_fields(row, names))
                else:
                    out.write(jsonl_line(row))
    finally:
        if output:
            out.close()
    print_tally(tally, Console(highlight=False) if output else err_console, lang)


if __name__ == "__main__":  # pragma: no cover
    main()
