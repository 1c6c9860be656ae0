"""Lines broken the way Chinese typesetting breaks them, for the terminal printouts.

rich breaks lines only at spaces and folds a run of Chinese (which has none) wherever the width
ends: a line may then begin with ，or 、, end with （, or split 「36 个月」 between the figure and its
measure word.  Here a line may break at a space (as rich does) and between two characters of which
one is wide (Chinese), except:

* before a mark that closes or pauses (，。、；：？！）」』》… and their kind): no line starts with one
  (避头); after a mark that opens (（「『《 …): no line ends with one (避尾);
* between a figure and the measure word after it (「36 个月」, 「1,500 元」, 「2015年」), before
  a word of range (「以上」, 「以下」, 「以内」), and inside 「个月」, 「——」, 「……」;
* inside a Chinese numeral with its measure word (「二十万元」), a document's number
  (法释〔2019〕15号), an article's (第二百八十七条之二), a date, a short note in brackets or a short title;
* around the separator 「 · 」: no line ends or starts with it.

:class:`Typeset` is a rich ``Text`` that wraps by these rules; :func:`console` makes a console
whose every string (tree lines, table cells, plain prints) becomes one.  Widths are display
widths (a Chinese character takes two columns), as rich's ``cell_len`` measures them.
"""

from __future__ import annotations

import re
from typing import IO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
from rich.measure import Measurement
from rich.text import Lines, Text

#: Marks that no line may start with (避头): pauses, stops, closing brackets and quotes.
NO_START = frozenset("，。、；：？！）」』》〉】〕〗｝］’”…‥％‰·・,.;:?!)]}%")
#: Marks that no line may end with (避尾): opening brackets and quotes.
NO_END = frozenset("（「『《〈【〔〖｛［‘“([{·")
#: Pairs of characters never parted: words of measure and range, and the two-em dash and ellipsis.
GLUED = frozenset({"个月", "万元", "以上", "以下", "以内", "以外", "——", "……"})
#: Words of range that stay with the figure they bound (「36 个月以下」, 「二十万元以上」).
RANGE = frozenset({"以上", "以下", "以内", "以外"})
#: Names and numbers never broken: a document's number (法释〔2019〕15号), an article, paragraph or
#: item (第二百八十七条之二, 第十二条, 第（七）项), a date (2015年11月1日), a short note in brackets
#: (（同上，见前文）) or a short title (《意见（二）》).
PROTECTED = re.compile(
    r"[\u4e00-\u9fff]{1,2}〔\d+〕\d+号|第[一二三四五六七八九十百千零]+[条款项章节]之?[一二三四五六七八九十]?"
    r"|第（[一二三四五六七八九十]+）项|\d{4}年\d{1,2}月\d{1,2}日|（[^（）\s]{1,6}）|《[^《》\s]{1,10}》"
)
#: Chinese numerals, and the measure words that stay with them (「二十万元」, 「三年」).
CN_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
UNITS = frozenset("元个条张人次件年月日天部台项款名倍")
#: A figure as written before its measure word: 36, 1,500, 260,000.00.
_FIGURE = re.compile(r"[0-9][0-9,.]*")


def _wide(c: str) -> bool:
    return cell_len(c) == 2


def _after_space(text: str, i: int) -> bool:
    """Whether a line may start at ``text[i]``, which follows a space."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0:  # leading spaces belong to the first word
        return False
    before, cur = text[j], text[i]
    if before in NO_END or cur == "·":
        return False
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return not (_wide(cur) and cur.isalpha() and _FIGURE.fullmatch(text, k, j + 1))


def may_break(text: str, i: int) -> bool:
    """Whether a line may start at ``text[i]`` (0 < i < len(text))."""
    prev, cur = text[i - 1], text[i]
    if cur.isspace() or cur in NO_START:
        return False
    if prev.isspace():
        return _after_space(text, i)
    if not (_wide(prev) or _wide(cur)) or prev in NO_END or prev + cur in GLUED or text[i : i + 2] in RANGE:
        return False
    if prev in CN_NUMERALS and (cur in CN_NUMERALS or cur in UNITS):
        return False
    return not (prev.isascii() and prev.isdigit() and _wide(cur) and cur.isalpha())


def words(text: str) -> list[tuple[int, int]]:
    """The pieces no line breaks inside, as (start, end): each with the spaces after it."""
    inside = {i for m in PROTECTED.finditer(text) for i in range(m.start() + 1, m.end())}
    starts = [0, *(i for i in range(1, len(text)) if i not in inside and may_break(text, i))]
    return list(zip(starts, [*starts[1:], len(text)], strict=True)) if text else []


def _fold(word: str, width: int) -> list[str]:
    """A piece wider than a line cut into lines, none starting with a closing mark (the character
    before it goes down with it)."""
    lines: list[str] = []
    line, used = "", 0
    for c in word:
        size = cell_len(c)
        if line and used + size > width:
            if c in NO_START and len(line) > 1 and cell_len(line[-1]) + size <= width:
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line)
                line = ""
            used = cell_len(line)
        line += c
        used += size
    return [*lines, line]


def divide(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break ``text`` so that each line fits ``width`` columns (rich's ``divide_line``
    with these break opportunities); a piece wider than a line is folded when ``fold``."""
    breaks: list[int] = []
    offset = 0
    for start, end in words(text):
        word = text[start:end]
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            if fold:
                pieces = _fold(word, width)
                for n, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if n == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


class Typeset(Text):
    """Text that wraps by the rules of this module (and measures its narrowest line by them)."""

    @classmethod
    def of(cls, text: Text) -> Typeset:
        """The same text, styles and settings, wrapped by these rules."""
        return cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
            spans=list(text.spans),
        )

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """rich's ``Text.wrap`` with the break opportunities of Chinese typesetting."""
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        no_wrap = bool(no_wrap if no_wrap is not None else self.no_wrap) or overflow == "ignore"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            if no_wrap:
                if overflow == "ignore":
                    lines.append(line)
                    continue
                new_lines = Lines([line])
            else:
                new_lines = line.divide(divide(line.plain, width, fold=wrap_overflow == "fold"))
                for part in new_lines:
                    part.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for part in new_lines:
                part.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.plain.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        pieces = [cell_len(line[s:e].rstrip()) for line in lines for s, e in words(line)]
        return Measurement(max(pieces, default=widest), widest)


class TypesetConsole(Console):
    """A console whose strings (printed, or in a tree or a table) are :class:`Typeset` text."""

    def render_str(self, text: str, **kwargs) -> Text:  # type: ignore[override]
        return Typeset.of(super().render_str(text, **kwargs))


def console(width: int | None = None, file: IO[str] | None = None) -> Console:
    """The console of the printouts: the terminal's width (or ``width``), no highlighting."""
    return TypesetConsole(highlight=False, width=width, file=file)


def hang(console: Console, text: str | Text, indent: int) -> Text:
    """``text`` (markup, or rich text) broken to the console's width less ``indent`` and every line
    indented by it: a paragraph set in from the margin, with no spaces padding its lines."""
    body = Typeset.of(console.render_str(text) if isinstance(text, str) else text)
    lines = body.wrap(console, max(console.width - indent, 1))
    out = Typeset()
    for n, line in enumerate(lines):
        line.rstrip()
        out.append(("\n" if n else "") + " " * indent)
        out.append_text(line)
    return out


def side_by_side(parts: list[Text], seps: list[Text], width: int) -> Typeset:
    """``parts`` on one line, ``seps[i]`` before part i+1; where the next part does not fit, it
    starts a new line without its separator (no line ends with 「·」). A part wider than a line
    takes lines of its own and is broken by these rules when printed."""
    out = Typeset()
    used = 0
    for i, part in enumerate(parts):
        size = part.cell_len
        if i and used + seps[i - 1].cell_len + size <= width:
            out.append_text(seps[i - 1])
            used += seps[i - 1].cell_len
        elif i:
            out.append("\n")
            used = 0
        out.append_text(part)
        used = used + size if size <= width else width
    return out
