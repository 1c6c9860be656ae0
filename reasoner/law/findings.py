"""What a reviewer finding can be about, read from the rules.

A provision that takes a finding (``finding_holds`` / ``finding_fails`` in a rule body) is about a
subject variable; the literals beside it that type that variable (``act(X)``, ``site(_, X)``, …)
say which kind of record of a case file the finding may name.
"""

from __future__ import annotations

from functools import cache

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
    """For each provision that takes a finding, the kinds of record the finding can be about,
    read from the rules: the literals beside the finding that type its subject variable."""
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
