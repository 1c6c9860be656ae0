"""Matching a rule's body against clingo's answer: unify an AST pattern with a ground atom, and
ground a pattern under a binding (arithmetic evaluated where its variables are bound)."""

from __future__ import annotations

from clingo import ast

from reasoner.explain.arithmetic import evaluate
from reasoner.law.terms import Function, Number, SymbolType, Term


def unify(pattern, sym: Term, env: dict[str, Term]) -> dict[str, Term] | None:
    """Unify an AST term with a ground symbol under a binding; the extended binding or None."""
    t = pattern.ast_type
    if t == ast.ASTType.Variable:
        if pattern.name == "_":
            return env
        if pattern.name in env:
            return env if env[pattern.name] == sym else None
        return {**env, pattern.name: sym}
    if t == ast.ASTType.SymbolicTerm:
        return env if pattern.symbol == sym else None
    if t == ast.ASTType.Function:
        if sym.type != SymbolType.Function or sym.name != pattern.name or len(sym.arguments) != len(pattern.arguments):
            return None
        for p, s in zip(pattern.arguments, sym.arguments, strict=True):
            env = unify(p, s, env)
            if env is None:
                return None
        return env
    try:  # arithmetic in a pattern: evaluate when bound
        value = evaluate(pattern, {k: v.number for k, v in env.items() if v.type == SymbolType.Number})
    except (KeyError, ValueError, AttributeError):
        return None
    return env if sym.type == SymbolType.Number and sym.number == value else None


def instantiate(pattern, env: dict[str, Term]) -> Term | None:
    """The ground atom or term of a pattern under a binding; None if a variable is unbound."""
    t = pattern.ast_type
    if t == ast.ASTType.Variable:
        return env.get(pattern.name)
    if t == ast.ASTType.SymbolicTerm:
        return pattern.symbol
    if t == ast.ASTType.Function:
        args = [instantiate(a, env) for a in pattern.arguments]
        return None if any(a is None for a in args) else Function(pattern.name, args)
    try:
        return Number(evaluate(pattern, {k: v.number for k, v in env.items() if v.type == SymbolType.Number}))
    except (KeyError, ValueError, AttributeError):
        return None
