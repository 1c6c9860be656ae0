"""Notes on a conclusion: what the rules attach to it besides holding (the statutory penalty with
the general part's bounds and their sources, who answers for a unit, the measures open to the court)."""

from __future__ import annotations

from reasoner.explain.i18n import describe, fmt_yuan, msg, paren, plain, sep, table, term
from reasoner.law.parameters import parameters
from reasoner.law.terms import String, SymbolType, Term

#: The statute's order of the penalties it names (三年以下有期徒刑、拘役或者管制，并处或者单处罚金).
_PENALTY_ORDER = ("fixed_term", "criminal_detention", "public_surveillance", "fine_alone_or_additional", "unit_fine")
#: Atoms that attach notes to a conclusion.
NOTE_PREDICATES = frozenset({"penalty", "liable", "note", "no_responsible_person"})


def notes(consequences: list[Term], pid: str, subj: Term, lang: str) -> list[str]:
    """What the rules attach to a conclusion besides holding: the statutory penalty with the general
    part's bounds and their sources, who answers for a unit, the measures open to the court.

    ``consequences`` are the model's atoms of NOTE_PREDICATES, sorted once per case (not per conclusion)."""
    penalties, rest = [], []
    for s in consequences:
        if s.name not in NOTE_PREDICATES or not s.arguments:
            continue
        if s.name == "no_responsible_person":
            if pid == "interp.14" and s.arguments[0] == subj:
                rest.append(describe(s, lang))
            continue
        if s.arguments[0] != String(pid) or s.arguments[1] != subj:
            continue
        if s.name == "penalty":
            kind, lo, hi = s.arguments[2].name, s.arguments[3].number, s.arguments[4].number
            text = msg("statutory_penalty", lang) + term(kind, lang)
            if hi:
                cites = sep(lang).join(dict.fromkeys(_param_cite(pid, f"{b}_{kind}_months") for b in ("min", "max")))
                text += msg("penalty_range", lang).format(lo=lo, hi=hi) + paren(cites, lang)
            penalties.append((_PENALTY_ORDER.index(kind) if kind in _PENALTY_ORDER else 99, text))
        elif s.name == "note":
            key = s.arguments[2]
            args = [
                a.number
                if a.type == SymbolType.Number
                else term(a.name, lang)
                if a.type == SymbolType.Function and a.name and not a.arguments
                else plain(a)
                for a in key.arguments
            ]
            text = table()["note"][key.name][lang]
            if key.name == "illegal_gains_recorded":
                args = [fmt_yuan(args[0], lang)]
            rest.append(text.format(*args))
        else:
            rest.append(describe(s, lang))
    return [t for _, t in sorted(penalties)] + rest


def _param_cite(pid: str, name: str) -> str:
    """Where a figure of the law comes from, as parameters.toml cites it."""
    for p in parameters():
        if p.provision == pid and p.name == name:
            return p.cite
    return pid
