"""Whether the case has any act of the kind an offence is about: read from the rules' own list of
which kind of act each offence is for (``offence_of/2`` in the rule files) and the acts the case
records (``act_kind/2``).  why-not answers in one line where it has none."""

from __future__ import annotations

from reasoner.explain.i18n import msg, term
from reasoner.law.catalogue import catalogue
from reasoner.law.terms import SymbolType, Term
from reasoner.solve.result import Result


def kind_missing(result: Result, pid: str) -> Term | None:
    """The kind of act ``pid`` (an offence, or a provision of its article) is about, when the case
    records no act of that kind; None otherwise."""
    for s in result.model:
        if s.name != "offence_of" or len(s.arguments) != 2 or s.arguments[1].type != SymbolType.String:
            continue
        kind, offence = s.arguments
        if pid != offence.string and not pid.startswith(offence.string + "."):
            continue
        if not any(a.name == "act_kind" and len(a.arguments) == 2 and a.arguments[1] == kind for a in result.model):
            return kind
    return None


def kind_missing_text(kind: Term, pid: str, lang: str) -> str:
    """本案没有非法利用信息网络行为：<label>（<citation>）无从成立。"""
    prov = catalogue().get(pid)
    return msg("no_act_of_kind", lang).format(
        kind=term(kind.name, lang),
        label=prov.label(lang) if prov else pid,
        citation=prov.citation(lang) if prov else pid,
    )
