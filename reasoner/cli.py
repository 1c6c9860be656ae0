"""The command line.  It holds no legal logic: it reads, calls the reasoner, and prints."""

from __future__ import annotations

import json
import sys

import click

LANG = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="language of the output"
)
FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
NEAR_MISS = click.option(
    "--near-miss",
    type=click.FloatRange(0, 1),
    default=0.8,
    show_default=True,
    help="list thresholds not reached but reached to at least this share",
)
AS_OF = click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", default=None, help="date of judgment (overrides the case file's as_of)"
)


def _fail(e) -> None:
    """Print every input error on stderr and exit 2, as for a bad case file."""
    for err in e.errors:
        click.echo(str(err), err=True)
    sys.exit(2)


def _build(case, case_file: str, lang: str, as_of: str | None, examine: str | None = None):
    """Reason, turning a bad --as-of into the same kind of error as a bad case file."""
    from reasoner.explain.conclusions import build

    from .case.errors import CaseFileError

    try:
        return build(case, case_file, lang, as_of=as_of, examine=examine)
    except CaseFileError as e:
        _fail(e)


def _load(path: str):
    from .case.errors import CaseFileError
    from .case.read import load

    try:
        return load(path)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        n = len(e.errors)
        click.echo(f"{n} error{'s' if n != 1 else ''} in {path}; nothing was reasoned.", err=True)
        sys.exit(2)


def _check_query(case, case_file: str, provision: str, party: str | None) -> None:
    """A provision and party asked about must exist: a typo is an error, not an empty answer."""
    from .law.catalogue import catalogue

    if provision not in catalogue():
        click.echo(f"{provision!r} is not an encoded provision; `reasoner rules` lists them.", err=True)
        sys.exit(2)
    ids = [p.id for p in case.parties]
    if party is not None and party not in ids:
        click.echo(f"--party: {case_file} has no party {party!r} (its parties: {', '.join(ids)})", err=True)
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
@NEAR_MISS
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
    from reasoner.render.json_out import to_json
    from reasoner.render.terminal import print_report

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
    _check_query(case, case_file, provision, party)
    report = _build(case, case_file, lang, as_of, examine=provision)
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

    from reasoner.render.terminal import print_why_not

    print_why_not(report, chosen, provision, Console(highlight=False, width=width))


@main.command("what-it-takes")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("provision")
@click.option("--party", help="only for this party's acts, orders or records")
@click.option(
    "--max", "max_sets", type=click.IntRange(1, 50), default=5, show_default=True, help="sets to list at most"
)
@LANG
@FORMAT
def what_it_takes_cmd(case_file: str, provision: str, party: str | None, max_sets: int, lang: str, fmt: str) -> None:
    """The smallest sets of facts, among those CASE_FILE leaves open, that would establish PROVISION
    (each set minimal; for a figure, the value needed)."""
    case = _load(case_file)
    _check_query(case, case_file, provision, party)
    from reasoner.explain.conclusions import build
    from reasoner.explain.i18n import msg, paren
    from reasoner.explain.what_it_takes import shown, what_it_takes
    from reasoner.solve.engine import reason

    result = reason(case)
    report = build(case, case_file, lang, result)
    chosen = [c for c in report.conclusions if c.id == provision and (party is None or c.party == party)]
    questions = result.facts.questions
    rows = []
    for c in chosen:
        assert result.completions is not None
        takes = what_it_takes(result.completions, c.atom(), max_sets)
        rows.append((c, takes))
    if fmt == "json":
        out = {
            "case": report.case_id,
            "provision": provision,
            "lang": lang,
            "conclusions": [
                {
                    "id": c.id,
                    "subject": c.subject,
                    "party": c.party,
                    "certainty": c.certainty,
                    "complete": t.complete,
                    "sets": [
                        [
                            {
                                "path": questions[f.question].path,
                                "op": f.op,
                                "value": f.yaml_value(questions[f.question]),
                                "text": f.text(questions[f.question], lang),
                            }
                            for f in shown(s)
                        ]
                        for s in t.sets
                    ],
                }
                for c, t in rows
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    if not chosen:
        click.echo(msg("not_examined", lang).format(provision=provision))
        return
    for c, t in rows:
        click.echo(f"{msg(c.certainty, lang)}  {c.label}{paren(c.subject, lang)}  {c.id}")
        if c.certainty == "established":
            click.echo(f"  {msg('takes_already', lang)}")
        elif not t.sets:
            click.echo(f"  {msg('takes_none', lang)}")
        else:
            click.echo(f"  {msg('takes_sets', lang)}{'' if t.complete else msg('takes_incomplete', lang)}")
            for i, s in enumerate(t.sets, 1):
                for j, f in enumerate(shown(s)):
                    lead = f"{i}." if j == 0 else ""
                    click.echo(f"  {lead:>4} {f.text(questions[f.question], lang)}")
        click.echo()


def _changes(before, after, lang: str) -> list[str]:
    from reasoner.explain.i18n import msg, paren
    from reasoner.explain.interview import diff

    return [
        f"  {ch.label}{paren(ch.subject, lang)}  {ch.id}: {msg(ch.before, lang)} → {msg(ch.after, lang)}"
        for ch in diff(before, after)
    ]


@main.command("what-if")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, required=True, metavar="PATH=VALUE", help="a field and its new value")
@LANG
@FORMAT
def what_if(case_file: str, sets: tuple[str, ...], lang: str, fmt: str) -> None:
    """Reason about CASE_FILE with some facts changed and print which conclusions change.

    PATH is the field path of the case file (acts[0].payment_settlement); VALUE is written as in
    the case file (true, unknown, "236500.80", {at_least: 150000}) and checked the same way."""
    case = _load(case_file)
    from reasoner.explain.conclusions import build
    from reasoner.explain.i18n import msg
    from reasoner.explain.interview import diff

    from .case.edits import parse_assignment, read_data, revised
    from .case.errors import CaseFileError

    try:
        changes = [parse_assignment(x) for x in sets]
        _, new_case = revised(read_data(case_file), changes, case_file)
    except ValueError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    except CaseFileError as e:
        _fail(e)
    before = build(case, case_file, lang)
    after = build(new_case, case_file, lang)
    if fmt == "json":
        out = {
            "case": before.case_id,
            "lang": lang,
            "set": [{"path": p, "value": v} for p, v in changes],
            "changes": [
                {"id": c.id, "subject": c.subject, "label": c.label, "before": c.before, "after": c.after}
                for c in diff(before, after)
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    lines = _changes(before, after, lang)
    click.echo(f"{msg('what_if_changes', lang)}:" if lines else msg("what_if_none", lang))
    for line in lines:
        click.echo(line)


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", type=click.Path(dir_okay=False), help="write the completed case here (default: CASE_FILE)")
@LANG
def ask(case_file: str, output: str | None, lang: str) -> None:
    """Ask, in the terminal, only the questions whose answers can still change an open conclusion,
    most decisive first; show what each answer changed; write the completed case file back
    (comments and layout kept)."""
    case = _load(case_file)
    from reasoner.explain.conclusions import build
    from reasoner.explain.i18n import msg, paren, plain
    from reasoner.explain.interview import hint, open_questions
    from reasoner.solve.engine import reason

    from .case.edits import get, parse_value, read_data, revised, write_back
    from .case.errors import CaseFileError

    data = read_data(case_file)
    answered: list[tuple[str, object]] = []
    asked: set[str] = set()
    result = reason(case)
    report = build(case, case_file, lang, result)
    labels = {c.atom(): c.label for c in report.conclusions}
    stop = False
    while not stop:
        pending = [o for o in open_questions(result, report) if o.question.path not in asked]
        if not pending:
            click.echo(msg("ask_none", lang))
            break
        o = pending[0]
        path = o.question.path
        asked.add(path)
        decides = [labels.get(a, a.arguments[0].string) + paren(plain(a.arguments[1]), lang) for a in o.decides]
        click.echo(f"{msg('ask_question', lang)}: {path}  [{msg('ask_current', lang)}: {_show(get(data, path))}]")
        click.echo(f"  {msg('ask_may_decide', lang)}: {', '.join(decides)}")
        click.echo(f"  {hint(o.question)}")
        while True:
            try:
                text = click.prompt(msg("ask_prompt", lang), default="", show_default=False).strip()
            except click.Abort:  # end of input (or Ctrl-C): the answers given so far are kept
                click.echo("")
                click.echo(msg("ask_ended", lang))
                text, stop = "", True
            if not text:
                break
            try:
                value = parse_value(text)
                new_data, new_case = revised(data, [(path, value)], case_file)
            except ValueError as e:
                click.echo(str(e))
                continue
            except CaseFileError as e:
                for err in e.errors:
                    click.echo(str(err))
                continue
            data = new_data
            answered.append((path, value))
            new_result = reason(new_case)
            new_report = build(new_case, case_file, lang, new_result)
            lines = _changes(report, new_report, lang)
            click.echo(f"{msg('what_if_changes', lang)}:" if lines else msg("what_if_none", lang))
            for line in lines:
                click.echo(line)
            result, report = new_result, new_report
            labels.update({c.atom(): c.label for c in report.conclusions})
            break
    if not answered:
        click.echo(msg("ask_unchanged", lang))
        return
    target = output or case_file
    if case_file.endswith(".json"):
        from pathlib import Path

        Path(target).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        write_back(case_file, answered, target)
    click.echo(f"{msg('ask_written', lang)} {target}")


def _show(v: object) -> str:
    return json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default="-", help="the Markdown file (default: stdout)"
)
@LANG
@AS_OF
@click.option("--depth", type=click.IntRange(1), default=None, help="levels of explanation shown (default: all)")
@NEAR_MISS
def report(case_file: str, output: str, lang: str, as_of: str | None, depth: int | None, near_miss: float) -> None:
    """Write a review memo of CASE_FILE in Markdown: the facts, each offence with its elements and why
    (or why not), the reviewer findings relied on, near misses, and a receipt of versions and hashes."""
    case = _load(case_file)
    from reasoner.render.memo import markdown

    from .case.errors import CaseFileError

    try:
        text = markdown(case, case_file, lang, depth, near_miss, as_of=as_of)
    except CaseFileError as e:
        _fail(e)
    if output == "-":
        sys.stdout.write(text)
    else:
        with open(output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


@main.command()
@LANG
@FORMAT
def rules(lang: str, fmt: str) -> None:
    """List every encoded provision: id, citation, source text and rule file."""
    from .law.catalogue import catalogue

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
    from .case.model import Case

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

    from reasoner.batch import print_tally

    from .batch import Tally, collect, csv_fields, csv_header, csv_writer, jsonl_line, offences, screen
    from .case.errors import CaseFileError

    as_csv = bool(output and output.lower().endswith(".csv"))
    if output and not as_csv and not output.lower().endswith((".jsonl", ".json")):
        click.echo(f"{output}: expected a .jsonl or .csv output file", err=True)
        sys.exit(2)
    if output:  # before any work: a folder that is not there would end the batch after reading
        _output_folder(output)
    try:
        items = collect(input_path)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        sys.exit(2)
    names = offences()
    tally = Tally(names)
    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    except OSError as e:
        click.echo(f"{output}: cannot write the output: {e.strerror or e}", err=True)
        sys.exit(2)
    err_console = Console(stderr=True, highlight=False)
    try:
        writer = None
        if as_csv:
            writer = csv_writer(out)
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


def _output_folder(output: str) -> None:
    """Exit 2 with one line naming the path unless the output's folder exists."""
    from pathlib import Path

    folder = Path(output).parent
    if not folder.is_dir():
        click.echo(f"{output}: cannot write the output: the folder {folder} does not exist", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
