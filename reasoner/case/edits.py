"""Changing facts of a case file: ``PATH=VALUE`` edits, checked like the file itself, and written back;
and the date of judgment set from the command line (``--as-of``).

PATH is the case-file field path the error messages use (``acts[0].payment_settlement``); VALUE is
written as in the case file (``true``, ``unknown``, ``"236500.80"``, ``{at_least: 150000}``) and read
with the same YAML reader.  The edited data is validated by the same model and cross-checks as a
file, so a bad value is an error naming the field, never a silent change.

Writing back uses ruamel.yaml's round-trip mode, which keeps the file's comments, key order and
layout outside the fields changed (PyYAML, used for reading, drops comments).  ``null`` as a new
value leaves the field out.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
from pathlib import Path

import yaml

from reasoner.case.errors import CaseFileError, EditError, InputError, keyed, path_text
from reasoner.case.files import write_atomic
from reasoner.case.model import Case
from reasoner.case.read import Loader, case_text, parse, read_case
from reasoner.case.scan import scan
from reasoner.case.validate import validate_data
from reasoner.case.values import earliest_end

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[0-9]+\])*)")

PathParts = list[str | int]


def parse_path(text: str) -> PathParts:
    """``acts[0].payment_settlement`` -> ['acts', 0, 'payment_settlement']."""
    parts: PathParts = []
    for piece in text.split("."):
        m = _PART.fullmatch(piece)
        if not m:
            raise EditError(
                "not_a_path", f"{text!r} is not a field path such as acts[0].payment_settlement", text=repr(text)
            )
        parts.append(m.group(1))
        parts.extend(int(i) for i in re.findall(r"\[([0-9]+)\]", m.group(2)))
    return parts


def parse_value(text: str) -> object:
    """A value written as in the case file (YAML flow syntax, the case files' scalar rules)."""
    try:
        scan(text, "the value", Loader)  # the limits of a case file: aliases, tags, depth
        value = yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader
    except CaseFileError as e:
        why = e.errors[0].detail or e.errors[0].message
        raise EditError(
            "not_a_value", f"{text!r} is not a value of the case format: {why}", text=repr(text), reason=why
        ) from None
    except yaml.YAMLError as e:
        why = str(getattr(e, "problem", e))
        raise EditError(
            "not_a_value", f"{text!r} is not a value of the case format: {why}", text=repr(text), reason=why
        ) from None
    # a decimal typed on the command line is money written out (236500.80), as the block style of
    # a case file reads it: keep its text, never a float (a count then fails validation by name)
    return text if isinstance(value, float) else value


#: answers of ask in words (docs/case-format.md): yes and no to a question of a boolean, and a
#: fact not known to any question; compared without case (YES, Y)
YES = frozenset({"是", "y", "yes", "true"})
NO = frozenset({"否", "n", "no", "false"})
NOT_KNOWN = frozenset({"不知道", "不清楚", "unknown"})


def parse_answer(text: str, kind: str) -> object:
    """An answer to a question of ask about a fact of ``kind`` (bool, choice, date, count, money):
    是/否 (y/n, yes/no, true/false) for a boolean, 不知道/不清楚/unknown for a fact not known,
    anything else a value as the case file writes it (an amount as 「1.2万」 or 「120,000元」 too,
    as the case file reads it)."""
    word = text.strip().casefold()
    if word in NOT_KNOWN:
        return "unknown"
    if kind == "bool" and word in YES:
        return True
    if kind == "bool" and word in NO:
        return False
    return parse_value(text)


def parse_assignment(text: str) -> tuple[str, object]:
    """``PATH=VALUE`` -> (path, value)."""
    path, sep, value = text.partition("=")
    if not sep or not path.strip():
        raise EditError(
            "expect_assignment",
            f"{text!r}: expected PATH=VALUE, e.g. acts[0].payment_settlement=200000",
            text=repr(text),
        )
    parse_path(path.strip())
    if not value.strip():  # YAML would read nothing as null and drop the field: say so instead
        raise EditError(
            "expect_value_after", f"{text!r}: expected a value after '=' (null to leave the field out)", text=repr(text)
        )
    return path.strip(), parse_value(value.strip())


def get(data: object, path: str) -> object:
    node = data
    for part in parse_path(path):
        node = node[part]  # type: ignore[index]
    return node


def assign(data: object, path: str, value: object) -> None:
    """Set one field; the records on the way must exist (a new field of a mapping may be added).
    None (``null``) leaves a field of a mapping out."""
    parts = parse_path(path)
    node = data
    for i, part in enumerate(parts[:-1]):
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            where = path_text(parts[: i + 1])
            raise EditError("no_such_record", f"the case file has no {where}", where=where) from None
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or not 0 <= last < len(node):
            where = path_text(parts)
            raise EditError("no_such_record", f"the case file has no {where}", where=where)
    elif not isinstance(node, dict):
        where = path_text(parts[:-1])
        raise EditError("not_a_record", f"{where} is not a record with fields", where=where)
    elif value is None:  # null: the field is left out (a case file may not hold null)
        node.pop(last, None)
        return
    node[last] = value  # type: ignore[index]


def read_data(file: str, raw: bytes | None = None) -> object:
    """The data of a case file (or of its bytes ``raw``, as read), read as for checking it."""
    data, _, errors = parse(case_text(read_case(file) if raw is None else raw, file), file)
    if errors:
        raise CaseFileError(errors)
    return data


def validate(data: object, file: str, root: str | Path | None = None) -> Case:
    """Validate edited data as a case file would be (without line numbers: the data is edited)."""
    if not isinstance(data, dict):
        raise CaseFileError(
            [InputError.of(file, "", None, keyed("edited_not_case", "expected a mapping with the case"))]
        )
    return validate_data(data, file, {}, root=root)


def revised(
    data: object, changes: list[tuple[str, object]], file: str, root: str | Path | None = None
) -> tuple[object, Case]:
    """A copy of the data with the changes applied, and its validated case."""
    new = copy.deepcopy(data)
    for path, value in changes:
        try:
            assign(new, path, value)
        except EditError as e:
            raise CaseFileError([InputError.of(file, path, None, e.detail)]) from None
    return new, validate(new, file, root)


def write_back(file: str, changes: list[tuple[str, object]], out: str | None = None) -> None:
    """Apply the changes to the YAML file itself (or write it to ``out``), keeping its comments
    and layout elsewhere; written whole or not at all (a WriteProblem if it cannot be)."""
    write_atomic(out or file, written(file, changes))


def answers_text(changes: list[tuple[str, object]]) -> str:
    """Answers as lines ``PATH=VALUE``, each a ``what-if --set`` (values in the case format)."""
    return "".join(f"{path}={json.dumps(value, ensure_ascii=False, default=str)}\n" for path, value in changes)


def written(file: str, changes: list[tuple[str, object]]) -> bytes:
    """The bytes of the YAML file with the changes applied, its comments and layout kept elsewhere
    (its byte-order mark and line ends too); the file is read again (a CaseFileError if it is gone)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)  # the layout of the examples and docs
    raw = read_case(file)
    bom = raw.startswith(b"\xef\xbb\xbf")  # kept, as are Windows line ends
    crlf = b"\r\n" in raw
    doc = rt.load(raw.decode("utf-8-sig"))

    def convert(v: object) -> object:
        if isinstance(v, dict):
            m = CommentedMap((k, convert(x)) for k, x in v.items())
            m.fa.set_flow_style()
            return m
        if isinstance(v, list):
            s = CommentedSeq(convert(x) for x in v)
            s.fa.set_flow_style()
            return s
        return v

    for path, value in changes:
        assign(doc, path, convert(value))
    buf = io.StringIO()
    rt.dump(doc, buf)
    text = buf.getvalue().replace("\n", "\r\n") if crlf else buf.getvalue()
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def judged_on(case: Case, when: str, source: str = "--as-of") -> Case:
    """The case with its date of judgment set (``--as-of``), checked like ``case.as_of`` would be."""
    try:
        day = dt.date.fromisoformat(when) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else None
    except ValueError:
        day = None
    if day is None:
        text = f"expected a date YYYY-MM-DD, found {when!r}"
        raise CaseFileError([InputError.of(source, "", None, keyed("expect_date", text, found=repr(when)))])
    errors = []
    for i, a in enumerate(case.acts):
        end = earliest_end(a.date)
        if end and end > day:
            message = keyed(
                "act_after_as_of",
                f"the act ends ({end}) after the date of judgment ({day})",
                end=str(end),
                day=str(day),
            )
            errors.append(InputError.of(source, f"acts[{i}].date", None, message))
    if errors:
        raise CaseFileError(errors)
    return case.model_copy(update={"case": case.case.model_copy(update={"as_of": day})})
