"""The JSON Schema of case files (issue 17): one branch per kind of act, with the fields of that kind
and no other, so that an editor can tell which fields belong to which act; and every value of a
closed list with its Chinese label.  No JSON Schema validator is installed (nor a dependency), so the
branches are checked by their structure (what a validator does with ``oneOf``, ``const``,
``required`` and ``additionalProperties: false``) against every act of the examples."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from reasoner.case.acts import COMMON_FIELDS, FIELDS_OF_KIND, Act
from reasoner.case.read import Loader
from reasoner.commands.case_schema import case_schema
from reasoner.explain.i18n import term


@pytest.fixture(scope="module")
def schema() -> dict:
    out = subprocess.run([sys.executable, "-m", "reasoner.cli", "schema"], capture_output=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def _accepts(branch: dict, act: dict) -> bool:
    """What a validator decides for one branch of ``Act`` (an object with closed properties)."""
    props = branch["properties"]
    return (
        set(act) <= set(props)
        and set(branch["required"]) <= set(act)
        and all(act[k] == props[k]["const"] for k in act if "const" in props[k])
    )


def _acts() -> list[dict]:
    out = []
    for f in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.load(f.read_text("utf-8"), Loader=Loader)  # noqa: S506 - the reasoner's own safe loader
        out += [a for a in data.get("acts", []) if isinstance(a, dict)]
    return out


def test_an_act_is_one_branch_per_kind(schema):
    act = schema["$defs"]["Act"]
    branches = act["oneOf"]
    assert [b["properties"]["kind"]["const"] for b in branches] == list(FIELDS_OF_KIND)
    for b in branches:
        kind = b["properties"]["kind"]["const"]
        assert b["additionalProperties"] is False and b["type"] == "object"
        assert set(b["properties"]) == set(COMMON_FIELDS | FIELDS_OF_KIND[kind]), kind
        assert {"id", "kind", "date"} <= set(b["required"])
    every = set().union(*(b["properties"] for b in branches))
    assert every == {f.alias or name for name, f in Act.model_fields.items()}  # no field of an act left out
    assert "order" in branches[0]["properties"] and "order" not in branches[2]["properties"]
    assert "cards" in branches[2]["properties"] and "cards" not in branches[0]["properties"]


def test_every_example_act_fits_exactly_its_own_branch(schema):
    branches = schema["$defs"]["Act"]["oneOf"]
    acts = _acts()
    assert {a["kind"] for a in acts} == set(FIELDS_OF_KIND)
    for a in acts:
        fits = [b["properties"]["kind"]["const"] for b in branches if _accepts(b, a)]
        assert fits == [a["kind"]], a["id"]
        misplaced = {**a, "order": "O1"} if a["kind"] != "refuse_security_duty" else {**a, "cards": []}
        assert not any(_accepts(b, misplaced) for b in branches), a["id"]  # a field of another kind: refused


def _labelled(node: object, out: list[tuple[object, dict]]) -> list[tuple[object, dict]]:
    if isinstance(node, dict):
        if "enum" in node or "const" in node:
            out.append((node.get("enum", [node.get("const")]), node))
        for v in node.values():
            _labelled(v, out)
    elif isinstance(node, list):
        for v in node:
            _labelled(v, out)
    return out


def test_every_enum_value_has_its_chinese_label(schema):
    found = _labelled(schema, [])
    assert len(found) > 100
    for values, node in found:
        labels = node["x-label-zh"]
        assert list(labels) == [str(v) for v in values]
        assert node["enumDescriptions"] == list(labels.values())
        for v, text in labels.items():
            assert text != v and any("\u4e00" <= c <= "\u9fff" for c in text), (v, text)
    kinds = schema["$defs"]["Act"]["oneOf"]
    assert [b["properties"]["kind"]["x-label-zh"] for b in kinds] == [{k: term(k, "zh")} for k in FIELDS_OF_KIND]
    sentence = schema["$defs"]["CaseSentence"]["properties"]["kind"]["x-label-zh"]
    assert sentence["death"] == "死刑" and sentence["life"] == "无期徒刑"  # not the harm 他人死亡


def test_the_schema_is_the_models_with_the_branches():
    """Outside ``Act``, the schema is pydantic's, with labels added: nothing else is changed."""
    from reasoner.case.model import Case

    ours, theirs = case_schema(), Case.model_json_schema(by_alias=True)
    assert ours["required"] == theirs["required"] and ours["properties"].keys() == theirs["properties"].keys()
    assert ours["$defs"].keys() == theirs["$defs"].keys()
    party = ours["$defs"]["Party"]["properties"]["kind"]
    assert party["enum"] == theirs["$defs"]["Party"]["properties"]["kind"]["enum"]
    assert party["x-label-zh"] == {"person": "自然人", "unit": "单位"}
