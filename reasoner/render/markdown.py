"""Markdown text: escaping, code spans, and the words of a conclusion as the memo writes them."""

from __future__ import annotations

import re

from reasoner.explain.i18n import msg, paren, sep, table
from reasoner.explain.report import Conclusion
from reasoner.explain.whynot import Condition

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
    m = re.match(r"^(.*?)　\[(.*)\](.*)$", text)
    if not m:
        return md(text)
    return f"{md(m.group(1))} {code(m.group(2))}{md(m.group(3))}"


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


def verdict(c: Conclusion, lang: str) -> str:
    """The status in a mark and words, never more than was decided: ✔ established, ? possible (it
    hangs on facts not known), ⊘ not assessed (outside the standards), ✘ not established."""
    if c.certainty == "not_assessed":
        return "⊘ " + md(msg("not_assessed", lang))
    if c.certainty == "possible":
        return "? " + md(msg("possible", lang))
    return ("✔ " if c.status == "holds" else "✘ ") + md(
        msg("holds" if c.status == "holds" else "not_established", lang)
    )


def flags(c: Conclusion, lang: str) -> str:
    """What it rests on: a finding (⚖), a presumption of knowledge (⚐), a passage whose text is not
    verified (⚠), facts not known (?)."""
    out = []
    if c.discretionary:
        out.append("⚖ " + md(msg("discretionary", lang)))
    if c.presumed:
        out.append("⚐ " + md(msg("presumed_knowledge", lang)))
    if c.unverified:
        out.append("⚠ " + md(msg("unverified_text", lang)))
    if c.depends_on_unknown:
        out.append("? " + md(msg("depends_on_unknown", lang)))
    return md(sep(lang)).join(out) if out else ""


def mention(c: Conclusion, lang: str) -> str:
    """A conclusion named in one line (an offence in bold)."""
    star = "**" if c.is_offence else ""
    return f"{verdict(c, lang)} {star}{md(c.label)}{md(paren(c.shown_subject, lang))}{star} · {code(c.id)}"


def closest_failures(routes: list[list[Condition]], lang: str) -> list[str]:
    """What fails on the closest route (the reader's first question)."""
    if not routes:
        return []
    return [
        c.text + (paren(c.subject or "", lang) if c.kind == "element" else "")
        for c in routes[0]
        if not c.holds or c.open
    ]
