"""The atoms of an act of refusing a security duty (CL 286-1): the order refused, the duty not
performed, and the consequences the Interpretation counts: information spread (Art 3), user
information leaked (Art 4), evidence lost (Art 5), and the other serious circumstances (Art 6)."""

from __future__ import annotations

from reasoner.case.acts import Act
from reasoner.case.cl_286_1 import EvidenceLoss, Leak, Quantities
from reasoner.case.values import UNKNOWN, CountBounds
from reasoner.law.parameters import parameters
from reasoner.law.terms import Function, Term
from reasoner.solve.atoms.candidates import leak_candidates
from reasoner.solve.atoms.facts import COUNT_CEILING, Answer
from reasoner.solve.atoms.portions import event, loss, recorded
from reasoner.solve.atoms.writer import Writer, atom


def act_atoms(w: Writer, pp: str, e: Term, a: Act) -> None:
    """The atoms of the act's own fields (``pp`` its field path, ``e`` its entity)."""
    if a.order is not None:
        w.fact("act_order", [e, w.ent(a.order)], f"{pp}.order", a.order)
    w.flag("duty_not_performed", [e], a.duty_not_performed, f"{pp}.duty_not_performed")
    if a.quantities is not None:
        for name in Quantities.model_fields:
            recorded(
                w,
                Function("quantity", [Function(name)]),
                getattr(a.quantities, name),
                f"{pp}.quantities.{name}",
                "count",
                COUNT_CEILING,
                lambda p, n=name: getattr(p.quantities, n) if p.quantities is not None else None,
            )
    if a.leak is not None:
        _leak(w, pp, a.leak)
    for j, ev in enumerate(a.evidence_losses):
        _evidence_loss(w, f"{pp}.evidence_losses[{j}]", ev, a)
    for j, lapse in enumerate(a.duty_lapses):
        w.fact("duty_lapse", [e, lapse], f"{pp}.duty_lapses[{j}]", lapse)
    event(w, Function("used_for_attack"), a.used_for_attack, f"{pp}.used_for_attack", lambda p: p.used_for_attack)
    for j, k in enumerate(a.used_for_crime):
        event(
            w,
            Function("used_for_crime", [Function(k)]),
            True,
            f"{pp}.used_for_crime[{j}]",
            lambda p, k=k: (k in p.used_for_crime) if p.used_for_crime is not None else None,
        )
    for j, s in enumerate(a.public_network_damaged):
        event(
            w,
            Function("public_network_damaged", [Function(s)]),
            True,
            f"{pp}.public_network_damaged[{j}]",
            lambda p, s=s: (s in p.public_network_damaged) if p.public_network_damaged is not None else None,
        )


def _leak(w: Writer, pp: str, lk: Leak) -> None:
    """Items leaked per category (summed by tier in the rules), whether a leak occurred, the harms."""
    any_count = False
    extra = leak_candidates(lk)
    for name in Leak.model_fields:
        if name in ("occurred", "harms", "economic_loss"):
            continue
        v = getattr(lk, name)
        recorded(
            w,
            Function("leaked", [Function(name)]),
            v,
            f"{pp}.leak.{name}",
            "count",
            COUNT_CEILING,
            lambda p, n=name: getattr(p.leak, n) if p.leak is not None else None,
            summed=True,
            extra=extra.get(name, frozenset()),
        )
        any_count = any_count or (isinstance(v, int) and v > 0) or (isinstance(v, CountBounds) and v.low() > 0)
    occurred = True if any_count else lk.occurred
    event(w, Function("user_info_leaked"), occurred, f"{pp}.leak.occurred", lambda p: _leak_part(p, "occurred"))
    for j, h in enumerate(lk.harms):
        event(
            w,
            Function("harm", [Function(h)]),
            True,
            f"{pp}.leak.harms[{j}]",
            lambda p, h=h: (h in p.leak.harms) if _leak_part(p, "harms") is not None else None,
        )


def _leak_part(p, name: str) -> object:
    """A field of a portion's leak, where the portion gives it."""
    if p.leak is None or name not in p.leak.model_fields_set:
        return None
    return getattr(p.leak, name)


def _evidence_loss(w: Writer, ep: str, ev: EvidenceLoss, a: Act) -> None:
    """Evidence of a criminal case lost: the crime's kind and the sentence it could carry (Art 5)."""
    ee = w.ent(ev.id)
    loss(w, Function("evidence_loss", [ee]), ev, ep, a)
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
