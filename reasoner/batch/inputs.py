"""The cases of a batch: a folder's case files (sorted by name) or a JSONL file's lines, each read
and validated on its own; a case that cannot be read or validated keeps its errors for its row."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reasoner.case.errors import CaseFileError, InputError
from reasoner.case.files import MAX_CASE_BYTES, ReadProblem, cannot_read, not_utf8, read_text
from reasoner.case.model import Case
from reasoner.case.read import load_text, reasoner_output

#: Case file suffixes read from a folder.
SUFFIXES = (".yaml", ".yml", ".json")


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
    root: str | None = None  # statements must lie inside this folder (default: base_dir)


def collect(path: str | Path, root: str | None = None) -> list[Item]:
    """The cases of a folder (its case files, sorted by name) or of a JSONL file (one per line);
    their statements must lie inside ``root`` (default: the folder of each case file)."""
    p = Path(path)
    if p.is_dir():
        # every entry with a case file's suffix that is not a folder gets a row: one that cannot be
        # read (a dangling link, a pipe, no permission) an error row, never no row at all
        files = sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES and not f.is_dir())
        items = []
        for f in files:
            text: str | None = None
            errors: list[InputError] = []
            if f.is_symlink() and not f.exists():
                gone = f"cannot read the file: a link to {os.readlink(f)}, which leads to no file"
                errors = [InputError(str(f), "", None, gone)]
            elif not f.is_file():  # reading a pipe or a device could block or never end
                errors = [InputError(str(f), "", None, "cannot read the file: not a regular file")]
            else:
                try:
                    text = read_text(f, MAX_CASE_BYTES)
                except ReadProblem as e:
                    reason = e.detail if e.line is not None else cannot_read(e.detail)
                    errors = [InputError.of(str(f), "", e.line, reason)]
            if text is not None and f.suffix.lower() == ".json" and reasoner_output(text):
                continue  # reasoner's own answer (check --format json) left beside the cases: no case
            items.append(Item(len(items), str(f), str(f), text, str(f.parent), None, errors, root))
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
            text, errors = None, [InputError.of(str(p), "", n, not_utf8(line, e.start))]
        items.append(Item(len(items), source, f"{p}.json", text, str(p.parent), n, errors, root))
    return items


def load_item(item: Item) -> tuple[Case | None, list[InputError]]:
    """The validated case of an item, or its errors (a JSONL line's errors name the input and the line)."""
    if item.errors or item.text is None:
        return None, item.errors
    try:
        return load_text(item.text, item.name, base_dir=item.base_dir, root=item.root), []
    except CaseFileError as e:
        if item.line is None:
            return None, e.errors
        # an error in the JSONL line names the input file and its line, with the field path; an error
        # in a file the case points to (a statement) keeps that file's own line and column
        jsonl = item.name.removesuffix(".json")
        return None, [
            InputError(jsonl, err.path, item.line, err.message) if err.file == item.name else err for err in e.errors
        ]
