"""The commands that explain a case as it is: check, why-not, and the review memo (report)."""

from __future__ import annotations

import sys

import click

from reasoner.commands.common import (
    AS_OF,
    DEBUG,
    EXPAND,
    FORMAT,
    LANG,
    NEAR_MISS,
    STANDARDS,
    STATEMENTS_ROOT,
    build_report,
    check_output,
    check_query,
    fail,
    load_case,
    reasoned,
    say,
    standards_day,
    write_bytes,
)


@click.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@LANG
@FORMAT
@AS_OF
@click.option("--id", "ids", multiple=True, help="show only these conclusion ids")
@click.option("--all", "show_all", is_flag=True, help="explain every conclusion, not only the offences")
@click.option("--width", type=int, default=None, help="width of the printout in columns (default: the terminal's)")
@NEAR_MISS
@STANDARDS
@click.option(
    "--compare-standards",
    is_flag=True,
    help="also show, conclusion by conclusion, where the standards of the act's time and those at judgment disagree",
)
@STATEMENTS_ROOT
@DEBUG
@EXPAND
def check(
    case_file: str,
    lang: str,
    fmt: str,
    as_of: str | None,
    ids: tuple[str, ...],
    show_all: bool,
    width: int | None,
    near_miss: float,
    standards: str | None,
    compare_standards: bool,
    root: str | None,
    debug: bool,
    expand: bool,
) -> None:
    """Reason about CASE_FILE and print its conclusions with their explanations."""
    case = load_case(case_file, root, lang)
    from reasoner.render.json_out import to_json

    if standards is not None and compare_standards:
        say("--compare-standards weighs the standards of the 2001 rule: leave out --standards", err=True)
        sys.exit(2)
    report = build_report(case, case_file, lang, as_of, standards=standards_day(standards, lang))
    comparison = _comparison(case, as_of, lang) if compare_standards else None
    if fmt == "json":
        if ids:
            report.conclusions = [c for c in report.conclusions if c.id in ids]
        extra = None
        if compare_standards:
            extra = {"comparison": None if comparison is None else [d.to_json() for d in comparison]}
        sys.stdout.write(to_json(report, extra))
        return
    from reasoner.render.standards import print_comparison
    from reasoner.render.terminal import print_report
    from reasoner.render.typeset import console as terminal

    console = terminal(width)
    print_report(report, console, set(ids) if ids else None, show_all, near_miss, debug, expand)
    if compare_standards:
        print_comparison(comparison, console, lang)


def _comparison(case, as_of: str | None, lang: str):
    """Where the standards of the act's time and those at judgment disagree on this case."""
    from reasoner.case.edits import judged_on
    from reasoner.explain.standards import compare_standards
    from reasoner.solve.engine import reason

    judged = judged_on(case, as_of) if as_of else case
    return compare_standards(reason(judged, "--as-of" if as_of else "case.as_of"), lang)


@click.command("why-not")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.argument("provision")
@click.option("--party", help="only for this party's acts, orders or records")
@LANG
@FORMAT
@AS_OF
@click.option("--width", type=int, default=None, help="width of the printout in columns")
@STATEMENTS_ROOT
@DEBUG
def why_not(
    case_file: str,
    provision: str,
    party: str | None,
    lang: str,
    fmt: str,
    as_of: str | None,
    width: int | None,
    root: str | None,
    debug: bool,
) -> None:
    """Why PROVISION does not hold in CASE_FILE: every route the law offers, closest first, each with
    all of its failing conditions and, for a threshold, the figure, the gap and the share reached."""
    case = load_case(case_file, root, lang)
    check_query(case, case_file, provision, party, lang)
    from reasoner.explain.act_kinds import kind_missing, kind_missing_text

    result = reasoned(case, as_of, lang)
    missing = kind_missing(result, provision)  # no act of the offence's kind: one line says so
    if missing is not None and fmt != "json":
        say(kind_missing_text(missing, provision, lang))
        return
    report = build_report(case, case_file, lang, as_of, examine=provision, result=result)
    chosen = [c for c in report.conclusions if c.id == provision and (party is None or c.party == party)]
    if fmt == "json":
        from reasoner.render.json_out import why_not_json

        none = None if missing is None else {"kind": missing.name, "text": kind_missing_text(missing, provision, lang)}
        sys.stdout.write(why_not_json(report, provision, lang, [] if none else chosen, none))
        return
    from reasoner.render.terminal import print_why_not
    from reasoner.render.typeset import console

    print_why_not(report, chosen, provision, console(width), debug)


@click.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="-",
    help="the file to write: FILE.md, FILE.docx (Word) or FILE.html, the format by its extension (default: "
    "Markdown on stdout)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "html"]),
    default=None,
    help="the memo's format, whatever the extension of -o (default: by the extension; Markdown otherwise)",
)
@LANG
@AS_OF
@click.option("--depth", type=click.IntRange(1), default=None, help="levels of explanation shown (default: all)")
@NEAR_MISS
@STANDARDS
@STATEMENTS_ROOT
@DEBUG
@EXPAND
def report(
    case_file: str,
    output: str,
    fmt: str | None,
    lang: str,
    as_of: str | None,
    depth: int | None,
    near_miss: float,
    standards: str | None,
    root: str | None,
    debug: bool,
    expand: bool,
) -> None:
    """Write a review memo of CASE_FILE in Markdown, Word (.docx) or HTML: the facts, each offence with
    its elements and why (or why not), the reviewer findings relied on, near misses, and a receipt of
    versions and hashes.  A file is written whole or not at all."""
    from pathlib import Path

    from reasoner.render.memo import FORMATS

    fmt = fmt or FORMATS.get(Path(output).suffix.lower(), "md")
    _check_memo_output(output, fmt, case_file, lang)
    case = load_case(case_file, root, lang)
    if output != "-":
        check_output(output, lang)  # a folder that is not there: said before the memo is made
    from reasoner.case.errors import CaseFileError
    from reasoner.render.memo import memo, render

    try:
        day = standards_day(standards, lang)
        model = memo(case, case_file, lang, depth, near_miss, as_of=as_of, standards=day, debug=debug, expand=expand)
    except CaseFileError as e:
        fail(e, lang)
    data = render(model, fmt)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_bytes(output, data, lang)  # whole or not at all: a temporary file beside it, renamed


def _check_memo_output(output: str, fmt: str, case_file: str, lang: str) -> None:
    """A Word memo needs a file, and the memo never goes over the case file: exit 2 otherwise."""
    from reasoner.case.errors import keyed
    from reasoner.explain.i18n import message
    from reasoner.render.output_file import same_file

    if output == "-" and fmt == "docx":
        say(message(keyed("memo_docx_needs_file", "a Word memo is a file: give -o FILE.docx"), lang), err=True)
        sys.exit(2)
    if output != "-" and same_file(output, case_file):
        said = keyed(
            "memo_over_case_file", f"-o {output} is the case file itself: the memo must go to another file", path=output
        )
        say(message(said, lang), err=True)
        sys.exit(2)
