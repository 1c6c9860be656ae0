"""The values a case file is made of: dates, exact money, counts, ids, bounds, and ``unknown``.

Strict on purpose: wrong types, negative counts, impossible or reversed dates and inexact money are
errors, never coerced.  Any fact may be recorded as ``unknown``; a figure or a day may be known only
within bounds.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

from reasoner.case.errors import invalid

UNKNOWN = "unknown"
Unknown = Literal["unknown"]

#: Acts in one case file: the most that `reasoner check` answers within 10 s and 1 GiB on a 2-core
#: machine whatever their shape (all of one actor within two years, so that Art 16 adds every one of
#: them up, is the costliest: 50 such acts took 8.5 s and 239 MiB on an idle machine, measured with
#: bench/acts_limit.py; 1,000 took over 7 minutes and 3.9 GB).  Far below the 1,000 for which
#: Art 16's sums in two parts are safe in 32 bits (interp_16_cumulation.lp).
MAX_ACTS = 50
#: Sites in one case file: their account counts are summed in 32 bits (also across acts, Art 16).
MAX_SITES = 20_000
#: At most this many digits in a number (a count, or money in yuan with its decimals): Python
#: refuses to turn longer integers into text (its 4,300-digit limit), and a figure in fen, or a sum
#: of many, stays below that limit.  No figure the law counts comes near.
MAX_DIGITS = 4_000


class Strict(BaseModel):
    """A record of a case file: a key the format does not know is an error; values do not change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _parse_date(v: object) -> dt.date:
    if isinstance(v, dt.datetime):
        raise invalid("date_time", "expected a date YYYY-MM-DD, found a date and time")
    if isinstance(v, dt.date):
        return v
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise invalid("expect_date", f"expected a date YYYY-MM-DD, found {v!r}", found=repr(v))
    try:
        return dt.date.fromisoformat(v)
    except ValueError as e:
        raise invalid("not_a_day", f"{v!r} is not a calendar date ({e})", found=repr(v), reason=str(e)) from None


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
#: yuan as a lawyer writes them: ASCII digits, commas only as thousands separators, a sign ¥ before
#: and 元 after, and 万 (10^4) or 亿 (10^8) before 元; at most two decimals of yuan (fen) in all
_NUMBER = r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)"
_AMOUNT = re.compile(rf"[¥￥]?(?P<whole>{_NUMBER})(?:\.(?P<frac>[0-9]+))?(?P<unit>[万亿])?元?")
_MONEY = rf"[¥￥]?{_NUMBER}(?:\.[0-9]{{1,2}})?元?|[¥￥]?{_NUMBER}(?:\.[0-9]+)?[万亿]元?"
_UNITS = {None: 0, "万": 4, "亿": 8}
_EXPECTED = 'expected an amount in yuan with at most two decimals (fen), such as 120000, "120,000.50", 12万元 or 1.2万'


def parse_amount(text: str) -> Decimal:
    """An amount written as text (``"236,500.80"``, ``"12万元"``, ``"1.2万"``, ``"3.5亿"``), exactly:
    built from its digits, never through a float or a rounding context.  Anything else, or an
    amount finer than a fen, is an error (a ValueError saying what is expected)."""
    m = _AMOUNT.fullmatch(text)
    if not m:
        raise invalid("expect_money", f"{_EXPECTED}; found {text!r}", found=repr(text))
    digits = m["whole"].replace(",", "") + (m["frac"] or "")
    if len(digits) > MAX_DIGITS:
        raise invalid(
            "money_digits",
            f"expected an amount of at most {MAX_DIGITS:,} digits, found one of {len(digits):,} digits",
            most=f"{MAX_DIGITS:,}",
            digits=f"{len(digits):,}",
        )
    exponent = _UNITS[m["unit"]] - len(m["frac"] or "")
    while exponent < -2 and digits.endswith("0"):
        digits, exponent = digits[:-1], exponent + 1
    if exponent < -2:
        raise invalid("expect_money", f"{_EXPECTED}; found {text!r}", found=repr(text))
    if exponent > 0:  # 12万 is 120000, never 1.2E+5 where a figure is shown
        digits, exponent = digits + "0" * exponent, 0
    return Decimal((0, tuple(int(c) for c in digits.lstrip("0") or "0"), exponent))


def _parse_money(v: object) -> Decimal:
    """Money is exact: an integer of yuan or a text with at most two decimals (fen)."""
    if isinstance(v, bool):
        raise invalid("expect_money", f"{_EXPECTED}; found {v!r}", found=repr(v))
    if isinstance(v, float):
        raise invalid(
            "money_float",
            f'expected an amount in yuan as an integer or a quoted string such as "1234.56", '
            f"found the floating-point number {v!r} (floating point cannot hold money exactly)",
            found=repr(v),
        )
    if isinstance(v, int):
        if v < 0:
            raise invalid("money_negative", f"expected an amount of at least 0 yuan, found {v!r}", found=repr(v))
        return Decimal(v)
    if isinstance(v, str):
        return parse_amount(v)
    raise invalid("expect_money", f"{_EXPECTED}; found {v!r}", found=repr(v))


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    PlainSerializer(lambda d: format(d, "f"), return_type=str),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": f"^{_MONEY}$"},
            ],
            "description": "yuan, exact: an integer or a text with at most two decimals of yuan (fen); "
            "commas between thousands, ¥ before, 元 after, 万 or 亿 before 元 may be written",
        }
    ),
]
Count = Annotated[StrictInt, Field(ge=0)]
#: What an id may not hold: control characters (NUL ends a text inside the solver, so that ids
#: differing after it would be one entity), invisible and direction-changing characters, line
#: separators and half surrogate pairs: distinct ids are then distinct symbols, shown as written.
_NOT_IN_ID = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)


#: The message of an id holding such a character (keyed as ``id_characters`` in messages.toml).
ID_CHARACTERS = "an id may not hold control or invisible characters; found {char} at character {at} of {value}"


def _check_id(v: str) -> str:
    m = _NOT_IN_ID.search(v)
    if m:
        ctx = {"char": repr(m.group()), "at": m.start() + 1, "value": repr(v)}
        raise invalid("id_characters", ID_CHARACTERS.format(**ctx), **ctx)
    return v


Id = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$"), AfterValidator(_check_id)]


#: The message of a one-line text (a case number, a name) holding such a character or beginning or
#: ending with a space (keyed as ``line_characters`` in errors.toml).
LINE_CHARACTERS = (
    "expected one line of text, without line breaks, control or invisible characters, "
    "or spaces at its ends; found {char} at character {at}"
)


def _check_line(v: str) -> str:
    m = _NOT_IN_ID.search(v)
    at = m.start() if m else next((i for i in (0, len(v) - 1) if v[i].isspace()), None)
    if at is not None:
        ctx = {"char": repr(v[at]), "at": at + 1}
        raise invalid("line_characters", LINE_CHARACTERS.format(**ctx), **ctx)
    return v


#: One line of text printed as written in a header (case number, officer): no line break, no
#: control or invisible character, so that it prints as one line and reads as what was written.
Line = Annotated[StrictStr, Field(min_length=1, max_length=200), AfterValidator(_check_line)]
Text = Annotated[StrictStr, Field(min_length=1)]


class _Bounds(Strict):
    """Shared check of a bounded figure: at least one bound, and the lower not above the upper."""

    at_least: object = None
    at_most: object = None

    @model_validator(mode="after")
    def _ordered(self) -> _Bounds:
        lo, hi = self.at_least, self.at_most
        if lo is None and hi is None:
            raise invalid("bounds_empty", "a bounded figure needs at_least, at_most or both")
        if lo is not None and hi is not None and lo > hi:
            raise invalid("bounds_order", f"at_least ({lo}) is above at_most ({hi})", low=str(lo), high=str(hi))
        return self

    def low(self) -> int | Decimal:
        """The least value the figure may have (0 when only an upper bound is known)."""
        return self.at_least if self.at_least is not None else 0  # type: ignore[return-value]


class CountBounds(_Bounds):
    """A count known only within bounds: ``{at_least: N}``, ``{at_most: N}`` or both (between)."""

    at_least: Count | None = None
    at_most: Count | None = None


class MoneyBounds(_Bounds):
    """An amount known only within bounds, in exact yuan: ``{at_least: "150,000"}``, ``{at_most: …}``."""

    at_least: Money | None = None
    at_most: Money | None = None


MaybeCount = Count | CountBounds | Unknown
MaybeBool = StrictBool | Unknown
MaybeMoney = Money | MoneyBounds | Unknown


class DateBounds(Strict):
    """One day, not known exactly: ``{not_before: YYYY-MM-DD, not_after: YYYY-MM-DD}`` (either or
    both).  Not a period: an act's duration is ``{from, to}``."""

    not_before: Date | None = None
    not_after: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateBounds:
        if self.not_before is None and self.not_after is None:
            raise invalid("day_bounds_empty", "an uncertain date needs not_before, not_after or both")
        if self.not_before is not None and self.not_after is not None and self.not_after < self.not_before:
            text = f"not_after ({self.not_after}) is before not_before ({self.not_before})"
            raise invalid("day_bounds_order", text, low=str(self.not_before), high=str(self.not_after))
        return self


def earliest(v: object) -> dt.date | None:
    """The earliest a day can be: the day itself, or ``not_before``; None when open or not known."""
    return v if isinstance(v, dt.date) else v.not_before if isinstance(v, DateBounds) else None


def latest(v: object) -> dt.date | None:
    """The latest a day can be: the day itself, or ``not_after``; None when open or not known."""
    return v if isinstance(v, dt.date) else v.not_after if isinstance(v, DateBounds) else None


class DateRange(Strict):
    """A period (an act that went on from one day to another); either end may be a day known only
    within bounds, and the bounds of the two ends may overlap ("some time in 2023": both ends in
    that year).  Only completions whose start is on or before their end are weighed (a constraint
    in the rules); the spans below are each end's bounds closed by the other end's."""

    start: Date | DateBounds = Field(alias="from")
    end: Date | DateBounds = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True)

    def start_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The days the period may start on: its own bounds, closed above by the latest end."""
        high, last = latest(self.start), latest(self.end)
        if last is not None and (high is None or high > last):
            high = last
        return earliest(self.start), high

    def end_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The days the period may end on: its own bounds, closed below by the earliest start."""
        low, first = earliest(self.end), earliest(self.start)
        if first is not None and (low is None or low < first):
            low = first
        return low, latest(self.end)

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date):
            if self.end < self.start:
                text = f"the range ends ({self.end}) before it starts ({self.start})"
                raise invalid("range_order", text, start=str(self.start), end=str(self.end))
            return self
        first_start, last_end = earliest(self.start), latest(self.end)
        if first_start is not None and last_end is not None and first_start > last_end:
            text = f"the period would start ({first_start} at the earliest) after it ends ({last_end} at the latest)"
            raise invalid("period_order", text, start=str(first_start), end=str(last_end))
        return self


#: the date of an act: a day, a period, a day known within bounds, or not known
When = Date | DateRange | DateBounds | Unknown
#: the date of an order or a penalty: a day, a day known within bounds, or not known
Day = Date | DateBounds | Unknown


def earliest_end(when: When) -> dt.date | None:
    """The earliest day an act can have ended: for checks that the act is before the judgment."""
    return when.end_span()[0] if isinstance(when, DateRange) else earliest(when)


def fen(yuan: Decimal) -> int:
    """Yuan (at most two decimals) as whole fen, exactly at any size: from the digits, because
    Decimal arithmetic rounds to the context's 28 digits."""
    sign, digits, exponent = yuan.as_tuple()
    n = int("".join(map(str, digits)) or "0")
    shift = int(exponent) + 2
    n = n * 10**shift if shift >= 0 else n // 10**-shift
    return -n if sign else n
