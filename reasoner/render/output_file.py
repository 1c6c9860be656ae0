"""Writing an output file whole or not at all: the bytes go to a temporary file beside the target,
which then replaces it in one step, so that a reader (or a crash) never sees half a memo."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file (both must exist to be the same)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_whole(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path``: all of it, or, on any error, nothing (the old file stays)."""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
