"""Cases of cards and accounts for the tests of the dated rule packs (tests/test_pack_*.py and
tests/test_standards.py): one natural person P1 provides cards or accounts to X1, a telecom fraud ring
whose crime is confirmed, with knowledge proven unless a test says otherwise."""

from __future__ import annotations

import datetime as dt

from conftest import to_case

from reasoner.explain.conclusions import build
from reasoner.explain.report import Conclusion, Report
from reasoner.law.terms import Function, String
from reasoner.solve.engine import reason
from reasoner.solve.result import Result

A1 = String("A1")

#: The assisted party: a telecom fraud ring (the 断卡 minutes read crime_kind), its crime confirmed.
RING = {
    "id": "X1",
    "description": "某电信诈骗团伙",
    "uses_network": True,
    "reaches_crime": "yes",
    "crime": "诈骗罪",
    "crime_kind": "telecom_fraud",
    "confirmable": True,
}
PROVEN = {"proven": True, "evidence": "供述明知买家用于诈骗"}
COUNTER = "与买家系多年好友，确信其用于正当经营（相反证据）"


def card(kind: str, whose: str, how: str, count: object) -> dict:
    return {"kind": kind, "whose": whose, "how": how, "count": count}


def card_case(
    *cards: tuple,
    date: object = "2023-05-01",
    as_of: str = "2024-06-01",
    findings: tuple | list = (),
    ring: dict | None = None,
    penalties: tuple | list = (),
    convictions: tuple | list = (),
    person: dict | None = None,
    **act,
) -> dict:
    """A format-2 case of one act A1 of P1 providing ``cards`` (tuples: kind, whose, how, count);
    ``act`` adds or replaces the act's fields (funds, moved_funds, knowledge, help …)."""
    a = {
        "id": "A1",
        "actor": "P1",
        "kind": "assist_network_crime",
        "date": date,
        "help": ["cards_and_accounts"],
        "cards": [card(*c) for c in cards],
        "assisted": ["X1"],
        "knowledge": PROVEN,
    }
    a.update(act)
    data = {
        "format": 2,
        "case": {"id": "t", "as_of": as_of},
        "parties": [person or {"id": "P1", "kind": "person", "name": "李某"}],
        "assisted_parties": [ring or RING],
        "acts": [a],
        "findings": list(findings),
    }
    if penalties:
        data["admin_penalties"] = list(penalties)
    if convictions:
        data["prior_convictions"] = list(convictions)
    return data


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def solve(data: dict, standards: str | None = None) -> Result:
    """The case reasoned by the 2001 rule, or under the standards in force on ``standards`` (a day)."""
    return reason(to_case(data), standards=day(standards) if standards else None)


def holding(result: Result, *ids: str) -> set[str]:
    """Which of ``ids`` hold for A1 in the recorded reading, under the standards applied to it."""
    return {pid for pid in ids if result.holds(pid, A1)}


def holding_in(result: Result, world: str, *ids: str) -> set[str]:
    """Which of ``ids`` hold for A1 in one world of standards (act_time or judgment)."""
    instance = Function("", [Function(world), A1])
    return {pid for pid in ids if Function("holds", [String(pid), instance]) in result.model}


def report(data: dict, standards: str | None = None) -> Report:
    """The conclusions (statuses, marks and standards), without the why-not routes."""
    return build(to_case(data), "t.json", "en", why_not=False, standards=day(standards) if standards else None)


def conclusion(rep: Report, pid: str, subject: str = "A1") -> Conclusion | None:
    return next((c for c in rep.conclusions if c.id == pid and c.subject == subject), None)


def certainty(rep: Report, pid: str, subject: str = "A1") -> str:
    """established | possible | excluded (a conclusion the report does not list is excluded)."""
    c = conclusion(rep, pid, subject)
    return c.certainty if c is not None else "excluded"


def finding(provision: str, holds: object = True, subject: str = "A1") -> dict:
    return {"provision": provision, "subject": subject, "holds": holds, "reason": "审查认定"}
