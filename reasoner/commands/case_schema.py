"""The JSON Schema of case files (`reasoner schema`), for editors to complete and check them.

pydantic's schema of :class:`reasoner.case.model.Case`, with two things it cannot say by itself:

- an act is one of three kinds, each with its own fields (:data:`reasoner.case.acts.FIELDS_OF_KIND`):
  the schema gives ``Act`` one branch per kind (``oneOf``, each with ``kind`` as a ``const`` and no
  other fields), so that an editor offers for an act of kind ``assist_network_crime`` the fields of
  CL 287-2 and flags those of CL 286-1;
- each value of a closed list (``enum`` or ``const``) has its Chinese label, from the one
  translation table: ``enumDescriptions`` (the editor shows it beside the value) and ``x-label-zh``
  (value → label).  A value's label is its ``[term]`` in messages.toml, unless ``[schema]`` there
  names the field (``CaseSentence.kind.death``: 死刑, where ``death`` elsewhere is a harm).
"""

from __future__ import annotations

from reasoner.case.acts import COMMON_FIELDS, FIELDS_OF_KIND
from reasoner.case.model import Case
from reasoner.explain.i18n import table


def case_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a case file."""
    s = Case.model_json_schema(by_alias=True)
    defs = s["$defs"]
    defs["Act"] = _act_branches(defs["Act"])
    _label(s, "Case", "")
    for name, d in defs.items():
        _label(d, name, "")
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "Case file of the reasoner"
    return s


def _act_branches(act: dict) -> dict:
    """``Act`` as one branch per kind: the common fields and those of the kind, nothing else."""
    props, required = act["properties"], act.get("required", [])
    branches = []
    for kind, own in FIELDS_OF_KIND.items():
        names = [p for p in props if p in COMMON_FIELDS or p in own]
        bp = {p: props[p] for p in names}
        bp["kind"] = {"const": kind, "type": "string", "title": "Kind"}
        branches.append(
            {
                "title": f"Act: {kind}",
                "type": "object",
                "properties": bp,
                "required": [r for r in required if r in bp],
                "additionalProperties": False,
            }
        )
    described = {k: v for k, v in act.items() if k in ("description",)}
    return {"title": "Act", **described, "oneOf": branches}


def label(where: str, field: str, value: object) -> str | None:
    """The Chinese label of a value of a field (``where`` the model's name), or None if it has none."""
    t, own = table(), table().get("schema", {})
    entry = own.get(f"{where}.{field}.{value}") or own.get(str(value)) or t["term"].get(str(value))
    return entry["zh"] if entry else None


def _label(node: object, where: str, field: str) -> None:
    """Labels on every ``enum`` and ``const`` under ``node`` (in the model ``where``, its ``field``)."""
    if isinstance(node, list):
        for x in node:
            _label(x, where, field)
        return
    if not isinstance(node, dict):
        return
    values = node.get("enum", [node["const"]] if "const" in node else [])
    if values:
        labels = {str(v): label(where, field, v) or str(v) for v in values}
        node["x-label-zh"] = labels
        node["enumDescriptions"] = [labels[str(v)] for v in values]
    for key, sub in node.items():
        if key == "properties" and isinstance(sub, dict):
            for name, prop in sub.items():
                _label(prop, where, name)
        elif key in ("anyOf", "oneOf", "allOf", "items", "prefixItems"):
            _label(sub, where, field)
