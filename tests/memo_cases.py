"""The worked examples' memos, built once per test process: the document model and what the
renderers make of it, and what a reader should find in each format, read off the model."""

from __future__ import annotations

from functools import cache

from conftest import EXAMPLES
from test_printouts import _result

from reasoner.case.read import load
from reasoner.render.memo import memo
from reasoner.render.memo_model import Conclusion, Memo, Step
from reasoner.render.memo_runs import mark_runs, plain, step_runs

CASES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@cache
def memo_of(name: str, lang: str = "zh") -> Memo:
    """The memo of an example, reasoned once per process with the printouts' tests (their cache)."""
    return memo(load(EXAMPLES / name), f"examples/{name}", lang, result=_result(name))


def conclusions(m: Memo) -> list[Conclusion]:
    """Every conclusion block, offences and their further paragraphs, in order."""
    return [x for c in m.offences for x in (c, *c.paragraphs)]


def trees(c: Conclusion) -> list[Step]:
    return c.why if c.why is not None else c.why_not


def walk(steps: list[Step]):
    for s in steps:
        yield s
        yield from walk(s.children)


def leaves(m: Memo) -> list[str]:
    """The words of every tree line with nothing below it, in order."""
    return [plain(step_runs(s, m.lang)) for c in conclusions(m) for s in walk(trees(c)) if not s.children]


def folds(m: Memo) -> int:
    """The foldable parts: each conclusion's tree, and each tree line with lines below it."""
    return sum(1 + sum(1 for s in walk(trees(c)) if s.children) for c in conclusions(m))


def headings(m: Memo, msg) -> list[tuple[int, str]]:
    """The headings of the memo, level and words, in order (``msg``: the memo's words by key)."""
    out = [(1, m.header.title), (2, msg("summary"))]
    if m.persons:  # a section per defendant (issue 17)
        out += [(2, msg("report_persons"))] + [(3, p.heading) for p in m.persons]
    out.append((2, msg("report_facts")))
    out += [(3, r.heading) for r in m.facts]
    out += [(3, msg("report_unknown"))] if m.unknown else []
    out.append((2, msg("report_offences")))
    for c in conclusions(m):
        label = f" 〔{c.label}〕" if c.label else ""
        out.append((c.level, f"{c.number} {c.name} — {plain(mark_runs(c.verdict))}{label}"))
    out.append((2, msg("report_findings")))
    out += [(3, f"{f.number} {f.name} — {f.verdict}") for f in m.findings]
    out.append((2, msg("report_unverified")))
    out += [(3, f"{p.citation} · {p.id}") for p in m.passages]
    out += [(2, msg("report_near_misses")), (2, msg("report_legend")), (2, msg("report_receipt"))]
    return out
