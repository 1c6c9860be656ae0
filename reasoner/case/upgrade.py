"""``reasoner upgrade``: rewrite a case file of an older format in the current one, comments kept.

Format 1 (files without ``format:``) declared each assisted party inside the act that helped it, so
one gang helped in three acts had to be entered as three parties.  Format 2 declares each assisted
party once, under ``assisted_parties``, and acts name them by id.  A format-1 file stays valid with
the same meaning; this command rewrites it in format 2 and lists every change.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from reasoner.case.errors import Msg, keyed
from reasoner.case.files import synced_temp
from reasoner.case.model import FORMAT

#: Findings format 1 needed and format 2 does not: help of another kind is help without a finding
#: (CL 287-2 ¶1's 等技术支持 / 等帮助 are open classes), so a finding that it holds says nothing more.
OBSOLETE_FINDINGS = frozenset({"cl.287-2.1.help"})


class UpgradeError(ValueError):
    """A file that cannot be upgraded as asked (its backup already there): the message keyed."""

    def __init__(self, msg: Msg):
        super().__init__(msg.text)
        self.msg = msg


def upgrade_text(text: str) -> tuple[str, list[Msg]]:
    """The file's text in the current format, and the changes made (empty: already current)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    doc = rt.load(text)
    if not isinstance(doc, dict):
        raise ValueError("expected a mapping with the case")
    version = doc.get("format", 1)
    if version == FORMAT:
        return text, []
    changes: list[Msg] = []
    declared = CommentedSeq()
    for i, act in enumerate(doc.get("acts") or []):
        assisted = act.get("assisted") if isinstance(act, dict) else None
        if not isinstance(assisted, list):
            continue
        for j, party in enumerate(assisted):
            if isinstance(party, dict):
                declared.append(party)
                assisted[j] = party["id"]
                changes.append(
                    keyed(
                        "upgrade_declared",
                        f"acts[{i}].assisted[{j}]: party {party['id']!r} declared under assisted_parties",
                        path=f"acts[{i}].assisted[{j}]",
                        party=repr(party["id"]),
                    )
                )
        if any(isinstance(x, str) for x in assisted):
            flow = CommentedSeq(assisted)
            flow.fa.set_flow_style()
            act["assisted"] = flow
    findings = doc.get("findings")
    if isinstance(findings, list):
        for k in reversed(range(len(findings))):
            f = findings[k]
            if isinstance(f, dict) and f.get("provision") in OBSOLETE_FINDINGS and f.get("holds") is True:
                del findings[k]
                text = (
                    f"findings[{k}]: removed the finding that {f.get('provision')} holds for {f.get('subject')!r}: "
                    "help of another kind is help without a finding in format 2"
                )
                changes.append(
                    keyed(
                        "upgrade_finding_removed",
                        text,
                        path=f"findings[{k}]",
                        provision=f.get("provision"),
                        subject=repr(f.get("subject")),
                    )
                )
    if isinstance(findings, list) and not findings:
        del doc["findings"]
    keys = list(doc.keys())
    new = CommentedMap()
    new["format"] = FORMAT
    for key in keys:
        if key == "format":
            continue
        new[key] = doc[key]
        if key == "parties" and declared:
            new["assisted_parties"] = declared
    if declared and "assisted_parties" not in new:
        new["assisted_parties"] = declared
    if doc.ca.comment:  # the comments above the first key
        new.ca.comment = doc.ca.comment
    for key in keys:
        if key in doc.ca.items:
            new.ca.items[key] = doc.ca.items[key]
    changes.insert(0, keyed("upgrade_format", f"format: {version} -> {FORMAT}", old=version, new=FORMAT))
    buf = io.StringIO()
    rt.dump(new, buf)
    return buf.getvalue(), changes


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, flushed, then renamed over it."""
    tmp = synced_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def old_version(changes: list[Msg]) -> object:
    """The format the file was in: the first change names it."""
    return dict(changes[0].params)["old"]


def backup_path(src: Path, version: object) -> Path:
    """Where an in-place upgrade keeps the file as it was: ``case.format-1.yaml`` beside ``case.yaml``."""
    return src.with_name(f"{src.stem}.format-{version}{src.suffix}")


def upgrade_file(src: Path, out: Path | None = None, raw: bytes | None = None) -> list[Msg]:
    """Upgrade a case file into ``out``, or in place keeping the original beside it; the changes made.

    An upgrade in place never loses the input: the file as it was is first written whole to
    :func:`backup_path`, and an existing backup is never overwritten.  ``raw`` is the file's bytes
    as read and checked by the caller (``reasoner upgrade`` reads them as ``check`` does: a regular
    file within the size limit, UTF-8, YAML within the limits of aliases, depth and tags); a file
    not shaped as a case of its format is a CaseFileError."""
    raw = src.read_bytes() if raw is None else raw
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = b"\r\n" in raw
    try:
        text, changes = upgrade_text(raw.decode("utf-8-sig"))
    except (KeyError, TypeError, AttributeError, ValueError) as e:  # not shaped as a case of its format
        from reasoner.case.errors import CaseFileError, InputError

        why = keyed("upgrade_shape", f"cannot upgrade the file: {e!r}", reason=repr(e))
        raise CaseFileError([InputError.of(str(src), "", None, why)]) from None
    if not changes and out is None:
        return changes
    if out is None and changes:
        backup = backup_path(src, old_version(changes))
        if backup.exists():
            text = f"{backup} already exists; move it away, or upgrade with --output"
            raise UpgradeError(keyed("upgrade_backup_exists", text, backup=str(backup)))
        write_atomically(backup, raw)
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    write_atomically(out or src, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return changes
