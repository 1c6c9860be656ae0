"""An act: who did what, when; with the fields of its kind (CL 286-1, 287-1 or 287-2) and only those."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from reasoner.case.cl_286_1 import CrimeKind, EvidenceLoss, Leak, Quantities
from reasoner.case.cl_287_1 import Publishing, Site
from reasoner.case.cl_287_2 import AssistedParty, Card, Funds, HelpKind, Knowledge, Statement
from reasoner.case.errors import invalid
from reasoner.case.values import Date, Day, Id, MaybeBool, MaybeCount, MaybeMoney, Strict, Text, Unknown, When

NetworkSector = Literal[
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


class PublishingCounts(Strict):
    items_on_websites: MaybeCount | None = None
    recipient_accounts: MaybeCount | None = None
    group_members_total: MaybeCount | None = None
    followers_total: MaybeCount | None = None


class Portion(Strict):
    """The part of an act's figures from one day on: what of them came on or after ``from``.

    The law divides an act at the day the offence came into force (CL 12: 2015-11-01) and, for a
    refusal, at the day after the order's deadline (CL 286-1: the refusal begins); ``from`` must be
    one of those days within the act.  A figure given here is the part from that day; one not given
    is, for an act that straddles that day, not known (between nothing and the whole)."""

    start: Date = Field(alias="from")
    payment_settlement: MaybeMoney | None = None
    advertising_funds: MaybeMoney | None = None
    illegal_gains: MaybeMoney | None = None
    quantities: Quantities | None = None
    leak: Leak | None = None
    publishing: PublishingCounts | None = None
    used_for_attack: MaybeBool | None = None
    used_for_crime: list[CrimeKind] | None = None
    public_network_damaged: list[NetworkSector] | None = None
    funds: Funds | None = None
    cards: list[MaybeCount] | None = Field(default=None, description="counts, in the order of the act's cards")

    model_config = ConfigDict(extra="forbid", frozen=True)


HandledBy = Literal["administrative_sanction", "criminal_sanction"] | Unknown


class Participant(Strict):
    """One of the persons who committed an act together (CL 25), with what is their own."""

    party: Id
    knowledge: Knowledge | None = Field(default=None, description="this person's 明知 (default: the act's knowledge)")
    handled: HandledBy | None = Field(default=None, description="how this person's part was already dealt with")


#: The fields every act may have, whatever its kind.
COMMON_FIELDS = frozenset(
    {
        "id",
        "actor",
        "actors",
        "kind",
        "date",
        "description",
        "also_other_crime",
        "handled",
        "portions",
        "complaint_date",
    }
)
#: The fields of each kind of act (CL 286-1, 287-1, 287-2) besides the common ones: a field of
#: another kind would be ignored by the rules, so it is refused (and the JSON Schema gives each
#: kind its own branch with these).
FIELDS_OF_KIND: dict[str, frozenset[str]] = {
    "refuse_security_duty": frozenset(
        {
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
        }
    ),
    "illegal_use_of_network": frozenset({"sites", "publishing", "illegal_gains"}),
    "assist_network_crime": frozenset(
        {
            "help",
            "assisted",
            "knowledge",
            "payment_settlement",
            "statement",
            "advertising_funds",
            "illegal_gains",
            "cards",
            "funds",
            "moved_funds",
            "face_verification",
            "knew_criminal_proceeds",
        }
    ),
}


class Act(Strict):
    id: Id
    actor: Id | None = Field(default=None, description="who did it (or actors, for several together)")
    actors: list[Id | Participant] | None = Field(
        default=None, min_length=1, description="persons who did it together (CL 25), each liable for the whole act"
    )
    kind: Literal["refuse_security_duty", "illegal_use_of_network", "assist_network_crime"]
    date: When
    description: Text | None = None
    portions: list[Portion] = Field(
        default_factory=list, description="the part of the figures from a day the law divides the act at"
    )
    complaint_date: Day | None = Field(
        default=None, description="the day a victim's complaint about this conduct was made (CL 88 ¶2)"
    )
    # CL 287-1
    sites: list[Site] = Field(
        default_factory=list,
        max_length=20_000,  # MAX_SUMMED of the solver's atoms: their account counts are added up in 32 bits
        description="websites and groups set up (287-1 ¶1 (1)); at most 20,000 in one act",
    )
    publishing: Publishing | None = Field(default=None, description="information published (287-1 ¶1 (2), (3))")
    # CL 287-2
    help: list[HelpKind] = Field(default_factory=list, description="the technical support or assistance given")
    assisted: list[Id | AssistedParty] = Field(
        default_factory=list,
        description="the parties helped: ids of assisted_parties (format 2), or the parties themselves (format 1)",
    )
    cards: list[Card] = Field(default_factory=list, max_length=1000, description="cards and accounts provided")
    funds: Funds | None = Field(default=None, description="money through the cards and accounts provided")
    moved_funds: MaybeBool | None = Field(
        default=None, description="transferred, cashed out or withdrew money for others (代为转账、套现、取现)"
    )
    face_verification: MaybeBool | None = Field(
        default=None, description="gave face-scan or other verification for others' transfers (刷脸等验证服务)"
    )
    knew_criminal_proceeds: MaybeBool | None = Field(
        default=None, description="knew the money moved was criminal proceeds (明知是犯罪所得, the CL 312 line)"
    )
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
    public_network_damaged: list[NetworkSector] = Field(default_factory=list)
    also_other_crime: list[Text] = Field(
        default_factory=list, description="other crimes the same conduct may also amount to (noted, not decided)"
    )
    handled: HandledBy | None = Field(
        default=None,
        description="how the act was already dealt with, if it was (Art 16 未经处理 means neither); omit if not",
    )

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Act:
        """A field of another kind of act would be ignored by the rules: refuse it instead."""
        misplaced = sorted(f for f in self.model_fields_set - COMMON_FIELDS - FIELDS_OF_KIND[self.kind])
        if misplaced:
            fields = ", ".join(misplaced)
            text = f"field(s) {fields} do not apply to an act of kind {self.kind}"
            raise invalid("misplaced_act_fields", text, fields=fields, kind=self.kind)
        if self.statement is not None and self.payment_settlement is not None:
            raise invalid("settlement_twice", "give payment_settlement or a statement to sum it from, not both")
        if (self.actor is None) == (self.actors is None):
            text = "give actor (one party) or actors (several who did it together), one of the two"
            raise invalid("actor_or_actors", text)
        if self.actors is not None and self.kind != "assist_network_crime":
            if any(isinstance(p, Participant) and p.knowledge is not None for p in self.actors):
                raise invalid("actor_knowledge", "actors[].knowledge is for acts of kind assist_network_crime")
        return self

    def participants(self) -> list[Participant]:
        """Who did the act: one participant for ``actor``, each of ``actors`` otherwise."""
        if self.actors is None:
            return [Participant(party=self.actor)]  # type: ignore[arg-type]
        return [p if isinstance(p, Participant) else Participant(party=p) for p in self.actors]
