"""pydantic's errors as keyed messages (issue 17): each kind of error pydantic reports for the case
model has its key in the translation table (``reasoner/explain/errors.toml``), so that the commands
show it in the user's language; an unknown field names the nearest fields allowed at its place.

The English texts here are the table's ``en`` entries filled in (tests hold them equal)."""

from __future__ import annotations

import difflib
import json
import re
import types
import typing

from pydantic import BaseModel

from reasoner.case.errors import Msg, chained, keyed

#: pydantic's error types -> the key of their message in the translation table
BUILTIN: dict[str, str] = {
    "bool_type": "expect_bool",
    "bool_parsing": "expect_bool",
    "int_type": "expect_int",
    "int_parsing": "expect_int",
    "int_from_float": "expect_int",
    "string_type": "expect_text",
    "string_unicode": "expect_text",
    "literal_error": "expect_option",
    "enum": "expect_option",
    "greater_than_equal": "expect_ge",
    "too_short": "too_short",
    "too_long": "too_long",
    "string_too_short": "text_too_short",
    "string_too_long": "text_too_long",
    "string_pattern_mismatch": "text_pattern",
    "list_type": "expect_list",
    "dict_type": "expect_mapping",
    "model_type": "expect_mapping",
    "model_attributes_type": "expect_mapping",
    "missing": "missing",
    "extra_forbidden": "unknown_field",
}

#: the English of each (the table's ``en``), filled in with the parameters below
ENGLISH: dict[str, str] = {
    "expect_bool": "input should be a valid boolean (true or false); found {found}",
    "expect_int": "input should be a whole number; found {found}",
    "expect_text": "input should be a text; found {found}",
    "expect_option": "input should be one of {expected}; found {found}",
    "expect_ge": "input should be at least {ge}; found {found}",
    "too_short": "expected at least {min_length} item(s); found {actual_length}",
    "too_long": "expected at most {max_length} item(s); found {actual_length}",
    "text_too_short": "expected a text of at least {min_length} character(s); found {found}",
    "text_too_long": "expected a text of at most {max_length} characters; found one of {length}",
    "text_pattern": "expected a text matching {pattern}; found {found}",
    "id_spaces": "an id may not be blank, nor begin or end with a space; found {found}",
    "provision_id": "expected a provision id such as cl.287-2 or interp.12.1.1; found {found}",
    "expect_list": "input should be a list [...]; found {found}",
    "expect_mapping": "input should be a record with fields {{...}}; found {found}",
    "missing": "required field is missing",
    "unknown_field": "unknown field {field!r} (not part of the case format; see docs/case-format.md)",
    "unknown_field_near": "unknown field {field!r} (did you mean {near}? see docs/case-format.md)",
    "invalid": "{reason}; found {found}",
}

#: patterns of the model whose errors say what they mean (an id, a provision id)
_PATTERNS = {r"^\S(.*\S)?$": "id_spaces", r"^[a-z][a-z0-9]*\.[0-9A-Za-z._\-]+$": "provision_id"}


def describe_value(value: object) -> str:
    """A value found, as an error quotes it (at most 80 characters)."""
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def listed_en(items: tuple) -> str:
    """The English of names listed in a message (a tuple parameter, which reasoner.explain.i18n
    joins in the language: ``'a' or 'b'`` / ``a 或 b``)."""
    return " or ".join(f"'{x}'" for x in items)


def alternatives(msgs: list[Msg]) -> Msg:
    """Messages of a value that fits no branch of a union, as one: ``a; or b; or c``."""
    ways = chained(msgs, "or_then", "; or ")
    return keyed("one_of", f"expected one of: {ways.text}", ways=ways)


def _keyed(key: str, **params: object) -> Msg:
    shown = {k: listed_en(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return keyed(key, ENGLISH[key].format(**shown), **params)


def error_message(err: dict) -> Msg:
    """One pydantic error as a keyed message."""
    kind = err["type"]
    ctx = dict(err.get("ctx") or {})
    if "_text" in ctx:  # a keyed error of a validator (reasoner.case.errors.invalid)
        text = ctx.pop("_text")
        return keyed(kind, text, **ctx)
    found = describe_value(err.get("input"))
    key = BUILTIN.get(kind)
    if key == "unknown_field":
        field = str(err["loc"][-1])
        near = nearest(field, err["loc"][:-1])
        return _keyed("unknown_field_near", field=field, near=tuple(near)) if near else _keyed(key, field=field)
    if key == "expect_option":
        options = re.findall(r"'((?:[^'\\]|\\.)*)'", str(ctx.get("expected", "")))
        return _keyed(key, expected=" | ".join(options), found=found)
    if key == "text_pattern":
        pattern = str(ctx.get("pattern", ""))
        return _keyed(_PATTERNS.get(pattern, key), pattern=pattern, found=found)
    if key == "text_too_long":
        return _keyed(key, max_length=ctx.get("max_length"), length=len(str(err.get("input"))))
    if key is not None:
        counts = {k: v for k, v in ctx.items() if k in ("ge", "min_length", "max_length", "actual_length")}
        return _keyed(key, found=found, **counts)
    reason = err["msg"].removeprefix("Value error, ")
    return _keyed("invalid", reason=reason[:1].lower() + reason[1:], found=found)


def nearest(name: str, loc: tuple) -> list[str]:
    """The fields allowed at ``loc`` (pydantic's location of the record, its union branches named)
    whose names are nearest to ``name``: at most three, nearest first."""
    allowed = allowed_fields(loc)
    longer = [n for n in allowed if len(name) >= 3 and n.startswith(name) and n != name]  # payment: payment_settlement
    return list(dict.fromkeys(longer + difflib.get_close_matches(name, allowed, n=3, cutoff=0.6)))[:3]


def allowed_fields(loc: tuple) -> list[str]:
    """The names of the fields of the records that may stand at ``loc`` (as a case file spells
    them: by alias), found by following the model's annotations from the case down."""
    from reasoner.case.model import Case

    current: list[object] = [Case]
    for part in loc:
        kinds = [t for c in current for t in leaves(c)]
        if isinstance(part, int):
            current = [typing.get_args(t)[0] for t in kinds if typing.get_origin(t) is list and typing.get_args(t)]
        elif _is_model_branch(part, kinds):
            current = [t for t in kinds if _model(t) and re.search(rf"\b{t.__name__}\b", part)]
        else:
            current = [f.annotation for t in kinds if _model(t) for f in _fields(t, part)]
    out = [f.alias or n for c in current for t in leaves(c) if _model(t) for n, f in t.model_fields.items()]
    return sorted(set(out))


def _fields(model: type[BaseModel], name: str) -> list:
    return [f for n, f in model.model_fields.items() if (f.alias or n) == name]


def _model(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _is_model_branch(part: object, leaves: list) -> bool:
    """Whether a location part is a union branch naming one of the records (``DateRange``)."""
    return isinstance(part, str) and any(_model(t) and re.search(rf"\b{t.__name__}\b", part) for t in leaves)


def leaves(t: object) -> list[object]:
    """The types a value of annotation ``t`` may have: unions and Annotated taken apart."""
    origin = typing.get_origin(t)
    if origin is typing.Annotated:
        return leaves(typing.get_args(t)[0])
    if origin in (typing.Union, types.UnionType):
        return [x for a in typing.get_args(t) for x in leaves(a)]
    return [t]
