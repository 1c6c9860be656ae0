"""法释〔2019〕15号 第五条: loss of evidence as 情节严重 (CL 286-1 ¶1 item (3))."""

from __future__ import annotations

import pytest
from conftest import holds, make_case

from reasoner.law.parameters import parameters

ITEMS = [f"interp.5.1.{n}" for n in range(1, 6)]
GRAVE = ["state_security", "terrorism", "mafia", "corruption_bribery"]


def param(provision: str, name: str) -> int:
    return next(p.value for p in parameters() if p.provision == provision and p.name == name)


YEARS = param("interp.5.1.2", "years")
TIMES = param("interp.5.1.3", "times")


def loss(
    ident: str = "E1",
    crime_kind: str = "other",
    sentence: dict | None = None,
    affects: bool | str = True,
) -> dict:
    return {
        "id": ident,
        "case": f"{ident} 号刑事案件",
        "crime_kind": crime_kind,
        "likely_sentence": sentence or {"kind": "lesser"},
        "affects_conviction_or_sentencing": affects,
    }


def evidence_case(losses: list[dict], findings: list[dict] | None = None) -> dict:
    return make_case(act={"evidence_losses": losses}, add_findings=findings)


def finding(provision: str, subject: str = "A1") -> dict:
    return {"provision": provision, "subject": subject, "holds": True, "reason": "审查认定"}


def holding_items(data: dict) -> set[str]:
    return {i for i in ITEMS if holds(data, i)}


def test_parameters_are_the_texts_figures():
    assert YEARS == 5  # 五年有期徒刑以上
    assert TIMES == 3  # 多次, read as three or more


def test_minor_single_loss_is_not_serious():
    data = evidence_case([loss()])
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.3")


# ----------------------------------------------------------------------------- item (1)


@pytest.mark.parametrize("kind", GRAVE)
def test_item_1_grave_crime_kind_holds(kind):
    data = evidence_case([loss(crime_kind=kind)])
    assert holding_items(data) == {"interp.5.1.1"}
    assert holds(data, "cl.286-1.1.3")


def test_item_1_other_crime_kind_does_not_hold():
    data = evidence_case([loss(crime_kind="other")])
    assert not holds(data, "interp.5.1.1")
    assert not holds(data, "cl.286-1.1.3")


@pytest.mark.parametrize("kind", GRAVE)
def test_item_1_loss_not_affecting_conviction_does_not_count(kind):
    # Chapeau: 致使影响定罪量刑的刑事案件证据灭失.
    data = evidence_case([loss(crime_kind=kind, affects=False)])
    assert not holds(data, "interp.5.1.1")
    assert not holds(data, "cl.286-1.1.3")


def test_item_1_unknown_crime_kind_is_not_established():
    assert not holds(evidence_case([loss(crime_kind="unknown")]), "interp.5.1.1")


# ----------------------------------------------------------------------------- item (2)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ({"kind": "fixed_term", "years": YEARS}, True),  # 以上 includes the figure itself
        ({"kind": "fixed_term", "years": YEARS - 1}, False),
        ({"kind": "fixed_term", "years": YEARS + 1}, True),
        ({"kind": "fixed_term", "years": 15}, True),
        ({"kind": "fixed_term", "years": 0}, False),
        ({"kind": "life"}, True),
        ({"kind": "death"}, True),
        ({"kind": "lesser"}, False),
    ],
)
def test_item_2_likely_sentence(sentence, expected):
    data = evidence_case([loss(sentence=sentence)])
    assert holds(data, "interp.5.1.2") is expected
    assert holds(data, "cl.286-1.1.3") is expected


@pytest.mark.parametrize("sentence", [{"kind": "fixed_term", "years": 10}, {"kind": "life"}])
def test_item_2_loss_not_affecting_conviction_does_not_count(sentence):
    data = evidence_case([loss(sentence=sentence, affects=False)])
    assert not holds(data, "interp.5.1.2")


def test_item_2_unknown_sentence_is_not_established():
    assert not holds(evidence_case([loss(sentence="unknown")]), "interp.5.1.2")


# ----------------------------------------------------------------------------- item (3)


def test_item_3_many_losses_hold():
    data = evidence_case([loss(f"E{i}") for i in range(TIMES)])
    assert holding_items(data) == {"interp.5.1.3"}
    assert holds(data, "cl.286-1.1.3")


def test_item_3_one_fewer_does_not_hold():
    data = evidence_case([loss(f"E{i}") for i in range(TIMES - 1)])
    assert not holds(data, "interp.5.1.3")
    assert not holds(data, "cl.286-1.1.3")


def test_item_3_three_losses_two_do_not():
    assert holds(evidence_case([loss("E1"), loss("E2"), loss("E3")]), "interp.5.1.3")
    assert not holds(evidence_case([loss("E1"), loss("E2")]), "interp.5.1.3")


def test_item_3_loss_not_affecting_conviction_is_not_counted():
    losses = [loss(f"E{i}") for i in range(TIMES - 1)] + [loss("EX", affects=False)]
    data = evidence_case(losses)
    assert not holds(data, "interp.5.1.3")
    assert not holds(data, "cl.286-1.1.3")


def test_item_3_loss_of_unknown_relevance_is_not_counted():
    losses = [loss(f"E{i}") for i in range(TIMES - 1)] + [loss("EX", affects="unknown")]
    assert not holds(evidence_case(losses), "interp.5.1.3")


# ----------------------------------------------------------------------------- items (4), (5)


@pytest.mark.parametrize("item", ["interp.5.1.4", "interp.5.1.5"])
def test_evaluative_item_holds_with_finding_and_loss(item):
    data = evidence_case([loss()], [finding(item)])
    assert holding_items(data) == {item}
    assert holds(data, "cl.286-1.1.3")


@pytest.mark.parametrize("item", ["interp.5.1.4", "interp.5.1.5"])
def test_evaluative_item_needs_a_finding(item):
    assert not holds(evidence_case([loss()]), item)


@pytest.mark.parametrize("item", ["interp.5.1.4", "interp.5.1.5"])
def test_evaluative_item_needs_a_loss(item):
    data = evidence_case([], [finding(item)])
    assert not holds(data, item)
    assert not holds(data, "cl.286-1.1.3")


@pytest.mark.parametrize("item", ["interp.5.1.4", "interp.5.1.5"])
def test_evaluative_item_needs_a_loss_that_affects_conviction(item):
    data = evidence_case([loss(affects=False)], [finding(item)])
    assert not holds(data, item)


@pytest.mark.parametrize("item", ["interp.5.1.4", "interp.5.1.5"])
def test_evaluative_item_finding_that_fails_does_not_hold(item):
    f = finding(item)
    f["holds"] = False
    assert not holds(evidence_case([loss()], [f]), item)


# ----------------------------------------------------------------------------- cl.286-1.1.3


ROUTES = {
    "interp.5.1.1": lambda: evidence_case([loss(crime_kind="mafia")]),
    "interp.5.1.2": lambda: evidence_case([loss(sentence={"kind": "fixed_term", "years": 7})]),
    "interp.5.1.3": lambda: evidence_case([loss("E1"), loss("E2"), loss("E3")]),
    "interp.5.1.4": lambda: evidence_case([loss()], [finding("interp.5.1.4")]),
    "interp.5.1.5": lambda: evidence_case([loss()], [finding("interp.5.1.5")]),
}


@pytest.mark.parametrize("item", ITEMS)
def test_serious_circumstances_through_each_item(item):
    data = ROUTES[item]()
    assert holds(data, item)
    assert holds(data, "cl.286-1.1.3")
    assert holds(data, "cl.286-1.1.circumstance")
    assert holds(data, "cl.286-1")


def test_no_loss_no_serious_circumstances():
    data = make_case()
    assert holding_items(data) == set()
    assert not holds(data, "cl.286-1.1.3")
