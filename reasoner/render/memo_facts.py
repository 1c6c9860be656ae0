"""The memo's facts: the atoms the case became, by record, each with its case-file field (its
source) and the words of the record the rules do not read, and the facts recorded as not known."""

from __future__ import annotations

import re

import clingo

from reasoner.case.model import Case
from reasoner.explain.i18n import describe, msg, paren, table
from reasoner.explain.why import Explainer
from reasoner.render.memo_model import FactRow, Note, Record
from reasoner.solve.atoms.facts import COUNT_CEILING, FEN_CEILING
from reasoner.solve.result import Result

#: Words of a record the rules do not read, shown under its heading, and their labels.
_RECORD_TEXTS = {"description": "report_description", "measures": "report_measures", "duty": "report_duty"}

#: The atom that names a record of each list of the case file.
_RECORD_ATOMS = {
    "parties": "party",
    "assisted_parties": "assisted_party",
    "orders": "order",
    "acts": "act",
    "admin_penalties": "admin_penalty",
    "prior_convictions": "prior_conviction",
}


class FactsSection:
    """The facts section of one case's memo."""

    def __init__(self, case: Case, result: Result, explainer: Explainer, lang: str):
        self.case = case
        self.result = result
        self.ex = explainer
        self.lang = lang

    def m(self, key: str) -> str:
        return msg(key, self.lang)

    def records(self) -> list[Record]:
        """The atoms the case became, by record, each with its case-file field."""
        facts = self.result.facts
        groups: dict[str, list[FactRow]] = {}
        for sym, info in facts.atoms.items():
            if sym in facts.findings or info.path.startswith("("):
                continue
            top = re.match(r"^\w+\[\d+\]", info.path)
            key = top.group(0) if top else ("case" if info.path.startswith("case.") else info.path)
            groups.setdefault(key, []).append(FactRow(self.ex.atom(sym).text, info.path))
        return [Record(self._record(key), self._texts(key), rows) for key, rows in groups.items()]

    def unknown(self) -> list[FactRow]:
        """The facts recorded as not known: a figure known within bounds is listed with the records,
        with them; the rest open is not known at all."""
        facts = self.result.facts
        bounded = {info.path for info in facts.atoms.values() if info.bound is not None}
        unknown = self._unknown({s: info for s, info in facts.unknown.items() if info.path not in bounded})
        unknown += [(self._unknown_date(p, e), path) for p, e, path in facts.unknown_dates]
        return [FactRow(text, path) for text, path in unknown]

    def _unknown(self, atoms: dict) -> list[tuple[str, str]]:
        """Facts recorded as not known, once per case field.  Their atoms stand in for what might be
        (a figure at the solver's ceiling, each option of a choice), so the value is shown as not
        known; a yes/no fact is shown as the statement that is not known."""
        by_path: dict[str, list[clingo.Symbol]] = {}
        for sym, info in atoms.items():
            by_path.setdefault(info.path, []).append(sym)
        blank = clingo.String(self.m("report_not_known"))
        out = []
        for path, syms in by_path.items():
            sym = syms[0]
            last = sym.arguments[-1] if sym.arguments else None
            if len(syms) > 1 or (
                last is not None
                and last.type == clingo.SymbolType.Number
                and last.number in (COUNT_CEILING, FEN_CEILING)
            ):
                sym = clingo.Function(sym.name, [*sym.arguments[:-1], blank])
            out.append((describe(sym, self.lang), path))
        return out

    def _unknown_date(self, pred: str, ident: str) -> str:
        """A date recorded as not known (it has no atom): its predicate's words, the date not known."""
        arity = 1 + max(
            (int(i) for i in re.findall(r"\{(\d+)", table()["atom"].get(pred, {}).get(self.lang, ""))), default=0
        )
        blank = clingo.String(self.m("report_not_known"))
        return describe(clingo.Function(pred, [clingo.String(ident)] + [blank] * (arity - 1)), self.lang)

    def _record(self, key: str) -> str:
        """The heading of a record of the case file: 当事人 P1「某公司」 (parties[0])."""
        if key == "case":  # the case's own dates: judgment, start of prosecution
            return self.m("report_case_record") + paren("case", self.lang)
        m = re.match(r"^(\w+)\[(\d+)\]$", key)
        if not m:
            return key
        kind, i = m.group(1), int(m.group(2))
        atom = _RECORD_ATOMS.get(kind)
        if atom is None:  # a list of the case file whose records no atom names
            return key
        rec = getattr(self.case, kind)[i]
        text = describe(clingo.Function(atom, [clingo.String(rec.id)]), self.lang)
        name = getattr(rec, "name", None)
        if name:
            text += f"「{name}」"
        return text + paren(key, self.lang)

    def _texts(self, key: str) -> list[Note]:
        """The words of the record the rules do not read (descriptions), shown for the reader."""
        m = re.match(r"^(\w+)\[(\d+)\]$", key)
        if not m:
            return []
        if m.group(1) not in _RECORD_ATOMS:
            return []
        rec = getattr(self.case, m.group(1))[int(m.group(2))]
        out = []
        for attr, key in _RECORD_TEXTS.items():
            v = getattr(rec, attr, None)
            if v:
                out.append(Note(self.m(key), str(v)))
        issuer = getattr(rec, "issuer", None)
        if issuer is not None:
            out.append(Note(self.m("report_issuer"), issuer.name))
        return out
