"""An XLSX workbook checked against the limits before the XLSX reader (openpyxl) opens it.

openpyxl trusts the zip: it inflates a part whole, and it builds every cell of a row before
handing the row on, so one row of millions of ``<c/>`` elements, or a part that inflates to
gigabytes, costs gigabytes of memory before a limit could be checked on its rows. So every part
is first inflated here in chunks, counted (the zip directory's sizes first, then the bytes each
part really inflates to), and read by a streaming XML parser that counts rows and cells as the
XLSX reader will see them. Nothing of it is kept: at most one chunk is in memory at a time.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.parsers import expat

from .limits import SheetLimits, check_row, too_large

CHUNK = 256 * 1024


class _Counter:
    """Rows and cells of one XML part as the XLSX reader counts them: a ``<row r="N">`` is row N
    (the rows before it are empty ones), and a row is as wide as its last cell's column."""

    def __init__(self, limits: SheetLimits) -> None:
        self.limits, self.row, self.col, self.cells = limits, 0, 0, 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            given = attrs.get("r", "")
            self.row = int(given[:12]) if given.isascii() and given.isdigit() else self.row + 1
            self.col = 0
            check_row(self.row, self.cells, self.limits)
        elif local == "c":
            col = _column(attrs.get("r", "")) or self.col + 1
            self.cells += max(col - self.col, 1)
            self.col = max(col, self.col)
            check_row(self.row, self.cells, self.limits)


def _column(ref: str) -> int:
    """The column of a cell reference ("C7" → 3, "XFD1" → 16384); 0 when it names none."""
    n = 0
    for ch in ref[:12]:
        if not ("A" <= ch <= "Z"):
            break
        n = n * 26 + ord(ch) - 64
    return n


def _parser(limits: SheetLimits) -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = _Counter(limits).start
    return parser


def check_workbook(handle: io.BufferedIOBase, limits: SheetLimits) -> int:
    """Refuse a workbook over a limit: its parts inflating past ``max_sheet_bytes`` as its zip
    directory says (nothing inflated), then as they really inflate, and any part's rows and cells.
    Returns how many bytes the parts inflate to; the handle is left at its start.

    Why both sizes: the directory's are free to check but written by whoever made the file, and a
    part may inflate to far more than its directory entry says."""
    with zipfile.ZipFile(handle) as archive:
        parts = archive.infolist()
        declared = sum(p.file_size for p in parts)
        if declared > limits.max_sheet_bytes:
            raise too_large(limits, f"workbook inflates to {declared:,} bytes (as its zip directory says)")
        total = 0
        for part in parts:
            part.file_size = limits.max_sheet_bytes + 2 * CHUNK  # read on past what the directory says
            total = _inflate(archive, part, total, limits, declared)
    handle.seek(0)
    return total


def _inflate(archive: zipfile.ZipFile, part: zipfile.ZipInfo, total: int, limits: SheetLimits, declared: int) -> int:
    """Inflate one part chunk by chunk, counting its bytes and (while it parses as XML) its rows and cells."""
    parser: Any = _parser(limits)
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > limits.max_sheet_bytes:
                raise too_large(
                    limits, f"workbook inflates past the limit, though its zip directory says {declared:,} bytes"
                )
            if parser is not None:
                try:
                    parser.Parse(chunk, False)
                except expat.ExpatError:  # not XML (a picture), or not well formed: the XLSX reader judges it
                    parser = None
    return total
