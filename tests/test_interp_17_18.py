"""法释〔2019〕15号 第十七条、第十八条 with CL 37-1, 38, 42, 45 and 72: the statutory range with the
general part's bounds, the suspended sentence, the ancillary measures and the fine's factors."""

from __future__ import annotations

from conftest import assist_act, assist_case, make_case, run, to_case

from reasoner.explain.conclusions import build
from reasoner.law.terms import Function, Number, String

A1 = String("A1")


def penalties(r) -> dict[str, tuple[int, int]]:
    return {
        s.arguments[2].name: (s.arguments[3].number, s.arguments[4].number)
        for s in r.model
        if s.name == "penalty" and s.arguments[1] == A1
    }


def notes(r, pid: str) -> set[Function]:
    return {
        s.arguments[2] for s in r.model if s.name == "note" and s.arguments[0] == String(pid) and s.arguments[1] == A1
    }


def test_287_2_range_with_general_part_bounds():
    p = penalties(run(assist_case()))
    assert p == {"fixed_term": (6, 36), "criminal_detention": (1, 6), "fine_alone_or_additional": (0, 0)}


def test_286_1_adds_public_surveillance():
    data = make_case(act={"quantities": {"illegal_videos": 200}})
    data["parties"][0]["kind"] = "person"
    data["parties"][0].pop("responsible_persons")
    data["parties"][0].pop("services")
    data["parties"][0]["services"] = [{"category": "instant_messaging"}]
    r = run(data)
    assert r.holds("cl.286-1", A1)
    assert penalties(r)["public_surveillance"] == (3, 24)
    assert Function("injunction_with_public_surveillance") in notes(r, "interp.17")


def test_measures_open_once_the_offence_holds():
    r = run(assist_case(assist_act(illegal_gains="12000.50")))
    assert r.holds("interp.17", A1) and r.holds("interp.18", A1) and r.holds("cl.72", A1)
    assert notes(r, "interp.17") == {
        Function("occupational_ban", [Number(3), Number(5)]),
        Function("injunction_with_suspended_sentence"),
    }
    assert notes(r, "interp.18") == {Function("fine_factors"), Function("illegal_gains_recorded", [Number(1_200_050)])}
    assert Function("suspension_conditions") in notes(r, "cl.72")


def test_no_offence_no_measures():
    r = run(assist_case(assist_act(settled="199999.99")))
    for pid in ("interp.17", "interp.18", "cl.72"):
        assert not r.holds(pid, A1)
    assert penalties(r) == {}


def test_printout_cites_the_bounds_and_shows_the_gains():
    report = build(to_case(assist_case(assist_act(illegal_gains="12000.50"))), "t.json", "zh")
    offence = next(c for c in report.conclusions if c.id == "cl.287-2")
    assert offence.notes[0] == "法定刑：有期徒刑 6 个月以上 36 个月以下（刑法第四十五条；刑法第二百八十七条之二第一款）"
    assert offence.notes[1] == "法定刑：拘役 1 个月以上 6 个月以下（刑法第四十二条）"
    art18 = next(c for c in report.conclusions if c.id == "interp.18")
    assert "案卷记录的违法所得：12,000.50 元" in art18.notes
