"""An explanation as a tree of lines: each a fact, a figure, a comparison, a finding or a derived
conclusion, with the rule instance that derived it; a shared subtree is written once in JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    #: a step of a running total: the steps before it, which its readers list beside it (not JSON)
    before: list[Node] = field(default_factory=list, repr=False)

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


def rests_on(tree: Node, pid: str, memo: dict[int, bool] | None = None) -> bool:
    """Whether an explanation relies on a provision (on every route, where routes are alternatives).

    The trees of a case share their subtrees (a graph, not a tree: an Art 16 cumulation of many acts
    reaches each act's subtree by many paths), so each node is weighed once (``memo``, by node)."""
    memo = {} if memo is None else memo
    key = id(tree)
    if key not in memo:
        if tree.kind == "provision" and tree.provision == pid:
            memo[key] = True
        elif tree.any_of:
            memo[key] = all(rests_on(c, pid, memo) for c in tree.children)
        else:
            memo[key] = any(rests_on(c, pid, memo) for c in tree.children)
    return memo[key]


def unverified(tree: Node, unverified_ids: frozenset[str], memo: dict[int, frozenset[str]] | None = None) -> set[str]:
    """The provisions an explanation rests on whose text is not verified: of alternative routes,
    those of one that rests on none where there is one.  Each shared node is weighed once."""
    memo = {} if memo is None else memo
    key = id(tree)
    if key not in memo:
        out: set[str] = set()
        if tree.kind == "provision" and tree.provision in unverified_ids:
            out.add(tree.provision)
        kids = tree.children
        if tree.any_of:
            clean = [c for c in kids if not unverified(c, unverified_ids, memo)]
            kids = clean[:1] if clean else kids
        for c in kids:
            out |= unverified(c, unverified_ids, memo)
        memo[key] = frozenset(out)
    return set(memo[key])
