"""A case's atoms, built in case-file order: the shared parts, and each person's part in each act by
the offence its kind belongs to (the model admits only the fields of the act's own kind).  A case
whose acts may fall under two sets of standards is built in two worlds (asp/effect-2001/)."""

from __future__ import annotations

from reasoner.case.acts import Act, Participant
from reasoner.case.model import Case
from reasoner.law.terms import Term
from reasoner.solve.atoms import cl_286_1, cl_287_1, cl_287_2, shared
from reasoner.solve.atoms.dates import known_days
from reasoner.solve.atoms.facts import Facts
from reasoner.solve.atoms.portions import cuts_of
from reasoner.solve.atoms.setting import Setting, setting_for
from reasoner.solve.atoms.writer import Writer


def case_facts(case: Case, scope: Term | None = None, setting: Setting | None = None) -> Facts:
    """All input atoms of a case.  ``scope`` (a case id symbol) is for screening many cases at once;
    ``setting`` gives the date of judgment and the standards (default: :func:`.setting.setting_for`).
    In two worlds every record has an instance in each, and every open question is one question
    for both."""
    setting = setting or setting_for(case)
    out = Facts(setting=setting)
    days = known_days(case, setting.judgment)
    for world in setting.worlds:
        w = Writer(scope, days, out, setting, world)
        shared.ceilings(w)
        shared.parties(w, case)
        for i, x in enumerate(case.assisted_parties):
            cl_287_2.assisted_party(w, x, f"assisted_parties[{i}]")
        for i, o in enumerate(case.orders):
            shared.order(w, i, o)
        subjects = [s for i, a in enumerate(case.acts) for s in _act(w, case, i, a)]
        shared.act_order(w, subjects)
        shared.penalties(w, case)
        shared.findings(w, case)
    return out


def _act(w: Writer, case: Case, i: int, a: Act) -> list[tuple[Term, Term]]:
    """Each person's part in an act (one, or each of several who did it together): the actor and
    the subject of each part."""
    w.cuts, w.portions, w.act_path = cuts_of(case, a), a.portions, f"acts[{i}]"
    parts = []
    for k, person in enumerate(a.participants()):
        w.subject = shared.subject_of(w, a, person.party)
        w.person_path = f"acts[{i}].actors[{k}]" if a.actors is not None else f"acts[{i}]"
        pp, e = shared.act_head(w, i, a, person)
        if a.kind == "refuse_security_duty":
            cl_286_1.act_atoms(w, pp, e, a)
        elif a.kind == "illegal_use_of_network":
            cl_287_1.act_atoms(w, pp, e, a)
        else:
            cl_287_2.act_atoms(w, pp, e, a, case, _knowledge(a, person, w.person_path, pp))
        shared.act_tail(w, pp, e, a)
        parts.append((w.ent(person.party), e))
    w.subject = None
    return parts


def _knowledge(a: Act, person: Participant, person_path: str, pp: str):
    """A person's 明知: their own where recorded (actors[].knowledge), else the act's."""
    if person.knowledge is not None:
        return person.knowledge, f"{person_path}.knowledge"
    return (a.knowledge, f"{pp}.knowledge") if a.knowledge is not None else None
