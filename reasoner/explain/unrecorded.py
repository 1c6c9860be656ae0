"""What a conclusion that does not hold was never asked about: the facts, on the routes the law
offers, that the case file neither records nor leaves open, where they alone stand in the way (the
Art 11 indicators a file never mentions, after the only one it recorded was answered no).  A
printout says the conclusion fails on the facts recorded and names them, never more."""

from __future__ import annotations

import re

from reasoner.explain.condition import Condition
from reasoner.explain.i18n import plain
from reasoner.solve.result import Result

#: a case field that is an item of a list (knowledge.indicators[1], knowledge.indicators[0].present)
_LIST_ITEM = re.compile(r"\[\d+\](\.present)?$")


def recorded_fields(result: Result) -> set[tuple[str, str]]:
    """(predicate, subject as named) of every field the case file records: a fact no atom matched
    whose field is among them is recorded with another value (reaches_crime: yes, where a rule asks
    for unverifiable), not "never recorded"; an item a list leaves out (an Art 11 indicator) is.
    A standards world's instance (World, X1) is named as its record, X1."""
    return {
        (s.name, plain(s.arguments[0]))
        for s, info in result.facts.atoms.items()
        if s.arguments and not _LIST_ITEM.search(info.path)
    }


def never_recorded(routes: list[list[Condition]]) -> list[str]:
    """The facts never recorded that alone block some route (each once, in the order met)."""
    out: dict[str, None] = {}

    def blocked_only_by_unrecorded(route: list[Condition]) -> list[str] | None:
        """The unrecorded facts that alone fail the route (None: something recorded fails it)."""
        found: list[str] = []
        for c in route:
            if c.holds or c.open:
                continue
            if c.never_recorded:
                found.append(c.never_recorded)
            elif c.kind == "element" and not c.routes:
                continue  # not examined further (the why-not's depth): it decides nothing here
            elif c.kind == "element":
                inner = [f for r in c.routes if (f := blocked_only_by_unrecorded(r)) is not None]
                if not inner:
                    return None
                found += [x for f in inner for x in f]
            else:
                return None
        return found

    for route in routes:
        for text in blocked_only_by_unrecorded(route) or []:
            out.setdefault(text, None)
    return list(out)
