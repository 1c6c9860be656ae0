"""What an act of illegally using information networks records (CL 287-1; Arts 7 to 10 of the
Interpretation): the sites set up and the information published."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reasoner.case.errors import invalid
from reasoner.case.values import Id, MaybeCount, Strict, Text, Unknown


class IllegalActivity(Strict):
    """The illegal or criminal activity a site or a publication serves (Art 7: 违法犯罪)."""

    kind: Literal[
        "fraud",  # 诈骗
        "teaching_crime_methods",  # 传授犯罪方法
        "prohibited_articles",  # 制作或者销售违禁物品 (毒品、枪支、淫秽物品等)
        "controlled_articles",  # 制作或者销售管制物品
        "gambling",  # 赌博
        "other",
    ]
    legal_character: Literal["crime", "illegal_act_of_criminal_type", "other_violation"] | Unknown = Field(
        description="crime: 犯罪行为; illegal_act_of_criminal_type: 属于刑法分则规定的行为类型但尚未构成犯罪的违法行为 "
        "(Art 7); other_violation: neither"
    )
    description: Text | None = None


class Site(Strict):
    """A website or communication group set up by the actor (CL 287-1 ¶1 (1), Art 8, Art 10 (1)-(3))."""

    id: Id
    kind: Literal["website", "group"]
    purpose: Literal["set_up_for_illegal_activity", "used_mainly_for_illegal_activity", "other"] | Unknown = Field(
        description="set_up_for_illegal_activity: 以实施违法犯罪活动为目的而设立; used_mainly_for_illegal_activity: "
        "设立后主要用于实施违法犯罪活动 (needs a finding on interp.8.1 for the site)"
    )
    activity: IllegalActivity
    impersonates: Literal["state_organ", "financial_institution"] | None = Field(
        default=None, description="假冒国家机关、金融机构名义 (websites)"
    )
    registered_accounts: MaybeCount | None = Field(
        default=None, description="websites: registered accounts (over all the sites of this entry)"
    )
    members: MaybeCount | None = Field(default=None, description="groups: member accounts (over all its groups)")
    count: MaybeCount | None = Field(
        default=None,
        description="how many sites this entry stands for, all alike (default 1); registered_accounts or members "
        "is then their total",
    )
    name: Text | None = None

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Site:
        wrong = ("members",) if self.kind == "website" else ("impersonates", "registered_accounts")
        misplaced = [f for f in wrong if getattr(self, f) is not None]
        if misplaced:
            fields = ", ".join(misplaced)
            text = f"field(s) {fields} do not apply to a {self.kind}"
            raise invalid("misplaced_site_fields", text, fields=fields, kind=self.kind)
        return self


class Publishing(Strict):
    """Information published through networks (CL 287-1 ¶1 (2), (3); Art 9; Art 10 (4))."""

    content: Literal["illegal_articles_or_activity_info", "info_for_illegal_activity"] = Field(
        description="illegal_articles_or_activity_info: 有关制作或者销售毒品、枪支、淫秽物品等违禁物品、管制物品或者"
        "其他违法犯罪信息 (item 2); info_for_illegal_activity: 为实施诈骗等违法犯罪活动发布信息 (item 3)"
    )
    activity: IllegalActivity
    methods: list[Literal["post", "link", "screenshot", "qr_code", "account_password", "other_guidance"]] = Field(
        min_length=1, description="how: a post, or the access guidance Art 9 counts as publishing"
    )
    items_on_websites: MaybeCount | None = Field(default=None, description="items published on websites")
    recipient_accounts: MaybeCount | None = Field(default=None, description="user accounts the information was sent to")
    group_members_total: MaybeCount | None = Field(
        default=None, description="members, in total over the groups it was sent to (累计)"
    )
    followers_total: MaybeCount | None = Field(
        default=None, description="followers, in total over the social-network accounts used (累计)"
    )
