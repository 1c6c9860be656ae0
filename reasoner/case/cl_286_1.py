"""What an act of refusing a security duty records (CL 286-1; Arts 3 to 6 of the Interpretation):
the counts of information spread, user information leaked, evidence lost."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from reasoner.case.errors import invalid
from reasoner.case.values import Count, Day, Id, MaybeBool, MaybeCount, MaybeMoney, Strict, Text, Unknown


class Quantities(Strict):
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


class Leak(Strict):
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
            items = ", ".join(counted)
            raise invalid(
                "leak_not_occurred", f"occurred is false, but leaked items are counted ({items})", items=items
            )
        return self


CrimeKind = Literal["state_security", "terrorism", "mafia", "corruption_bribery", "other"]


class CaseSentence(Strict):
    kind: Literal["fixed_term", "life", "death", "lesser"]
    years: Count | None = Field(default=None, description="for fixed_term: the years it could carry")

    @model_validator(mode="after")
    def _years(self) -> CaseSentence:
        if self.kind == "fixed_term" and self.years is None:
            raise invalid("sentence_years", "a fixed_term sentence needs years")
        if self.kind != "fixed_term" and self.years is not None:
            raise invalid("sentence_no_years", f"years is only for fixed_term, not {self.kind}", kind=self.kind)
        return self


class EvidenceLoss(Strict):
    id: Id
    case: Text = Field(description="the criminal case whose evidence was lost")
    date: Day | None = Field(default=None, description="when the evidence was lost (within the act's days)")
    crime_kind: CrimeKind | Unknown
    likely_sentence: CaseSentence | Unknown = Field(description="the sentence that case could carry")
    affects_conviction_or_sentencing: MaybeBool = True
