"""An act: who did what, when; with the fields of its kind (CL 286-1, 287-1 or 287-2) and only those."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reasoner.case.cl_286_1 import CrimeKind, EvidenceLoss, Leak, Quantities
from reasoner.case.cl_287_1 import Publishing, Site
from reasoner.case.cl_287_2 import AssistedParty, HelpKind, Knowledge, Statement
from reasoner.case.values import Id, MaybeBool, MaybeMoney, Strict, Text, Unknown, When


class Act(Strict):
    id: Id
    actor: Id
    kind: Literal["refuse_security_duty", "illegal_use_of_network", "assist_network_crime"]
    date: When
    description: Text | None = None
    # CL 287-1
    sites: list[Site] = Field(
        default_factory=list,
        max_length=20_000,  # MAX_SUMMED of the solver's atoms: their account counts are added up in 32 bits
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
