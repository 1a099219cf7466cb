"""An inquiry report's text as lines in reading order, with what the page layout adds taken away.

A PDF is read through poppler's ``pdftotext -bbox-layout``: every line with its words and their
boxes. From the boxes this module removes running headers and footers (a line at a page's top or
foot that recurs on other pages, digits aside, or is a page number), takes footnotes out of the
body (lines smaller than the body text below the last body line) and their markers out of words
(a word whose box rises above its line's), finds columns (a gutter no line crosses) and a table's
number column, and marks paragraph breaks (vertical space) and page or column breaks.

Why poppler rather than pypdf (measured on the test suite's WeasyPrint PDFs): poppler places
spaces by geometry, where pypdf doubles them in justified text ("Recommendation  1"); pypdf
gives runs in content-stream order with no lines, so columns, tables and furniture would all be
rebuilt by hand from raw text matrices; poppler's per-word boxes give superscripts and line
heights directly. pdftotext is a system tool (poppler-utils), so francis gains no dependency; a
plain-text report (``.txt``, pages split by form feeds, as ``pdftotext`` writes them) needs none.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import UserError, reason

INSTALL_POPPLER = "pdftotext (poppler) is needed to read a PDF: install poppler-utils (apt-get install poppler-utils)"
MARKER = r"(?:\d{1,3}|[*†‡§]+)"
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_LABEL = re.compile(r"^(?:R\s?|IEA\s?)?\d{1,3}(?:\.\d{1,2})?(?:\([a-z]{1,4}\)|[a-z])?[.)]?$", re.I)
_RAISED_TAIL = re.compile(rf"^(.*[^\d\s])({MARKER})$")
_TXT_MARK = re.compile(r"(?<=[A-Za-z])([a-z])([.,;:)’”]?)(\d{1,3})(?=\s|$)")
_NOTE = re.compile(rf"^({MARKER})[.)]?\s+(.*)$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the report in reading order. ``where`` is where a problem points: the line of a
    text file, or the page of a PDF (as ``path:line:col`` has no page)."""

    text: str
    page: int | None
    where: int
    gap: bool = False
    broken: bool = False
    heading: bool = False
    label: bool = False
    marks: tuple[str, ...] = ()
    room: float | None = None
    """How far short of its column's right edge the line ends, in ems, and the column's width
    (None where the layout is not known, as in a text file): whether the last line before a page
    break is full is the best sign of whether its paragraph goes on after the break."""
    span: float | None = None


@dataclass(slots=True)
class ReportText:
    """The lines, the footnotes taken out (by page and marker) and how many lines of furniture went."""

    lines: list[Line]
    footnotes: dict[tuple[int | None, str], str] = field(default_factory=dict)
    furniture: int = 0


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class _Box:
    words: list[_Word]
    x0: float
    y0: float
    x1: float
    y1: float
    page: int
    text: str = ""
    marks: tuple[str, ...] = ()

    @property
    def height(self) -> float:
        """The height of its typical word: a raised footnote marker does not make a line taller."""
        return statistics.median(w.y1 - w.y0 for w in self.words)


def read_report(path: Path, pages: tuple[int, int] | None = None) -> ReportText:
    """The report at ``path`` (a PDF, else text), only ``pages`` (first, last) where given."""
    try:
        with path.open("rb") as handle:
            pdf = handle.read(5) == b"%PDF-"
    except OSError as err:
        raise UserError(f"cannot read {path}: {reason(err)}") from None
    return _read_pdf(path, pages) if pdf else _read_txt(path, pages)


# --- text files ---------------------------------------------------------------------------------


def _read_txt(path: Path, pages: tuple[int, int] | None) -> ReportText:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"cannot read {path}: {reason(err)}") from None
    chunks = text.split("\f")
    paged = len(chunks) > 1
    if pages and not paged:
        raise UserError(f"--pages: {path} has no page breaks (form feeds) to count pages by")
    out: list[Line] = []
    furniture, number = _txt_furniture(chunks) if paged else set(), 1
    for index, chunk in enumerate(chunks):
        page = index + 1 if paged else None
        lines = chunk.split("\n")
        keep = page is None or pages is None or pages[0] <= page <= pages[1]
        gap, broken = False, index > 0
        for offset, raw in enumerate(lines):
            where = number + offset
            if not raw.strip() or (index, offset) in furniture:
                gap = gap or not raw.strip()
                continue
            if keep:
                body, marks = _txt_marks(" ".join(raw.split()))
                out.append(Line(body, page, where, gap=gap and not broken, broken=broken, marks=marks))
            gap = broken = False
        number += len(lines) - 1
    return ReportText(out, furniture=len(furniture))


def _txt_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """A line with its footnote markers ("accountable.3") taken out, and the markers."""
    marks: list[str] = []

    def strip(match: re.Match[str]) -> str:
        marks.append(match.group(3))
        return match.group(1) + match.group(2)

    return _TXT_MARK.sub(strip, text), tuple(marks)


def _txt_furniture(chunks: Sequence[str]) -> set[tuple[int, int]]:
    candidates: list[tuple[int, int, str, int]] = []
    for index, chunk in enumerate(chunks):
        filled = [(i, raw.strip()) for i, raw in enumerate(chunk.split("\n")) if raw.strip()]
        ends = filled[:2] + filled[-2:] if len(filled) > 4 else filled
        for slot, (i, text) in enumerate(ends):
            candidates.append((index, i, text, slot if slot < 2 else slot - len(ends)))
    found = _recurring([(page, (slot, text)) for page, _, text, slot in candidates])
    return {(p, i) for (p, i, text, slot) in candidates if (p, (slot, text)) in found}


def _recurring(items: Sequence[tuple[int, tuple[object, str]]]) -> set[tuple[int, tuple[object, str]]]:
    """Which (page, (place, text)) are furniture: a page number alone, the same text at the same place
    on two pages or more, or text differing only in a number that counts the pages."""
    groups: dict[tuple[object, str], list[tuple[int, tuple[object, str]]]] = defaultdict(list)
    out = set()
    for page, (place, text) in items:
        if _PAGE_NUMBER.match(text):
            out.add((page, (place, text)))
        groups[(place, re.sub(r"\d+", "#", text.lower()))].append((page, (place, text)))
    for (_, shape), members in groups.items():
        if len({p for p, _ in members}) < 2:
            continue
        same = len({t for _, (_, t) in members}) == 1
        if same if "#" not in shape else len({_numbers(t, p) for p, (_, t) in members}) == 1:
            out.update(members)
    return out


def _numbers(text: str, page: int) -> tuple[int, ...]:
    """A line's numbers less its page's index: the same on every page when they are page numbers."""
    return tuple(int(n) - page for n in re.findall(r"\d+", text))


# --- PDF ------------------------------------------------------------------------------------------


def _read_pdf(path: Path, pages: tuple[int, int] | None) -> ReportText:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise UserError(INSTALL_POPPLER)
    args = [exe, "-bbox-layout", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[1])]
    try:
        done = subprocess.run([*args, str(path), "-"], capture_output=True, check=False)
    except OSError as err:
        raise UserError(f"cannot run pdftotext: {reason(err)}") from None
    if done.returncode != 0:
        said = " ".join(done.stderr.decode("utf-8", "replace").split())[:200]
        raise UserError(f"{path}: pdftotext cannot read it as a PDF ({said or 'no reason given'})")
    first = pages[0] if pages else 1
    return layout(_boxes(done.stdout, first))


def _boxes(xhtml: bytes, first: int) -> list[list[_Box]]:
    """Every page's lines, as poppler found them, with their words' boxes."""
    try:
        root = ET.fromstring(xhtml)
    except ET.ParseError as err:
        raise UserError(f"pdftotext's output could not be read ({err})") from None
    out: list[list[_Box]] = []
    for index, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        boxes = []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            words = [_Word(w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in line]
            words = [w for w in words if w.text.strip()]
            if words:
                xs = (min(w.x0 for w in words), min(w.y0 for w in words), max(w.x1 for w in words))
                boxes.append(_Box(words, xs[0], xs[1], xs[2], max(w.y1 for w in words), first + index))
        out.append(boxes)
    return out


def layout(pages: list[list[_Box]]) -> ReportText:
    """The reading-order lines of pages of boxes: furniture and footnotes out, columns in order."""
    heights = [b.height for page in pages for b in page]
    if not heights:
        return ReportText([])
    body = statistics.median(heights)
    furniture = _pdf_furniture(pages)
    text = ReportText([], furniture=len(furniture))
    for page in pages:
        for box in page:
            box.text, box.marks = _unmark(box, body)
        kept = [b for b in page if id(b) not in furniture]
        kept, notes = _footnotes(kept, body)
        text.footnotes.update(notes)
        text.lines.extend(_reading_order(kept, body))
    return text


def _pdf_furniture(pages: list[list[_Box]]) -> set[int]:
    items: list[tuple[int, tuple[object, str]]] = []
    boxes: dict[tuple[int, tuple[object, str]], list[int]] = defaultdict(list)
    for page in pages:
        ordered = sorted(page, key=lambda b: b.y0)
        for box in ordered[:2] + ordered[-2:] if len(ordered) > 4 else ordered:
            text = " ".join(w.text for w in box.words)
            key = (box.page, (round(box.y0 / 6), text))
            items.append(key)
            boxes[key].append(id(box))
    small_tops = {id(min(page, key=lambda b: b.y0)) for page in pages if page and _small_top(page)}
    return small_tops | {i for key in _recurring(items) for i in boxes[key]}


def _small_top(page: list[_Box]) -> bool:
    """Whether a page's first line is printed smaller than the text under it: a running header."""
    ordered = sorted(page, key=lambda b: b.y0)
    return len(ordered) > 1 and ordered[0].height < 0.9 * statistics.median(b.height for b in ordered[1:])


def _unmark(box: _Box, body: float) -> tuple[str, tuple[str, ...]]:
    """A line's text with footnote markers (raised above the line) taken out, and the markers."""
    tops = statistics.median(w.y0 for w in box.words)
    feet = statistics.median(w.y1 for w in box.words)
    words, marks = [], []
    for word in box.words:
        raised = word.y1 < feet - 0.25 * body and re.fullmatch(MARKER, word.text)
        tail = _RAISED_TAIL.match(word.text) if word.y0 < tops - 0.2 * body else None
        if raised:
            marks.append(word.text)
        elif tail:
            words.append(tail.group(1))
            marks.append(tail.group(2))
        else:
            words.append(word.text)
    return " ".join(words), tuple(marks)


def _footnotes(page: list[_Box], body: float) -> tuple[list[_Box], dict[tuple[int | None, str], str]]:
    """The page without its footnotes (small lines below the last body line), and the footnotes."""
    full = [b for b in page if b.height >= 0.9 * body]
    floor = max((b.y1 for b in full), default=0.0)
    notes: dict[tuple[int | None, str], str] = {}
    marker: str | None = None
    for box in sorted((b for b in page if b.y0 >= floor and b.height < 0.9 * body), key=lambda b: b.y0):
        started = _NOTE.match(box.text)
        if started:
            marker = started.group(1)
            notes[(box.page, marker)] = started.group(2)
        elif marker is not None:
            notes[(box.page, marker)] += " " + box.text
    if not notes:
        return page, {}
    return [b for b in page if b.y0 < floor or b.height >= 0.9 * body], notes


def _reading_order(page: list[_Box], body: float) -> list[Line]:
    """Lines in the order they are read: runs of lines spanning the page, and between them bands
    whose columns are read left to right (a table's rows in turn where a column holds numbers)."""
    if not page:
        return []
    cuts = _gutters(page)
    spanning = {id(b) for b in page if any(b.x0 < cut < b.x1 for cut in cuts)}
    ordered: list[tuple[_Box, bool, bool]] = []
    band: list[_Box] = []
    for box in sorted(page, key=lambda b: (b.y0, b.x0)):
        if id(box) in spanning:
            ordered.extend(_band(band, cuts))
            band = []
            ordered.append((box, False, False))
        else:
            band.append(box)
    ordered.extend(_band(band, cuts))
    return _lines(ordered, body)


def _gutters(boxes: list[_Box]) -> list[float]:
    """Where columns part: the middle of each vertical strip at least 9pt wide that (almost) no line
    crosses, with lines side by side across it. A line that crosses one spans the columns."""
    if len(boxes) < 4:
        return []
    left = int(min(b.x0 for b in boxes))
    cover = [0] * (int(max(b.x1 for b in boxes)) - left + 2)
    for box in boxes:
        for x in range(int(box.x0) - left, int(box.x1) - left + 1):
            cover[x] += 1
    few = max(1, len(boxes) // 20)
    cuts, run = [], 0
    for x, count in enumerate(cover):
        if count <= few:
            run += 1
            continue
        if run >= 9 and x - run > 0:
            cuts.append(left + x - run / 2)
        run = 0
    return [cut for cut in cuts if _side_by_side(boxes, cut)]


def _side_by_side(boxes: list[_Box], cut: float) -> bool:
    lefts = [b for b in boxes if b.x1 < cut]
    return any(r.y0 < a.y1 and a.y0 < r.y1 for r in boxes if r.x0 > cut for a in lefts)


Placed = tuple[_Box, bool, bool]
"""A line in reading order, whether a new column starts at it and whether it is a table's number cell."""


def _band(band: list[_Box], cuts: list[float]) -> list[Placed]:
    columns: list[list[_Box]] = [[] for _ in range(len(cuts) + 1)]
    for box in band:
        columns[sum(box.x0 > cut for cut in cuts)].append(box)
    columns = [sorted(c, key=lambda b: b.y0) for c in columns if c]
    labels = next((i for i, c in enumerate(columns[:-1]) if _is_number_column(c)), None)
    if labels is not None:
        return _table(columns, labels)
    return [(box, i > 0 and j == 0, False) for i, column in enumerate(columns) for j, box in enumerate(column)]


def _is_number_column(column: list[_Box]) -> bool:
    numbered = sum(bool(_LABEL.match(b.text)) for b in column)
    return numbered >= 2 and numbered >= 0.6 * len(column) and all(len(b.text) <= 16 for b in column)


def _table(columns: list[list[_Box]], labels: int) -> list[Placed]:
    """A table's rows in turn: each number cell, then the cells beside it, column by column."""
    starts = [b.y0 for b in columns[labels] if _LABEL.match(b.text)]
    rows: dict[int, list[list[_Box]]] = defaultdict(lambda: [[] for _ in columns])
    for index, column in enumerate(columns):
        for box in column:
            rows[sum(start <= box.y0 + 2 for start in starts)][index].append(box)
    out: list[Placed] = []
    for row in sorted(rows):
        for index, cells in enumerate(rows[row]):
            out.extend((box, j == 0, index == labels and row > 0) for j, box in enumerate(cells))
    return out


def _lines(ordered: list[Placed], body: float) -> list[Line]:
    out: list[Line] = []
    previous: _Box | None = None
    for box, starts, label in ordered:
        gap = previous is not None and not starts and box.y0 - previous.y1 > 0.3 * body
        line = Line(box.text, box.page, box.page, gap=gap or label, broken=previous is None or starts)
        left, right = _column(box, ordered)
        line = replace(line, room=(right - box.x1) / body, span=(right - left) / body)
        out.append(replace(line, heading=box.height > 1.3 * body, label=label, marks=box.marks))
        previous = box
    return out


def _column(box: _Box, ordered: list[Placed]) -> tuple[float, float]:
    """The left and right edges of the box's column on its page: how far the lines beside it reach."""
    beside = [b for b, _, _ in ordered if b.page == box.page and b.x0 < box.x1 and b.x1 > box.x0]
    return min(b.x0 for b in beside), max(b.x1 for b in beside)
