"""Input errors: each names the file, the field path, the line where the format gives one, and
what was expected and found; a CaseFileError carries every error found at once.  A number too long
to read is kept as a Huge, to be reported with its field.

An error may carry its message as a :class:`Msg`: a key of the translation table
(``reasoner/explain/messages.toml``, ``[error.<key>]``) with its parameters, so that the commands
show it in the user's language; ``message`` is always its English text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic_core import PydanticCustomError


class Msg(str):
    """A message by its key in the translation table and its parameters (a parameter may be a Msg
    itself: a reason inside a sentence).  It is its English text, as the table's ``en`` gives it: a
    str wherever a message is expected, with its key for the commands to translate it."""

    key: str
    params: tuple[tuple[str, object], ...]

    def __new__(cls, key: str, text: str, params: tuple[tuple[str, object], ...] = ()) -> Msg:
        obj = super().__new__(cls, text)
        obj.key = key
        obj.params = tuple(params)
        return obj

    def __reduce__(self) -> tuple:  # pickled with its key (batch rows cross processes)
        return (Msg, (self.key, str(self), self.params))

    @property
    def text(self) -> str:
        return str.__str__(self)


def keyed(key: str, text: str, /, **params: object) -> Msg:
    """A message: its key, its English text, and the parameters its translations name."""
    return Msg(key, text, tuple(params.items()))


def chained(msgs: list[Msg], key: str = "and_then", sep: str = "; ") -> Msg:
    """Messages one after the other (``a; b; c``) as one, each translated in its place."""
    out = msgs[-1]
    for m in reversed(msgs[:-1]):
        out = keyed(key, f"{m.text}{sep}{out.text}", first=m, rest=out)
    return out


def invalid(key: str, text: str, /, **params: object) -> PydanticCustomError:
    """A validator's error, keyed: pydantic reports it with ``key`` as its type and ``params`` as
    its context, and :mod:`.validate` makes it the keyed message ``text`` (a ValueError, so that a
    caller outside pydantic catches it as one)."""
    return PydanticCustomError(key, text, {**params, "_text": text})


class EditError(ValueError):
    """A bad edit of ``what-if --set`` or an answer of ``ask``: its message keyed, for the commands
    to show in the user's language."""

    def __init__(self, key: str, english: str, /, **params: object):
        super().__init__(english)
        self.detail = keyed(key, english, **params)


@dataclass(frozen=True)
class InputError:
    file: str
    path: str
    line: int | None
    message: str
    #: the message by its key, for the commands to translate (None: English only)
    detail: Msg | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, file: str, path: str, line: int | None, detail: Msg | str) -> InputError:
        """An error whose message may be keyed (a Msg, translated by the commands) or English only."""
        if isinstance(detail, Msg):
            return cls(file, path, line, detail.text, detail)
        return cls(file, path, line, detail)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(top level)'}: {self.message}"


class CaseFileError(Exception):
    """Bad input: carries every error found."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def path_text(loc: Sequence[object]) -> str:
    """A location as the error messages write it: ``("acts", 0, "date")`` -> ``acts[0].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def line_for(lines: dict, loc: tuple) -> int | None:
    """The line of a field, or of the nearest record around it that has one."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


class Huge:
    """An integer written with more than MAX_DIGITS digits: kept as its length and reported with its
    field, since Python refuses to convert it (and no figure the law counts comes near)."""

    def __init__(self, digits: int):
        self.digits = digits

    def __str__(self) -> str:
        return f"a number of {self.digits:,} digits"
