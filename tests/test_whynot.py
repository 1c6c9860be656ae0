"""Why not: every route, all its failing conditions, the gap of each threshold, closest route first."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys

import pytest
from clingo import ast
from conftest import EXAMPLES, ROOT, make_case, to_case
from test_cl_287_2 import BASE as ASSIST

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.explain.condition import route_closeness
from reasoner.law.program import program


def _why_not(example: str, pid: str, lang: str = "en") -> dict:
    report = build(load(EXAMPLES / example), example, lang)
    (c,) = [c for c in report.conclusions if c.id == pid]
    return c.to_json({})


def _element(route: list[dict], pid: str) -> dict:
    return next(c for c in route if c.get("provision") == pid)


def test_three_routes_failing_for_different_reasons_are_ranked_by_closeness():
    c = _why_not("287-2-unverifiable-below.yaml", "interp.12.2")
    routes = c["why_not"]
    firsts = [r[0]["provision"] for r in routes]
    # payment reaches 99% of five times; gains 40%; advertising is not recorded at all
    assert firsts[:3] == ["interp.12.2.payment", "interp.12.2.gains", "interp.12.2.advertising"]
    payment = routes[0][0]["routes"][0]
    cmp = next(x for x in payment if x["condition"] == "comparison")
    assert (cmp["figure"], cmp["threshold"], cmp["gap"], cmp["unit"]) == (99_999_999, 100_000_000, 1, "fen")
    assert cmp["share"] == 1.0 or cmp["share"] > 0.9999
    assert "short by CNY 0.01, 99% reached" in cmp["text"]
    gains = next(x for x in routes[1][0]["routes"][0] if x["condition"] == "comparison")
    assert (gains["gap"], gains["share"]) == (3_000_000, 0.4)
    advertising = routes[2][0]["routes"][0]
    assert any(x["condition"] == "fact" and x["status"] == "not_met" for x in advertising)


def test_all_failing_conditions_of_a_route_are_listed_not_only_the_first():
    c = _why_not("286-1-no-legal-basis.yaml", "interp.2.2", "zh")
    (route,) = c["why_not"]
    statuses = {x.get("provision"): x["status"] for x in route if x["condition"] == "element"}
    assert statuses["interp.2.2.1"] == "not_met"
    assert {statuses[f"interp.2.2.{n}"] for n in ("2", "3", "refused")} == {"met"}


def test_a_rebutted_presumption_is_named_with_what_rebutted_it():
    c = _why_not("287-2-presumption-rebutted.yaml", "interp.11.1")
    texts = json.dumps(c["why_not"], ensure_ascii=False)
    assert "holds, and excludes this route: counter-evidence recorded" in texts
    assert "counter-evidence no. 1" in texts


def test_a_finding_against_is_named_with_its_reason():
    # the chat-groups example has a group the reviewer found was not mainly used for the sales
    report = build(load(EXAMPLES / "287-1-chat-groups.yaml"), "x", "en")
    failing = [c for c in report.conclusions if c.id == "interp.8.1" and c.status == "not_established"]
    assert failing
    text = json.dumps(failing[0].to_json({}), ensure_ascii=False)
    assert "the reviewer finds it does not hold" in text and "reason" in text


def test_why_not_command(tmp_path):
    run = [sys.executable, "-m", "reasoner.cli", "why-not"]
    out = subprocess.run(
        [*run, "examples/287-2-unverifiable-below.yaml", "cl.287-2", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    data = json.loads(out)
    assert data["conclusions"][0]["status"] == "not_established"
    assert data["conclusions"][0]["why_not"]
    bad = subprocess.run(
        [*run, "examples/287-2-unverifiable-below.yaml", "interp.99", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert bad.returncode == 2 and "not an encoded provision" in bad.stderr


def test_near_misses_are_listed_at_the_chosen_share():
    report = build(load(EXAMPLES / "287-2-unverifiable-below.yaml"), "x", "en")
    misses = report.near_misses(0.8)
    assert [(m.provision, m.gap) for m in misses] == [("interp.12.2.payment", 1)]
    assert [m.provision for m in report.near_misses(0.4)] == ["interp.12.2.payment", "interp.12.2.gains"]
    assert report.near_misses(1.0) == []
    assert report.to_json()["near_misses"][0]["provision"] == "interp.12.2.payment"


# ------------------------------------------------------------------ each kind of provision


def _conditions(routes, pid: str):
    """Every element condition for ``pid`` anywhere in a list of routes (Condition objects)."""
    for route in routes:
        for c in route:
            if c.provision == pid:
                yield c
            yield from _conditions(c.routes, pid)


def _conclusion(data: dict, pid: str, lang: str = "en", subject: str = "A1"):
    report = build(to_case(data), "t", lang)
    (c,) = [c for c in report.conclusions if c.id == pid and c.subject == subject]
    return c


def _assist(**act) -> dict:
    """A man who settled money through his cards for a confirmed fraud ring, knowing it."""
    data = copy.deepcopy(ASSIST)
    data["acts"][0].update(act)
    return data


def test_threshold_shows_the_figure_the_threshold_the_gap_and_the_share():
    # the issue's own example: 支付结算金额 150,000 元，低于 200,000 元，差 50,000 元，达到 75%
    c = _conclusion(_assist(payment_settlement="150000"), "cl.287-2", "zh")
    (item2,) = list(_conditions(c.routes, "interp.12.1.2"))[:1]
    (route,) = item2.routes
    (cmp,) = [x for x in route if x.kind == "comparison"]
    assert not cmp.holds
    assert (cmp.figure, cmp.threshold, cmp.gap, cmp.share, cmp.unit) == (15_000_000, 20_000_000, 5_000_000, 0.75, "fen")
    assert "金额 150,000.00 元 未达到标准 200,000.00 元" in cmp.text and "差 50,000.00 元，达到 75%" in cmp.text
    # the figures the comparison used are shown as met conditions beside it
    assert [x.text for x in route if x.kind in ("fact", "parameter")] == [
        "支付结算金额：150,000.00 元",
        "标准：200,000.00 元",
    ]


def test_ratio_conversion_shows_the_converted_total_and_its_gap():
    # Art 4 (4): 100 × 200 + 10 × 2,000 + 5,000 = 45,000, short of 50,000
    data = make_case(act={"leak": {"location_tracking": 200, "lodging": 2000, "other_user_info": 5000}})
    c = _conclusion(data, "cl.286-1")
    (item4,) = list(_conditions(c.routes, "interp.4.1.4"))[:1]
    assert not item4.holds
    (route,) = item4.routes
    failing = [x for x in route if not x.holds]
    assert len(failing) == 1 and failing[0].kind == "comparison"
    cmp = failing[0]
    assert "converted total 45,000 (100 × 200 + 10 × 2,000 + 5,000) falls short of the threshold 50,000" in cmp.text
    assert (cmp.figure, cmp.threshold, cmp.gap, cmp.share) == (45_000, 50_000, 5_000, 0.9)
    # each tier below its own threshold, and the ratios of the thresholds, are shown met
    met = [x.text for x in route if x.kind == "comparison" and x.holds]
    assert met == [
        "the tier-one items, 200, is below the threshold 500",
        "the tier-two items, 2,000, is below the threshold 5,000",
        "the tier-three items, 5,000, is below the threshold 50,000",
        "100 × 500 equals 50,000 (a whole rate)",
        "10 × 5,000 equals 50,000 (a whole rate)",
    ]


def test_a_presumption_not_raised_names_every_missing_indicator():
    c = _conclusion(_assist(knowledge={"indicators": []}), "cl.287-2")
    (knowledge,) = list(_conditions(c.routes, "cl.287-2.1.knowledge"))[:1]
    assert not knowledge.holds
    (presumed,) = [x for r in knowledge.routes for x in r if x.provision == "interp.11.1"]
    items = {x.provision: x for r in presumed.routes for x in r if x.kind == "element"}
    assert set(items) == {f"interp.11.1.{n}" for n in range(1, 8)}  # each item of Art 11 is a route
    for pid, item in items.items():
        # item (7) has further routes: the later documents' own indicators of 其他足以认定明知
        assert len(item.routes) == 1 or pid == "interp.11.1.7", pid
        texts = [x.text for x in item.routes[0] if not x.holds]
        assert any(t.startswith("missing fact: indicator of knowledge") for t in texts), pid
    # items (3), (5), (7) need a reviewer's finding too, and say so
    for n in (3, 5, 7):
        route = items[f"interp.11.1.{n}"].routes[0]
        assert any(x.text.endswith("no reviewer finding recorded") for x in route if not x.holds), n
    # no counter-evidence: the rebuttal is absent, a met condition of every route
    for route in presumed.routes:
        assert [x.holds for x in route if x.kind == "absence"] == [True]
    # and direct proof is the other route, missing its fact
    assert any(
        x.text.startswith("missing fact: evidence proves knowledge directly") for r in knowledge.routes for x in r
    )


def test_a_rebutted_presumption_is_a_failing_condition_of_every_route_with_its_counter_evidence():
    report = build(load(EXAMPLES / "287-2-presumption-rebutted.yaml"), "x", "zh")
    (c,) = [c for c in report.conclusions if c.id == "interp.11.1"]
    assert c.routes
    for route in c.routes:
        (rebut,) = [x for x in route if x.kind == "absence"]
        assert not rebut.holds and rebut.provision == "interp.11.1.rebuttal"
        assert rebut.text.startswith("已成立，排除本路径")
        (why,) = rebut.routes
        assert any(x.text.startswith("相反证据第 1 项") for x in why)
    # the closest route is the one whose indicator is present: only the rebuttal fails there
    assert [x.holds for x in c.routes[0]] == [True, False]


def test_an_offence_missing_one_element_names_that_element_and_shows_the_others_met():
    data = make_case(act={"duty_not_performed": False, "leak": {"location_tracking": 600}})
    (offence_route,) = _conclusion(data, "cl.286-1").routes
    # the offence: in time, under the Interpretation, not excluded by Art 15; its ¶1 elements fail
    assert {x.provision: x.holds for x in offence_route if x.kind == "element"} == {
        "cl.12.1": True,
        "interp.19": True,
        "cl.286-1.1": False,
    }
    (absent,) = [x for x in offence_route if x.kind == "absence"]
    assert absent.holds and "not treated as a crime" in absent.text
    c = _conclusion(data, "cl.286-1.1")
    (route,) = c.routes
    status = {x.provision: x.holds for x in route if x.kind == "element"}
    assert status == {
        "cl.286-1.1.provider": True,
        "cl.286-1.1.duty": False,
        "cl.286-1.1.ordered": True,
        "cl.286-1.1.refused": True,
        "cl.286-1.1.circumstance": True,
    }
    (duty,) = [x for x in route if x.provision == "cl.286-1.1.duty"]
    assert [x.text for r in duty.routes for x in r if not x.holds] == [
        "recorded as no: the actor did not perform a network-security duty set by law or regulation (A1)"
    ]


def test_an_offence_missing_two_elements_lists_both():
    data = make_case(act={"duty_not_performed": False})
    (route,) = _conclusion(data, "cl.286-1.1").routes
    assert {x.provision for x in route if not x.holds} == {"cl.286-1.1.duty", "cl.286-1.1.circumstance"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "reviewer finding: the measures and deadline were clear and reasonable — no reviewer finding recorded"),
        ("zh", "审查认定：改正措施及期限要求明确、合理 — 未记录审查认定"),
    ],
)
def test_a_missing_reviewer_finding_is_named_as_such(lang: str, text: str):
    data = make_case(findings=[], act={"leak": {"location_tracking": 600}})
    c = _conclusion(data, "interp.2.2", lang, subject="O1")
    (route,) = c.routes
    assert [x.provision for x in route if not x.holds] == ["interp.2.2.2"]
    (factor,) = [x for x in route if x.provision == "interp.2.2.2"]
    assert [x.text for r in factor.routes for x in r if not x.holds] == [text]


def test_three_routes_failing_for_three_different_reasons_are_ranked_by_closeness():
    """Art 12 ¶1: payment settled falls short of its threshold (75%), no advertising funds are
    recorded (a missing fact), and no reviewer found serious consequences (a missing finding)."""
    c = _conclusion(_assist(payment_settlement="150000"), "cl.287-2")
    (serious,) = list(_conditions(c.routes, "cl.287-2.1.serious"))[:1]
    firsts = [r[0].provision for r in serious.routes]
    payment, advertising, consequences = (firsts.index(p) for p in ("interp.12.1.2", "interp.12.1.3", "interp.12.1.6"))
    assert payment == 0 and payment < advertising < consequences

    def reasons(pid: str) -> list:
        (route,) = next(r[0] for r in serious.routes if r[0].provision == pid).routes
        return [x for x in route if not x.holds]

    (short,) = reasons("interp.12.1.2")
    assert short.kind == "comparison" and short.share == 0.75
    (missing,) = reasons("interp.12.1.3")
    assert missing.kind == "fact" and missing.text.startswith("missing fact: funds provided through advertising")
    (finding,) = reasons("interp.12.1.6")
    assert finding.text.endswith("no reviewer finding recorded")
    closeness = [route_closeness(r) for r in serious.routes]
    assert closeness == sorted(closeness, reverse=True)
    assert closeness[payment] > closeness[advertising] > closeness[consequences]


# ------------------------------------------------------------------ every example


def _rule_shapes(pid: str) -> list[tuple[int, int]]:
    """For each rule deriving ``pid``: how many conditions a route through it must list at least
    (its atoms, negations and aggregates) and at most (with its comparisons)."""
    shapes = []
    for r in program().rules:
        if r.head_id != pid:
            continue
        lits = [b for b in r.body if b.ast_type == ast.ASTType.Literal]
        fixed = sum(1 for b in lits if b.atom.ast_type in (ast.ASTType.SymbolicAtom, ast.ASTType.BodyAggregate))
        shapes.append((fixed, len(lits)))
    return shapes


def _check_routes(routes, pid: str, where: tuple) -> int:
    """Every route of a failing provision fails somewhere, lists all of its rule's conditions (not
    only the first that fails), and every threshold not reached carries its figures."""
    checked = 0
    shapes = _rule_shapes(pid)
    for route in routes:
        assert any(not c.holds or c.open for c in route), where  # fails, or is open
        assert any(lo <= len(route) <= hi for lo, hi in shapes), (where, pid, len(route), shapes)
        for c in route:
            if c.kind == "comparison" and not c.holds:
                asp = c.raw  # the comparison as the rule writes it (shown with --debug)
                is_date = re.search(r"\d{4}-\d{2}-\d{2}", c.text) is not None
                if re.search(r"[^<>!]>=?[^=]", asp) and not is_date:
                    assert None not in (c.figure, c.threshold, c.gap, c.share), (where, c.text)
                    assert c.gap == c.threshold - c.figure + (0 if ">=" in asp else 1), (where, c.text)
                    assert c.share == max(0.0, min(c.figure / c.threshold, 1.0)), (where, c.text)
                    assert f"{int(c.share * 100)}%" in c.text, (where, c.text)
                    checked += 1
                else:
                    assert c.share is None, (where, c.text)
            if c.kind == "element" and c.routes:
                checked += _check_routes(c.routes, c.provision, where)
    return checked


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_failing_provision_of_every_example_lists_its_routes_and_gaps(name: str):
    report = build(load(EXAMPLES / name), name, "en")
    failing = [c for c in report.conclusions if c.status != "holds"]
    for c in failing:
        assert c.routes, (name, c.id, c.subject)
        _check_routes(c.routes, c.id, (name, c.id, c.subject))
    # the command gives the same routes
    for c in failing[:1]:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "reasoner.cli",
                "why-not",
                f"examples/{name}",
                c.id,
                "--party",
                c.party,
                "--format",
                "json",
                "--lang",
                "en",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout
        shown = [x for x in json.loads(out)["conclusions"] if x["subject"] == c.subject]
        assert shown and shown[0]["why_not"] == [[x.to_json() for x in r] for r in c.routes]


def test_the_examples_between_them_show_gaps():
    """The check above is not empty: the examples hold thresholds not reached, with their gaps."""
    total = 0
    for p in sorted(EXAMPLES.glob("*.yaml")):
        report = build(load(p), p.name, "en")
        total += sum(_check_routes(c.routes, c.id, (p.name, c.id)) for c in report.conclusions if c.status != "holds")
    assert total >= 5


def test_why_not_examines_a_provision_no_rule_marked_as_a_candidate():
    """Art 4 item (1) has no candidate/2 rule: why-not still finds the record it comes closest for."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "reasoner.cli",
            "why-not",
            str(EXAMPLES / "286-1-leak.yaml"),
            "interp.4.1.1",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "200 falls short of the threshold 500" in out and "short by 300, 40% reached" in out


def test_a_possible_conclusion_marks_what_is_open_never_as_met():
    # 褚某's knowledge is presumed, and her counter-evidence is not yet accepted or refused: her
    # offence holds in the recorded reading only, so each condition that turns on it is open (?)
    report = build(load(EXAMPLES / "287-2-co-perpetrators.yaml"), "x", "en")
    (theirs,) = [c for c in report.conclusions if c.id == "cl.287-2" and c.party == "P2"]
    assert theirs.certainty == "possible" and theirs.shown_subject == "A1 · P2"
    (route,) = theirs.routes
    elements = {c.provision: c for c in route if c.kind == "element"}
    assert elements["cl.287-2.1"].open and not elements["cl.12.1"].open
    knowledge = next(c for r in elements["cl.287-2.1"].routes for c in r if c.provision == "cl.287-2.1.knowledge")
    assert knowledge.open and knowledge.subject == "A1 · P2"
    rebuttal = [c for r in knowledge.routes for c in r for r2 in c.routes for c in r2 if c.kind == "absence"]
    assert rebuttal and all(c.open for c in rebuttal)
    assert elements["cl.287-2.1"].to_json()["status"] == "open"
    (mine,) = [c for c in report.conclusions if c.id == "cl.287-2" and c.party == "P1"]
    assert mine.certainty == "established" and mine.shown_subject == "A1 · P1"
