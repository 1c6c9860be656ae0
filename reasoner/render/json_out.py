"""JSON output: the stable schema ``reasoner/check/1`` of a report (see docs/output.md)."""

from __future__ import annotations

import json

from reasoner.explain.report import Report


def to_json(report: Report) -> str:
    """The report as JSON text: indented, non-ASCII kept, one newline at the end."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
