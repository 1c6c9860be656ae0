"""Explanation trees and why-not routes as the memo's tree lines (:class:`Step`).

A subtree that occurs more than once is given in full once, under a label (R1, R2, ...), and
referred to elsewhere; ``depth`` cuts trees off at that many levels and counts the lines left out.
Which subtrees are met again is known only after a first pass over the whole memo: the memo is
built twice, the second time with the labels the first pass found wanted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reasoner.explain.alike import collapse
from reasoner.explain.condition import Condition, route_closeness
from reasoner.explain.i18n import msg, paren
from reasoner.explain.report import Report
from reasoner.explain.tree import Node
from reasoner.render.markdown import percent
from reasoner.render.marks import MARKS
from reasoner.render.memo_model import Step


@dataclass
class Pass:
    """What one pass learned: which subtrees were given in full, in what order, and which were met
    again (repeated, or cut off by the depth limit)."""

    defined: list[str] = field(default_factory=list)
    again: set[str] = field(default_factory=set)
    cut: set[str] = field(default_factory=set)

    def labels(self) -> dict[str, str]:
        """R1, R2, ... for the subtrees referred to, in the order they are given in full."""
        wanted = self.again | (self.cut & set(self.defined))
        out: dict[str, str] = {}
        for key in self.defined:
            if key in wanted and key not in out:
                out[key] = f"R{len(out) + 1}"
        return out


class Trees:
    """Turns explanation trees and why-not routes into tree lines."""

    def __init__(
        self, report: Report, depth: int | None, labels: dict[str, str], debug: bool = False, expand: bool = False
    ):
        self.lang = report.lang
        self.debug = debug
        self.expand = expand
        self.depth = depth
        self.labels = labels
        self.seen = Pass()
        self.printed: set[str] = set()
        self.by_key = {(c.id, c.shown_subject): c for c in report.conclusions}

    def define(self, key: str) -> str | None:
        """Mark a subtree as given in full here; its label, if it is referred to."""
        self.printed.add(key)
        self.seen.defined.append(key)
        return self.labels.get(key)

    def _again(self, step: Step, key: str) -> Step:
        step.again = True
        step.ref = self.labels.get(key)
        return step

    # -- explanation trees ----------------------------------------------------------------------
    def line(self, n: Node, status: bool | None = None) -> Step:
        style = "strong" if n.kind == "provision" else "asp" if n.kind in ("comparison", "aggregate") else "plain"
        raw = self.debug and n.kind in ("comparison", "aggregate")
        return Step(
            kind=n.kind,
            text=f"{n.text}　[{n.atom}]" if raw else n.text,  # the rule's expression: --debug only
            status=status,
            mark=MARKS.get(n.kind, "•"),
            style=style,
            citation=(n.citation or None) if n.kind == "provision" else None,
            path=n.path or None,
            rule=n.rule if self.debug and n.rule and n.kind in ("provision", "derived", "route", "law") else None,
            any_of=n.any_of,
            discretionary=n.kind == "finding",
        )

    def nodes(self, children: list[Node], level: int) -> list[Step]:
        """Child lines; alike siblings once, with a line naming them all (each one with --expand)."""
        return [self.node(c, level) for c in (children if self.expand else collapse(children, self.lang))]

    def node(self, n: Node, level: int, status: bool | None = None) -> Step:
        step = self.line(n, status)
        shared = n.kind in ("provision", "derived") and bool(n.children)
        if shared and n.atom in self.printed:
            self.seen.again.add(n.atom)
            return self._again(step, n.atom)
        if n.children and self.depth is not None and level + 1 > self.depth:
            if shared and n.atom in self.labels:
                self._again(step, n.atom)
            else:
                step.more = _size(n)
            if shared:
                self.seen.cut.add(n.atom)
            return step
        if shared:
            step.label = self.define(n.atom)
        step.children = self.nodes(n.children, level + 1)
        return step

    # -- why-not routes --------------------------------------------------------------------------
    def routes(self, routes: list[list[Condition]], level: int) -> list[Step]:
        lang = self.lang
        if len(routes) == 1:
            return self.conditions(routes[0], level)
        out = []
        for i, route in enumerate(routes):
            closeness = msg("report_closeness", lang).format(share=percent(route_closeness(route)))
            head = Step(kind="route", text=f"{msg('route', lang)} {i + 1}{paren(closeness, lang)}", mark=MARKS["route"])
            head.children = self.conditions(route, level + 1)
            out.append(head)
        return out

    def conditions(self, conds: list[Condition], level: int) -> list[Step]:
        return [self.condition(c, level) for c in conds]

    def condition(self, c: Condition, level: int) -> Step:
        if c.kind != "element":
            text = f"{c.text}　[{c.raw}]" if self.debug and c.raw else c.text  # --debug only
            neutral = c.mark_kind  # a figure of the law, a count, an absence required and met: not a ✔
            status = None if neutral else c.holds
            mark = MARKS[neutral] if neutral else None
            step = Step(kind=c.kind, text=text, status=status, open=c.open, style="asp", mark=mark)
            if c.routes:  # what defeats a route: the facts of the conclusion that holds
                step.children = self.routes(c.routes, level + 1)
            return step
        if c.holds and not c.open:
            # an element that holds: the explanation of why, as in `check`
            concl = self.by_key.get((c.provision, c.subject))
            if concl is not None and concl.explanation is not None:
                return self.node(concl.explanation, level, status=True)
        step = Step(
            kind="element",
            text=c.text + paren(c.subject or "", self.lang),
            status=c.holds,
            open=c.open,
            style="strong",
            citation=c.citation or "",
        )
        key = f"not:{c.provision}:{c.subject}"
        if not c.routes:
            return step
        if key in self.printed:
            self.seen.again.add(key)
            return self._again(step, key)
        if self.depth is not None and level + 1 > self.depth:
            if key in self.labels:
                self._again(step, key)
            else:
                step.more = _route_size(c.routes)
            self.seen.cut.add(key)
            return step
        step.label = self.define(key)
        step.children = self.routes(c.routes, level + 1)
        return step


def _size(n: Node) -> int:
    """Lines below a node (each distinct node once)."""
    seen: set[int] = set()
    stack = list(n.children)
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        stack.extend(x.children)
    return len(seen)


def _route_size(routes: list[list[Condition]]) -> int:
    return sum(1 + _route_size(c.routes) for r in routes for c in r)
