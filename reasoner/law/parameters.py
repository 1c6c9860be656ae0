"""The figures of the law (thresholds, multiples, periods) as cited data, apart from the rules.

They live in each rule pack's ``parameters.toml`` (``asp/*/parameters.toml``); each becomes the
fact ``param(Provision, Name, Value)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from reasoner.law.kept import read_toml
from reasoner.law.packs import pack_files
from reasoner.law.terms import Function, Number, String, Term


@dataclass(frozen=True)
class Param:
    provision: str
    name: str
    value: int
    unit: str
    cite: str
    source: str
    verbatim: bool = True  # the source is quoted from the texts in ../shared/law

    @property
    def symbol(self) -> Term:
        return Function("param", [String(self.provision), Function(self.name), Number(self.value)])


@cache
def parameters() -> tuple[Param, ...]:
    out = []
    for f in pack_files("parameters.toml"):
        for entry in read_toml(f)["param"]:
            p = Param(**entry)
            if not isinstance(p.value, int) or not 0 <= p.value < 2**31:
                raise ValueError(f"{f}: {p.provision} {p.name}: value must be a 32-bit integer")
            out.append(p)
    return tuple(out)


@cache
def by_symbol() -> dict[Term, Param]:
    return {p.symbol: p for p in parameters()}


@cache
def amendment_9_day() -> dt.date:
    """The day CL 286-1, 287-1 and 287-2 came into force (CL 12 reads it; a cited parameter)."""
    n = next(p.value for p in parameters() if (p.provision, p.name) == ("cl.12.1", "amendment_9_in_force"))
    return dt.date(n // 10000, n // 100 % 100, n % 100)
