"""Running `reasoner batch`: the command's work, from its options to its exit status.

Reads the partitions and refuses what cannot be done before anything is written
(:mod:`reasoner.batch.files`), screens in-process (:func:`reasoner.batch.rows.screen`) or on a Dask
cluster (:func:`reasoner.batch.cluster.screen`, with ``--scheduler``), writes with a progress bar,
and ends with the summary per offence.  SIGTERM is handled as Ctrl-C: the batch stops, leaves no
partial file, says what is left, and exits 130 (Ctrl-C) or 143 (SIGTERM).  ``--resume`` (with
``-o DIR/``) keeps the partitions that a run with the same rules, version, language and detail has
finished, and judges the cases that give no date of judgment on the day that run did (the batch's
day, fixed when it starts, :func:`reasoner.batch.rows.batch_day`), unless REASONER_TODAY names
another.  The click command that calls it is :mod:`reasoner.commands.batch`.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

import click

from reasoner.batch import rows as _rows
from reasoner.batch.files import (
    BatchError,
    Output,
    Partition,
    finished,
    output,
    partitions,
    read_record,
    refuse_inputs_as_outputs,
    to_file,
    to_folder,
    write_record,
)
from reasoner.batch.inputs import collect
from reasoner.batch.output import Tally, jsonl_line, print_tally
from reasoner.case.errors import CaseFileError

#: The exit status of a batch that wrote every row but some rows are errors (a case that could not be
#: read or validated, or that the reasoner failed on): apart from 1 (writing failed, or the cluster
#: was lost: the output is not complete) and 2 (refused: nothing was written), so that a script can
#: tell a complete output with error rows from no output.
ROWS_WITH_ERRORS = 3


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: the batch stops as for Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@dataclass
class Run:
    """What `reasoner batch` was asked to do."""

    input: str
    output: str | None = None
    lang: str = "zh"
    detail: str = "summary"
    jobs: int | None = None
    chunk: int = 250
    scheduler: str | None = None
    resume: bool = False
    excel: bool = False  # --excel: a CSV that Excel opens as UTF-8 (a byte-order mark first)
    day: str | None = None  # the date of judgment of cases that give none (default: the batch's day)
    root: str | None = None  # --statements-root: statements are read from inside it


def run(a: Run) -> int:
    """The whole batch command; returns the exit status (messages go to standard error)."""
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    previous = _on_sigterm()
    try:
        return _run(a, err)
    except BatchError as e:
        click.echo(str(e), err=True)
        return 2
    except KeyboardInterrupt as e:
        signum = e.signum if isinstance(e, Interrupted) else signal.SIGINT
        click.echo(f"\ninterrupted ({signal.Signals(signum).name}): {_Written.message}", err=True)
        return 128 + signum
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        _Written.message = ""


class _Written:
    """What an interrupted batch has left: said when it stops."""

    message = ""


def _on_sigterm():
    """SIGTERM behaves like Ctrl-C: the batch stops where it is, cleans up and says so."""

    def handler(signum, frame):
        raise Interrupted(signum)

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def _run(a: Run, err) -> int:
    from rich.console import Console

    out, parts = _refuse_early(a)
    _Written.message = "nothing was written"
    try:
        _read(parts, a.root)
    except CaseFileError as e:
        for x in e.errors:
            click.echo(str(x), err=True)
        return 2
    names = _rows.offences()
    tally = Tally(names)
    a.day = _day(a, out)
    todo, params, done = parts, {}, {}
    if out.kind == "dir":
        todo, params, done = _resume(a, out, parts, tally)
    items = [it for p in todo for it in p.items]
    with _progress(err) as bar:
        where = f" on {a.scheduler}" if a.scheduler else ""
        task = bar.add_task(f"{a.input}{where}", total=len(items))
        advance: Callable[[int], None] = lambda n: bar.advance(task, n)  # noqa: E731
        if a.scheduler is not None:
            from reasoner.batch.cluster import ClusterError, screen

            rows = screen(items, a.lang, a.detail, a.scheduler, a.chunk, progress=advance, log=err, day=a.day)
        else:
            ClusterError = None  # noqa: N806
            rows = _rows.screen(items, a.lang, a.detail, a.jobs, a.chunk, progress=advance, day=a.day)
        try:
            _write(rows, out, todo, tally, names, params, done)
        except Exception as e:
            if ClusterError is not None and isinstance(e, ClusterError):
                click.echo(f"{e}\n{_Written.message}", err=True)
                return 1
            raise
        finally:
            if hasattr(rows, "close"):
                rows.close()  # the pool or the cluster is let go (also when stopped)
    print_tally(tally, Console(highlight=False) if out.path else err, a.lang)
    return ROWS_WITH_ERRORS if tally.invalid else 0


def _refuse_early(a: Run) -> tuple[Output, list[Partition]]:
    """What cannot be done is refused before anything is read or written (BatchError: exit 2)."""
    out = output(a.output, a.excel)
    parts = partitions(a.input)
    if a.resume and out.kind != "dir":
        raise BatchError("--resume needs -o DIR/ (one file per partition): it continues from the finished ones")
    if a.scheduler is not None:
        from reasoner.batch.cluster import parse_scheduler

        parse_scheduler(a.scheduler)
    if out.kind == "dir":
        seen: dict[str, Partition] = {}
        for p in parts:
            if p.name in seen:
                raise BatchError(f"{p.path} and {seen[p.name].path} would both be written to {out.path / p.name}")
            seen[p.name] = p
        refuse_inputs_as_outputs(parts, [out.path / p.name for p in parts])
    elif out.path is not None:
        refuse_inputs_as_outputs(parts, [out.path])
    return out, parts


def _day(a: Run, out: Output) -> str:
    """The batch's day: with --resume, that of the run it continues (its cases were judged on it),
    unless REASONER_TODAY names a day (then a record of another day is refused, as other parameters)."""
    if a.day is None and a.resume and out.kind == "dir" and not os.environ.get("REASONER_TODAY"):
        recorded = read_record(out.path).get("today")
        try:
            a.day = dt.date.fromisoformat(recorded).isoformat() if isinstance(recorded, str) else None
        except ValueError:
            a.day = None  # not a day: the record is refused with the other parameters
        if a.day is not None and a.day != _rows.batch_day():
            click.echo(f"resuming with the day of the run it continues: {a.day} (cases with no as_of)", err=True)
    return _rows.batch_day(a.day)


def _read(parts: list[Partition], root: str | None = None) -> None:
    """Each partition's cases, numbered through the whole input."""
    offset = 0
    for p in parts:
        p.items = collect(p.path, root)
        p.offset = offset
        for it in p.items:
            it.index += offset
        offset += len(p.items)


def _resume(a: Run, out: Output, parts: list[Partition], tally: Tally) -> tuple[list[Partition], dict, dict]:
    """-o DIR/: the partitions to screen (all, or with --resume those not finished, whose rows are
    counted from their files), the run's parameters and the record of the partitions done."""
    try:
        out.path.mkdir(exist_ok=True)
    except OSError as e:
        raise BatchError(f"{out.path}: cannot write the output: {e.strerror or e}") from None
    params = _params(a)
    kept = finished(out.path, parts, params) if a.resume else {}
    for p in parts:
        for row in kept.get(p.name, []):
            tally.add(row)
    if kept:
        n = sum(len(p.items) for p in parts if p.name in kept)
        click.echo(f"resuming: {len(kept)} of {len(parts)} partitions ({n:,} cases) already in {out.path}", err=True)
    done = {p.name: len(p.items) for p in parts if p.name in kept}
    write_record(out.path, {**params, "done": done})
    _Written.message = f"the partitions finished are in {out.path} (--resume continues from them); no partial file"
    return [p for p in parts if p.name not in kept], params, done


def _write(rows, out: Output, todo: list[Partition], tally: Tally, names: list[str], params: dict, done: dict) -> None:
    if out.kind == "dir":
        to_folder(rows, todo, out.path, tally, params, done)
    elif out.kind == "stdout":
        _Written.message = "the rows above are incomplete"
        for row in rows:
            tally.add(row)
            sys.stdout.write(jsonl_line(row))
    else:
        to_file(rows, out, tally, names)


def _params(a: Run) -> dict:
    """What decides the rows of a partition: a resumed batch must have the same."""
    from importlib.metadata import version

    from reasoner.explain.i18n import rules_digest

    return {
        "reasoner": version("reasoner"),
        "rules": rules_digest(),
        "lang": a.lang,
        "detail": a.detail,
        "today": a.day,  # the date of judgment of the cases that give none
    }


def _progress(err):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )
