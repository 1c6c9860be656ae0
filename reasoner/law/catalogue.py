"""The catalogue of encoded provisions: ids, citations, source text, labels, rule files.

A provision is encoded where a rule file marks it (``%! provision: <id>``); its source text and
labels come from the packs' ``provisions.toml``, its citation from its id (:mod:`.citations`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reasoner.law.citations import cite
from reasoner.law.packs import labels, packs, rule_files
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
    pack: str = ""  # the rule pack (source document) it belongs to
    confidence: str = "high"  # how sure its text is: high | medium | low
    verbatim: bool = True  # whether its text is the document's wording as verified

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def citation(self, lang: str) -> str:
        return cite(self.id, lang)


@cache
def catalogue() -> dict[str, Provision]:
    """Every encoded provision, keyed by id, in the order of the rule files."""
    entries = labels()
    pack_of = {p.prefix: p.id for p in packs()}
    prog = program()
    with_finding = prog.finding_provisions
    out: dict[str, Provision] = {}
    for path in rule_files():
        for line, pid in provision_lines(path):
            if pid in out:
                continue
            entry = entries.get(pid)
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
                pack_of.get(pid.split(".")[0], ""),
                entry.get("confidence", "high"),
                bool(entry.get("verbatim", True)),
            )
    return out
