"""Comparisons and counts of the rules in words, with the case's figures: the words from the
translation table (``[cmp]``, ``[agg]``, ``[op]`` of messages.toml, keyed by the comparison or
aggregate as the rule writes it), the figures from the model.  A reader never sees ``N >= T``."""

from __future__ import annotations

import re

from reasoner.explain.arithmetic import evaluate, unit_of
from reasoner.explain.i18n import fmt_date, fmt_num, fmt_yuan, shown, table
from reasoner.law.terms import SymbolType, Term

_TEST = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
_PLACE = re.compile(r"\{(\w+)\}")


def entry(section: str, key: str, head: str | None) -> dict | None:
    """The words of a comparison or aggregate: the rule's own (``head|key``) or the shared ones."""
    words = table().get(section, {})
    return (words.get(f"{head}|{key}") if head else None) or words.get(key)


def op_word(op: str, ok: bool, date: bool, lang: str) -> str:
    """The word of an operator as the comparison came out (达到 / 未达到; 不晚于 / 晚于 between days)."""
    words = table()["op_date" if date and op in table()["op_date"] else "op"][op]
    return words[lang if ok else f"{lang}_not"]


def figure(value: int | Term | None, unit: str | None, lang: str) -> str:
    """A figure as a reader writes it: money in yuan, a day as a day, a count with separators; a
    symbol (an act, a cumulation) by its shown name."""
    if value is None:
        return "…"
    if isinstance(value, Term):
        if value.type != SymbolType.Number:
            return shown(value)
        value = value.number
    if unit == "fen":
        return fmt_yuan(value, lang)
    if unit == "date":
        return fmt_date(value)
    return fmt_num(value)


def comparison_words(
    key: str,
    left,
    op: str,
    right,
    values: dict[str, int | Term],
    units: dict[str, str],
    lang: str,
    head: str | None = None,
) -> tuple[bool | None, str]:
    """Whether ``left op right`` holds for the figures (None where they are not all numbers), and the
    comparison in words from the table with every variable's figure put in."""
    nums = {k: v for k, v in values.items() if isinstance(v, int)}
    nums |= {k: v.number for k, v in values.items() if isinstance(v, Term) and v.type == SymbolType.Number}
    try:
        lv: int | None = evaluate(left, nums)
        rv: int | None = evaluate(right, nums)
        ok: bool | None = _TEST[op](lv, rv)
    except (KeyError, ValueError, AttributeError, TypeError):
        lv = rv = ok = None  # names of things (acts, orders), not figures: said as the rule fired
    unit = unit_of(left, units) or unit_of(right, units)
    # a side that is one figure (a sum the rule made) is in the unit of what it is compared with
    sides = {
        t.name for t in (left, right) if getattr(t, "ast_type", None) is not None and t.ast_type.name == "Variable"
    }
    fields = {name: figure(v, units.get(name) or (unit if name in sides else None), lang) for name, v in values.items()}
    fields["left"], fields["right"] = figure(lv, unit, lang), figure(rv, unit, lang)
    fields["op"] = op_word(op, ok is not False, unit == "date", lang)
    words = entry("cmp", key, head)
    template = words[lang] if words else "{left} {op} {right}"
    return ok, _PLACE.sub(lambda m: fields.get(m.group(1), "…"), template)


def aggregate_words(key: str, value: Term, is_day: bool, lang: str, head: str | None = None) -> str:
    """A count, sum, least or greatest in words from the table, with its figure."""
    if value.type == SymbolType.Number:
        fields = {
            "value": fmt_date(value.number) if is_day else fmt_num(value.number),
            "yuan": fmt_yuan(value.number, lang),
        }
    else:
        fields = {"value": shown(value), "yuan": shown(value)}
    words = entry("agg", key, head)
    template = words[lang] if words else "{value}"
    return _PLACE.sub(lambda m: fields.get(m.group(1), "…"), template)
