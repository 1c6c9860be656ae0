"""Conclusions are keyed by the solver's term of their subject, never by its printed name (issue
16): an act whose id is ``A1+A2+A3`` and the Art 16 cumulation of A1-A3, printed alike, stay two
subjects with their own party, status and changes."""

from __future__ import annotations

from conftest import assist_act, assist_case, to_case

from reasoner.explain.conclusions import build
from reasoner.explain.interview import diff
from reasoner.law.terms import SymbolType

CUMULATION, NAMED_ALIKE = "cumulation", "act"


def _case(settled: str) -> dict:
    """A1-A3 of P1 (¥240,000.50 together, none enough alone) and an act of P2 spelled A1+A2+A3."""
    return assist_case(
        assist_act("A1", "2022-01-10", "80000"),
        assist_act("A2", "2022-06-10", "90000.50"),
        assist_act("A3", "2023-03-01", "70000"),
        {**assist_act("A1+A2+A3", "2023-04-01", settled), "actor": "P2"},
        parties=[{"id": "P1", "kind": "person", "name": "李某"}, {"id": "P2", "kind": "person", "name": "王某"}],
    )


def _kind(term) -> str:
    """A cumulation (``cumulation(...)``) or an act (``"A1+A2+A3"``, or its instance in a world of
    standards, ``(act_time, "A1+A2+A3")``)."""
    if term.type == SymbolType.Function and term.name == "cumulation":
        return CUMULATION
    return NAMED_ALIKE


def _offence(report, kind: str):
    chosen = [c for c in report.conclusions if c.id == "cl.287-2" and c.subject == "A1+A2+A3"]
    (c,) = [c for c in chosen if _kind(c.subject_term) == kind]
    return c


def test_an_act_named_like_a_cumulation_keeps_its_own_conclusion_and_party():
    report = build(to_case(_case("1000")), "c.json", "en")
    together, act = _offence(report, CUMULATION), _offence(report, NAMED_ALIKE)
    assert together.subject == act.subject == "A1+A2+A3"  # printed alike
    assert (together.status, together.party) == ("holds", "P1")
    assert (act.status, act.party) == ("not_established", "P2")


def test_changes_are_matched_by_subject_term():
    before = build(to_case(_case("1000")), "c.json", "en")
    after = build(to_case(_case("300000")), "c.json", "en")
    changes = [c for c in diff(before, after) if c.id == "cl.287-2"]
    assert [(c.subject, c.before, c.after) for c in changes] == [("A1+A2+A3", "excluded", "established")]
    assert _offence(after, CUMULATION).status == "holds"


def test_near_misses_of_subjects_printed_alike_are_both_kept():
    report = build(to_case(_case("190000")), "c.json", "en")  # the act alone: 95 % of ¥200,000
    misses = [m for m in report.near_misses(0.8) if m.subject == "A1+A2+A3"]
    assert misses and _offence(report, NAMED_ALIKE).status == "not_established"
