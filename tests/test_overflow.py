"""clingo integers are 32-bit and wrap silently: no figure that can overflow may reach the solver."""

from __future__ import annotations

from conftest import make_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.parameters import parameters
from reasoner.law.terms import Function, Number, String
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.facts import COUNT_CEILING, FEN_CEILING, INT32_MAX

HUGE = 3_000_000_000  # above 2,147,483,647


def test_ceiling_is_above_every_count_threshold_and_safe_for_the_largest_expression():
    counts = [p.value for p in parameters() if p.unit == "count"]
    assert max(counts) < COUNT_CEILING
    # Art 4 (4): RA * a + RB * b + c with RA = 100, RB = 10, each tier capped at the ceiling.
    assert 111 * COUNT_CEILING < INT32_MAX


def test_no_atom_carries_a_number_beyond_the_ceiling():
    data = make_case(act={"quantities": {"illegal_videos": HUGE, "clicks": 10**30}, "leak": {"credit": HUGE}})
    facts = case_facts(to_case(data))
    for sym in facts.atoms:
        if sym.name == "fen_ceiling":  # the cap on amounts itself (10^9 fen), below 2^31
            assert sym.arguments[0].number == FEN_CEILING < INT32_MAX
            continue
        for a in sym.arguments:
            if a.type.name == "Number":
                assert a.number <= max(COUNT_CEILING, 99991231)


def test_counts_above_32_bits_give_the_right_conclusion():
    data = make_case(act={"quantities": {"illegal_videos": HUGE}})
    r = run(data)
    assert r.holds("interp.3.1.1", String("A1"))
    assert r.holds("cl.286-1", String("A1"))
    # 3 (3) needs both counts below their thresholds: a huge count must not wrap into range.
    assert not r.holds("interp.3.1.3", String("A1"))


def test_wrapping_values_would_have_flipped_the_ratio_conversion():
    # 429,496,730 videos * 10 wraps to a small number in 32 bits; capped, the item stays (1), not (3).
    data = make_case(act={"quantities": {"illegal_videos": 429_496_730, "illegal_other_info": 5}})
    r = run(data)
    assert r.holds("interp.3.1.1", String("A1"))
    assert not r.holds("interp.3.1.3", String("A1"))


def test_leak_tiers_summed_beyond_32_bits():
    data = make_case(act={"leak": {"credit": HUGE, "property": HUGE, "lodging": HUGE, "other_user_info": HUGE}})
    r = run(data)
    for item in ("interp.4.1.1", "interp.4.1.2", "interp.4.1.3"):
        assert r.holds(item, String("A1")), item
    assert not r.holds("interp.4.1.4", String("A1"))
    tier_a = [s for s in r.model if s.name == "leak_total" and s.arguments[1] == Function("a")]
    assert tier_a == [Function("leak_total", [String("A1"), Function("a"), Number(COUNT_CEILING)])]


def test_every_count_item_holds_at_the_ceiling():
    big = COUNT_CEILING
    kinds = ("illegal_videos", "illegal_other_info", "recipient_accounts", "group_members_total", "followers_total")
    quantities = {k: big for k in (*kinds, "clicks")}
    r = run(make_case(act={"quantities": quantities}))
    for item in ("3.1.1", "3.1.2", "3.1.4", "3.1.5", "3.1.6"):
        assert r.holds(f"interp.{item}", String("A1")), item


def test_explanation_shows_the_exact_figure_not_the_cap():
    data = make_case(act={"quantities": {"illegal_videos": HUGE}})
    out = build(to_case(data), "t.json", "en").to_json()
    node = out["explanations"]['holds("interp.3.1.1","A1")']
    # the figure reaches the item through what is counted of it (its part after the refusal, CL 12)
    (counted,) = [n for n in node["children"] if n.get("ref", "").startswith("quantity(")]
    graph = out["explanations"]
    shown, fact, stack = [], None, [graph[counted["ref"]]]
    while stack:
        n = stack.pop()
        n = graph.get(n["ref"], n) if "ref" in n and "children" not in n else n
        shown.append(n["text"])
        if n.get("path") == "acts[0].quantities.illegal_videos":
            fact = n
        stack.extend(n.get("children", []))
    assert fact is not None and fact["value"] == HUGE
    assert "3,000,000,000" in fact["text"] and "ceiling" in fact["text"]
    # no step on the way shows the ceiling as if it were the figure
    assert not any("10,000,000" in t for t in shown), shown
    (cmp,) = [n for n in node["children"] if n.get("node") == "comparison"]
    assert cmp["text"].startswith("3,000,000,000 reaches the threshold 200")
