"""Statements of transactions: a CSV of bank records beside a case, summed into the figures the law counts.

A 帮信 act (assist_network_crime) may point to a statement instead of stating its payment settlement:

    statement: {file: statement.csv}            # relative to the case file
    statement: {file: statement.csv, settlement: outflow}

The file is found relative to the case file's folder and must lie inside it (or inside the folder
given as ``--statements-root``): an absolute path, a path climbing out with ``../`` and a link
leading out are refused, and so is anything but a regular file of at most
:data:`.files.MAX_STATEMENT_BYTES` bytes (reading ``/dev/zero`` or a FIFO would never end).
Errors quote at most the field that failed, never a whole line of the file.

The CSV has a header row with the columns ``date, account, direction, amount`` and optionally
``counterparty`` and ``flags``:

    date        YYYY-MM-DD
    account     the account the record is on (a card or account number, any text)
    direction   in | out
    amount      yuan, at most two decimals, no sign and no thousands separators ("1234.56")
    counterparty    any text
    flags       empty, or names separated by ";": verified_fraud (查证属实的诈骗资金)

Amounts are parsed from their digits into whole fen (Python integers: exact at any size, never
floating point) and summed here, in one streaming pass: the solver sees only the capped total, as
for a figure written in the case file (the solver's money ceiling), and the explanation shows what was summed.
What the encoded rules use is fed to the solver: the payment settlement (Art 12 (2)), from the
inflow (default) or the outflow; and, for an act that provided cards and accounts, the money through
them that the later documents read (funds: one-way inflow by whose the cards were, outflow, and the
verified fraud money of the inflow rows flagged so), attributed to owners by the cards' accounts
(:func:`owners`).  Every bad row is an error naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import sys
from collections.abc import Callable
from itertools import chain
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from reasoner.case.acts import Act
from reasoner.case.errors import InputError, Msg, chained, keyed
from reasoner.case.files import MAX_STATEMENT_BYTES, ReadProblem, cannot_read, not_utf8, open_regular, os_reason
from reasoner.case.model import Case
from reasoner.case.statement_sums import OPTIONAL, REQUIRED, StatementTotals, Summer, short
from reasoner.case.values import DateBounds, DateRange, earliest, latest
from reasoner.law.parameters import amendment_9_day


class StatementError(Exception):
    """A statement that cannot be read, or bad rows: (line, column, message) for each."""

    def __init__(self, problems: list[tuple[int | None, str, str | Msg]]):
        self.problems = problems
        super().__init__("; ".join(f"{line}: {col}: {m}" for line, col, m in problems))


def _columns(first: str) -> list[str]:
    """The columns named by the header row; a StatementError if they are not the statement's."""
    header = next(csv.reader([first], strict=True), [])
    if not header:
        raise StatementError([(1, "", keyed("header_empty", "expected a header row, found an empty line"))])
    names = [h.strip() for h in header]
    unknown = [h for h in names if h not in REQUIRED and h not in OPTIONAL]
    missing = [h for h in REQUIRED if h not in names]
    dupes = sorted({h for h in names if names.count(h) > 1})
    if unknown or missing or dupes:
        parts: list[Msg] = []
        if missing:
            shown = ", ".join(missing)
            parts.append(keyed("columns_missing", f"missing column(s) {shown}", columns=shown))
        if unknown:
            shown = ", ".join(map(short, unknown[:5])) + (" ..." if len(unknown) > 5 else "")
            parts.append(keyed("columns_unknown", f"unknown column(s) {shown}", columns=shown))
        if dupes:
            shown = ", ".join(map(short, dupes[:5])) + (" ..." if len(dupes) > 5 else "")
            parts.append(keyed("columns_repeated", f"repeated column(s) {shown}", columns=shown))
        required, optional = ", ".join(REQUIRED), ", ".join(OPTIONAL)
        text = f"{'; '.join(x.text for x in parts)} (expected {required} and optionally {optional})"
        bad = keyed("header_columns", text, problems=chained(parts), required=required, optional=optional)
        raise StatementError([(1, "", bad)])
    return names


#: Lines read at a time (by size): big enough to sum in C, small enough to keep memory flat.
BLOCK_BYTES = 1 << 22


def read_statement(path: Path, shown: str, settlement: str = "inflow", by_day: bool = False) -> StatementTotals:
    """Sum a statement in one streaming pass; raises StatementError listing the bad rows.

    Blocks of lines that are all good rows (the usual case) are matched by one regular expression
    and summed column by column; a block with a bad row is read again row by row, so that every
    error names its line and column; quoted fields switch to the csv module for the rest.  With
    ``by_day``, the sums by day and account are kept too (a loop per row), for the acts whose
    statement the law divides (a date in force inside the act) or attributes (cards of several
    owners)."""
    try:
        binary = open_regular(path, MAX_STATEMENT_BYTES)
    except ReadProblem as e:
        raise StatementError([(None, "", cannot_read(e.detail, "statement"))]) from None
    try:
        digest = _sha256(binary)
    except OSError as e:
        binary.close()
        raise StatementError([(None, "", cannot_read(os_reason(e), "statement"))]) from None
    f = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    # a quoted field may be as long as an unquoted one (which the block path takes at any length):
    # lift the csv module's 128 KiB limit for this read only (it is process-wide) and put it back
    limit = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a C long on every platform
    line = 0  # lines consumed so far
    reader = None  # the csv reader at work, whose line_num places a CSV error
    try:
        with f:
            first = f.readline()
            if not first:
                empty = keyed("statement_empty", "the statement is empty; expected a header row")
                raise StatementError([(1, "", empty)])
            names = _columns(first)
            acc = Summer(names, by_day)
            line = 1
            while True:
                lines = f.readlines(BLOCK_BYTES)
                if not lines:
                    break
                text = "".join(lines)
                if '"' in text:  # quoted fields may span lines: the csv module from here on
                    reader = csv.reader(chain(lines, f), strict=True)
                    done = 0  # lines of the records read so far: a record starts on the next one
                    for row in reader:
                        acc.row(line + done + 1, row)
                        done = reader.line_num
                    break
                if not acc.block(lines, text):
                    reader = csv.reader(lines, strict=True)
                    for row in reader:
                        acc.row(line + reader.line_num, row)
                    reader = None
                line += len(lines)
    except csv.Error as e:
        at = line + (reader.line_num if reader is not None else 0)
        raise StatementError([(max(at, 1), "", keyed("not_csv", f"not valid CSV: {e}", reason=str(e)))]) from None
    except UnicodeDecodeError:
        raise StatementError([_not_utf8(path)]) from None
    except OSError as e:
        raise StatementError([(None, "", cannot_read(os_reason(e), "statement"))]) from None
    finally:
        csv.field_size_limit(limit)
    if acc.more:
        acc.problems.append((None, "", keyed("more_rows", f"... and {acc.more} more bad row(s)", n=acc.more)))
    if acc.problems:
        raise StatementError(acc.problems)
    start, end = acc.span()
    return StatementTotals(
        shown,
        acc.rows,
        len(acc.accounts),
        acc.inflow,
        acc.outflow,
        acc.fraud,
        settlement,
        start,
        end,
        acc.daily() if by_day else None,
        "flags" in names,
        digest,
    )


def _sha256(f: BinaryIO) -> str:
    """The sha256 of the open file (for the memo's receipt), read before the rows are: the rows
    summed are those of the bytes hashed.  The file is left at its start."""
    digest = hashlib.sha256()
    for block in iter(lambda: f.read(1 << 20), b""):
        digest.update(block)
    f.seek(0)
    return digest.hexdigest()


def _not_utf8(path: Path) -> tuple[int | None, str, str | Msg]:
    """The line of the first bytes that are not UTF-8 (the file is decoded in blocks, which do not
    say which line failed): read again as bytes, only when there is such an error."""
    with open_regular(path, MAX_STATEMENT_BYTES) as f:
        for n, raw in enumerate(f, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                return n, "", not_utf8(raw, e.start)
    return None, "", keyed("not_utf8_somewhere", "not UTF-8 text")  # pragma: no cover - the decoder found a bad byte


def inside(base_dir: Path, root: Path, name: str) -> Path:
    """The statement ``name`` (as the case file writes it) found from ``base_dir``: the real path,
    if it lies inside ``root``; a ReadProblem for an absolute path or one leading out of ``root``
    (by ``../`` or through a link)."""
    shown = repr(name)
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        text = f"expected a path relative to the case file's folder, found the absolute path {shown}"
        raise ReadProblem(keyed("statement_absolute", text, name=shown))
    real = Path(os.path.realpath(base_dir / name))
    top = Path(os.path.realpath(root))
    if top not in real.parents:
        text = (
            f"the statement {shown} leads out of the folder {root} (by ../ or through a link); statements are "
            f"read only from inside it (or inside the folder given with --statements-root)"
        )
        raise ReadProblem(keyed("statement_outside", text, name=shown, root=str(root)))
    return real


def attach(
    case: Case,
    base_dir: Path,
    file: str,
    line_of: Callable[[tuple], int | None],
    root: str | Path | None = None,
) -> list[InputError]:
    """Read every statement the case points to and keep its totals on it; the errors found.

    ``file`` is the case file and ``line_of(loc)`` the line of one of its fields, for errors about
    the reference itself; errors in a statement name the statement, its line and its column.
    Statements are found from ``base_dir`` and must lie inside ``root`` (default: ``base_dir``)."""
    errors: list[InputError] = []
    cache: dict[tuple[Path, str, bool], StatementTotals] = {}
    top = Path(root) if root is not None else base_dir
    for i, a in enumerate(case.acts):
        st = getattr(a, "statement", None)
        if st is None:
            continue
        try:
            path = inside(base_dir, top, st.file)
        except ReadProblem as e:
            loc = ("acts", i, "statement", "file")
            errors.append(InputError.of(file, f"acts[{i}].statement.file", line_of(loc), e.detail))
            continue
        by_day = bool(a.cards) or _may_straddle(a.date, amendment_9_day())
        key = (path, st.settlement, by_day)
        try:
            totals = cache.get(key) or read_statement(path, st.file, st.settlement, by_day)
        except StatementError as e:
            for line, col, message in e.problems:
                if line is None and not col and str(message).startswith("cannot read"):
                    loc = ("acts", i, "statement", "file")
                    errors.append(InputError.of(file, f"acts[{i}].statement.file", line_of(loc), message))
                else:
                    errors.append(InputError.of(str(base_dir / st.file), col, line, message))
            continue
        cache[key] = totals
        outside = _outside(totals, a.date)
        if outside:
            loc = ("acts", i, "statement", "file")
            errors.append(InputError.of(file, f"acts[{i}].statement.file", line_of(loc), outside))
            continue
        funds = _funds_errors(a, totals)
        if funds:
            within, message = funds
            loc = ("acts", i, *within)
            shown = f"acts[{i}]" + "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in within)
            errors.append(InputError.of(file, shown, line_of(loc), message))
            continue
        st._totals = totals
    return errors


def _may_straddle(when: object, day: dt.date) -> bool:
    """Whether an act on ``when`` may have begun before ``day`` and gone on from it (or its date is not known)."""
    if isinstance(when, DateRange):
        first, last = earliest(when.start), latest(when.end)
    elif isinstance(when, dt.date | DateBounds):
        first, last = earliest(when), latest(when)
    else:
        return True
    return (first is None or first < day) and (last is None or last >= day)


#: The fields of ``funds`` a statement gives for an act that provided cards (one figure, one source).
FROM_STATEMENT = ("inflow", "outflow", "verified_fraud")


def owners(a: Act) -> dict[str, frozenset[str] | None]:
    """For an act with cards and a statement: whose cards (own, others, unit) take which accounts'
    rows (None: every row, where all the cards are of one owner and list no accounts)."""
    listed = {acct: c.whose for c in a.cards for acct in c.accounts}
    if not listed:
        return {a.cards[0].whose: None}
    out: dict[str, set[str]] = {}
    for acct, whose in listed.items():
        out.setdefault(whose, set()).add(acct)
    return {w: frozenset(v) for w, v in sorted(out.items())}


def _funds_errors(a: Act, totals: StatementTotals) -> tuple[tuple, Msg] | None:
    """Why a statement cannot give the money through the act's cards: the field and the message."""
    if not a.cards:
        return None
    given = [n for n in FROM_STATEMENT if a.funds is not None and getattr(a.funds, n) is not None]
    if given and (given != ["verified_fraud"] or totals.has_flags):
        name = given[0]
        text = (
            f"funds.{name} is given, and the statement {totals.file} gives it too (the money through the cards "
            f"provided: inflow, outflow and, from flagged rows, verified fraud money): one figure, one source; "
            f"leave funds.{name} out, or the statement"
        )
        return ("funds", name), keyed("funds_twice", text, name=name, file=totals.file)
    seen: dict[str, str] = {}
    for j, c in enumerate(a.cards):
        for acct in c.accounts:
            if seen.get(acct, c.whose) != c.whose:
                text = f"account {acct!r} is listed as {seen[acct]}'s and as {c.whose}'s: an account has one owner"
                twice = keyed("account_two_owners", text, account=repr(acct), first=seen[acct], second=c.whose)
                return ("cards", j, "accounts"), twice
            seen[acct] = c.whose
    whose = sorted({c.whose for c in a.cards})
    if not seen and len(whose) > 1:
        shown = ", ".join(whose)
        text = (
            f"the cards are of more than one owner ({shown}), so the statement {totals.file} cannot be "
            f"divided among them: list each card's account numbers (cards[].accounts)"
        )
        return ("cards",), keyed("statement_owners", text, owners=shown, file=totals.file)
    if seen:
        names = {acct for _, acct, *_ in totals.daily or ()}
        unknown = sorted(names - seen.keys())
        if unknown:
            shown = ", ".join(map(short, unknown[:5])) + (f" +{len(unknown) - 5}" if len(unknown) > 5 else "")
            text = (
                f"the statement {totals.file} has rows on accounts no card lists ({shown}): list them under "
                f"cards[].accounts, or leave their rows out of the statement"
            )
            return ("statement", "file"), keyed("statement_accounts", text, file=totals.file, accounts=shown)
    return None


def _outside(totals: StatementTotals, when: object) -> Msg | None:
    """Rows dated outside every day the act may have been on are not its payment settlement: an
    error, so that nothing is summed into the act that the act's own date rules out."""
    if isinstance(when, DateRange):
        first, last = earliest(when.start), latest(when.end)
    elif isinstance(when, dt.date | DateBounds):
        first, last = earliest(when), latest(when)
    else:  # the act's date is not known: nothing to hold the rows against
        return None
    lo, hi = totals.first_date, totals.last_date
    if lo is None or hi is None:
        return None
    if not isinstance(when, DateRange) and lo != hi:
        text = (
            f"the statement {totals.file} has rows on more than one day ({lo.isoformat()} to {hi.isoformat()}), "
            f"but the act is recorded as one day: record the act's period as date: {{from: …, to: …}}"
        )
        return keyed("statement_days", text, file=totals.file, first=lo.isoformat(), last=hi.isoformat())
    if (first is None or lo >= first) and (last is None or hi <= last):
        return None
    start, end = first.isoformat() if first else "…", last.isoformat() if last else "…"
    text = (
        f"the statement {totals.file} has rows from {lo.isoformat()} to {hi.isoformat()}, outside the act's "
        f"days ({start} to {end}): rows outside the act are not its payment settlement; correct the act's date or "
        f"leave those rows out of the statement"
    )
    rows = {"first": lo.isoformat(), "last": hi.isoformat()}
    return keyed("statement_outside_act", text, file=totals.file, start=start, end=end, **rows)
