"""Where the law is: the rule packs, one folder per source document under ``asp/``.

Each pack has a ``pack.toml`` (the document), ``parameters.toml`` (its figures),
``provisions.toml`` (source text and labels) and its ``.lp`` rule files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reasoner.law.kept import read_toml
from reasoner.law.terms import Function, Number, String, Term


@cache
def rules_dir() -> Path:
    """The folder of rule packs: ``asp/`` beside the package in a checkout, or the package data
    ``reasoner/asp`` of an installed wheel.  Each pack is a sub-folder with a ``pack.toml``."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "asp", package / "asp"):
        if any(candidate.glob("*/pack.toml")):
            return candidate
    raise RuntimeError(f"the rule packs (asp/*/pack.toml) are not found next to {package}")


def pack_dirs() -> list[Path]:
    """The rule packs' folders, in a fixed order (by name)."""
    return sorted(p.parent for p in rules_dir().glob("*/pack.toml"))


def pack_files(name: str) -> list[Path]:
    """One data file of every pack that has it (``parameters.toml``, ``provisions.toml``), in pack order."""
    return [d / name for d in pack_dirs() if (d / name).is_file()]


def rule_files() -> list[Path]:
    """Rule files of every pack, ordered by file name (as they were when asp/ was flat), so that
    grounding, the catalogue's order and the output are deterministic."""
    return sorted((f for d in pack_dirs() for f in d.glob("*.lp")), key=lambda f: f.name)


@cache
def rule_path(name: str) -> Path:
    """The path of a rule file named by its file name (as explanations cite it: ``cl_287-2.lp``)."""
    for f in rule_files():
        if f.name == name:
            return f
    raise KeyError(name)


@dataclass(frozen=True)
class Pack:
    """A source document and its rules: what ``pack.toml`` says of it."""

    id: str
    prefix: str  # of its provision ids: op2021.9.1
    title: str
    short_zh: str
    short_en: str
    kind: str  # law | judicial_interpretation | normative_document
    in_force: dt.date
    in_force_assumed: bool
    in_force_note: str
    confidence: str
    source: str
    folder: Path
    number: str | None = None
    issued: dt.date | None = None
    para_style: str = "numeral"  # how its articles are numbered: numeral (第五条), numeral_comma (九、), arabic (第9条)
    #: the offences its rules speak to (empty: all of them): a printout names it only for those
    offences: tuple[str, ...] = ()

    def short(self, lang: str) -> str:
        return self.short_zh if lang == "zh" else self.short_en

    @property
    def digest(self) -> str:
        """sha256 of the pack's files (by name and content, in name order): pinned in the memo's receipt."""
        h = hashlib.sha256()
        for f in sorted(self.folder.iterdir(), key=lambda f: f.name):
            if f.is_file():
                h.update(f.name.encode() + b"\0" + f.read_bytes())
        return h.hexdigest()

    def symbols(self) -> list[Term]:
        """The facts the rules read: ``pack(P)`` and ``pack_in_force(P, YYYYMMDD)``."""
        day = self.in_force.year * 10000 + self.in_force.month * 100 + self.in_force.day
        return [Function("pack", [String(self.id)]), Function("pack_in_force", [String(self.id), Number(day)])]


@cache
def packs() -> tuple[Pack, ...]:
    """Every pack, in folder order."""
    out = []
    for d in pack_dirs():
        data = read_toml(d / "pack.toml")
        out.append(
            Pack(
                id=data["id"],
                prefix=data["prefix"],
                title=data["title"],
                short_zh=data["short_zh"],
                short_en=data["short_en"],
                kind=data["kind"],
                in_force=data["in_force"],
                in_force_assumed=bool(data.get("in_force_assumed", False)),
                in_force_note=data.get("in_force_note", data.get("in_force_source", "")),
                confidence=data["confidence"],
                source=data["source"],
                folder=d,
                number=data.get("number"),
                issued=data.get("issued"),
                para_style=data.get("para_style", "numeral"),
                offences=tuple(data.get("offences", ())),
            )
        )
    return tuple(out)


def by_id() -> dict[str, Pack]:
    return {p.id: p for p in packs()}


def by_prefix() -> dict[str, Pack]:
    return {p.prefix: p for p in packs()}


def standard_packs() -> tuple[Pack, ...]:
    """The packs whose standards change with the day: the documents that apply the offences (the
    Criminal Law is handled by CL 12; the 2001 rule is the rule that chooses, not a standard)."""
    return tuple(p for p in packs() if p.kind != "law" and p.id != "effect-2001")


def in_force_on(day: dt.date) -> frozenset[str]:
    """The ids of the standard packs in force on a day."""
    return frozenset(p.id for p in standard_packs() if p.in_force <= day)


def standards_day(text: str) -> dt.date:
    """The day named by ``--standards``: a day (YYYY-MM-DD), a pack's id, or a year that names one
    pack (``2019`` is 法释〔2019〕15号, ``2021`` Opinions (II), ``2025`` the 2025 Opinion)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for p in standard_packs():
        if p.id == text:
            return p.in_force
    named = [p for p in standard_packs() if text.isdigit() and p.in_force.year == int(text)]
    if len(named) == 1:
        return named[0].in_force
    choices = ", ".join(p.id for p in standard_packs())
    raise ValueError(f"expected a day YYYY-MM-DD, a pack ({choices}) or a year naming one pack, found {text!r}")


@cache
def labels() -> dict[str, dict]:
    """Every provision's entry in the packs' provisions.toml (source text, labels, confidence)."""
    out: dict = {}
    for f in pack_files("provisions.toml"):
        out.update(read_toml(f))
    return out
