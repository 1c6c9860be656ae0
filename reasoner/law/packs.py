"""Where the law is: the rule packs, one folder per source document under ``asp/``.

Each pack has a ``pack.toml`` (the document), ``parameters.toml`` (its figures),
``provisions.toml`` (source text and labels) and its ``.lp`` rule files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


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
