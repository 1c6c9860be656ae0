"""The atoms of an act of illegally using information networks (CL 287-1): the websites and
groups set up (Art 8, Art 10 (1)-(3)) and the information published (Art 9, Art 10 (4))."""

from __future__ import annotations

from reasoner.case.acts import Act
from reasoner.case.cl_287_1 import IllegalActivity, Publishing, Site
from reasoner.law.terms import Function, Term
from reasoner.solve.atoms.facts import COUNT_CEILING, SUMMED_CEILING
from reasoner.solve.atoms.portions import recorded
from reasoner.solve.atoms.writer import Writer


def act_atoms(w: Writer, pp: str, e: Term, a: Act) -> None:
    """The atoms of the act's own fields (``pp`` its field path, ``e`` its entity)."""
    for j, site in enumerate(a.sites):
        _site(w, f"{pp}.sites[{j}]", e, site)
    if a.publishing is not None:
        _publishing(w, f"{pp}.publishing", e, a.publishing)


def _site(w: Writer, sp: str, e: Term, site: Site) -> None:
    s = w.ent(site.id)
    w.fact("site", [e, s], sp, site.name or site.id)
    w.fact("site_kind", [s, site.kind], f"{sp}.kind", site.kind)
    w.choice(
        "site_purpose",
        [s],
        site.purpose,
        ["set_up_for_illegal_activity", "used_mainly_for_illegal_activity", "other"],
        f"{sp}.purpose",
    )
    w.fact("site_activity", [s, site.activity.kind], f"{sp}.activity", site.activity.description)
    _character(w, s, site.activity, f"{sp}.activity")
    if site.impersonates:
        w.fact("site_impersonates", [s, site.impersonates], f"{sp}.impersonates", site.impersonates)
    count = site.count if site.count is not None else 1
    path = f"{sp}.count" if site.count is not None else sp
    if not w.figure("site_count", [s], count, path, "count", SUMMED_CEILING, summed=True):
        w.capped("site_count", [s], int(count), SUMMED_CEILING, path)
    for field_name, pred in (("registered_accounts", "site_accounts"), ("members", "site_members")):
        v = getattr(site, field_name)
        if w.figure(pred, [s], v, f"{sp}.{field_name}", "count", SUMMED_CEILING, summed=True):
            continue
        if v is not None:
            w.capped(pred, [s], v, SUMMED_CEILING, f"{sp}.{field_name}")


def _publishing(w: Writer, pp: str, e: Term, pub: Publishing) -> None:
    w.fact("publishing", [e, pub.content], f"{pp}.content", pub.content)
    w.fact("publish_activity", [e, pub.activity.kind], f"{pp}.activity", pub.activity.description)
    _character(w, e, pub.activity, f"{pp}.activity")
    for j, method in enumerate(pub.methods):
        w.fact("publish_method", [e, method], f"{pp}.methods[{j}]", method)
    for q in ("items_on_websites", "recipient_accounts", "group_members_total", "followers_total"):
        recorded(
            w,
            Function("publish_count", [Function(q)]),
            getattr(pub, q),
            f"{pp}.{q}",
            "count",
            COUNT_CEILING,
            lambda p, q=q: getattr(p.publishing, q) if p.publishing is not None else None,
        )


def _character(w: Writer, ent: Term, act: IllegalActivity, path: str) -> None:
    """The legal character of the activity a site or a publication serves (Art 7: 违法犯罪)."""
    w.choice(
        "activity_character",
        [ent],
        act.legal_character,
        ["crime", "illegal_act_of_criminal_type", "other_violation"],
        f"{path}.legal_character",
    )
