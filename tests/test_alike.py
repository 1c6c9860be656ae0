"""Alike siblings given once (issue 17): an organiser who set up twelve chat groups for crime in the
same way gets one route in full and 「G1–G12 同理，共 12 个」, not twelve identical routes; --expand
gives each; ids are in a reader's order (G2 before G10) everywhere."""

from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

from reasoner.cli import main


def _case(tmp_path, purpose=lambda i: "set_up_for_illegal_activity") -> str:
    """Art 10 item (3): one act, twelve groups set up for crime (five suffice)."""
    groups = [
        {
            "id": f"G{i}",
            "kind": "group",
            "purpose": purpose(i),
            "activity": {"kind": "other", "legal_character": "crime"},
            "members": 40,
        }
        for i in range(1, 13)
    ]
    data = {
        "format": 2,
        "case": {"id": "twelve-groups", "as_of": "2024-06-01"},
        "parties": [{"id": "P1", "kind": "person", "name": "某甲"}],
        "acts": [
            {
                "id": "A1",
                "actor": "P1",
                "kind": "illegal_use_of_network",
                "date": {"from": "2022-03-01", "to": "2023-02-28"},
                "sites": groups,
            }
        ],
    }
    path = tmp_path / "twelve.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def _run(*args: str) -> str:
    out = CliRunner().invoke(main, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_twelve_alike_groups_are_explained_once(tmp_path):
    case = _case(tmp_path)
    text = _run("check", case, "--id", "cl.287-1", "--width", "200")
    assert "G1–G12 同理，共 12 个" in text
    # the route through G1 in full, none of the other eleven
    assert "行为 A1 设立了 G1 " in text
    assert not re.search(r"设立了 G(1[0-2]|[2-9]) ", text)
    full = _run("check", case, "--id", "cl.287-1", "--width", "200", "--expand")
    assert "同理" not in full
    assert len(text.splitlines()) * 2 < len(full.splitlines())
    en = _run("check", case, "--id", "cl.287-1", "--width", "200", "--lang", "en")
    assert "G1–G12 alike, 12 in all" in en


def test_ids_are_in_a_readers_order(tmp_path):
    full = _run("check", _case(tmp_path), "--id", "cl.287-1", "--width", "200", "--expand")
    order = re.findall(r"设立了 (G\d+) ", full)
    first = list(dict.fromkeys(order))
    assert first == [f"G{i}" for i in range(1, 13)]  # G2 before G10, in the routes and the count


def test_groups_that_differ_in_more_than_their_id_are_not_alike(tmp_path):
    """Nothing but the id may differ: of six groups set up for crime and six said to be used mainly
    for it (which counts only on a reviewer's finding, Art 8), the first six are alike, not all."""
    mixed = _case(
        tmp_path, purpose=lambda i: "set_up_for_illegal_activity" if i <= 6 else "used_mainly_for_illegal_activity"
    )
    text = _run("check", mixed, "--id", "cl.287-1", "--width", "200")
    assert "G1–G6 同理，共 6 个" in text
    assert "G1–G12" not in text


def test_the_memo_gives_alike_groups_once_and_says_what_the_mark_means(tmp_path):
    memo = _run("report", _case(tmp_path))
    assert "G1–G12 同理，共 12 个" in memo
    assert "≡" in memo.split("G1–G12 同理")[0] or "≡ G1–G12" in memo
    assert "理由相同的其他对象" in memo  # the legend
    full = _run("report", _case(tmp_path), "--expand")
    assert "同理" not in full.replace("理由相同的其他对象", "")


class _Counting(dict):
    """alike's table of shapes, counting the subtrees weighed."""

    weighed = 0

    def setdefault(self, key, default=None):
        _Counting.weighed += 1
        return super().setdefault(key, default)


def test_each_subtree_is_weighed_once_per_printout(monkeypatch):
    """The trees of a case share their subtrees, and a printout looks for alike siblings at every
    level: each node's shape is worked out once, not again at every level above it (a case of 40
    acts of one actor, which Art 16 adds up, took 80 s to print; the same now takes 3.4 s)."""
    import io

    from conftest import assist_act, assist_case, to_case

    from reasoner.explain import alike
    from reasoner.explain.conclusions import build
    from reasoner.render.terminal import print_report
    from reasoner.render.typeset import console

    acts = [assist_act(f"A{i}", f"2022-01-{i + 10:02d}", "9999999.99") for i in range(12)]
    report = build(to_case(assist_case(*acts, as_of="2024-06-01")), "acts.yaml", "zh")
    seen: set[int] = set()
    stack = [c.explanation for c in report.conclusions if c.explanation is not None]
    while stack:
        n = stack.pop()
        if id(n) not in seen:
            seen.add(id(n))
            stack.extend(n.children)
    monkeypatch.setattr(alike, "_TABLE", _Counting())
    monkeypatch.setattr(alike, "_SHAPES", {})
    monkeypatch.setattr(alike, "_IDS", {})
    _Counting.weighed = 0
    print_report(report, console(120, io.StringIO()))
    assert 0 < _Counting.weighed <= len(seen)  # at most once each (12 acts: 672 of 1,591 nodes)
