"""No solver text in what a reader sees (issue 17): every comparison and count of the rules is said
in words with its figures, and rule files, atoms and rule expressions show only with --debug.

Every worked example goes through `check --all` (every conclusion's tree and why-not routes) and
`why-not` of each offence, in both languages, and the output is searched for what only the rule
author writes: ``[`` (an expression or atom in brackets), ``holds(``, a rule file ``.lp:`` and the
aggregates ``#count`` ``#sum`` ``#max`` ``#min``.  A case field (``acts[0].date``) is the case file's
own name for a fact, which a reviewer looks up in the file: it is taken out first.
"""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from conftest import EXAMPLES
from rich.console import Console

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.explain.i18n import table
from reasoner.law.program import program
from reasoner.render.terminal import print_report, print_why_not
from reasoner.solve.engine import reason

CASES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
OFFENCES = ("cl.286-1", "cl.287-1", "cl.287-2")
RAW = re.compile(r"\[|holds\(|\.lp:|#count|#sum|#max|#min")
#: a case field, as the case file names it: acts[0].sites[0].activity, orders[0].capacity_to_comply
CASE_FIELD = re.compile(r"\b[a-z_]+\[\d+\](?:\.[a-z_]+|\[\d+\])*")


@cache
def _result(name: str):
    return reason(load(EXAMPLES / name))


def _printouts(name: str, lang: str, debug: bool = False) -> str:
    case = load(EXAMPLES / name)
    buf = io.StringIO()
    console = Console(file=buf, width=400, highlight=False)
    report = build(case, f"examples/{name}", lang, _result(name))
    print_report(report, console, show_all=True, debug=debug)
    whole = report
    for pid in OFFENCES:
        # examine= adds the closest subjects only for an offence the case does not already examine
        if not any(c.id == pid for c in whole.conclusions):
            report = build(case, f"examples/{name}", lang, _result(name), examine=pid)
        else:
            report = whole
        print_why_not(report, [c for c in report.conclusions if c.id == pid], pid, console, debug)
    return buf.getvalue()


def _leaks(text: str) -> list[str]:
    return [line.strip() for line in CASE_FIELD.sub("", text).splitlines() if RAW.search(line)]


@pytest.mark.parametrize("name", CASES)
def test_no_solver_text_in_check_and_why_not(name):
    for lang in ("zh", "en"):
        leaks = _leaks(_printouts(name, lang))
        assert leaks == [], f"{name} ({lang}): {leaks[:5]}"


def test_debug_shows_the_rules_as_written():
    """--debug is where the rule author's view went: expressions and rule files."""
    text = _printouts("287-2-card-seller.yaml", "zh", debug=True)
    assert "[N >= T]" in text
    assert re.search(r"\w+\.lp:\d+", text)
    assert "#sum" in text


def test_a_threshold_not_reached_is_said_in_words():
    text = _printouts("287-2-card-seller.yaml", "zh")
    assert "流入资金 236,500.80 元 未超过标准 300,000.00 元" in text
    text = _printouts("287-2-card-seller.yaml", "en")
    assert "the inflow CNY 236,500.80 does not exceed the threshold CNY 300,000.00" in text


def test_every_comparison_and_count_of_the_rules_has_words():
    """The words come from the table, keyed by the comparison as the rule writes it: none is missing."""
    words = table()
    for rule in program().rules:
        head = rule.head_id or rule.head_predicate
        for c in rule.comparisons:
            entry = words["cmp"].get(f"{head}|{c.text}") or words["cmp"].get(c.text)
            assert entry is not None, f"{rule.file}:{rule.line}: no [cmp] words for {c.text!r}"
            assert entry.get("zh") and entry.get("en")
        for a in rule.aggregates:
            entry = words["agg"].get(f"{head}|{a.text}") or words["agg"].get(a.text)
            assert entry is not None, f"{rule.file}:{rule.line}: no [agg] words for {a.text!r}"
            assert entry.get("zh") and entry.get("en")
