"""Reading a case file: YAML or JSON in, a validated :class:`Case` out, or every error at once.

Each error names the file, the field path, the line where the format gives one, what was expected
and what was found.  YAML is read with a loader that keeps dates as text (so that an impossible
date is our error with its field, not a parser crash) and knows only ``true``/``false`` as
booleans (no ``yes``/``no``/``on`` surprises).  Duplicate keys are errors in both formats.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .model import MAX_DIGITS, MAX_SITES, Case, earliest_end

#: Lists and mappings nest at most this deep (a case needs about 8 levels): deeper input would
#: exhaust Python's recursion in the parsers and the validator.
MAX_DEPTH = 64


class _Huge:
    """An integer written with more than MAX_DIGITS digits: kept as its length and reported with its
    field, since Python refuses to convert it (and no figure the law counts comes near)."""

    def __init__(self, digits: int):
        self.digits = digits

    def __str__(self) -> str:
        return f"a number of {self.digits:,} digits"


def _json_int(text: str) -> int | _Huge:
    """json's parse_int: a _Huge for a number too long to convert, instead of a ValueError."""
    digits = len(text) - text.startswith("-")
    return _Huge(digits) if digits > MAX_DIGITS else int(text)


@dataclass(frozen=True)
class InputError:
    file: str
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(top level)'}: {self.message}"


class CaseFileError(Exception):
    """Bad input: carries every error found."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where installed: faster
    """SafeLoader with YAML 1.2-like booleans and dates left as strings."""


# YAML 1.1 reads 0310 as octal 200, 1:30 as 90 and yes/no as booleans: keep only the plain forms
# (decimal integers, decimal floats, true/false); everything else stays text and fails validation
# with its field named, instead of turning silently into another value.
_DROPPED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in _DROPPED]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(rf"^-?(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})$"), list("-0123456789")
)
_HUGE_TAG = "tag:reasoner,2026:huge-int"  # an integer too long to convert: a _Huge, reported with its field
_Loader.add_implicit_resolver(_HUGE_TAG, re.compile(rf"^-?[1-9][0-9]{{{MAX_DIGITS},}}$"), list("-123456789"))
_Loader.add_constructor(_HUGE_TAG, lambda loader, node: _Huge(len(node.value.lstrip("-"))))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$"), list("-0123456789")
)


def _path_text(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


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
                        file, _path_text(path + (key,)), line, f"duplicate key {key!r} (first at line {seen[key]})"
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
            where = _path_text(path[:2]) + (" ..." if len(path) > 2 else "")
            raise CaseFileError([InputError(file, where, line_of(obj), f"nested too deeply ({_DEEP})")])
        stack.extend(children)


def _huge_numbers(data: object) -> dict[tuple, _Huge]:
    """Where the numbers too long to read are (the data is at most MAX_DEPTH deep)."""
    out: dict[tuple, _Huge] = {}

    def walk(obj: object, path: tuple) -> None:
        if isinstance(obj, _Huge):
            out[path] = obj
        elif isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, path + (k,))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                walk(v, path + (i,))

    walk(data, ())
    return out


def _line_for(lines: dict, loc: tuple) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def _describe(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _is_branch(part: object) -> bool:
    """Whether a location part names a union branch (pydantic's tag), not a field."""
    if not isinstance(part, str):
        return False
    return (
        "[" in part
        or part[:1].isupper()
        or part.startswith(("constrained-", "function-", "lax-", "strict-", "json-or-python"))
        or part in {"bool", "int", "str", "float", "dict", "list", "none", "decimal"}
    )


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-branch tags (e.g. 'int', "literal['unknown']") from a location."""
    return tuple(p for p in loc if not _is_branch(p))


def load_text(text: str, file: str, base_dir: str | Path | None = None) -> Case:
    """Parse and validate case text; ``file`` names it in errors and selects JSON or YAML.

    Evidence files the case points to are found relative to ``base_dir`` (default: the folder of
    ``file``)."""
    errors: list[InputError] = []
    lines: dict = {}
    data: object
    if file.endswith(".json"):
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
            node = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            node = None
        if node is None:
            _check_depth(data, file, lambda obj: None)
            errors.extend(json_dupes)
        else:
            _check_depth(node, file, lambda n: n.start_mark.line + 1)
            _yaml_lines(node, (), lines, errors, file)
    else:
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise CaseFileError(
                [InputError(file, "", mark.line + 1 if mark else None, f"not valid YAML: {getattr(e, 'problem', e)}")]
            ) from None
        if node is None:
            raise CaseFileError([InputError(file, "", None, "the file is empty; expected a case")])
        _check_depth(node, file, lambda n: n.start_mark.line + 1)
        _yaml_lines(node, (), lines, errors, file)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    if not isinstance(data, dict):
        raise CaseFileError([InputError(file, "", 1, f"expected a mapping with the case, found {_describe(data)}")])
    return validate_data(data, file, lines, base_dir, errors)


def validate_data(
    data: dict, file: str, lines: dict, base_dir: str | Path | None = None, errors: list[InputError] | None = None
) -> Case:
    """Validate parsed case data, or raise every error at once (with ``errors`` found in parsing).

    Shared by reading a file and by the edits of what-if and ask, so an edited case is checked as
    a read one: numbers too long, the model, the cross-checks, and the statements read again
    (relative to ``base_dir``, by default the folder of ``file``).  ``lines`` gives each field's
    line where the data came from a file; edited data has none."""
    errors = list(errors or [])
    huge = _huge_numbers(data)
    errors.extend(
        InputError(file, _path_text(loc), _line_for(lines, loc), f"{n}; at most {MAX_DIGITS:,} digits")
        for loc, n in huge.items()
    )
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        # a number too long to read is reported once, above, not again as a wrong type
        errors.extend(x for x in _structural(e, file, lines) if x.path not in {_path_text(loc) for loc in huge})
        case = None
    errors.extend(_cross_check(data, file, lines))
    if case is not None and not errors:
        from .evidence import attach

        base = Path(base_dir) if base_dir is not None else Path(file).parent
        errors.extend(attach(case, base, file, lambda loc: _line_for(lines, loc)))
    if errors:
        raise CaseFileError(sorted(errors, key=lambda x: (x.line or 0, x.path)))
    assert case is not None
    return case


def _structural(e: ValidationError, file: str, lines: dict) -> list[InputError]:
    """pydantic's errors, one per field: a value that fits no branch of a union gets one message."""
    by_field: dict[tuple, list[dict]] = {}
    for err in _best_branches(e.errors(include_url=False)):
        by_field.setdefault(_clean_loc(err["loc"]), []).append(err)
    out = []
    for loc, errs in by_field.items():
        unknown_allowed = any("literal['unknown']" in map(str, x["loc"]) for x in errs)
        errs = [x for x in errs if "literal['unknown']" not in map(str, x["loc"])] or errs
        found = errs[0].get("input")
        if isinstance(found, dict) and len(errs) > 1:  # a mapping: keep the errors of mapping branches
            errs = [x for x in errs if any(_is_branch(p) and any(c.isupper() for c in p) for p in x["loc"])] or errs
        elif len(errs) > 1:  # a scalar: drop "should be a mapping" from mapping branches
            errs = [x for x in errs if x["type"] not in ("model_type", "dict_type", "model_attributes_type")] or errs
        msgs = list(dict.fromkeys(_message(x) for x in errs))
        msg = msgs[0] if len(msgs) == 1 else "expected one of: " + "; or ".join(msgs)
        if unknown_allowed and errs[0]["type"] != "extra_forbidden":
            msg += ' (or "unknown" where the fact is not known)'
        out.append(InputError(file, _path_text(loc), _line_for(lines, loc), msg))
    return out


#: a union branch that is a record (a model class): ``DateRange`` or ``function-after[_ordered(), DateRange]``
_RECORD_BRANCH = re.compile(r"^[A-Z]\w*$|^function-\w+\[.*, [A-Z]\w*\]$")


def _best_branches(errs: list[dict]) -> list[dict]:
    """Where a mapping fits none of the branches of a union with record branches (an act's date: a
    day, a period ``{from, to}`` or an uncertain day ``{not_before, not_after}``), keep only the
    errors of the record branch its keys fit best (fewest unknown, then fewest missing fields):
    the others say only that the keys are foreign, or that a mapping is not a day."""
    groups: dict[tuple, dict[str, list[dict]]] = {}
    for x in errs:
        loc = x["loc"]
        for k, part in enumerate(loc):
            if _is_branch(part):
                groups.setdefault(tuple(loc[:k]), {}).setdefault(part, []).append(x)
    drop: set[int] = set()
    for branches in groups.values():
        records = {b: xs for b, xs in branches.items() if _RECORD_BRANCH.search(b)}
        if not records:
            continue
        mapping = any(isinstance(x.get("input"), dict) for b, xs in branches.items() if b not in records for x in xs)
        if mapping:  # a mapping is not a scalar: those branches' errors say nothing
            drop |= {id(x) for b, xs in branches.items() if b not in records for x in xs}
        if len(records) < 2:
            continue
        score = {
            b: (sum(x["type"] == "extra_forbidden" for x in xs), sum(x["type"] == "missing" for x in xs))
            for b, xs in records.items()
        }
        best = min(score.values())
        drop |= {id(x) for b, xs in records.items() if score[b] > best for x in xs}
    return [x for x in errs if id(x) not in drop]


def _message(err: dict) -> str:
    kind = err["type"]
    found = err.get("input")
    if kind == "extra_forbidden":
        return f"unknown field {err['loc'][-1]!r} (not part of the case format; see docs/case-format.md)"
    if kind == "missing":
        return "required field is missing"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind == "value_error":
        return msg
    return f"{msg[0].lower()}{msg[1:]}; found {_describe(found)}"


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    v = data.get(key)
    return [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list) else []


def _cross_check(data: dict, file: str, lines: dict) -> list[InputError]:
    """References between records, unique ids, and dates that contradict each other.

    Works on the raw data, so that these errors are reported together with type errors."""
    errors: list[InputError] = []

    def err(loc: tuple, msg: str) -> None:
        errors.append(InputError(file, _path_text(loc), _line_for(lines, loc), msg))

    ids: dict[str, tuple] = {}
    kinds: dict[str, str] = {}

    def register(ident: object, loc: tuple, kind: str) -> None:
        if not isinstance(ident, str):
            return
        if ident in ids:
            err(loc, f"id {ident!r} is already used at {_path_text(ids[ident])}; ids must be unique")
        else:
            ids[ident] = loc
            kinds[ident] = kind

    parties = {}
    for i, p in _items(data, "parties"):
        register(p.get("id"), ("parties", i, "id"), "party")
        parties.setdefault(p.get("id"), p)
    orders = {}
    for i, o in _items(data, "orders"):
        register(o.get("id"), ("orders", i, "id"), "order")
        orders.setdefault(o.get("id"), o)
    for i, a in _items(data, "acts"):
        register(a.get("id"), ("acts", i, "id"), "act")
        for listing, kind in (("evidence_losses", "evidence loss"), ("sites", "site"), ("assisted", "assisted")):
            for j, x in _items(a, listing):
                register(x.get("id"), ("acts", i, listing, j, "id"), kind)
    for i, pen in _items(data, "admin_penalties"):
        register(pen.get("id"), ("admin_penalties", i, "id"), "administrative penalty")

    def party_ref(ident: object, loc: tuple, kind: str | None = None) -> None:
        if not isinstance(ident, str):
            return
        p = parties.get(ident)
        if p is None:
            err(loc, f"expected the id of a party, found {ident!r}")
        elif kind and p.get("kind") != kind:
            err(loc, f"expected a {kind}, found {ident!r} which is a {p.get('kind')}")

    for i, p in _items(data, "parties"):
        for j, r in _items(p, "responsible_persons"):
            party_ref(r.get("person"), ("parties", i, "responsible_persons", j, "person"), "person")
    for i, o in _items(data, "orders"):
        party_ref(o.get("to"), ("orders", i, "to"))
        d, dl = _date_or_none(o.get("date")), _date_or_none(o.get("deadline"))
        if d and dl and dl < d:
            err(("orders", i, "deadline"), f"the deadline {dl} is before the order's date {d}")
    info = data.get("case") if isinstance(data.get("case"), dict) else {}
    as_of = _date_or_none(info.get("as_of"))
    n_sites = 0
    for i, a in _items(data, "acts"):
        party_ref(a.get("actor"), ("acts", i, "actor"))
        n_sites += len(a.get("sites") or []) if isinstance(a.get("sites"), list) else 0
        last = _act_end(a.get("date"), "not_before")
        if as_of and last and last > as_of:
            err(("acts", i, "date"), f"the act ends ({last}) after the date of judgment case.as_of ({as_of})")
        k = a.get("knowledge")
        listed: dict[str, int] = {}
        for j, ind in enumerate(k.get("indicators") or [] if isinstance(k, dict) else []):
            name = ind.get("indicator") if isinstance(ind, dict) else ind
            if isinstance(name, str) and name in listed:
                err(
                    ("acts", i, "knowledge", "indicators", j),
                    f"indicator {name!r} is already listed at indicators[{listed[name]}]; list each once",
                )
            elif isinstance(name, str):
                listed[name] = j
        ref = a.get("order")
        if isinstance(ref, str):
            o = orders.get(ref)
            if o is None:
                err(("acts", i, "order"), f"expected the id of an order, found {ref!r}")
            elif o.get("to") != a.get("actor"):
                err(
                    ("acts", i, "order"),
                    f"order {ref!r} is addressed to {o.get('to')!r}, not to the actor {a.get('actor')!r}",
                )
            else:
                end = _act_end(a.get("date"), "not_after")
                ordered = _date_or_none(o.get("date"))
                if end and ordered and end < ordered:
                    err(
                        ("acts", i, "date"),
                        f"the act ends ({end}) before the order {ref!r} it refuses was made ({ordered})",
                    )
    for i, pen in _items(data, "admin_penalties"):
        party_ref(pen.get("party"), ("admin_penalties", i, "party"))
    if n_sites > MAX_SITES:
        err(("acts",), f"{n_sites:,} sites in all; at most {MAX_SITES:,} in one case file (their counts are summed)")
    from .law.catalogue import catalogue  # local import: the catalogue reads the rule files
    from .law.findings import finding_subjects

    known = catalogue()
    seen: dict[tuple, int] = {}
    for i, f in _items(data, "findings"):
        subject, pid = f.get("subject"), f.get("provision")
        if isinstance(subject, str) and subject not in ids:
            err(("findings", i, "subject"), f"expected the id of a record in this case, found {subject!r}")
        elif isinstance(subject, str) and isinstance(pid, str) and pid in known and known[pid].finding:
            allowed = finding_subjects().get(pid, frozenset())
            if allowed and kinds[subject] not in allowed:
                err(
                    ("findings", i, "subject"),
                    f"a finding on {pid} is about a {' or '.join(sorted(allowed))}; {subject!r} is a {kinds[subject]}",
                )
        if isinstance(pid, str):
            if pid not in known:
                err(
                    ("findings", i, "provision"),
                    f"expected an encoded provision id (see `reasoner rules`), found {pid!r}",
                )
            elif not known[pid].finding:
                err(
                    ("findings", i, "provision"),
                    f"provision {pid!r} is decided from the facts and takes no reviewer finding",
                )
            elif f.get("holds") is True and not known[pid].finding_holds:
                err(
                    ("findings", i, "holds"),
                    f"provision {pid!r} takes only a finding that it does NOT hold (holds: false); it is otherwise "
                    "decided from the facts: where the reviewer finds that it holds, delete this finding",
                )
        key = (pid, subject)
        if isinstance(pid, str) and isinstance(subject, str):
            if key in seen:
                err(("findings", i), f"a second finding on {pid} for {subject!r} (the first is findings[{seen[key]}])")
            seen.setdefault(key, i)
    return errors


def _date_or_none(v: object):
    import datetime as dt

    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _act_end(when: object, bound: str):
    """The earliest (``not_before``) or latest (``not_after``) day an act's date, as written, can end on."""
    if isinstance(when, dict) and "to" in when:
        when = when["to"]
    if isinstance(when, dict):
        when = when.get(bound)
    return _date_or_none(when)


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


def judged_on(case: Case, when: str, source: str = "--as-of") -> Case:
    """The case with its date of judgment set (``--as-of``), checked like ``case.as_of`` would be."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(when) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else None
    except ValueError:
        day = None
    if day is None:
        raise CaseFileError([InputError(source, "", None, f"expected a date YYYY-MM-DD, found {when!r}")])
    errors = []
    for i, a in enumerate(case.acts):
        end = earliest_end(a.date)
        if end and end > day:
            message = f"the act ends ({end}) after the date of judgment ({day})"
            errors.append(InputError(source, f"acts[{i}].date", None, message))
    if errors:
        raise CaseFileError(errors)
    return case.model_copy(update={"case": case.case.model_copy(update={"as_of": day})})
