"""Text from a case file made safe for where it is shown: a terminal, or a spreadsheet's cell.

A case file is input: its ids, names, descriptions and paths may hold anything.  Printed raw on a
terminal, an escape sequence in a name could move the cursor and paint a ✘ line as ✔; read by a
spreadsheet, a cell beginning with ``=`` is a formula (``=HYPERLINK(...)``).  So:

* :func:`visible` shows every control character (C0 but line feed and tab, DEL, C1) and every
  character that reorders or hides text (bidirectional overrides and isolates, zero-width
  characters, line and paragraph separators) as an escape such as ``\\x1b`` or ``\\u202e``:
  printed, the text says what it holds instead of acting on the terminal;
* :func:`markup` is :func:`visible` text with rich's markup escaped, so that ``[red]`` in input
  prints literally;
* :func:`neutralise` prefixes a CSV cell that a spreadsheet would read as a formula (one beginning
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) with an apostrophe, as spreadsheets
  expect (OWASP's advice on CSV injection); the apostrophe is not shown in the cell.
"""

from __future__ import annotations

import re

from rich.markup import escape

#: What a terminal acts on or a reader cannot see: C0 controls but LF and tab, DEL and C1, the soft
#: hyphen, the bidirectional marks, overrides and isolates, zero-width characters, the line and
#: paragraph separators and the byte-order mark.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: The escapes a reader knows by name.
_NAMED = {"\r": "\\r", "\x00": "\\0"}


def _escaped(m: re.Match) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control or invisible character shown as an escape (``\\x1b``)."""
    return _HIDDEN.sub(_escaped, text)


def markup(text: str) -> str:
    """Text for rich's markup: control characters shown as escapes, markup printed literally."""
    return escape(visible(text))


def neutralise(cell: object) -> str:
    """A CSV cell a spreadsheet will not read as a formula: an apostrophe before a leading
    ``= + - @``, tab or carriage return."""
    text = cell if isinstance(cell, str) else str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text
