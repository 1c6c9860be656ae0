"""法释〔2019〕15号 第一条: who is a 网络服务提供者 (network service provider) under CL 286-1 ¶1."""

from __future__ import annotations

import pytest
from conftest import holds, make_case

from reasoner.case.parties import ServiceCategory

ITEMS = [f"interp.1.1.{n}" for n in range(1, 4)]

#: The services each item names, written out from the text (not read from the rules' data).
NAMED = {
    # （一）网络接入、域名注册解析等信息网络接入、计算、存储、传输服务
    "interp.1.1.1": [
        "network_access",
        "domain_registration_resolution",
        "computing",
        "storage",
        "transmission",
    ],
    # （二）信息发布、搜索引擎、即时通讯、网络支付、网络预约、网络购物、网络游戏、网络直播、网站建设、
    #       安全防护、广告推广、应用商店等信息网络应用服务
    "interp.1.1.2": [
        "information_publishing",
        "search_engine",
        "instant_messaging",
        "online_payment",
        "online_booking",
        "online_shopping",
        "online_gaming",
        "live_streaming",
        "website_building",
        "security_protection",
        "advertising_promotion",
        "app_store",
    ],
    # （三）利用信息网络提供的电子政务、通信、能源、交通、水利、金融、教育、医疗等公共服务
    "interp.1.1.3": [
        "e_government",
        "communications",
        "energy",
        "transport",
        "water_conservancy",
        "finance",
        "education",
        "medical",
    ],
}
CATEGORY_ITEM = [(c, item) for item, cats in NAMED.items() for c in cats]
#: 等: a service of an item's kind that the text does not name.
OTHER = {"interp.1.1.1": "other_item1", "interp.1.1.2": "other_item2", "interp.1.1.3": "other_item3"}


def provider_case(services: list[str], kind: str = "unit", findings: list[dict] | None = None, **changes) -> dict:
    """BASE with party P1 offering exactly ``services`` (P1 is the actor of A1 and the addressee of O1)."""
    base = make_case()
    p1 = {
        "id": "P1",
        "kind": kind,
        "name": "服务提供者",
        "services": [{"category": c} for c in services],
    }
    if kind == "unit":
        p1["responsible_persons"] = [{"person": "P2", "role": "manager"}]
    return make_case(parties=[p1, base["parties"][1]], add_findings=findings, **changes)


def finding(provision: str, subject: str = "P1", value: bool = True) -> dict:
    return {"provision": provision, "subject": subject, "holds": value, "reason": "审查认定属于同类服务"}


def holding_items(data: dict, subject: str = "P1") -> set[str]:
    return {i for i in ITEMS if holds(data, i, subject)}


def test_every_category_in_the_model_is_named_or_an_other():
    named = {c for cats in NAMED.values() for c in cats}
    assert named | set(OTHER.values()) == {c.value for c in ServiceCategory}


# ----------------------------------------------------------------------------- named services


@pytest.mark.parametrize("category,item", CATEGORY_ITEM)
def test_named_service_makes_its_item_and_provider_hold(category, item):
    data = provider_case([category])
    assert holding_items(data) == {item}
    assert holds(data, "interp.1.1", "P1")


@pytest.mark.parametrize("category,item", CATEGORY_ITEM)
def test_named_service_makes_the_offence_element_provider_hold(category, item):
    data = provider_case([category])
    assert holds(data, "cl.286-1.1.provider")


@pytest.mark.parametrize("item", ITEMS)
def test_natural_person_providing_a_named_service_is_a_provider(item):
    # 提供下列服务的单位和个人: individuals as well as units.
    data = provider_case([NAMED[item][0]], kind="person")
    assert holding_items(data) == {item}
    assert holds(data, "interp.1.1", "P1")
    assert holds(data, "cl.286-1.1.provider")


def test_services_of_several_items_make_each_item_hold():
    data = provider_case(["storage", "online_payment", "medical"])
    assert holding_items(data) == set(ITEMS)
    assert holds(data, "interp.1.1", "P1")


# ----------------------------------------------------------------------------- 等: unnamed services


@pytest.mark.parametrize("item", ITEMS)
def test_unnamed_service_of_an_item_holds_with_a_reviewer_finding(item):
    data = provider_case([OTHER[item]], findings=[finding(item)])
    assert holding_items(data) == {item}
    assert holds(data, "interp.1.1", "P1")
    assert holds(data, "cl.286-1.1.provider")


@pytest.mark.parametrize("item", ITEMS)
def test_unnamed_service_of_an_item_does_not_hold_without_a_finding(item):
    data = provider_case([OTHER[item]])
    assert holding_items(data) == set()
    assert not holds(data, "interp.1.1", "P1")
    assert not holds(data, "cl.286-1.1.provider")


@pytest.mark.parametrize("item", ITEMS)
def test_unnamed_service_does_not_hold_when_the_finding_is_negative(item):
    data = provider_case([OTHER[item]], findings=[finding(item, value=False)])
    assert holding_items(data) == set()
    assert not holds(data, "interp.1.1", "P1")


@pytest.mark.parametrize("item", ITEMS)
def test_finding_about_another_party_does_not_help(item):
    data = provider_case([OTHER[item]], findings=[finding(item, subject="P2")])
    assert holding_items(data) == set()
    assert not holds(data, "interp.1.1", "P1")


# ----------------------------------------------------------------------------- no services


def test_party_with_no_services_is_not_a_provider():
    data = provider_case([])
    assert holding_items(data) == set()
    assert not holds(data, "interp.1.1", "P1")
    assert not holds(data, "cl.286-1.1.provider")


def test_person_without_services_in_base_is_not_a_provider():
    data = make_case()
    assert holds(data, "interp.1.1", "P1")
    assert not holds(data, "interp.1.1", "P2")


def test_no_offence_without_a_provider_even_with_a_circumstance():
    quantities = {"quantities": {"illegal_videos": 10_000}}
    assert holds(provider_case(["instant_messaging"], act=quantities), "cl.286-1")
    data = provider_case([], act=quantities)
    assert holds(data, "cl.286-1.1.1")
    assert not holds(data, "cl.286-1.1.provider")
    assert not holds(data, "cl.286-1")


def test_provider_element_looks_at_the_actor_only():
    # The actor A1 is P1; services of another party do not make A1's actor a provider.
    base = make_case()
    p2 = {**base["parties"][1], "services": [{"category": "search_engine"}]}
    data = provider_case([])
    data["parties"][1] = p2
    assert holds(data, "interp.1.1", "P2")
    assert not holds(data, "cl.286-1.1.provider")
