"""Whether an output would name an input: a memo is never written over its case file (the writing
itself, whole or not at all, is reasoner.case.files.write_atomic)."""

from __future__ import annotations

import os
from pathlib import Path


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file (both must exist to be the same)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
