"""The memo lists every fact the case leaves open in one section, with the conclusions that hang
on it (issue 17): a prior penalty dated only "some day in 2020", on which Art 12 ¶1 (5) hangs, is
there with Art 12 ¶1 (5), beside the facts recorded as not known."""

from __future__ import annotations

import json

from conftest import assist_act, assist_case

from reasoner.case.read import load
from reasoner.render.memo import memo

IN_2020 = {"not_before": "2020-01-01", "not_after": "2020-12-31"}


def _memo(tmp_path, lang: str = "zh"):
    act = assist_act(
        settled="1000", date="2022-06-01", assisted=[{**assist_act()["assisted"][0], "confirmable": "unknown"}]
    )
    data = assist_case(act, as_of="2024-06-01")
    data["admin_penalties"] = [
        {"id": "AP1", "party": "P1", "date": IN_2020, "for": "assisting_network_crime", "authority": "某市公安局"}
    ]
    path = tmp_path / "open.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return memo(load(path), str(path), lang)


def test_a_day_known_within_bounds_is_an_open_fact_with_what_hangs_on_it(tmp_path):
    rows = {row.path: row.text for row in _memo(tmp_path).unknown}
    assert "admin_penalties[0].date" in rows, rows
    text = rows["admin_penalties[0].date"]
    assert "仅知范围" in text and "取决于此" in text
    assert "曾因" in text or "行政处罚" in text
    # a fact recorded as not known is in the same section
    assert "assisted_parties[0].confirmable" in rows or any("confirmable" in p for p in rows)


def test_the_conclusion_of_art_12_item_5_is_named(tmp_path):
    from reasoner.law.catalogue import catalogue

    label = catalogue()["interp.12.1.5"].label("zh")
    rows = {row.path: row.text for row in _memo(tmp_path).unknown}
    assert label in rows["admin_penalties[0].date"]
