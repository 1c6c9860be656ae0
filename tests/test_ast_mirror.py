"""The mirror of a rule's AST (reasoner/law/ast_mirror.py) answers as the AST does."""

from __future__ import annotations

from clingo import ast

from reasoner.law.ast_mirror import Mirror, mirror
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
