"""A rule's AST as plain Python objects, read once.

Explaining a case walks the bodies of the law's rules thousands of times (why-not matches every rule
that could derive a conclusion), and each attribute of clingo's AST is a call into C: a mirror with
the same attribute names (``ast_type``, ``name``, ``arguments``, ``symbol``, ``sign``, ``atom``,
``guards``, ...) answers them from Python.  It prints as the AST it mirrors."""

from __future__ import annotations

from clingo import Symbol, ast

from reasoner.law.terms import Term, from_clingo, parse_term


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
    """An AST node mirrored, a sequence as a list of mirrors, a symbol as a term, anything else
    (names, numbers, enumerations) as it is."""
    if isinstance(value, ast.AST):
        return Mirror(value)
    if isinstance(value, ast.ASTSequence):
        return [mirror(v) for v in value]
    if isinstance(value, Symbol):  # a ground term of the rule: matched against the answer's terms
        return from_clingo(value)
    return value


# A mirror kept between runs: nested tuples, lists and plain values that ``marshal`` writes and reads
# back without running code.  A node is ``(0, ast type, text, key, value, key, value, ...)`` with its
# fields in the AST's order; a symbol is ``(1, text)``, parsed again on reading (clingo prints a
# symbol as the term it parses back to); a list stays a list; names, numbers and None stay as they are.
_NODE, _SYMBOL = 0, 1


def freeze(value: object) -> object:
    """A mirror (or any value in one) as plain data, for the program's cache."""
    if isinstance(value, Mirror):
        fields: list[object] = [_NODE, int(value.ast_type.value), value._text]
        for key, v in vars(value).items():
            if key not in ("ast_type", "_text"):
                fields += [key, freeze(v)]
        return tuple(fields)
    if isinstance(value, list):
        return [freeze(v) for v in value]
    if isinstance(value, Term):
        return (_SYMBOL, str(value))
    if value is None or isinstance(value, (str, int)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} of an AST")


def thaw(data: object) -> object:
    """The mirror ``freeze`` kept, equal field for field to the one mirrored from the AST."""
    if isinstance(data, list):
        return [thaw(v) for v in data]
    if isinstance(data, tuple):
        if data[0] == _SYMBOL:
            return parse_term(data[1])
        node = Mirror.__new__(Mirror)
        node.ast_type = ast.ASTType(data[1])
        node._text = data[2]
        for i in range(3, len(data), 2):
            setattr(node, data[i], thaw(data[i + 1]))
        return node
    return data
