"""The case file: one validated model for every offence, read from YAML or JSON (:mod:`.read`).

Strict on purpose: unknown keys, wrong types, negative counts, impossible or reversed dates and
inexact money are errors, never coerced.  Any fact may be recorded as ``unknown``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictStr

from reasoner.case.acts import Act
from reasoner.case.parties import Order, Party
from reasoner.case.values import MAX_ACTS, Date, Day, Id, MaybeBool, Strict, Text


class AdminPenalty(Strict):
    id: Id
    party: Id
    date: Day
    for_: Literal["illegal_use_of_network", "assisting_network_crime", "computer_system_security", "other"] = Field(
        alias="for"
    )
    authority: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True)


class Finding(Strict):
    provision: Annotated[StrictStr, Field(pattern=r"^(interp|cl)\.[0-9A-Za-z.\-]+$")]
    subject: Id = Field(description="the party, order or act the finding is about")
    holds: MaybeBool = Field(description="the reviewer's finding; unknown while it is still to be made")
    reason: Text
    by: Text | None = None


class CaseInfo(Strict):
    id: Id
    title: Text | None = None
    as_of: Date | None = Field(default=None, description="date of judgment")


class Case(Strict):
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
