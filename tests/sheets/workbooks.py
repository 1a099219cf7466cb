"""Workbooks no spreadsheet program writes, built cheaply, for the tests of the import's limits.

A zip bomb is built without inflating it: deflate data compressed with a full flush after each
chunk starts afresh, so the compressed bytes of one chunk of spaces, repeated, are a valid stream
of as many chunks (about 1,000 to 1). Its CRC is left 0: every reader that stops at a limit stops
long before the end, where a CRC is checked.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
HEADER = ("Ref", "Action", "Lead", "Due")
CHUNK = 16 * 1024 * 1024


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows: Sequence[Sequence[str]]) -> str:
    """``<row>`` elements for ``rows`` (header first), as a spreadsheet program writes them."""
    return "".join(
        f'<row r="{n}">' + "".join(_cell(f"{'ABCD'[i]}{n}", v) for i, v in enumerate(row)) + "</row>"
        for n, row in enumerate(rows, 1)
    )


SOME_ROWS = rows_xml([HEADER, ("1.1", "Name a lead", "DoQ", "2030-05")])


def sheet_xml(rows: str = SOME_ROWS, *, dimension: str | None = None) -> tuple[bytes, bytes]:
    """The sheet part around ``<sheetData>``'s rows: what comes before them and what after."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{NS}">{dim}<sheetData>{rows}'.encode(), b"</sheetData></worksheet>"


def _parts() -> dict[str, bytes]:
    """The parts of a real one-sheet workbook, as openpyxl writes it."""
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    with zipfile.ZipFile(out) as book:
        return {name: book.read(name) for name in book.namelist() if name != SHEET}


def write_xlsx(path: Path, rows: str = SOME_ROWS, *, dimension: str | None = None) -> Path:
    """A well-formed workbook whose one sheet holds ``rows``."""
    head, tail = sheet_xml(rows, dimension=dimension)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in _parts().items():
            book.writestr(name, data)
        book.writestr(SHEET, head + tail)
    return path


def write_bomb(path: Path, inflated: int, *, declared: int | None = None) -> Path:
    """A workbook whose sheet inflates to about ``inflated`` bytes (blank space inside <sheetData>);
    its zip directory says so, or ``declared`` (a directory that lies)."""
    head, tail = sheet_xml()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    spaces = packer.compress(b" " * CHUNK) + packer.flush(zlib.Z_FULL_FLUSH)
    last = packer.compress(tail) + packer.flush(zlib.Z_FINISH)
    count = max(1, inflated // CHUNK)
    size = len(head) + count * CHUNK + len(tail)
    members = [(n, zipfile.ZIP_STORED, d, len(d), zlib.crc32(d), None) for n, d in _parts().items()]
    with path.open("wb") as out:
        central = b""
        for name, method, data, real, crc, _ in members:
            central += _member(out, name, method, [data], len(data), real, crc)
        stream = [first, *([spaces] * count), last]
        central += _member(out, SHEET, zipfile.ZIP_DEFLATED, stream, sum(map(len, stream)), declared or size, 0)
        at = out.tell()
        out.write(central)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members) + 1, len(members) + 1, len(central), at, 0))
    return path


def _member(
    out: io.BufferedWriter, name: str, method: int, data: list[bytes], packed: int, size: int, crc: int
) -> bytes:
    """Write one member's local header and data; return its central directory entry."""
    raw = name.encode()
    offset = out.tell()
    fields = (20, 0, method, 0, 0x21, crc, packed, size, len(raw))
    out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw)
    for piece in data:
        out.write(piece)
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + raw
