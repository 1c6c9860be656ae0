"""Rows: a chunk of cases validated, reasoned together and reported, one row per case with each
offence's outcome; chunks run in worker processes, one per core, and come back in input order.

A case that makes the reasoner raise gets an error row (:func:`screen_chunk_safe`); the workers are
at most one per core and per chunk, leave Ctrl-C to the parent and end quietly when it is gone.
The same chunks run as tasks on a Dask cluster in :mod:`reasoner.batch.cluster`."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reasoner.batch.flags import FlagsExplainer as Flags
from reasoner.batch.inputs import Item, load_item
from reasoner.batch.together import base_globals, reason_together
from reasoner.case.errors import InputError
from reasoner.explain.conclusions import build
from reasoner.explain.report import Report
from reasoner.explain.why import Explainer
from reasoner.law.catalogue import OFFENCES, catalogue
from reasoner.law.program import program
from reasoner.solve.atoms.setting import judged_today, today

#: Per offence, the outcome of a case: the strongest status among its subjects.  not_assessed: the
#: offence was not weighed under these standards (Art 19): neither established nor excluded.
OUTCOMES = ("established", "possible", "not_assessed", "excluded", "not_examined")


@dataclass
class Row:
    """The outcome of one case, ready to write."""

    index: int
    source: str
    case_id: str | None
    outcomes: dict[str, str]  # offence id -> one of OUTCOMES
    errors: list[InputError]
    payload: dict | None = None  # the JSON of the row (JSONL output)
    standards: str = ""  # the standards applied (CSV output): see standards_of

    @property
    def ok(self) -> bool:
        return not self.errors


def offences() -> list[str]:
    """The offences screened: those `check` explains (OFFENCES), in the catalogue's order."""
    return [pid for pid in catalogue() if pid in OFFENCES]


def outcome(certainties: list[str]) -> str:
    """A case's outcome for one offence from the certainty of each of its subjects (established,
    possible or excluded over the completions of the unknowns, or not assessed): the strongest wins;
    a subject not assessed outweighs one excluded, so that a row never reads as an acquittal what
    was not weighed."""
    if not certainties:
        return "not_examined"
    for strongest in ("established", "possible", "not_assessed", "excluded"):
        if strongest in certainties:
            return strongest
    raise ValueError(f"not a certainty: {certainties}")


def _error_json(e: InputError) -> dict:
    return {"file": e.file, "line": e.line, "field": e.path, "message": e.message}


def compact(report: Report) -> list[dict]:
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
            "presumed_knowledge": c.presumed,
            "unverified_text": c.unverified,
            **({"standards": c.standards} if c.standards is not None else {}),
        }
        for c in report.conclusions
    ]


def standards_of(report: Report) -> str:
    """The standards a case's offences were weighed under, in one field: the date of judgment used,
    then for each subject of an offence the day whose documents governed it and those documents."""
    seen: dict[str, str] = {}
    for c in report.conclusions:
        if c.is_offence and c.standards is not None and c.subject not in seen:
            seen[c.subject] = f"{c.standards['date']} ({', '.join(c.standards['packs']) or '-'})"
    head = f"judgment {report.judgment}" if report.judgment else ""
    mode = (report.standards or {}).get("mode", "")
    return "; ".join(x for x in (head, mode, *(f"{s}: {v}" for s, v in seen.items())) if x)


def screen_chunk(items: list[Item], lang: str, detail: str) -> list[Row]:
    """Validate, reason and report one chunk of cases (runs in a worker process)."""
    loaded = [load_item(it) for it in items]
    good = [(it, c) for it, (c, _) in zip(items, loaded, strict=True) if c is not None]
    results = reason_together([c for _, c in good])
    by_index = {}
    for (it, case), result in zip(good, results, strict=True):
        full = detail == "full"
        by_index[it.index] = build(case, it.source, lang, result, why_not=full, explainer=Explainer if full else Flags)
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
        if report is not None:
            row.standards = standards_of(report)
            payload["date_of_judgment_used"] = report.judgment
            payload["standards"] = report.standards
        if errors:
            payload["errors"] = [_error_json(e) for e in errors]
        else:
            payload["offences"] = row.outcomes
            if detail == "full":
                payload["report"] = report.to_json()
            else:
                payload["conclusions"] = compact(report)
        row.payload = payload
        rows.append(row)
    return rows


def _chunks(items: list[Item], size: int) -> Iterator[list[Item]]:
    for k in range(0, len(items), size):
        yield items[k : k + size]


def warm() -> None:
    """Load the rules and the catalogue once per worker, before the first chunk; then keep the
    garbage collector out of the way (:func:`settle`)."""
    program()
    catalogue()
    base_globals()
    settle()


#: Allocations between two collections of the youngest generation (Python's default: 700), and how
#: many of those (and of the middle one's) make the next: a chunk allocates millions of objects
#: that reference counting frees, and a collection traverses the tables kept between chunks.
COLLECTOR = (50_000, 20, 10)


def settle() -> None:
    """What is loaded stays for the process's life: moved out of the collector's reach (gc.freeze),
    and young collections made rarer.  Measured on 750 generated cases (one core): the collector
    took 1.8-2.1 ms of each case's 7.8-8.8 ms in reason_together, 0.2 ms after."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR)


def _work(args: tuple[list[Item], str, str, str | None]) -> list[Row]:
    return screen_chunk_safe(*args)  # issue 14: a case that crashes the reasoner gets an error row


def batch_day(day: str | None = None) -> str:
    """The day a batch judges the cases that give no date of judgment (YYYY-MM-DD): ``day``, or
    the day it starts (:func:`reasoner.solve.atoms.setting.today`), fixed for all its chunks."""
    return day or today().isoformat()


# ------------------------------------------------------------- issues 14, 16: guarded chunks, bounded and quiet workers


def screen_chunk_safe(items: list[Item], lang: str, detail: str, day: str | None = None) -> list[Row]:
    """:func:`screen_chunk`, where a case that makes the reasoner raise gets an error row.

    A chunk that raises is screened again one case at a time (each case's rows are the same alone
    as together, a test checks it), so that only the case that raises alone gets the error row.
    ``day`` (YYYY-MM-DD, :func:`batch_day`): the date of judgment of the cases that give none."""
    with judged_today(dt.date.fromisoformat(day) if day else None):
        return _guarded(items, lang, detail)


def _guarded(items: list[Item], lang: str, detail: str) -> list[Row]:
    try:
        return screen_chunk(items, lang, detail)
    except Exception as e:  # noqa: BLE001 - any failure of the reasoner on a case is reported in its row
        if len(items) > 1:
            return [row for it in items for row in _guarded([it], lang, detail)]
        return [_crash_row(items[0], e)]


def _crash_row(item: Item, e: Exception) -> Row:
    """The error row of a case that the reasoner failed on: the exception, named by file and line."""
    try:
        case, _ = load_item(item)
    except Exception:  # noqa: BLE001
        case = None
    file = item.name.removesuffix(".json") if item.line is not None else item.source
    message = f"the reasoner failed on this case: {type(e).__name__}: {e}"
    errors = [InputError(file, "", item.line, message)]
    case_id = case.case.id if case is not None else None
    payload = {"index": item.index, "source": item.source, "case": case_id, "errors": [_error_json(x) for x in errors]}
    return Row(item.index, item.source, case_id, {}, errors, payload)


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _init_worker() -> None:
    """Start of a worker process: Ctrl-C is the parent's to handle (it stops the pool), SIGTERM (from
    the pool's terminate) ends the worker without a traceback; then the rules are loaded."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    warm()


def _pool_worker(*args, **kwargs) -> None:
    """multiprocessing's pool worker, ending without a word when the parent has gone (killed): its
    result has no one to go to, and a BrokenPipeError traceback per worker would only alarm."""
    from multiprocessing.pool import worker

    try:
        worker(*args, **kwargs)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass


def _pool_class():
    from multiprocessing.pool import Pool

    class QuietPool(Pool):
        @staticmethod
        def Process(ctx, *args, **kwds):  # noqa: N802 - multiprocessing's name
            kwds["target"] = _pool_worker
            return ctx.Process(*args, **kwds)

    return QuietPool


# ------------------------------------------------------------- end of issues 14, 16


def screen(
    items: list[Item],
    lang: str = "zh",
    detail: str = "summary",
    jobs: int | None = None,
    chunk: int = 250,
    progress: Callable[[int], None] | None = None,
    day: str | None = None,
) -> Iterator[Row]:
    """Rows for every item, in input order; chunks run on ``jobs`` processes (default: all cores).

    ``jobs`` is bounded by the cores and by the chunks: more processes would only wait.  Cases
    that give no date of judgment are judged on ``day`` (default: the day the batch starts)."""
    jobs = max(1, min(jobs or cores(), cores()))
    if items:
        chunk = max(1, min(chunk, -(-len(items) // jobs)))
    day = batch_day(day)
    tasks = [(c, lang, detail, day) for c in _chunks(items, chunk)]
    jobs = min(jobs, len(tasks)) or 1
    if jobs == 1 or len(tasks) <= 1:
        warm()
        for t in tasks:
            rows = _work(t)
            if progress:
                progress(len(rows))
            yield from rows
        return
    import multiprocessing as mp

    warm()  # compiled once here; forked workers inherit it
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with _pool_class()(jobs, initializer=_init_worker, context=ctx) as pool:
        for rows in pool.imap(_work, tasks):
            if progress:
                progress(len(rows))
            yield from rows
