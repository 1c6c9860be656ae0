"""Validating parsed case data: the model, the cross-checks and the statements, every error at once.

One validation for read and edited cases (what-if, ask): numbers too long to read, pydantic's
errors as one message per field (a value that fits no branch of a union gets one), the
cross-checks between records, and the statements the acts point to, read and summed.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from reasoner.case.cross_check import cross_check
from reasoner.case.errors import CaseFileError, Huge, InputError, Msg, keyed, line_for, path_text
from reasoner.case.model import Case
from reasoner.case.pydantic_errors import alternatives, error_message
from reasoner.case.statements import attach
from reasoner.case.values import MAX_DIGITS


def validate_data(
    data: dict,
    file: str,
    lines: dict,
    base_dir: str | Path | None = None,
    errors: list[InputError] | None = None,
    root: str | Path | None = None,
) -> Case:
    """Validate parsed case data, or raise every error at once (with ``errors`` found in parsing).

    Shared by reading a file and by the edits of what-if and ask, so an edited case is checked as
    a read one: values no field takes (numbers too long, null, text with NUL or half a surrogate
    pair), the model, the cross-checks, and the statements read again (relative to ``base_dir``,
    by default the folder of ``file``, and inside ``root``, by default ``base_dir``).  ``lines``
    gives each field's line where the data came from a file; edited data has none."""
    errors = list(errors or [])
    bad = _bad_values(data)
    errors.extend(InputError.of(file, path_text(loc), line_for(lines, loc), why) for loc, why in bad.items())
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        # a value reported above (a number too long to read, null, ...) is not reported again, nor
        # a record or list holding a template's blank (it fits no branch of its union because of it)
        reported = {path_text(loc) for loc in bad}
        blanks = [path_text(loc) for loc, m in bad.items() if isinstance(m, Msg) and m.key == "template_blank"]
        errors.extend(
            x
            for x in _structural(e, file, lines)
            if x.path not in reported and not any(b.startswith((f"{x.path}.", f"{x.path}[")) for b in blanks if x.path)
        )
        case = None
    try:
        errors.extend(cross_check(data, file, lines))
    except (TypeError, AttributeError, KeyError, ValueError):
        # the cross-checks read records of the shape the model gives them; data the model refused
        # may have any shape (an id that is a list): its errors above say what is wrong
        if case is not None:
            raise
    if case is not None and not errors:
        base = Path(base_dir) if base_dir is not None else Path(file).parent
        errors.extend(attach(case, base, file, lambda loc: line_for(lines, loc), root))
    if errors:
        raise CaseFileError(sorted(errors, key=lambda x: (x.line or 0, x.path)))
    assert case is not None
    return case


#: null in a case file: the field is to be left out, or the fact recorded as not known
NULL = keyed(
    "null",
    "no value (null, ~ or nothing after the colon): leave the field out, or write unknown where the fact is not known",
)
_NUL = keyed("text_nul", "a text may not hold the character NUL (\\x00)")
_SURROGATE = keyed("text_surrogate", "a text may not hold half a surrogate pair (such as \\ud800): it is no character")


def _bad_text(text: str) -> Msg | None:
    """Why a text (a value or a key) cannot be taken: NUL ends a text inside the solver (two ids
    differing after it would be one), and half a surrogate pair is no character at all."""
    if "\x00" in text:
        return _NUL
    if any("\ud800" <= c <= "\udfff" for c in text):
        return _SURROGATE
    return None


#: A blank of a template (`reasoner new`): "<待填：…>" or "<fill in: …>", refused until filled, so
#: that an unfilled template reasons on nothing.
BLANK = re.compile(r"^<(?:待填|fill in)[：:].*>$", re.DOTALL)


def _blank(text: str) -> Msg | None:
    if BLANK.match(text):
        return keyed(
            "template_blank",
            f"a blank of the template, not filled in: {text}; write what the case file shows "
            "(unknown where the fact is not known and the field allows it)",
            blank=text,
        )
    return None


def _bad_values(data: object) -> dict[tuple, Msg]:
    """Where the values no field takes are, and why: numbers too long to read, null, and text
    :func:`_bad_text` refuses (the data is at most scan.MAX_DEPTH deep)."""
    out: dict[tuple, Msg] = {}

    def walk(obj: object, path: tuple) -> None:
        if isinstance(obj, Huge):
            most = f"{MAX_DIGITS:,}"
            out[path] = keyed("huge", f"{obj}; at most {most} digits", digits=f"{obj.digits:,}", most=most)
        elif obj is None:
            out[path] = NULL
        elif isinstance(obj, str):
            why = _bad_text(obj) or _blank(obj)
            if why:
                out[path] = why
        elif isinstance(obj, dict):
            for k, v in obj.items():
                why = _bad_text(k) if isinstance(k, str) else None
                if why:
                    out[path + (k,)] = keyed("in_key", f"in the key: {why.text}", reason=why)
                else:
                    walk(v, path + (k,))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                walk(v, path + (i,))

    walk(data, ())
    return out


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
        msgs = list({m.text: m for m in map(error_message, errs)}.values())
        msg = msgs[0] if len(msgs) == 1 else alternatives(msgs)
        if unknown_allowed and errs[0]["type"] != "extra_forbidden":
            msg = keyed("or_unknown", f'{msg.text} (or "unknown" where the fact is not known)', reason=msg)
        out.append(InputError.of(file, path_text(loc), line_for(lines, loc), msg))
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
