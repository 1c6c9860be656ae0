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
STATEMENTS_ROOT = click.option(
    "--statements-root",
    "root",
    type=click.Path(file_okay=False),
    default=None,
    help="read bank statements from inside this folder (default: the case file's folder)",
)


def fail(e: CaseFileError) -> NoReturn:
    """Print every input error on stderr and exit 2, as for a bad case file."""
    for err in e.errors:
        click.echo(str(err), err=True)
    sys.exit(2)


def standards_day(text: str | None) -> dt.date | None:
    """--standards as a day, or exit 2 with what it accepts."""
    if text is None:
        return None
    from reasoner.law.packs import standards_day as day_of

    try:
        return day_of(text)
    except ValueError as e:
        click.echo(f"--standards: {e}", err=True)
        sys.exit(2)


def build_report(
    case: Case,
    case_file: str,
    lang: str,
    as_of: str | None,
    examine: str | None = None,
    standards: dt.date | None = None,
) -> Report:
    """Reason, turning a bad --as-of into the same kind of error as a bad case file."""
    from reasoner.case.errors import CaseFileError
    from reasoner.explain.conclusions import build

    try:
        return build(case, case_file, lang, as_of=as_of, examine=examine, standards=standards)
    except CaseFileError as e:
        fail(e)


def load_case(path: str, root: str | None = None) -> Case:
    """The case file read and validated (statements inside ``root``, by default the case file's
    folder); every error on stderr and exit 2 if it is bad."""
    from reasoner.case.errors import CaseFileError
    from reasoner.case.read import load

    try:
        return load(path, root)
    except CaseFileError as e:
        for err in e.errors:
            click.echo(str(err), err=True)
        n = len(e.errors)
        click.echo(f"{n} error{'s' if n != 1 else ''} in {path}; nothing was reasoned.", err=True)
        sys.exit(2)


def check_query(case: Case, case_file: str, provision: str, party: str | None) -> None:
    """A provision and party asked about must exist: a typo is an error, not an empty answer."""
    from reasoner.law.catalogue import catalogue

    if provision not in catalogue():
        click.echo(f"{provision!r} is not an encoded provision; `reasoner rules` lists them.", err=True)
        sys.exit(2)
    ids = [p.id for p in case.parties]
    if party is not None and party not in ids:
        click.echo(f"--party: {case_file} has no party {party!r} (its parties: {', '.join(ids)})", err=True)
        sys.exit(2)
