"""The memo's receipt: everything the memo depends on, pinned (package version, rules digest, each
rule pack's digest, clingo version, the case file's and each statement's sha256, the date of
judgment, the standards and the options)."""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version

import clingo

from reasoner.case.model import Case
from reasoner.explain.i18n import msg
from reasoner.explain.report import Report
from reasoner.law.packs import packs
from reasoner.render.markdown import code, md
from reasoner.render.standards import judgment_text, standards_text


def judgment_date(case: Case) -> str | None:
    """The date of judgment the conclusions are drawn at: the case's own ``case.as_of``, never today."""
    d = case.case.as_of
    return d.isoformat() if d is not None else None


def _package_version() -> str:
    try:
        return version("reasoner")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "unknown"


def _statement_hashes(case: Case, report: Report, lang: str) -> list[tuple[str, str]]:
    """The hash of each statement the case's figures were summed from, once per file: the
    receipt pins every input, not only the case file."""
    seen: dict[str, str] = {}
    for act in case.acts:
        st = getattr(act, "statement", None)
        if st is not None and st.file not in seen:
            seen[st.file] = st.totals.sha256  # hashed as it was read and summed, not read again
    return [(msg("report_statement_hash", lang).format(file=name), code(h)) for name, h in seen.items()]


def receipt(case: Case, report: Report, source: bytes, depth: int | None, near_miss: float, out: list[str]) -> None:
    """The receipt section: a table of what the memo was made from and with."""
    lang = report.lang

    def m(key: str) -> str:
        return msg(key, lang)

    as_of = judgment_date(case)
    rows = [
        (m("report_package"), code(f"reasoner {_package_version()}")),
        (m("report_rules_hash"), code(report.rules_digest)),
        (m("report_clingo"), code(clingo.__version__)),
        (m("report_case_file"), code(report.file)),
        (m("report_case_hash"), code(hashlib.sha256(source).hexdigest())),
        *_statement_hashes(case, report, lang),
        (m("report_as_of"), code(as_of) if as_of else md(judgment_text(report, lang))),
        (m("report_standards"), md(standards_text(report, lang))),
        *((msg("report_pack_digest", lang).format(pack=p.id), code(p.digest)) for p in packs()),
        (m("report_depth"), code(str(depth)) if depth is not None else md(m("report_full"))),
        (m("report_near_share"), code(f"{int(near_miss * 100)}%")),
    ]
    out += [f"## {md(m('report_receipt'))}", ""]
    out += [f"| {md(m('report_item'))} | {md(m('report_value'))} |", "|---|---|"]
    out += [f"| {md(k)} | {v} |" for k, v in rows]
    out.append("")
