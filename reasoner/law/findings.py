"""What a reviewer finding can be about, read from the rules.

A provision that takes a finding (``finding_holds`` / ``finding_fails`` in a rule body) is about a
subject variable; the literals beside it that type that variable (``act(X)``, ``site(_, X)``, …)
say which kind of record of a case file the finding may name.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from reasoner.law.program import cache_file as program_cache_file
from reasoner.law.program import program

#: Literals that say what kind of record a variable is: (predicate, argument position) -> kind.
_TYPING = {
    ("service", 0): "party",
    **{
        (p, 0): "order"
        for p in (
            "order",
            "order_to",
            "order_issuer",
            "order_basis",
            "provider_capacity",
            "order_not_complied",
            "order_form",
            "issuer_statutory_duty",
        )
    },
    **{
        (p, 0): "act"
        for p in (
            "act",
            "act_kind",
            "actor",
            "act_order",
            "duty_not_performed",
            "user_info_leaked",
            "evidence_loss",
            "duty_lapse",
            "used_for_attack",
            "used_for_crime",
            "public_network_damaged",
            "knowledge_indicator",
            "help",
            "site",
            "assisted",
            "publishing",
            "publish_method",
            "harm",
            "complaint_date",
        )
    },
    ("prosecution_start", 0): "party",
    ("site", 1): "site",
    ("site_kind", 0): "site",
    ("site_purpose", 0): "site",
    ("assisted", 1): "assisted",
    ("assisted_uses_network", 0): "assisted",
    ("assisted_reaches_crime", 0): "assisted",
}


@cache
def finding_subjects() -> dict[str, frozenset[str]]:
    """For each provision that takes a finding, the kinds of record the finding can be about (read
    from the rules once and kept beside the compiled program: every case file's findings are
    checked against it, and reading it walks every rule's AST)."""
    path = _cache_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {pid: frozenset(kinds) for pid, kinds in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    found = _read_from_rules()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({k: sorted(v) for k, v in sorted(found.items())}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written is skipped
    return found


def _cache_file() -> Path:
    """Beside the compiled program, keyed by it and by this module."""
    program_file = program_cache_file()
    mine = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return program_file.with_name(f"findings-{program_file.stem.removeprefix('program-')}-{mine}.json")


def _read_from_rules() -> dict[str, frozenset[str]]:
    """The literals beside each finding that type its subject variable, read from the rules."""
    rules = program().rules
    head_kind: dict[str, set[str]] = {}

    def kinds_of(var: str, body: list, seen: frozenset) -> set[str]:
        out: set[str] = set()
        for lit in body:
            a = getattr(lit, "atom", None)
            if a is None or a.ast_type.name != "SymbolicAtom" or a.symbol.ast_type.name != "Function":
                continue
            sym = a.symbol
            for i, arg in enumerate(sym.arguments):
                if arg.ast_type.name == "Variable" and arg.name == var:
                    if (sym.name, i) in _TYPING:
                        out.add(_TYPING[(sym.name, i)])
                    elif sym.name == "holds" and i == 1 and sym.arguments[0].ast_type.name == "SymbolicTerm":
                        out |= subject_kind(sym.arguments[0].symbol.string, seen)
        return out

    def subject_kind(pid: str, seen: frozenset = frozenset()) -> set[str]:
        if pid in head_kind:
            return head_kind[pid]
        if pid in seen:
            return set()
        out: set[str] = set()
        for r in rules:
            if r.head_id == pid:
                out |= kinds_of(r.head.arguments[1].name, r.body, seen | {pid})
        head_kind[pid] = out
        return out

    result: dict[str, set[str]] = {}
    for r in rules:
        for lit in r.body if r.findings else []:
            a = getattr(lit, "atom", None)
            if a is None or a.ast_type.name != "SymbolicAtom" or a.symbol.ast_type.name != "Function":
                continue
            if a.symbol.name in ("finding_holds", "finding_fails"):
                pid = a.symbol.arguments[0].symbol.string
                var = a.symbol.arguments[1].name
                result.setdefault(pid, set()).update(kinds_of(var, r.body, frozenset()))
    return {pid: frozenset(k) for pid, k in result.items()}
