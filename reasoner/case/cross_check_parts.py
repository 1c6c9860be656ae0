"""Cross-checks of what format 2 and the later documents added: who did an act together, the
assisted parties an act names, earlier judgments, the parts of an act's figures from a day the law
divides it at (portions), and the inflow of cards of several owners."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from reasoner.case.errors import InputError, Msg, chained, keyed, line_for, path_text
from reasoner.law.parameters import parameters


def items(data: dict, key: str) -> list[tuple[int, dict]]:
    v = data.get(key)
    return [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list) else []


def date_or_none(v: object) -> dt.date | None:
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def bound_of(when: object, end: str, bound: str) -> dt.date | None:
    """The earliest (``not_before``) or latest (``not_after``) day an act's date, as written, can
    start (``end`` = from) or end (``end`` = to) on."""
    if isinstance(when, dict) and end in when:
        when = when[end]
    if isinstance(when, dict):
        when = when.get(bound)
    return date_or_none(when)


def actors_of(a: dict) -> list[object]:
    """The parties an act names as its actor or actors (as written)."""
    if isinstance(a.get("actors"), list):
        return [x.get("party") if isinstance(x, dict) else x for x in a["actors"]]
    return [a.get("actor")]


class PartChecks:
    """The checks below, writing into one list of errors."""

    def __init__(self, data: dict, file: str, lines: dict):
        self.data, self.file, self.lines = data, file, lines
        self.errors: list[InputError] = []

    def err(self, loc: tuple, msg: Msg) -> None:
        self.errors.append(InputError.of(self.file, path_text(loc), line_for(self.lines, loc), msg))

    def run(self) -> list[InputError]:
        declared = {x.get("id") for _, x in items(self.data, "assisted_parties")}
        for i, a in items(self.data, "acts"):
            self.actors(i, a)
            for j, x in enumerate(a.get("assisted") or [] if isinstance(a.get("assisted"), list) else []):
                if isinstance(x, str) and x not in declared:
                    text = f"expected the id of one of assisted_parties, found {x!r}"
                    self.err(("acts", i, "assisted", j), keyed("expect_assisted", text, found=repr(x)))
            self.portions(i, a)
            self.funds(i, a)
        self.finding_parties()
        return self.errors

    def actors(self, i: int, a: dict) -> None:
        seen: dict[str, int] = {}
        for k, x in enumerate(a.get("actors") or [] if isinstance(a.get("actors"), list) else []):
            who = x.get("party") if isinstance(x, dict) else x
            loc = ("acts", i, "actors", k, "party") if isinstance(x, dict) else ("acts", i, "actors", k)
            if isinstance(who, str) and who in seen:
                text = f"{who!r} is already listed at actors[{seen[who]}]; list each person once"
                self.err(loc, keyed("actor_twice", text, who=repr(who), at=seen[who]))
            elif isinstance(who, str):
                seen[who] = k

    def portions(self, i: int, a: dict) -> None:
        """A portion's day is one the law divides this act at, within the act; its parts are not
        more than the whole."""
        portions = a.get("portions")
        if not isinstance(portions, list):
            return
        days = self.cut_days(a)
        listed = [
            keyed("cut_day", f"{d.isoformat()} ({why.text})", day=d.isoformat(), why=why)
            for d, why in sorted(days.items())
        ]
        shown = chained(listed)
        first = bound_of(a.get("date"), "from", "not_after")
        last = bound_of(a.get("date"), "to", "not_after")
        seen: dict[dt.date, int] = {}
        for j, por in enumerate(portions):
            day = date_or_none(por.get("from")) if isinstance(por, dict) else None
            if day is None:
                continue
            loc = ("acts", i, "portions", j, "from")
            if day not in days:
                text = f"{day} is not a day the law divides this act at; expected one of: {shown.text}"
                self.err(loc, keyed("portion_day", text, day=str(day), days=shown))
            elif first is not None and day <= first:
                text = f"the act begins on {first}, not before {day}: all of it counts from that day"
                self.err(loc, keyed("portion_before_act", text, first=str(first), day=str(day)))
            elif last is not None and day > last:
                text = f"the act ends on {last}, before {day}: nothing of it is after that day"
                self.err(loc, keyed("portion_after_act", text, last=str(last), day=str(day)))
            if day in seen:
                text = f"a second portion from {day} (the first is portions[{seen[day]}])"
                self.err(loc, keyed("portion_twice", text, day=str(day), first=seen[day]))
            seen.setdefault(day, j)
            for name, value in por.items():
                if name == "from":
                    continue
                if name not in a:
                    text = f"the act records no {name}: a part of it has no whole"
                    self.err(("acts", i, "portions", j, name), keyed("portion_no_whole", text, name=name))
                else:
                    self.not_above(value, a[name], ("acts", i, "portions", j, name))

    def cut_days(self, a: dict) -> dict[dt.date, Msg]:
        """The days the law divides an act at: CL 12's day in force; for a refusal, the day after
        its order's deadline (or reasonable period)."""
        n = next(p.value for p in parameters() if (p.provision, p.name) == ("cl.12.1", "amendment_9_in_force"))
        in_force = keyed("cut_in_force", "the day CL 286-1, 287-1 and 287-2 came into force")
        days = {dt.date(n // 10000, n // 100 % 100, n % 100): in_force}
        order = next((o for _, o in items(self.data, "orders") if o.get("id") == a.get("order")), None)
        if a.get("kind") == "refuse_security_duty" and order is not None:
            for key, what in (("deadline", "deadline"), ("reasonable_period_end", "reasonable period")):
                d = date_or_none(order.get(key))
                if d is not None:
                    text = f"the day after order {order.get('id')!r}'s {what}: refusal begins"
                    days[d + dt.timedelta(days=1)] = keyed(f"cut_after_{key}", text, order=repr(order.get("id")))
        return days

    def not_above(self, part: object, whole: object, loc: tuple) -> None:
        """A part (of a figure known exactly) is never more than its whole; mappings field by field."""
        if isinstance(part, dict) and isinstance(whole, dict):
            for k, v in part.items():
                if k in whole:
                    self.not_above(v, whole[k], (*loc, k))
        elif isinstance(part, list) and isinstance(whole, list):
            if all(isinstance(x, str) for x in part) and all(isinstance(x, str) for x in whole):
                extra = [x for x in part if x not in whole]
                if extra:
                    shown = ", ".join(extra)
                    self.err(loc, keyed("part_not_in_whole", f"{shown} not recorded for the whole act", items=shown))
            else:
                for k, (p, w) in enumerate(zip(part, whole, strict=False)):
                    self.not_above(p, w.get("count") if isinstance(w, dict) else w, (*loc, k))
        else:
            pv, wv = _number(part), _number(whole)
            if pv is not None and wv is not None and pv > wv:
                text = f"the part ({part}) is more than the whole act's ({whole})"
                self.err(loc, keyed("part_above_whole", text, part=str(part), whole=str(whole)))

    def funds(self, i: int, a: dict) -> None:
        """One inflow figure belongs to cards of one owner: with cards of several, say whose."""
        funds, cards = a.get("funds"), a.get("cards")
        if not isinstance(funds, dict) or not isinstance(cards, list) or funds.get("inflow") is None:
            return
        inflow = funds["inflow"]
        if isinstance(inflow, dict) and not set(inflow) & {"at_least", "at_most"}:
            return  # given by owner
        owners = sorted({c.get("whose") for c in cards if isinstance(c, dict) and isinstance(c.get("whose"), str)})
        if len(owners) > 1:
            shown = ", ".join(owners)
            text = (
                f"the cards are of more than one owner ({shown}): give the inflow by owner, "
                'e.g. inflow: {own: "100000", others: "200000"}'
            )
            self.err(("acts", i, "funds", "inflow"), keyed("inflow_by_owner", text, owners=shown))

    def finding_parties(self) -> None:
        """A finding's party narrows a finding about an act done by several to one of them."""
        acts = {a.get("id"): a for _, a in items(self.data, "acts")}
        for i, f in items(self.data, "findings"):
            who = f.get("party")
            act = acts.get(f.get("subject"))
            if who is not None and (
                act is None or not isinstance(act.get("actors"), list) or who not in actors_of(act)
            ):
                text = (
                    f"party narrows a finding about an act done by several (acts[].actors); {who!r} is not one of "
                    f"the actors of {f.get('subject')!r}"
                )
                self.err(
                    ("findings", i, "party"), keyed("finding_party", text, who=repr(who), act=repr(f.get("subject")))
                )


def _number(v: object) -> Decimal | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, str):
        try:
            return Decimal(v.replace(",", ""))
        except InvalidOperation:
            return None
    return None
