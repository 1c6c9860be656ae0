"""The cards and accounts an act provided (the later documents read them: Opinions (II) 七、九, the
断卡 minutes, the 2025 Opinion), the money through them, and what the actor did with it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reasoner.case.acts import Act, Portion
from reasoner.case.cl_287_2 import Inflow
from reasoner.case.statement_sums import Flow
from reasoner.case.statements import owners
from reasoner.case.values import fen
from reasoner.law.terms import Function, Term
from reasoner.solve.atoms.candidates import figure_range
from reasoner.solve.atoms.facts import FLOW_CEILING, SUMMED_CEILING
from reasoner.solve.atoms.portions import recorded
from reasoner.solve.atoms.writer import Writer, atom

OWNERS = ("own", "others", "unit")


def card_atoms(w: Writer, pp: str, e: Term, a: Act) -> None:
    """Cards provided (counts by kind, owner and how), funds, and the flags of the CL 312 line."""
    for j, card in enumerate(a.cards):
        key = Function("cards", [Function(card.kind), Function(card.whose), Function(card.how)])
        recorded(
            w,
            key,
            card.count,
            f"{pp}.cards[{j}].count",
            "count",
            SUMMED_CEILING,
            lambda p, j=j: p.cards[j] if p.cards is not None and j < len(p.cards) else None,
            summed=True,
        )
    if a.statement is not None and a.cards:
        _funds_from_statement(w, pp, e, a)
    if a.funds is not None:
        _funds(w, pp, e, a)
    w.flag("moved_funds", [e], a.moved_funds, f"{pp}.moved_funds")
    w.flag("face_verification", [e], a.face_verification, f"{pp}.face_verification")
    w.flag("knew_criminal_proceeds", [e], a.knew_criminal_proceeds, f"{pp}.knew_criminal_proceeds")


def _inflow_part(p: Portion, whose: str, single: bool) -> object:
    if p.funds is None or p.funds.inflow is None:
        return None
    if isinstance(p.funds.inflow, Inflow):
        return getattr(p.funds.inflow, whose)
    return p.funds.inflow if single else None


def _funds(w: Writer, pp: str, e: Term, a: Act) -> None:
    """Money in (by owner, and its total), out, verified as fraud money, and shown lawful."""
    f = a.funds
    assert f is not None
    if isinstance(f.inflow, Inflow):
        by_owner = {o: getattr(f.inflow, o) for o in OWNERS}
        paths = {o: f"{pp}.funds.inflow.{o}" for o in OWNERS}
    elif f.inflow is not None:  # one figure: the cards are all of one owner (checked on reading)
        whose = a.cards[0].whose if a.cards else "own"
        by_owner, paths = {whose: f.inflow}, {whose: f"{pp}.funds.inflow"}
    else:
        by_owner, paths = {}, {}
    single = len(by_owner) == 1
    for o, v in by_owner.items():
        part = lambda p, o=o: _inflow_part(p, o, single)  # noqa: E731
        recorded(w, Function("inflow", [Function(o)]), v, paths[o], "fen", FLOW_CEILING, part)
    given = [v for v in by_owner.values() if v is not None]
    total_key = Function("inflow_total")
    if given and all(figure_range(v, "fen", FLOW_CEILING) is None for v in given):
        # the total over owners, summed exactly here (a sum of recorded figures) and capped
        total = sum(fen(v) for v in given)
        w.capped("recorded", [e, total_key], total, FLOW_CEILING, f"{pp}.funds.inflow", exact=Decimal(total) / 100)
    elif given:  # some part known only within bounds: the total lies within the sums of the bounds
        ranges = [figure_range(v, "fen", FLOW_CEILING) or (min(fen(v), FLOW_CEILING),) * 2 for v in given]
        low = min(sum(r[0] for r in ranges), FLOW_CEILING)
        high = min(sum(r[1] for r in ranges), FLOW_CEILING)
        answers = w.range_answers("recorded", [e, total_key], low, high, "fen", False, frozenset())
        w.out.ask(f"{pp}.funds.inflow", "money", answers, low=low, high=high, bounded_above=True)
    for name, key in (("outflow", "outflow"), ("verified_fraud", "verified_fraud"), ("lawful", "lawful_funds")):
        recorded(
            w,
            Function(key),
            getattr(f, name),
            f"{pp}.funds.{name}",
            "fen",
            FLOW_CEILING,
            lambda p, n=name: getattr(p.funds, n) if p.funds is not None else None,
        )


def _flow_fact(w: Writer, key: Term, fen_of: Callable[[Flow], int], flows: list[Flow], path: str) -> None:
    """One figure summed from a statement's rows (``flows``: the whole, then the part from each cut),
    exact in the explanation (the rows and accounts that make it) and capped for the solver."""
    e = w.subject
    whole, *parts = flows
    v = fen_of(whole)
    w.out.add(atom("recorded", e, key, min(v, FLOW_CEILING)), path, Decimal(v) / 100, v > FLOW_CEILING, whole)
    for cut, part in zip(w.cuts, parts, strict=True):
        v = fen_of(part)
        sym = atom("part", e, key, Function(cut.label), min(v, FLOW_CEILING))
        w.out.add(sym, path, Decimal(v) / 100, v > FLOW_CEILING, part)


def _funds_from_statement(w: Writer, pp: str, e: Term, a: Act) -> None:
    """The money through the cards provided, from the act's statement (checked on reading:
    case.statements): one-way inflow by whose the cards were, with the rows and accounts that make
    it; the total inflow and the outflow; and the verified fraud money of the flagged inflow rows."""
    t = a.statement.totals
    days = [None] + [cut.day for cut in w.cuts]
    path = f"{pp}.statement"

    def flows(accounts: frozenset[str] | None) -> list[Flow]:
        return [t.flow(accounts, d) for d in days]

    for whose, accounts in owners(a).items():
        _flow_fact(w, Function("inflow", [Function(whose)]), lambda f: f.inflow_fen, flows(accounts), path)
    everything = flows(None)
    _flow_fact(w, Function("inflow_total"), lambda f: f.inflow_fen, everything, path)
    _flow_fact(w, Function("outflow"), lambda f: f.outflow_fen, everything, path)
    if t.has_flags:
        _flow_fact(w, Function("verified_fraud"), lambda f: f.fraud_in_fen, everything, path)
