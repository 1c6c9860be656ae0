"""The evidence a case file names for a fact is shown next to the fact (issue 17): knowledge proven
directly (knowledge.evidence) and an Art 11 indicator shown present (its evidence), in the printout's
trees and in the memo, as docs/case-format.md says."""

from __future__ import annotations

import io

from conftest import EXAMPLES, assist_act, assist_case, to_case
from rich.console import Console

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.render.memo import markdown
from reasoner.render.terminal import print_report

STATEMENT = "聊天记录显示孙某知道对方以银行卡“跑分”转移诈骗款"  # examples/287-2-card-statement.yaml


def _printout(case, name: str, lang: str = "zh") -> str:
    buf = io.StringIO()
    print_report(build(case, name, lang), Console(file=buf, width=400, highlight=False), show_all=True)
    return buf.getvalue()


def test_knowledge_proven_shows_the_evidence_it_rests_on():
    case = load(EXAMPLES / "287-2-card-statement.yaml")
    text = _printout(case, "287-2-card-statement.yaml")
    assert f"有证据直接证明行为人明知（A1）（证据：{STATEMENT}）" in text
    assert f"（evidence: {STATEMENT}）" in _printout(case, "x", "en") or f"(evidence: {STATEMENT})" in _printout(
        case, "x", "en"
    )
    memo = markdown(case, str(EXAMPLES / "287-2-card-statement.yaml"))
    assert STATEMENT in memo


def test_an_indicator_shown_present_shows_its_evidence():
    knowledge = {
        "indicators": [
            {"indicator": "abnormal_price_or_method", "present": True, "evidence": "以高于市价十倍的价格出售"}
        ]
    }
    case = to_case(assist_case(assist_act(knowledge=knowledge), as_of="2024-06-01"))
    assert "（证据：以高于市价十倍的价格出售）" in _printout(case, "t.json")
