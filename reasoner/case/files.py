"""The files the tool reads and writes, and the limits on them.

Reading: only a regular file is opened (a pipe, a device or a folder is refused before a byte is
read: reading ``/dev/zero`` or a FIFO would never end), of at most a given size, checked on the
open file; text is UTF-8, with or without a byte-order mark, and text that is not UTF-8 is an
error naming its line (and saying so when it reads as GBK, as files saved by Chinese Windows do).

Writing: every file is written to a temporary file beside it, flushed to the disk and renamed over
the target, so that a full disk or a crash leaves the old file whole; a device (``/dev/stdout``,
``/dev/null``) is written directly.  A failure is a :class:`WriteProblem` naming the path and the
reason, and saying whether the path was bad (exit 2) or the writing failed (exit 1).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from reasoner.case.errors import Msg, keyed

#: A case file (or one line of a JSONL batch input) has at most this many bytes: a case at every
#: other limit (the acts, 20,000 sites) takes well under 4 MiB, and YAML is read at about 1 MiB/s.
MAX_CASE_BYTES = 4 * 2**20
#: A bank statement has at most this many bytes (about 4 million rows; a million take about 4 s).
MAX_STATEMENT_BYTES = 256 * 2**20

#: Where the path is the problem (exit 2), as against the writing (exit 1).
_BAD_PATH = {
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENAMETOOLONG,
    errno.ELOOP,
    errno.EEXIST,
}


class ReadProblem(Exception):
    """A file that is not read: the reason (without the path) and, for text, the line (then the
    reason says what is wrong with the text; without one, why the file was not read)."""

    def __init__(self, reason: Msg, line: int | None = None):
        self.detail = reason
        self.reason = reason.text
        self.line = line
        super().__init__(reason.text)


def os_reason(e: OSError) -> Msg:
    """An operating system's reason, as it gives it (not translated)."""
    text = e.strerror or str(e)
    return keyed("os", text, reason=text)


def cannot_read(reason: Msg, what: str = "file") -> Msg:
    """``cannot read the file: <reason>`` (or ``the statement``)."""
    return keyed(f"cannot_read_{what}", f"cannot read the {what}: {reason.text}", reason=reason)


def open_regular(path: str | Path, limit: int) -> BinaryIO:
    """The file opened for reading in binary, if it is a regular file of at most ``limit`` bytes.

    Opened without blocking (a FIFO opened for reading would wait for a writer) and checked on the
    open descriptor, so that what is checked is what is read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise ReadProblem(os_reason(e)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadProblem(keyed("not_a_file_folder", "not a regular file (a folder)"))
        if not stat.S_ISREG(info.st_mode):
            raise ReadProblem(keyed("not_a_file_device", "not a regular file (a pipe, a device or a socket)"))
        if info.st_size > limit:
            size, most = f"{info.st_size:,}", f"{limit:,}"
            raise ReadProblem(
                keyed("too_big", f"the file has {size} bytes; at most {most} are read", size=size, limit=most)
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (a file growing meanwhile included)."""
    with open_regular(path, limit) as f:
        try:
            raw = f.read(limit + 1)
        except OSError as e:
            raise ReadProblem(os_reason(e)) from None
    if len(raw) > limit:
        most = f"{limit:,}"
        raise ReadProblem(
            keyed("too_big_growing", f"the file has more than {most} bytes; at most {most} are read", limit=most)
        )
    return raw


def decode(raw: bytes) -> str:
    """UTF-8 text, a byte-order mark dropped; a ReadProblem naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadProblem(not_utf8(raw, e.start), raw.count(b"\n", 0, e.start) + 1) from None


def not_utf8(raw: bytes, start: int) -> Msg:
    """Why bytes are not UTF-8 text, and what to do: which byte of its line, and whether it is GBK."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    byte, value = start - line_start + 1, repr(raw[start : start + 1])
    text = f"not UTF-8 text: byte {byte} of the line is {value}"
    try:
        raw.decode("gb18030")
        gbk = "; the file reads as GBK (GB 18030): save it as UTF-8"
        return keyed("not_utf8_gbk", text + gbk, byte=byte, value=value)
    except UnicodeDecodeError:
        return keyed("not_utf8", text + "; save the file as UTF-8", byte=byte, value=value)


def read_text(path: str | Path, limit: int = MAX_CASE_BYTES) -> str:
    """The text of a regular UTF-8 file of at most ``limit`` bytes."""
    return decode(read_bytes(path, limit))


class WriteProblem(Exception):
    """A file not written: its path, the reason, and whether the path was bad (exit 2) or the
    writing failed (exit 1)."""

    def __init__(self, path: str, reason: Msg, bad_path: bool):
        self.path = path
        self.reason = reason.text
        self.bad_path = bad_path
        self.detail = keyed("write_failed", f"{path}: cannot write the file: {reason.text}", path=path, reason=reason)
        super().__init__(self.detail.text)

    @property
    def exit_code(self) -> int:
        return 2 if self.bad_path else 1


def _problem(path: str | Path, e: OSError) -> WriteProblem:
    return WriteProblem(str(path), os_reason(e), e.errno in _BAD_PATH)


def write_problem(path: str | Path, e: OSError) -> WriteProblem:
    """The WriteProblem of an OSError met writing ``path`` (for writers other than write_atomic)."""
    return _problem(path, e)


_FOLDER = keyed("write_is_folder", "it is a folder")


def check_target(path: str | Path) -> None:
    """A WriteProblem unless ``path`` can be a file to write: its folder exists, it is no folder.

    Checked before the work that the file is to hold (an interview, a memo)."""
    p = Path(path)
    if p.is_dir():
        raise WriteProblem(str(p), _FOLDER, True)
    folder = p.parent
    if not folder.is_dir():
        missing = keyed("write_no_folder", f"the folder {folder} does not exist", folder=str(folder))
        raise WriteProblem(str(p), missing, True)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, flushed to the
    disk and renamed over it (keeping the mode of the file it replaces, and a link pointing to it).
    A device or a pipe (``/dev/stdout``) is written directly.  Raises a WriteProblem."""
    target = Path(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as e:
        raise _problem(path, e) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteProblem(str(path), _FOLDER, True)
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_direct(path, data)
        return
    if target.is_symlink():  # replace the file the link points to, not the link
        target = Path(os.path.realpath(target))
    check_target(target)
    try:
        tmp = synced_temp(target, data)
    except OSError as e:
        raise _problem(path, e) from None
    try:
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except OSError as e:
        _remove(tmp)
        raise _problem(path, e) from None
    except BaseException:
        _remove(tmp)
        raise


def synced_temp(target: Path, data: bytes) -> str:
    """A temporary file beside ``target`` holding ``data``, flushed to the disk: the first half of
    writing a file whole (the caller renames or links it to its name).  Removed if writing fails."""
    return _synced_file(data, dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")


def _synced_file(data: bytes, **where: object) -> str:
    """A new file made by ``tempfile.mkstemp(**where)`` holding ``data``, flushed to the disk; its
    path.  Removed if writing fails."""
    fd, tmp = tempfile.mkstemp(**where)  # type: ignore[call-overload]
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry of the renamed file to the disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_direct(path: str | Path, data: bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(data)
            f.flush()
    except OSError as e:
        raise _problem(path, e) from None


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def save_aside(name: str, data: bytes) -> str | None:
    """Keep ``data`` in a new file in the temporary folder, named after ``name``: where work that
    could not be written to its target is kept.  The path, or None if that fails too."""
    stem, suffix = os.path.splitext(os.path.basename(name))
    try:
        return _synced_file(data, prefix=f"{stem}.answers-", suffix=suffix or ".txt")
    except OSError:
        return None
