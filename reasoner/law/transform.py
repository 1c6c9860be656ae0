"""Provenance transform: every rule of the law also records, when it fires, what made it fire.

The explanation of a conclusion must come from the rules that actually fired in clingo, not from
a second description of the law.  So each rule ``H :- B1, ..., Bn.`` of the rule files is kept
as written and, beside it, a shadow rule is added with the same body::

    __fired(K, H, (b1, ..., bn)) :- B1, ..., Bn.

where ``K`` is the rule's index and each ``bi`` records one body literal of the ground instance:

* ``pos(A)``            a positive literal ``A`` that was true;
* ``neg(A)``            a default-negated literal ``not A`` (``A`` was false);
* ``cmp(J, (V1, ...))`` comparison number ``J`` of the rule, with the values of its variables;
* ``agg(J, V, G)``      aggregate number ``J``, its value ``V`` and the values ``G`` of the
                        rule's other variables; its elements are recorded by a second shadow
                        rule ``__aggel(K, J, G, Terms, (c1, ...))`` per element.

The Python side keeps the rule's source text, the comparisons' expressions (to show the
arithmetic) and the provision each rule encodes (from the ``%!`` annotations above it).
"""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from clingo import Function, Number, String, SymbolType, ast

from reasoner.law.ast_mirror import Mirror, mirror, thaw

FIRED = "__fired"
AGGEL = "__aggel"

CMP_OPS = {
    ast.ComparisonOperator.Equal: "=",
    ast.ComparisonOperator.NotEqual: "!=",
    ast.ComparisonOperator.LessThan: "<",
    ast.ComparisonOperator.LessEqual: "<=",
    ast.ComparisonOperator.GreaterThan: ">",
    ast.ComparisonOperator.GreaterEqual: ">=",
}


@dataclass(frozen=True)
class Comparison:
    """A comparison literal of a rule: its source text, its variables, and its two sides (AST)."""

    text: str
    variables: tuple[str, ...]
    left: object  # clingo AST term
    op: str
    right: object


@dataclass(frozen=True)
class Aggregate:
    """A body aggregate: its function (count, sum, ...), its text and the rule's other variables."""

    function: str
    text: str
    globals: tuple[str, ...]


@dataclass
class RuleInfo:
    """What the explainer needs to know about one rule of the law.

    Plain data, so that the compiled program can be cached between runs; the rule's AST (for
    comparisons and why-not) is parsed again from ``source`` only when a rule is looked at."""

    index: int
    file: str
    line: int
    text: str
    provision: str | None
    head_predicate: str
    source: str  # the rule as clingo prints it: parseable on its own
    head_id: str | None = None  # "Id" of a head holds("Id", X)
    empty_body: bool = False
    findings: list[tuple[str, str]] = field(default_factory=list)  # (finding_holds|finding_fails, id)
    head_key: tuple = ()
    body_keys: list[tuple] = field(default_factory=list)  # predicate keys the body depends on
    comparison_meta: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    #: the mirror of the rule's AST as the program's cache keeps it (marshal of ``freeze``), if kept
    kept_ast: bytes | None = field(default=None, repr=False, compare=False)

    @cached_property
    def ast(self):
        """The rule's AST as plain Python objects (see ast_mirror): from the program's cache when it
        kept one (parsing and mirroring cost about a millisecond a rule), else parsed from its source."""
        if self.kept_ast is not None:
            return thaw(marshal.loads(self.kept_ast))
        found: list = []
        ast.parse_string(self.source, found.append)
        return mirror(next(s for s in found if s.ast_type == ast.ASTType.Rule))

    @cached_property
    def body(self) -> list:
        """The body literals (kept: every explanation walks them)."""
        return list(self.ast.body)

    @property
    def head(self):
        return self.ast.head.atom.symbol

    @cached_property
    def comparisons(self) -> list[Comparison]:
        out = []
        for lit in self.body:
            if lit.ast_type == ast.ASTType.Literal and lit.atom.ast_type == ast.ASTType.Comparison:
                a = lit.atom
                g = a.guards[0]
                out.append(Comparison(str(a), tuple(variables_of(a)), a.term, CMP_OPS[g.comparison], g.term))
        return out

    def to_json(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k not in ("ast", "body", "comparisons", "kept_ast")}
        d["aggregates"] = [a.__dict__ for a in self.aggregates]
        return d

    @classmethod
    def from_json(cls, d: dict) -> RuleInfo:
        d = dict(d)
        d["aggregates"] = [Aggregate(a["function"], a["text"], tuple(a["globals"])) for a in d["aggregates"]]
        d["findings"] = [tuple(f) for f in d["findings"]]
        d["head_key"] = tuple(d["head_key"])
        d["body_keys"] = [tuple(k) for k in d["body_keys"]]
        d["comparison_meta"] = [(t, tuple(v), o) for t, v, o in d["comparison_meta"]]
        return cls(**d)


def dependency_key(term) -> tuple:
    """The predicate an atom pattern is about, refined by its first constant where that names a
    provision (holds), a quantity kind (quantity, leaked) or a finding's provision."""
    if term.ast_type != ast.ASTType.Function:
        return (str(term), None)
    args = term.arguments
    if term.name == "holds" and args and args[0].ast_type == ast.ASTType.SymbolicTerm:
        return ("holds", str(args[0].symbol.string))
    if term.name in ("quantity", "leaked", "publish_count", "finding_holds", "finding_fails") and len(args) > 1:
        a = args[1] if term.name in ("quantity", "leaked", "publish_count") else args[0]
        if a.ast_type == ast.ASTType.SymbolicTerm:
            return (term.name, str(a.symbol.string if a.symbol.type == SymbolType.String else a.symbol))
    return (term.name, None)


def _loc(node) -> ast.Location:
    return node.location


class _VariableCollector(ast.Transformer):
    """Collects variable names in order of first occurrence (one class, built once: speed)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def visit_Variable(self, v):  # noqa: N802 (clingo's visitor naming)
        if v.name != "_" and v.name not in self.names:
            self.names.append(v.name)
        return v


def variables_of(node) -> list[str]:
    """Variable names occurring in an AST node (or its mirror), in order of first occurrence."""
    if isinstance(node, Mirror):
        names: list[str] = []
        node.walk(
            lambda n: (
                n.ast_type == ast.ASTType.Variable and n.name != "_" and n.name not in names and names.append(n.name)
            )
        )
        return names
    c = _VariableCollector()
    c(node)
    return c.names


def _tuple(loc, items: list) -> ast.AST:
    return ast.Function(loc, "", items, 0)


def _sym(loc, value) -> ast.AST:
    if isinstance(value, int):
        return ast.SymbolicTerm(loc, Number(value))
    return ast.SymbolicTerm(loc, String(value))


def _fn(loc, name: str, args: list) -> ast.AST:
    return ast.Function(loc, name, args, 0)


def _var(loc, name: str) -> ast.AST:
    return ast.Variable(loc, name)


_ANNOT = re.compile(r"^%!\s*provision:\s*(\S+)")


def provision_lines(path: Path) -> list[tuple[int, str]]:
    """(line, provision id) of each ``%! provision:`` annotation in a rule file."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = _ANNOT.match(line)
        if m:
            out.append((n, m.group(1)))
    return out


def _provision_at(marks: list[tuple[int, str]], line: int) -> str | None:
    current = None
    for n, pid in marks:
        if n <= line:
            current = pid
        else:
            break
    return current


class ProvenanceTransform:
    """Parses rule files, keeps every statement, and adds the shadow rules described above."""

    def __init__(self) -> None:
        self.rules: list[RuleInfo] = []
        self.statements: list[ast.AST] = []

    def add_file(self, path: Path) -> None:
        source_lines = path.read_text(encoding="utf-8").splitlines()
        marks = provision_lines(path)
        collected: list[ast.AST] = []
        ast.parse_files([str(path)], collected.append)
        for stm in collected:
            self.statements.append(stm)
            if stm.ast_type == ast.ASTType.Rule:
                shadow = self._shadow(stm, path, source_lines, marks)
                self.statements.extend(shadow)

    def _shadow(self, rule, path: Path, lines: list[str], marks) -> list[ast.AST]:
        """The shadow rules of one rule: ``__fired`` with its recorded body, and an ``__aggel`` rule
        per element of each body aggregate; none for a rule that is not explained."""
        info = _rule_info(rule, path, lines, marks, len(self.rules))
        if info is None:
            return []
        self.rules.append(info)
        loc = _loc(rule)
        k = _sym(loc, info.index)
        recorded: list[ast.AST] = []
        extra: list[ast.AST] = []
        for lit in rule.body:
            if lit.ast_type != ast.ASTType.Literal:
                continue  # conditional literals are not used in the rule files
            atom = lit.atom
            if atom.ast_type == ast.ASTType.SymbolicAtom:
                tag = "pos" if lit.sign == ast.Sign.NoSign else "neg"
                recorded.append(_fn(loc, tag, [_mask_anonymous(atom.symbol)]))
            elif atom.ast_type == ast.ASTType.Comparison:
                recorded.append(_record_comparison(info, atom, loc))
            elif atom.ast_type == ast.ASTType.BodyAggregate:
                record, elements = _record_aggregate(info, rule, lit, k, loc)
                recorded.append(record)
                extra.extend(elements)
        fired = _fn(loc, FIRED, [k, rule.head.atom.symbol, _tuple(loc, recorded)])
        shadow = ast.Rule(loc, ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(fired)), list(rule.body))
        return [shadow, *extra]


def _rule_info(rule, path: Path, lines: list[str], marks: list[tuple[int, str]], index: int) -> RuleInfo | None:
    """What the explainer keeps of a rule; None for constraints, choices, disjunctions and
    negated heads, which are not explained."""
    head = rule.head
    if head.ast_type != ast.ASTType.Literal or head.atom.ast_type != ast.ASTType.SymbolicAtom:
        return None
    if head.sign != ast.Sign.NoSign:
        return None
    loc = _loc(rule)
    begin, end = loc.begin.line, loc.end.line
    head_term = head.atom.symbol
    pred = head_term.name if head_term.ast_type == ast.ASTType.Function else str(head_term)
    head_id = None
    if pred == "holds" and head_term.arguments[0].ast_type == ast.ASTType.SymbolicTerm:
        head_id = head_term.arguments[0].symbol.string
    info = RuleInfo(
        index=index,
        file=path.name,
        line=begin,
        text=" ".join(s.strip() for s in lines[begin - 1 : end]),
        provision=_provision_at(marks, begin),
        head_predicate=pred,
        source=str(rule),
        head_id=head_id,
        empty_body=not rule.body,
        head_key=dependency_key(head_term),
    )
    _read_body(info, rule.body)
    return info


def _read_body(info: RuleInfo, body: list) -> None:
    """The predicates the body depends on, and the findings it takes."""
    for lit in body:
        a = getattr(lit, "atom", None)
        if a is None:
            continue
        if a.ast_type == ast.ASTType.SymbolicAtom:
            sym = a.symbol
            info.body_keys.append(dependency_key(sym))
            if sym.ast_type == ast.ASTType.Function and sym.name in ("finding_holds", "finding_fails"):
                first = sym.arguments[0]
                if first.ast_type == ast.ASTType.SymbolicTerm and first.symbol.type == SymbolType.String:
                    info.findings.append((sym.name, first.symbol.string))
        elif a.ast_type == ast.ASTType.BodyAggregate:
            for el in a.elements:
                for c in el.condition:
                    if c.atom.ast_type == ast.ASTType.SymbolicAtom:
                        info.body_keys.append(dependency_key(c.atom.symbol))


def _record_comparison(info: RuleInfo, atom, loc) -> ast.AST:
    """``cmp(J, (V1, ...))`` for comparison J of the rule, which the explainer re-evaluates."""
    guard = atom.guards[0]
    variables = tuple(variables_of(atom))
    j = len(info.comparison_meta)
    info.comparison_meta.append((str(atom), variables, CMP_OPS[guard.comparison]))
    values = [_var(loc, v) for v in variables]
    return _fn(loc, "cmp", [_sym(loc, j), _tuple(loc, values)])


def _record_aggregate(info: RuleInfo, rule, lit, k: ast.AST, loc) -> tuple[ast.AST, list[ast.AST]]:
    """``agg(J, V, G)`` for aggregate J of the rule, and one shadow rule per element, so that the
    explainer can list what was counted or summed."""
    atom = lit.atom
    j = len(info.aggregates)
    assigned = [variables_of(g.term) for g in (atom.left_guard, atom.right_guard) if g is not None]
    assigned_vars = {v for vs in assigned for v in vs}
    others = [o for o in rule.body if o is not lit and not _mentions(o, assigned_vars)]
    globals_ = tuple(dict.fromkeys(v for other in others for v in variables_of(other)))
    fn = {0: "count", 1: "sum", 2: "sum+", 3: "min", 4: "max"}.get(int(atom.function), "agg")
    info.aggregates.append(Aggregate(fn, str(atom), globals_))
    value = _var(loc, sorted(assigned_vars)[0]) if assigned_vars else _sym(loc, 0)
    gtuple = _tuple(loc, [_var(loc, v) for v in globals_])
    elements = []
    for el in atom.elements:
        conds = [c.atom.symbol for c in el.condition if c.atom.ast_type == ast.ASTType.SymbolicAtom]
        el_head = _fn(loc, AGGEL, [k, _sym(loc, j), gtuple, _tuple(loc, list(el.terms)), _tuple(loc, conds)])
        body = others + list(el.condition)
        elements.append(ast.Rule(loc, ast.Literal(loc, ast.Sign.NoSign, ast.SymbolicAtom(el_head)), body))
    return _fn(loc, "agg", [_sym(loc, j), value, gtuple]), elements


ANY = "__any"


class _AnonymousMasker(ast.Transformer):
    def visit_Variable(self, v):  # noqa: N802
        return ast.SymbolicTerm(v.location, Function(ANY)) if v.name == "_" else v


def _mask_anonymous(term):
    """A recorded literal keeps ``_`` as the constant ``__any``: the ground head then does not
    multiply by the values of anonymous variables (one fired instance per real binding), and the
    explainer shows a witness from the model for the masked positions."""
    return _AnonymousMasker()(term)


def _mentions(lit, names: set[str]) -> bool:
    return any(v in names for v in variables_of(lit))
