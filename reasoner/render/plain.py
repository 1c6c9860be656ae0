"""Plain lines for the answers of what-it-takes and what-if (and the changes an answer makes in
``ask``): printed as they are, one per line."""

from __future__ import annotations

from reasoner.explain.figures_needed import figures_needed
from reasoner.explain.i18n import msg, paren
from reasoner.explain.interview import Change
from reasoner.explain.report import Conclusion
from reasoner.explain.what_it_takes import Takes, shown
from reasoner.solve.atoms.facts import Question


def takes_lines(rows: list[tuple[Conclusion, Takes]], questions: list[Question], lang: str) -> list[str]:
    """For each conclusion, its status and the sets of facts that would establish it, numbered."""
    out = []
    for c, t in rows:
        out.append(f"{msg(c.certainty, lang)}  {c.label}{paren(c.shown_subject, lang)}  {c.id}")
        if c.certainty == "established":
            out.append(f"  {msg('takes_already', lang)}")
        elif not t.sets and (needed := figures_needed(c, lang)):
            # excluded by a recorded figure: the figure the law asks for, and the provision
            out.append(f"  {msg('takes_figures', lang)}")
            out += [f"    {n.text(lang)}" for n in needed]
        elif not t.sets:
            out.append(f"  {msg('takes_none', lang)}")
        else:
            out.append(f"  {msg('takes_sets', lang)}{'' if t.complete else msg('takes_incomplete', lang)}")
            for i, s in enumerate(t.sets, 1):
                for j, f in enumerate(shown(s)):
                    lead = f"{i}." if j == 0 else ""
                    out.append(f"  {lead:>4} {f.text(questions[f.question], lang)}")
        out.append("")
    return out


def change_lines(changes: list[Change], lang: str) -> list[str]:
    """A heading and one line per conclusion whose status changed; one line when none did."""
    lines = [
        f"  {ch.label}{paren(ch.subject, lang)}  {ch.id}: {msg(ch.before, lang)} → {msg(ch.after, lang)}"
        for ch in changes
    ]
    return [f"{msg('what_if_changes', lang)}:", *lines] if lines else [msg("what_if_none", lang)]
