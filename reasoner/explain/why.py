"""Explanation trees, read off the rules that fired in clingo.

Each conclusion's tree is built from the ``__fired`` atoms of the model (see
:mod:`reasoner.law.transform`): the ground rule instance that derived it, and for each of its body
literals the fact, threshold, comparison, aggregate, finding or derived atom that made it true,
recursively.  Nothing here knows
the law: labels come from the catalogue and the translation table, structure from clingo.
"""

from __future__ import annotations

from decimal import Decimal

from clingo import ast

from reasoner.case.values import fen
from reasoner.explain.arithmetic import COUNTED, MONEY_PREDICATES, bind, counted_source
from reasoner.explain.i18n import colon, describe, describe_not, fmt_num, fmt_yuan, msg, natural_key, paren, shown
from reasoner.explain.texts import bound_text, finding_text, param_text, statement_text
from reasoner.explain.tree import Node
from reasoner.explain.wording import aggregate_words, comparison_words
from reasoner.law.catalogue import catalogue
from reasoner.law.parameters import by_symbol
from reasoner.law.program import program
from reasoner.law.terms import Function, String, SymbolType, Term
from reasoner.law.transform import ANY, RuleInfo
from reasoner.solve.atoms.facts import FactInfo
from reasoner.solve.result import Result

#: Records whose name or description is shown beside their id.
_NAMED = frozenset(
    {
        "party",
        "act",
        "site",
        "assisted",
        "evidence_loss",
        "order_issuer",
        "order_basis",
        "counter_evidence",
        "site_activity",
        "publish_activity",
    }
)
#: Running totals: derived one step from the step before (Art 16 adds up a cumulation's figures
#: act by act, interp_16_cumulation.lp).  Shown as their steps side by side, not one inside the
#: other, so that a total over many acts does not push its explanation off the right of the page.
RUNNING = frozenset({"cum_upto"})
#: Figures Art 16 adds up (interp_16_cumulation.lp), for a cumulation subject.
_CUMULATED = MONEY_PREDICATES | {"quantity", "leaked", "publish_count"}


class Explainer:
    """Builds trees for one result in one language."""

    #: whether the nodes carry their words (and the conclusions their notes)
    worded = True

    def __init__(self, result: Result, lang: str):
        self.r = result
        self.lang = lang
        self.rules: list[RuleInfo] = program().rules
        self.cat = catalogue()
        self.params = by_symbol()
        self._memo: dict[Term, Node] = {}
        self._by_pred: dict[tuple, list[Term]] | None = None
        self._cum: dict[Term, list[Term]] | None = None

    # -- atoms ---------------------------------------------------------------------------
    def atom(self, sym: Term) -> Node:
        """The explanation of an atom of the model (each atom built once, then shared)."""
        if sym in self._memo:
            return self._memo[sym]
        node = self._atom(sym)
        self._memo[sym] = node
        return node

    def _atom(self, sym: Term) -> Node:
        facts = self.r.facts
        if sym in facts.findings:
            return self._finding(sym)
        info = facts.atoms.get(sym)
        if info is not None:
            return self._fact(sym, info)
        if sym in self.params:
            return self._parameter(sym)
        if sym in facts.unknown:
            info = facts.unknown[sym]
            return Node(
                "unknown", f"{msg('unknown_fact', self.lang)}{colon(self.lang)}{info.path}", str(sym), path=info.path
            )
        # alternative routes in a reader's order: the route through G2 before the one through G10
        routes = sorted(self.r.fired.get(sym, []), key=lambda kb: (kb[0], natural_key(str(kb[1]))))
        node = self._conclusion(sym)
        if not routes:
            return node
        node = self._derivation(node, [self._route(k, body) for k, body in routes])
        if sym.name in RUNNING and len(routes) == 1:
            self._unnest(sym, routes[0][1], node)
        return node

    def _unnest(self, sym: Term, body: Term, node: Node) -> None:
        """A step of a running total keeps the earlier steps beside it (``node.before``), not as its
        child: whatever reads the total lists every step at one depth (:meth:`steps`)."""
        for item in body.arguments:
            if item.name == "pos" and item.arguments[0].name == sym.name:
                prev = self._memo[self._witness(item.arguments[0])]
                node.before = [*prev.before, prev]  # listed among the children by _route: taken out
                node.children = [c for c in node.children if all(c is not x for x in node.before)]
                node.discretionary = any(c.discretionary for c in node.children)
                return

    @staticmethod
    def steps(node: Node) -> list[Node]:
        """A child as its parent shows it: a running total as its steps in order, else itself."""
        return [*node.before, node] if node.before else [node]

    def _finding(self, sym: Term) -> Node:
        """A reviewer finding the case records."""
        f = self.r.facts.findings[sym]
        text = finding_text(self.cat[f.provision].label(self.lang), f, self.lang)
        info = self.r.facts.atoms[sym]
        return Node("finding", text, str(sym), provision=f.provision, path=info.path, discretionary=True)

    def _fact(self, sym: Term, info: FactInfo) -> Node:
        """A fact of the case, with its field and, for a figure, what a reader must know about it."""
        text = describe(sym, self.lang)
        value = info.value
        if sym.name in _NAMED and isinstance(value, str) and value not in text:
            text += f"「{value}」"
        text = self.figure_text(sym, info, text)
        # counter-evidence taken as 相反证据 is the reviewer's judgment, as a finding is (Art 11)
        judged = sym.name in JUDGED_FACTS
        return Node(
            "fact", text, str(sym), path=info.path, value=value if _scalar(value) else None, discretionary=judged
        )

    def _parameter(self, sym: Term) -> Node:
        """A figure of the law, with where it comes from."""
        p = self.params[sym]
        c = colon(self.lang)
        text = f"{param_text(p, self.lang)}" + paren(f"{p.cite}{c}{p.source}", self.lang)
        return Node("parameter", text, str(sym), provision=p.provision, value=p.value)

    def _conclusion(self, sym: Term) -> Node:
        """A derived atom before its derivation: a provision for a subject, or a helper in words (an
        Art 16 total shown exactly, however large)."""
        if sym.name == "holds" and sym.arguments[0].type == SymbolType.String:
            pid = sym.arguments[0].string
            prov = self.cat.get(pid)
            label = prov.label(self.lang) if prov else pid
            subj = shown(sym.arguments[1])
            return Node(
                "provision",
                label + paren(subj, self.lang),
                str(sym),
                provision=pid,
                citation=prov.citation(self.lang) if prov else None,
                subject=subj,
            )
        text = describe(sym, self.lang)
        exact = self._cumulated(sym)
        if exact is not None:
            text = self._exact_text(sym, exact)
            if (exact * 100 if isinstance(exact, Decimal) else exact) > sym.arguments[-1].number:
                text += ("" if self.lang == "zh" else " ") + msg("saturated", self.lang)
        return Node("derived", text, str(sym))

    def _derivation(self, node: Node, built: list[tuple[str, list[Node]]]) -> Node:
        """The node with the rule instances that derived it: one route's conditions as its children,
        or each route under a route node; data the rule files write down is law."""
        if all(not children for _, children in built):
            # data written in the rule files themselves (e.g. the services Art 1 lists)
            node.kind = "law" if node.kind == "derived" else node.kind
            node.rule = built[0][0]
            return node
        if len(built) == 1:
            node.rule, node.children = built[0]
            if node.atom and node.kind == "derived":  # a figure as counted: shown exactly, however large
                node.text = self._counted_text(node)
        else:
            node.any_of = True
            for i, (rule, children) in enumerate(built):
                node.children.append(
                    Node(
                        "route",
                        f"{msg('route', self.lang)} {i + 1}",
                        "",
                        children=children,
                        rule=rule,
                        discretionary=any(c.discretionary for c in children),
                    )
                )
        if node.any_of:  # alternative routes: it rests on a finding only if every route does
            node.discretionary = all(c.discretionary for c in node.children)
        else:
            node.discretionary = any(c.discretionary for c in node.children)
        return node

    def _witness(self, sym: Term) -> Term:
        """A true atom for a recorded literal whose anonymous positions were masked (``__any``)."""
        if ANY not in str(sym):
            return sym
        if self._by_pred is None:
            self._by_pred = {}
            for s in sorted(self.r.model):
                key = (s.name, len(s.arguments))
                self._by_pred.setdefault(key, []).append(s)
                for i, a in enumerate(s.arguments[:2]):  # by the first two arguments too: few atoms share one
                    self._by_pred.setdefault((*key, i, a), []).append(s)
        key = (sym.name, len(sym.arguments))
        for i, a in enumerate(sym.arguments[:2]):
            if ANY not in str(a):
                key = (*key, i, a)
                break
        for cand in self._by_pred.get(key, []):
            if _fits(sym, cand):
                return cand
        return sym

    def _cumulated(self, sym: Term) -> Decimal | int | None:
        """The exact total of an Art 16 cumulated figure, from the exact figures of the acts the rules
        added up (cum_money / cum_count atoms of the model); None for any other atom."""
        if sym.name not in _CUMULATED or not sym.arguments or sym.arguments[0].type != SymbolType.Function:
            return None
        c, mid = sym.arguments[0], list(sym.arguments[1:-1])
        total: Decimal | int | None = None
        if self._cum is None:  # the added-up atoms by their cumulation, read once
            self._cum = {}
            for s in sorted(self.r.model):
                if s.name in ("cum_money", "cum_count") and s.arguments:
                    self._cum.setdefault(s.arguments[0], []).append(s)
        for s in self._cum.get(c, []):
            key = s.arguments[1]
            if key.name != sym.name or list(key.arguments) != mid:
                continue
            info = counted_source(Function(sym.name, [s.arguments[2], *mid, s.arguments[3]]), self.r)
            value: Decimal | int = s.arguments[3].number
            if s.name == "cum_money":
                value = Decimal(info.value) if info is not None else Decimal(value) / 100
            elif info is not None and isinstance(info.value, int):
                value = info.value
            total = value if total is None else total + value
        return total

    def _counted_text(self, node: Node) -> str:
        """A counted figure (cl_12_time.lp) is the recorded figure or its part from a day: shown with
        that figure's exact value where the solver's atom carries its ceiling, and its bounds where
        it is known only within them."""
        sym = _parse(node.atom)
        if sym is None or (sym.name not in COUNTED and sym.name != "counted") or not sym.arguments:
            return node.text
        info = counted_source(sym, self.r)
        if info is None:
            return node.text
        text = node.text
        if info.saturated:
            gap = "" if self.lang == "zh" else " "
            text = self._exact_text(sym, info.value) + gap + msg("saturated", self.lang)
        if info.bound is not None:  # known only within bounds: said at every step that counts it
            bounds = bound_text(info.bound, self.lang)
            text += paren(f"{msg('bounded', self.lang)}{colon(self.lang)}{bounds}", self.lang)
        return text

    def figure_text(self, sym: Term, info: FactInfo, text: str) -> str:
        """A recorded fact's text with what a reader must know about its figure: the exact value
        above the solver's ceiling, what a statement summed, the bounds it is known within."""
        if info.saturated:
            gap = "" if self.lang == "zh" else " "
            text = self._exact_text(sym, info.value) + gap + msg("saturated", self.lang)
        if info.source is not None:  # a figure summed from a statement: what was summed, from where
            text += paren(statement_text(info.source, self.lang), self.lang)
        if info.bound is not None:
            bounds = bound_text(info.bound, self.lang)
            text += paren(f"{msg('bounded', self.lang)}{colon(self.lang)}{bounds}", self.lang)
        if info.evidence:  # the evidence the case file names for the fact, beside it
            text += paren(f"{msg('evidence_named', self.lang)}{colon(self.lang)}{info.evidence}", self.lang)
        return text

    def _exact_text(self, sym: Term, exact: object) -> str:
        args = list(sym.arguments)
        if isinstance(exact, Decimal):
            args[-1] = String(fmt_yuan(fen(exact), self.lang))
        elif isinstance(exact, int):
            args[-1] = String(fmt_num(exact))
        return describe(Function(sym.name, args), self.lang)

    # -- one fired rule instance ------------------------------------------------------------
    def _route(self, k: int, body: Term) -> tuple[str, list[Node]]:
        info = self.rules[k]
        where = f"{info.file}:{info.line}"
        children: list[Node] = []
        items = body.arguments
        lits = [b for b in info.body if b.ast_type == ast.ASTType.Literal]
        env_exact: dict[str, int] = {}
        env: dict[str, int] = {}
        money: dict[str, str] = {}
        # Bind variables to values from the positive literals, exact figures where capped.
        for lit, item in zip(lits, items, strict=False):
            if item.name == "pos" and lit.atom.ast_type == ast.ASTType.SymbolicAtom:
                bind(lit.atom.symbol, item.arguments[0], env, env_exact, money, self.r)
        for item in items:
            tag = item.name
            if tag == "pos":
                children.extend(self.steps(self.atom(self._witness(item.arguments[0]))))
            elif tag == "neg":
                children.append(self._absence(item.arguments[0]))
            elif tag == "cmp":
                children.append(self._comparison(info, item, env, env_exact, money))
            elif tag == "agg":
                children.append(self._aggregate(k, info, item))
        return where, children

    def _comparison(self, info: RuleInfo, item: Term, env: dict, exact: dict, money: dict[str, str]) -> Node:
        """A comparison of the rule in words, with the figures it was made with (exact where capped)."""
        c = info.comparisons[item.arguments[0].number]
        values: dict[str, int | Term] = dict(zip(c.variables, item.arguments[1].arguments, strict=False))
        values |= {
            k: v for k, v in exact.items() if isinstance(values.get(k), Term) and values[k].type == SymbolType.Number
        }
        head = info.head_id or info.head_predicate
        _, text = comparison_words(c.text, c.left, c.op, c.right, values, money, self.lang, head)
        return Node("comparison", text, c.text, value=None)

    def _aggregate(self, k: int, info: RuleInfo, item: Term) -> Node:
        j, value, globals_ = item.arguments
        agg = info.aggregates[j.number]
        elements = sorted(self.r.aggregates.get((k, j.number, globals_), []), key=lambda e: natural_key(str(e[0])))
        children = []
        for _terms, conds in elements:
            for c in conds.arguments:
                children.append(self.atom(c))
        # the latest (earliest) of days is a day, not a number
        day = agg.function in ("max", "min") and value.type == SymbolType.Number and _is_day(value.number)
        text = aggregate_words(agg.text, value, day, self.lang, info.head_id or info.head_predicate)
        return Node(
            "aggregate",
            text,
            agg.text,
            children=children,
            value=value.number if value.type == SymbolType.Number else None,
            discretionary=any(c.discretionary for c in children),
        )

    def _absence(self, sym: Term) -> Node:
        if sym.name == "finding_fails":
            return Node("absence", msg("no_finding_against", self.lang), f"not {sym}")
        if sym.name == "holds" and sym.arguments[0].type == SymbolType.String:
            prov = self.cat.get(sym.arguments[0].string)
            label = prov.label(self.lang) if prov else sym.arguments[0].string
            subject = paren(shown(sym.arguments[1]), self.lang)
            text = f"{msg('not_established', self.lang)}{colon(self.lang)}{label}{subject}"
            return Node("absence", text, f"not {sym}", provision=prov.id if prov else None)
        return Node("absence", describe_not(sym, self.lang), f"not {sym}")


def _fits(pattern: Term, sym: Term) -> bool:
    """Whether a ground atom matches a recorded literal, ``__any`` matching anything."""
    if pattern.type == SymbolType.Function and pattern.name == ANY and not pattern.arguments:
        return True
    if pattern.type != SymbolType.Function or sym.type != SymbolType.Function:
        return pattern == sym
    return (
        pattern.name == sym.name
        and len(pattern.arguments) == len(sym.arguments)
        and all(_fits(p, s) for p, s in zip(pattern.arguments, sym.arguments, strict=True))
    )


def _scalar(v: object) -> bool:
    return isinstance(v, (int, str, bool, Decimal)) or v is None or hasattr(v, "isoformat")


def _parse(text: str) -> Term | None:
    """A node's atom back as a symbol (nodes keep their atom's text)."""
    from reasoner.law.terms import parse_term

    try:
        return parse_term(text)
    except RuntimeError:
        return None


#: facts of the case that record a reviewer's judgment, not an event: counter-evidence accepted as
#: 相反证据 rebuts the presumption of Art 11 only as the reviewer weighs it
JUDGED_FACTS = frozenset({"counter_evidence"})


def _is_day(n: int) -> bool:
    """Whether a number the rules took the #max or #min of is a day written YYYYMMDD."""
    import datetime as dt

    try:
        dt.date(n // 10000, n // 100 % 100, n % 100)
    except ValueError:
        return False
    return 19000101 <= n <= 29991231
