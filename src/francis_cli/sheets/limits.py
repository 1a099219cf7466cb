"""Bounds on what one spreadsheet may ask of ``francis import``, checked before and while it is read.

A spreadsheet is untrusted input, like the tracker's YAML: an XLSX is a zip, and a few kilobytes of
zip can inflate to gigabytes (a zip bomb); a ``<row r="1000000"/>`` or a dimension of
``A1:XFD1048576`` makes the XLSX reader produce millions of empty rows or cells from almost no
bytes. So the workbook's parts are counted from the zip's directory before anything is read, and
counted again as they really inflate (a directory can lie); rows, cells and each cell's length
are counted as they are read, and reading stops at the first one over its limit.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Advance = Callable[[int], None]
"""Told how much more was read since it was last called; -1 when reading is over."""
Progress = Callable[[int], Advance]
"""Given how much there is to read (bytes of a CSV, rows of an XLSX), returns the callback that
follows the reading (a progress bar; nothing here draws it)."""

PROGRESS_BYTES = 64 * 1024
"""A CSV this large (about a thousand rows) takes a second or more to import: it reports progress."""
PROGRESS_ROWS = 1_000
"""As ``PROGRESS_BYTES``, for the rows of an XLSX sheet."""


@dataclass(frozen=True, slots=True)
class SheetLimits:
    """The ``limits:`` of francis.yaml that bound an import (``models.config.LimitsConfig``'s defaults)."""

    max_sheet_bytes: int = 32 * 1024 * 1024
    max_sheet_rows: int = 10_000
    max_sheet_cells: int = 1_000_000
    max_cell_chars: int = 100_000


class OverLimit(Exception):
    """A spreadsheet over one of its limits: the problem code, and where (row and column, 0 for all)."""

    def __init__(self, code: str, row: int, col: int, message: str) -> None:
        super().__init__(message)
        self.code, self.row, self.col, self.message = code, row, col, message


def too_large(limits: SheetLimits, said: str) -> OverLimit:
    """``said``: how large the file is ("file is 40,000,000 bytes")."""
    return OverLimit(
        "sheet-too-large",
        0,
        0,
        f"{said}; the limit is {limits.max_sheet_bytes:,} bytes (limits.max_sheet_bytes in francis.yaml)",
    )


def check_size(handle: io.BufferedIOBase, limits: SheetLimits) -> int:
    """The file's size, refused over ``max_sheet_bytes`` before a byte of it is read."""
    size = os.fstat(handle.fileno()).st_size
    if size > limits.max_sheet_bytes:
        raise too_large(limits, f"file is {size:,} bytes")
    return size


class BoundedReader(io.RawIOBase):
    """A binary file read no further than ``max_sheet_bytes`` (a FIFO or a growing file has no size
    to check first), telling ``advance`` how many bytes each read brought."""

    def __init__(self, handle: io.BufferedIOBase, limits: SheetLimits, advance: Advance | None = None) -> None:
        super().__init__()
        self.handle, self.limits, self.advance, self.count = handle, limits, advance, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.handle.readinto(buffer)
        self.count += n
        if self.count > self.limits.max_sheet_bytes:
            raise too_large(self.limits, "file grows past the limit as it is read")
        if self.advance is not None and n:
            self.advance(n)
        return n


def check_row(number: int, cells: int, limits: SheetLimits) -> None:
    """Refuse row ``number`` past ``max_sheet_rows``, or when the cells read so far pass ``max_sheet_cells``."""
    if number > limits.max_sheet_rows:
        raise OverLimit(
            "sheet-too-many-rows",
            number,
            0,
            f"more than {limits.max_sheet_rows:,} rows, the limit (limits.max_sheet_rows in francis.yaml; "
            "empty rows count)",
        )
    if cells > limits.max_sheet_cells:
        raise OverLimit(
            "sheet-too-many-cells",
            number,
            0,
            f"more than {limits.max_sheet_cells:,} cells by this row, the limit (limits.max_sheet_cells in "
            "francis.yaml; empty cells before a row's last count)",
        )


def cell_too_long(row: int, col: int, limits: SheetLimits) -> OverLimit:
    return OverLimit(
        "sheet-cell-too-long",
        row,
        col,
        f"a cell of more than {limits.max_cell_chars:,} characters, the limit (limits.max_cell_chars in francis.yaml)",
    )
