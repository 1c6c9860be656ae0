"""The mark of each kind of explanation line, the same in the terminal and in the memo: one mark,
one meaning (the memo's legend lists them); ✔ ✘ ? are kept for conditions met, not met, open."""

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
    "law": "▣",
    "route": "◇",
    "alike": "≡",
}
