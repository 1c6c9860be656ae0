"""The arithmetic of the rules shown with the case's figures: a comparison's variables bound to
the figures of the atoms that satisfied it (exact where the solver saw a capped one), evaluated
with Python integers, and written out with money in yuan and dates as dates."""

from __future__ import annotations

from decimal import Decimal

from clingo import ast

from reasoner.case.values import fen
from reasoner.explain.i18n import fmt_date, fmt_num, fmt_yuan, msg
from reasoner.law.parameters import by_symbol
from reasoner.law.terms import Function, Number, SymbolType, Term
from reasoner.solve.atoms.facts import FactInfo
from reasoner.solve.result import Result

_OPS = {"=": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def evaluate(term, env: dict[str, int]) -> int:
    """Evaluate a rule's arithmetic with exact Python integers (for display beyond 32 bits)."""
    t = term.ast_type
    if t == ast.ASTType.SymbolicTerm:
        return term.symbol.number
    if t == ast.ASTType.Variable:
        return env[term.name]
    if t == ast.ASTType.UnaryOperation:
        return -evaluate(term.argument, env)
    if t == ast.ASTType.BinaryOperation:
        a, b = evaluate(term.left, env), evaluate(term.right, env)
        op = int(term.operator_type)
        return {3: a + b, 4: a - b, 5: a * b, 6: a // b if b else 0, 7: a % b if b else 0}[op]
    raise ValueError(f"cannot evaluate {term}")


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


def unit_of(term, units: dict[str, str]) -> str | None:
    """The unit (fen or date) of an expression: that of the first of its variables that has one."""
    t = term.ast_type
    if t == ast.ASTType.Variable:
        return units.get(term.name)
    if t == ast.ASTType.BinaryOperation:
        return unit_of(term.left, units) or unit_of(term.right, units)
    if t == ast.ASTType.UnaryOperation:
        return unit_of(term.argument, units)
    return None


def comparison_text(left, op: str, right, env: dict[str, int], units: dict[str, str], lang: str) -> tuple[bool, str]:
    """Whether ``left op right`` holds for the figures in ``env``, and the arithmetic in words.

    Money (fen) is shown in yuan and dates as dates (see ``_show``).  Raises KeyError if a figure is
    missing."""
    lv, rv = evaluate(left, env), evaluate(right, env)

    def side(term, value: int) -> str:
        shown = _show(term, env, units, lang)
        unit = unit_of(term, units)
        total = fmt_yuan(value, lang) if unit == "fen" else fmt_date(value) if unit == "date" else fmt_num(value)
        return shown if shown == total else f"{shown} = {total}"

    ok = {"=": lv == rv, "!=": lv != rv, "<": lv < rv, "<=": lv <= rv, ">": lv > rv, ">=": lv >= rv}[op]
    if op == "=" and left.ast_type == ast.ASTType.Variable:  # an assignment: name it
        return ok, f"{left.name} = {side(right, rv)}"
    return ok, f"{side(left, lv)} {_OPS[op]} {side(right, rv)}"


#: Predicates whose last argument is money in fen.
MONEY_PREDICATES = frozenset({"payment_settlement", "advertising_funds", "illegal_gains"})
#: Other money the rules compare (the funds through cards and accounts), in fen.
FUNDS_PREDICATES = frozenset({"inflow", "inflow_total", "outflow", "verified_fraud", "lawful_funds", "net_inflow"})
#: Figures the rules read as counted (cl_12_time.lp): the recorded figure, or its part from a day.
COUNTED = MONEY_PREDICATES | FUNDS_PREDICATES | {"quantity", "leaked", "publish_count"}
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
    "prosecution_start": 1,
    "complaint_date": 1,
    "birth_date": 1,
    "conviction_date": 1,
    "evidence_loss_day": 1,
    "limitation_from": 1,
    "limitation_start": 1,
    "later_crime": 2,
    "standards_on": 1,
    "pack_in_force": 1,
    "order_reasonable_end": 1,
    "refusal_from": 1,
    "latest_cut": 1,
    "cut": 1,
    "next_day": 0,
    "standards_fixed": 0,
}


def _figure_key(ground: Term) -> Term | None:
    """The key under which a figure the rules read is recorded (cl_12_time.lp): payment_settlement(A, V)
    -> payment_settlement; quantity(A, Q, V) -> quantity(Q); inflow(A, W, V) -> inflow(W); and the
    rules' own counted(A, Key, V), whose key is written out."""
    if ground.name == "counted" and len(ground.arguments) == 3:
        return ground.arguments[1]
    if ground.name not in COUNTED or len(ground.arguments) < 2:
        return None
    if len(ground.arguments) == 2:
        return Function(ground.name)
    return Function(ground.name, list(ground.arguments[1:-1]))


def counted_source(ground: Term, result: Result) -> FactInfo | None:
    """The recorded figure (or its part from a day) a counted figure is: where its exact value lives."""
    key = _figure_key(ground)
    if key is None:
        return None
    subject, value = ground.arguments[0], ground.arguments[-1]
    atoms = result.facts.atoms
    info = atoms.get(Function("recorded", [subject, key, value]))
    if info is not None:
        return info
    for label in ("refusal", "in_force"):
        info = atoms.get(Function("part", [subject, key, Function(label), value]))
        if info is not None:
            return info
    return None


def _money(ground: Term, param) -> bool:
    """Whether a ground atom's last argument is money in fen."""
    if ground.name in MONEY_PREDICATES or ground.name in FUNDS_PREDICATES:
        return True
    if param is not None and param.unit == "fen":
        return True
    key = ground.arguments[1] if ground.name in ("recorded", "part", "counted") and len(ground.arguments) >= 3 else None
    return key is not None and key.type == SymbolType.Function and key.name in (MONEY_PREDICATES | FUNDS_PREDICATES)


def bind(pattern, ground: Term, env: dict, exact: dict, units: dict[str, str], result: Result) -> None:
    """Bind a literal's variables to the figures of the ground atom that satisfied it.

    ``exact`` gets the exact figure where the atom carries a capped one; ``units`` marks the
    variables that hold fen (money predicates, parameters whose unit is fen) or dates."""
    if pattern.ast_type != ast.ASTType.Function or ground.type != SymbolType.Function:
        return
    info = result.facts.atoms.get(ground) or counted_source(ground, result)
    param = by_symbol().get(ground)
    for i, (p, g) in enumerate(zip(pattern.arguments, ground.arguments, strict=False)):
        if p.ast_type != ast.ASTType.Variable or g.type != SymbolType.Number:
            continue
        env.setdefault(p.name, g.number)
        last = i == len(ground.arguments) - 1
        if last and _money(ground, param):
            units[p.name] = "fen"
        if DATE_ARGUMENTS.get(ground.name) == i or (last and param is not None and param.unit == "date"):
            units[p.name] = "date"
        if info is not None and info.saturated and last:
            value = info.value
            exact.setdefault(p.name, fen(value) if isinstance(value, Decimal) else int(value))
        else:
            exact.setdefault(p.name, g.number)
