"""Why not: every route, all its failing conditions, the gap of each threshold, closest route first."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES, ROOT

from reasoner.casefile import load
from reasoner.conclusions import build


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
    assert {statuses[f"interp.2.2.{n}"] for n in (2, 3, 4)} == {"met"}


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
    out = subprocess.run([*run, "examples/287-2-unverifiable-below.yaml", "cl.287-2", "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    data = json.loads(out)
    assert data["conclusions"][0]["status"] == "not_established"
    assert data["conclusions"][0]["why_not"]
    bad = subprocess.run([*run, "examples/287-2-unverifiable-below.yaml", "interp.99"], capture_output=True, text=True,
                         cwd=ROOT)
    assert bad.returncode == 2 and "not an encoded provision" in bad.stderr


def test_near_misses_are_listed_at_the_chosen_share():
    report = build(load(EXAMPLES / "287-2-unverifiable-below.yaml"), "x", "en")
    misses = report.near_misses(0.8)
    assert [(m.provision, m.gap) for m in misses] == [("interp.12.2.payment", 1)]
    assert [m.provision for m in report.near_misses(0.4)] == ["interp.12.2.payment", "interp.12.2.gains"]
    assert report.near_misses(1.0) == []
    assert report.to_json()["near_misses"][0]["provision"] == "interp.12.2.payment"
