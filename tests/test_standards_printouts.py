"""Golden printouts of the same case under the standards of each dated pack (``--standards``):
the terminal text and the memo, so that a reviewer sees side by side what each set of documents
decides for the five-card seller and the phone-card sellers, and any change shows in review.

To accept a deliberate change of output: REASONER_UPDATE_GOLDEN=1 pytest tests/test_standards_printouts.py
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.law.packs import standards_day
from reasoner.render.memo import markdown
from reasoner.render.terminal import print_report
from reasoner.render.typeset import console
from reasoner.solve.engine import reason

GOLDEN = ROOT / "tests" / "golden" / "standards"
RUNS = [
    ("287-2-five-cards", "2019"),
    ("287-2-five-cards", "2021"),
    ("287-2-five-cards", "2025"),
    ("287-2-phone-cards-own", "2021"),
    ("287-2-phone-cards-own", "2025"),
    ("287-2-phone-cards-others", "2021"),
    ("287-2-phone-cards-others", "2025"),
]


def _golden(name: str, out: str) -> str:
    golden = GOLDEN / name
    if os.environ.get("REASONER_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with REASONER_UPDATE_GOLDEN=1 to create it"
    return golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("example", "standards"), RUNS)
def test_golden_under_standards(example: str, standards: str):
    path = EXAMPLES / f"{example}.yaml"
    case = load(path)
    day = standards_day(standards)
    result = reason(case, standards=day)
    buf = io.StringIO()
    print_report(build(case, f"examples/{path.name}", "en", result), console(100, buf))
    text = buf.getvalue()
    assert text == _golden(f"{example}.{standards}.en.txt", text)
    memo = markdown(case, f"examples/{path.name}", "zh", result=result, standards=day)
    assert memo == _golden(f"{example}.{standards}.zh.md", memo)


def test_cli_standards_gives_the_golden_text():
    """`reasoner check --standards 2025` prints the same bytes as the golden run above."""
    out = subprocess.run(
        [sys.executable, "-m", "reasoner.cli", "check", "examples/287-2-five-cards.yaml", "--standards", "2025"]
        + ["--lang", "en", "--width", "100"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert out == (GOLDEN / "287-2-five-cards.2025.en.txt").read_text(encoding="utf-8")


def test_the_packs_disagree_on_the_five_cards():
    """The point of the runs: the same facts, different answers by the documents in force."""
    status = {}
    for standards in ("2019", "2021", "2025"):
        case = load(EXAMPLES / "287-2-five-cards.yaml")
        report = build(case, "x", "en", reason(case, standards=standards_day(standards)))
        status[standards] = {c.id: c.status for c in report.conclusions if c.subject == "A1"}
    assert status["2021"].get("op2021.9.1") == "holds"
    assert status["2019"].get("op2021.9.1") is None and status["2019"]["interp.12.1.2"] == "holds"
    assert status["2025"]["op2025.6.1"] == "holds" and status["2025"].get("interp.12.1.2") != "holds"
