"""Ground terms as plain Python values: what the reasoner holds of clingo's symbols outside clingo.

Every attribute of a ``clingo.Symbol`` (its name, its arguments, its type, even its hash) is a call
into C through cffi, a few microseconds each; explaining one case asks them hundreds of thousands
of times.  A :class:`Term` answers the same attributes (``type``, ``name``, ``arguments``,
``number``, ``string``, ``positive``), prints as clingo prints the symbol, and sorts in clingo's
order, from plain Python slots.  Symbols are converted once where they leave the solver
(:func:`from_clingo`) and back where facts enter it (:func:`to_clingo`); nothing else changes
hands (tests/test_terms.py checks printing, order and equality against clingo's own).
"""

from __future__ import annotations

from collections.abc import Sequence

import clingo
from clingo import SymbolType

__all__ = [
    "Function",
    "Infimum",
    "Number",
    "String",
    "Supremum",
    "SymbolType",
    "Term",
    "Tuple_",
    "from_clingo",
    "parse_term",
    "to_clingo",
]

#: Order keys by clingo's order of kinds: #inf, numbers, constants, negated constants, strings,
#: functions with arguments (tuples among them), #sup.  Functions with arguments then by sign,
#: arity and name, then their arguments in turn.
_INF, _NUM, _CONST, _NEGCONST, _STR, _FUN, _SUP = 0, 1, 2, 3, 4, 5, 7


class Term:
    """A ground term (an atom, or one of its arguments), immutable, with clingo's attributes."""

    __slots__ = ("type", "name", "arguments", "number", "string", "positive", "_key", "_hash", "_text")

    type: SymbolType
    name: str
    arguments: tuple[Term, ...]
    number: int
    string: str
    positive: bool

    @property
    def negative(self) -> bool:
        return not self.positive

    def match(self, name: str, arity: int, positive: bool = True) -> bool:
        """Whether this is a function of this signature (as ``clingo.Symbol.match``)."""
        return (
            self.type == SymbolType.Function
            and self.positive == positive
            and self.name == name
            and len(self.arguments) == arity
        )

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Term:
            if isinstance(other, clingo.Symbol):  # a symbol that did not go through from_clingo
                raise TypeError(f"a term compared with a clingo symbol: {self} and {other}")
            return NotImplemented
        return self is other or (self._hash == other._hash and self._key == other._key)  # type: ignore[attr-defined]

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __lt__(self, other: Term) -> bool:
        return self._key < other._key

    def __le__(self, other: Term) -> bool:
        return self._key <= other._key

    def __gt__(self, other: Term) -> bool:
        return self._key > other._key

    def __ge__(self, other: Term) -> bool:
        return self._key >= other._key

    def __str__(self) -> str:
        if self._text is None:
            self._text = _text(self)
        return self._text

    def __repr__(self) -> str:
        return f"Term({self})"

    def __reduce__(self):
        """Pickled as its text (worker processes of a batch get terms back): read with parse_term."""
        return (parse_term, (str(self),))


def _make(kind: SymbolType, key: tuple, name: str = "", arguments: tuple = (), value: object = 0) -> Term:
    """A term with its slots set (``value``: the number, or the string, or the sign of a function)."""
    t = object.__new__(Term)
    t.type, t.name, t.arguments, t._key, t._hash, t._text = kind, name, arguments, key, hash(key), None
    t.number = value if kind == SymbolType.Number else 0  # type: ignore[assignment]
    t.string = value if kind == SymbolType.String else ""  # type: ignore[assignment]
    t.positive = value if kind == SymbolType.Function else True  # type: ignore[assignment]
    return t


def _text(t: Term) -> str:
    """clingo's printed form of a term."""
    kind = t.type
    if kind == SymbolType.Number:
        return str(t.number)
    if kind == SymbolType.String:
        return '"' + t.string.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"') + '"'
    if kind == SymbolType.Infimum:
        return "#inf"
    if kind == SymbolType.Supremum:
        return "#sup"
    sign = "" if t.positive else "-"
    if not t.arguments:
        return f"{sign}{t.name}" if t.name else f"{sign}()"
    inner = ",".join(str(a) for a in t.arguments)
    if not t.name and len(t.arguments) == 1:
        inner += ","
    return f"{sign}{t.name}({inner})"


def Number(n: int) -> Term:  # noqa: N802 - clingo's name
    """An integer."""
    return _make(SymbolType.Number, (_NUM, n), value=n)


def String(s: str) -> Term:  # noqa: N802 - clingo's name
    """A string."""
    return _make(SymbolType.String, (_STR, s), value=s)


def Function(name: str, arguments: Sequence[Term] = (), positive: bool = True) -> Term:  # noqa: N802 - clingo's name
    """A function (a constant without arguments, a tuple with the empty name)."""
    args = tuple(arguments)
    for a in args:
        if a.__class__ is not Term:  # a clingo symbol here would make a term equal to none
            raise TypeError(f"an argument of {name or 'a tuple'} is not a term: {a!r}")
    if not args:
        key: tuple = (_CONST if positive else _NEGCONST, name)
    else:
        key = (_FUN, 0 if positive else 1, len(args), name, args)
    return _make(SymbolType.Function, key, name, args, positive)


def Tuple_(arguments: Sequence[Term]) -> Term:  # noqa: N802 - clingo's name
    """A tuple."""
    return Function("", arguments)


Infimum = _make(SymbolType.Infimum, (_INF,))
Supremum = _make(SymbolType.Supremum, (_SUP,))

#: Conversions already made, both ways: an atom's arguments (ids, kinds, provisions) recur in many
#: atoms.  Cleared when large, so that a long batch or server does not keep every term it met.
#: clingo's symbols are unique: two are equal exactly when their 64-bit values are (the ``_rep``
#: a clingo.Symbol wraps); keyed by that value, a lookup asks clingo for no hash and no comparison
#: (where a clingo version has no ``_rep``, by the symbol itself: the same, more slowly).
_FROM: dict[object, Term] = {}
_TO: dict[Term, clingo.Symbol] = {}
_KEEP = 200_000


def _key(sym: clingo.Symbol) -> object:
    return getattr(sym, "_rep", sym)


def from_clingo(sym: clingo.Symbol) -> Term:
    """The term of a clingo symbol."""
    key = _key(sym)
    t = _FROM.get(key)
    if t is not None:
        return t
    kind = sym.type
    if kind == SymbolType.Function:
        args = sym.arguments
        t = Function(sym.name, [from_clingo(a) for a in args] if args else (), sym.positive)
    elif kind == SymbolType.Number:
        t = Number(sym.number)
    elif kind == SymbolType.String:
        t = String(sym.string)
    else:
        t = Infimum if kind == SymbolType.Infimum else Supremum
    if len(_FROM) > _KEEP:
        _FROM.clear()
    _FROM[key] = t
    return t


def to_clingo(t: Term) -> clingo.Symbol:
    """The clingo symbol of a term (to add it to a program, or look it up in one)."""
    s = _TO.get(t)
    if s is not None:
        return s
    kind = t.type
    if kind == SymbolType.Function:
        s = clingo.Function(t.name, [to_clingo(a) for a in t.arguments], t.positive)
    elif kind == SymbolType.Number:
        s = clingo.Number(t.number)
    elif kind == SymbolType.String:
        s = clingo.String(t.string)
    else:
        s = clingo.Infimum if kind == SymbolType.Infimum else clingo.Supremum
    if len(_TO) > _KEEP:
        _TO.clear()
    _TO[t] = s
    return s


def parse_term(text: str) -> Term:
    """A term from its printed form (clingo's parser)."""
    return from_clingo(clingo.parse_term(text))
