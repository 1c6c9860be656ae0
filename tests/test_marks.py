"""One mark, one meaning (issue 17): ✔ ✘ ? only for conditions met, not met and open; a figure of
the law, a count and an absence the rule requires are marked by their kind (≥ Σ ∅), never ticked;
what a rule requires absent is said as the fact it is, not as 「不存在：有……」; the memo's legend
gives each mark once."""

from __future__ import annotations

import io
import re

from clingo import ast
from conftest import EXAMPLES
from rich.console import Console

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.explain.i18n import table
from reasoner.law.program import program
from reasoner.render.marks import MARKS
from reasoner.render.memo import memo
from reasoner.render.terminal import print_why_not

TICKED_NEGATIVE = re.compile(r"[✔✘] (不存在|absent|须无)|[✔✘] 不成立：|✔ (标准|threshold|合计|sum\b|计数|count\b)")


def _why_not(name: str, pid: str, lang: str) -> str:
    case = load(EXAMPLES / name)
    report = build(case, name, lang, examine=pid)
    buf = io.StringIO()
    print_why_not(report, [c for c in report.conclusions if c.id == pid], pid, Console(file=buf, width=300))
    return buf.getvalue()


def test_no_tick_before_a_negative_or_a_figure_of_the_law():
    for name in ("287-2-card-seller.yaml", "287-2-presumption-rebutted.yaml", "286-1-leak.yaml"):
        for lang in ("zh", "en"):
            text = _why_not(name, "cl.287-2" if name.startswith("287") else "cl.286-1", lang)
            bad = [line.strip() for line in text.splitlines() if TICKED_NEGATIVE.search(line)]
            assert bad == [], (name, lang, bad[:3])
            assert "不存在：" not in text and "absent:" not in text


def test_a_threshold_is_marked_as_a_figure_of_the_law_and_an_absence_as_such():
    text = _why_not("287-2-card-seller.yaml", "cl.287-2", "zh")
    assert "≥ 标准：5" in text
    assert "∅ 《意见（二）》九、未由后来的规范性文件作出新的规定（A1）" in text
    # a requirement of absence that fails is the fact, present, and what it does
    assert "✘ 《2020年会议纪要》第五条已由后来的规范性文件作出新的规定（A1）（已存在，排除本路径）" in text


def test_every_predicate_the_rules_negate_is_said_as_a_fact():
    """Each `not p(...)` of the rules has words of its own ([atom_not]), in both languages."""
    negated = set()
    for rule in program().rules:
        for lit in rule.body:
            atom = getattr(lit, "atom", None)
            if atom is not None and atom.ast_type == ast.ASTType.SymbolicAtom and lit.sign != ast.Sign.NoSign:
                negated.add(atom.symbol.name)
    negated -= {"holds", "finding_fails"}  # 不成立：<label> and 无认定其不成立的审查意见
    assert negated
    for pred in sorted(negated):
        entry = table()["atom_not"].get(pred)
        assert entry and entry.get("zh") and entry.get("en"), pred


def test_each_mark_has_one_meaning_in_the_legend():
    assert len(set(MARKS.values())) == len(MARKS), MARKS
    legend = memo(load(EXAMPLES / "287-2-card-seller.yaml"), str(EXAMPLES / "287-2-card-seller.yaml")).legend
    marks = [row.item for row in legend]
    assert len(set(marks)) == len(marks), marks
    assert MARKS["law"] != MARKS["provision"]
