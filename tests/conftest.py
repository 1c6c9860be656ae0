"""Shared helpers: build small cases in code and ask which conclusions hold."""

from __future__ import annotations

import copy
import functools
import os
from pathlib import Path

import pytest
from hypothesis import settings

from reasoner.case.model import Case
from reasoner.case.read import load_text
from reasoner.law.terms import String
from reasoner.solve.engine import reason
from reasoner.solve.result import Result

#: Tests never read the clock: a case without a date of judgment is judged on this day (the
#: reasoner's REASONER_TODAY), also in the commands the tests run as subprocesses.
os.environ["REASONER_TODAY"] = "2024-12-01"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Hypothesis profiles (the fuzz corpus, tests/test_fuzz.py, and the other property tests): "ci", the
# default, a few hundred cases in all, the same ones on every run; "long", on demand with
# `pytest tests/test_fuzz.py --hypothesis-profile=long`, random and twenty times as many.  No
# deadline: the suite runs on loaded machines.
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("long", max_examples=6000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: A provider (unit P1 offering instant messaging, manager P2), a valid written order O1 that was
#: refused, and one refusal act A1 with no consequences yet.  Tests add what they examine.
BASE: dict = {
    "case": {"id": "t"},
    "parties": [
        {
            "id": "P1",
            "kind": "unit",
            "name": "平台公司",
            "services": [{"category": "instant_messaging"}],
            "responsible_persons": [{"person": "P2", "role": "manager"}],
        },
        {"id": "P2", "kind": "person", "name": "张某"},
    ],
    "orders": [
        {
            "id": "O1",
            "to": "P1",
            "issuer": {"name": "某市公安局", "kind": "public_security"},
            "form": "rectification_notice",
            "date": "2023-03-01",
            "legal_basis": [{"kind": "law", "name": "网络安全法"}],
            "deadline": "2023-03-15",
            "capacity_to_comply": True,
            "response": {"complied": False},
        }
    ],
    "acts": [
        {
            "id": "A1",
            "actor": "P1",
            "kind": "refuse_security_duty",
            "date": "2023-04-01",
            "order": "O1",
            "duty_not_performed": True,
        }
    ],
    "findings": [{"provision": "interp.2.2.2", "subject": "O1", "holds": True, "reason": "措施及期限明确、合理"}],
}


def undated(data: list[dict], before: str = "2024-06-01") -> list[dict]:
    """Generated cases judged by ``before`` with their date of judgment taken out: a batch judges
    them on its own day (any day after ``before``: no act ends after it)."""
    out = [copy.deepcopy(d) for d in data if str(d.get("case", {}).get("as_of", "9")) <= before]
    for d in out:
        del d["case"]["as_of"]
    return out


def make_case(**changes) -> dict:
    """A deep copy of BASE with top-level sections replaced or, for acts[0], merged (act=...)."""
    data = copy.deepcopy(BASE)
    act = changes.pop("act", None)
    if act is not None:
        data["acts"][0].update(act)
    order = changes.pop("order", None)
    if order is not None:
        data["orders"][0].update(order)
    extra_findings = changes.pop("add_findings", None)
    if extra_findings:
        data["findings"] = data["findings"] + extra_findings
    data.update(changes)
    return data


def without_none(data: object) -> object:
    """Test data with every None left out: the helpers write None for a field not given (a case
    file may not hold null, which is an error naming the field)."""
    if isinstance(data, dict):
        return {k: without_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_none(v) for v in data]
    return data


def to_case(data: dict) -> Case:
    import json

    return load_text(json.dumps(without_none(data), ensure_ascii=False), "test.json")


def run(data: dict) -> Result:
    """The case reasoned (once per test for the same data: see holds)."""
    import json

    return _reasoned(json.dumps(without_none(data), ensure_ascii=False))


def holds(data: dict, pid: str, subject: str = "A1") -> bool:
    """Whether a conclusion holds; a test asks this of one case many times, so the case is reasoned
    once per test (the cache is emptied before each test: nothing carries over)."""
    return run(data).holds(pid, String(subject))


@functools.lru_cache(maxsize=32)
def _reasoned(text: str) -> Result:
    return reason(load_text(text, "test.json"))


@pytest.fixture(autouse=True)
def _fresh_reasoning():
    """Each test reasons anew: a test may change the day (REASONER_TODAY) or the rules."""
    _reasoned.cache_clear()
    yield


@pytest.fixture
def base() -> dict:
    return make_case()


def assist_act(ident: str = "A1", date: object = "2023-05-01", settled: str = "200000", **changes) -> dict:
    """A CL 287-2 act: ``settled`` yuan paid through for a confirmed fraud ring, knowledge proven."""
    act = {
        "id": ident,
        "actor": "P1",
        "kind": "assist_network_crime",
        "date": date,
        "help": ["payment_settlement"],
        "payment_settlement": settled,
        "knowledge": {"proven": True, "evidence": "供述"},
        "assisted": [
            {
                "id": f"X{ident}",
                "description": f"诈骗团伙 {ident}",
                "uses_network": True,
                "reaches_crime": "yes",
                "confirmable": True,
            }
        ],
    }
    act.update(changes)
    return act


def assist_case(*acts: dict, as_of: str | None = None, parties: list | None = None, findings=()) -> dict:
    """A case of CL 287-2 acts by a natural person P1 (or the given parties)."""
    case: dict = {"id": "t"}
    if as_of:
        case["as_of"] = as_of
    return {
        "case": case,
        "parties": parties or [{"id": "P1", "kind": "person", "name": "李某"}],
        "acts": list(acts) or [assist_act()],
        "findings": list(findings),
    }
