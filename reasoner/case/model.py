"""The case file: one validated model for every offence, read from YAML or JSON (:mod:`.read`).

Strict on purpose: unknown keys, wrong types, negative counts, impossible or reversed dates and
inexact money are errors, never coerced.  Any fact may be recorded as ``unknown``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictStr, model_validator

from reasoner.case.acts import Act
from reasoner.case.cl_287_2 import AssistedParty
from reasoner.case.errors import invalid
from reasoner.case.parties import Order, Party
from reasoner.case.values import MAX_ACTS, Date, Day, Id, Line, MaybeBool, Strict, Text

#: The case format this version writes (`reasoner upgrade` rewrites older files to it).
FORMAT = 2


class AdminPenalty(Strict):
    id: Id
    party: Id
    date: Day
    for_: Literal[
        "illegal_use_of_network", "assisting_network_crime", "computer_system_security", "concealing_proceeds", "other"
    ] = Field(alias="for")
    authority: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True)


class PriorConviction(Strict):
    """An earlier judgment of guilt or relative non-prosecution (2025 Opinion para 9 (8))."""

    id: Id
    party: Id
    date: Day
    for_: Literal["assisting_network_crime", "concealing_proceeds", "other"] = Field(alias="for")
    outcome: Literal["convicted", "relative_non_prosecution"]
    authority: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True)


class Finding(Strict):
    provision: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9]*\.[0-9A-Za-z._\-]+$")]
    subject: Id = Field(description="the party, order or act the finding is about")
    party: Id | None = Field(
        default=None, description="for an act done by several together: the one person the finding is about"
    )
    holds: MaybeBool = Field(description="the reviewer's finding; unknown while it is still to be made")
    reason: Text
    by: Text | None = None


class CaseInfo(Strict):
    id: Id
    title: Text | None = None
    as_of: Date | None = Field(default=None, description="date of judgment (default: the day the reasoner runs)")
    prosecution_started: Day | None = Field(
        default=None, description="the day prosecution began (立案侦查 or 受理, CL 88) for every party"
    )
    # the references of the review (format 2): printed in the memo and check's header, never reasoned on
    number: Line | None = Field(default=None, description="案号: the case number, as the file of the case gives it")
    officer: Line | None = Field(default=None, description="承办人: the officer in charge of the review")
    review_date: Date | None = Field(default=None, description="审查日期: the day of the review (YYYY-MM-DD)")


class Case(Strict):
    """A case file."""

    format: Literal[1, 2] = Field(
        default=1, description="the version of the case format the file is written in (absent: 1)"
    )
    case: CaseInfo
    parties: list[Party] = Field(min_length=1)
    assisted_parties: list[AssistedParty] = Field(
        default_factory=list, description="the parties helped, declared once (format 2); acts name them by id"
    )
    orders: list[Order] = Field(default_factory=list)
    acts: list[Act] = Field(
        default_factory=list,
        max_length=MAX_ACTS,  # Art 16 adds up the figures of a party's acts in 32 bits (interp_16_cumulation.lp)
        description=f"at most {MAX_ACTS:,} acts in one case file",
    )
    admin_penalties: list[AdminPenalty] = Field(default_factory=list)
    prior_convictions: list[PriorConviction] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    @model_validator(mode="after")
    def _assisted_by_format(self) -> Case:
        for i, a in enumerate(self.acts):
            for j, x in enumerate(a.assisted):
                where = f"acts[{i}].assisted[{j}]"
                if self.format >= 2 and not isinstance(x, str):
                    text = (
                        f"{where}: in format 2 an assisted party is declared once under "
                        "assisted_parties and named here by its id (reasoner upgrade rewrites the file)"
                    )
                    raise invalid("assisted_inline", text, where=where)
                if self.format < 2 and isinstance(x, str):
                    text = f"{where}: an assisted party named by id needs format: 2 and assisted_parties"
                    raise invalid("assisted_by_id", text, where=where)
        if self.format < 2 and self.assisted_parties:
            text = "assisted_parties is part of format 2: add `format: 2` at the top of the file"
            raise invalid("assisted_parties_format", text)
        return self

    def assisted_of(self, act: Act) -> list[AssistedParty]:
        """The parties an act helped, declared inline (format 1) or once at the top (format 2)."""
        by_id = {x.id: x for x in self.assisted_parties}
        return [by_id[x] if isinstance(x, str) else x for x in act.assisted if not isinstance(x, str) or x in by_id]
