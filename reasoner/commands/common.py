"""What the commands share: their options, reading a case, reasoning with a date of judgment, and
refusing a provision or a party that does not exist, each bad input an error on stderr and exit 2.

The stages are imported inside the functions that need them, so that ``reasoner --help`` and a bad
option answer without loading clingo, pydantic or the rules.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:  # for the annotations only: importing them is the slow part of a command
    from reasoner.case.errors import CaseFileError
    from reasoner.case.model import Case
    from reasoner.explain.report import Report
    from reasoner.solve.result import Result

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
STANDARDS = click.option(
    "--standards",
    metavar="DAY|PACK",
    default=None,
    help="apply to every act the documents in force on this day (YYYY-MM-DD), or of this pack (2019, 2021, "
    "2025, or a pack's name); default: the 2001 rule (the act's time, unless later standards favour the defendant)",
)
DEBUG = click.option(
    "--debug", is_flag=True, help="also show each line's rule as written (atoms, expressions) and its file and line"
)
EXPAND = click.option(
    "--expand", is_flag=True, help="give each of alike sibling explanations in full (default: once, naming them all)"
)
STATEMENTS_ROOT = click.option(
    "--statements-root",
    "root",
    type=click.Path(file_okay=False),
    default=None,
    help="read bank statements from inside this folder (default: the case file's folder)",
)


def say(text: str, err: bool = False) -> None:
    """Print a line that may hold text from the input: its control characters shown as escapes
    (``\\x1b``), so that nothing in a case file acts on the terminal."""
    from reasoner.render.cells import visible

    click.echo(visible(text), err=err)


def error_lines(e: CaseFileError, lang: str) -> list[str]:
    """Every input error as one line in the user's language (where it is keyed)."""
    from reasoner.explain.i18n import error_line

    return [error_line(err, lang) for err in e.errors]


def fail(e: CaseFileError, lang: str = "en") -> NoReturn:
    """Print every input error on stderr and exit 2, as for a bad case file."""
    for line in error_lines(e, lang):
        say(line, err=True)
    sys.exit(2)


def write_bytes(path: str, data: bytes, lang: str) -> None:
    """Write a file the command produced (``report -o``) whole or not at all (a temporary file
    beside it, flushed and renamed over it); a one-line error and exit 2 (a bad path) or 1 (the
    writing failed) if it cannot be written."""
    from reasoner.case.files import WriteProblem, write_atomic

    try:
        write_atomic(path, data)
    except WriteProblem as e:
        fail_write(e, lang)


def check_output(path: str, lang: str) -> None:
    """Before the work: exit 2 with a one-line error if ``path`` cannot be a file to write (its
    folder missing, or a folder itself)."""
    from reasoner.case.files import WriteProblem, check_target

    try:
        check_target(path)
    except WriteProblem as e:
        fail_write(e, lang)


def fail_write(e, lang: str) -> NoReturn:
    """A file not written (a WriteProblem): one line naming it and why; exit 2 or 1."""
    from reasoner.explain.i18n import message

    say(message(e.detail, lang), err=True)
    sys.exit(e.exit_code)


def standards_day(text: str | None, lang: str = "zh") -> dt.date | None:
    """--standards as a day, or exit 2 with what it accepts (in the user's language)."""
    if text is None:
        return None
    from reasoner.case.errors import keyed
    from reasoner.explain.i18n import message
    from reasoner.law.packs import standard_packs
    from reasoner.law.packs import standards_day as day_of

    try:
        return day_of(text)
    except ValueError as e:
        choices = ", ".join(p.id for p in standard_packs())
        say(message(keyed("standards_bad", f"--standards: {e}", choices=choices, found=repr(text)), lang), err=True)
        sys.exit(2)


def build_report(
    case: Case,
    case_file: str,
    lang: str,
    as_of: str | None,
    examine: str | None = None,
    standards: dt.date | None = None,
    result: Result | None = None,
) -> Report:
    """Reason, turning a bad --as-of into the same kind of error as a bad case file."""
    from reasoner.case.errors import CaseFileError
    from reasoner.explain.conclusions import build

    try:
        return build(case, case_file, lang, result, as_of=as_of, examine=examine, standards=standards)
    except CaseFileError as e:
        fail(e, lang)


def load_case(path: str, root: str | None = None, lang: str = "en") -> Case:
    """The case file read and validated (statements inside ``root``, by default the case file's
    folder); every error on stderr, in ``lang``, and exit 2 if it is bad."""
    from reasoner.case.errors import CaseFileError, keyed
    from reasoner.case.read import load
    from reasoner.explain.i18n import message

    try:
        return load(path, root)
    except CaseFileError as e:
        for line in error_lines(e, lang):
            say(line, err=True)
        n = len(e.errors)
        s = "s" if n != 1 else ""
        summary = keyed("errors_in_file", f"{n} error{s} in {path}; nothing was reasoned.", n=n, s=s, path=path)
        say(message(summary, lang), err=True)
        sys.exit(2)


def check_query(case: Case, case_file: str, provision: str, party: str | None, lang: str = "zh") -> None:
    """A provision and party asked about must exist: a typo is an error, not an empty answer."""
    from reasoner.case.errors import keyed
    from reasoner.explain.i18n import message
    from reasoner.law.catalogue import catalogue

    if provision not in catalogue():
        text = f"{provision!r} is not an encoded provision; `reasoner rules` lists them."
        say(message(keyed("provision_unknown", text, provision=repr(provision)), lang), err=True)
        sys.exit(2)
    ids = [p.id for p in case.parties]
    if party is not None and party not in ids:
        text = f"--party: {case_file} has no party {party!r} (its parties: {', '.join(ids)})"
        said = keyed("party_unknown", text, file=case_file, party=repr(party), parties=", ".join(ids))
        say(message(said, lang), err=True)
        sys.exit(2)


def reasoned(case: Case, as_of: str | None, lang: str) -> Result:
    """The case reasoned on (with --as-of, as judged on that day); a bad --as-of an error, exit 2."""
    from reasoner.case.edits import judged_on
    from reasoner.case.errors import CaseFileError
    from reasoner.solve.engine import reason

    try:
        return reason(judged_on(case, as_of) if as_of else case, "--as-of" if as_of else "case.as_of")
    except CaseFileError as e:
        fail(e, lang)
