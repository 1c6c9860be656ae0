"""Data files read once and kept: a TOML file parsed is cached as ``marshal`` data beside the compiled
program, keyed by the file's bytes, so that a fresh process reads its tables without parsing TOML
(parsing the translation table, figures and labels cost about 40 ms a run).

``marshal`` writes and reads plain values only (reading a cache runs no code); the dates and times
TOML has are kept as tagged tuples, which TOML itself never produces."""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import sys
import tomllib
from pathlib import Path

#: Bumped when the way a table is kept changes, so that an old cache is not read as a new one.
_FORMAT = b"kept-toml-1"


def cache_dir() -> Path:
    """Where the reasoner keeps what it compiles between runs ($REASONER_CACHE, else the user's cache)."""
    base = os.environ.get("REASONER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "reasoner"
    )
    return Path(base)


def read_toml(path: Path) -> dict:
    """The TOML file parsed, from the cache when one was kept for exactly these bytes."""
    raw = path.read_bytes()
    key = hashlib.sha256(_FORMAT + f"{sys.version_info[:2]} {marshal.version}".encode() + raw).hexdigest()[:24]
    kept = cache_dir() / f"toml-{key}.marshal"
    try:
        return _thaw(marshal.loads(kept.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = tomllib.loads(raw.decode("utf-8"))
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(_freeze(data)))
        os.replace(tmp, kept)
    except OSError:
        pass  # a cache that cannot be written is skipped
    return data


_DATETIME, _DATE, _TIME = "datetime", "date", "time"


def _freeze(value: object) -> object:
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_freeze(v) for v in value]
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return (_DATETIME, value.isoformat())
    if isinstance(value, dt.date):
        return (_DATE, value.isoformat())
    if isinstance(value, dt.time):
        return (_TIME, value.isoformat())
    return value


def _thaw(value: object) -> object:
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    if isinstance(value, tuple):
        kind, text = value
        if kind == _DATETIME:
            return dt.datetime.fromisoformat(text)
        if kind == _DATE:
            return dt.date.fromisoformat(text)
        if kind == _TIME:
            return dt.time.fromisoformat(text)
        raise TypeError(f"not a kept TOML value: {kind!r}")
    return value
