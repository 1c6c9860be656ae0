"""A case's atoms, built in case-file order: the shared parts, and each act by the offence its
kind belongs to (the model admits only the fields of the act's own kind)."""

from __future__ import annotations

from collections.abc import Callable

from clingo import Symbol

from reasoner.case.acts import Act
from reasoner.case.model import Case
from reasoner.solve.atoms import cl_286_1, cl_287_1, cl_287_2, shared
from reasoner.solve.atoms.dates import known_days
from reasoner.solve.atoms.facts import Facts
from reasoner.solve.atoms.writer import Writer

#: The atoms of an act's own fields, by its kind.
OFFENCE_ATOMS: dict[str, Callable[[Writer, str, Symbol, Act], None]] = {
    "refuse_security_duty": cl_286_1.act_atoms,
    "illegal_use_of_network": cl_287_1.act_atoms,
    "assist_network_crime": cl_287_2.act_atoms,
}


def case_facts(case: Case, scope: Symbol | None = None, as_of_path: str = "case.as_of") -> Facts:
    """All input atoms of a case.  ``scope`` (a case id symbol) is for screening many cases at once;
    ``as_of_path`` names where the date of judgment came from (the case file, or ``--as-of``)."""
    w = Writer(scope, known_days(case))
    shared.ceilings(w)
    shared.parties(w, case)
    for i, o in enumerate(case.orders):
        shared.order(w, i, o)
    for i, a in enumerate(case.acts):
        pp, e = shared.act_head(w, i, a, case.case.as_of, as_of_path)
        OFFENCE_ATOMS[a.kind](w, pp, e, a)
        shared.act_tail(w, pp, e, a)
    shared.penalties(w, case)
    shared.findings(w, case)
    return w.out
