"""Cross-checks between the records of a case: unique ids, references, dates that contradict each
other, and findings that name an encoded provision, one that takes a finding, about the right kind
of record (read from the law's catalogue).

They work on the raw data, so that these errors are reported together with type errors.
"""

from __future__ import annotations

import datetime as dt

from reasoner.case.cross_check_parts import PartChecks, actors_of
from reasoner.case.errors import InputError, Msg, keyed, line_for, path_text
from reasoner.case.values import MAX_SITES
from reasoner.law.catalogue import catalogue
from reasoner.law.findings import finding_subjects


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    v = data.get(key)
    return [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list) else []


def _date_or_none(v: object) -> dt.date | None:
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _act_end(when: object, bound: str) -> dt.date | None:
    """The earliest (``not_before``) or latest (``not_after``) day an act's date, as written, can end on."""
    if isinstance(when, dict) and "to" in when:
        when = when["to"]
    if isinstance(when, dict):
        when = when.get(bound)
    return _date_or_none(when)


class _Checks:
    """The records of one case by id, and the errors found, in the order they are found."""

    def __init__(self, data: dict, file: str, lines: dict):
        self.data = data
        self.file = file
        self.lines = lines
        self.errors: list[InputError] = []
        self.ids: dict[str, tuple] = {}  # where each id is defined
        self.kinds: dict[str, str] = {}  # what kind of record it names
        self.parties: dict = {}
        self.orders: dict = {}

    def err(self, loc: tuple, msg: Msg) -> None:
        self.errors.append(InputError.of(self.file, path_text(loc), line_for(self.lines, loc), msg))

    def register(self, ident: object, loc: tuple, kind: str) -> None:
        if not isinstance(ident, str):
            return
        if ident in self.ids:
            at = path_text(self.ids[ident])
            text = f"id {ident!r} is already used at {at}; ids must be unique"
            self.err(loc, keyed("id_twice", text, id=repr(ident), at=at))
        else:
            self.ids[ident] = loc
            self.kinds[ident] = kind

    def party_ref(self, ident: object, loc: tuple, kind: str | None = None) -> None:
        if not isinstance(ident, str):
            return
        p = self.parties.get(ident)
        if p is None:
            self.err(loc, keyed("expect_party", f"expected the id of a party, found {ident!r}", found=repr(ident)))
        elif kind and p.get("kind") != kind:
            text = f"expected a {kind}, found {ident!r} which is a {p.get('kind')}"
            self.err(loc, keyed("expect_party_kind", text, want=kind, found=repr(ident), kind=str(p.get("kind"))))


def record_kind(kind: str) -> Msg:
    """A kind of record (``act``, ``administrative penalty``) as a message: its words translated."""
    return keyed(f"record_{kind.replace(' ', '_')}", kind)


def cross_check(data: dict, file: str, lines: dict) -> list[InputError]:
    """The errors of references between records, ids, dates and findings."""
    c = _Checks(data, file, lines)
    _register(c)
    _references(c)
    _acts(c)
    for key in ("admin_penalties", "prior_convictions"):
        for i, rec in _items(data, key):
            c.party_ref(rec.get("party"), (key, i, "party"))
    n_sites = sum(len(a["sites"]) for _, a in _items(data, "acts") if isinstance(a.get("sites"), list))
    if n_sites > MAX_SITES:
        n, most = f"{n_sites:,}", f"{MAX_SITES:,}"
        text = f"{n} sites in all; at most {most} in one case file (their counts are summed)"
        c.err(("acts",), keyed("too_many_sites", text, n=n, most=most))
    _findings(c)
    return c.errors + PartChecks(data, file, lines).run()


def _register(c: _Checks) -> None:
    """Every record with an id: ids are unique across the case."""
    for i, p in _items(c.data, "parties"):
        c.register(p.get("id"), ("parties", i, "id"), "party")
        if isinstance(p.get("id"), str):  # an id of another type is the model's error, not a key
            c.parties.setdefault(p["id"], p)
    for i, o in _items(c.data, "orders"):
        c.register(o.get("id"), ("orders", i, "id"), "order")
        if isinstance(o.get("id"), str):
            c.orders.setdefault(o["id"], o)
    for i, x in _items(c.data, "assisted_parties"):
        c.register(x.get("id"), ("assisted_parties", i, "id"), "assisted")
    for i, a in _items(c.data, "acts"):
        c.register(a.get("id"), ("acts", i, "id"), "act")
        for listing, kind in (("evidence_losses", "evidence loss"), ("sites", "site"), ("assisted", "assisted")):
            for j, x in _items(a, listing):
                c.register(x.get("id"), ("acts", i, listing, j, "id"), kind)
    for i, pen in _items(c.data, "admin_penalties"):
        c.register(pen.get("id"), ("admin_penalties", i, "id"), "administrative penalty")
    for i, conv in _items(c.data, "prior_convictions"):
        c.register(conv.get("id"), ("prior_convictions", i, "id"), "earlier judgment")


def _references(c: _Checks) -> None:
    """A unit's responsible persons are persons; an order is made to a party, before its deadline."""
    for i, p in _items(c.data, "parties"):
        for j, r in _items(p, "responsible_persons"):
            c.party_ref(r.get("person"), ("parties", i, "responsible_persons", j, "person"), "person")
    for i, o in _items(c.data, "orders"):
        c.party_ref(o.get("to"), ("orders", i, "to"))
        d, dl = _date_or_none(o.get("date")), _date_or_none(o.get("deadline"))
        if d and dl and dl < d:
            text = f"the deadline {dl} is before the order's date {d}"
            c.err(("orders", i, "deadline"), keyed("deadline_before_order", text, deadline=str(dl), date=str(d)))


def _acts(c: _Checks) -> None:
    """An act's actor is a party, it ends by the date of judgment, lists each indicator once, and
    refuses an order made to its actor before it ended."""
    info = c.data.get("case") if isinstance(c.data.get("case"), dict) else {}
    as_of = _date_or_none(info.get("as_of"))
    for i, a in _items(c.data, "acts"):
        if isinstance(a.get("actors"), list):
            for k, x in enumerate(a["actors"]):
                loc = ("acts", i, "actors", k, "party") if isinstance(x, dict) else ("acts", i, "actors", k)
                c.party_ref(x.get("party") if isinstance(x, dict) else x, loc)
        else:
            c.party_ref(a.get("actor"), ("acts", i, "actor"))
        last = _act_end(a.get("date"), "not_before")
        if as_of and last and last > as_of:
            text = f"the act ends ({last}) after the date of judgment case.as_of ({as_of})"
            c.err(("acts", i, "date"), keyed("act_after_judgment", text, end=str(last), as_of=str(as_of)))
        _indicators(c, i, a)
        _refused_order(c, i, a)


def _indicators(c: _Checks, i: int, a: dict) -> None:
    k = a.get("knowledge")
    listed: dict[str, int] = {}
    for j, ind in enumerate(k.get("indicators") or [] if isinstance(k, dict) else []):
        name = ind.get("indicator") if isinstance(ind, dict) else ind
        if isinstance(name, str) and name in listed:
            text = f"indicator {name!r} is already listed at indicators[{listed[name]}]; list each once"
            twice = keyed("indicator_twice", text, name=repr(name), at=listed[name])
            c.err(("acts", i, "knowledge", "indicators", j), twice)
        elif isinstance(name, str):
            listed[name] = j


def _refused_order(c: _Checks, i: int, a: dict) -> None:
    ref = a.get("order")
    if not isinstance(ref, str):
        return
    o = c.orders.get(ref)
    if o is None:
        c.err(
            ("acts", i, "order"), keyed("expect_order", f"expected the id of an order, found {ref!r}", found=repr(ref))
        )
    elif o.get("to") not in actors_of(a):
        to, actors = repr(o.get("to")), ", ".join(map(repr, actors_of(a)))
        text = f"order {ref!r} is addressed to {to}, not to the actor {actors}"
        c.err(("acts", i, "order"), keyed("order_to_other", text, order=repr(ref), to=to, actors=actors))
    else:
        end = _act_end(a.get("date"), "not_after")
        ordered = _date_or_none(o.get("date"))
        if end and ordered and end < ordered:
            text = f"the act ends ({end}) before the order {ref!r} it refuses was made ({ordered})"
            before = keyed("act_before_order", text, end=str(end), order=repr(ref), date=str(ordered))
            c.err(("acts", i, "date"), before)


def _findings(c: _Checks) -> None:
    """A finding is about a record of the case, on an encoded provision that takes a finding (and
    one that it holds, if it says so), about that kind of record; one finding per provision and record."""
    known = catalogue()
    seen: dict[tuple, int] = {}
    for i, f in _items(c.data, "findings"):
        subject, pid = f.get("subject"), f.get("provision")
        if isinstance(subject, str) and subject not in c.ids:
            text = f"expected the id of a record in this case, found {subject!r}"
            c.err(("findings", i, "subject"), keyed("expect_record", text, found=repr(subject)))
        elif isinstance(subject, str) and isinstance(pid, str) and pid in known and known[pid].finding:
            allowed = finding_subjects().get(pid, frozenset())
            if allowed and c.kinds[subject] not in allowed:
                kind = c.kinds[subject]
                text = f"a finding on {pid} is about a {' or '.join(sorted(allowed))}; {subject!r} is a {kind}"
                kinds = tuple(record_kind(k) for k in sorted(allowed))
                about = keyed(
                    "finding_subject_kind", text, pid=pid, kinds=kinds, subject=repr(subject), kind=record_kind(kind)
                )
                c.err(("findings", i, "subject"), about)
        if isinstance(pid, str):
            _provision_takes_it(c, i, pid, f.get("holds"))
        key = (pid, subject, f.get("party"))
        if isinstance(pid, str) and isinstance(subject, str):
            if key in seen:
                text = f"a second finding on {pid} for {subject!r} (the first is findings[{seen[key]}])"
                c.err(("findings", i), keyed("finding_twice", text, pid=pid, subject=repr(subject), first=seen[key]))
            seen.setdefault(key, i)


def _provision_takes_it(c: _Checks, i: int, pid: str, holds: object) -> None:
    known = catalogue()
    if pid not in known:
        text = f"expected an encoded provision id (see `reasoner rules`), found {pid!r}"
        c.err(("findings", i, "provision"), keyed("expect_provision", text, found=repr(pid)))
    elif not known[pid].finding:
        text = f"provision {pid!r} is decided from the facts and takes no reviewer finding"
        c.err(("findings", i, "provision"), keyed("provision_no_finding", text, pid=repr(pid)))
    elif holds is True and not known[pid].finding_holds and not _obsolete(c.data, pid):
        text = (
            f"provision {pid!r} takes only a finding that it does NOT hold (holds: false); it is otherwise "
            "decided from the facts: where the reviewer finds that it holds, delete this finding"
        )
        c.err(("findings", i, "holds"), keyed("provision_finding_false", text, pid=repr(pid)))


def _obsolete(data: dict, pid: str) -> bool:
    """A finding a format-1 file needed and the current format does not: still accepted there, with
    the same meaning (`reasoner upgrade` removes it)."""
    from reasoner.case.upgrade import OBSOLETE_FINDINGS

    return data.get("format", 1) == 1 and pid in OBSOLETE_FINDINGS
