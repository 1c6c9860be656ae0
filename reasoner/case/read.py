"""Reading a case file: YAML or JSON in, a validated :class:`Case` out, or every error at once.

Each error names the file, the field path, the line where the format gives one, what was expected
and what was found.  YAML is read with a loader that keeps dates as text (so that an impossible
date is our error with its field, not a parser crash) and knows only ``true``/``false`` as
booleans (no ``yes``/``no``/``on`` surprises).  Duplicate keys are errors in both formats.

Limits are checked while reading, before anything is built or validated: the file's size (only a
regular file is read, see :mod:`.files`), then the YAML events once (:mod:`.scan`: values, aliases,
depth, tags, acts), and the number of acts before the model sees them.  A YAML file is parsed
once: its nodes give each field's line, and the data is constructed from the same nodes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from reasoner.case.errors import CaseFileError, Huge, InputError, keyed, path_text
from reasoner.case.files import MAX_CASE_BYTES, ReadProblem, cannot_read, decode, read_bytes
from reasoner.case.model import Case
from reasoner.case.pydantic_errors import describe_value
from reasoner.case.scan import MAX_DEPTH, MAX_NODES, scan, too_deep, too_many_acts
from reasoner.case.validate import validate_data
from reasoner.case.values import MAX_ACTS, MAX_DIGITS


def _json_int(text: str) -> int | Huge:
    """json's parse_int: a Huge for a number too long to convert, instead of a ValueError."""
    digits = len(text) - text.startswith("-")
    return Huge(digits) if digits > MAX_DIGITS else int(text)


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where installed: faster
    """SafeLoader with YAML 1.2-like booleans and dates left as strings."""


# YAML 1.1 reads 0310 as octal 200, 1:30 as 90 and yes/no as booleans: keep only the plain forms
# (decimal integers, decimal floats, true/false); everything else stays text and fails validation
# with its field named, instead of turning silently into another value.  A plain ``=`` (YAML 1.1's
# value key, which no safe constructor builds) is text too.
_DROPPED = tuple(f"tag:yaml.org,2002:{t}" for t in ("timestamp", "bool", "int", "float", "value", "yaml"))
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
                text = f"duplicate key {key!r} (first at line {seen[key]})"
                twice = keyed("duplicate_key", text, name=key, first=seen[key])
                errors.append(InputError.of(file, path_text(path + (key,)), line, twice))
            seen[key] = line
            lines[path + (key,)] = line
            _yaml_lines(v, path + (key,), lines, errors, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _yaml_lines(v, path + (i,), lines, errors, file)


def _check_data(data: object, file: str) -> None:
    """Refuse parsed JSON nested deeper than MAX_DEPTH or holding more than MAX_NODES values,
    without recursing: the first too deep is reported with its path."""
    stack: list[tuple[object, tuple]] = [(data, ())]
    nodes = 0
    while stack:
        obj, path = stack.pop()
        nodes += 1 + (len(obj) if isinstance(obj, dict) else 0)  # keys are values too, as in YAML
        if nodes > MAX_NODES:
            most = f"{MAX_NODES:,}"
            text = f"more than {most} values in the file; a case has far fewer"
            message = keyed("too_many_json_values", text, limit=most)
            raise CaseFileError([InputError.of(file, path_text(path), None, message)])
        if isinstance(obj, dict):
            children = [(v, path + (k,)) for k, v in obj.items()]
        elif isinstance(obj, list):
            children = [(v, path + (i,)) for i, v in enumerate(obj)]
        else:
            continue
        if len(path) >= MAX_DEPTH:  # named by where it starts: the whole path would be 64 parts long
            where = path_text(path[:2]) + (" ..." if len(path) > 2 else "")
            raise CaseFileError([InputError.of(file, where, None, too_deep())])
        stack.extend(children)


def _check_acts(data: object, file: str, lines: dict) -> None:
    """More acts than MAX_ACTS are an error before the model validates any of them."""
    acts = data.get("acts") if isinstance(data, dict) else None
    if isinstance(acts, list) and len(acts) > MAX_ACTS:
        line = lines.get(("acts", MAX_ACTS), lines.get(("acts",)))
        raise CaseFileError([InputError.of(file, "acts", line, too_many_acts(len(acts)))])


def _parse_json(text: str, file: str, lines: dict, errors: list[InputError]) -> object:
    """JSON with duplicate keys reported; each field's line from the same text read as YAML."""
    json_dupes: list[InputError] = []

    def no_dupes(pairs):
        out = {}
        for k, v in pairs:
            if k in out:
                json_dupes.append(
                    InputError.of(file, k, None, keyed("duplicate_key_json", f"duplicate key {k!r}", name=k))
                )
            out[k] = v
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_dupes, parse_float=float, parse_int=_json_int)
    except json.JSONDecodeError as e:
        why = keyed("not_json", f"not valid JSON: {e.msg}", reason=e.msg)
        raise CaseFileError([InputError.of(file, "", e.lineno, why)]) from None
    except RecursionError:
        raise CaseFileError([InputError.of(file, "", None, too_deep())]) from None
    _check_data(data, file)
    _check_acts(data, file, {})
    # JSON is YAML for line purposes: the composed nodes give each field's line, and each duplicate
    # key's full path and line; where the text is no YAML, the json hook's bare duplicates remain
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        node = None
    if node is None:
        errors.extend(json_dupes)
    else:
        _yaml_lines(node, (), lines, errors, file)
    return data


def _parse_yaml(text: str, file: str, lines: dict, errors: list[InputError]) -> object:
    """YAML with its limits checked first (:func:`.scan.scan`), then composed once: each field's
    line recorded, duplicate keys reported, and the data constructed from the same nodes."""
    loader = None
    try:
        scan(text, file, Loader)
        loader = Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise CaseFileError([InputError.of(file, "", None, keyed("empty", "the file is empty; expected a case"))])
        _yaml_lines(node, (), lines, errors, file)
        return loader.construct_document(node)
    except yaml.YAMLError as e:
        mark, problem = getattr(e, "problem_mark", None), getattr(e, "problem", e)
        why = keyed("not_yaml", f"not valid YAML: {problem}", reason=problem)
        raise CaseFileError([InputError.of(file, "", mark.line + 1 if mark else None, why)]) from None
    finally:
        if loader is not None:
            loader.dispose()


def parse(text: str, file: str, as_json: bool | None = None) -> tuple[object, dict, list[InputError]]:
    """Case text parsed (``file`` names it in errors and selects JSON or YAML, unless ``as_json``
    says which): the data, the line of each field, and the errors found in parsing (duplicate keys);
    a CaseFileError for text that cannot be read at all or is past a limit."""
    text = text.removeprefix("\ufeff")  # a byte-order mark (Notepad writes one), in every format
    size = len(text) if len(text) * 4 <= MAX_CASE_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_CASE_BYTES:
        shown, most = f"{size:,}", f"{MAX_CASE_BYTES:,}"
        text = f"the case has {shown} bytes; at most {most} in one case"
        message = keyed("case_too_big", text, size=shown, limit=most)
        raise CaseFileError([InputError.of(file, "", None, message)])
    errors: list[InputError] = []
    lines: dict = {}
    json_text = file.endswith(".json") if as_json is None else as_json
    data = (_parse_json if json_text else _parse_yaml)(text, file, lines, errors)
    _check_acts(data, file, lines)
    return data, lines, errors


def load_text(
    text: str,
    file: str,
    base_dir: str | Path | None = None,
    root: str | Path | None = None,
    as_json: bool | None = None,
) -> Case:
    """Parse and validate case text; ``file`` names it in errors and selects JSON or YAML (unless
    ``as_json`` says which: a posted case is JSON whatever name it is given).

    Statements the case points to are found relative to ``base_dir`` (default: the folder of
    ``file``), and must lie inside ``root`` (default: ``base_dir``)."""
    data, lines, errors = parse(text, file, as_json)
    if not isinstance(data, dict):
        found = describe_value(data)
        message = keyed("expect_case", f"expected a mapping with the case, found {found}", found=found)
        raise CaseFileError([InputError.of(file, "", 1, message)])
    return validate_data(data, file, lines, base_dir, errors, root)


#: Top-level keys that every JSON answer of reasoner has and no case file may have: ``conclusions``
#: (check, why-not, what-it-takes) and ``changes`` (what-if).
OUTPUT_KEYS = frozenset({"conclusions", "changes"})


def reasoner_output(text: str) -> bool:
    """Whether a ``.json`` file's text is one of reasoner's own JSON answers (``check --format
    json > cases/a.json``), not a case: a mapping with a key of OUTPUT_KEYS.  The batch reader of a
    folder leaves such files out, so that an answer written beside the cases is not read as one."""
    if not any(f'"{k}"' in text for k in OUTPUT_KEYS):
        return False
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and not OUTPUT_KEYS.isdisjoint(data)


def read_case(path: str | Path) -> bytes:
    """The bytes of a case file (``.yaml``, ``.yml`` or ``.json``): a regular file within the size."""
    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml", ".json"):
        message = keyed("case_suffix", "expected a .yaml, .yml or .json case file")
        raise CaseFileError([InputError.of(str(p), "", None, message)])
    try:
        return read_bytes(p, MAX_CASE_BYTES)
    except ReadProblem as e:
        raise CaseFileError([InputError.of(str(p), "", None, cannot_read(e.detail))]) from None


def case_text(raw: bytes, file: str) -> str:
    """The text of a case file's bytes: UTF-8, a byte-order mark dropped."""
    try:
        return decode(raw)
    except ReadProblem as e:
        raise CaseFileError([InputError.of(file, "", e.line, e.detail)]) from None


def load_bytes(raw: bytes, file: str, root: str | Path | None = None) -> Case:
    """Validate a case file's bytes (as read by :func:`read_case`)."""
    return load_text(case_text(raw, file), file, root=root)


def load(path: str | Path, root: str | Path | None = None) -> Case:
    """Read and validate a case file (``.yaml``, ``.yml`` or ``.json``); statements must lie
    inside ``root`` (default: the case file's folder)."""
    return load_bytes(read_case(path), str(Path(path)), root)
