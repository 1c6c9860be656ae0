"""The memo's lines as runs of styled text, for the renderers that set type (Word and HTML).

A run is a piece of text and what it is: ``strong``, ``code`` (a case field, a rule, a rule
expression), ``cite`` (a citation), ``statute`` (the words of a passage quoted), ``ok`` / ``no``
(✔ / ✘), ``mark`` (the mark of a line's kind), ``ref`` (a reference to a labelled subtree),
``label`` (the label of a subtree given in full here), ``more`` (lines left out), or plain ('').
Both renderers take their lines from here, so they show the same words in the same order as the
Markdown.
"""

from __future__ import annotations

from typing import NamedTuple

from reasoner.explain.i18n import msg, sep
from reasoner.render.memo_model import Mark, Mention, Step, asp_split, statute_split

#: The header's slots (fields of the memo's ``Header``) and the case fields that fill them.
HEADER_SLOTS = {"case_number": "number", "handler": "officer", "review_date": "review_date"}


def header_label(key: str, lang: str) -> str:
    """The words of a header slot: those of the case field (``ref_number`` …) in messages.toml."""
    return msg(f"ref_{HEADER_SLOTS[key]}", lang)


class Run(NamedTuple):
    text: str
    style: str = ""
    target: str | None = None  # the anchor a ``ref`` links to


def mark_runs(m: Mark) -> list[Run]:
    """A verdict or a flag: ✔ 成立."""
    style = {"✔": "ok", "✘": "no"}.get(m.mark, "mark")
    return [Run(m.mark, style), Run(" " + m.text)]


def marks_runs(marks: list[Mark], lang: str) -> list[Run]:
    out: list[Run] = []
    for i, m in enumerate(marks):
        if i:
            out.append(Run(sep(lang)))
        out += mark_runs(m)
    return out


def joined(items: list[str], lang: str, style: str = "code", prefix: str = "") -> list[Run]:
    """Items in a row, separated as the language separates them: `findings[0]`；`findings[1]`."""
    out: list[Run] = []
    for i, item in enumerate(items):
        if i:
            out.append(Run(sep(lang)))
        if prefix:
            out.append(Run(prefix, {"✔ ": "ok", "✘ ": "no"}.get(prefix, "")))
        out.append(Run(item, style))
    return out


def marked(items: list[str], lang: str) -> list[Run]:
    """Items that begin with their mark (✘ or ?), in a row, the mark set in its colour."""
    out: list[Run] = []
    for i, item in enumerate(items):
        if i:
            out.append(Run(sep(lang)))
        mark, _, text = item.partition(" ")
        out += [Run(mark + " ", {"✔": "ok", "✘": "no", "?": "open"}.get(mark, "")), Run(text)]
    return out


def mention_runs(x: Mention) -> list[Run]:
    """A conclusion named in one line (an offence in bold)."""
    return [*mark_runs(x.verdict), Run(" "), Run(x.name, "strong" if x.offence else ""), Run(" · "), Run(x.id, "code")]


def text_runs(text: str, style: str = "") -> list[Run]:
    """Text with a rule expression ('…　[F >= T]…') set as code."""
    parts = asp_split(text)
    if parts is None:
        return [Run(text, style)]
    before, expr, after = parts
    return [Run(before, style), Run(" "), Run(expr, "code"), *([Run(after, style)] if after else [])]


def see_runs(label: str, lang: str) -> list[Run]:
    """'见 〔R1〕', the label a link to where the subtree is given in full."""
    before, _, after = msg("report_see", lang).partition("{ref}")
    ref = Run(f"〔{label}〕", "ref", label.lower())
    return [r for r in (Run(before), ref, Run(after)) if r.text]


def step_runs(s: Step, lang: str) -> list[Run]:
    """One line of a why-tree or a why-not route."""
    out: list[Run] = []
    if s.status is not None:
        if s.open:
            out += [Run("?", "open"), Run(" ")]
        else:
            out += [Run("✔" if s.status else "✘", "ok" if s.status else "no"), Run(" ")]
    if s.mark:
        out += [Run(s.mark, "mark"), Run(" ")]
    if s.style == "strong":
        out.append(Run(s.text, "strong"))
    elif s.style == "asp":
        out += text_runs(s.text)
    else:
        figure, quote = statute_split(s)
        out += [Run(figure), *([Run(quote, "statute")] if quote else [])]
    if s.citation is not None:
        out += [Run(" · "), Run(s.citation, "cite")]
    if s.path:
        out += [Run(f" — {msg('case_path', lang)} "), Run(s.path, "code")]
    if s.rule:
        out += [Run(" · "), Run(s.rule, "code")]
    if s.any_of:
        out.append(Run(f" — {msg('any_of', lang)}"))
    if s.discretionary:
        out += [Run(" "), Run(f"⚖ {msg('discretionary', lang)}", "strong")]
    if s.again:
        out.append(Run(" → "))
        out += see_runs(s.ref, lang) if s.ref else [Run(msg("see_above", lang))]
    elif s.more is not None:
        out += [Run(" — "), Run(msg("report_more", lang).format(n=s.more), "more")]
    elif s.label:
        out += [Run(" "), Run(f"〔{s.label}〕", "label", s.label.lower())]
    return out


def plain(runs: list[Run]) -> str:
    """The words of runs, as a reader sees them."""
    return "".join(r.text for r in runs)
