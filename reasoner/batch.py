"""Screening many cases: a folder of case files or a JSONL file in, one row per case out, in order.

Cases are grounded together, a chunk at a time, in one clingo program: every entity of case ``i``
is the pair ``(__case(i), id)`` (the ``scope`` of :func:`facts.case_facts`), so the cases of a
chunk cannot see each other.  The answer is split by scope, the scope is stripped from every atom,
and each case's conclusions are built from its share exactly as for a case reasoned alone (a test
checks that the output is the same).  Chunks run in worker processes, one per core.

A case that cannot be read or validated gets a row with its errors; nothing is dropped.  A case
with open facts (unknown, bounds, uncertain days) is reasoned alone: its three statuses come from
solving under its own assumptions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clingo import Function, Number, Symbol, parse_term
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .case.errors import CaseFileError, InputError
from .case.model import Case
from .case.read import load_text
from .explain.i18n import msg
from .law.catalogue import catalogue

#: Name of the scope term that keeps the entities of the cases of a chunk apart.
SCOPE = "__case"
#: Case file suffixes read from a folder.
SUFFIXES = (".yaml", ".yml", ".json")
#: Per offence, the outcome of a case: the strongest status among its subjects.
OUTCOMES = ("established", "possible", "excluded", "not_examined")


@dataclass
class Item:
    """One input case: where it comes from and its text (or why it could not be read)."""

    index: int
    source: str  # the case file, or "cases.jsonl:12"
    name: str  # the name load_text sees: decides JSON or YAML and names the file in errors
    text: str | None
    base_dir: str  # statements and other evidence are found relative to this folder
    line: int | None = None  # the line of a JSONL input
    errors: list[InputError] = field(default_factory=list)


@dataclass
class Row:
    """The outcome of one case, ready to write."""

    index: int
    source: str
    case_id: str | None
    outcomes: dict[str, str]  # offence id -> one of OUTCOMES
    errors: list[InputError]
    payload: dict | None = None  # the JSON of the row (JSONL output)

    @property
    def ok(self) -> bool:
        return not self.errors


# ----------------------------------------------------------------------------- reading


def collect(path: str | Path) -> list[Item]:
    """The cases of a folder (its case files, sorted by name) or of a JSONL file (one per line)."""
    p = Path(path)
    if p.is_dir():
        # every entry with a case file's suffix that is not a folder gets a row: one that cannot be
        # read (a dangling link, a pipe, no permission) an error row, never no row at all
        files = sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES and not f.is_dir())
        items = []
        for i, f in enumerate(files):
            text: str | None = None
            errors: list[InputError] = []
            if f.is_symlink() and not f.exists():
                gone = f"cannot read the file: a link to {os.readlink(f)}, which leads to no file"
                errors = [InputError(str(f), "", None, gone)]
            elif not f.is_file():  # reading a pipe or a device could block or never end
                errors = [InputError(str(f), "", None, "cannot read the file: not a regular file")]
            else:
                try:
                    text = f.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as e:
                    errors = [InputError(str(f), "", None, f"cannot read the file: {e}")]
            items.append(Item(i, str(f), str(f), text, str(f.parent), None, errors))
        return items
    if p.suffix.lower() not in (".jsonl", ".ndjson"):
        raise CaseFileError([InputError(str(p), "", None, "expected a folder of case files or a .jsonl file")])
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise CaseFileError([InputError(str(p), "", None, f"cannot read the input: {e}")]) from None
    items = []
    for n, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue  # blank lines separate nothing and hold no case
        source = f"{p}:{n}"
        try:
            text = line.decode("utf-8")
            errors = []
        except UnicodeDecodeError as e:
            text, errors = None, [InputError(str(p), "", n, f"not UTF-8 text: {e}")]
        items.append(Item(len(items), source, f"{p}.json", text, str(p.parent), n, errors))
    return items


def _load(item: Item) -> tuple[Case | None, list[InputError]]:
    if item.errors or item.text is None:
        return None, item.errors
    try:
        return load_text(item.text, item.name, base_dir=item.base_dir), []
    except CaseFileError as e:
        if item.line is None:
            return None, e.errors
        # an error in the JSONL line names the input file and its line, with the field path; an error
        # in a file the case points to (a statement) keeps that file's own line and column
        jsonl = item.name.removesuffix(".json")
        return None, [
            InputError(jsonl, err.path, item.line, err.message) if err.file == item.name else err for err in e.errors
        ]


# ----------------------------------------------------------------------------- reasoning


def _scope(i: int) -> Symbol:
    return Function(SCOPE, [Number(i)])


#: An entity of a case in the printed form of an atom: (__case(7),"P1"); the id is a clingo string
#: literal, whose quotes and backslashes inside are escaped, so the pattern cannot match inside one.
_SCOPED = re.compile(r"\(" + SCOPE + r'\((\d+)\),("(?:[^"\\]|\\.)*")\)')


def split_atoms(atoms: list[Symbol]) -> tuple[dict[int, list[Symbol]], list[Symbol]]:
    """The atoms of a combined answer by case, with the scope stripped; and the atoms of no case.

    Works on the printed atoms (one call into clingo for each, and one to parse the stripped text
    back) rather than walking every argument through clingo's API, which costs several calls per
    argument.  An atom that mixes two cases is an error: the cases could have influenced each other."""
    by_case: dict[int, list[Symbol]] = {}
    shared: list[Symbol] = []
    for sym, text in zip(atoms, map(str, atoms), strict=True):
        if SCOPE not in text:
            shared.append(sym)
            continue
        scopes = set(m.group(1) for m in _SCOPED.finditer(text))
        if len(scopes) != 1:
            raise AssertionError(f"an atom mixes cases, or its scope is not an entity: {text}")
        by_case.setdefault(int(scopes.pop()), []).append(parse_term(_SCOPED.sub(r"\2", text)))
    return by_case, shared


def _base_globals() -> frozenset[Symbol]:
    """Atoms of the rules with no case at all: the law's own data (parameters, listed services)."""
    global _BASE
    if _BASE is None:
        from reasoner.solve.atoms.build import case_facts
        from reasoner.solve.atoms.facts import Facts
        from reasoner.solve.control import add_facts, new_control

        # the facts every case brings that name no entity (the solver's ceilings and the like)
        least = Case.model_validate({"case": {"id": "x"}, "parties": [{"id": "P", "kind": "person", "name": "P"}]})
        scoped = case_facts(least, _scope(0)).atoms
        ctl = new_control()
        add_facts(ctl, Facts(atoms={s: i for s, i in scoped.items() if SCOPE not in str(s)}))
        ctl.ground([("base", [])])
        atoms: list[Symbol] = []
        ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
        _BASE = frozenset(atoms)
    return _BASE


_BASE: frozenset[Symbol] | None = None


def reason_together(cases: list[Case]) -> list:
    """Results for many cases from one ground program; equal to reasoning each alone.

    Cases with facts not known are reasoned alone (engine.reason), as are all cases of a chunk whose
    answer had an atom without a case that the rules do not derive on their own (a safeguard: the
    cases could then have influenced each other)."""
    from reasoner.solve.atoms.build import case_facts
    from reasoner.solve.atoms.facts import Facts
    from reasoner.solve.control import add_facts, new_control
    from reasoner.solve.engine import reason
    from reasoner.solve.result import result_from_model

    results: list = [None] * len(cases)
    together: list[int] = []
    plain_facts: list[Facts | None] = []
    for i, c in enumerate(cases):
        f = case_facts(c)
        plain_facts.append(f)
        if f.questions or f.unknown or f.defaults:  # open facts: three statuses, one Control per case
            results[i] = reason(c)
        else:
            together.append(i)
    if not together:
        return results
    combined = Facts()
    for i in together:
        combined.atoms.update(case_facts(cases[i], _scope(i)).atoms)
    ctl = new_control()
    add_facts(ctl, combined)
    ctl.ground([("base", [])])
    atoms: list[Symbol] = []
    ctl.solve(on_model=lambda m: atoms.extend(m.symbols(atoms=True)))
    shares, shared = split_atoms(atoms)
    base = _base_globals()
    if any(s not in base for s in shared):
        for i in together:
            results[i] = reason(cases[i])
        return results
    for i in together:
        results[i] = result_from_model(plain_facts[i], shares.get(i, []) + shared)  # type: ignore[arg-type]
    return results


# ----------------------------------------------------------------------------- rows


def offences() -> list[str]:
    """The offences screened: those `check` explains (OFFENCES), in the catalogue's order."""
    from .law.catalogue import OFFENCES, catalogue

    return [pid for pid in catalogue() if pid in OFFENCES]


def outcome(certainties: list[str]) -> str:
    """A case's outcome for one offence from the certainty of each of its subjects (established,
    possible or excluded over the completions of the unknowns): the strongest wins."""
    if not certainties:
        return "not_examined"
    for strongest in ("established", "possible", "excluded"):
        if strongest in certainties:
            return strongest
    raise ValueError(f"not a certainty: {certainties}")


def _error_json(e: InputError) -> dict:
    return {"file": e.file, "line": e.line, "field": e.path, "message": e.message}


def _compact(report) -> list[dict]:
    """The conclusions without explanation trees: status, flags and what they rest on."""
    return [
        {
            "id": c.id,
            "subject": c.subject,
            "party": c.party,
            "status": c.status,
            "certainty": c.certainty,
            "discretionary": c.discretionary,
            "findings_relied_on": c.findings,
            "depends_on_unknown": c.depends_on_unknown,
        }
        for c in report.conclusions
    ]


def screen_chunk(items: list[Item], lang: str, detail: str) -> list[Row]:
    """Validate, reason and report one chunk of cases (runs in a worker process)."""
    from reasoner.explain.conclusions import build

    loaded = [_load(it) for it in items]
    good = [(it, c) for it, (c, _) in zip(items, loaded, strict=True) if c is not None]
    results = reason_together([c for _, c in good])
    by_index = {}
    for (it, case), result in zip(good, results, strict=True):
        by_index[it.index] = build(case, it.source, lang, result, why_not=detail == "full")
    names = offences()
    rows = []
    for it, (case, errors) in zip(items, loaded, strict=True):
        row = Row(it.index, it.source, case.case.id if case else None, {}, errors)
        report = by_index.get(it.index)
        if report is not None:
            statuses: dict[str, list[str]] = {n: [] for n in names}
            for c in report.conclusions:
                if c.id in statuses:
                    statuses[c.id].append(c.certainty)
            row.outcomes = {n: outcome(s) for n, s in statuses.items()}
        payload: dict = {"index": it.index, "source": it.source, "case": row.case_id}
        if errors:
            payload["errors"] = [_error_json(e) for e in errors]
        else:
            payload["offences"] = row.outcomes
            if detail == "full":
                payload["report"] = report.to_json()
            else:
                payload["conclusions"] = _compact(report)
        row.payload = payload
        rows.append(row)
    return rows


def _chunks(items: list[Item], size: int) -> Iterator[list[Item]]:
    for k in range(0, len(items), size):
        yield items[k : k + size]


def _warm() -> None:
    """Load the rules and the catalogue once per worker, before the first chunk."""
    from .law.catalogue import catalogue
    from .law.program import program

    program()
    catalogue()
    _base_globals()


def _work(args: tuple[list[Item], str, str]) -> list[Row]:
    return screen_chunk(*args)


def screen(
    items: list[Item],
    lang: str = "zh",
    detail: str = "summary",
    jobs: int | None = None,
    chunk: int = 250,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Row]:
    """Rows for every item, in input order; chunks run on ``jobs`` processes (default: all cores)."""
    jobs = jobs or os.cpu_count() or 1
    if items:
        chunk = max(1, min(chunk, -(-len(items) // jobs)))
    tasks = [(c, lang, detail) for c in _chunks(items, chunk)]
    if jobs == 1 or len(tasks) <= 1:
        _warm()
        for t in tasks:
            rows = _work(t)
            if progress:
                progress(len(rows))
            yield from rows
        return
    import multiprocessing as mp

    _warm()  # compiled once here; forked workers inherit it
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_warm) as pool:
        for rows in pool.imap(_work, tasks):
            if progress:
                progress(len(rows))
            yield from rows


# ----------------------------------------------------------------------------- writing


def jsonl_line(row: Row) -> str:
    return json.dumps(row.payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_header(names: list[str]) -> list[str]:
    return ["index", "source", "case", *names, "errors"]


def csv_fields(row: Row, names: list[str]) -> list[str]:
    errors = " | ".join(str(e) for e in row.errors)
    return [str(row.index), row.source, row.case_id or "", *(row.outcomes.get(n, "") for n in names), errors]


def csv_writer(out):
    """The CSV writer of the rows: records end in CRLF (RFC 4180), so that a field holding a bare CR
    or LF is quoted (with "\n" as the terminator the csv module left a bare CR unquoted, and reading
    the file back split the row there)."""
    return csv.writer(out, lineterminator="\r\n")


def csv_text(rows: list[Row], names: list[str]) -> str:
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    w.writerow(csv_header(names))
    for r in rows:
        w.writerow(csv_fields(r, names))
    return buf.getvalue()


@dataclass
class Tally:
    """The summary: per offence, how many cases had each outcome; and how many were invalid."""

    names: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    cases: int = 0
    invalid: int = 0

    def add(self, row: Row) -> None:
        self.cases += 1
        if not row.ok:
            self.invalid += 1
            return
        for n in self.names:
            o = row.outcomes.get(n, "not_examined")
            self.counts.setdefault(n, dict.fromkeys(OUTCOMES, 0))[o] += 1

    def count(self, name: str, outcome_: str) -> int:
        return self.counts.get(name, {}).get(outcome_, 0)


def print_tally(tally: Tally, console: Console, lang: str) -> None:
    """The summary of a batch: per offence, how many cases established, possible, excluded."""
    cat = catalogue()
    title = msg("batch_title", lang).format(cases=f"{tally.cases:,}", invalid=f"{tally.invalid:,}")
    t = Table(
        msg("id", lang),
        *(msg(f"outcome_{o}", lang) for o in OUTCOMES),
        msg("offence", lang),
        title=title,
        box=box.SIMPLE,
        title_justify="left",
    )
    t.columns[0].no_wrap = True
    for col in t.columns[1:-1]:
        col.justify = "right"
    for name in tally.names:
        t.add_row(escape(name), *(f"{tally.count(name, o):,}" for o in OUTCOMES), escape(cat[name].label(lang)))
    console.print(t)
