"""The standards a printout names: the date of judgment used, how the standards were chosen, the
documents applied to each offence, and the ``--compare-standards`` table."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from reasoner.explain.i18n import msg, sep
from reasoner.explain.report import Conclusion, Report
from reasoner.explain.standards import Difference
from reasoner.law.packs import by_id
from reasoner.render.cells import markup as escape


def judgment_text(report: Report, lang: str) -> str:
    """The date of judgment: the one given, or the day of the run, said so."""
    if report.as_of:
        return report.as_of
    return msg("date_of_judgment_today", lang).format(date=report.judgment or "")


def standards_text(report: Report, lang: str) -> str:
    """How the standards were chosen: by the 2001 rule, or fixed with --standards."""
    s = report.standards or {}
    if s.get("mode") == "fixed":
        return msg("standards_fixed_header", lang).format(date=s["date"])
    return msg("standards_2001_header", lang)


def standards_line(c: Conclusion, lang: str) -> str | None:
    """The standards a conclusion was judged by: the day whose documents govern it, and which."""
    if c.standards is None:
        return None
    packs = by_id()
    # the documents in force that speak to this offence (the 断卡 documents are about CL 287-2 only)
    names = sep(lang).join(
        packs[p].short(lang)
        for p in c.standards["packs"]
        if p in packs and (not packs[p].offences or c.id in packs[p].offences)
    )
    which = msg(f"standards_world_{_why(c.standards)}", lang)
    return msg("standards_applied", lang).format(date=c.standards["date"], packs=names or "—", world=which)


def _why(standards: dict) -> str:
    """Why these standards: chosen on the command line, or which part of the 2001 rule chose them
    (the eff2001 conclusion that holds for the act; in the judgment world only where the later
    standards favour the defendant)."""
    world, rule = standards.get("world"), standards.get("rule")
    if world == "fixed":
        return "fixed"
    if rule == "eff2001.2":
        return "none_then"
    if world is None and rule == "eff2001.3":  # one world: the act's documents are those at judgment
        return "same"
    return "judgment" if world == "judgment" else "act_time"


def print_comparison(differences: list[Difference] | None, console: Console, lang: str) -> None:
    """--compare-standards: where the two sets of standards disagree, and which one was applied."""
    console.rule(msg("comparison_title", lang))
    if differences is None:
        console.print(escape(msg("comparison_one_world", lang)))
        return
    if not differences:
        console.print(escape(msg("comparison_none", lang)))
        return
    table = Table(
        msg("id", lang),
        msg("label", lang),
        msg("subject", lang),
        msg("standards_act_time", lang),
        msg("standards_judgment", lang),
        msg("standards_applied_column", lang),
        box=box.SIMPLE,
    )
    for d in differences:
        table.add_row(
            escape(d.provision),
            escape(d.label),
            escape(d.subject),
            escape(msg(d.act_time, lang)),
            escape(msg(d.judgment, lang)),
            escape(msg(f"world_{d.applied}", lang)),
        )
    console.print(table)
