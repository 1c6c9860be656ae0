"""The review memo: one case as Markdown that a reviewer can read top to bottom without the tool.

Everything in it is read from the same Report (conclusions, why-trees, why-not routes, near
misses) that ``reasoner check`` prints, and from the atoms the case became; nothing here knows the
law.  A subtree that occurs more than once is printed in full once, under a visible label
(〔R1〕, with an HTML anchor), and referred to elsewhere; ``depth`` cuts trees off at that many
levels and says how many lines were left out.  The output depends only on the case file, the
rules and the versions named in its receipt (no clock is read), so the same case gives the same
bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import clingo

from reasoner.explain.conclusions import build
from reasoner.explain.i18n import describe, msg, paren, sep, table
from reasoner.explain.report import Conclusion, Report
from reasoner.explain.tree import Node
from reasoner.explain.why import Explainer
from reasoner.explain.whynot import Condition, route_closeness
from reasoner.solve.atoms.facts import COUNT_CEILING, FEN_CEILING
from reasoner.solve.engine import reason
from reasoner.solve.result import Result

from .case.model import Case
from .render import _MARK as MARKS
from .render import is_offence

_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Text escaped for Markdown (case-file text and rule text may hold * _ [ ] | < >)."""
    return _ESCAPE.sub(r"\\\1", text).replace("\n", " ")


def code(text: str) -> str:
    """Text as a code span, whatever backticks it holds."""
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _with_asp(text: str) -> str:
    """'200 < 500　[NA < TA] — …' with the rule's own expression as code."""
    m = re.match(r"^(.*?)　\[(.*)\](.*)$", text)
    if not m:
        return md(text)
    return f"{md(m.group(1))} {code(m.group(2))}{md(m.group(3))}"


def judgment_date(case: Case) -> str | None:
    """The date of judgment the conclusions are drawn at: the case's own ``case.as_of``, never today."""
    d = case.case.as_of
    return d.isoformat() if d is not None else None


def _package_version() -> str:
    try:
        return version("reasoner")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "unknown"


#: Words of a record the rules do not read, shown under its heading, and their labels.
_RECORD_TEXTS = {"description": "report_description", "measures": "report_measures", "duty": "report_duty"}


def _percent(share: float) -> str:
    return f"{int(share * 100)}%"


@dataclass
class _Pass:
    """What one rendering pass learned: which subtrees were printed in full, in what order, and
    which were met again (repeated, or cut off by the depth limit)."""

    defined: list[str] = field(default_factory=list)
    again: set[str] = field(default_factory=set)
    cut: set[str] = field(default_factory=set)


class _Trees:
    """Renders explanation trees and why-not routes as nested Markdown lists."""

    def __init__(self, report: Report, depth: int | None, labels: dict[str, str]):
        self.lang = report.lang
        self.depth = depth
        self.labels = labels
        self.seen = _Pass()
        self.printed: set[str] = set()
        self.by_key = {(c.id, c.subject): c for c in report.conclusions}

    # -- helpers -----------------------------------------------------------------------------
    def _ref(self, key: str) -> str:
        label = self.labels.get(key)
        if label is None:
            return md(msg("see_above", self.lang))
        return msg("report_see", self.lang).format(ref=f"[〔{label}〕](#{label.lower()})")

    def _anchor(self, key: str) -> str:
        label = self.labels.get(key)
        return f' <a id="{label.lower()}"></a>〔{label}〕' if label else ""

    def define(self, key: str) -> str:
        """Mark a subtree as printed here; its anchor, if it is referred to."""
        self.printed.add(key)
        self.seen.defined.append(key)
        return self._anchor(key)

    def _more(self, n: int) -> str:
        return md(msg("report_more", self.lang).format(n=n))

    # -- explanation trees ----------------------------------------------------------------------
    def node_line(self, n: Node) -> str:
        lang = self.lang
        if n.kind == "provision":
            text = f"**{md(n.text)}**" + (f" · {md(n.citation)}" if n.citation else "")
        elif n.kind in ("comparison", "aggregate"):
            text = _with_asp(n.text)
        else:
            text = md(n.text)
        if n.path:
            text += f" — {md(msg('case_path', lang))} {code(n.path)}"
        if n.rule and n.kind in ("provision", "derived", "route", "law"):
            text += f" · {code(n.rule)}"
        if n.any_of:
            text += f" — {md(msg('any_of', lang))}"
        if n.kind == "finding":
            text += f" **⚖ {md(msg('discretionary', lang))}**"
        return f"{MARKS.get(n.kind, '•')} {text}"

    def nodes(self, children: list[Node], level: int, out: list[str]) -> None:
        for c in children:
            self.node(c, level, out)

    def node(self, n: Node, level: int, out: list[str], prefix: str = "") -> None:
        indent = "  " * level
        line = prefix + self.node_line(n)
        shared = n.kind in ("provision", "derived") and bool(n.children)
        if shared and n.atom in self.printed:
            self.seen.again.add(n.atom)
            out.append(f"{indent}- {line} → {self._ref(n.atom)}")
            return
        if n.children and self.depth is not None and level + 1 > self.depth:
            if shared and n.atom in self.labels:
                out.append(f"{indent}- {line} → {self._ref(n.atom)}")
            else:
                out.append(f"{indent}- {line} — {self._more(_size(n))}")
            if shared:
                self.seen.cut.add(n.atom)
            return
        anchor = self.define(n.atom) if shared else ""
        out.append(f"{indent}- {line}{anchor}")
        self.nodes(n.children, level + 1, out)

    # -- why-not routes --------------------------------------------------------------------------
    def routes(self, routes: list[list[Condition]], level: int, out: list[str]) -> None:
        lang = self.lang
        for i, route in enumerate(routes):
            if len(routes) > 1:
                head = msg("route", lang) + f" {i + 1}"
                closeness = msg("report_closeness", lang).format(share=_percent(route_closeness(route)))
                out.append(f"{'  ' * level}- ◇ {md(head)}{md(paren(closeness, lang))}")
                self.conditions(route, level + 1, out)
            else:
                self.conditions(route, level, out)

    def conditions(self, conds: list[Condition], level: int, out: list[str]) -> None:
        for c in conds:
            self.condition(c, level, out)

    def condition(self, c: Condition, level: int, out: list[str]) -> None:
        indent = "  " * level
        mark = "✔" if c.holds else "✘"
        if c.kind != "element":
            text = _with_asp(c.text)
            out.append(f"{indent}- {mark} {text}")
            if c.routes:  # what defeats a route: the facts of the conclusion that holds
                self.routes(c.routes, level + 1, out)
            return
        if c.holds:
            # an element that holds: the explanation of why, as in `check`
            concl = self.by_key.get((c.provision, c.subject))
            if concl is not None and concl.explanation is not None:
                self.node(concl.explanation, level, out, prefix="✔ ")
                return
        line = f"{mark} **{md(c.text)}{md(paren(c.subject or '', self.lang))}** · {md(c.citation or '')}"
        key = f"not:{c.provision}:{c.subject}"
        if not c.routes:
            out.append(f"{indent}- {line}")
            return
        if key in self.printed:
            self.seen.again.add(key)
            out.append(f"{indent}- {line} → {self._ref(key)}")
            return
        if self.depth is not None and level + 1 > self.depth:
            if key in self.labels:
                out.append(f"{indent}- {line} → {self._ref(key)}")
            else:
                out.append(f"{indent}- {line} — {self._more(_route_size(c.routes))}")
            self.seen.cut.add(key)
            return
        out.append(f"{indent}- {line}{self.define(key)}")
        self.routes(c.routes, level + 1, out)


def _size(n: Node) -> int:
    """Lines below a node (each distinct node once)."""
    seen: set[int] = set()
    stack = list(n.children)
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        stack.extend(x.children)
    return len(seen)


def _route_size(routes: list[list[Condition]]) -> int:
    return sum(1 + _route_size(c.routes) for r in routes for c in r)


# ---------------------------------------------------------------------------------------------- the memo


class _Memo:
    def __init__(self, case: Case, report: Report, result: Result, source: bytes, depth: int | None, near_miss: float):
        self.case = case
        self.report = report
        self.result = result
        self.source = source
        self.depth = depth
        self.near_miss = near_miss
        self.lang = report.lang
        self.ex = Explainer(result, report.lang)

    def m(self, key: str, **kw: object) -> str:
        text = msg(key, self.lang)
        return text.format(**kw) if kw else text

    def render(self, labels: dict[str, str]) -> tuple[str, _Pass]:
        trees = _Trees(self.report, self.depth, labels)
        out: list[str] = []
        self.head(out)
        self.summary(out)
        self.facts(out)
        self.offences(out, trees)
        self.findings(out)
        self.near_misses(out)
        self.legend(out)
        self.receipt(out)
        lines = [line.rstrip() for line in out]
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n", trees.seen

    # -- sections ---------------------------------------------------------------------------------
    def head(self, out: list[str]) -> None:
        info = self.case.case
        title = f"{self.m('report_title')}{self.m('colon')}{info.title or info.id}"
        out += [f"# {md(title)}", ""]
        out += [f"{md(self.m('case'))} {code(info.id)} · {code(self.report.file)}", ""]
        out += [f"> {md(self.m('report_intro'))}", ""]

    def summary(self, out: list[str]) -> None:
        lang = self.lang
        offences = [c for c in self.report.conclusions if is_offence(c)]
        out += [f"## {md(self.m('summary'))}", ""]
        if not offences:
            out += [md(self.m("report_no_offence")), ""]
            return
        out += [
            f"| {md(self.m('status'))} | {md(self.m('offence'))} | {md(self.m('subject'))} | {md(self.m('flags'))} |",
            "|---|---|---|---|",
        ]
        for c in offences:
            out.append(
                f"| {_verdict(c, lang)} | {md(c.label)} · {md(c.citation)} | {code(c.subject)} | {_flags(c, lang)} |"
            )
        out.append("")

    def facts(self, out: list[str]) -> None:
        """The atoms the case became, by record, each with its case-file field."""
        facts = self.result.facts
        out += [f"## {md(self.m('report_facts'))}", "", md(self.m("report_facts_intro")), ""]
        groups: dict[str, list[tuple[str, str]]] = {}
        for sym, info in facts.atoms.items():
            if sym in facts.findings or info.path.startswith("("):
                continue
            top = re.match(r"^\w+\[\d+\]", info.path)
            key = top.group(0) if top else info.path
            groups.setdefault(key, []).append((self.ex.atom(sym).text, info.path))
        for key, rows in groups.items():
            out += [f"### {md(self._record(key))}", ""]
            for extra in self._texts(key):
                out += [f"{extra}", ""]
            out += [f"| {md(self.m('fact'))} | {md(self.m('case_path'))} |", "|---|---|"]
            out += [f"| {md(text)} | {code(path)} |" for text, path in rows]
            out.append("")
        # a figure known within bounds is listed above, with them; the rest open is not known at all
        bounded = {info.path for info in facts.atoms.values() if info.bound is not None}
        unknown = self._unknown({s: info for s, info in facts.unknown.items() if info.path not in bounded})
        unknown += [(self._unknown_date(p, e), path) for p, e, path in facts.unknown_dates]
        if unknown:
            out += [f"### {md(self.m('report_unknown'))}", ""]
            out += [f"| {md(self.m('fact'))} | {md(self.m('case_path'))} |", "|---|---|"]
            out += [f"| {md(text)} | {code(path)} |" for text, path in unknown]
            out.append("")

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
        m = re.match(r"^(\w+)\[(\d+)\]$", key)
        if not m:
            return key
        kind, i = m.group(1), int(m.group(2))
        rec = getattr(self.case, kind)[i]
        atom = {"parties": "party", "orders": "order", "acts": "act", "admin_penalties": "admin_penalty"}[kind]
        text = describe(clingo.Function(atom, [clingo.String(rec.id)]), self.lang)
        name = getattr(rec, "name", None)
        if name:
            text += f"「{name}」"
        return text + paren(key, self.lang)

    def _texts(self, key: str) -> list[str]:
        """The words of the record the rules do not read (descriptions), shown for the reader."""
        m = re.match(r"^(\w+)\[(\d+)\]$", key)
        if not m:
            return []
        rec = getattr(self.case, m.group(1))[int(m.group(2))]
        out = []
        for attr, key in _RECORD_TEXTS.items():
            v = getattr(rec, attr, None)
            if v:
                out.append(f"*{md(self.m(key))}*{md(self.m('colon'))}{md(str(v))}")
        issuer = getattr(rec, "issuer", None)
        if issuer is not None:
            out.append(f"*{md(self.m('report_issuer'))}*{md(self.m('colon'))}{md(issuer.name)}")
        return out

    def offences(self, out: list[str], trees: _Trees) -> None:
        out += [f"## {md(self.m('report_offences'))}", "", md(self.m("report_offences_intro")), ""]
        offences = [c for c in self.report.conclusions if is_offence(c)]
        if not offences:
            out += [md(self.m("report_no_offence")), ""]
        for n, c in enumerate(offences, 1):
            self.conclusion(c, f"{n}", 3, out, trees)
            # the unit paragraph and the heavier-provision rule, for the same subject
            for k, sub in enumerate(
                (s for s in self.report.conclusions if s.subject == c.subject and _paragraph_of(s.id, c.id)), 1
            ):
                self.conclusion(sub, f"{n}.{k}", 4, out, trees)

    def conclusion(self, c: Conclusion, number: str, level: int, out: list[str], trees: _Trees) -> None:
        lang = self.lang
        key = c.explanation.atom if c.explanation is not None else f"not:{c.id}:{c.subject}"
        anchor = "" if key in trees.printed else trees.define(key)
        title = f"{number} {c.label}{paren(c.subject, lang)}"
        out += [f"{'#' * level} {md(title)} — {_verdict(c, lang)}{anchor}", ""]
        out += [f"{md(c.citation)} · {code(c.id)} · {code(c.rule_file)}", ""]
        out += [f"> {md(c.text)}", ""]
        if c.discretionary:
            out += [
                f"**⚖ {md(self.m('discretionary_note'))}**{md(self.m('colon'))}"
                + sep(lang).join(code(f) for f in c.findings),
                "",
            ]
        if c.depends_on_unknown:
            out += [
                f"**? {md(self.m('depends_on_unknown'))}**{md(self.m('colon'))}"
                + sep(lang).join(code(f) for f in c.depends_on_unknown),
                "",
            ]
        for note in c.notes:
            out += [f"- ℹ {md(note)}"]
        if c.notes:
            out.append("")
        if c.explanation is not None:
            elements = [ch for ch in c.explanation.children if ch.kind == "provision"]
            if elements and not c.explanation.any_of:
                out += [
                    f"**{md(self.m('elements'))}**{md(self.m('colon'))}"
                    + sep(lang).join(f"✔ {md(e.text)}" for e in elements),
                    "",
                ]
            out += [f"**{md(self.m('explanations'))}**", ""]
            trees.nodes(c.explanation.children, 0, out)
        else:
            failing = _failing(c.routes, lang)
            if failing:
                out += [
                    f"**{md(self.m('report_missing'))}**{md(self.m('colon'))}"
                    + sep(lang).join(f"✘ {md(t)}" for t in failing),
                    "",
                ]
            out += [f"**{md(self.m('report_why_not'))}**", ""]
            if c.routes:
                trees.routes(c.routes, 0, out)
            else:
                out.append(f"- {md(self.m('report_no_route'))}")
        out.append("")

    def findings(self, out: list[str]) -> None:
        lang = self.lang
        facts = self.result.facts
        out += [f"## {md(self.m('report_findings'))}", ""]
        if not facts.findings:
            out += [md(self.m("report_no_findings")), ""]
            return
        out += [md(self.m("report_findings_intro")), ""]
        for n, (sym, f) in enumerate(facts.findings.items(), 1):
            path = facts.atoms[sym].path
            prov = self.ex.cat[f.provision]
            verdict = self.m("finding_holds" if f.holds else "finding_fails")
            out += [f"### {n} {md(prov.label(lang))}{md(paren(f.subject, lang))} — {md(verdict)}", ""]
            c = md(self.m("colon"))
            out += [
                f"- {md(self.m('report_provision'))}{c}{md(prov.citation(lang))} · {code(f.provision)}",
                f"- {md(self.m('subject'))}{md(self.m('colon'))}{code(f.subject)}",
                f"- {md(self.m('reason'))}{md(self.m('colon'))}{md(f.reason)}",
                f"- {md(self.m('by'))}{md(self.m('colon'))}{md(f.by) if f.by else md(self.m('report_by_none'))}",
                f"- {md(self.m('case_path'))}{md(self.m('colon'))}{code(path)}",
            ]
            resting = [c for c in self.report.conclusions if path in c.findings]
            against = [
                c
                for c in self.report.conclusions
                if not f.holds and c.id == f.provision and c.subject == f.subject and c.status != "holds"
            ]
            if resting:
                out.append(f"- {md(self.m('report_rests'))}{md(self.m('colon'))}")
                out += [f"  - {_mention(c, lang)}" for c in resting]
            if against:
                out.append(f"- {md(self.m('report_defeats'))}{md(self.m('colon'))}")
                out += [f"  - {_mention(c, lang)}" for c in against]
            if not resting and not against:
                out.append(f"- {md(self.m('report_unused'))}")
            out.append("")

    def near_misses(self, out: list[str]) -> None:
        lang = self.lang
        share = int(self.near_miss * 100)
        out += [f"## {md(self.m('report_near_misses'))}", "", md(self.m("report_near_intro", share=share)), ""]
        misses = self.report.near_misses(self.near_miss)
        if not misses:
            out += [md(self.m("report_no_near_misses")), ""]
            return
        for nm in misses:
            cite = self.ex.cat[nm.provision].citation(lang)
            out.append(f"- ≈ **{md(nm.label)}{md(paren(nm.subject, lang))}** · {md(cite)} · {code(nm.provision)}")
            out.append(f"  - {_with_asp(nm.text)}")
        out.append("")

    def legend(self, out: list[str]) -> None:
        out += [f"## {md(self.m('report_legend'))}", ""]
        out += [f"| {md(self.m('report_mark'))} | {md(self.m('report_meaning'))} |", "|---|---|"]
        for kind, mark in MARKS.items():
            out.append(f"| {mark} | {md(kind_label(kind, self.lang))} |")
        out.append(f"| ✔ / ✘ | {md(self.m('element_met'))} / {md(self.m('element_missing'))} |")
        out.append(f"| ≈ | {md(self.m('report_near'))} |")
        out.append(f"| 〔R1〕 | {md(self.m('report_label_meaning'))} |")
        out.append("")

    def _statement_hashes(self) -> list[tuple[str, str]]:
        """The hash of each statement the case's figures were summed from, once per file: the
        receipt pins every input, not only the case file."""
        base = Path(self.report.file).parent
        seen: dict[str, str] = {}
        for act in self.case.acts:
            st = getattr(act, "statement", None)
            if st is not None and st.file not in seen:
                digest = hashlib.sha256()
                with (base / st.file).open("rb") as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        digest.update(block)
                seen[st.file] = digest.hexdigest()
        return [(self.m("report_statement_hash").format(file=name), code(h)) for name, h in seen.items()]

    def receipt(self, out: list[str]) -> None:
        as_of = judgment_date(self.case)
        rows = [
            (self.m("report_package"), code(f"reasoner {_package_version()}")),
            (self.m("report_rules_hash"), code(self.report.rules_digest)),
            (self.m("report_clingo"), code(clingo.__version__)),
            (self.m("report_case_file"), code(self.report.file)),
            (self.m("report_case_hash"), code(hashlib.sha256(self.source).hexdigest())),
            *self._statement_hashes(),
            (self.m("report_as_of"), code(as_of) if as_of else md(self.m("report_as_of_none"))),
            (self.m("report_depth"), code(str(self.depth)) if self.depth is not None else md(self.m("report_full"))),
            (self.m("report_near_share"), code(f"{int(self.near_miss * 100)}%")),
        ]
        out += [f"## {md(self.m('report_receipt'))}", ""]
        out += [f"| {md(self.m('report_item'))} | {md(self.m('report_value'))} |", "|---|---|"]
        out += [f"| {md(k)} | {v} |" for k, v in rows]
        out.append("")


def kind_label(kind: str, lang: str) -> str:
    """The name of a kind of explanation line or why-not condition, from [kind] of the table."""
    return table()["kind"][kind][lang]


def _paragraph_of(pid: str, offence: str) -> bool:
    """Whether ``pid`` is a further paragraph of the offence (unit offence, heavier provision)."""
    rest = pid.removeprefix(offence + ".")
    return rest != pid and rest.isdigit() and rest != "1"


def _verdict(c: Conclusion, lang: str) -> str:
    return ("✔ " if c.status == "holds" else "✘ ") + md(msg(c.status, lang))


def _flags(c: Conclusion, lang: str) -> str:
    out = []
    if c.discretionary:
        out.append("⚖ " + md(msg("discretionary", lang)))
    if c.depends_on_unknown:
        out.append("? " + md(msg("depends_on_unknown", lang)))
    return md(sep(lang)).join(out) if out else ""


def _mention(c: Conclusion, lang: str) -> str:
    star = "**" if is_offence(c) else ""
    return f"{_verdict(c, lang)} {star}{md(c.label)}{md(paren(c.subject, lang))}{star} · {code(c.id)}"


def _failing(routes: list[list[Condition]], lang: str) -> list[str]:
    """What fails on the closest route (the reader's first question)."""
    if not routes:
        return []
    return [c.text + (paren(c.subject or "", lang) if c.kind == "element" else "") for c in routes[0] if not c.holds]


def markdown(
    case: Case,
    file: str,
    lang: str = "zh",
    depth: int | None = None,
    near_miss: float = 0.8,
    result: Result | None = None,
    source: bytes | None = None,
    as_of: str | None = None,
) -> str:
    """The memo for a case read from ``file`` (whose bytes are hashed into the receipt); ``as_of``
    (``--as-of``) overrides the case file's date of judgment."""
    if as_of is not None:
        from .case.edits import judged_on

        case = judged_on(case, as_of)
    result = result or reason(case, "--as-of" if as_of is not None else "case.as_of")
    report = build(case, file, lang, result)
    data = source if source is not None else Path(file).read_bytes()
    memo = _Memo(case, report, result, data, depth, near_miss)
    # first pass: which subtrees are printed in full and which are met again; then label those
    _, seen = memo.render({})
    wanted = seen.again | (seen.cut & set(seen.defined))
    labels: dict[str, str] = {}
    for key in seen.defined:
        if key in wanted and key not in labels:
            labels[key] = f"R{len(labels) + 1}"
    text, _ = memo.render(labels)
    return text
