"""The atoms every offence shares: the solver's ceilings, the parties, the orders made to them, an
act's actor, kind, days and handling, the administrative penalties, and the reviewer findings."""

from __future__ import annotations

import datetime as dt

from clingo import String, Symbol

from reasoner.case.acts import Act
from reasoner.case.model import Case
from reasoner.case.parties import BasisKind, Order
from reasoner.case.values import UNKNOWN
from reasoner.law.catalogue import catalogue
from reasoner.solve.atoms.dates import act_dates, date
from reasoner.solve.atoms.facts import COUNT_CEILING, FEN_CEILING, SUM_BASE, Answer, date_number
from reasoner.solve.atoms.writer import Writer, atom


def ceilings(w: Writer) -> None:
    """The caps the rules must know to tell a capped figure from an exact one."""
    w.fact("count_ceiling", [COUNT_CEILING], "(reasoner: the cap on figures sent to the solver)", COUNT_CEILING)
    w.fact("fen_ceiling", [FEN_CEILING], "(reasoner: the cap on amounts sent to the solver)", FEN_CEILING)
    w.fact("sum_base", [SUM_BASE], "(reasoner: Art 16 sums in two parts to stay within 32 bits)", SUM_BASE)


def parties(w: Writer, c: Case) -> None:
    """Persons and units, the services they provide, a unit's responsible persons."""
    for i, p in enumerate(c.parties):
        pp = f"parties[{i}]"
        e = w.ent(p.id)
        w.fact("party", [e], pp, p.name)
        w.fact(p.kind, [e], f"{pp}.kind", p.kind)
        for j, s in enumerate(p.services):
            w.fact("service", [e, s.category.value], f"{pp}.services[{j}]", s.category.value)
        for j, r in enumerate(p.responsible_persons):
            w.fact("responsible", [e, w.ent(r.person), r.role.value], f"{pp}.responsible_persons[{j}]")


def order(w: Writer, i: int, o: Order) -> None:
    """A regulatory order: to whom, by whom, in what form, when, on what legal basis, and whether
    it was complied with."""
    pp = f"orders[{i}]"
    e = w.ent(o.id)
    w.fact("order", [e], pp)
    w.fact("order_to", [e, w.ent(o.to)], f"{pp}.to", o.to)
    w.fact("order_issuer", [e, o.issuer.kind.value], f"{pp}.issuer", o.issuer.name)
    w.flag("issuer_statutory_duty", [e], o.issuer.statutory_duty, f"{pp}.issuer.statutory_duty")
    w.choice("order_form", [e], o.form, ["rectification_notice", "other_document", "oral"], f"{pp}.form")
    date(w, "order_date", [e], o.date, f"{pp}.date")
    date(w, "order_deadline", [e], o.deadline, f"{pp}.deadline")
    if o.legal_basis == UNKNOWN:
        # the strongest kind of basis cited, or none (the rules ask only whether some basis is
        # of a given kind, so one kind stands for any list that contains it)
        answers = [Answer(None, ())] + [Answer(b.value, (atom("order_basis", e, b.value),)) for b in BasisKind]
        w.out.ask(f"{pp}.legal_basis", "choice", answers)
    else:
        for j, b in enumerate(o.legal_basis):
            w.fact("order_basis", [e, b.kind.value], f"{pp}.legal_basis[{j}]", b.name)
    w.flag("provider_capacity", [e], o.capacity_to_comply, f"{pp}.capacity_to_comply")
    complied = o.response.complied
    not_complied = UNKNOWN if complied == UNKNOWN else (not complied)
    w.flag("order_not_complied", [e], not_complied, f"{pp}.response.complied", negated=True)


def act_head(w: Writer, i: int, a: Act, as_of: dt.date | None, as_of_path: str) -> tuple[str, Symbol]:
    """What every act records: its actor, kind, days, the date of judgment, and whether it was
    already dealt with (Art 16's 未经处理); its field path and entity, for the offence's own atoms."""
    pp = f"acts[{i}]"
    e = w.ent(a.id)
    w.fact("act", [e], pp, a.description)
    w.fact("actor", [e, w.ent(a.actor)], f"{pp}.actor", a.actor)
    w.fact("act_kind", [e, a.kind], f"{pp}.kind", a.kind)
    act_dates(w, pp, e, a.date, as_of)
    if as_of is not None:
        w.fact("judgment_date", [e, date_number(as_of)], as_of_path, as_of)
    if a.handled == UNKNOWN:  # dealt with one way or the other, or not at all
        sanctions = [Answer(s, (atom("handled", e, s),)) for s in ("administrative_sanction", "criminal_sanction")]
        w.out.ask(f"{pp}.handled", "choice", [Answer(None, ()), *sanctions], absent="null")
    elif a.handled is not None:
        w.fact("handled", [e, a.handled], f"{pp}.handled", a.handled)
    return pp, e


def act_tail(w: Writer, pp: str, e: Symbol, a: Act) -> None:
    """Illegal gains (287-1 and 287-2) and the other crimes the conduct may also amount to."""
    w.money("illegal_gains", [e], a.illegal_gains, f"{pp}.illegal_gains")
    for j, name in enumerate(a.also_other_crime):
        w.fact("also_other_crime", [e, String(name)], f"{pp}.also_other_crime[{j}]", name)


def penalties(w: Writer, c: Case) -> None:
    """Administrative penalties: whom they were imposed on, for what, and when."""
    for i, pen in enumerate(c.admin_penalties):
        pp = f"admin_penalties[{i}]"
        e = w.ent(pen.id)
        w.fact("admin_penalty", [e], pp)
        w.fact("penalty_party", [e, w.ent(pen.party)], f"{pp}.party", pen.party)
        w.fact("penalty_for", [e, pen.for_], f"{pp}.for", pen.for_)
        date(w, "penalty_date", [e], pen.date, f"{pp}.date")


def findings(w: Writer, c: Case) -> None:
    """Reviewer findings: that a provision holds or fails for a subject; one still to be made is a
    question either way, and says which conclusions rest on it."""
    for i, fd in enumerate(c.findings):
        args = [String(fd.provision), w.ent(fd.subject)]
        if fd.holds == UNKNOWN:
            fails, holds = atom("finding_fails", *args), atom("finding_holds", *args)
            path = f"findings[{i}].holds"
            if catalogue()[fd.provision].finding_holds:
                w.out.ask(path, "bool", [Answer(False, (fails,)), Answer(True, (holds,))])
            else:  # a provision that takes only holds: false; else it is decided from the facts
                no_finding = "none (delete the finding)"
                w.out.ask(path, "choice", [Answer(False, (fails,)), Answer(None, ())], absent=no_finding)
            w.out.findings[fails] = w.out.findings[holds] = fd
            continue
        sym = atom("finding_holds" if fd.holds else "finding_fails", *args)
        w.out.add(sym, f"findings[{i}]", fd.reason)
        w.out.findings[sym] = fd
