"""The parties of a case and the regulatory orders made to them (CL 286-1: 经监管部门责令采取改正措施)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, StrictBool, model_validator

from reasoner.case.errors import invalid
from reasoner.case.values import Date, Day, Id, MaybeBool, Strict, Text, Unknown


class Role(StrEnum):
    manager = "manager"  # 直接负责的主管人员
    staff = "staff"  # 其他直接责任人员


class ResponsiblePerson(Strict):
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


class Service(Strict):
    category: ServiceCategory
    description: Text | None = None


class Party(Strict):
    id: Id
    kind: Literal["person", "unit"]
    name: Text
    services: list[Service] = Field(default_factory=list, description="services the party provides")
    responsible_persons: list[ResponsiblePerson] = Field(
        default_factory=list, description="for a unit: its directly responsible persons"
    )
    prosecution_started: Day | None = Field(
        default=None,
        description="the day prosecution began against this party (立案侦查 or 受理, CL 88); "
        "default: case.prosecution_started",
    )
    birth_date: Day | None = Field(default=None, description="a person's day of birth (minors: 2025 Opinion para 11)")
    student: StrictBool | None = Field(default=None, description="a person at school (在校学生) when acting")

    @model_validator(mode="after")
    def _persons_only_for_units(self) -> Party:
        if self.kind == "person" and self.responsible_persons:
            raise invalid("responsible_for_units", "responsible_persons is for units; this party is a person")
        if self.kind == "unit" and (self.birth_date is not None or self.student is not None):
            text = "birth_date and student are for natural persons; this party is a unit"
            raise invalid("person_fields_of_unit", text)
        return self


class IssuerKind(StrEnum):
    cyberspace = "cyberspace"  # 网信
    telecom = "telecom"  # 电信
    public_security = "public_security"  # 公安
    other = "other"


class Issuer(Strict):
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


class LegalBasis(Strict):
    kind: BasisKind
    name: Text


class Response(Strict):
    complied: MaybeBool = Field(description="whether the provider took the measures as required")
    description: Text | None = None


class Order(Strict):
    id: Id
    to: Id = Field(description="the party ordered")
    issuer: Issuer
    form: Literal["rectification_notice", "other_document", "oral"] | Unknown
    date: Day
    legal_basis: list[LegalBasis] | Unknown = Field(description="the laws the order relies on; [] for none")
    measures: Text | None = None
    deadline: Day | None = Field(default=None, description="the deadline the order set (refusal begins the day after)")
    reasonable_period_end: Date | None = Field(
        default=None,
        description="where the order set no deadline: the last day of the period the reviewer finds reasonable "
        "(with a finding on interp.2.2.period)",
    )
    capacity_to_comply: MaybeBool = Field(description="the provider could take the measures as required")
    response: Response

    @model_validator(mode="after")
    def _one_deadline(self) -> Order:
        if self.deadline is not None and self.reasonable_period_end is not None:
            text = "give the deadline the order set, or, where it set none, reasonable_period_end; not both"
            raise invalid("deadline_twice", text)
        return self
