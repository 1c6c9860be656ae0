"""Reading a case file: YAML or JSON in, a validated :class:`Case` out, or every error at once.

Each error names the file, the field path, the line where the format gives one, what was expected
and what was found.  YAML is read with a loader that keeps dates as text (so that an impossible
date is our error with its field, not a parser crash) and knows only ``true``/``false`` as
booleans (no ``yes``/``no``/``on`` surprises).  Duplicate keys are errors in both formats.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from reasoner.case.errors import CaseFileError, Huge, InputError, path_text
from reasoner.case.model import Case
from reasoner.case.validate import describe_value, validate_data
from reasoner.case.values import MAX_DIGITS

#: Lists and mappings nest at most this deep (a case needs about 8 levels): deeper input would
#: exhaust Python's recursion in the parsers and the validator.
MAX_DEPTH = 64


def _json_int(text: str) -> int | Huge:
    """json's parse_int: a Huge for a number too long to convert, instead of a ValueError."""
    digits = len(text) - text.startswith("-")
    return Huge(digits) if digits > MAX_DIGITS else int(text)


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where installed: faster
    """SafeLoader with YAML 1.2-like booleans and dates left as strings."""


# YAML 1.1 reads 0310 as octal 200, 1:30 as 90 and yes/no as booleans: keep only the plain forms
# (decimal integers, decimal floats, true/false); everything else stays text and fails validation
# with its field named, instead of turning silently into another value.
_DROPPED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in _DROPPED]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(rf"^-?(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})$"), list("-0123456789")
)
_HUGE_TAG = "tag:reasoner,2026:huge-int"  # an integer too long to convert: a Huge, reported with its field
Loader.add_implicit_resolver(_HUGE_TAG, re.compile(rf"^-?[1-9][0-9]{{{MAX_DIGITS},}}$"), list("-123456789"))
Loader.add_constructor(_HUGE_TAG, lambda loader, node: Huge(len(node.value.lstrip("-"))))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$"), list("-0123456789")
)


def _yaml_lines(node: yaml.Node, path: tuple, lines: dict, errors: list, file: str) -> None:
    """Record the line of every field; report duplicate keys (PyYAML keeps the last silently)."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            key = k.value
            line = k.start_mark.line + 1
            if key in seen:
                errors.append(
                    InputError(
                        file, path_text(path + (key,)), line, f"duplicate key {key!r} (first at line {seen[key]})"
                    )
                )
            seen[key] = line
            lines[path + (key,)] = line
            _yaml_lines(v, path + (key,), lines, errors, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _yaml_lines(v, path + (i,), lines, errors, file)


_DEEP = f"at most {MAX_DEPTH} levels of lists and mappings"


def _check_depth(root: object, file: str, line_of) -> None:
    """Refuse lists and mappings nested deeper than MAX_DEPTH (YAML nodes or parsed JSON), without
    recursing: the first too deep is reported with its path and, for YAML nodes, its line."""
    stack: list[tuple[object, tuple]] = [(root, ())]
    while stack:
        obj, path = stack.pop()
        value = obj.value if isinstance(obj, yaml.CollectionNode) else obj
        if isinstance(obj, yaml.MappingNode):
            children = [(v, path + (k.value,)) for k, v in value]
        elif isinstance(value, dict):
            children = [(v, path + (k,)) for k, v in value.items()]
        elif isinstance(value, list):
            children = [(v, path + (i,)) for i, v in enumerate(value)]
        else:
            continue
        if len(path) >= MAX_DEPTH:  # named by where it starts: the whole path would be 64 parts long
            where = path_text(path[:2]) + (" ..." if len(path) > 2 else "")
            raise CaseFileError([InputError(file, where, line_of(obj), f"nested too deeply ({_DEEP})")])
        stack.extend(children)


def _parse_json(text: str, file: str, lines: dict, errors: list[InputError]) -> object:
    """JSON with duplicate keys reported; each field's line from the same text read as YAML."""
    json_dupes: list[InputError] = []

    def no_dupes(pairs):
        out = {}
        for k, v in pairs:
            if k in out:
                json_dupes.append(InputError(file, k, None, f"duplicate key {k!r}"))
            out[k] = v
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_dupes, parse_float=float, parse_int=_json_int)
    except json.JSONDecodeError as e:
        raise CaseFileError([InputError(file, "", e.lineno, f"not valid JSON: {e.msg}")]) from None
    except RecursionError:
        raise CaseFileError([InputError(file, "", None, f"nested too deeply to read ({_DEEP})")]) from None
    # JSON is YAML for line purposes: the composed nodes give each field's line, and each duplicate
    # key's full path and line; where the text is no YAML, the json hook's bare duplicates remain
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        node = None
    if node is None:
        _check_depth(data, file, lambda obj: None)
        errors.extend(json_dupes)
    else:
        _check_depth(node, file, lambda n: n.start_mark.line + 1)
        _yaml_lines(node, (), lines, errors, file)
    return data


def _parse_yaml(text: str, file: str, lines: dict, errors: list[InputError]) -> object:
    """YAML with each field's line recorded and duplicate keys reported."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise CaseFileError(
            [InputError(file, "", mark.line + 1 if mark else None, f"not valid YAML: {getattr(e, 'problem', e)}")]
        ) from None
    if node is None:
        raise CaseFileError([InputError(file, "", None, "the file is empty; expected a case")])
    _check_depth(node, file, lambda n: n.start_mark.line + 1)
    _yaml_lines(node, (), lines, errors, file)
    return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader


def load_text(text: str, file: str, base_dir: str | Path | None = None) -> Case:
    """Parse and validate case text; ``file`` names it in errors and selects JSON or YAML.

    Evidence files the case points to are found relative to ``base_dir`` (default: the folder of
    ``file``)."""
    errors: list[InputError] = []
    lines: dict = {}
    parse = _parse_json if file.endswith(".json") else _parse_yaml
    data = parse(text, file, lines, errors)
    if not isinstance(data, dict):
        message = f"expected a mapping with the case, found {describe_value(data)}"
        raise CaseFileError([InputError(file, "", 1, message)])
    return validate_data(data, file, lines, base_dir, errors)


def load(path: str | Path) -> Case:
    """Read and validate a case file (``.yaml``, ``.yml`` or ``.json``)."""
    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise CaseFileError([InputError(str(p), "", None, "expected a .yaml, .yml or .json case file")])
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CaseFileError([InputError(str(p), "", None, f"cannot read the file: {e}")]) from None
    return load_text(text, str(p))
