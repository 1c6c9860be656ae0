"""Statements of transactions: a CSV of bank records beside a case, summed into the figures the law counts.

A 帮信 act (assist_network_crime) may point to a statement instead of stating its payment settlement:

    statement: {file: statement.csv}            # relative to the case file
    statement: {file: statement.csv, settlement: outflow}

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
for a figure written in the case file (facts.FEN_CEILING), and the explanation shows what was summed.
What the encoded rules use is fed to the solver: the payment settlement (Art 12 (2)), from the
inflow (default) or the outflow.  The other figures (accounts, the other direction, verified fraud
money) are shown with it.  Every bad row is an error naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass
from decimal import MAX_PREC, Decimal, Inexact, localcontext
from itertools import chain, compress, repeat
from operator import eq, ge, methodcaller, sub
from pathlib import Path

from .facts import fen as fen_of
from .i18n import fmt_num, fmt_yuan, msg
from .model import MAX_DIGITS

REQUIRED = ("date", "account", "direction", "amount")
OPTIONAL = ("counterparty", "flags")
FLAGS = frozenset({"verified_fraud"})
#: At most this many row errors are listed for one file (then a count of the rest).
MAX_ERRORS = 50


@dataclass(frozen=True)
class StatementTotals:
    """What was summed from one statement, exactly (fen as Python integers)."""

    file: str  # as written in the case file
    rows: int
    accounts: int
    inflow_fen: int
    outflow_fen: int
    fraud_fen: int  # rows flagged verified_fraud, either direction
    settlement: str  # inflow | outflow: which total is the payment settlement
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    @property
    def settlement_fen(self) -> int:
        return self.inflow_fen if self.settlement == "inflow" else self.outflow_fen

    @property
    def settlement_yuan(self) -> Decimal:
        """The settlement in yuan, built from its digits (no arithmetic, so no rounding at any size)."""
        fen = self.settlement_fen
        return Decimal(f"{fen // 100}.{fen % 100:02d}")

    def describe(self, lang: str) -> str:
        """1,048,576 条流水（3 个账户），流入合计 …，流出合计 …，其中经查证的诈骗资金 …；来源 statement.csv"""
        return msg("statement_summary", lang).format(
            rows=fmt_num(self.rows),
            accounts=fmt_num(self.accounts),
            inflow=fmt_yuan(self.inflow_fen, lang),
            outflow=fmt_yuan(self.outflow_fen, lang),
            fraud=fmt_yuan(self.fraud_fen, lang),
            basis=msg(f"statement_{self.settlement}", lang),
            file=self.file,
        )


class StatementError(Exception):
    """A statement that cannot be read, or bad rows: (line, column, message) for each."""

    def __init__(self, problems: list[tuple[int | None, str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{line}: {col}: {m}" for line, col, m in problems))


def _fen(text: str) -> int | None:
    """Yuan with at most two decimals, ASCII digits only, as whole fen; None if malformed or longer
    than MAX_DIGITS digits (Python refuses to convert longer integers)."""
    whole, dot, frac = text.partition(".")
    if not (whole.isascii() and whole.isdigit()) or len(whole) + len(frac) > MAX_DIGITS:
        return None
    if not dot:
        return int(whole) * 100
    if not (1 <= len(frac) <= 2 and frac.isascii() and frac.isdigit()):
        return None
    return int(whole) * 100 + int(frac) * (10 if len(frac) == 1 else 1)


class _Summer:
    """The running totals of one statement, fed block by block (fast) or row by row (exact errors)."""

    def __init__(self, names: list[str]):
        self.names = names
        self.width = len(names)
        self.i_date, self.i_acct, self.i_dir, self.i_amt = (names.index(h) for h in REQUIRED)
        self.i_flags = names.index("flags") if "flags" in names else None
        self.dates: dict[str, dt.date | None] = {}
        self.accounts: set[str] = set()
        self.inflow = self.outflow = self.fraud = self.rows = 0
        self.problems: list[tuple[int | None, str, str]] = []
        self.more = 0
        # one row, every field checked, in the columns' order: a block whose every line matches is
        # summed column-wise in C (map/sum/compress) instead of field by field in Python
        self.date_rx = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

    def bad(self, line: int | None, col: str, message: str) -> None:
        if len(self.problems) < MAX_ERRORS:
            self.problems.append((line, col, message))
        else:
            self.more += 1

    def _date(self, text: str) -> dt.date | None:
        if text in self.dates:
            return self.dates[text]
        try:  # the pattern first: fromisoformat also takes other ISO forms, such as 2023-W01-1
            d = dt.date.fromisoformat(text) if self.date_rx.fullmatch(text) else None
        except ValueError:
            d = None
        self.dates[text] = d
        return d

    def block(self, lines: list[str], text: str) -> bool:
        """Sum a block of lines (``text`` joined) if every line is a good row; False (nothing summed) otherwise.

        The block is split into fields in one call and checked column by column (in C: split, slicing,
        sets, map, one regular expression over the amounts), so that a million rows take seconds.
        Each line has exactly ``width`` fields (no quotes here: the caller sends quoted text to csv)."""
        width = self.width
        if "\r" in text:
            text = text.replace("\r\n", "\n")
            if "\r" in text:
                return False
        if not text.endswith("\n"):
            text += "\n"
        n = text.count("\n")
        if n != len(lines) or "\n\n" in text or text.startswith("\n"):
            return False  # blank lines: row by row
        if set(map(methodcaller("count", ","), lines)) != {width - 1}:
            return False
        fields = text[:-1].replace("\n", ",").split(",")
        col = {name: fields[i::width] for i, name in enumerate(self.names)}
        dates = set(col["date"])
        if any(self._date(d) is None for d in dates):
            return False
        accounts = set(col["account"])
        if any(not a.strip() for a in accounts):
            return False
        direction = col["direction"]
        if not set(direction) <= {"in", "out"}:
            return False
        flags = col.get("flags")
        if flags is not None and not set(flags) <= {"", "verified_fraud"}:
            return False
        # amounts: digits, then optionally "." and one or two digits; checked on whole columns
        amounts = col["amount"]
        joined = "".join(amounts)
        if not (joined.isascii() and joined.replace(".", "").isdigit()):
            return False
        points = list(map(methodcaller("rfind", "."), amounts))
        lengths = list(map(len, amounts))
        dotted = list(map(ge, points, repeat(0)))
        if min(lengths) == 0 or max(lengths) > MAX_DIGITS or 0 in points or joined.count(".") != sum(dotted):
            return False
        decimals = list(compress(map(sub, lengths, points), dotted))  # 1 + the digits after the point
        if decimals and (min(decimals) < 2 or max(decimals) > 3):
            return False

        # unbounded precision, and an inexact sum is an error rather than a rounding: exact at any size
        with localcontext() as ctx:
            ctx.prec = MAX_PREC
            ctx.traps[Inexact] = True
            values = list(map(Decimal, amounts))
            total = sum(values, Decimal(0))
            inflow = sum(compress(values, map(eq, direction, repeat("in"))), Decimal(0))
            fraud = sum(compress(values, flags), Decimal(0)) if flags is not None and any(flags) else Decimal(0)
        self.inflow += fen_of(inflow)
        self.outflow += fen_of(total) - fen_of(inflow)
        self.fraud += fen_of(fraud)
        self.accounts |= accounts
        self.rows += n
        return True

    def row(self, line: int, row: list[str]) -> None:
        """One row, checked field by field; every error is recorded with its line and column."""
        if len(row) != self.width:
            if row:
                self.bad(line, "", f"expected {self.width} fields, found {len(row)}")
            return  # an empty line between records is no row
        self.rows += 1
        ok = True
        ds = row[self.i_date]
        if self._date(ds) is None:
            self.bad(line, "date", f"expected a date YYYY-MM-DD, found {ds!r}")
            ok = False
        acct = row[self.i_acct]
        if not acct.strip():
            self.bad(line, "account", "expected an account, found an empty field")
            ok = False
        direction = row[self.i_dir]
        if direction != "in" and direction != "out":
            self.bad(line, "direction", f"expected in or out, found {direction!r}")
            ok = False
        fen = _fen(row[self.i_amt])
        if fen is None and len(row[self.i_amt]) > MAX_DIGITS:
            found = f"{len(row[self.i_amt]):,} characters"
            self.bad(line, "amount", f"expected an amount of at most {MAX_DIGITS:,} digits, found {found}")
            ok = False
        elif fen is None:
            self.bad(
                line,
                "amount",
                f"expected yuan with at most two decimals such as 1234.56 (digits only, no sign or separators), "
                f"found {row[self.i_amt]!r}",
            )
            ok = False
        is_fraud = False
        if self.i_flags is not None and row[self.i_flags]:
            for flag in row[self.i_flags].split(";"):
                if flag.strip() not in FLAGS:
                    self.bad(line, "flags", f"expected flags from {', '.join(sorted(FLAGS))}, found {flag!r}")
                    ok = False
                else:
                    is_fraud = True
        if not ok or fen is None:
            return
        self.accounts.add(acct)
        if direction == "in":
            self.inflow += fen
        else:
            self.outflow += fen
        if is_fraud:
            self.fraud += fen

    def span(self) -> tuple[dt.date | None, dt.date | None]:
        good = sorted(d for d in self.dates.values() if d is not None)
        return (good[0], good[-1]) if good else (None, None)


#: Lines read at a time (by size): big enough to sum in C, small enough to keep memory flat.
BLOCK_BYTES = 1 << 22


def read_statement(path: Path, shown: str, settlement: str = "inflow") -> StatementTotals:
    """Sum a statement in one streaming pass; raises StatementError listing the bad rows.

    Blocks of lines that are all good rows (the usual case) are matched by one regular expression
    and summed column by column; a block with a bad row is read again row by row, so that every
    error names its line and column; quoted fields switch to the csv module for the rest."""
    try:
        f = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise StatementError([(None, "", f"cannot read the statement: {e.strerror or e}")]) from None
    # a quoted field may be as long as an unquoted one (which the block path takes at any length):
    # lift the csv module's 128 KiB limit for this read only (it is process-wide) and put it back
    limit = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a C long on every platform
    line = 0  # lines consumed so far
    reader = None  # the csv reader at work, whose line_num places a CSV error
    try:
        with f:
            first = f.readline()
            if not first:
                raise StatementError([(1, "", "the statement is empty; expected a header row")])
            header = next(csv.reader([first], strict=True), [])
            if not header:
                raise StatementError([(1, "", "expected a header row, found an empty line")])
            names = [h.strip() for h in header]
            unknown = [h for h in names if h not in REQUIRED and h not in OPTIONAL]
            missing = [h for h in REQUIRED if h not in names]
            dupes = sorted({h for h in names if names.count(h) > 1})
            if unknown or missing or dupes:
                parts = []
                if missing:
                    parts.append(f"missing column(s) {', '.join(missing)}")
                if unknown:
                    parts.append(f"unknown column(s) {', '.join(unknown)}")
                if dupes:
                    parts.append(f"repeated column(s) {', '.join(dupes)}")
                expected = ", ".join(REQUIRED) + " and optionally " + ", ".join(OPTIONAL)
                raise StatementError([(1, "", f"{'; '.join(parts)} (expected {expected})")])
            acc = _Summer(names)
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
        raise StatementError([(max(at, 1), "", f"not valid CSV: {e}")]) from None
    except UnicodeDecodeError:
        raise StatementError([_not_utf8(path)]) from None
    finally:
        csv.field_size_limit(limit)
    if acc.more:
        acc.problems.append((None, "", f"... and {acc.more} more bad row(s)"))
    if acc.problems:
        raise StatementError(acc.problems)
    start, end = acc.span()
    return StatementTotals(
        shown, acc.rows, len(acc.accounts), acc.inflow, acc.outflow, acc.fraud, settlement, start, end
    )


def _not_utf8(path: Path) -> tuple[int | None, str, str]:
    """The line of the first bytes that are not UTF-8 (the file is decoded in blocks, which do not
    say which line failed): read again as bytes, only when there is such an error."""
    with path.open("rb") as f:
        for n, raw in enumerate(f, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                return n, "", f"not UTF-8 text: byte {e.start + 1} of the line is {raw[e.start : e.start + 1]!r}"
    return None, "", "not UTF-8 text"  # pragma: no cover - the decoder found a bad byte


def attach(case, base_dir: Path, file: str, line_of) -> list:
    """Read every statement the case points to and keep its totals on it; the errors found.

    ``file`` is the case file and ``line_of(loc)`` the line of one of its fields, for errors about
    the reference itself; errors in a statement name the statement, its line and its column."""
    from .casefile import InputError

    errors: list = []
    cache: dict[tuple[Path, str], StatementTotals] = {}
    for i, a in enumerate(case.acts):
        st = getattr(a, "statement", None)
        if st is None:
            continue
        path = base_dir / st.file
        key = (path, st.settlement)
        try:
            totals = cache.get(key) or read_statement(path, st.file, st.settlement)
        except StatementError as e:
            for line, col, message in e.problems:
                if line is None and not col and message.startswith("cannot read"):
                    loc = ("acts", i, "statement", "file")
                    errors.append(InputError(file, f"acts[{i}].statement.file", line_of(loc), message))
                else:
                    errors.append(InputError(str(path), col, line, message))
            continue
        cache[key] = totals
        outside = _outside(totals, a.date)
        if outside:
            loc = ("acts", i, "statement", "file")
            errors.append(InputError(file, f"acts[{i}].statement.file", line_of(loc), outside))
            continue
        st._totals = totals
    return errors


def _outside(totals: StatementTotals, when: object) -> str | None:
    """Rows dated outside every day the act may have been on are not its payment settlement: an
    error, so that nothing is summed into the act that the act's own date rules out."""
    from .model import DateBounds, DateRange, earliest, latest

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
        return (
            f"the statement {totals.file} has rows on more than one day ({lo.isoformat()} to {hi.isoformat()}), "
            f"but the act is recorded as one day: record the act's period as date: {{from: …, to: …}}"
        )
    if (first is None or lo >= first) and (last is None or hi <= last):
        return None
    span = f"{first.isoformat() if first else '…'} to {last.isoformat() if last else '…'}"
    return (
        f"the statement {totals.file} has rows from {lo.isoformat()} to {hi.isoformat()}, outside the act's "
        f"days ({span}): rows outside the act are not its payment settlement; correct the act's date or "
        f"leave those rows out of the statement"
    )
