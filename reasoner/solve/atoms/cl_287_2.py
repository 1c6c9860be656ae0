"""The atoms of an act of assisting network crime (CL 287-2): the help given, the parties helped
and what is known of their crimes (Arts 12, 13), knowledge (Art 11), and the money settled or
provided (Art 12), exact from a statement when one was summed."""

from __future__ import annotations

from clingo import Symbol

from reasoner.case.acts import Act
from reasoner.case.cl_287_2 import AssistedParty, Knowledge
from reasoner.solve.atoms.facts import FEN_CEILING
from reasoner.solve.atoms.writer import Writer, atom


def act_atoms(w: Writer, pp: str, e: Symbol, a: Act) -> None:
    """The atoms of the act's own fields (``pp`` its field path, ``e`` its entity)."""
    for j, h in enumerate(a.help):
        w.fact("help", [e, h], f"{pp}.help[{j}]", h)
    for j, x in enumerate(a.assisted):
        _assisted(w, f"{pp}.assisted[{j}]", e, x)
    if a.knowledge is not None:
        _knowledge(w, f"{pp}.knowledge", e, a.knowledge)
    w.money("payment_settlement", [e], a.payment_settlement, f"{pp}.payment_settlement")
    if a.statement is not None:  # summed from the rows of a statement (case.statements), exact, then capped
        t = a.statement.totals
        total = t.settlement_fen
        sym = atom("payment_settlement", e, min(total, FEN_CEILING))
        w.out.add(sym, f"{pp}.statement", t.settlement_yuan, saturated=total > FEN_CEILING, source=t)
    w.money("advertising_funds", [e], a.advertising_funds, f"{pp}.advertising_funds")


def _assisted(w: Writer, xp: str, e: Symbol, x: AssistedParty) -> None:
    xe = w.ent(x.id)
    w.fact("assisted", [e, xe], xp, x.description)
    w.flag("assisted_uses_network", [xe], x.uses_network, f"{xp}.uses_network")
    w.choice("assisted_reaches_crime", [xe], x.reaches_crime, ["yes", "no", "unverifiable"], f"{xp}.reaches_crime")
    w.flag("assisted_confirmable", [xe], x.confirmable, f"{xp}.confirmable")
    if x.author_status:
        w.fact("assisted_author_status", [xe, x.author_status], f"{xp}.author_status", x.author_status)


def _knowledge(w: Writer, kp: str, e: Symbol, k: Knowledge) -> None:
    """Knowledge proven, the indicators it is presumed from, and the counter-evidence offered."""
    if k.proven is True:
        w.fact("knowledge_proven", [e], f"{kp}.proven", k.evidence)
    else:
        w.flag("knowledge_proven", [e], k.proven, f"{kp}.proven")
    for j, ind in enumerate(k.indicators):
        ip = f"{kp}.indicators[{j}]"
        if isinstance(ind, str):
            w.fact("knowledge_indicator", [e, ind], ip, ind)
        elif ind.present is True:
            w.fact("knowledge_indicator", [e, ind.indicator], f"{ip}.present", ind.evidence or ind.indicator)
        else:
            w.flag("knowledge_indicator", [e, ind.indicator], ind.present, f"{ip}.present")
    for j, ce in enumerate(k.counter_evidence):
        cp = f"{kp}.counter_evidence[{j}]"
        if isinstance(ce, str):
            w.fact("counter_evidence", [e, j + 1], cp, ce)
        elif ce.accepted is True:
            w.fact("counter_evidence", [e, j + 1], f"{cp}.accepted", ce.text)
        else:
            w.flag("counter_evidence", [e, j + 1], ce.accepted, f"{cp}.accepted")
