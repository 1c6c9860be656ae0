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
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .i18n import fmt_num, fmt_yuan, msg

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
    """Yuan with at most two decimals, ASCII digits only, as whole fen; None if malformed."""
    whole, dot, frac = text.partition(".")
    if not (whole.isascii() and whole.isdigit()):
        return None
    if not dot:
        return int(whole) * 100
    if not (1 <= len(frac) <= 2 and frac.isascii() and frac.isdigit()):
        return None
    return int(whole) * 100 + int(frac) * (10 if len(frac) == 1 else 1)


def read_statement(path: Path, shown: str, settlement: str = "inflow") -> StatementTotals:
    """Sum a statement in one pass; raises StatementError listing the bad rows (line, column)."""
    try:
        f = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise StatementError([(None, "", f"cannot read the statement: {e.strerror or e}")]) from None
    problems: list[tuple[int | None, str, str]] = []
    more = 0

    def bad(line: int, col: str, message: str) -> None:
        nonlocal more
        if len(problems) < MAX_ERRORS:
            problems.append((line, col, message))
        else:
            more += 1

    with f:
        reader = csv.reader(f, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise StatementError([(1, "", "the statement is empty; expected a header row")])
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
            width = len(names)
            i_date, i_acct, i_dir, i_amt = (names.index(h) for h in REQUIRED)
            i_flags = names.index("flags") if "flags" in names else None
            dates: dict[str, dt.date] = {}
            accounts: set[str] = set()
            inflow = outflow = fraud = rows = 0
            first = last = None
            for row in reader:
                line = reader.line_num
                if len(row) != width:
                    if not row:
                        continue  # an empty line between records
                    bad(line, "", f"expected {width} fields, found {len(row)}")
                    continue
                rows += 1
                ok = True
                ds = row[i_date]
                d = dates.get(ds)
                if d is None:
                    try:
                        d = dt.date.fromisoformat(ds) if len(ds) == 10 else None
                    except ValueError:
                        d = None
                    if d is None:
                        bad(line, "date", f"expected a date YYYY-MM-DD, found {ds!r}")
                        ok = False
                    else:
                        dates[ds] = d
                acct = row[i_acct]
                if not acct.strip():
                    bad(line, "account", "expected an account, found an empty field")
                    ok = False
                direction = row[i_dir]
                if direction != "in" and direction != "out":
                    bad(line, "direction", f"expected in or out, found {direction!r}")
                    ok = False
                fen = _fen(row[i_amt])
                if fen is None:
                    bad(
                        line,
                        "amount",
                        f"expected yuan with at most two decimals such as 1234.56 (digits only, no sign or "
                        f"separators), found {row[i_amt]!r}",
                    )
                    ok = False
                is_fraud = False
                if i_flags is not None and row[i_flags]:
                    for flag in row[i_flags].split(";"):
                        if flag.strip() not in FLAGS:
                            bad(line, "flags", f"expected flags from {', '.join(sorted(FLAGS))}, found {flag!r}")
                            ok = False
                        else:
                            is_fraud = True
                if not ok:
                    continue
                accounts.add(acct)
                if direction == "in":
                    inflow += fen  # type: ignore[operator]
                else:
                    outflow += fen  # type: ignore[operator]
                if is_fraud:
                    fraud += fen  # type: ignore[operator]
                if first is None or d < first:  # type: ignore[operator]
                    first = d
                if last is None or d > last:  # type: ignore[operator]
                    last = d
        except csv.Error as e:
            raise StatementError([(reader.line_num, "", f"not valid CSV: {e}")]) from None
        except UnicodeDecodeError as e:
            raise StatementError([(None, "", f"not UTF-8 text: {e}")]) from None
    if more:
        problems.append((None, "", f"... and {more} more bad row(s)"))
    if problems:
        raise StatementError(problems)
    return StatementTotals(shown, rows, len(accounts), inflow, outflow, fraud, settlement, first, last)


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
        st._totals = totals
    return errors
