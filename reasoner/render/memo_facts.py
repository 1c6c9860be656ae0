"""The memo's facts: the atoms the case became, by record, each with its case-file field (its
source) and the words of the record the rules do not read, and every fact the case leaves open
(not known, or known only within bounds) with the conclusions that hang on it."""

from __future__ import annotations

import re

from reasoner.case.model import Case
from reasoner.explain.i18n import describe, msg, natural_key, paren, table
from reasoner.explain.report import Conclusion
from reasoner.explain.why import Explainer
from reasoner.law.terms import Function, String, SymbolType, Term
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

    def unknown(self, conclusions: list[Conclusion] | None = None) -> list[FactRow]:
        """Every fact the case leaves open, in one list: those recorded as not known and those known
        only within bounds (a day "some time in 2020", a figure "at most 30,000"), each with the
        conclusions that hang on it (their ``depends_on_unknown``)."""
        facts = self.result.facts
        bounded: dict[str, str] = {}
        for sym, info in facts.atoms.items():
            if info.bound is not None:
                bounded.setdefault(info.path, self.ex.atom(sym).text)
        rows = self._unknown({s: info for s, info in facts.unknown.items() if info.path not in bounded})
        rows += [(self._unknown_date(p, e), path) for p, e, path in facts.unknown_dates]
        rows += [(text, path) for path, text in bounded.items()]
        rows.sort(key=lambda r: natural_key(r[1]))
        return [FactRow(self._hanging(text, path, conclusions or []), path) for text, path in rows]

    def _hanging(self, text: str, path: str, conclusions: list[Conclusion]) -> str:
        """The fact's words and the conclusions that hang on it: 「……；取决于此：X（A1）、Y（A1）」."""
        names = list(
            dict.fromkeys(
                c.label + paren(c.shown_subject, self.lang) for c in conclusions if path in c.depends_on_unknown
            )
        )
        if not names:
            return text
        hanging = self.m("report_hangs_join").join(names)
        return f"{text}{self.m('report_hangs_sep')}{self.m('report_hangs')}{self.m('colon')}{hanging}"

    def _unknown(self, atoms: dict) -> list[tuple[str, str]]:
        """Facts recorded as not known, once per case field.  Their atoms stand in for what might be
        (a figure at the solver's ceiling, each option of a choice), so the value is shown as not
        known; a yes/no fact is shown as the statement that is not known."""
        by_path: dict[str, list[Term]] = {}
        for sym, info in atoms.items():
            by_path.setdefault(info.path, []).append(sym)
        blank = String(self.m("report_not_known"))
        out = []
        for path, syms in by_path.items():
            sym = syms[0]
            last = sym.arguments[-1] if sym.arguments else None
            if len(syms) > 1 or (
                last is not None and last.type == SymbolType.Number and last.number in (COUNT_CEILING, FEN_CEILING)
            ):
                sym = Function(sym.name, [*sym.arguments[:-1], blank])
            out.append((describe(sym, self.lang), path))
        return out

    def _unknown_date(self, pred: str, ident: str) -> str:
        """A date recorded as not known (it has no atom): its predicate's words, the date not known."""
        arity = 1 + max(
            (int(i) for i in re.findall(r"\{(\d+)", table()["atom"].get(pred, {}).get(self.lang, ""))), default=0
        )
        blank = String(self.m("report_not_known"))
        return describe(Function(pred, [String(ident)] + [blank] * (arity - 1)), self.lang)

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
        text = describe(Function(atom, [String(rec.id)]), self.lang)
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
