"""Summary rows without the words of their explanations: the same explanation trees, read off the
same fired rules (:class:`reasoner.explain.why.Explainer`), with every node's structure (its kind,
provision, case-file path, routes and findings) and none of its text.  A summary row keeps only
what the trees decide (a conclusion rests on a finding, on Art 11's presumption, on a text not
verified; the findings it relies on), so it is the same as from the worded trees, at a fraction of
the cost; the full explanation is built for ``--detail full`` or a later ``check`` of the case."""

from __future__ import annotations

from reasoner.explain.tree import Node
from reasoner.explain.why import JUDGED_FACTS, Explainer, _fits
from reasoner.law.terms import SymbolType, Term
from reasoner.law.transform import ANY
from reasoner.solve.atoms.facts import FactInfo


class FlagsExplainer(Explainer):
    """An Explainer whose nodes carry no text: what a summary row reads of a tree, and only that."""

    worded = False

    def __init__(self, result, lang: str):
        super().__init__(result, lang)
        self._witnessed: dict[Term, Term] = {}

    def _finding(self, sym: Term) -> Node:
        f = self.r.facts.findings[sym]
        return Node("finding", "", "", provision=f.provision, path=self.r.facts.atoms[sym].path, discretionary=True)

    def _fact(self, sym: Term, info: FactInfo) -> Node:
        return Node("fact", "", "", path=info.path, discretionary=sym.name in JUDGED_FACTS)

    def _parameter(self, sym: Term) -> Node:
        return Node("parameter", "", "", provision=self.params[sym].provision)

    def _conclusion(self, sym: Term) -> Node:
        if sym.name == "holds" and sym.arguments[0].type == SymbolType.String:
            return Node("provision", "", "", provision=sym.arguments[0].string)
        return Node("derived", "", "")

    def _counted_text(self, node: Node) -> str:
        return ""

    def _witness(self, sym: Term) -> Term:
        """:meth:`Explainer._witness` (the first fitting atom in the model's order), looking only
        at the atoms of the literal's predicate, by the model's index of names."""
        if sym in self._witnessed:
            return self._witnessed[sym]
        found = sym
        if ANY in str(sym):
            args = sym.arguments
            n = len(args)
            key = next(((i, a) for i, a in enumerate(args[:2]) if ANY not in str(a)), None)
            cands = [
                s
                for s in self.r.named(sym.name)
                if len(s.arguments) == n and (key is None or s.arguments[key[0]] == key[1])
            ]
            found = next((c for c in sorted(cands) if _fits(sym, c)), sym)
        self._witnessed[sym] = found
        return found

    def _route(self, k: int, body: Term) -> tuple[str, list[Node]]:
        """The nodes of one fired rule instance, as :meth:`Explainer._route` builds them, without
        the values a comparison's text is written with."""
        info = self.rules[k]
        children: list[Node] = []
        for item in body.arguments:
            tag = item.name
            if tag == "pos":
                children.extend(self.steps(self.atom(self._witness(item.arguments[0]))))
            elif tag == "neg":
                children.append(Node("absence", "", ""))
            elif tag == "cmp":
                children.append(Node("comparison", "", ""))
            elif tag == "agg":
                children.append(self._aggregate(k, info, item))
        return f"{info.file}:{info.line}", children

    def _aggregate(self, k: int, info, item: Term) -> Node:
        j, _, globals_ = item.arguments
        elements = self.r.aggregates.get((k, j.number, globals_), [])
        children = [self.atom(c) for _, conds in elements for c in conds.arguments]
        return Node("aggregate", "", "", children=children, discretionary=any(c.discretionary for c in children))
