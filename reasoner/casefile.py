"""Reading a case file: YAML or JSON in, a validated :class:`Case` out, or every error at once.

Each error names the file, the field path, the line where the format gives one, what was expected
and what was found.  YAML is read with a loader that keeps dates as text (so that an impossible
date is our error with its field, not a parser crash) and knows only ``true``/``false`` as
booleans (no ``yes``/``no``/``on`` surprises).  Duplicate keys are errors in both formats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .model import Case


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


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like booleans and dates left as strings."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|false)$"),
    list("tf"),
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


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-branch labels (e.g. 'int', 'literal['unknown']') from a location."""
    out = []
    for part in loc:
        if isinstance(part, str) and (
            part.startswith(("literal[", "function-", "constrained-", "lax-", "strict-", "json-or-python"))
            or part in {"int", "bool", "str", "list", "date", "Decimal", "DateRange", "CaseSentence", "function-before"}
            or part.startswith(("list[", "Annotated"))
        ):
            continue
        out.append(part)
    return tuple(out)


def load_text(text: str, file: str) -> Case:
    """Parse and validate case text; ``file`` names it in errors and selects JSON or YAML."""
    errors: list[InputError] = []
    lines: dict = {}
    data: object
    if file.endswith(".json"):

        def no_dupes(pairs):
            out = {}
            for k, v in pairs:
                if k in out:
                    errors.append(InputError(file, k, None, f"duplicate key {k!r}"))
                out[k] = v
            return out

        try:
            data = json.loads(text, object_pairs_hook=no_dupes, parse_float=float)
        except json.JSONDecodeError as e:
            raise CaseFileError([InputError(file, "", e.lineno, f"not valid JSON: {e.msg}")]) from None
        try:  # JSON is YAML for line purposes; best effort only
            _yaml_lines(yaml.compose(text, Loader=_Loader), (), lines, [], file)
        except yaml.YAMLError:
            pass
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
        _yaml_lines(node, (), lines, errors, file)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    if not isinstance(data, dict):
        raise CaseFileError([InputError(file, "", 1, f"expected a mapping with the case, found {_describe(data)}")])
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        seen = set()
        for err in e.errors(include_url=False):
            loc = _clean_loc(err["loc"])
            msg = _message(err)
            key = (loc, msg)
            if key in seen:
                continue
            seen.add(key)
            errors.append(InputError(file, _path_text(loc), _line_for(lines, loc), msg))
        raise CaseFileError(_merge_union_errors(errors)) from None
    errors.extend(_cross_check(case, file, lines))
    if errors:
        raise CaseFileError(errors)
    return case


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


def _merge_union_errors(errors: list[InputError]) -> list[InputError]:
    """A value that fits none of a union's branches gives one error per branch: join them."""
    merged: dict[tuple, list[str]] = {}
    order: list[tuple] = []
    for e in errors:
        key = (e.file, e.path, e.line)
        if key not in merged:
            merged[key] = []
            order.append(key)
        if e.message not in merged[key]:
            merged[key].append(e.message)
    out = []
    for key in order:
        msgs = merged[key]
        if len(msgs) > 1:
            msg = "expected one of: " + "; or ".join(msgs)
        else:
            msg = msgs[0]
        out.append(InputError(key[0], key[1], key[2], msg))
    return out


def _cross_check(case: Case, file: str, lines: dict) -> list[InputError]:
    """References between records, unique ids, and dates that contradict each other."""
    errors: list[InputError] = []

    def err(loc: tuple, msg: str) -> None:
        errors.append(InputError(file, _path_text(loc), _line_for(lines, loc), msg))

    ids: dict[str, tuple] = {}

    def register(ident: str, loc: tuple) -> None:
        if ident in ids:
            err(loc, f"id {ident!r} is already used at {_path_text(ids[ident])}; ids must be unique")
        else:
            ids[ident] = loc

    for i, p in enumerate(case.parties):
        register(p.id, ("parties", i, "id"))
    for i, o in enumerate(case.orders):
        register(o.id, ("orders", i, "id"))
    for i, a in enumerate(case.acts):
        register(a.id, ("acts", i, "id"))
        for j, ev in enumerate(a.evidence_losses):
            register(ev.id, ("acts", i, "evidence_losses", j, "id"))
    for i, pen in enumerate(case.admin_penalties):
        register(pen.id, ("admin_penalties", i, "id"))

    parties = {p.id: p for p in case.parties}
    orders = {o.id: o for o in case.orders}

    def party_ref(ident: str, loc: tuple, kind: str | None = None) -> None:
        p = parties.get(ident)
        if p is None:
            err(loc, f"expected the id of a party, found {ident!r}")
        elif kind and p.kind != kind:
            err(loc, f"expected a {kind}, found {ident!r} which is a {p.kind}")

    for i, p in enumerate(case.parties):
        for j, r in enumerate(p.responsible_persons):
            party_ref(r.person, ("parties", i, "responsible_persons", j, "person"), "person")
    for i, o in enumerate(case.orders):
        party_ref(o.to, ("orders", i, "to"))
        if o.deadline not in (None, "unknown") and o.date != "unknown" and o.deadline < o.date:
            err(("orders", i, "deadline"), f"the deadline {o.deadline} is before the order's date {o.date}")
    for i, a in enumerate(case.acts):
        party_ref(a.actor, ("acts", i, "actor"))
        if a.order is not None:
            o = orders.get(a.order)
            if o is None:
                err(("acts", i, "order"), f"expected the id of an order, found {a.order!r}")
            elif o.to != a.actor:
                err(("acts", i, "order"), f"order {a.order!r} is addressed to {o.to!r}, not to the actor {a.actor!r}")
    for i, pen in enumerate(case.admin_penalties):
        party_ref(pen.party, ("admin_penalties", i, "party"))
    from .catalogue import catalogue  # local import: the catalogue reads the rule files

    known = catalogue()
    for i, f in enumerate(case.findings):
        if f.subject not in ids:
            err(("findings", i, "subject"), f"expected the id of a party, order or act, found {f.subject!r}")
        if f.provision not in known:
            err(
                ("findings", i, "provision"),
                f"expected an encoded provision id (see `reasoner rules`), found {f.provision!r}",
            )
        elif not known[f.provision].finding:
            err(
                ("findings", i, "provision"),
                f"provision {f.provision!r} is decided from the facts and takes no reviewer finding",
            )
    seen_findings: dict[tuple, int] = {}
    for i, f in enumerate(case.findings):
        key = (f.provision, f.subject)
        if key in seen_findings:
            err(
                ("findings", i),
                f"a second finding on {f.provision} for {f.subject!r} (first at findings[{seen_findings[key]}])",
            )
        seen_findings[key] = i
    return errors


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
