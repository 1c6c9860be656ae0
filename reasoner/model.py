"""The case file: one validated model for every offence, read from YAML or JSON.

Strict on purpose: unknown keys, wrong types, negative counts, impossible or reversed dates and
inexact money are errors, never coerced.  Any fact may be recorded as ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

UNKNOWN = "unknown"
Unknown = Literal["unknown"]


#: Acts in one case file: Art 16 sums their figures in parts small enough for 32-bit integers.
MAX_ACTS = 1000
#: Sites in one case file: their account counts are summed in 32 bits (also across acts, Art 16).
MAX_SITES = 20_000
#: At most this many digits in a number (a count, or money in yuan with its decimals): Python
#: refuses to turn longer integers into text (its 4,300-digit limit), and a figure in fen, or a sum
#: of many, stays below that limit.  No figure the law counts comes near.
MAX_DIGITS = 4_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ----------------------------------------------------------------------------- scalar types


def _parse_date(v: object) -> dt.date:
    if isinstance(v, dt.datetime):
        raise ValueError("expected a date YYYY-MM-DD, found a date and time")
    if isinstance(v, dt.date):
        return v
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise ValueError(f"expected a date YYYY-MM-DD, found {v!r}")
    try:
        return dt.date.fromisoformat(v)
    except ValueError as e:
        raise ValueError(f"{v!r} is not a calendar date ({e})") from None


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


#: yuan with at most two decimals; ASCII digits only, commas only as thousands separators.
_MONEY = r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]{1,2})?"


def _parse_money(v: object) -> Decimal:
    """Money is exact: an integer of yuan or a string with at most two decimals (fen)."""
    if isinstance(v, bool):
        raise ValueError(f"expected an amount in yuan, found {v!r}")
    if isinstance(v, float):
        raise ValueError(
            f'expected an amount in yuan as an integer or a quoted string such as "1234.56", '
            f"found the floating-point number {v!r} (floating point cannot hold money exactly)"
        )
    if isinstance(v, int):
        d = Decimal(v)
    elif isinstance(v, str) and re.fullmatch(_MONEY, v):
        digits = sum(c.isdigit() for c in v)
        if digits > MAX_DIGITS:
            raise ValueError(f"expected an amount of at most {MAX_DIGITS:,} digits, found one of {digits:,} digits")
        try:
            d = Decimal(v.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern rules this out
            raise ValueError(f"expected an amount in yuan, found {v!r}") from None
    else:
        raise ValueError(f"expected an amount in yuan with at most two decimals (fen), found {v!r}")
    if d < 0:
        raise ValueError(f"expected an amount of at least 0 yuan, found {v!r}")
    return d


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    PlainSerializer(lambda d: format(d, "f"), return_type=str),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": f"^{_MONEY}$"},
            ],
            "description": "yuan, exact: an integer or a string with at most two decimals",
        }
    ),
]

Count = Annotated[StrictInt, Field(ge=0)]
Id = Annotated[StrictStr, Field(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")]
Text = Annotated[StrictStr, Field(min_length=1)]


class _Bounds(_Strict):
    """Shared check of a bounded figure: at least one bound, and the lower not above the upper."""

    at_least: object = None
    at_most: object = None

    @model_validator(mode="after")
    def _ordered(self) -> _Bounds:
        lo, hi = self.at_least, self.at_most
        if lo is None and hi is None:
            raise ValueError("a bounded figure needs at_least, at_most or both")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"at_least ({lo}) is above at_most ({hi})")
        return self

    def low(self) -> int | Decimal:
        """The least value the figure may have (0 when only an upper bound is known)."""
        return self.at_least if self.at_least is not None else 0  # type: ignore[return-value]


class CountBounds(_Bounds):
    """A count known only within bounds: ``{at_least: N}``, ``{at_most: N}`` or both (between)."""

    at_least: Count | None = None
    at_most: Count | None = None


class MoneyBounds(_Bounds):
    """An amount known only within bounds, in exact yuan: ``{at_least: "150,000"}``, ``{at_most: …}``."""

    at_least: Money | None = None
    at_most: Money | None = None


MaybeCount = Count | CountBounds | Unknown
MaybeBool = StrictBool | Unknown
MaybeMoney = Money | MoneyBounds | Unknown


class DateBounds(_Strict):
    """One day, not known exactly: ``{not_before: YYYY-MM-DD, not_after: YYYY-MM-DD}`` (either or
    both).  Not a period: an act's duration is ``{from, to}``."""

    not_before: Date | None = None
    not_after: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateBounds:
        if self.not_before is None and self.not_after is None:
            raise ValueError("an uncertain date needs not_before, not_after or both")
        if self.not_before is not None and self.not_after is not None and self.not_after < self.not_before:
            raise ValueError(f"not_after ({self.not_after}) is before not_before ({self.not_before})")
        return self


def earliest(v: object) -> dt.date | None:
    """The earliest a day can be: the day itself, or ``not_before``; None when open or not known."""
    return v if isinstance(v, dt.date) else v.not_before if isinstance(v, DateBounds) else None


def latest(v: object) -> dt.date | None:
    """The latest a day can be: the day itself, or ``not_after``; None when open or not known."""
    return v if isinstance(v, dt.date) else v.not_after if isinstance(v, DateBounds) else None


class DateRange(_Strict):
    """A period (an act that went on from one day to another); either end may be a day known only
    within bounds.  Every day the period may start on is on or before every day it may end on."""

    start: Date | DateBounds = Field(alias="from")
    end: Date | DateBounds = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True)

    def start_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The days the period may start on: its own bounds, closed above by an exact end."""
        return earliest(self.start), latest(self.start) or (self.end if isinstance(self.end, dt.date) else None)

    def end_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The days the period may end on: its own bounds, closed below by an exact start."""
        return earliest(self.end) or (self.start if isinstance(self.start, dt.date) else None), latest(self.end)

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date):
            if self.end < self.start:
                raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")
            return self
        last_start, first_end = self.start_span()[1], self.end_span()[0]
        if last_start is None or first_end is None:
            raise ValueError(
                "the period might start after it ends: bound it so that the latest start (from.not_after, "
                "or an exact from) is on or before the earliest end (to.not_before, or an exact to)"
            )
        if last_start > first_end:
            raise ValueError(
                f"the period might start ({last_start}) after it ends ({first_end}): the latest start must be "
                "on or before the earliest end"
            )
        return self


#: the date of an act: a day, a period, a day known within bounds, or not known
When = Date | DateRange | DateBounds | Unknown

#: the date of an order or a penalty: a day, a day known within bounds, or not known
Day = Date | DateBounds | Unknown


def bounds(when: When) -> tuple[dt.date, dt.date] | None:
    """First and last day of a date or range known exactly; None when any end is not known exactly."""
    if isinstance(when, DateRange):
        if isinstance(when.start, dt.date) and isinstance(when.end, dt.date):
            return when.start, when.end
        return None
    if isinstance(when, dt.date):
        return when, when
    return None


def earliest_end(when: When) -> dt.date | None:
    """The earliest day an act can have ended: for checks that the act is before the judgment."""
    return when.end_span()[0] if isinstance(when, DateRange) else earliest(when)


# ----------------------------------------------------------------------------- parties


class Role(StrEnum):
    manager = "manager"  # 直接负责的主管人员
    staff = "staff"  # 其他直接责任人员


class ResponsiblePerson(_Strict):
    person: Id = Field(description="id of a natural person among the parties")
    role: Role = Field(description="manager: 直接负责的主管人员; staff: 其他直接责任人员")


class ServiceCategory(StrEnum):
    # Art 1 item (1)
    network_access = "network_access"
    domain_registration_resolution = "domain_registration_resolution"
    computing = "computing"
    storage = "storage"
    transmission = "transmission"
    other_item1 = "other_item1"
    # Art 1 item (2)
    information_publishing = "information_publishing"
    search_engine = "search_engine"
    instant_messaging = "instant_messaging"
    online_payment = "online_payment"
    online_booking = "online_booking"
    online_shopping = "online_shopping"
    online_gaming = "online_gaming"
    live_streaming = "live_streaming"
    website_building = "website_building"
    security_protection = "security_protection"
    advertising_promotion = "advertising_promotion"
    app_store = "app_store"
    other_item2 = "other_item2"
    # Art 1 item (3)
    e_government = "e_government"
    communications = "communications"
    energy = "energy"
    transport = "transport"
    water_conservancy = "water_conservancy"
    finance = "finance"
    education = "education"
    medical = "medical"
    other_item3 = "other_item3"


class Service(_Strict):
    category: ServiceCategory
    description: Text | None = None


class Party(_Strict):
    id: Id
    kind: Literal["person", "unit"]
    name: Text
    services: list[Service] = Field(default_factory=list, description="services the party provides")
    responsible_persons: list[ResponsiblePerson] = Field(
        default_factory=list, description="for a unit: its directly responsible persons"
    )

    @model_validator(mode="after")
    def _persons_only_for_units(self) -> Party:
        if self.kind == "person" and self.responsible_persons:
            raise ValueError("responsible_persons is for units; this party is a person")
        return self


# ----------------------------------------------------------------------------- orders


class IssuerKind(StrEnum):
    cyberspace = "cyberspace"  # 网信
    telecom = "telecom"  # 电信
    public_security = "public_security"  # 公安
    other = "other"


class Issuer(_Strict):
    name: Text
    kind: IssuerKind
    statutory_duty: MaybeBool | None = Field(
        default=None,
        description="the department bears network-security supervision duties under a law or "
        "administrative regulation (needed for kind 'other')",
    )


class BasisKind(StrEnum):
    law = "law"
    administrative_regulation = "administrative_regulation"
    departmental_rule = "departmental_rule"
    local_regulation = "local_regulation"
    other = "other"


class LegalBasis(_Strict):
    kind: BasisKind
    name: Text


class Response(_Strict):
    complied: MaybeBool = Field(description="whether the provider took the measures as required")
    description: Text | None = None


class Order(_Strict):
    id: Id
    to: Id = Field(description="the party ordered")
    issuer: Issuer
    form: Literal["rectification_notice", "other_document", "oral"] | Unknown
    date: Day
    legal_basis: list[LegalBasis] | Unknown = Field(description="the laws the order relies on; [] for none")
    measures: Text | None = None
    deadline: Date | Unknown | None = None
    capacity_to_comply: MaybeBool = Field(description="the provider could take the measures as required")
    response: Response


# ----------------------------------------------------------------------------- acts


class Quantities(_Strict):
    """The counts the law measures (Art 3); each exact, or unknown."""

    illegal_videos: MaybeCount | None = None
    illegal_other_info: MaybeCount | None = None
    recipient_accounts: MaybeCount | None = None
    group_members_total: MaybeCount | None = None
    followers_total: MaybeCount | None = None
    clicks: MaybeCount | None = None


_LEAK_CATEGORIES = (
    "location_tracking",
    "communication_content",
    "credit",
    "property",
    "lodging",
    "communication_records",
    "health_physiology",
    "transaction",
    "other_safety_relevant",
    "other_user_info",
)


class Leak(_Strict):
    """User information leaked (Art 4), items per category."""

    occurred: MaybeBool = True
    location_tracking: MaybeCount | None = None
    communication_content: MaybeCount | None = None
    credit: MaybeCount | None = None
    property: MaybeCount | None = None
    lodging: MaybeCount | None = None
    communication_records: MaybeCount | None = None
    health_physiology: MaybeCount | None = None
    transaction: MaybeCount | None = None
    other_safety_relevant: MaybeCount | None = None
    other_user_info: MaybeCount | None = None
    harms: list[Literal["death", "serious_injury", "mental_disorder", "kidnapping", "other_serious"]] = Field(
        default_factory=list
    )
    economic_loss: MaybeMoney | None = Field(
        default=None, description="yuan; for the reviewer deciding 重大 (item (6))"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Leak:
        counted = [n for n in _LEAK_CATEGORIES if isinstance(getattr(self, n), int) and getattr(self, n) > 0]
        if self.occurred is False and counted:
            raise ValueError(f"occurred is false, but leaked items are counted ({', '.join(counted)})")
        return self


CrimeKind = Literal["state_security", "terrorism", "mafia", "corruption_bribery", "other"]


class CaseSentence(_Strict):
    kind: Literal["fixed_term", "life", "death", "lesser"]
    years: Count | None = Field(default=None, description="for fixed_term: the years it could carry")

    @model_validator(mode="after")
    def _years(self) -> CaseSentence:
        if self.kind == "fixed_term" and self.years is None:
            raise ValueError("a fixed_term sentence needs years")
        if self.kind != "fixed_term" and self.years is not None:
            raise ValueError(f"years is only for fixed_term, not {self.kind}")
        return self


class EvidenceLoss(_Strict):
    id: Id
    case: Text = Field(description="the criminal case whose evidence was lost")
    crime_kind: CrimeKind | Unknown
    likely_sentence: CaseSentence | Unknown = Field(description="the sentence that case could carry")
    affects_conviction_or_sentencing: MaybeBool = True


# ----------------------------------------------------------------------------- CL 287-1


class IllegalActivity(_Strict):
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


class Site(_Strict):
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
    registered_accounts: MaybeCount | None = Field(default=None, description="websites: registered accounts")
    members: MaybeCount | None = Field(default=None, description="groups: member accounts")
    name: Text | None = None

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Site:
        wrong = ("members",) if self.kind == "website" else ("impersonates", "registered_accounts")
        misplaced = [f for f in wrong if getattr(self, f) is not None]
        if misplaced:
            raise ValueError(f"field(s) {', '.join(misplaced)} do not apply to a {self.kind}")
        return self


class Publishing(_Strict):
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


# ----------------------------------------------------------------------------- CL 287-2

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


class AssistedParty(_Strict):
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


class AllegedIndicator(_Strict):
    """An indicator alleged but whose presence the evidence may not (yet) show: ``present: unknown``."""

    indicator: Indicator
    present: MaybeBool = Field(description="whether the circumstance is shown; unknown while it is investigated")
    evidence: Text | None = None


class OfferedCounterEvidence(_Strict):
    """Counter-evidence put forward whose acceptance is not (yet) decided: ``accepted: unknown``."""

    text: Text
    accepted: MaybeBool = Field(description="whether the reviewer accepts it as 相反证据; unknown while undecided")


class Knowledge(_Strict):
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


class Statement(_Strict):
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
    def totals(self):
        """The summed statement (evidence.StatementTotals); set by casefile when the case is read."""
        if self._totals is None:
            raise ValueError(f"the statement {self.file} has not been read (read cases with casefile.load)")
        return self._totals


class Act(_Strict):
    id: Id
    actor: Id
    kind: Literal["refuse_security_duty", "illegal_use_of_network", "assist_network_crime"]
    date: When
    description: Text | None = None
    # CL 287-1
    sites: list[Site] = Field(
        default_factory=list,
        max_length=20_000,  # facts.MAX_SUMMED: their account counts are added up in 32 bits
        description="websites and groups set up (287-1 ¶1 (1)); at most 20,000 in one act",
    )
    publishing: Publishing | None = Field(default=None, description="information published (287-1 ¶1 (2), (3))")
    # CL 287-2
    help: list[HelpKind] = Field(default_factory=list, description="the technical support or assistance given")
    assisted: list[AssistedParty] = Field(default_factory=list, description="the parties helped")
    knowledge: Knowledge | None = None
    payment_settlement: MaybeMoney | None = Field(default=None, description="yuan settled for the assisted crimes")
    statement: Statement | None = Field(
        default=None, description="bank statement whose rows give the payment settlement (instead of the figure)"
    )
    advertising_funds: MaybeMoney | None = Field(
        default=None, description="yuan provided by placing advertisements or otherwise"
    )
    # CL 287-1 and 287-2
    illegal_gains: MaybeMoney | None = Field(default=None, description="违法所得, yuan")
    # CL 286-1
    order: Id | None = Field(default=None, description="the order this conduct refused")
    duty_not_performed: MaybeBool | None = None
    duty: Text | None = Field(default=None, description="the duty and the law or regulation that sets it")
    quantities: Quantities | None = None
    leak: Leak | None = None
    evidence_losses: list[EvidenceLoss] = Field(default_factory=list)
    duty_lapses: list[Literal["user_logs", "real_name"]] = Field(default_factory=list)
    used_for_attack: MaybeBool | None = None
    used_for_crime: list[CrimeKind] = Field(default_factory=list)
    public_network_damaged: list[
        Literal[
            "state_organ",
            "communications",
            "energy",
            "transport",
            "water_conservancy",
            "finance",
            "education",
            "medical",
            "other",
        ]
    ] = Field(default_factory=list)
    also_other_crime: list[Text] = Field(
        default_factory=list, description="other crimes the same conduct may also amount to (noted, not decided)"
    )
    handled: Literal["administrative_sanction", "criminal_sanction"] | Unknown | None = Field(
        default=None,
        description="how the act was already dealt with, if it was (Art 16 未经处理 means neither); omit if not",
    )

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Act:
        """A field of another kind of act would be ignored by the rules: refuse it instead."""
        own = {
            "refuse_security_duty": {
                "order",
                "duty_not_performed",
                "duty",
                "quantities",
                "leak",
                "evidence_losses",
                "duty_lapses",
                "used_for_attack",
                "used_for_crime",
                "public_network_damaged",
            },
            "illegal_use_of_network": {"sites", "publishing", "illegal_gains"},
            "assist_network_crime": {
                "help",
                "assisted",
                "knowledge",
                "payment_settlement",
                "statement",
                "advertising_funds",
                "illegal_gains",
            },
        }
        common = {"id", "actor", "kind", "date", "description", "also_other_crime", "handled"}
        misplaced = sorted(f for f in self.model_fields_set - common - own[self.kind])
        if misplaced:
            raise ValueError(f"field(s) {', '.join(misplaced)} do not apply to an act of kind {self.kind}")
        if self.statement is not None and self.payment_settlement is not None:
            raise ValueError("give payment_settlement or a statement to sum it from, not both")
        return self


# ----------------------------------------------------------------------------- penalties, findings


class AdminPenalty(_Strict):
    id: Id
    party: Id
    date: Day
    for_: Literal["illegal_use_of_network", "assisting_network_crime", "computer_system_security", "other"] = Field(
        alias="for"
    )
    authority: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True)


class Finding(_Strict):
    provision: Annotated[StrictStr, Field(pattern=r"^(interp|cl)\.[0-9A-Za-z.\-]+$")]
    subject: Id = Field(description="the party, order or act the finding is about")
    holds: MaybeBool = Field(description="the reviewer's finding; unknown while it is still to be made")
    reason: Text
    by: Text | None = None


class CaseInfo(_Strict):
    id: Id
    title: Text | None = None
    as_of: Date | None = Field(default=None, description="date of judgment")


class Case(_Strict):
    """A case file."""

    case: CaseInfo
    parties: list[Party] = Field(min_length=1)
    orders: list[Order] = Field(default_factory=list)
    acts: list[Act] = Field(
        default_factory=list,
        max_length=MAX_ACTS,  # Art 16 adds up the figures of a party's acts in 32 bits (interp_16_cumulation.lp)
        description=f"at most {MAX_ACTS:,} acts in one case file",
    )
    admin_penalties: list[AdminPenalty] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
