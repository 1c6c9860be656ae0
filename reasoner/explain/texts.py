"""The words of what an explanation rests on: a reviewer finding, a figure of the law, the bounds
of a figure known only within them, and what a statement summed."""

from __future__ import annotations

from decimal import Decimal

from reasoner.case.model import Finding
from reasoner.case.statement_sums import Flow, StatementTotals
from reasoner.explain.i18n import colon, fmt_date, fmt_num, fmt_yuan, msg, paren, sep
from reasoner.law.parameters import Param


def finding_text(label: str, f: Finding, lang: str) -> str:
    """A recorded finding, with its verdict, its reason and who made it."""
    c = colon(lang)
    verdict = msg("finding_holds" if f.holds else "finding_fails", lang)
    text = f"{msg('finding', lang)}{c}{label} — {verdict}{sep(lang)}{msg('reason', lang)}{c}{f.reason}"
    if f.by:
        text += paren(f"{msg('by', lang)}{c}{f.by}", lang)
    return text


def param_text(p: Param, lang: str) -> str:
    """A figure of the law with its kind and unit: 标准：200,000.00 元, 期间：2 年, 倍数：5 倍."""
    shown = fmt_yuan(p.value, lang) if p.unit == "fen" else fmt_date(p.value) if p.unit == "date" else fmt_num(p.value)
    unit = {"years": "unit_years", "times": "unit_times", "months": "unit_months", "multiple": "unit_multiple"}
    if p.unit in unit:
        shown = f"{shown} {msg(unit[p.unit], lang)}"
    label = {"years": "period", "times": "times", "months": "penalty", "multiple": "multiple", "date": "in_force"}.get(
        p.unit, "parameter"
    )
    return f"{msg(label, lang)}{colon(lang)}{shown}"


def bound_text(bound: tuple[object, object, str], lang: str) -> str:
    """Bounds of a figure in words: 不少于 150,000.00 元 / at least 300, at most 500."""
    lo, hi, unit = bound

    def fig(v: object) -> str:
        if unit == "date":
            return v.isoformat()  # type: ignore[attr-defined]
        return fmt_yuan(int(Decimal(str(v)) * 100), lang) if unit == "fen" else fmt_num(int(v))  # type: ignore[call-overload]

    parts = []
    low_word, high_word = ("not_before", "not_after") if unit == "date" else ("at_least", "at_most")
    if lo is not None:
        parts.append(f"{msg(low_word, lang)} {fig(lo)}")
    if hi is not None:
        parts.append(f"{msg(high_word, lang)} {fig(hi)}")
    return msg("comma", lang).join(parts)


def statement_text(t: StatementTotals | Flow, lang: str) -> str:
    """What a statement summed, shown beside the figure taken from it:
    1,048,576 条流水（3 个账户），流入合计 …，流出合计 …，其中经查证的诈骗资金 …；来源 statement.csv;
    or, for part of it (some accounts, from some day), the rows and accounts that make the part."""
    if isinstance(t, Flow):
        shown = list(t.accounts[:5]) + ([f"… ({len(t.accounts)})"] if len(t.accounts) > 5 else [])
        return msg("statement_rows", lang).format(
            rows=fmt_num(t.rows),
            since=msg("statement_since", lang).format(day=t.from_day.isoformat()) if t.from_day else "",
            accounts=msg("account_sep", lang).join(shown) if shown else msg("statement_no_accounts", lang),
            inflow=fmt_yuan(t.inflow_fen, lang),
            outflow=fmt_yuan(t.outflow_fen, lang),
            fraud=fmt_yuan(t.fraud_in_fen, lang),
            file=t.file,
        )
    return msg("statement_summary", lang).format(
        rows=fmt_num(t.rows),
        accounts=fmt_num(t.accounts),
        inflow=fmt_yuan(t.inflow_fen, lang),
        outflow=fmt_yuan(t.outflow_fen, lang),
        fraud=fmt_yuan(t.fraud_fen, lang),
        basis=msg(f"statement_{t.settlement}", lang),
        file=t.file,
    )
