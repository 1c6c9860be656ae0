"""Explanation trees and why-not routes as nested Markdown lists.

A subtree that occurs more than once is printed in full once, under a visible label (〔R1〕, with
an HTML anchor), and referred to elsewhere; ``depth`` cuts trees off at that many levels and says
how many lines were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reasoner.explain.i18n import msg, paren
from reasoner.explain.report import Report
from reasoner.explain.tree import Node
from reasoner.explain.whynot import Condition, route_closeness
from reasoner.render.markdown import code, md, percent, with_asp
from reasoner.render.marks import MARKS


@dataclass
class Pass:
    """What one rendering pass learned: which subtrees were printed in full, in what order, and
    which were met again (repeated, or cut off by the depth limit)."""

    defined: list[str] = field(default_factory=list)
    again: set[str] = field(default_factory=set)
    cut: set[str] = field(default_factory=set)


class Trees:
    """Renders explanation trees and why-not routes as nested Markdown lists."""

    def __init__(self, report: Report, depth: int | None, labels: dict[str, str]):
        self.lang = report.lang
        self.depth = depth
        self.labels = labels
        self.seen = Pass()
        self.printed: set[str] = set()
        self.by_key = {(c.id, c.shown_subject): c for c in report.conclusions}

    # -- helpers -----------------------------------------------------------------------------
    def _ref(self, key: str) -> str:
        label = self.labels.get(key)
        if label is None:
            return md(msg("see_above", self.lang))
        return msg("report_see", self.lang).format(ref=f"[〔{label}〕](#{label.lower()})")

    def _anchor(self, key: str) -> str:
        label = self.labels.get(key)
        return f' <a id="{label.lower()}"></a>〔{label}〕' if label else ""

    def define(self, key: str) -> str:
        """Mark a subtree as printed here; its anchor, if it is referred to."""
        self.printed.add(key)
        self.seen.defined.append(key)
        return self._anchor(key)

    def _more(self, n: int) -> str:
        return md(msg("report_more", self.lang).format(n=n))

    # -- explanation trees ----------------------------------------------------------------------
    def node_line(self, n: Node) -> str:
        lang = self.lang
        if n.kind == "provision":
            text = f"**{md(n.text)}**" + (f" · {md(n.citation)}" if n.citation else "")
        elif n.kind in ("comparison", "aggregate"):
            text = with_asp(n.text)
        else:
            text = md(n.text)
        if n.path:
            text += f" — {md(msg('case_path', lang))} {code(n.path)}"
        if n.rule and n.kind in ("provision", "derived", "route", "law"):
            text += f" · {code(n.rule)}"
        if n.any_of:
            text += f" — {md(msg('any_of', lang))}"
        if n.kind == "finding":
            text += f" **⚖ {md(msg('discretionary', lang))}**"
        return f"{MARKS.get(n.kind, '•')} {text}"

    def nodes(self, children: list[Node], level: int, out: list[str]) -> None:
        for c in children:
            self.node(c, level, out)

    def node(self, n: Node, level: int, out: list[str], prefix: str = "") -> None:
        indent = "  " * level
        line = prefix + self.node_line(n)
        shared = n.kind in ("provision", "derived") and bool(n.children)
        if shared and n.atom in self.printed:
            self.seen.again.add(n.atom)
            out.append(f"{indent}- {line} → {self._ref(n.atom)}")
            return
        if n.children and self.depth is not None and level + 1 > self.depth:
            if shared and n.atom in self.labels:
                out.append(f"{indent}- {line} → {self._ref(n.atom)}")
            else:
                out.append(f"{indent}- {line} — {self._more(_size(n))}")
            if shared:
                self.seen.cut.add(n.atom)
            return
        anchor = self.define(n.atom) if shared else ""
        out.append(f"{indent}- {line}{anchor}")
        self.nodes(n.children, level + 1, out)

    # -- why-not routes --------------------------------------------------------------------------
    def routes(self, routes: list[list[Condition]], level: int, out: list[str]) -> None:
        lang = self.lang
        for i, route in enumerate(routes):
            if len(routes) > 1:
                head = msg("route", lang) + f" {i + 1}"
                closeness = msg("report_closeness", lang).format(share=percent(route_closeness(route)))
                out.append(f"{'  ' * level}- ◇ {md(head)}{md(paren(closeness, lang))}")
                self.conditions(route, level + 1, out)
            else:
                self.conditions(route, level, out)

    def conditions(self, conds: list[Condition], level: int, out: list[str]) -> None:
        for c in conds:
            self.condition(c, level, out)

    def condition(self, c: Condition, level: int, out: list[str]) -> None:
        indent = "  " * level
        mark = "?" if c.open else ("✔" if c.holds else "✘")
        if c.kind != "element":
            text = with_asp(c.text)
            out.append(f"{indent}- {mark} {text}")
            if c.routes:  # what defeats a route: the facts of the conclusion that holds
                self.routes(c.routes, level + 1, out)
            return
        if c.holds and not c.open:
            # an element that holds: the explanation of why, as in `check`
            concl = self.by_key.get((c.provision, c.subject))
            if concl is not None and concl.explanation is not None:
                self.node(concl.explanation, level, out, prefix="✔ ")
                return
        line = f"{mark} **{md(c.text)}{md(paren(c.subject or '', self.lang))}** · {md(c.citation or '')}"
        key = f"not:{c.provision}:{c.subject}"
        if not c.routes:
            out.append(f"{indent}- {line}")
            return
        if key in self.printed:
            self.seen.again.add(key)
            out.append(f"{indent}- {line} → {self._ref(key)}")
            return
        if self.depth is not None and level + 1 > self.depth:
            if key in self.labels:
                out.append(f"{indent}- {line} → {self._ref(key)}")
            else:
                out.append(f"{indent}- {line} — {self._more(_route_size(c.routes))}")
            self.seen.cut.add(key)
            return
        out.append(f"{indent}- {line}{self.define(key)}")
        self.routes(c.routes, level + 1, out)


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
