"""Markdown text (escaping, code spans, a rule expression as code), and what the memo takes from a
conclusion that is not Markdown: the kind of a line, a further paragraph, what fails on the closest route."""

from __future__ import annotations

import re

from reasoner.explain.condition import Condition
from reasoner.explain.i18n import paren, table
from reasoner.render.memo_model import asp_split

_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Text escaped for Markdown (case-file text and rule text may hold * _ [ ] | < >)."""
    return _ESCAPE.sub(r"\\\1", text).replace("\n", " ")


def code(text: str) -> str:
    """Text as a code span, whatever backticks it holds."""
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def with_asp(text: str) -> str:
    """'200 < 500　[NA < TA] — …' with the rule's own expression as code."""
    parts = asp_split(text)
    if parts is None:
        return md(text)
    before, expr, after = parts
    return f"{md(before)} {code(expr)}{md(after)}"


def percent(share: float) -> str:
    """A share as a whole percentage, rounded down."""
    return f"{int(share * 100)}%"


def kind_label(kind: str, lang: str) -> str:
    """The name of a kind of explanation line or why-not condition, from [kind] of the table."""
    return table()["kind"][kind][lang]


def paragraph_of(pid: str, offence: str) -> bool:
    """Whether ``pid`` is a further paragraph of the offence (unit offence, heavier provision)."""
    rest = pid.removeprefix(offence + ".")
    return rest != pid and rest.isdigit() and rest != "1"


def closest_failures(routes: list[list[Condition]], lang: str) -> list[str]:
    """What fails on the closest route (the reader's first question), each with its mark: ✘ fails,
    ? open (it turns on facts not known)."""
    if not routes:
        return []
    return [
        ("? " if c.open else "✘ ") + c.text + (paren(c.subject or "", lang) if c.kind == "element" else "")
        for c in routes[0]
        if not c.holds or c.open
    ]
