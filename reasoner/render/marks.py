"""The mark of each kind of explanation line, the same in the terminal and in the memo."""

from __future__ import annotations

MARKS = {
    "provision": "§",
    "derived": "→",
    "fact": "•",
    "unknown": "?",
    "parameter": "≥",
    "comparison": "=",
    "aggregate": "Σ",
    "finding": "⚖",
    "absence": "∅",
    "law": "§",
    "route": "◇",
    "alike": "≡",
}
