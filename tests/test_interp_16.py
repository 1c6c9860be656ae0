"""法释〔2019〕15号 第十六条: the figures of several acts are added up, in either of two branches —
(a) acts that each are the offence and can still be prosecuted, with no time window; (b) three or
more acts within two years, none dealt with before."""

from __future__ import annotations

from conftest import assist_act, assist_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.parameters import parameters
from reasoner.law.terms import Function, String, SymbolType

TIMES = next(p.value for p in parameters() if p.provision == "interp.16" and p.name == "times")


def window(anchor: str) -> Function:
    return Function("cumulation", [String(anchor)])


def crimes(actor: str = "P1") -> Function:
    return Function("cumulation", [String(actor), Function("assist_network_crime")])


def members(r, c) -> set[str]:
    """The acts taken together in the cumulation c, in the world of standards that governs it."""
    inst = r.instance(c)
    found = [s.arguments[1] for s in r.model if s.name == "cum_member" and s.arguments[0] == inst]
    return {plain(m) for m in found}


def plain(m) -> str:
    return (m.arguments[1] if m.type == SymbolType.Function and m.name == "" else m).string


def excluded(r, c) -> set[tuple[str, str]]:
    """The acts left out of the cumulation c, each with the reason noted (interp.16 notes)."""
    inst = r.instance(c)
    return {
        (plain(s.arguments[2].arguments[0]), s.arguments[2].arguments[1].name)
        for s in r.model
        if s.name == "note" and s.arguments[1] == inst and s.arguments[2].name == "excluded"
    }


def figure(r, name: str, c) -> int | None:
    """A cumulation's figure as the governing world's rules read it."""
    inst = r.instance(c)
    return next((s.arguments[1].number for s in r.model if s.name == name and s.arguments[0] == inst), None)


def three(d2="2022-06-10", d3="2023-03-01", **kw) -> dict:
    return assist_case(
        assist_act("A1", "2022-01-10", "80000"),
        assist_act("A2", d2, "90000.50"),
        assist_act("A3", d3, "70000"),
        **kw,
    )


def test_multiple_means_three():
    assert TIMES == 3


def test_three_acts_within_two_years_are_added_up():
    r = run(three())
    c = window("A1")
    assert r.holds("interp.16", c) and members(r, c) == {"A1", "A2", "A3"}
    assert figure(r, "payment_settlement", c) == 24_000_050  # 240,000.50 yuan in fen
    assert r.holds("interp.12.1.2", c) and r.holds("interp.12.1.1", c)  # ¥200,000 and three parties
    assert r.holds("cl.287-2", c)
    for a in ("A1", "A2", "A3"):
        assert not r.holds("cl.287-2", String(a))  # none alone


def test_two_acts_are_not_multiple():
    r = run(assist_case(assist_act("A1", "2022-01-10", "120000"), assist_act("A2", "2022-06-10", "120000")))
    assert not r.holds("interp.16", window("A1"))
    assert not any(r.holds("cl.287-2", String(a)) for a in ("A1", "A2"))


def test_two_year_window_is_exact_to_the_day():
    # A1 starts 2022-01-10: the window ends on 2024-01-10
    assert run(three(d3="2024-01-10")).holds("interp.16", window("A1"))
    r = run(three(d3="2024-01-11"))
    assert not r.holds("interp.16", window("A1"))


def test_window_from_29_february_ends_on_28_february():
    data = assist_case(
        assist_act("A1", "2020-02-29", "80000"),
        assist_act("A2", "2021-01-01", "80000"),
        assist_act("A3", "2022-02-28", "80000"),
    )
    assert run(data).holds("interp.16", window("A1"))
    data["acts"][2]["date"] = "2022-03-01"
    assert not run(data).holds("interp.16", window("A1"))


def test_handled_act_is_excluded_and_said_to_be():
    data = three()
    data["acts"].append(assist_act("A4", "2022-03-01", "50000", handled="administrative_sanction"))
    r = run(data)
    c = window("A1")
    assert members(r, c) == {"A1", "A2", "A3"}
    assert ("A4", "administrative_sanction") in excluded(r, c)
    assert figure(r, "payment_settlement", c) == 24_000_050
    report = build(to_case(data), "t.json", "en")
    c16 = next(x for x in report.conclusions if x.id == "interp.16")
    assert c16.subject == "A1+A2+A3"
    assert "not included: act A4 (an administrative sanction)" in c16.notes
    assert [n for n in c16.notes if n.startswith("included")] == [
        "included: act A1",
        "included: act A2",
        "included: act A3",
    ]


def test_handled_acts_leave_fewer_than_three():
    data = three()
    data["acts"][1]["handled"] = "criminal_sanction"
    assert not run(data).holds("interp.16", window("A1"))


def test_other_actors_acts_are_not_added():
    data = three()
    data["parties"].append({"id": "P9", "kind": "person", "name": "他人"})
    data["acts"][2]["actor"] = "P9"
    assert not run(data).holds("interp.16", window("A1"))


def test_branch_a_prosecutable_crimes_without_a_window():
    """Three acts that each are the offence, more than two years apart: added up (no time window)."""
    data = assist_case(
        assist_act("A1", "2020-01-10", "200000"),
        assist_act("A2", "2022-03-10", "210000"),
        assist_act("A3", "2024-04-01", "220000"),
        as_of="2024-06-01",
    )
    r = run(data)
    c = crimes()
    assert r.holds("interp.16", c) and members(r, c) == {"A1", "A2", "A3"}
    assert figure(r, "payment_settlement", c) == 63_000_000
    assert not r.holds("interp.16", window("A1"))  # more than two years apart


def test_branch_a_leaves_out_a_time_barred_act():
    data = assist_case(
        assist_act("A0", "2016-01-10", "200000"),
        assist_act("A1", "2021-03-10", "200000"),  # after A0's five years: no new crime restarted them
        assist_act("A2", "2022-03-10", "210000"),
        assist_act("A3", "2024-04-01", "220000"),
        as_of="2024-06-01",
    )
    data["case"]["prosecution_started"] = "2024-05-01"
    r = run(data)
    c = crimes()
    assert r.holds("cl.87.1", String("A0"))
    assert members(r, c) == {"A1", "A2", "A3"}
    assert ("A0", "time_barred") in excluded(r, c)


def test_branch_a_leaves_out_an_act_that_is_not_itself_a_crime():
    data = assist_case(
        assist_act("A1", "2020-01-10", "200000"),
        assist_act("A2", "2022-03-10", "210000"),
        assist_act("A3", "2024-04-01", "220000"),
        assist_act("A4", "2024-04-02", "1000"),
        as_of="2024-06-01",
    )
    r = run(data)
    assert members(r, crimes()) == {"A1", "A2", "A3"}


def test_each_act_needs_the_conduct_elements():
    """Knowledge is an element of the conduct: an act without it does not give the cumulation knowledge."""
    data = three()
    data["acts"][2]["knowledge"] = {"proven": False}
    r = run(data)
    c = window("A1")
    assert r.holds("interp.16", c)
    assert not r.holds("cl.287-2.1.knowledge", c) and not r.holds("cl.287-2", c)


def test_sums_above_32_bits_do_not_overflow():
    """Three acts of ¥9,000,000,000.99 each: each capped at the fen ceiling, the total too."""
    data = three()
    for a in data["acts"]:
        a["payment_settlement"] = "9000000000.99"
    r = run(data)
    c = window("A1")
    total = figure(r, "payment_settlement", c)
    assert total == 1_000_000_000  # the cap: above every threshold, never a wrapped negative
    assert r.holds("interp.12.2.payment", c) is False  # 12 ¶2 needs an unverifiable crime
    assert r.holds("cl.287-2", c)


def test_many_acts_sum_exactly():
    """Ten acts of ¥99,999.99 (9,999,999 fen) add up exactly to ¥999,999.90 by the two-part sum."""
    acts = [assist_act(f"A{i}", f"2022-01-{i + 10:02d}", "99999.99") for i in range(10)]
    r = run(assist_case(*acts))
    c = window("A0")
    assert figure(r, "payment_settlement", c) == 99_999_990


def test_the_total_skips_acts_that_add_nothing_and_other_actors_acts():
    """The figures are added along the actor's acts in case-file order: an act of the actor that is
    not taken together (dealt with already) and another actor's act in between add nothing."""
    other = assist_act("B1", "2022-03-01", "500000")
    other["actor"] = "P2"
    handled = assist_act("A0", "2022-01-01", "300000")
    handled["handled"] = "administrative_sanction"
    data = assist_case(
        handled,
        assist_act("A1", "2022-01-10", "80000"),
        other,
        assist_act("A2", "2022-06-10", "90000.50"),
        assist_act("A3", "2023-03-01", "70000"),
        parties=[{"id": "P1", "kind": "person", "name": "李某"}, {"id": "P2", "kind": "person", "name": "王某"}],
    )
    r = run(data)
    c = window("A1")
    assert members(r, c) == {"A1", "A2", "A3"}
    assert figure(r, "payment_settlement", c) == 24_000_050


def test_figures_not_known_are_added_act_by_act():
    """Two of three acts with the payment not known: the total takes one value per combination of
    their possible figures, not one per subset of all the possible values (a #sum over the acts
    grounded 131,802 totals and 1.3 million atoms of provenance for this case); whether the payments
    reach Art 12's figure stays open, and the offence holds on the three parties helped anyway."""
    data = three()
    for a in data["acts"][:2]:
        a["payment_settlement"] = "unknown"
    r = run(data)
    answers = [len(q.answers) for q in r.facts.questions if q.path.endswith("payment_settlement")]
    assert len(answers) == 2
    atoms = r.completions.ctl.symbolic_atoms
    totals = sum(1 for _ in atoms.by_signature("cum_total", 3))
    sums = sum(1 for _ in atoms.by_signature("cum_added", 3))
    assert 0 < totals <= sums * answers[0] * answers[1]
    assert r.certainty("interp.12.1.2", window("A1")) == "possible"
    assert r.certainty("interp.12.1.1", window("A1")) == "established"
    assert r.certainty("cl.287-2", window("A1")) == "established"


def test_cumulated_total_prints_exactly_above_the_cap():
    """¥9,000,000,000.99 three times: the explanation shows ¥27,000,000,002.97, exactly, and says
    that the solver saw the cap."""
    data = three()
    for a in data["acts"]:
        a["payment_settlement"] = "9000000000.99"
    report = build(to_case(data), "t.json", "zh")
    offence = next(c for c in report.conclusions if c.id == "cl.287-2" and c.subject == "A1+A2+A3")
    texts = []
    stack = [offence.explanation]
    while stack:
        n = stack.pop()
        texts.append(n.text)
        stack.extend(n.children)
    assert any("27,000,000,002.97 元" in t for t in texts), [t for t in texts if "支付结算" in t]


def test_excluded_act_that_is_not_a_crime_is_said_to_be():
    data = assist_case(
        assist_act("A1", "2020-01-10", "200000"),
        assist_act("A2", "2022-03-10", "210000"),
        assist_act("A3", "2024-04-01", "220000"),
        assist_act("A4", "2024-04-02", "1000"),
        as_of="2024-06-01",
    )
    r = run(data)
    assert ("A4", "not_itself_a_crime") in excluded(r, crimes())
