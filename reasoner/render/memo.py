"""The review memo: one case that a reviewer can read top to bottom without the tool, as Markdown,
Word (.docx) or HTML.

What the memo says is built once, as a document model (:mod:`reasoner.render.memo_build`, from
the same Report that ``reasoner check`` prints and the atoms the case became); the three formats
are renderers of that model.  A subtree that occurs more than once is given in full once, under a
visible label (〔R1〕), and referred to elsewhere; ``depth`` cuts trees off at that many levels and
says how many lines were left out.  The output depends only on the case file, the rules and the
versions named in its receipt (no clock is read), so the same case gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reasoner.case.edits import judged_on
from reasoner.case.model import Case
from reasoner.explain.conclusions import build
from reasoner.render.memo_build import build_memo
from reasoner.render.memo_md import render_markdown
from reasoner.render.memo_model import Memo
from reasoner.solve.engine import reason
from reasoner.solve.result import Result

#: The formats of the memo, by the extension of the file written.
FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}


def memo(
    case: Case,
    file: str,
    lang: str = "zh",
    depth: int | None = None,
    near_miss: float = 0.8,
    result: Result | None = None,
    source: bytes | None = None,
    as_of: str | None = None,
    standards: dt.date | None = None,
    debug: bool = False,
    expand: bool = False,
) -> Memo:
    """The memo's document model for a case read from ``file`` (whose bytes are hashed into the
    receipt); ``as_of`` (``--as-of``) overrides the case file's date of judgment; ``standards``
    (``--standards``) fixes the documents applied to those in force on that day; ``debug``
    (``--debug``) adds each line's rule as written and where it is; ``expand`` (``--expand``) gives
    every one of alike sibling subtrees in full."""
    if as_of is not None:
        case = judged_on(case, as_of)
    result = result or reason(case, "--as-of" if as_of is not None else "case.as_of", standards)
    report = build(case, file, lang, result)
    data = source if source is not None else Path(file).read_bytes()
    return build_memo(case, report, result, data, depth, near_miss, debug, expand)


def markdown(
    case: Case,
    file: str,
    lang: str = "zh",
    depth: int | None = None,
    near_miss: float = 0.8,
    result: Result | None = None,
    source: bytes | None = None,
    as_of: str | None = None,
    standards: dt.date | None = None,
) -> str:
    """The memo as Markdown (the arguments of :func:`memo`)."""
    return render_markdown(memo(case, file, lang, depth, near_miss, result, source, as_of, standards))


def render(model: Memo, fmt: str) -> bytes:
    """The memo in a format: ``md`` (UTF-8 text), ``docx`` or ``html`` (UTF-8, one page)."""
    if fmt == "md":
        return render_markdown(model).encode("utf-8")
    if fmt == "docx":
        from reasoner.render.memo_docx import render_docx

        return render_docx(model)
    if fmt == "html":
        from reasoner.render.memo_html import render_html

        return render_html(model).encode("utf-8")
    raise ValueError(f"unknown memo format {fmt!r} (md, docx, html)")
