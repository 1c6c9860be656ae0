"""The engine: rules plus case atoms into clingo, conclusions and fired rules out.

The rule files are parsed once per process, passed through the provenance transform, and reused.
A case's atoms are added with clingo's backend (symbols, never source text).  Facts recorded as
not known become external atoms: false for the conclusions (not established), and free when
asking which conclusions could change if they were established (brave and cautious consequences).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import clingo
from clingo import Symbol, SymbolType, ast

from .catalogue import rule_files, rules_dir
from .facts import Facts, case_facts
from .model import Case
from .params import parameters
from .transform import AGGEL, FIRED, ProvenanceTransform, RuleInfo


@dataclass
class Program:
    """The transformed rules, ready to add to a Control."""

    statements: list
    rules: list[RuleInfo]
    finding_provisions: frozenset[str]
    positive_findings: frozenset[str]
    digest: str


@cache
def program() -> Program:
    t = ProvenanceTransform()
    h = hashlib.sha256()
    for f in rule_files():
        t.add_file(f)
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    findings: set[str] = set()
    positive: set[str] = set()
    for r in t.rules:
        for lit in r.body:
            a = getattr(lit, "atom", None)
            if a is not None and a.ast_type == ast.ASTType.SymbolicAtom:
                s = a.symbol
                if s.ast_type == ast.ASTType.Function and s.name in ("finding_holds", "finding_fails"):
                    first = s.arguments[0]
                    if first.ast_type == ast.ASTType.SymbolicTerm and first.symbol.type == SymbolType.String:
                        findings.add(first.symbol.string)
                        if s.name == "finding_holds":
                            positive.add(first.symbol.string)
    # The digest covers everything that decides or words a conclusion: rules, figures, labels.
    for data in (
        rules_dir() / "parameters.toml",
        rules_dir() / "provisions.toml",
        Path(__file__).with_name("messages.toml"),
    ):
        h.update(data.name.encode() + b"\0" + data.read_bytes())
    return Program(t.statements, t.rules, frozenset(findings), frozenset(positive), h.hexdigest())


@dataclass
class Result:
    """What clingo concluded for one case."""

    facts: Facts
    model: frozenset[Symbol]
    fired: dict[Symbol, list[tuple[int, Symbol]]]
    aggregates: dict[tuple, list[tuple[Symbol, Symbol]]]
    possible: frozenset[Symbol] = field(default_factory=frozenset)  # holds in some completion
    certain: frozenset[Symbol] = field(default_factory=frozenset)  # holds in every completion
    #: for each not-known fact, the conclusions that change when it alone is established
    flips: dict[Symbol, frozenset[Symbol]] = field(default_factory=dict)

    def holds(self, pid: str, subject: Symbol) -> bool:
        return clingo.Function("holds", [clingo.String(pid), subject]) in self.model

    def depends_on_unknown(self, atom: Symbol) -> bool:
        """Whether establishing the not-known facts could change this atom's truth."""
        if not self.facts.unknown:
            return False
        return (atom in self.model) != (atom in self.certain) or (atom not in self.model and atom in self.possible)


def _control() -> clingo.Control:
    ctl = clingo.Control(["--warn=none"])
    with ast.ProgramBuilder(ctl) as b:
        for stm in program().statements:
            b.add(stm)
    return ctl


def _add_facts(ctl: clingo.Control, facts: Facts) -> None:
    with ctl.backend() as be:
        for p in parameters():
            be.add_rule([be.add_atom(p.symbol)])
        for sym in facts.atoms:
            be.add_rule([be.add_atom(sym)])
        for sym in facts.unknown:
            be.add_external(be.add_atom(sym), clingo.TruthValue.False_)


def reason(case: Case) -> Result:
    """Ground and solve one case."""
    facts = case_facts(case)
    ctl = _control()
    _add_facts(ctl, facts)
    ctl.ground([("base", [])])
    model: list[Symbol] = []

    def keep(m: clingo.Model) -> None:
        model[:] = m.symbols(atoms=True)

    ctl.solve(on_model=keep)
    shown = frozenset(s for s in model if not s.name.startswith("__"))
    fired: dict[Symbol, list[tuple[int, Symbol]]] = defaultdict(list)
    aggs: dict[tuple, list[tuple[Symbol, Symbol]]] = defaultdict(list)
    for s in model:
        if s.name == FIRED:
            k, head, body = s.arguments
            fired[head].append((k.number, body))
        elif s.name == AGGEL:
            k, j, g, terms, conds = s.arguments
            aggs[(k.number, j.number, g)].append((terms, conds))
    for v in fired.values():
        v.sort()
    for v in aggs.values():
        v.sort()
    result = Result(facts, shown, dict(fired), dict(aggs))
    if facts.unknown:
        base = frozenset(s for s in shown if s.name == "holds")
        for sym in facts.unknown:
            ctl.assign_external(sym, True)
            changed = _consequences(ctl, "auto") ^ base
            ctl.assign_external(sym, False)
            result.flips[sym] = changed
        for sym in facts.unknown:
            ctl.assign_external(sym, None)
        result.possible = _consequences(ctl, "brave")
        result.certain = _consequences(ctl, "cautious")
    return result


def _consequences(ctl: clingo.Control, mode: str) -> frozenset[Symbol]:
    ctl.configuration.solve.enum_mode = mode
    ctl.configuration.solve.models = 1 if mode == "auto" else 0
    last: list[Symbol] = []
    with ctl.solve(yield_=True) as handle:
        for m in handle:
            last = [s for s in m.symbols(atoms=True) if s.name == "holds"]
    return frozenset(last)
