"""The files of a batch: its inputs (partitions), its outputs, written so that nothing is half written.

INPUT is a folder of case files, one JSONL file, or a glob of JSONL files (``'cases/*.jsonl'``); each
folder or file is a *partition*.  The rows, in input order, go to standard output (JSONL), to one
``FILE.jsonl`` or ``FILE.csv``, or with ``-o DIR/`` to one JSONL file per partition, named after it
(``cases/a.jsonl`` -> ``DIR/a.jsonl``, a folder ``cases/`` -> ``DIR/cases.jsonl``).  A row's ``index``
is its place in the whole input; in a partition's own file, its place in the partition, so that the
file is the one ``reasoner batch PARTITION`` writes.

Nothing is written over until it is complete: each output file is written to a temporary file beside
it (``.NAME.PID.tmp``), flushed and renamed at the end (with ``-o DIR/``, at the end of each
partition).  A batch that stops early (Ctrl-C, SIGTERM, a cluster lost) leaves the complete output
or none, and an earlier results file stays as it was.  An output that is one of the inputs is
refused before anything is read.  With ``-o DIR/`` the record ``DIR/.reasoner-batch.json`` lists the
partitions finished and the parameters they were made with (rules, version, language, detail, and
the day the cases that give no date of judgment were judged on), from which ``--resume`` continues.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reasoner.batch.inputs import SUFFIXES, Item
from reasoner.batch.output import BOM, Tally, csv_fields, csv_header, csv_writer, jsonl_line
from reasoner.batch.rows import Row
from reasoner.case.errors import InputError

#: Suffixes of a JSONL partition.
JSONL = (".jsonl", ".ndjson")
#: The record of a run writing to ``-o DIR/``: its parameters and the partitions it has finished.
RECORD = ".reasoner-batch.json"


class BatchError(Exception):
    """A batch that cannot start (exit 2): the message says why; nothing was written."""


@dataclass
class Partition:
    """One folder or JSONL file of the input, its cases, and where its first case is in the input."""

    path: Path
    name: str  # its file in -o DIR/
    items: list[Item] = field(default_factory=list)
    offset: int = 0

    def files(self) -> list[Path]:
        """The files read for it (for the check that no output is an input)."""
        if self.path.is_dir():
            return [f for f in self.path.iterdir() if f.suffix.lower() in SUFFIXES and not f.is_dir()]
        return [self.path]


def partitions(spec: str) -> list[Partition]:
    """INPUT: a folder, a file, or a glob of JSONL files (sorted by name)."""
    p = Path(spec)
    if p.exists() or p.is_symlink():
        paths = [p]
    elif glob.has_magic(spec):
        paths = [Path(m) for m in sorted(glob.glob(spec, recursive=True))]
        if not paths:
            raise BatchError(f"{spec}: no file matches")
        for m in paths:
            if m.is_dir() or m.suffix.lower() not in JSONL:
                raise BatchError(f"{m}: matched by {spec}, but a glob must match JSONL files only (.jsonl)")
    else:
        raise BatchError(f"{spec}: no such file or folder")
    return [Partition(x, (x.name if x.is_dir() else x.stem) + ".jsonl") for x in paths]


@dataclass
class Output:
    kind: str  # "stdout", "jsonl", "csv" or "dir"
    path: Path | None = None
    excel: bool = False  # --excel: the CSV starts with a byte-order mark (EF BB BF)


def output(spec: str | None, excel: bool = False) -> Output:
    """-o: nothing (JSONL on standard output), FILE.jsonl, FILE.csv, or DIR/ (a file per partition).
    ``excel`` (--excel) is for a CSV file only: the rows of JSONL are read by programs, not by Excel."""
    if excel and not (spec or "").lower().endswith(".csv"):
        raise BatchError(f"--excel: writes a CSV file for Excel; give -o FILE.csv (not {spec or 'standard output'})")
    if not spec:
        return Output("stdout")
    p = Path(spec)
    if spec.endswith(("/", os.sep)) or p.is_dir():
        if not p.parent.is_dir():
            raise BatchError(f"{spec}: cannot write the output: the folder {p.parent} does not exist")
        return Output("dir", p)
    low = spec.lower()
    if not low.endswith((".csv", ".jsonl", ".json")):
        raise BatchError(f"{spec}: expected a .jsonl or .csv output file, or a folder (DIR/)")
    if not p.parent.is_dir():  # before any work: a folder that is not there would end the batch after reading
        raise BatchError(f"{spec}: cannot write the output: the folder {p.parent} does not exist")
    return Output("csv" if low.endswith(".csv") else "jsonl", p, excel)


def refuse_inputs_as_outputs(parts: list[Partition], targets: list[Path]) -> None:
    """An output that is one of the inputs (by any name: a link counts) is refused."""
    inputs: dict[tuple[int, int], Path] = {}
    for part in parts:
        for f in part.files():
            try:
                st = f.stat()
            except OSError:
                continue
            inputs.setdefault((st.st_dev, st.st_ino), f)
    for t in targets:
        try:
            st = t.stat()
        except OSError:
            continue
        f = inputs.get((st.st_dev, st.st_ino))
        if f is not None:
            raise BatchError(f"{t}: the output is also an input ({f}); nothing was written")


class AtomicFile:
    """A file written beside its target and renamed onto it when complete (never half of it)."""

    def __init__(self, target: Path):
        self.target = target
        self.tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # this process's own
        try:
            self.f = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by commit/abort
        except OSError as e:
            raise BatchError(f"{target}: cannot write the output: {e.strerror or e}") from None

    def commit(self) -> None:
        self.f.flush()
        os.fsync(self.f.fileno())
        self.f.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.f.close()
        self.tmp.unlink(missing_ok=True)


def write_record(folder: Path, record: dict) -> None:
    w = AtomicFile(folder / RECORD)
    try:
        json.dump(record, w.f, ensure_ascii=False, indent=1)
        w.commit()
    except BaseException:
        w.abort()
        raise


def _row_from_json(line: str) -> Row:
    """A row read back from a partition's file (for the summary of a resumed batch)."""
    d = json.loads(line)
    errors = [InputError(e["file"], e["field"], e["line"], e["message"]) for e in d.get("errors", [])]
    return Row(d["index"], d["source"], d["case"], d.get("offences", {}), errors, d)


def read_record(folder: Path) -> dict:
    """The record of the run that wrote to ``folder`` (empty if there is none, or it cannot be read)."""
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def finished(folder: Path, parts: list[Partition], params: dict) -> dict[str, list[Row]]:
    """--resume: the partitions a run with these parameters finished, with their rows read back."""
    record = read_record(folder)
    if not record:
        return {}
    differ = [k for k in params if record.get(k) != params[k]]
    if differ:
        was = ", ".join(f"{k} {record.get(k)}" for k in differ)
        now = ", ".join(f"{k} {params[k]}" for k in differ)
        raise BatchError(
            f"--resume: {folder} holds rows made with {was}; this run has {now}. "
            "Run without --resume to screen every partition again."
        )
    done = record.get("done", {})
    out: dict[str, list[Row]] = {}
    for part in parts:
        if done.get(part.name) != len(part.items):
            continue
        try:
            lines = (folder / part.name).read_text(encoding="utf-8").splitlines()
            rows = [_row_from_json(x) for x in lines]
        except (OSError, ValueError, KeyError):
            continue
        if len(rows) == len(part.items):
            out[part.name] = rows
    return out


def to_file(rows: Iterator[Row], out: Output, tally: Tally, names: list[str]) -> None:
    w = AtomicFile(out.path)
    try:
        if out.kind == "csv":
            if out.excel:
                w.f.write(BOM)
            writer = csv_writer(w.f)
            writer.writerow(csv_header(names))
            for row in rows:
                tally.add(row)
                writer.writerow(csv_fields(row, names))
        else:
            for row in rows:
                tally.add(row)
                w.f.write(jsonl_line(row))
        w.commit()
    except BaseException:
        w.abort()
        raise


def to_folder(
    rows: Iterator[Row], todo: list[Partition], folder: Path, tally: Tally, params: dict, done: dict[str, int]
) -> None:
    """Each partition's rows to its own file, renamed into place when the partition is complete."""
    rows = iter(rows)
    for p in todo:
        w = AtomicFile(folder / p.name)
        try:
            for _ in range(len(p.items)):
                row = next(rows, None)
                if row is None:
                    raise RuntimeError(f"the batch gave fewer rows than {p.path} has cases")
                row.index -= p.offset
                if row.payload is not None:
                    row.payload["index"] = row.index
                tally.add(row)
                w.f.write(jsonl_line(row))
            w.commit()
        except BaseException:
            w.abort()
            raise
        done[p.name] = len(p.items)
        write_record(folder, {**params, "done": done})
