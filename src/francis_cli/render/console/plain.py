"""Tables and paragraphs as plain text, laid out exactly as the rich tables of the terminal views
are when rich prints no escape codes (piped output): the same column widths, the same words on the
same lines, long words folded at the same places, the same rule under the header.

Why: piped ``francis status`` is read by scripts, diffs and pull-request comments, and is run many
times a day; importing rich and laying a table out through it costs more than the whole rest of the
command. Plain text needs none of that, but must not differ by a byte from what rich would print, so
this module reproduces the one table shape the views use (rich's ``box.SIMPLE_HEAD``, an edge, no
edge padding, collapsed padding of one cell, not expanded) rather than a shape of its own.

Only text whose every character rich counts as one cell (and whose only white space is the plain
space) is laid out here: ``simple`` says so, and a caller falls back to rich for anything else
(wide CJK characters, combining marks, emoji, other spaces), where rich's measuring of graphemes
is the authority. ``tests/render/console/test_plain_table.py`` compares the two on generated views.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

Justify = Literal["default", "left", "right"]
Overflow = Literal["fold", "ellipsis"]

_SIMPLE = re.compile(
    "[\u0020-\u007e\u00a1-\u00ac\u00ae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e"
    "\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2200-\u22ff\u2500-\u25fc]*"
)
"""Characters that every cell table rich knows measures as one cell, with no white space but the
space: Latin, Greek, Cyrillic, punctuation (dashes, quotes, bullets), currency, letterlike symbols,
arrows, mathematical operators and box drawing. A test checks each against rich."""

_WORD = re.compile(r" *[^ ]+ *")


def simple(*texts: str) -> bool:
    """Whether every text can be laid out here, one cell a character."""
    return all(_SIMPLE.fullmatch(text) for text in texts)


class Column(NamedTuple):
    """A column as the views declare it to rich: a fixed ``width`` or one measured from its cells
    (at least ``min_width``); ``no_wrap`` keeps a cell on one line. (A named tuple: a dataclass
    costs a millisecond of start-up to build.)"""

    header: str
    footer: str = ""
    justify: Justify = "left"
    width: int | None = None
    min_width: int | None = None
    no_wrap: bool = False
    overflow: Overflow = "ellipsis"


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where a line of ``text`` is broken to fit ``width`` cells: a word that does not fit goes to
    the next line, one longer than a line is folded (or left whole, to be cut, without ``fold``)."""
    breaks: list[int] = []
    used = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - used >= length:
            used += len(word)
        elif length > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)] if fold else [word]
            for piece in pieces:
                if start:
                    breaks.append(start)
                start += len(piece)
            used = len(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = len(word)
    return breaks


def _cut(line: str, width: int, overflow: Overflow) -> str:
    if len(line) <= width:
        return line
    return line[: width - 1] + "…" if overflow == "ellipsis" else line[:width]


def wrap(
    text: str, width: int, justify: Justify = "default", overflow: Overflow = "fold", no_wrap: bool = False
) -> list[str]:
    """The lines ``text`` takes in ``width`` cells (a ``simple`` text, ``width`` ≥ 1): "left" pads
    each line to the width, "right" pads it on the left, "default" leaves it as it is."""
    if no_wrap:
        lines = [text]
    else:
        offsets = [0, *_breaks(text, width, overflow == "fold"), len(text)]
        lines = [text[a:b] for a, b in pairwise(offsets)]
        lines = [_trim_trailing(line, width) for line in lines]
    if justify == "left":
        lines = [_cut(line, width, overflow).ljust(width) for line in lines]
    elif justify == "right":
        lines = [_cut(line.rstrip(), width, overflow).rjust(width) for line in lines]
    return [_cut(line, width, overflow) for line in lines]


def _trim_trailing(line: str, width: int) -> str:
    """A line's trailing spaces beyond ``width`` taken off."""
    excess = len(line) - width
    if excess <= 0:
        return line
    spaces = len(line) - len(line.rstrip(" "))
    return line[: len(line) - min(spaces, excess)] if spaces else line


def paragraph(text: str, width: int) -> list[str]:
    """A line of text printed on its own at ``width`` columns, wrapped at words."""
    return [line[:width].rstrip(" ") for line in wrap(text, width)]


def _pad(last: bool) -> int:
    """The cells of padding right of a column's text (none right of the last column)."""
    return 0 if last else 1


def _measure(column: Column, cells: Sequence[str], pad: int, room: int) -> int:
    """The width a column asks for, its padding included, in a table that may be ``room`` wide."""
    if room < 1:
        return 0
    if column.width is not None:
        return min(column.width + pad, room)
    if room - pad < 1:
        widest = room
    else:
        texts = (min(len(cell), room) for cell in cells)
        widest = max(min(text + pad, room) for text in texts)  # an empty cell asks for its padding
    if column.min_width is not None:
        widest = max(widest, column.min_width + pad)
    return widest


def _reduce(excess: int, shares: Sequence[int], most: Sequence[int], widths: Sequence[int]) -> list[int]:
    """``widths`` less ``excess`` cells, taken in proportion to ``shares``, at most ``most`` a column."""
    shares = [share if top else 0 for share, top in zip(shares, most, strict=True)]
    left = sum(shares)
    out = list(widths)
    for i, (share, top) in enumerate(zip(shares, most, strict=True)):
        if share and left > 0:
            taken = min(top, round(share * excess / left))
            out[i] -= taken
            excess, left = excess - taken, left - share
    return out


def _narrow(widths: list[int], wrapping: Sequence[bool], room: int) -> list[int]:
    """Narrow the widest columns that may wrap, together, until the table fits ``room`` (if it can)."""
    excess = sum(widths) - room
    while any(wrapping) and sum(widths) > 0 and excess > 0:
        top = max(w for w, ok in zip(widths, wrapping, strict=True) if ok)
        second = max((w for w, ok in zip(widths, wrapping, strict=True) if ok and w != top), default=0)
        if top == second:
            break
        shares = [1 if ok and w == top else 0 for w, ok in zip(widths, wrapping, strict=True)]
        widths = _reduce(excess, shares, [min(excess, top - second)] * len(widths), widths)
        excess = sum(widths) - room
    return widths


def _widths(columns: Sequence[Column], cells: Sequence[Sequence[str]], room: int) -> list[int] | None:
    """Each column's width, padding included, in a table of at most ``room`` cells between borders;
    None when narrowing the columns that wrap is not enough (rich then squeezes every column, and
    some to nothing: such a table is left to rich)."""
    pads = [_pad(i == len(columns) - 1) for i in range(len(columns))]
    widths = [_measure(c, cs, p, room) or 1 for c, cs, p in zip(columns, cells, pads, strict=True)]
    if sum(widths) > room:
        widths = _narrow(widths, [c.width is None and not c.no_wrap for c in columns], room)
        if sum(widths) > room:
            return None
        widths = [_measure(c, cs, p, w) for c, cs, p, w in zip(columns, cells, pads, widths, strict=True)]
    return widths


def _row(texts: Sequence[str], columns: Sequence[Column], widths: Sequence[int], bottom: bool) -> list[str]:
    """The lines of one row: each cell wrapped in its column, the shorter ones filled with blank
    lines (below, or above when ``bottom``, as a header sits on the rule)."""
    cells = []
    for i, (text, column, width) in enumerate(zip(texts, columns, widths, strict=True)):
        pad = _pad(i == len(columns) - 1)
        inner = wrap(text, width - pad, column.justify, column.overflow, column.no_wrap)
        cells.append([line.ljust(width - pad) + " " * pad for line in inner])
    height = max(len(cell) for cell in cells)
    for cell, width in zip(cells, widths, strict=True):
        blank = [" " * width] * (height - len(cell))
        cell[:] = [*blank, *cell] if bottom else [*cell, *blank]
    return [" " + " ".join(cell[n] for cell in cells) + " " for n in range(height)]


def table(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, footer: bool = False
) -> list[str] | None:
    """The lines of a table (with its columns' footers when ``footer``) printed at ``width`` columns,
    without trailing spaces; None when this layout cannot be sure of matching rich's (text that is
    not ``simple``, or a width so narrow that a column has no room for text)."""
    cells = [[c.header, *(row[i] for row in rows), *([c.footer] if footer else [])] for i, c in enumerate(columns)]
    if not columns or not simple(title, *(text for column in cells for text in column)):
        return None
    widths = _widths(columns, cells, width - 2 - (len(columns) - 1))
    if widths is None or any(w - _pad(i == len(widths) - 1) < 1 for i, w in enumerate(widths)):
        return None
    lines = wrap(title, sum(widths) + len(widths) + 1, "left") if title else []
    lines += ["", *_row([c.header for c in columns], columns, widths, bottom=True)]
    lines.append(" " + "─" * (sum(widths) + len(widths) - 1))
    for row in rows:
        lines += _row(row, columns, widths, bottom=False)
    if footer:
        lines += ["", *_row([c.footer for c in columns], columns, widths, bottom=False)]
    lines.append("")
    return [line[:width].rstrip(" ") for line in lines]
