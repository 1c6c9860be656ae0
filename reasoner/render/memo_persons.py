"""The memo's section per defendant (issue 17): for each party an offence was examined for, named by
name, its offences with their verdicts, the statutory penalty and the other notes the rules attach
to each offence that holds or may hold, the measures and other conclusions holding for its acts
with their notes, the findings relied on, and the notes of several crimes (CL 69) and of one act
that is also another crime (each offence's ¶3).

Everything here is a conclusion of the report and the notes the rules that fired attach to it
(note/3, penalty/5 ...): this module groups and orders them by person; it says nothing of the law
itself.  A verdict is said with each line, so that a possible offence never reads as established.
"""

from __future__ import annotations

from collections.abc import Callable

from reasoner.case.model import Case
from reasoner.explain.i18n import msg, paren, sep
from reasoner.explain.report import Conclusion, Report
from reasoner.law.terms import Term
from reasoner.render.markdown import paragraph_of
from reasoner.render.memo_model import Mark, Note, Person

#: The conclusion whose notes say that one person's several crimes are punished together.
SEVERAL_CRIMES = "cl.69"


def _said(m: Mark) -> str:
    return f"{m.mark} {m.text}"


def _held(c: Conclusion) -> bool:
    return c.certainty in ("established", "possible")


def persons(case: Case, report: Report, verdict, attached: Callable[[str, Term], list[str]]) -> list[Person]:
    """A section for each party an offence was examined for, or who answers for one that holds or
    may hold (a unit's responsible persons: their own conclusions on its act), in case-file order.
    ``attached(offence, subject term)``: the notes the rules attach to an offence for that subject
    (the statutory penalty of a unit's responsible person is attached for their own term)."""
    lang = report.lang
    out = []
    for party in case.parties:
        own = [c for c in report.conclusions if c.party == party.id]
        offences = [c for c in own if c.is_offence]
        # the offences of others' acts this party answers for (a unit's, by its responsible persons)
        on = {c.subject for c in own if _held(c) and not c.is_offence} - {c.subject for c in offences}
        answered = [c for c in report.conclusions if c.is_offence and _held(c) and c.subject in on]
        if not offences and not answered:
            continue
        notes = [Note(msg("person_offence", lang), _offence_line(c, verdict, lang)) for c in offences + answered]
        held = [c for c in offences if _held(c)]
        for c in held:  # the statutory penalty: of the party's own offences (a unit's is the unit's)
            offence = c.label + paren(c.shown_subject, lang)
            label = f"{verdict(c, lang).mark} {msg('person_penalty', lang).format(offence=offence)}"
            notes += [Note(label, sep(lang).join(c.notes))] if c.notes else []
        for c in answered:  # the penalty the rules attach for this person's part in the unit's offence
            offence = c.label + paren(c.shown_subject, lang)
            label = f"{verdict(c, lang).mark} {msg('person_penalty', lang).format(offence=offence)}"
            terms = dict.fromkeys(x.subject_term for x in own if x.subject == c.subject and x.subject_term is not None)
            found = [n for t in terms for n in attached(c.id, t)]
            notes += [Note(label, sep(lang).join(found))] if found else []
        lines = held + answered
        subjects = {c.subject for c in lines}
        for c in own:
            if not _held(c) or c.is_offence or not c.notes or c.subject not in subjects:
                continue
            if c.id == SEVERAL_CRIMES or any(paragraph_of(c.id, o.id) for o in lines):
                continue
            label = f"{_said(verdict(c, lang))} {c.label}{paren(c.shown_subject, lang)}"
            notes.append(Note(label, sep(lang).join(c.notes)))
        found = sorted({f for c in held for f in c.findings})
        if found:
            notes.append(Note(msg("person_findings", lang), sep(lang).join(found)))
        notes += _rests_of_law(report, own, lines, verdict, lang)
        out.append(Person(f"{party.name}{paren(party.id, lang)}", notes))
    return out


def _offence_line(c: Conclusion, verdict, lang: str) -> str:
    return f"{_said(verdict(c, lang))}{msg('colon', lang)}{c.label}{paren(c.shown_subject, lang)} · {c.citation}"


def _rests_of_law(report: Report, own, offences, verdict, lang: str) -> list[Note]:
    """CL 69 (several crimes), and each offence's further paragraphs that hold or may hold (¶3: one
    act that is also another crime, the heavier applies; ¶2: a unit's offence), as the conclusions
    and the facts their rules read say them."""
    notes = []
    for c in own:
        if c.id == SEVERAL_CRIMES and c.certainty in ("established", "possible"):
            label = f"{_said(verdict(c, lang))} {c.label} · {c.citation}"
            notes.append(Note(label, sep(lang).join(c.notes) or c.text))
    for o in offences:
        for c in report.conclusions:
            if c.subject_term != o.subject_term or not paragraph_of(c.id, o.id):
                continue
            if c.certainty not in ("established", "possible"):
                continue
            # the facts the paragraph's rule read (for ¶3: the other crime recorded for the act)
            facts = [n.text for n in c.explanation.children if n.kind == "fact"] if c.explanation else []
            text = f"{o.label}{paren(o.shown_subject, lang)}{msg('colon', lang)}{sep(lang).join(facts) or c.text}"
            notes.append(Note(f"{_said(verdict(c, lang))} {c.label} · {c.citation}", text))
    return notes
