"""Why a conclusion does not hold: each rule that could derive it, and what in its body failed.

Computed from the rules' AST and clingo's answer, never from a description of the law in Python:
for every rule whose head is ``holds("Id", X)``, the body is matched against the model with X bound
to the subject.  Positive atoms bind further variables from the atoms that are true (one route per
binding); what cannot be matched is a failing condition; comparisons are evaluated with the bound
figures; ``holds`` literals are elements, explained recursively to a given depth.
"""

from __future__ import annotations

from collections import defaultdict

from clingo import ast

from reasoner.explain.arithmetic import COUNTED, bind, comparison_text, counted_source, evaluate, unit_of
from reasoner.explain.condition import Condition, assigned_in, open_comparisons, rank, reads_of, solver_bounds
from reasoner.explain.i18n import (
    colon,
    describe,
    describe_not,
    fmt_num,
    fmt_yuan,
    msg,
    natural_key,
    paren,
    plain,
    shown,
)
from reasoner.explain.matching import instantiate, unify
from reasoner.explain.openness import Openness
from reasoner.explain.texts import finding_text, param_text
from reasoner.explain.tree import Node
from reasoner.explain.unrecorded import recorded_fields
from reasoner.explain.why import Explainer
from reasoner.explain.wording import aggregate_words, comparison_words
from reasoner.law.catalogue import catalogue
from reasoner.law.packs import by_id
from reasoner.law.parameters import by_symbol
from reasoner.law.program import program
from reasoner.law.terms import Function, Number, String, SymbolType, Term
from reasoner.law.transform import CMP_OPS
from reasoner.solve.result import Result

MAX_ROUTES = 12


class WhyNot(Openness):
    """Why-not routes for one result in one language."""

    def __init__(self, result: Result, lang: str, explainer: Explainer | None = None):
        self.r = result
        self.lang = lang
        # one explainer (and its memo) for every route that a holding conclusion excludes
        self.explainer = explainer or Explainer(result, lang)
        self.cat = catalogue()
        self._answer_atoms: dict[str, list[Term]] | None = None  # the open facts, by predicate
        self._fields: set[tuple[str, str]] | None = None  # fields recorded (see _recorded_otherwise)
        self.by_pred: dict[tuple[str, int], list[Term]] = defaultdict(list)
        #: the same lists by the value of their first or second argument: a pattern with one bound
        #: is matched against its few atoms, not every atom of its predicate (cases of many acts)
        self.by_arg: dict[tuple[str, int, int, Term], list[Term]] = defaultdict(list)
        for s in sorted(result.model, key=lambda s: natural_key(str(s))):  # routes through G2 before G10
            args = s.arguments
            self.by_pred[(s.name, len(args))].append(s)
            for i in range(min(2, len(args))):
                self.by_arg[(s.name, len(args), i, args[i])].append(s)
        self.rules: dict[str, list] = defaultdict(list)
        self.by_head: dict[str, list] = defaultdict(list)  # rules by their head's predicate
        # predicates the rule files define by plain facts (lists the law itself makes)
        self.law_data = {r.head_predicate for r in program().rules if r.empty_body}
        for r in program().rules:
            if r.head_id is not None:
                self.rules[r.head_id].append(r)
            if not r.empty_body:
                self.by_head[r.head_predicate].append(r)

    def routes(self, pid: str, subject: Term, depth: int) -> list[list[Condition]]:
        """Every way the rules could establish ``pid`` for ``subject``, with each condition's status."""
        out: list[list[Condition]] = []
        for r in self.rules.get(pid, []):
            env = unify(r.head.arguments[1], subject, {})
            if env is None:
                continue
            for route in self._body(r, list(r.body), env, depth):
                open_comparisons(route, assigned_in(r))
                out.append(route)
                if len(out) >= MAX_ROUTES:
                    return rank(out)
        return rank(out)

    def _body(self, rule, body: list, env: dict, depth: int) -> list[list[Condition]]:
        """Routes through the remaining body literals under a binding."""
        if not body:
            return [[]]
        lit, rest = body[0], body[1:]
        atom = lit.atom
        if atom.ast_type == ast.ASTType.SymbolicAtom and lit.sign == ast.Sign.NoSign:
            return self._positive(rule, atom.symbol, rest, env, depth)
        if atom.ast_type == ast.ASTType.SymbolicAtom:  # default negation
            cond = self._negated(atom.symbol, env)
            return [[cond, *tail] for tail in self._body(rule, rest, env, depth)]
        if atom.ast_type == ast.ASTType.Comparison:
            return self._comparison(rule, atom, rest, env, depth)
        if atom.ast_type == ast.ASTType.BodyAggregate:
            return self._aggregate(rule, atom, rest, env, depth)
        return self._body(rule, rest, env, depth)

    def _positive(self, rule, pattern, rest: list, env: dict, depth: int) -> list[list[Condition]]:
        """A positive literal: an element (``holds``) examined in turn, or a route for each true atom
        that matches it, or a failing condition when none does."""
        is_elem = pattern.ast_type == ast.ASTType.Function and pattern.name == "holds"
        ground = instantiate(pattern, env)
        if ground is not None and is_elem:
            cond = self._element(ground, depth)
            return [[cond, *tail] for tail in self._body(rule, rest, env, depth)]
        matches = self._matches(pattern, env)
        if matches:
            routes: list[list[Condition]] = []
            for sym, env2 in matches[:MAX_ROUTES]:
                head = self._element(sym, depth) if is_elem else self._fact(sym, pattern)
                routes.extend([[head, *tail] for tail in self._body(rule, rest, env2, depth)])
            return routes[:MAX_ROUTES]
        given = self._may_be_given(pattern, env)
        cond = Condition("fact", False, self._pattern_text(pattern, env, given), open=given)
        ground = instantiate(pattern, env)
        if ground is not None and ground in self.r.facts.recorded_false:  # recorded as no, not missing
            cond.text = f"{msg('recorded_false', self.lang)}{colon(self.lang)}{describe(ground, self.lang)}"
        elif not given and ground is not None and ground.name not in self.law_data | {"pack_applies"}:
            if self._fields is None:
                self._fields = recorded_fields(self.r)
            if (ground.name, plain(ground.arguments[0]) if ground.arguments else "") not in self._fields:
                cond.never_recorded = cond.text.removeprefix(f"{msg('no_fact', self.lang)}{colon(self.lang)}")
        return [[cond, *tail] for tail in self._body(rule, rest, env, depth)]

    def _negated(self, pattern, env: dict) -> Condition:
        """``not A``: met when A is false; a recorded finding against, or a conclusion that holds
        (shown with why it holds), defeats the route."""
        ground = instantiate(pattern, env)
        present = ground is not None and ground in self.r.model
        text = self._text(ground) if ground is not None else str(pattern)
        if ground is not None and ground.name == "holds" and ground.arguments[0].type == SymbolType.String:
            text = self._label(ground.arguments[0].string) + paren(shown(ground.arguments[1]), self.lang)
        if ground is not None and ground.name == "finding_fails":
            f = self.r.facts.findings.get(ground)
            label = self._label(ground.arguments[0].string)
            against = msg("finding_fails", self.lang) + colon(self.lang) + label
            text = finding_text(label, f, self.lang) if f else against
        unsettled = ground is not None and (
            self._unsettled(ground) or (not present and bool(self.r.facts.questions) and self._derivable(ground))
        )
        if present and ground.name == "finding_fails":
            return Condition("absence", False, text)  # the recorded finding itself defeats it
        if present and ground.name == "holds":
            # a conclusion that holds excludes this route: say so, and show why it holds
            tree = self.explainer.atom(ground)
            why = [[Condition("fact", True, c.text) for c in _leaves(tree)]]
            return Condition(
                "absence",
                False,
                f"{msg('defeated_by', self.lang)}{colon(self.lang)}{text}",
                provision=ground.arguments[0].string,
                routes=why,
                open=unsettled,
            )
        if ground is not None and ground.name == "holds":  # a conclusion that must not hold, and does not
            said = f"{msg('not_established', self.lang)}{colon(self.lang)}{text}"
        elif present:  # what the rule requires absent is there: the route is excluded
            said = text + msg("present_excludes", self.lang)
        else:
            said = describe_not(ground, self.lang) if ground is not None else text
        return Condition("absence", not present, said, open=unsettled)

    def _comparison(self, rule, atom, rest: list, env: dict, depth: int) -> list[list[Condition]]:
        """A comparison with the bound figures: an assignment binds its variable; a threshold not
        reached gets the figure, the gap and the share reached."""
        guard = atom.guards[0]
        nums = {k: v.number for k, v in env.items() if v.type == SymbolType.Number}
        op = CMP_OPS[guard.comparison]
        if op == "=" and atom.term.ast_type == ast.ASTType.Variable and atom.term.name not in nums:
            try:  # an assignment X = expr binds X
                value = evaluate(guard.term, nums)
            except (KeyError, ValueError, AttributeError):
                return self._body(rule, rest, env, depth)
            return self._body(rule, rest, {**env, atom.term.name: Number(value)}, depth)
        units = self._money(rule, env)
        head = rule.head_id or rule.head_predicate
        ok, text = comparison_words(str(atom), atom.term, op, guard.term, env, units, self.lang, head)
        if ok is None:
            return self._body(rule, rest, env, depth)  # figures missing: a failing fact says why
        lv, rv = evaluate(atom.term, nums), evaluate(guard.term, nums)
        cond = Condition(
            "comparison", ok, text, reads=reads_of(atom), formula=(atom.term, op, guard.term, nums), raw=str(atom)
        )
        # the unit of either side: a sum of nothing (0) compared with a sum of money is money too
        unit = unit_of(atom.term, units) or unit_of(guard.term, units)
        if not ok and op in (">=", ">") and unit != "date" and rv > 0:
            cond.figure, cond.threshold, cond.unit = lv, rv, unit
            cond.gap = rv - lv + (1 if op == ">" else 0)
            cond.share = max(0.0, min(lv / rv, 1.0))
            shown = fmt_yuan(cond.gap, self.lang) if unit == "fen" else fmt_num(cond.gap)
            cond.text += f" — {msg('gap', self.lang)} {shown}{msg('comma', self.lang)}" + msg(
                "reached", self.lang
            ).format(share=_percent(cond.share))
        return [[cond, *tail] for tail in self._body(rule, rest, env, depth)]

    def _aggregate(self, rule, atom, rest: list, env: dict, depth: int) -> list[list[Condition]]:
        """Evaluate a #count or #sum over the model under the binding, bind its result, go on."""
        tuples: set[tuple] = set()
        for el in atom.elements:
            for env2 in self._conditions(list(el.condition), env):
                terms = tuple(instantiate(t, env2) for t in el.terms)
                if None not in terms:
                    tuples.add(terms)
        function = int(atom.function)
        if function == 0:
            value = len(tuples)
        elif function in (1, 2):
            value = sum(t[0].number for t in tuples if t and t[0].type == SymbolType.Number)
        else:
            return self._body(rule, rest, env, depth)
        head = rule.head_id or rule.head_predicate
        text = aggregate_words(str(atom), Number(value), False, self.lang, head)
        cond = Condition("aggregate", True, text, raw=str(atom))
        guard = atom.left_guard or atom.right_guard
        env2 = env
        if guard is not None and guard.term.ast_type == ast.ASTType.Variable and guard.term.name not in env:
            env2 = {**env, guard.term.name: Number(value)}
        return [[cond, *tail] for tail in self._body(rule, rest, env2, depth)]

    def _conditions(self, conds: list, env: dict) -> list[dict]:
        """Every binding under which a conjunction of condition literals is true in the model."""
        if not conds:
            return [env]
        lit, rest = conds[0], conds[1:]
        a = lit.atom
        if a.ast_type == ast.ASTType.SymbolicAtom and lit.sign == ast.Sign.NoSign:
            return [e for _, e2 in self._matches(a.symbol, env) for e in self._conditions(rest, e2)]
        if a.ast_type == ast.ASTType.SymbolicAtom:
            ground = instantiate(a.symbol, env)
            return self._conditions(rest, env) if ground is None or ground not in self.r.model else []
        if a.ast_type == ast.ASTType.Comparison:
            nums = {k: v.number for k, v in env.items() if v.type == SymbolType.Number}
            try:
                ok, _ = comparison_text(a.term, CMP_OPS[a.guards[0].comparison], a.guards[0].term, nums, {}, self.lang)
            except (KeyError, ValueError, AttributeError):
                return []
            return self._conditions(rest, env) if ok else []
        return []

    def _money(self, rule, env: dict) -> dict[str, str]:
        """Units of the rule's variables (fen, date), from the true atoms they were matched with."""
        money: dict[str, str] = {}
        for lit in rule.body:
            a = lit.atom
            if a.ast_type == ast.ASTType.SymbolicAtom and lit.sign == ast.Sign.NoSign:
                ground = instantiate(a.symbol, env)
                if ground is not None and ground.type == SymbolType.Function:
                    bind(a.symbol, ground, {}, {}, money, self.r)
        return money

    def _matches(self, pattern, env) -> list[tuple[Term, dict]]:
        if pattern.ast_type != ast.ASTType.Function:
            return []
        key = (pattern.name, len(pattern.arguments))
        candidates = self.by_pred.get(key, [])
        for i, arg in enumerate(pattern.arguments[:2]):
            bound = instantiate(arg, env)
            if bound is not None:
                narrow = self.by_arg.get((*key, i, bound), [])
                if len(narrow) < len(candidates):
                    candidates = narrow
        out = []
        for s in candidates:
            e = unify(pattern, s, env)
            if e is not None:
                out.append((s, e))
        return out

    def _element(self, sym: Term, depth: int) -> Condition:
        pid = sym.arguments[0].string
        subject = sym.arguments[1]
        ok = sym in self.r.model
        unsettled = self._unsettled(sym)
        # an element that fails, or holds only in the recorded reading, is shown with its routes
        routes = [] if (ok and not unsettled) or depth <= 0 else self.routes(pid, subject, depth - 1)
        prov = self.cat.get(pid)
        return Condition(
            "element",
            ok,
            prov.label(self.lang) if prov else pid,
            provision=pid,
            citation=prov.citation(self.lang) if prov else None,
            subject=shown(subject),
            routes=routes,
            open=unsettled,
            subject_term=subject,
        )

    def _label(self, pid: str) -> str:
        prov = self.cat.get(pid)
        return prov.label(self.lang) if prov else pid

    def _text(self, sym: Term) -> str:
        param = by_symbol().get(sym)
        if param is not None:
            return param_text(param, self.lang)
        if sym.name in ("finding_holds", "finding_fails"):
            verdict = msg(sym.name, self.lang)
            return f"{msg('finding', self.lang)}{colon(self.lang)}{self._label(sym.arguments[0].string)} — {verdict}"
        info = self.r.facts.unknown.get(sym)
        if info is not None:
            return describe(sym, self.lang) + paren(msg("unknown_fact", self.lang), self.lang)
        known = self.r.facts.atoms.get(sym)
        if known is None and sym.name in COUNTED:  # a figure as counted (cl_12_time.lp): its record
            known = counted_source(sym, self.r)
        if known is not None:  # exact above the ceiling, summed from a statement, or within bounds
            return self.explainer.figure_text(sym, known, describe(sym, self.lang))
        return describe(sym, self.lang)

    def _fact(self, sym: Term, pattern) -> Condition:
        """A fact of the answer that a route reads; open when facts not known could undo it, with
        the bounds of a figure known only within them (for the comparisons that read it)."""
        kind = "parameter" if sym in by_symbol() else "fact"  # a figure of the law is not a condition met
        cond = Condition(kind, True, self._text(sym), open=self._unsettled(sym), reads=reads_of(pattern))
        info = self.r.facts.atoms.get(sym)
        last = pattern.arguments[-1] if pattern.ast_type == ast.ASTType.Function and pattern.arguments else None
        if cond.open and info is not None and info.bound is not None and last is not None:
            if last.ast_type == ast.ASTType.Variable:
                cond.bounds = {last.name: solver_bounds(info.bound)}
        return cond

    def _pattern_text(self, pattern, env: dict, open_: bool = False) -> str:
        """A condition no true atom matched: described with what is bound, '…' for the rest."""
        if pattern.ast_type != ast.ASTType.Function:
            return str(pattern)
        if pattern.name in ("finding_holds", "finding_fails"):
            pid = instantiate(pattern.arguments[0], env)
            label = self._label(pid.string) if pid is not None and pid.type == SymbolType.String else "?"
            subject = instantiate(pattern.arguments[1], env)
            if pid is not None and subject is not None:
                against = self.r.facts.findings.get(Function("finding_fails", [pid, subject]))
                if against is not None:
                    return finding_text(label, against, self.lang)
            return f"{msg('finding', self.lang)}{colon(self.lang)}{label} — {msg('missing_finding', self.lang)}"
        pid = instantiate(pattern.arguments[0], env) if pattern.name == "holds" and pattern.arguments else None
        if pid is not None and pid.type == SymbolType.String:  # an element no subject meets
            return msg("holds_for_none", self.lang).format(label=self._label(pid.string))
        args = []
        for a in pattern.arguments:
            g = instantiate(a, env)
            args.append(g if g is not None else String("…"))
        sym = Function(pattern.name, args)
        unknown = [
            u
            for u in self.r.facts.unknown
            if u.name == sym.name
            and all(x == String("…") or x == y for x, y in zip(sym.arguments, u.arguments, strict=False))
        ]
        suffix = paren(msg("not_known" if open_ else "unknown_fact", self.lang), self.lang) if unknown else ""
        if pattern.name in self.law_data:
            return f"{msg('not_listed', self.lang)}{colon(self.lang)}{describe(sym, self.lang)}"
        if pattern.name == "pack_applies" and sym.arguments[0].type == SymbolType.String:
            # not a fact to supply: the document is not among the standards that govern the act
            pack = by_id().get(sym.arguments[0].string)
            name = pack.short(self.lang) if pack else sym.arguments[0].string
            since = pack.in_force.isoformat() if pack else "?"
            if pack and pack.in_force_assumed:
                since += msg("date_assumed", self.lang)
            return msg("pack_not_applied", self.lang).format(pack=name, since=since)
        return f"{msg('no_fact', self.lang)}{colon(self.lang)}{describe(sym, self.lang)}{suffix}"


def _leaves(node: Node) -> list[Node]:
    """The facts and findings at the bottom of an explanation tree, in order, once each."""
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if not n.children:
            if n.kind in ("fact", "finding") and n not in out:
                out.append(n)
        stack.extend(reversed(n.children))
    return out


def _percent(share: float) -> str:
    """A share as a whole percentage, rounded down (never claims more than was reached)."""
    return f"{int(share * 100)}%"
