"""The mirror of a rule's AST (reasoner/law/ast_mirror.py) answers as the AST does."""

from __future__ import annotations

import marshal

from clingo import ast

from reasoner.law.ast_mirror import Mirror, freeze, mirror, thaw
from reasoner.law.program import program
from reasoner.law.transform import _VariableCollector, variables_of


def parsed(text: str):
    found: list = []
    ast.parse_string(text, found.append)
    return found[-1]


def test_every_rule_of_the_law_mirrors_its_fields_and_prints_the_same():
    for r in program().rules:
        original = parsed(r.source)
        m = r.ast
        assert isinstance(m, Mirror) and str(m) == str(original)
        assert len(m.body) == len(original.body)
        for lit, orig in zip(m.body, original.body, strict=True):
            assert lit.ast_type == orig.ast_type and str(lit) == str(orig)
            if lit.ast_type == ast.ASTType.Literal:
                assert lit.sign == orig.sign and lit.atom.ast_type == orig.atom.ast_type


def test_variables_in_the_order_clingo_visits_them():
    rule = parsed("h(X) :- a(X, Y), Z = Y * 2 + W, #count { V : b(V, Q) } >= Z, not c(U).")
    collector = _VariableCollector()
    collector(rule)
    assert variables_of(mirror(rule)) == collector.names == ["X", "Y", "Z", "W", "V", "Q", "U"]


def same(a: object, b: object) -> bool:
    """Field for field, in order: nodes by type, text and fields; symbols, names and numbers by value
    and type (a symbol must come back a symbol, not its text)."""
    if isinstance(a, Mirror) or isinstance(b, Mirror):
        keys_a, keys_b = list(vars(a)), list(vars(b))
        return (
            keys_a == keys_b
            and all(same(getattr(a, k), getattr(b, k)) for k in keys_a if k != "ast_type")
            and (a.ast_type == b.ast_type)
        )
    if isinstance(a, list) or isinstance(b, list):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def test_every_rule_kept_in_the_cache_comes_back_as_mirrored_from_its_source():
    """The program's cache keeps each rule's mirror (marshal of freeze); read back, it is the mirror
    parsed from the rule's source, so an explanation from a warm cache is the one from a cold one."""
    rules = program().rules
    assert all(r.kept_ast is not None or "ast" in vars(r) for r in rules)
    for r in rules:
        fresh = mirror(parsed(r.source))
        kept = thaw(marshal.loads(marshal.dumps(freeze(fresh))))
        assert same(kept, fresh), r.source


def test_a_symbol_with_quotes_and_escapes_survives_the_cache():
    rule = parsed('h("a \\"b\\"\\n", x(1, -2), #sup) :- a.')
    kept = thaw(marshal.loads(marshal.dumps(freeze(mirror(rule)))))
    assert same(kept, mirror(rule)) and str(kept) == str(rule)
