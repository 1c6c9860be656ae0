"""What the facts a case leaves open leave open in a why-not route: a conclusion possible rather
than settled, a fact some answer would give, a helper the rules would derive from either.  Mixed
into WhyNot (reasoner/explain/whynot.py), whose answer (``self.r``), rules by head (``self.by_head``)
and matcher (``self._matches``) it reads."""

from __future__ import annotations

from clingo import ast

from reasoner.explain.matching import instantiate, unify
from reasoner.law.terms import Term
from reasoner.solve.result import POSSIBLE

#: the most answers of one pattern followed when a helper's derivation is looked for
MAX_BINDINGS = 12


class Openness:
    """The open-ness of atoms and patterns, for the ? of a route."""

    r: object
    by_head: dict
    _answer_atoms: dict[str, list[Term]] | None

    def _open_atoms(self) -> dict[str, list[Term]]:
        """The facts the case leaves open, by predicate (built once): those some answer to one of its
        questions gives, and those recorded as not known."""
        if self._answer_atoms is None:
            found: dict[str, list[Term]] = {}
            atoms = [a for q in self.r.facts.questions for ans in q.answers for a in ans.atoms]
            for a in [*atoms, *self.r.facts.unknown]:
                found.setdefault(a.name, []).append(a)
            self._answer_atoms = found
        return self._answer_atoms

    def _unsettled(self, sym: Term) -> bool:
        """Whether an atom's truth turns on facts not known: a conclusion possible, not established;
        a fact given by one answer to an open question; or a helper derived, in the recorded
        reading, from either (found through the rules that fired)."""
        if not self.r.facts.questions:
            return False
        if sym.name in ("holds", "applied_holds"):
            return self.r.status(sym) == POSSIBLE
        open_atoms = self._open_atoms()
        seen: set[Term] = set()
        stack = [sym]
        while stack:
            atom = stack.pop()
            if atom in seen:
                continue
            seen.add(atom)
            if atom in open_atoms.get(atom.name, ()):
                return True
            if atom is not sym and atom.name in ("holds", "applied_holds"):
                if self.r.status(atom) == POSSIBLE:
                    return True
                continue
            for _, body in self.r.fired.get(atom, []):
                # the body as the provenance transform records it: pos(Atom) and neg(Atom)
                stack.extend(b.arguments[0] for b in body.arguments if b.name == "pos")
        return False

    def _may_be_given(self, pattern, env: dict) -> bool:
        """Whether a fact no true atom matched is one the case leaves open: some answer to one of
        its questions would give it, it is recorded as not known, or the rules would derive it from
        such a fact or from a conclusion that is possible (not known, rather than known absent)."""
        if not self.r.facts.questions or pattern.ast_type != ast.ASTType.Function:
            return False
        if self._answers_fit(pattern, env):
            return True
        ground = instantiate(pattern, env)
        return ground is not None and self._derivable(ground)

    def _answers_fit(self, pattern, env: dict) -> bool:
        """Whether an atom some answer gives, or one recorded as not known, fits the pattern."""
        if pattern.ast_type != ast.ASTType.Function:
            return False
        bound = [instantiate(a, env) for a in pattern.arguments]
        return any(
            len(a.arguments) == len(bound) and all(b is None or b == x for b, x in zip(bound, a.arguments, strict=True))
            for a in self._open_atoms().get(pattern.name, ())
        )

    def _derivable(self, sym: Term) -> bool:
        if sym.name in ("holds", "applied_holds"):  # a conclusion's status is known exactly
            return self.r.status(sym) == POSSIBLE
        return self._helper_derivable(sym)

    def _helper_derivable(self, sym: Term) -> bool:
        """Whether a rule could derive ``sym`` from a conclusion that is possible (the helper facts
        the later documents use, such as narrowed/2 or used_for_telecom_fraud/1): its body's facts
        matched against the answer, its conclusions weighed over the completions."""
        for rule in self.by_head.get(sym.name, []):
            env = unify(rule.head, sym, {})
            if env is not None and self._derivable_body(list(rule.body), env):
                return True
        return False

    def _derivable_body(self, body: list, env: dict) -> bool:
        for i, lit in enumerate(body):
            a = lit.atom
            if a.ast_type != ast.ASTType.SymbolicAtom or lit.sign != ast.Sign.NoSign:
                continue
            if self._answers_fit(a.symbol, env):  # a fact some answer to an open question gives
                return True
            g = instantiate(a.symbol, env)
            if g is None:  # bind it from the answer, then go on
                return any(
                    self._derivable_body(body[i + 1 :], e) for _, e in self._matches(a.symbol, env)[:MAX_BINDINGS]
                )
            if g.name == "holds" and self.r.status(g) == POSSIBLE:
                return True
        return False
