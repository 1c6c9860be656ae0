"""The atoms of an act of assisting network crime (CL 287-2): the help given, the parties helped
and what is known of their crimes (Arts 12, 13), knowledge (Art 11), the money settled or provided
(Art 12), exact from a statement when one was summed, and the cards and accounts provided."""

from __future__ import annotations

from decimal import Decimal

from reasoner.case.acts import Act
from reasoner.case.cl_287_2 import AssistedParty, Knowledge
from reasoner.case.model import Case
from reasoner.law.terms import Function, Term
from reasoner.solve.atoms.cards import card_atoms
from reasoner.solve.atoms.facts import FEN_CEILING
from reasoner.solve.atoms.portions import money_figure
from reasoner.solve.atoms.writer import Writer, atom


def act_atoms(w: Writer, pp: str, e: Term, a: Act, case: Case, knowledge: tuple[Knowledge, str] | None) -> None:
    """The atoms of the act's own fields (``pp`` its field path, ``e`` its subject); ``knowledge``
    is the person's own (one of several who did it together) or the act's, with its field path."""
    for j, h in enumerate(a.help):
        w.fact("help", [e, h], f"{pp}.help[{j}]", h)
    declared = {x.id: i for i, x in enumerate(case.assisted_parties)}
    for j, x in enumerate(a.assisted):
        xp = f"{pp}.assisted[{j}]"
        if isinstance(x, str):
            party = case.assisted_parties[declared[x]]
            assisted_party(w, party, f"assisted_parties[{declared[x]}]")
            w.fact("assisted", [e, w.ent(x)], xp, party.description)
        else:
            assisted_party(w, x, xp)
            w.fact("assisted", [e, w.ent(x.id)], xp, x.description)
    if knowledge is not None:
        _knowledge(w, knowledge[1], e, knowledge[0])
    money_figure(w, "payment_settlement", a.payment_settlement, FEN_CEILING)
    if a.statement is not None:  # summed from the rows of a statement (case.statements), exact, then capped
        t = a.statement.totals
        total = t.settlement_fen
        key = Function("payment_settlement")
        sym = atom("recorded", e, key, min(total, FEN_CEILING))
        w.out.add(sym, f"{pp}.statement", t.settlement_yuan, saturated=total > FEN_CEILING, source=t)
        for cut in w.cuts:  # the rows from a day that divides the act (CL 12), by their dates
            if cut.day is not None:
                flow = t.flow(None, cut.day)
                part = flow.settlement(t.settlement)
                psym = atom("part", e, key, Function(cut.label), min(part, FEN_CEILING))
                w.out.add(psym, f"{pp}.statement", Decimal(part) / 100, saturated=part > FEN_CEILING, source=flow)
    money_figure(w, "advertising_funds", a.advertising_funds, FEN_CEILING)
    card_atoms(w, pp, e, a)


def assisted_party(w: Writer, x: AssistedParty, xp: str) -> None:
    """An assisted party's own facts, once however many acts helped it."""
    xe = w.ent(x.id)
    if atom("assisted_party", xe) in w.out.atoms:
        return
    w.fact("assisted_party", [xe], xp, x.description)
    w.flag("assisted_uses_network", [xe], x.uses_network, f"{xp}.uses_network")
    w.choice("assisted_reaches_crime", [xe], x.reaches_crime, ["yes", "no", "unverifiable"], f"{xp}.reaches_crime")
    # not recorded: open (Art 13 needs it; where the author has been tried the rules imply it)
    w.flag("assisted_confirmable", [xe], x.confirmable if x.confirmable is not None else "unknown", f"{xp}.confirmable")
    if x.author_status:
        w.fact("assisted_author_status", [xe, x.author_status], f"{xp}.author_status", x.author_status)
    if x.crime_kind:
        w.fact("assisted_crime_kind", [xe, x.crime_kind], f"{xp}.crime_kind", x.crime_kind)


def _knowledge(w: Writer, kp: str, e: Term, k: Knowledge) -> None:
    """Knowledge proven, the indicators it is presumed from, and the counter-evidence offered."""
    if k.proven is True:
        w.fact("knowledge_proven", [e], f"{kp}.proven", k.evidence, evidence=k.evidence)
    else:
        w.flag("knowledge_proven", [e], k.proven, f"{kp}.proven")
    for j, ind in enumerate(k.indicators):
        ip = f"{kp}.indicators[{j}]"
        if isinstance(ind, str):
            w.fact("knowledge_indicator", [e, ind], ip, ind)
        elif ind.present is True:
            w.fact(
                "knowledge_indicator",
                [e, ind.indicator],
                f"{ip}.present",
                ind.evidence or ind.indicator,
                evidence=ind.evidence,
            )
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
