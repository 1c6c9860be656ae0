"""法释〔2019〕15号 第十三条: the assisted party's crime must be confirmable; its author need not be caught,
tried or of criminal age."""

from __future__ import annotations

import copy

import pytest
from conftest import holds

NOT_BLOCKING = ["not_caught", "not_yet_tried", "underage", "other_not_pursued"]


def assisted(ident: str = "X1", **changes) -> dict:
    party = {
        "id": ident,
        "description": f"网络诈骗团伙 {ident}",
        "uses_network": True,
        "reaches_crime": "yes",
        "crime": "诈骗罪",
        "confirmable": True,
    }
    party.update(changes)
    return {k: v for k, v in party.items() if v is not None}


def case(*parties: dict, **act) -> dict:
    """One person (P1) who settled ¥200,000 for the parties given, knowing their crime."""
    data = {
        "case": {"id": "t"},
        "parties": [{"id": "P1", "kind": "person", "name": "陈某"}],
        "acts": [
            {
                "id": "A1",
                "actor": "P1",
                "kind": "assist_network_crime",
                "date": "2023-05-01",
                "help": ["payment_settlement"],
                "assisted": list(parties) if parties else [assisted()],
                "knowledge": {"proven": True},
                "payment_settlement": "200000",
            }
        ],
    }
    data["acts"][0].update(act)
    return copy.deepcopy(data)


def test_confirmable_crime_through_networks_holds():
    data = case()
    assert holds(data, "interp.13.1", "X1")
    assert holds(data, "cl.287-2.1.predicate")
    assert holds(data, "cl.287-2")


@pytest.mark.parametrize("confirmable", [False, "unknown", None], ids=["false", "unknown", "absent"])
def test_not_when_the_crime_cannot_be_confirmed(confirmable):
    # 被帮助对象实施的犯罪行为可以确认 is a condition.
    data = case(assisted(confirmable=confirmable))
    assert not holds(data, "interp.13.1", "X1")
    assert not holds(data, "cl.287-2.1.predicate")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("uses_network", [False, "unknown"])
def test_not_when_the_crime_was_not_committed_through_networks(uses_network):
    # 明知他人利用信息网络实施犯罪: a crime off-line is not the predicate of CL 287-2.
    data = case(assisted(uses_network=uses_network))
    assert not holds(data, "interp.13.1", "X1")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("reaches", ["no", "unverifiable", "unknown"])
def test_not_when_the_conduct_is_not_a_crime(reaches):
    data = case(assisted(reaches_crime=reaches))
    assert not holds(data, "interp.13.1", "X1")
    assert not holds(data, "cl.287-2.1.predicate")
    assert not holds(data, "cl.287-2")


@pytest.mark.parametrize("status", NOT_BLOCKING)
def test_author_status_does_not_block_and_is_noted(status):
    # 尚未到案、尚未依法裁判或者因未达到刑事责任年龄等原因依法未予追究刑事责任的，不影响……认定
    data = case(assisted(author_status=status))
    assert holds(data, "interp.13.1", "X1")
    assert holds(data, "interp.13.1.author", "X1")
    assert holds(data, "cl.287-2")


def test_tried_author_is_not_noted():
    data = case(assisted(author_status="tried"))
    assert holds(data, "interp.13.1", "X1")
    assert not holds(data, "interp.13.1.author", "X1")
    assert holds(data, "cl.287-2")


def test_no_author_status_no_note():
    data = case()
    assert holds(data, "interp.13.1", "X1")
    assert not holds(data, "interp.13.1.author", "X1")


@pytest.mark.parametrize("status", NOT_BLOCKING)
def test_author_note_needs_a_confirmable_crime(status):
    data = case(assisted(author_status=status, confirmable=False))
    assert not holds(data, "interp.13.1.author", "X1")
    assert not holds(data, "cl.287-2")


def test_offence_holds_for_an_underage_author():
    # 因未达到刑事责任年龄……依法未予追究刑事责任的: the helper is still convicted.
    data = case(assisted(author_status="underage", description="十五周岁的诈骗行为人"))
    assert holds(data, "interp.12.1.2")
    assert holds(data, "cl.287-2.1.serious")
    assert holds(data, "cl.287-2")


def test_one_confirmed_party_among_others_suffices_for_the_predicate():
    data = case(assisted("X1", confirmable=False), assisted("X2", reaches_crime="no"), assisted("X3"))
    assert not holds(data, "interp.13.1", "X1")
    assert not holds(data, "interp.13.1", "X2")
    assert holds(data, "interp.13.1", "X3")
    assert holds(data, "cl.287-2.1.predicate")
    assert holds(data, "cl.287-2")
