"""Sibling subtrees that say the same thing of different records (twelve chat groups, each set up
for crime in the same way) shown once: the first in full, then one line naming them all
(「G1–G12 同理，共 12 个」).  Two siblings are alike when their subtrees have the same shape and the
same texts once the one id that tells them apart is taken out; nothing else may differ (a figure,
a name, a finding), so that the line never says more than the full subtrees would."""

from __future__ import annotations

import re

from reasoner.explain.i18n import msg, natural_key
from reasoner.explain.tree import Node

#: an id of a record as a case file writes it (G1, A12, site-3) and a case field's index ([11])
_ID = re.compile(r"[A-Za-z][A-Za-z_-]*\d+")
_INDEX = re.compile(r"\[\d+\]")


#: What is known of subtrees already weighed, by node: its shape (a number, equal for subtrees
#: alike once their ids are taken out) and its ids in the order they occur.  The trees of a case
#: share their subtrees, and a printout weighs the children of every node it prints: without this,
#: each subtree was walked again, whole, at every level above it (a case of 40 acts took 80 s to
#: print).  Each entry keeps its node, so that an id Python reuses for a later node is never taken
#: for the old one; the tables are emptied between printouts once they hold many nodes.
_SHAPES: dict[int, tuple[Node, int]] = {}
_IDS: dict[int, tuple[Node, tuple[str, ...]]] = {}
_TABLE: dict[tuple, int] = {}
_MAX_NODES = 200_000


def _shape(n: Node) -> int:
    """The subtree with its ids taken out, as a number: equal numbers, equal subtrees."""
    hit = _SHAPES.get(id(n))
    if hit is not None and hit[0] is n:
        return hit[1]
    text = "" if n.kind == "route" else n.text  # a route's own text (its number) left out
    key = (n.kind, _ID.sub("#", text), _INDEX.sub("[#]", _ID.sub("#", n.path or "")), tuple(map(_shape, n.children)))
    shape = _TABLE.setdefault(key, len(_TABLE))
    _SHAPES[id(n)] = (n, shape)
    return shape


def _ids(n: Node) -> tuple[str, ...]:
    """The ids in the subtree's texts, in the order they occur."""
    hit = _IDS.get(id(n))
    if hit is not None and hit[0] is n:
        return hit[1]
    own = tuple(_ID.findall("" if n.kind == "route" else n.text))
    found = own + tuple(x for c in n.children for x in _ids(c))
    _IDS[id(n)] = (n, found)
    return found


def _own_id(first: tuple[str, ...], other: tuple[str, ...]) -> str | None:
    """The one id that tells ``other`` apart from ``first`` (None: none, or more than one)."""
    differ = {(a, b) for a, b in zip(first, other, strict=True) if a != b}
    if len(differ) != 1:
        return None
    ((a, b),) = differ
    return b if all(x == a for x, y in zip(first, other, strict=True) if x != y) else None


def collapse(children: list[Node], lang: str) -> list[Node]:
    """The children with each set of alike subtrees or lines (three or more) as its first member and
    a line naming every member; the others as they are."""
    if len(_SHAPES) > _MAX_NODES:  # only here, between two weighings: numbers stay consistent within one
        _SHAPES.clear()
        _IDS.clear()
        _TABLE.clear()
    shapes: dict[int, list[Node]] = {}
    for c in children:
        shapes.setdefault(_shape(c), []).append(c)
    groups = {k: [(c, _ids(c)) for c in members] for k, members in shapes.items() if len(members) >= 3}
    named: dict[int, list[str]] = {}  # first member -> every member's id, in a reader's order
    hidden: set[int] = set()
    for members in groups.values():
        if len(members) < 3:
            continue
        first_ids = members[0][1]
        own = [_own_id(first_ids, ids) for _, ids in members[1:]]
        if any(o is None for o in own):
            continue
        lead = next((a for a, b in zip(first_ids, members[1][1], strict=True) if a != b), None)
        names = sorted([lead, *own], key=natural_key)  # type: ignore[list-item]
        if len(set(names)) != len(names):
            continue
        named[id(members[0][0])] = names
        hidden |= {id(n) for n, _ in members[1:]}
    out: list[Node] = []
    for c in children:
        if id(c) in hidden:
            continue
        out.append(c)
        if id(c) in named:
            out.append(Node("alike", alike_text(named[id(c)], lang), ""))
    return out


def alike_text(names: list[str], lang: str) -> str:
    """「G1–G12 同理，共 12 个」: a run of ids of one prefix and consecutive numbers as a range, others
    listed."""
    parts = [re.fullmatch(r"(.*?)(\d+)", n) for n in names]
    run = all(p is not None for p in parts) and len({p.group(1) for p in parts if p}) == 1
    numbers = [int(p.group(2)) for p in parts if p]
    if run and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        shown = f"{names[0]}–{names[-1]}"
    else:
        shown = msg("list_sep", lang).join(names)
    return msg("alike", lang).format(ids=shown, n=len(names))
