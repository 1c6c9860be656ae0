"""Summing the rows of a statement: the running totals, fed block by block (fast) or row by row
(every bad field named by its line and column), and what was summed.  Amounts become whole fen from
their digits (Python integers: exact at any size, never floating point)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import MAX_PREC, Decimal, Inexact, localcontext
from itertools import compress, repeat
from operator import eq, ge, methodcaller, sub

from reasoner.case.errors import Msg, keyed
from reasoner.case.values import MAX_DIGITS
from reasoner.case.values import fen as fen_of

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
    #: the rows by day and account: (day, account, rows, inflow, outflow, verified fraud inflow),
    #: sorted; kept only where the act needs parts of the statement (read_statement's ``by_day``)
    daily: tuple[tuple[dt.date, str, int, int, int, int], ...] | None = None
    has_flags: bool = False  # the statement has a flags column (else it says nothing of fraud money)
    sha256: str = ""  # of the file's bytes, as summed

    @property
    def settlement_fen(self) -> int:
        return self.inflow_fen if self.settlement == "inflow" else self.outflow_fen

    @property
    def settlement_yuan(self) -> Decimal:
        """The settlement in yuan, built from its digits (no arithmetic, so no rounding at any size)."""
        fen = self.settlement_fen
        return Decimal(f"{fen // 100}.{fen % 100:02d}")

    def settlement_from(self, day: dt.date) -> int:
        """The settlement of the rows dated ``day`` or later (the part of an act from a day the law
        divides it at: CL 12's date in force)."""
        return self.flow(None, day).settlement(self.settlement)

    def flow(self, accounts: frozenset[str] | None, day: dt.date | None = None) -> Flow:
        """The rows on ``accounts`` (None: all) dated ``day`` or later (None: all), summed."""
        if self.daily is None:
            raise RuntimeError(f"the statement {self.file} was summed without its days (read_statement(by_day=True))")
        rows = inflow = outflow = fraud = 0
        names: set[str] = set()
        for d, acct, n, i, o, f in self.daily:
            if (day is None or d >= day) and (accounts is None or acct in accounts):
                rows += n
                inflow += i
                outflow += o
                fraud += f
                names.add(acct)
        return Flow(self.file, rows, tuple(sorted(names)), inflow, outflow, fraud, day)


@dataclass(frozen=True)
class Flow:
    """Part of a statement: the rows on some accounts from some day, and what they sum to."""

    file: str
    rows: int
    accounts: tuple[str, ...]
    inflow_fen: int
    outflow_fen: int
    fraud_in_fen: int  # inflow rows flagged verified_fraud
    from_day: dt.date | None = None

    def settlement(self, which: str) -> int:
        return self.inflow_fen if which == "inflow" else self.outflow_fen


#: A field quoted in an error shows at most this many characters.
QUOTED = 40


def short(text: str) -> str:
    """A field of a statement as an error shows it: at most QUOTED characters of it."""
    return text if len(text) <= QUOTED else f"{text[:QUOTED]} ... ({len(text):,} characters)"


def quoted(text: str) -> str:
    """A field of a statement as an error quotes it: at most QUOTED characters of it."""
    return repr(text) if len(text) <= QUOTED else f"{text[:QUOTED]!r} ... ({len(text):,} characters)"


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


class Summer:
    """The running totals of one statement, fed block by block (fast) or row by row (exact errors)."""

    def __init__(self, names: list[str], by_day: bool = False):
        self.names = names
        self.keep_by_day = by_day  # keep the sums by day and account (a loop per row: only when asked)
        self.width = len(names)
        self.i_date, self.i_acct, self.i_dir, self.i_amt = (names.index(h) for h in REQUIRED)
        self.i_flags = names.index("flags") if "flags" in names else None
        self.dates: dict[str, dt.date | None] = {}
        self.accounts: set[str] = set()
        self.inflow = self.outflow = self.fraud = self.rows = 0
        # (date text, account) -> [rows, inflow, outflow, verified fraud inflow], in Decimal yuan
        # summed exactly; made whole fen in daily()
        self.by_day: dict[tuple[str, str], list] = {}
        self.problems: list[tuple[int | None, str, Msg]] = []
        self.more = 0
        # one row, every field checked, in the columns' order: a block whose every line matches is
        # summed column-wise in C (map/sum/compress) instead of field by field in Python
        self.date_rx = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

    def bad(self, line: int | None, col: str, message: Msg) -> None:
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
            if self.keep_by_day:
                self._by_day_block(col["date"], col["account"], direction, values, flags)
        self.inflow += fen_of(inflow)
        self.outflow += fen_of(total) - fen_of(inflow)
        self.fraud += fen_of(fraud)
        self.accounts |= accounts
        self.rows += n
        return True

    def _by_day_block(
        self,
        dates: list[str],
        accounts: list[str],
        direction: list[str],
        values: list[Decimal],
        flags: list[str] | None,
    ) -> None:
        """Add a block's rows to the sums by day and account (in the caller's exact context)."""
        by_day = self.by_day
        zero = Decimal(0)
        for key, d, v, fl in zip(
            zip(dates, accounts, strict=True), direction, values, flags or repeat(""), strict=False
        ):
            rec = by_day.get(key)
            if rec is None:
                rec = by_day[key] = [0, zero, zero, zero]
            rec[0] += 1
            if d == "in":
                rec[1] += v
                if fl:
                    rec[3] += v
            else:
                rec[2] += v

    def row(self, line: int, row: list[str]) -> None:
        """One row, checked field by field; every error is recorded with its line and column."""
        if len(row) != self.width:
            if row:
                text = f"expected {self.width} fields, found {len(row)}"
                self.bad(line, "", keyed("row_width", text, width=self.width, found=len(row)))
            return  # an empty line between records is no row
        self.rows += 1
        ok = True
        ds = row[self.i_date]
        if self._date(ds) is None:
            self.bad(
                line, "date", keyed("expect_date", f"expected a date YYYY-MM-DD, found {quoted(ds)}", found=quoted(ds))
            )
            ok = False
        acct = row[self.i_acct]
        if not acct.strip():
            self.bad(line, "account", keyed("row_account", "expected an account, found an empty field"))
            ok = False
        direction = row[self.i_dir]
        if direction != "in" and direction != "out":
            text = f"expected in or out, found {quoted(direction)}"
            self.bad(line, "direction", keyed("row_direction", text, found=quoted(direction)))
            ok = False
        fen = _fen(row[self.i_amt])
        if fen is None and len(row[self.i_amt]) > MAX_DIGITS:
            most, n = f"{MAX_DIGITS:,}", f"{len(row[self.i_amt]):,}"
            text = f"expected an amount of at most {most} digits, found {n} characters"
            self.bad(line, "amount", keyed("row_amount_digits", text, most=most, n=n))
            ok = False
        elif fen is None:
            found = quoted(row[self.i_amt])
            text = (
                "expected yuan with at most two decimals such as 1234.56 (digits only, no sign or separators), "
                f"found {found}"
            )
            self.bad(line, "amount", keyed("row_amount", text, found=found))
            ok = False
        is_fraud = False
        if self.i_flags is not None and row[self.i_flags]:
            for flag in row[self.i_flags].split(";"):
                if flag.strip() not in FLAGS:
                    flags = ", ".join(sorted(FLAGS))
                    text = f"expected flags from {flags}, found {quoted(flag)}"
                    self.bad(line, "flags", keyed("row_flags", text, flags=flags, found=quoted(flag)))
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
        if not self.keep_by_day:
            return
        rec = self.by_day.get((ds, acct))
        if rec is None:
            rec = self.by_day[(ds, acct)] = [0, Decimal(0), Decimal(0), Decimal(0)]
        rec[0] += 1
        with localcontext() as ctx:  # exact, as in block()
            ctx.prec = MAX_PREC
            ctx.traps[Inexact] = True
            yuan = Decimal(row[self.i_amt])
            if direction == "in":
                rec[1] += yuan
                if is_fraud:
                    rec[3] += yuan
            else:
                rec[2] += yuan

    def daily(self) -> tuple[tuple[dt.date, str, int, int, int, int], ...]:
        """The rows by day and account, in whole fen, sorted: what parts of the statement are cut from."""
        out = []
        with localcontext() as ctx:
            ctx.prec = MAX_PREC
            ctx.traps[Inexact] = True
            for (ds, acct), (n, i, o, f) in self.by_day.items():
                d = self._date(ds)
                assert d is not None  # only good rows are kept
                out.append((d, acct, n, fen_of(Decimal(i)), fen_of(Decimal(o)), fen_of(Decimal(f))))
        out.sort()
        return tuple(out)

    def span(self) -> tuple[dt.date | None, dt.date | None]:
        good = sorted(d for d in self.dates.values() if d is not None)
        return (good[0], good[-1]) if good else (None, None)
