"""What an act of assisting network crime records (CL 287-2; Arts 11 to 13 of the Interpretation):
the help given, the parties helped, knowledge, and the money settled (or the statement it is summed from)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StrictStr, model_validator

from reasoner.case.errors import invalid
from reasoner.case.statement_sums import StatementTotals
from reasoner.case.values import Id, MaybeBool, MaybeCount, MaybeMoney, Strict, Text, Unknown

HelpKind = Literal[
    "internet_access",  # 互联网接入
    "server_hosting",  # 服务器托管
    "network_storage",  # 网络存储
    "communication_transmission",  # 通讯传输
    "other_technical_support",  # 等技术支持
    "account_unblocking",  # 等技术支持: 账号解封
    "tools",  # 等技术支持: 程序、工具
    "advertising_promotion",  # 广告推广
    "payment_settlement",  # 支付结算
    "other_assistance",  # 等帮助
    "cards_and_accounts",  # 等帮助: 收购、出售、出租、出借银行卡、账户
    "phone_cards",  # 等帮助: 收购、出售、出租、出借手机卡、流量卡、物联网卡
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
    crime_kind: Literal["telecom_fraud", "gambling", "other"] | None = Field(
        default=None, description="telecom_fraud: 电信网络诈骗 (the 断卡 minutes read it); gambling; other"
    )
    confirmable: MaybeBool | None = Field(
        default=None, description="Art 13: the crime can be confirmed (被帮助对象实施的犯罪行为可以确认)"
    )
    author_status: Literal["tried", "not_caught", "not_yet_tried", "underage", "other_not_pursued"] | None = Field(
        default=None, description="Art 13: none of these blocks the finding; tried (已经依法裁判) confirms the crime"
    )

    @model_validator(mode="after")
    def _tried_is_confirmed(self) -> AssistedParty:
        if self.author_status == "tried" and self.confirmable is False:
            text = (
                "author_status tried (its author has been judged) confirms the crime; confirmable: false contradicts it"
            )
            raise invalid("tried_not_confirmable", text)
        return self


Indicator = Literal[
    "notified_by_regulator",  # (一) 经监管部门告知后仍然实施有关行为
    "ignored_reports",  # (二) 接到举报后不履行法定管理职责
    "abnormal_price_or_method",  # (三) 交易价格或者方式明显异常 (needs a finding)
    "dedicated_tool",  # (四) 提供专门用于违法犯罪的程序、工具或者其他技术支持、帮助
    "evasion_measures",  # (五) 频繁采用隐蔽上网、加密通信、销毁数据等措施或者使用虚假身份 (needs a finding)
    "helped_evasion",  # (六) 为他人逃避监管或者规避调查提供技术支持、帮助
    "other",  # (七) 其他足以认定行为人明知的情形 (needs a finding)
    # Art 11 (7) by the later documents (asp/*/): each a presumption, rebutted as Art 11's
    "unit_accounts_traded",  # Opinions (II) 八 ¶2: 收购、出售、出租单位银行结算账户、单位支付账户
    "insider_opened_cards",  # Opinions (II) 八 ¶2: 行业从业人员利用便利非法开办并出售、出租他人卡、账户
    "batch_card_trading",  # 2022 minutes (1): 跨省或多人结伙批量办理、收购、贩卖"两卡"
    "continued_after_notice",  # 2022 minutes (2): 被告知涉嫌诈骗、洗钱后仍继续实施
    "continued_after_freeze",  # 2022 minutes (3): 被冻结后帮助解冻或者换卡继续
    "continued_after_account_sealed",  # 2022 minutes (4): 支付账号被封禁后帮助解封继续
    "scripted_answers",  # 2022 minutes (6), 2025 Opinion: 事先准备应对调查的话术口径
    "prior_card_trading_sanction",  # 2022 minutes (7): 曾因买卖"两卡"受过处罚、信用惩戒或者训诫，又实施
    "fraud_devices_or_software",  # 2025 Opinion: 非法提供批量插卡、改号、虚拟拨号等设备、软件
    "continued_after_restriction",  # 2025 Opinion: 因涉诈等异常被限制、暂停服务后仍继续实施
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
            raise RuntimeError(f"the statement {self.file} has not been read (read cases with reasoner.case.read.load)")
        return self._totals


CardKind = Literal[
    "bank_card",  # 信用卡 (in the Criminal Law, bank cards including debit cards)
    "bank_account",  # 银行账户
    "payment_account",  # 非银行支付账户
    "internet_payment_account",  # 具有支付结算功能的互联网账号密码
    "payment_interface",  # 网络支付接口
    "online_banking_certificate",  # 网上银行数字证书
    "phone_card",  # 手机卡（电话卡）
    "traffic_card",  # 流量卡
    "iot_card",  # 物联网卡
]


class Card(Strict):
    """Cards or accounts the actor provided (Opinions (II) 七、九; the 断卡 minutes; 2025 Opinion 第6条)."""

    kind: CardKind
    whose: Literal["own", "others", "unit"] = Field(description="the actor's own, another person's, or a unit's")
    how: Literal["bought", "sold", "rented", "lent"] = Field(description="收购, 出售, 出租 or 出借")
    count: MaybeCount = Field(description="how many cards or accounts")
    accounts: list[Annotated[StrictStr, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, description="their account numbers, to match the rows of a statement"
    )


class Inflow(Strict):
    """Money flowing into the cards and accounts provided, by whose they were."""

    own: MaybeMoney | None = None
    others: MaybeMoney | None = None
    unit: MaybeMoney | None = None


class Funds(Strict):
    """Money through the cards and accounts provided (the 断卡 minutes; 2025 Opinion 第6条)."""

    inflow: MaybeMoney | Inflow | None = Field(
        default=None,
        description="one-way inflow (单向流入), yuan; by whose, {own, others, unit}, where the cards are of more "
        "than one owner",
    )
    outflow: MaybeMoney | None = Field(default=None, description="money out of them, yuan (流水 = in + out)")
    verified_fraud: MaybeMoney | None = Field(default=None, description="of the inflow, verified as fraud money")
    lawful: MaybeMoney | None = Field(default=None, description="of the inflow, shown lawful (deducted)")
