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
from reasoner.render.memo_model import Row
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


def _statement_hashes(case: Case, report: Report, lang: str) -> list[Row]:
    """The hash of each statement the case's figures were summed from, once per file: the
    receipt pins every input, not only the case file."""
    seen: dict[str, str] = {}
    for act in case.acts:
        st = getattr(act, "statement", None)
        if st is not None and st.file not in seen:
            seen[st.file] = st.totals.sha256  # hashed as it was read and summed, not read again
    return [Row(msg("report_statement_hash", lang).format(file=name), h, True) for name, h in seen.items()]


def receipt(case: Case, report: Report, source: bytes, depth: int | None, near_miss: float) -> list[Row]:
    """The receipt: what the memo was made from and with, row by row."""
    lang = report.lang

    def m(key: str) -> str:
        return msg(key, lang)

    as_of = judgment_date(case)
    return [
        Row(m("report_package"), f"reasoner {_package_version()}", True),
        Row(m("report_rules_hash"), report.rules_digest, True),
        Row(m("report_clingo"), clingo.__version__, True),
        Row(m("report_case_file"), report.file, True),
        Row(m("report_case_hash"), hashlib.sha256(source).hexdigest(), True),
        *_statement_hashes(case, report, lang),
        Row(m("report_as_of"), as_of, True) if as_of else Row(m("report_as_of"), judgment_text(report, lang)),
        Row(m("report_standards"), standards_text(report, lang)),
        *(Row(msg("report_pack_digest", lang).format(pack=p.id), p.digest, True) for p in packs()),
        Row(m("report_depth"), str(depth), True) if depth is not None else Row(m("report_depth"), m("report_full")),
        Row(m("report_near_share"), f"{int(near_miss * 100)}%", True),
    ]
