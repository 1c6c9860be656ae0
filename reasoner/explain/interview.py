"""Which open questions matter, most decisive first, and what an answer changed.

Used by ``reasoner ask`` (the interview) and ``reasoner what-if``.  Nothing here decides a legal
question: the effects of each answer are the brave and cautious consequences clingo computed for
it (:attr:`reasoner.solve.result.Result.effects`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reasoner.explain.report import Report
from reasoner.law.terms import Term
from reasoner.solve.atoms.facts import Question, shown_value
from reasoner.solve.result import EXCLUDED, POSSIBLE, Result, status_in


def _is_offence(pid: str) -> bool:
    return pid.startswith("cl.") and pid.count(".") == 1


@dataclass
class Open:
    """An open question whose answer can still change an open conclusion."""

    index: int
    question: Question
    decides: list[Term]  # the open conclusions that hang on it
    offences: int  # how many open offences some answer decides
    decided: float  # open conclusions an answer decides, on average over the answers tried


def open_questions(result: Result, report: Report | None = None) -> list[Open]:
    """Questions that can change an open (possible) conclusion, most decisive first: those that
    settle more offences, then more conclusions on average, then in case-file order.

    A question counts when an answer tried alone changes an open conclusion's status, or when the
    report lists it for an open conclusion (found by changing it within a completion: a day, say,
    that matters only between its extremes)."""
    open_atoms = sorted(result.possible - result.certain)
    listed: dict[str, list[Term]] = {}
    for c in report.conclusions if report else []:
        if c.certainty == POSSIBLE:
            for path in c.depends_on_unknown:
                listed.setdefault(path, []).append(c.atom())
    out = []
    for q, question in enumerate(result.facts.questions):
        answers = [a for (qq, a) in result.effects if qq == q]
        hangs = [atom for atom in open_atoms if len({status_in(result.effects[(q, a)], atom) for a in answers}) > 1]
        hangs += [atom for atom in listed.get(question.path, []) if atom not in hangs]
        if not hangs:
            continue
        per_answer = [
            [atom for atom in open_atoms if status_in(result.effects[(q, a)], atom) != POSSIBLE] for a in answers
        ] or [[atom for atom in hangs]]
        offences = max(sum(1 for atom in d if _is_offence(atom.arguments[0].string)) for d in per_answer)
        decided = sum(len(d) for d in per_answer) / len(per_answer) if answers else 0.0
        out.append(Open(q, question, hangs, offences, decided))
    return sorted(out, key=lambda o: (-o.offences, -o.decided, o.index))


def answer_hint(question: Question, lang: str) -> str:
    """What may be answered, in words: 是/否/不知道 for a boolean, an amount as a lawyer writes it,
    the options of a choice (the case file's syntax where there is no word for it)."""
    from reasoner.explain.fields import ask_word

    path = question.path
    if question.kind == "bool":
        return ask_word("bool", lang)
    if question.kind == "choice":
        if path.endswith("likely_sentence"):
            return ask_word("sentence", lang)
        options = [shown_value(a.value, question.absent) for a in question.answers]
        if path.endswith("legal_basis"):
            return ask_word("choice_basis", lang, options=" | ".join(o for o in options if o != "[]"))
        return ask_word("choice", lang, options=" / ".join(_option(o, lang) for o in options))
    if question.kind == "date":
        if path.startswith("acts[") and path.endswith("].date"):
            return ask_word("date_act", lang)
        return ask_word("date_end" if path.endswith((".from", ".to")) else "date", lang)
    return ask_word("money" if question.kind == "money" else "count", lang)


def _option(option: str, lang: str) -> str:
    """An option as the case file writes it, with its words where the table has them: yes（达到）."""
    from reasoner.explain.i18n import paren, table

    entry = table()["term"].get(option)
    return option + paren(entry[lang], lang) if entry and lang == "zh" else option


@dataclass(frozen=True)
class Change:
    id: str
    subject: str
    label: str
    before: str  # established | possible | excluded
    after: str


def _key(c) -> tuple:
    return (c.id, c.subject_term if c.subject_term is not None else c.subject)


def diff(before: Report, after: Report) -> list[Change]:
    """Conclusions whose status changed (or that appeared or went), in the new report's order.

    Matched by the solver's term of their subject, never by its printed name: an act whose id is
    ``A1+A2+A3`` and the Art 16 cumulation of A1-A3 print alike and are two subjects."""
    old = {_key(c): c for c in before.conclusions}
    new = {_key(c): c for c in after.conclusions}
    out = []
    for key, c in new.items():
        prev = old.get(key)
        was = prev.certainty if prev else EXCLUDED  # not examined before: it held in no completion
        if was != c.certainty:
            out.append(Change(c.id, c.subject, c.label, was, c.certainty))
    for key, c in old.items():  # no longer examined: it holds in no completion
        if key not in new and c.certainty != EXCLUDED:
            out.append(Change(c.id, c.subject, c.label, c.certainty, EXCLUDED))
    return out
