"""What an act of assisting network crime records (CL 287-2; Arts 11 to 13 of the Interpretation):
the help given, the parties helped, knowledge, and the money settled (or the statement it is summed from)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StrictStr

from reasoner.case.statement_sums import StatementTotals
from reasoner.case.values import Id, MaybeBool, Strict, Text, Unknown

HelpKind = Literal[
    "internet_access",  # 互联网接入
    "server_hosting",  # 服务器托管
    "network_storage",  # 网络存储
    "communication_transmission",  # 通讯传输
    "other_technical_support",  # 等技术支持 (needs a finding)
    "advertising_promotion",  # 广告推广
    "payment_settlement",  # 支付结算
    "other_assistance",  # 等帮助 (needs a finding)
]


class AssistedParty(Strict):
    """Someone the actor helped, and what is known of that party's crime (Arts 12, 13)."""

    id: Id
    description: Text
    uses_network: MaybeBool = Field(description="the party used information networks to commit the crime")
    reaches_crime: Literal["yes", "no", "unverifiable"] | Unknown = Field(
        description="whether the party's conduct reached the level of a crime; unverifiable: 确因客观条件限制无法查证 "
        "(Art 12 ¶2)"
    )
    crime: Text | None = Field(default=None, description="the crime, e.g. 诈骗罪")
    confirmable: MaybeBool | None = Field(
        default=None, description="Art 13: the crime can be confirmed (被帮助对象实施的犯罪行为可以确认)"
    )
    author_status: Literal["tried", "not_caught", "not_yet_tried", "underage", "other_not_pursued"] | None = Field(
        default=None, description="Art 13: none of these blocks the finding"
    )


Indicator = Literal[
    "notified_by_regulator",  # (一) 经监管部门告知后仍然实施有关行为
    "ignored_reports",  # (二) 接到举报后不履行法定管理职责
    "abnormal_price_or_method",  # (三) 交易价格或者方式明显异常 (needs a finding)
    "dedicated_tool",  # (四) 提供专门用于违法犯罪的程序、工具或者其他技术支持、帮助
    "evasion_measures",  # (五) 频繁采用隐蔽上网、加密通信、销毁数据等措施或者使用虚假身份 (needs a finding)
    "helped_evasion",  # (六) 为他人逃避监管或者规避调查提供技术支持、帮助
    "other",  # (七) 其他足以认定行为人明知的情形 (needs a finding)
]


class AllegedIndicator(Strict):
    """An indicator alleged but whose presence the evidence may not (yet) show: ``present: unknown``."""

    indicator: Indicator
    present: MaybeBool = Field(description="whether the circumstance is shown; unknown while it is investigated")
    evidence: Text | None = None


class OfferedCounterEvidence(Strict):
    """Counter-evidence put forward whose acceptance is not (yet) decided: ``accepted: unknown``."""

    text: Text
    accepted: MaybeBool = Field(description="whether the reviewer accepts it as 相反证据; unknown while undecided")


class Knowledge(Strict):
    """明知: proven directly, or presumed under Art 11 from indicators unless counter-evidence rebuts it."""

    proven: MaybeBool | None = Field(default=None, description="knowledge proven directly by evidence")
    evidence: Text | None = None
    indicators: list[Indicator | AllegedIndicator] = Field(
        default_factory=list,
        description="Art 11's circumstances: a name is shown; {indicator, present: unknown} is alleged, not yet shown",
    )
    counter_evidence: list[Text | OfferedCounterEvidence] = Field(
        default_factory=list,
        description="相反证据: any accepted entry rebuts the presumption; {text, accepted: unknown} is undecided",
    )


class Statement(Strict):
    """A CSV of bank transactions beside the case file (see evidence.py for its columns).

    Its rows are summed when the case is read; the totals are kept on the model, not in the file."""

    file: Annotated[StrictStr, Field(min_length=1, pattern=r"\.csv$")] = Field(
        description="the CSV file, relative to the case file"
    )
    settlement: Literal["inflow", "outflow"] = Field(
        default="inflow",
        description="which rows make the payment settlement (支付结算金额): money into the accounts (default) "
        "or out of them",
    )
    _totals: object = PrivateAttr(default=None)

    @property
    def totals(self) -> StatementTotals:
        """The summed statement; set when the case is read (:func:`reasoner.case.statements.attach`)."""
        if self._totals is None:
            raise ValueError(f"the statement {self.file} has not been read (read cases with reasoner.case.read.load)")
        return self._totals
