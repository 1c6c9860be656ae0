"""Explanation trees, read off the rules that fired in clingo.

Each conclusion's tree is built from the ``__fired`` atoms of the model (see transform.py): the
ground rule instance that derived it, and for each of its body literals the fact, threshold,
comparison, aggregate, finding or derived atom that made it true, recursively.  Nothing here knows
the law: labels come from the catalogue and the translation table, structure from clingo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from clingo import Function, Number, String, Symbol, SymbolType, ast

from reasoner.solve.atoms.facts import FactInfo
from reasoner.solve.result import Result

from .case.statement_sums import StatementTotals
from .case.values import fen
from .i18n import colon, describe, fmt_date, fmt_num, fmt_yuan, msg, paren, plain, sep
from .law.catalogue import catalogue
from .law.parameters import by_symbol
from .law.program import program
from .law.transform import ANY, RuleInfo

_OPS = {"=": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}


@dataclass
class Node:
    """One line of an explanation."""

    kind: str  # provision | derived | fact | unknown | parameter | comparison | aggregate | finding | absence | law
    text: str
    atom: str
    children: list[Node] = field(default_factory=list)
    provision: str | None = None
    citation: str | None = None
    subject: str | None = None
    rule: str | None = None
    path: str | None = None
    value: object = None
    discretionary: bool = False
    any_of: bool = False  # children are alternative routes, any one suffices

    def to_json(self, table: dict[str, dict]) -> dict:
        """The node as JSON.  A derived atom (a provision or a helper with a derivation of its own)
        is defined once in ``table``, keyed by its atom, and referred to as ``{"ref": atom}``: the
        explanations of a case form a graph in which one subtree serves many conclusions."""
        if self.kind in ("provision", "derived") and self.children:
            if self.atom not in table:
                table[self.atom] = {}  # reserve first, so that the order of definitions is stable
                table[self.atom] = self._fields(table)
            return {"ref": self.atom}
        return self._fields(table)

    def _fields(self, table: dict[str, dict]) -> dict:
        out: dict = {"node": self.kind, "text": self.text}
        if self.atom:
            out["atom"] = self.atom
        for key in ("provision", "citation", "subject", "rule", "path"):
            v = getattr(self, key)
            if v is not None:
                out[key] = v
        if self.value is not None:
            out["value"] = self.value if isinstance(self.value, (int, bool)) else str(self.value)
        if self.discretionary:
            out["discretionary"] = True
        if self.any_of:
            out["any_of"] = True
        if self.children:
            out["children"] = [c.to_json(table) for c in self.children]
        return out


def _eval(term, env: dict[str, int]) -> int:
    """Evaluate a rule's arithmetic with exact Python integers (for display beyond 32 bits)."""
    t = term.ast_type
    if t == ast.ASTType.SymbolicTerm:
        return term.symbol.number
    if t == ast.ASTType.Variable:
        return env[term.name]
    if t == ast.ASTType.UnaryOperation:
        return -_eval(term.argument, env)
    if t == ast.ASTType.BinaryOperation:
        a, b = _eval(term.left, env), _eval(term.right, env)
        op = int(term.operator_type)
        return {3: a + b, 4: a - b, 5: a * b, 6: a // b if b else 0, 7: a % b if b else 0}[op]
    raise ValueError(f"cannot evaluate {term}")


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

#: Predicates whose last argument is money in fen.
MONEY_PREDICATES = frozenset({"payment_settlement", "advertising_funds", "illegal_gains"})
#: Figures Art 16 adds up (interp_16_cumulation.lp), for a cumulation subject.
_CUMULATED = MONEY_PREDICATES | {"quantity", "leaked", "publish_count"}


def _mentions_any(term, names: set[str]) -> bool:
    t = term.ast_type
    if t == ast.ASTType.Variable:
        return term.name in names
    if t == ast.ASTType.BinaryOperation:
        return _mentions_any(term.left, names) or _mentions_any(term.right, names)
    if t == ast.ASTType.UnaryOperation:
        return _mentions_any(term.argument, names)
    return False


def _show(term, env: dict[str, int], units: dict[str, str], lang: str) -> str:
    """The expression with its figures put in for the variables: R * V + O -> 10 × 150 + 600.

    ``units`` marks variables holding money (fen, shown in yuan) or dates (YYYYMMDD, shown as dates);
    a date plus whole years (``D + Y * 10000``) is shown as such."""
    t = term.ast_type
    if t == ast.ASTType.SymbolicTerm:
        return fmt_num(term.symbol.number) if term.symbol.type == SymbolType.Number else str(term.symbol)
    if t == ast.ASTType.Variable:
        v = env[term.name]
        unit = units.get(term.name)
        return fmt_yuan(v, lang) if unit == "fen" else fmt_date(v) if unit == "date" else fmt_num(v)
    if t == ast.ASTType.BinaryOperation:
        op = {3: "+", 4: "−", 5: "×", 6: "÷", 7: "mod"}[int(term.operator_type)]
        r = term.right
        if (
            op == "+"
            and units.get(getattr(term.left, "name", "")) == "date"
            and r.ast_type == ast.ASTType.BinaryOperation
            and int(r.operator_type) == 5
            and r.right.ast_type == ast.ASTType.SymbolicTerm
            and r.right.symbol == Number(10000)
        ):
            return f"{_show(term.left, env, units, lang)} + {_show(r.left, env, units, lang)} {msg('unit_years', lang)}"
        return f"{_show(term.left, env, units, lang)} {op} {_show(r, env, units, lang)}"
    return str(term)


def _unit_of(term, units: dict[str, str]) -> str | None:
    t = term.ast_type
    if t == ast.ASTType.Variable:
        return units.get(term.name)
    if t == ast.ASTType.BinaryOperation:
        return _unit_of(term.left, units) or _unit_of(term.right, units)
    if t == ast.ASTType.UnaryOperation:
        return _unit_of(term.argument, units)
    return None


def comparison_text(left, op: str, right, env: dict[str, int], units: dict[str, str], lang: str) -> tuple[bool, str]:
    """Whether ``left op right`` holds for the figures in ``env``, and the arithmetic in words.

    Money (fen) is shown in yuan and dates as dates (see ``_show``).  Raises KeyError if a figure is
    missing."""
    lv, rv = _eval(left, env), _eval(right, env)

    def side(term, value: int) -> str:
        shown = _show(term, env, units, lang)
        unit = _unit_of(term, units)
        total = fmt_yuan(value, lang) if unit == "fen" else fmt_date(value) if unit == "date" else fmt_num(value)
        return shown if shown == total else f"{shown} = {total}"

    ok = {"=": lv == rv, "!=": lv != rv, "<": lv < rv, "<=": lv <= rv, ">": lv > rv, ">=": lv >= rv}[op]
    if op == "=" and left.ast_type == ast.ASTType.Variable:  # an assignment: name it
        return ok, f"{left.name} = {side(right, rv)}"
    return ok, f"{side(left, lv)} {_OPS[op]} {side(right, rv)}"


class Explainer:
    """Builds trees for one result in one language."""

    def __init__(self, result: Result, lang: str):
        self.r = result
        self.lang = lang
        self.rules: list[RuleInfo] = program().rules
        self.cat = catalogue()
        self.params = by_symbol()
        self._memo: dict[Symbol, Node] = {}
        self._by_pred: dict[tuple[str, int], list[Symbol]] | None = None

    # -- atoms ---------------------------------------------------------------------------
    def atom(self, sym: Symbol) -> Node:
        if sym in self._memo:
            return self._memo[sym]
        node = self._atom(sym)
        self._memo[sym] = node
        return node

    def _atom(self, sym: Symbol) -> Node:
        facts = self.r.facts
        if sym in facts.findings:
            f = facts.findings[sym]
            verdict = msg("finding_holds" if f.holds else "finding_fails", self.lang)
            label = self.cat[f.provision].label(self.lang)
            c, lg = colon(self.lang), self.lang
            text = f"{msg('finding', lg)}{c}{label} — {verdict}{sep(lg)}{msg('reason', lg)}{c}{f.reason}"
            if f.by:
                text += paren(f"{msg('by', lg)}{c}{f.by}", lg)
            info = facts.atoms[sym]
            return Node("finding", text, str(sym), provision=f.provision, path=info.path, discretionary=True)
        info = facts.atoms.get(sym)
        if info is not None:
            text = describe(sym, self.lang)
            value = info.value
            if sym.name in _NAMED and isinstance(value, str) and value not in text:
                text += f"「{value}」"
            text = self.figure_text(sym, info, text)
            return Node("fact", text, str(sym), path=info.path, value=value if _scalar(value) else None)
        if sym in self.params:
            p = self.params[sym]
            c = colon(self.lang)
            text = f"{param_text(p, self.lang)}" + paren(f"{p.cite}{c}{p.source}", self.lang)
            return Node("parameter", text, str(sym), provision=p.provision, value=p.value)
        if sym in facts.unknown:
            info = facts.unknown[sym]
            return Node(
                "unknown", f"{msg('unknown_fact', self.lang)}{colon(self.lang)}{info.path}", str(sym), path=info.path
            )
        routes = self.r.fired.get(sym, [])
        if sym.name == "holds" and sym.arguments[0].type == SymbolType.String:
            pid = sym.arguments[0].string
            prov = self.cat.get(pid)
            label = prov.label(self.lang) if prov else pid
            subj = plain(sym.arguments[1])
            node = Node(
                "provision",
                label + paren(subj, self.lang),
                str(sym),
                provision=pid,
                citation=prov.citation(self.lang) if prov else None,
                subject=subj,
            )
        else:
            text = describe(sym, self.lang)
            exact = self._cumulated(sym)
            if exact is not None:  # an Art 16 total: shown exactly, however large
                text = self._exact_text(sym, exact)
                if (exact * 100 if isinstance(exact, Decimal) else exact) > sym.arguments[-1].number:
                    text += ("" if self.lang == "zh" else " ") + msg("saturated", self.lang)
            node = Node("derived", text, str(sym))
        built = [self._route(k, body) for k, body in routes]
        if not routes:
            return node
        if all(not children for _, children in built):
            # data written in the rule files themselves (e.g. the services Art 1 lists)
            node.kind = "law" if node.kind == "derived" else node.kind
            node.rule = built[0][0]
            return node
        if len(built) == 1:
            node.rule, node.children = built[0]
        else:
            node.any_of = True
            for rule, children in built:
                node.children.append(
                    Node(
                        "route",
                        msg("route", self.lang),
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

    def _witness(self, sym: Symbol) -> Symbol:
        """A true atom for a recorded literal whose anonymous positions were masked (``__any``)."""
        if ANY not in str(sym):
            return sym
        if self._by_pred is None:
            self._by_pred = {}
            for s in sorted(self.r.model):
                self._by_pred.setdefault((s.name, len(s.arguments)), []).append(s)
        for cand in self._by_pred.get((sym.name, len(sym.arguments)), []):
            if _fits(sym, cand):
                return cand
        return sym

    def _cumulated(self, sym: Symbol) -> Decimal | int | None:
        """The exact total of an Art 16 cumulated figure, from the exact figures of the acts the rules
        added up (cum_money / cum_count atoms of the model); None for any other atom."""
        if sym.name not in _CUMULATED or not sym.arguments or sym.arguments[0].type != SymbolType.Function:
            return None
        c, mid = sym.arguments[0], list(sym.arguments[1:-1])
        total: Decimal | int | None = None
        for s in self.r.model:
            if s.name not in ("cum_money", "cum_count") or s.arguments[0] != c:
                continue
            key = s.arguments[1]
            if key.name != sym.name or list(key.arguments) != mid:
                continue
            info = self.r.facts.atoms.get(Function(sym.name, [s.arguments[2], *mid, s.arguments[3]]))
            value: Decimal | int = s.arguments[3].number
            if s.name == "cum_money":
                value = Decimal(info.value) if info is not None else Decimal(value) / 100
            elif info is not None and isinstance(info.value, int):
                value = info.value
            total = value if total is None else total + value
        return total

    def figure_text(self, sym: Symbol, info: FactInfo, text: str) -> str:
        """A recorded fact's text with what a reader must know about its figure: the exact value
        above the solver's ceiling, what a statement summed, the bounds it is known within."""
        if info.saturated:
            gap = "" if self.lang == "zh" else " "
            text = self._exact_text(sym, info.value) + gap + msg("saturated", self.lang)
        if info.source is not None:  # a figure summed from evidence: what was summed, from where
            text += paren(statement_text(info.source, self.lang), self.lang)
        if info.bound is not None:
            bounds = bound_text(info.bound, self.lang)
            text += paren(f"{msg('bounded', self.lang)}{colon(self.lang)}{bounds}", self.lang)
        return text

    def _exact_text(self, sym: Symbol, exact: object) -> str:
        args = list(sym.arguments)
        if isinstance(exact, Decimal):
            args[-1] = String(fmt_yuan(fen(exact), self.lang))
        elif isinstance(exact, int):
            args[-1] = String(fmt_num(exact))
        return describe(Function(sym.name, args), self.lang)

    # -- one fired rule instance ------------------------------------------------------------
    def _route(self, k: int, body: Symbol) -> tuple[str, list[Node]]:
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
                self._bind(lit.atom.symbol, item.arguments[0], env, env_exact, money)
        for item in items:
            tag = item.name
            if tag == "pos":
                children.append(self.atom(self._witness(item.arguments[0])))
            elif tag == "neg":
                children.append(self._absence(item.arguments[0]))
            elif tag == "cmp":
                children.append(self._comparison(info, item, env, env_exact, money))
            elif tag == "agg":
                children.append(self._aggregate(k, info, item))
        return where, children

    def _bind(self, pattern, ground: Symbol, env: dict, exact: dict, money: dict[str, str]) -> None:
        bind(pattern, ground, env, exact, money, self.r)

    def _comparison(self, info: RuleInfo, item: Symbol, env: dict, exact: dict, money: dict[str, str]) -> Node:
        j = item.arguments[0].number
        c = info.comparisons[j]
        values = {
            v: s.number
            for v, s in zip(c.variables, item.arguments[1].arguments, strict=False)
            if s.type == SymbolType.Number
        }
        full = {**values, **{k: v for k, v in exact.items() if k in values}}
        try:
            _, text = comparison_text(c.left, c.op, c.right, full, money, self.lang)
        except (KeyError, ValueError, AttributeError):
            text = c.text
        return Node("comparison", f"{text}　[{c.text}]", c.text, value=None)

    def _aggregate(self, k: int, info: RuleInfo, item: Symbol) -> Node:
        j, value, globals_ = item.arguments
        agg = info.aggregates[j.number]
        elements = self.r.aggregates.get((k, j.number, globals_), [])
        children = []
        for _terms, conds in elements:
            for c in conds.arguments:
                children.append(self.atom(c))
        word = msg("count_of" if agg.function == "count" else "sum_of", self.lang)
        text = f"{word} = {fmt_num(value.number) if value.type == SymbolType.Number else value}　[{agg.text}]"
        return Node(
            "aggregate",
            text,
            agg.text,
            children=children,
            value=value.number if value.type == SymbolType.Number else None,
            discretionary=any(c.discretionary for c in children),
        )

    def _absence(self, sym: Symbol) -> Node:
        if sym.name == "finding_fails":
            return Node("absence", msg("no_finding_against", self.lang), f"not {sym}")
        if sym.name == "holds" and sym.arguments[0].type == SymbolType.String:
            prov = self.cat.get(sym.arguments[0].string)
            label = prov.label(self.lang) if prov else sym.arguments[0].string
            subject = paren(plain(sym.arguments[1]), self.lang)
            text = f"{msg('not_established', self.lang)}{colon(self.lang)}{label}{subject}"
            return Node("absence", text, f"not {sym}", provision=prov.id if prov else None)
        return Node("absence", f"{msg('absent', self.lang)}{colon(self.lang)}{describe(sym, self.lang)}", f"not {sym}")


#: Predicates with a date (YYYYMMDD) and the position of that argument.
DATE_ARGUMENTS = {
    "order_date": 1,
    "order_deadline": 1,
    "act_start": 1,
    "act_end": 1,
    "penalty_date": 1,
    "refused_order": 2,
    "refused_in_window": 1,
    "judgment_date": 1,
}


def bind(pattern, ground: Symbol, env: dict, exact: dict, units: dict[str, str], result: Result) -> None:
    """Bind a literal's variables to the figures of the ground atom that satisfied it.

    ``exact`` gets the exact figure where the atom carries a capped one; ``units`` marks the
    variables that hold fen (money predicates, parameters whose unit is fen) or dates."""
    if pattern.ast_type != ast.ASTType.Function or ground.type != SymbolType.Function:
        return
    info = result.facts.atoms.get(ground)
    param = by_symbol().get(ground)
    for i, (p, g) in enumerate(zip(pattern.arguments, ground.arguments, strict=False)):
        if p.ast_type != ast.ASTType.Variable or g.type != SymbolType.Number:
            continue
        env.setdefault(p.name, g.number)
        last = i == len(ground.arguments) - 1
        if last and (ground.name in MONEY_PREDICATES or (param is not None and param.unit == "fen")):
            units[p.name] = "fen"
        if DATE_ARGUMENTS.get(ground.name) == i or (last and param is not None and param.unit == "date"):
            units[p.name] = "date"
        if info is not None and info.saturated and last:
            value = info.value
            exact.setdefault(p.name, fen(value) if isinstance(value, Decimal) else int(value))
        else:
            exact.setdefault(p.name, g.number)


def bound_text(bound: tuple[object, object, str], lang: str) -> str:
    """Bounds of a figure in words: 不少于 150,000.00 元 / at least 300, at most 500."""
    lo, hi, unit = bound

    def fig(v: object) -> str:
        if unit == "date":
            return v.isoformat()  # type: ignore[attr-defined]
        return fmt_yuan(int(Decimal(str(v)) * 100), lang) if unit == "fen" else fmt_num(int(v))  # type: ignore[call-overload]

    parts = []
    low_word, high_word = ("not_before", "not_after") if unit == "date" else ("at_least", "at_most")
    if lo is not None:
        parts.append(f"{msg(low_word, lang)} {fig(lo)}")
    if hi is not None:
        parts.append(f"{msg(high_word, lang)} {fig(hi)}")
    return msg("comma", lang).join(parts)


def param_text(p, lang: str) -> str:
    """A figure of the law with its kind and unit: 标准：200,000.00 元, 期间：2 年, 倍数：5 倍."""
    shown = fmt_yuan(p.value, lang) if p.unit == "fen" else fmt_date(p.value) if p.unit == "date" else fmt_num(p.value)
    unit = {"years": "unit_years", "times": "unit_times", "months": "unit_months", "multiple": "unit_multiple"}
    if p.unit in unit:
        shown = f"{shown} {msg(unit[p.unit], lang)}"
    label = {"years": "period", "times": "times", "months": "penalty", "multiple": "multiple", "date": "in_force"}.get(
        p.unit, "parameter"
    )
    return f"{msg(label, lang)}{colon(lang)}{shown}"


def _fits(pattern: Symbol, sym: Symbol) -> bool:
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


def statement_text(t: StatementTotals, lang: str) -> str:
    """What a statement summed, shown beside the figure taken from it:
    1,048,576 条流水（3 个账户），流入合计 …，流出合计 …，其中经查证的诈骗资金 …；来源 statement.csv"""
    return msg("statement_summary", lang).format(
        rows=fmt_num(t.rows),
        accounts=fmt_num(t.accounts),
        inflow=fmt_yuan(t.inflow_fen, lang),
        outflow=fmt_yuan(t.outflow_fen, lang),
        fraud=fmt_yuan(t.fraud_fen, lang),
        basis=msg(f"statement_{t.settlement}", lang),
        file=t.file,
    )
