"""The catalogue of encoded provisions: ids, citations, source text, labels, rule files.

A provision is encoded where a rule file marks it (``%! provision: <id>``); its source text and
labels come from the packs' ``provisions.toml``, its citation from its id (:mod:`.citations`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from reasoner.law.citations import cite
from reasoner.law.packs import pack_files, rule_files
from reasoner.law.program import program
from reasoner.law.transform import provision_lines

#: The three offences (CL 286-1, 287-1, 287-2): the conclusions a printout explains by default and
#: the ones batch screening reports.
OFFENCES = ("cl.286-1", "cl.287-1", "cl.287-2")


@dataclass(frozen=True)
class Provision:
    id: str
    text: str
    zh: str
    en: str
    file: str
    line: int
    finding: bool  # whether a reviewer finding can establish or defeat it
    finding_holds: bool = True  # whether a finding that it holds is used (else only one that it does not)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def citation(self, lang: str) -> str:
        return cite(self.id, lang)


@cache
def catalogue() -> dict[str, Provision]:
    """Every encoded provision, keyed by id, in the order of the rule files."""
    labels: dict = {}
    for f in pack_files("provisions.toml"):
        labels.update(tomllib.loads(f.read_text(encoding="utf-8")))
    prog = program()
    with_finding = prog.finding_provisions
    out: dict[str, Provision] = {}
    for path in rule_files():
        for line, pid in provision_lines(path):
            if pid in out:
                continue
            entry = labels.get(pid)
            if entry is None:
                raise RuntimeError(f"{path.name}:{line}: provision {pid} has no entry in provisions.toml")
            out[pid] = Provision(
                pid,
                entry["text"],
                entry["zh"],
                entry["en"],
                path.name,
                line,
                pid in with_finding,
                pid in prog.positive_findings,
            )
    return out
