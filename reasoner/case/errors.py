"""Input errors: each names the file, the field path, the line where the format gives one, and
what was expected and found; a CaseFileError carries every error found at once.  A number too long
to read is kept as a Huge, to be reported with its field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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
