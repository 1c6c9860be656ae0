"""The atoms of an act of refusing a security duty (CL 286-1): the order refused, the duty not
performed, and the consequences the Interpretation counts: information spread (Art 3), user
information leaked (Art 4), evidence lost (Art 5), and the other serious circumstances (Art 6)."""

from __future__ import annotations

from clingo import Symbol

from reasoner.case.acts import Act
from reasoner.case.cl_286_1 import EvidenceLoss, Leak, Quantities
from reasoner.case.values import UNKNOWN, CountBounds
from reasoner.law.parameters import parameters
from reasoner.solve.atoms.candidates import leak_candidates
from reasoner.solve.atoms.facts import COUNT_CEILING, Answer
from reasoner.solve.atoms.writer import Writer, atom


def act_atoms(w: Writer, pp: str, e: Symbol, a: Act) -> None:
    """The atoms of the act's own fields (``pp`` its field path, ``e`` its entity)."""
    if a.order is not None:
        w.fact("act_order", [e, w.ent(a.order)], f"{pp}.order", a.order)
    w.flag("duty_not_performed", [e], a.duty_not_performed, f"{pp}.duty_not_performed")
    if a.quantities is not None:
        for name in Quantities.model_fields:
            w.count("quantity", [e, name], getattr(a.quantities, name), f"{pp}.quantities.{name}")
    if a.leak is not None:
        _leak(w, pp, e, a.leak)
    for j, ev in enumerate(a.evidence_losses):
        _evidence_loss(w, f"{pp}.evidence_losses[{j}]", e, ev)
    for j, lapse in enumerate(a.duty_lapses):
        w.fact("duty_lapse", [e, lapse], f"{pp}.duty_lapses[{j}]", lapse)
    w.flag("used_for_attack", [e], a.used_for_attack, f"{pp}.used_for_attack")
    for j, k in enumerate(a.used_for_crime):
        w.fact("used_for_crime", [e, k], f"{pp}.used_for_crime[{j}]", k)
    for j, s in enumerate(a.public_network_damaged):
        w.fact("public_network_damaged", [e, s], f"{pp}.public_network_damaged[{j}]", s)


def _leak(w: Writer, pp: str, e: Symbol, lk: Leak) -> None:
    """Items leaked per category (summed by tier in the rules), whether a leak occurred, the harms."""
    any_count = False
    extra = leak_candidates(lk)
    for name in Leak.model_fields:
        if name in ("occurred", "harms", "economic_loss"):
            continue
        v = getattr(lk, name)
        w.count("leaked", [e, name], v, f"{pp}.leak.{name}", summed=True, extra=extra.get(name, frozenset()))
        any_count = any_count or (isinstance(v, int) and v > 0) or (isinstance(v, CountBounds) and v.low() > 0)
    occurred = True if any_count else lk.occurred
    w.flag("user_info_leaked", [e], occurred, f"{pp}.leak.occurred")
    for j, h in enumerate(lk.harms):
        w.fact("harm", [e, h], f"{pp}.leak.harms[{j}]", h)


def _evidence_loss(w: Writer, ep: str, e: Symbol, ev: EvidenceLoss) -> None:
    """Evidence of a criminal case lost: the crime's kind and the sentence it could carry (Art 5)."""
    ee = w.ent(ev.id)
    if ev.affects_conviction_or_sentencing is True:
        w.fact("evidence_loss", [e, ee], ep, ev.case)
    elif ev.affects_conviction_or_sentencing == UNKNOWN:
        w.bool_question(atom("evidence_loss", e, ee), f"{ep}.affects_conviction_or_sentencing")
    w.choice(
        "evidence_case_crime",
        [ee],
        ev.crime_kind,
        ["state_security", "terrorism", "mafia", "corruption_bribery", "other"],
        f"{ep}.crime_kind",
    )
    s = ev.likely_sentence
    if s == UNKNOWN:
        # below the years of Art 5 item (2), at them (more counts the same), or life or death
        years = next(p.value for p in parameters() if (p.provision, p.name) == ("interp.5.1.2", "years"))
        answers = [
            Answer({"kind": "lesser"}, ()),
            Answer({"kind": "fixed_term", "years": years}, (atom("evidence_case_sentence", ee, years * 12),)),
            Answer({"kind": "life"}, (atom("evidence_case_sentence_life", ee),)),
        ]
        w.out.ask(f"{ep}.likely_sentence", "choice", answers)
    elif s.kind in ("life", "death"):
        w.fact("evidence_case_sentence_life", [ee], f"{ep}.likely_sentence", s.kind)
    elif s.kind == "fixed_term":
        months = min(s.years * 12, COUNT_CEILING)
        w.out.add(atom("evidence_case_sentence", ee, months), f"{ep}.likely_sentence.years", s.years)
