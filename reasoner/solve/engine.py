"""The engine: a case in, its Result out: the recorded reading and, when facts are open, what holds
in some and in every completion, and what each answer examined would change."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reasoner.case.model import Case
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.setting import setting_for
from reasoner.solve.completions import Completions, answer_assumptions, probe_answers
from reasoner.solve.result import Result, result_from_model

if TYPE_CHECKING:
    import clingo


def reason(
    case: Case, as_of_path: str = "case.as_of", standards: dt.date | None = None, ctl: clingo.Control | None = None
) -> Result:
    """Ground and solve one case: the recorded reading, and the three statuses over the unknowns.
    ``as_of_path`` says where its date of judgment came from (the case file, or ``--as-of``);
    ``standards`` fixes the standards to those in force on a day (``--standards``); ``ctl``, a Control fresh
    from ``reasoner.solve.control.new_control(law=True, shadows=False)``, made ahead (``reasoner serve``)."""
    facts = case_facts(case, setting=setting_for(case, as_of_path, standards))
    comp = Completions(facts, ctl)
    result = result_from_model(facts, comp.base_model())
    result.completions = comp
    if facts.questions:
        cons = comp.consequences()
        assert cons is not None, "every combination of answers is a completion"
        result.possible, result.certain = cons
        if result.possible != result.certain:  # something is open: what decides it
            for q, question in enumerate(facts.questions):
                for a in probe_answers(question):
                    got = comp.consequences(answer_assumptions(q, a))
                    if got is not None:
                        result.effects[(q, a)] = got
    return result
