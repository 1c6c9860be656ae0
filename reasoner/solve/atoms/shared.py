"""The atoms every offence shares: the solver's ceilings, the parties, the orders made to them, an
act's actor, kind, days and handling, the administrative penalties, and the reviewer findings."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from reasoner.case.acts import Act, Participant
from reasoner.case.model import Case, Finding
from reasoner.case.parties import BasisKind, Order, Party
from reasoner.case.values import UNKNOWN, DateRange, earliest
from reasoner.law.catalogue import catalogue
from reasoner.law.parameters import parameters
from reasoner.law.terms import Function, String, Term
from reasoner.solve.atoms.dates import act_dates, date, day_question, earliest_start, next_day_atoms
from reasoner.solve.atoms.facts import COUNT_CEILING, FEN_CEILING, SUM_BASE, Answer, date_number
from reasoner.solve.atoms.portions import money_figure
from reasoner.solve.atoms.writer import Writer, atom


def ceilings(w: Writer) -> None:
    """The caps the rules must know to tell a capped figure from an exact one, and the standards
    the case is weighed under (asp/effect-2001/)."""
    w.fact("count_ceiling", [COUNT_CEILING], "(reasoner: the cap on figures sent to the solver)", COUNT_CEILING)
    w.fact("fen_ceiling", [FEN_CEILING], "(reasoner: the cap on amounts sent to the solver)", FEN_CEILING)
    w.fact("sum_base", [SUM_BASE], "(reasoner: Art 16 sums in two parts to stay within 32 bits)", SUM_BASE)
    s = w.setting
    if s is not None and s.two_worlds:
        w.fact("world_in_use", [w.world], "(reasoner: the standards of the act's time and at judgment)")
    if s is not None and s.standards is not None:
        w.fact("standards_fixed", [date_number(s.standards)], "--standards", s.standards)


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
        date(w, "birth_date", [e], p.birth_date, f"{pp}.birth_date")
        _prosecution_start(w, c, i, p)


def _prosecution_start(w: Writer, c: Case, i: int, p: Party) -> None:
    """The day prosecution began for a party (CL 88): its own, the case's, or a day not known,
    which lies between the party's first act and the judgment.  Asked only where the limitation
    period may have run for one of its acts before the judgment."""
    started, path = p.prosecution_started, f"parties[{i}].prosecution_started"
    if started is None:
        started, path = c.case.prosecution_started, "case.prosecution_started"
    acts = [a for a in c.acts if p.id in {x.party for x in a.participants()}]
    judged = w.setting.judgment
    if started is None and not _may_be_time_barred(acts, judged):
        return
    first = min((d for a in acts if (d := earliest_start(a.date)) is not None), default=None)
    date(w, "prosecution_start", [w.ent(p.id)], UNKNOWN if started is None else started, path, span=(first, judged))


def _may_be_time_barred(acts: list[Act], judged: dt.date) -> bool:
    """Whether the limitation period (CL 87, the shortest the rules give) may have run for one of
    the acts before the judgment: only then does the day prosecution began matter."""
    years = min((p.value for p in parameters() if p.provision == "cl.87.1" and p.name == "years"), default=0)
    for a in acts:
        end = a.date.end_span()[0] if isinstance(a.date, DateRange) else earliest(a.date)
        if end is None:
            return True
        try:
            shifted = end.replace(year=end.year + years)
        except ValueError:  # 29 February: the period ends on the last day of February
            shifted = end.replace(year=end.year + years, day=28)
        if shifted < judged:
            return True
    return False


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
    # the deadline, and the calendar's next day, on which refusal begins (interp_02_order.lp)
    if isinstance(o.deadline, dt.date):
        w.fact("order_deadline", [e, date_number(o.deadline)], f"{pp}.deadline", o.deadline)
        _next_day(w, o.deadline)
    elif o.deadline is not None:
        span = (earliest(o.date), None)
        day_question(w, "order_deadline", [e], o.deadline, f"{pp}.deadline", span, also=next_day_atoms)
    if o.reasonable_period_end is not None:
        end = o.reasonable_period_end
        w.fact("order_reasonable_end", [e, date_number(end)], f"{pp}.reasonable_period_end", end)
        _next_day(w, end)
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


def _next_day(w: Writer, d: dt.date) -> None:
    for sym in next_day_atoms(d):
        w.out.add(sym, "(the calendar)", d + dt.timedelta(days=1))


def subject_of(w: Writer, a: Act, person: str) -> Term:
    """The subject of a person's part in an act: the act itself when one person did it,
    ``by(Act, Person)`` for each of several who did it together (CL 25)."""
    if a.actors is None:
        return w.ent(a.id)
    return Function("by", [w.ent(a.id), w.ent(person)])


def act_order(w: Writer, parts: list[tuple[Term, Term]]) -> None:
    """Each actor's acts (their part in each) in case-file order, along which Art 16 adds up the
    figures of a cumulation (asp/interp-2019/interp_16_cumulation.lp): the first, each next one,
    the last.  ``parts``: (actor, subject) of every part of every act, in case-file order."""
    path = "(reasoner: the order of the acts in the case file)"
    by_actor: dict[Term, list[Term]] = {}
    for actor, subject in parts:
        by_actor.setdefault(actor, []).append(subject)
    for actor, subjects in by_actor.items():
        w.fact("act_first", [actor, subjects[0]], path)
        for before, after in pairwise(subjects):
            w.fact("act_next", [actor, before, after], path)
        w.fact("act_last", [actor, subjects[-1]], path)


def act_head(w: Writer, i: int, a: Act, person: Participant) -> tuple[str, Term]:
    """What every act records for each person who did it: the actor (and who did it with them),
    kind, days, the date of judgment, the world of standards, whether it was already dealt with
    (Art 16's 未经处理), a victim's complaint (CL 88 ¶2); its field path and subject."""
    pp, e = f"acts[{i}]", w.subject
    s = w.setting
    w.fact("act", [e], pp, a.description)
    actor_path = f"{w.person_path}.party" if a.actors is not None else f"{pp}.actor"
    w.fact("actor", [e, w.ent(person.party)], actor_path, person.party)
    for other in a.participants():
        if other.party != person.party:
            w.fact("co_actor", [e, w.ent(other.party)], f"{pp}.actors", other.party)
            # the other's part in the act, whose conclusions CL 25 reads (two must be intentional)
            theirs = Function("by", [w.ent(a.id), w.ent(other.party)])
            w.fact("co_participation", [e, w.ent(other.party), theirs], f"{pp}.actors", other.party)
    w.fact("act_kind", [e, a.kind], f"{pp}.kind", a.kind)
    w.fact("world", [e, w.world], "(reasoner: the standards weighed)", w.world)
    act_dates(w, pp, e, a.date, s.judgment)
    w.fact("judgment_date", [e, date_number(s.judgment)], s.as_of_path, s.judgment)
    handled, hp = (person.handled, f"{w.person_path}.handled") if person.handled else (a.handled, f"{pp}.handled")
    if handled == UNKNOWN:  # dealt with one way or the other, or not at all
        sanctions = [Answer(x, (atom("handled", e, x),)) for x in ("administrative_sanction", "criminal_sanction")]
        w.out.ask(hp, "choice", [Answer(None, ()), *sanctions], absent="null")
    elif handled is not None:
        w.fact("handled", [e, handled], hp, handled)
    date(w, "complaint_date", [e], a.complaint_date, f"{pp}.complaint_date")
    return pp, e


def act_tail(w: Writer, pp: str, e: Term, a: Act) -> None:
    """Illegal gains (287-1 and 287-2) and the other crimes the conduct may also amount to."""
    money_figure(w, "illegal_gains", a.illegal_gains, FEN_CEILING)
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
    for i, conv in enumerate(c.prior_convictions):
        pp = f"prior_convictions[{i}]"
        e = w.ent(conv.id)
        w.fact("prior_conviction", [e], pp, conv.outcome)
        w.fact("conviction_party", [e, w.ent(conv.party)], f"{pp}.party", conv.party)
        w.fact("conviction_for", [e, conv.for_], f"{pp}.for", conv.for_)
        date(w, "conviction_date", [e], conv.date, f"{pp}.date")


def findings(w: Writer, c: Case) -> None:
    """Reviewer findings: that a provision holds or fails for a subject; one still to be made is a
    question either way, and says which conclusions rest on it."""
    for i, fd in enumerate(c.findings):
        subjects = _finding_subjects(w, c, fd)
        holds = tuple(atom("finding_holds", String(fd.provision), s) for s in subjects)
        fails = tuple(atom("finding_fails", String(fd.provision), s) for s in subjects)
        if fd.holds == UNKNOWN:
            path = f"findings[{i}].holds"
            if catalogue()[fd.provision].finding_holds:
                w.out.ask(path, "bool", [Answer(False, fails), Answer(True, holds)])
            else:  # a provision that takes only holds: false; else it is decided from the facts
                no_finding = "none (delete the finding)"
                w.out.ask(path, "choice", [Answer(False, fails), Answer(None, ())], absent=no_finding)
            for sym in (*fails, *holds):
                w.out.findings[sym] = fd
            continue
        for sym in holds if fd.holds else fails:
            w.out.add(sym, f"findings[{i}]", fd.reason)
            w.out.findings[sym] = fd


def _finding_subjects(w: Writer, c: Case, fd: Finding) -> list[Term]:
    """What a finding is about: the record its subject names; for an act done by several together,
    each person's part in it (or the one ``party`` names)."""
    act = next((a for a in c.acts if a.id == fd.subject), None)
    if act is None:
        return [w.ent(fd.subject)]
    people = [fd.party] if fd.party is not None else [x.party for x in act.participants()]
    return [subject_of(w, act, person) for person in people]
