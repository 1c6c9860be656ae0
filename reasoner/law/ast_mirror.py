"""A rule's AST as plain Python objects, read once.

Explaining a case walks the bodies of the law's rules thousands of times (why-not matches every rule
that could derive a conclusion), and each attribute of clingo's AST is a call into C: a mirror with
the same attribute names (``ast_type``, ``name``, ``arguments``, ``symbol``, ``sign``, ``atom``,
``guards``, ...) answers them from Python.  It prints as the AST it mirrors."""

from __future__ import annotations

from clingo import ast


class Mirror:
    """One AST node: its type, and each of its fields (mirrored in turn), but not its location."""

    def __init__(self, node: ast.AST):
        self.ast_type = node.ast_type
        self._text = str(node)
        for key in node.keys():
            if key != "location":
                setattr(self, key, mirror(getattr(node, key)))

    def walk(self, visit) -> None:
        """Call ``visit`` on this node and every node below it, fields in the AST's order."""
        visit(self)
        for key, value in vars(self).items():
            if key in ("ast_type", "_text"):
                continue
            for v in value if isinstance(value, list) else (value,):
                if isinstance(v, Mirror):
                    v.walk(visit)

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Mirror({self._text})"


def mirror(value: object) -> object:
    """An AST node mirrored, a sequence as a list of mirrors, anything else (symbols, names,
    numbers, enumerations) as it is."""
    if isinstance(value, ast.AST):
        return Mirror(value)
    if isinstance(value, ast.ASTSequence):
        return [mirror(v) for v in value]
    return value
