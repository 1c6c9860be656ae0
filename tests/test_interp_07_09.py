"""法释〔2019〕15号 第七条 (违法犯罪), 第八条 (websites and groups), 第九条 (发布信息); CL 287-1 ¶1 items (1)-(3)."""

from __future__ import annotations

import pytest
from conftest import run

from reasoner.law.terms import String

# Art 7: 犯罪行为, and 属于刑法分则规定的行为类型但尚未构成犯罪的违法行为
CHARACTERS_7 = ["crime", "illegal_act_of_criminal_type"]
NOT_7 = ["other_violation", "unknown"]
GUIDANCE = ["link", "screenshot", "qr_code", "account_password", "other_guidance"]  # Art 9
ITEMS = ["cl.287-1.1.1", "cl.287-1.1.2", "cl.287-1.1.3"]


def case(sites: list[dict] | None = None, publishing: dict | None = None, findings: list[dict] | None = None) -> dict:
    """One person P1 and one act A1 of illegal use of information networks."""
    act: dict = {"id": "A1", "actor": "P1", "kind": "illegal_use_of_network", "date": "2023-05-01"}
    if sites is not None:
        act["sites"] = sites
    if publishing is not None:
        act["publishing"] = publishing
    return {
        "case": {"id": "t"},
        "parties": [{"id": "P1", "kind": "person", "name": "王某"}],
        "acts": [act],
        "findings": findings or [],
    }


def site(
    sid: str = "S1",
    kind: str = "website",
    purpose: str = "set_up_for_illegal_activity",
    character: str = "crime",
    activity: str = "fraud",
) -> dict:
    return {
        "id": sid,
        "kind": kind,
        "purpose": purpose,
        "activity": {"kind": activity, "legal_character": character},
    }


def publishing(
    content: str = "illegal_articles_or_activity_info",
    methods: list[str] | None = None,
    character: str = "crime",
    activity: str = "prohibited_articles",
) -> dict:
    return {
        "content": content,
        "activity": {"kind": activity, "legal_character": character},
        "methods": methods or ["post"],
    }


def finding_8(subject: str = "S1", value: bool = True) -> dict:
    return {"provision": "interp.8.1", "subject": subject, "holds": value, "reason": "设立后主要用于发布诈骗信息"}


def holds_in(data: dict, pid: str, subject: str = "A1") -> bool:
    return run(data).holds(pid, String(subject))


def items(data: dict) -> set[str]:
    r = run(data)
    return {i for i in ITEMS if r.holds(i, String("A1"))}


# ----------------------------------------------------------------------------- Art 7: 违法犯罪


@pytest.mark.parametrize("character", CHARACTERS_7)
def test_art_7_holds_for_a_site_serving_crime_or_an_illegal_act_of_criminal_type(character):
    r = run(case(sites=[site(character=character)]))
    assert r.holds("interp.7.1", String("S1"))
    assert not r.holds("interp.7.1", String("A1"))  # the subject is the site, not the act


@pytest.mark.parametrize("character", NOT_7)
def test_art_7_does_not_hold_for_a_site_serving_another_violation_or_unknown(character):
    r = run(case(sites=[site(character=character)]))
    assert not r.holds("interp.7.1", String("S1"))


@pytest.mark.parametrize("character", CHARACTERS_7)
def test_art_7_holds_for_published_information(character):
    r = run(case(publishing=publishing(character=character)))
    assert r.holds("interp.7.1", String("A1"))  # the subject of publishing is the act


@pytest.mark.parametrize("character", NOT_7)
def test_art_7_does_not_hold_for_published_information_on_another_violation(character):
    assert not holds_in(case(publishing=publishing(character=character)), "interp.7.1")


def test_art_7_is_decided_site_by_site():
    r = run(case(sites=[site("S1", character="crime"), site("S2", character="other_violation")]))
    assert r.holds("interp.7.1", String("S1"))
    assert not r.holds("interp.7.1", String("S2"))


# ----------------------------------------------------------------------------- Art 8: websites and groups


@pytest.mark.parametrize("kind", ["website", "group"])
@pytest.mark.parametrize("character", CHARACTERS_7)
def test_art_8_set_up_for_illegal_activity(kind, character):
    # 以实施违法犯罪活动为目的而设立
    r = run(case(sites=[site(kind=kind, character=character)]))
    assert r.holds("interp.8.1", String("S1"))
    assert r.holds("cl.287-1.1.1", String("A1"))


def test_art_8_used_mainly_for_illegal_activity_needs_a_finding():
    # 设立后主要用于实施违法犯罪活动: 主要 is evaluative, so it rests on a reviewer finding.
    data = case(sites=[site(purpose="used_mainly_for_illegal_activity")])
    r = run(data)
    assert not r.holds("interp.8.1", String("S1"))
    assert not r.holds("cl.287-1.1.1", String("A1"))


def test_art_8_used_mainly_for_illegal_activity_with_a_finding():
    data = case(sites=[site(purpose="used_mainly_for_illegal_activity")], findings=[finding_8()])
    r = run(data)
    assert r.holds("interp.8.1", String("S1"))
    assert r.holds("cl.287-1.1.1", String("A1"))


def test_art_8_negative_finding_does_not_establish_it():
    data = case(sites=[site(purpose="used_mainly_for_illegal_activity")], findings=[finding_8(value=False)])
    assert not holds_in(data, "interp.8.1", "S1")


def test_art_8_finding_about_another_site_does_not_count():
    data = case(
        sites=[site("S1", purpose="used_mainly_for_illegal_activity"), site("S2", purpose="other")],
        findings=[finding_8(subject="S2")],
    )
    r = run(data)
    assert not r.holds("interp.8.1", String("S1"))
    assert not r.holds("interp.8.1", String("S2"))  # purpose other is never Art 8
    assert not r.holds("cl.287-1.1.1", String("A1"))


def test_art_8_finding_does_not_turn_a_site_set_up_for_another_purpose_into_one():
    data = case(sites=[site(purpose="other")], findings=[finding_8()])
    r = run(data)
    assert not r.holds("interp.8.1", String("S1"))
    assert not r.holds("cl.287-1.1.1", String("A1"))


@pytest.mark.parametrize("purpose", ["other", "unknown"])
def test_art_8_not_for_another_or_unknown_purpose(purpose):
    r = run(case(sites=[site(purpose=purpose)]))
    assert r.holds("interp.7.1", String("S1"))
    assert not r.holds("interp.8.1", String("S1"))


@pytest.mark.parametrize("character", NOT_7)
@pytest.mark.parametrize("purpose", ["set_up_for_illegal_activity", "used_mainly_for_illegal_activity"])
def test_art_8_blocked_when_art_7_fails(character, purpose):
    # The activity must be 违法犯罪 in the sense of Art 7, even with a finding on 主要用于.
    data = case(sites=[site(purpose=purpose, character=character)], findings=[finding_8()])
    r = run(data)
    assert not r.holds("interp.7.1", String("S1"))
    assert not r.holds("interp.8.1", String("S1"))
    assert not r.holds("cl.287-1.1.1", String("A1"))


@pytest.mark.parametrize("activity", ["fraud", "teaching_crime_methods", "prohibited_articles", "controlled_articles"])
def test_art_8_covers_the_activities_named_in_item_1(activity):
    # 用于实施诈骗、传授犯罪方法、制作或者销售违禁物品、管制物品等违法犯罪活动
    assert holds_in(case(sites=[site(activity=activity)]), "interp.8.1", "S1")


@pytest.mark.parametrize("activity", ["gambling", "other"])
def test_art_8_covers_other_illegal_activity_through_deng(activity):
    # 等违法犯罪活动: the list is open; Art 7 decides.
    assert holds_in(case(sites=[site(activity=activity)]), "interp.8.1", "S1")
    assert not holds_in(case(sites=[site(activity=activity, character="other_violation")]), "interp.8.1", "S1")


# ----------------------------------------------------------------------------- Art 9: 发布信息


@pytest.mark.parametrize("method", GUIDANCE)
def test_art_9_each_access_guidance_is_publishing(method):
    # 提供信息的链接、截屏、二维码、访问账号密码及其他指引访问服务
    r = run(case(publishing=publishing(methods=[method])))
    assert r.holds("interp.9.1", String("A1"))
    assert r.holds("cl.287-1.1.publishing", String("A1"))
    assert r.holds("cl.287-1.1.2", String("A1"))


def test_a_post_is_publishing_but_not_art_9():
    r = run(case(publishing=publishing(methods=["post"])))
    assert not r.holds("interp.9.1", String("A1"))
    assert r.holds("cl.287-1.1.publishing", String("A1"))
    assert r.holds("cl.287-1.1.2", String("A1"))


def test_a_post_with_a_qr_code_is_both():
    r = run(case(publishing=publishing(methods=["post", "qr_code"])))
    assert r.holds("interp.9.1", String("A1"))
    assert r.holds("cl.287-1.1.publishing", String("A1"))


def test_no_publishing_no_art_9():
    r = run(case(sites=[site()]))
    assert not r.holds("interp.9.1", String("A1"))
    assert not r.holds("cl.287-1.1.publishing", String("A1"))


# ----------------------------------------------------------------------------- CL 287-1 ¶1 items (1)-(3)


@pytest.mark.parametrize("kind", ["website", "group"])
def test_item_1_holds_for_a_qualifying_site(kind):
    data = case(sites=[site(kind=kind)])
    assert items(data) == {"cl.287-1.1.1"}
    assert holds_in(data, "cl.287-1.1.conduct")


def test_item_1_holds_if_one_of_several_sites_qualifies():
    data = case(sites=[site("S1", purpose="other"), site("S2", character="other_violation"), site("S3", kind="group")])
    assert items(data) == {"cl.287-1.1.1"}


def test_item_1_does_not_hold_without_a_qualifying_site():
    data = case(sites=[site("S1", purpose="other"), site("S2", character="other_violation")])
    assert items(data) == set()
    assert not holds_in(data, "cl.287-1.1.conduct")


def test_item_1_does_not_hold_without_sites():
    assert items(case(sites=[])) == set()


@pytest.mark.parametrize("method", ["post", "link"])
def test_item_2_holds_for_information_on_illegal_articles_or_activity(method):
    # 发布有关制作或者销售毒品、枪支、淫秽物品等违禁物品、管制物品或者其他违法犯罪信息的
    data = case(publishing=publishing(content="illegal_articles_or_activity_info", methods=[method]))
    assert items(data) == {"cl.287-1.1.2"}
    assert holds_in(data, "cl.287-1.1.conduct")


@pytest.mark.parametrize("character", NOT_7)
def test_item_2_does_not_hold_when_the_information_is_not_about_illegal_or_criminal_activity(character):
    data = case(publishing=publishing(content="illegal_articles_or_activity_info", character=character))
    r = run(data)
    assert r.holds("cl.287-1.1.publishing", String("A1"))
    assert not r.holds("cl.287-1.1.2", String("A1"))
    assert not r.holds("cl.287-1.1.conduct", String("A1"))


@pytest.mark.parametrize("method", ["post", "qr_code"])
def test_item_3_holds_for_information_published_for_illegal_activity(method):
    # 为实施诈骗等违法犯罪活动发布信息的
    data = case(publishing=publishing(content="info_for_illegal_activity", methods=[method], activity="fraud"))
    assert items(data) == {"cl.287-1.1.3"}
    assert holds_in(data, "cl.287-1.1.conduct")


@pytest.mark.parametrize("character", NOT_7)
def test_item_3_does_not_hold_when_the_activity_is_not_illegal_or_criminal(character):
    data = case(publishing=publishing(content="info_for_illegal_activity", activity="fraud", character=character))
    r = run(data)
    assert not r.holds("cl.287-1.1.3", String("A1"))
    assert not r.holds("cl.287-1.1.conduct", String("A1"))


def test_items_2_and_3_follow_the_content_recorded():
    assert items(case(publishing=publishing(content="info_for_illegal_activity"))) == {"cl.287-1.1.3"}
    assert items(case(publishing=publishing(content="illegal_articles_or_activity_info"))) == {"cl.287-1.1.2"}


def test_site_and_publishing_in_one_act():
    data = case(sites=[site()], publishing=publishing(content="info_for_illegal_activity", methods=["link"]))
    assert items(data) == {"cl.287-1.1.1", "cl.287-1.1.3"}


def test_conduct_alone_is_not_the_offence():
    # Without 情节严重 (Art 10) the conduct is not the crime.
    data = case(sites=[site()], publishing=publishing(methods=["link"]))
    r = run(data)
    assert r.holds("cl.287-1.1.conduct", String("A1"))
    assert not r.holds("cl.287-1.1.serious", String("A1"))
    assert not r.holds("cl.287-1", String("A1"))
