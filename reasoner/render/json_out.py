"""JSON output: the stable schema ``reasoner/check/2`` of a report (see docs/output.md), and the
JSON answers of why-not, what-it-takes, what-if and rules."""

from __future__ import annotations

import json

from reasoner.explain.interview import Change
from reasoner.explain.report import Conclusion, Report
from reasoner.explain.what_it_takes import Fact, Takes, shown
from reasoner.law.catalogue import Provision
from reasoner.solve.atoms.facts import Question


def dumps(data: object, **options: object) -> str:
    """JSON text as every command writes it: indented, non-ASCII kept, one newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2, **options) + "\n"  # type: ignore[arg-type]


def to_json(report: Report, extra: dict | None = None) -> str:
    """A report in the stable schema (with ``extra`` keys, such as the comparison of standards)."""
    return dumps({**report.to_json(), **(extra or {})})


def why_not_json(
    report: Report, provision: str, lang: str, chosen: list[Conclusion], no_act_of_kind: dict | None = None
) -> str:
    """The conclusions asked about, each with every route of why not; where the case has no act of
    the offence's kind, that (``no_act_of_kind``: the kind and the sentence) and no conclusions."""
    out = {
        "case": report.case_id,
        "provision": provision,
        "lang": lang,
        "conclusions": [c.to_json({}) for c in chosen],
    }
    if no_act_of_kind is not None:
        out["no_act_of_kind"] = no_act_of_kind
    return dumps(out)


def takes_json(
    report: Report, provision: str, lang: str, rows: list[tuple[Conclusion, Takes]], questions: list[Question]
) -> str:
    """For each conclusion asked about, the smallest sets of facts that would establish it."""

    def fact(f: Fact) -> dict:
        q = questions[f.question]
        return {"path": q.path, "op": f.op, "value": f.yaml_value(q), "text": f.text(q, lang)}

    out = {
        "case": report.case_id,
        "provision": provision,
        "lang": lang,
        "conclusions": [
            {
                "id": c.id,
                "subject": c.subject,
                "party": c.party,
                "certainty": c.certainty,
                "complete": t.complete,
                "sets": [[fact(f) for f in shown(s)] for s in t.sets],
            }
            for c, t in rows
        ],
    }
    return dumps(out)


def what_if_json(case_id: str, lang: str, changes: list[tuple[str, object]], changed: list[Change]) -> str:
    """The fields set, and the conclusions whose status changed."""
    out = {
        "case": case_id,
        "lang": lang,
        "set": [{"path": p, "value": v} for p, v in changes],
        "changes": [
            {"id": c.id, "subject": c.subject, "label": c.label, "before": c.before, "after": c.after} for c in changed
        ],
    }
    return dumps(out, default=str)


def rules_json(provisions: list[Provision], lang: str) -> str:
    """Every encoded provision: id, citation, label, source text, rule file, whether it takes a
    finding, and its pack: the document, its date in force (and whether that date is assumed) and
    how sure the provision's text is (confidence; verbatim: whether it is the verified wording)."""
    from reasoner.law.packs import by_id

    packs = by_id()
    rows = []
    for p in provisions:
        pack = packs[p.pack]
        rows.append(
            {
                "id": p.id,
                "citation": p.citation(lang),
                "label": p.label(lang),
                "text": p.text,
                "rule_file": f"{p.file}:{p.line}",
                "takes_finding": p.finding,
                "pack": pack.id,
                "document": pack.short(lang),
                "in_force": pack.in_force.isoformat(),
                "in_force_assumed": pack.in_force_assumed,
                "confidence": p.confidence,
                "verbatim": p.verbatim,
            }
        )
    return dumps(rows)
