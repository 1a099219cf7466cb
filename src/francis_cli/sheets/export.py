"""The tracker out to a spreadsheet: its rows in the columns ``francis import`` reads, written as
CSV or XLSX, or typed as Parquet (``parquet.py``). Exported CSV cells that a spreadsheet would run
as a formula get a leading quote, which import takes off again, so export → import gives the same
tracker back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from ..atomic import write_atomic
from ..errors import UserError
from ..models.vocab import SheetFormat
from ..models.workplan import ProgressNote
from ..tracker.corpus import Corpus
from .cells import Cell, iter_cells
from .table import COLUMNS, RISKY

SUFFIXES = {
    ".csv": SheetFormat.csv,
    ".xlsx": SheetFormat.xlsx,
    ".xlsm": SheetFormat.xlsx,
    ".parquet": SheetFormat.parquet,
}
"""The file names that say a format."""
_NAME = {SheetFormat.csv: "CSV", SheetFormat.xlsx: "XLSX", SheetFormat.parquet: "Parquet"}
_WRITES = {**_NAME, SheetFormat.xlsx: "an XLSX workbook"}


def export_format(output: Path, given: SheetFormat | None) -> SheetFormat:
    """The format to write: ``--format``, else the file name's (``.xlsx``, ``.xlsm``, ``.parquet``),
    else CSV. A format the name contradicts is refused: a workbook named ``.csv`` opens as garbage."""
    named = SUFFIXES.get(output.suffix.lower())
    if given is None:
        return named or SheetFormat.csv
    if named is not None and named != given:
        better = output.with_suffix(f".{given.value}").name
        raise UserError(
            f"--format {given.value} writes {_WRITES[given]}, but {output.name} is named for {_NAME[named]}: "
            f"name it {better}, or use --format {named.value}"
        )
    return given


def export(
    corpus: Corpus, kind: str, orgs: Sequence[str], path: Path, fmt: SheetFormat, as_of: date | None = None
) -> int:
    """The tracker's ``kind`` rows written to ``path`` in ``fmt``; how many rows. ``as_of`` is the
    day evidence records are judged stale on (default today)."""
    if fmt == "parquet":
        from .parquet import iter_records, write_parquet

        records = list(iter_records(corpus, kind, orgs, as_of))
        write_parquet(path, kind, records)
        return len(records)
    rows = list(iter_export(corpus, kind, orgs, as_of))
    write_table(path, COLUMNS[kind], rows, fmt)
    return len(rows)


def write_table(path: Path, headers: list[str], rows: list[list[str]], fmt: str) -> None:
    """CSV (cells that would run as formulas quoted with a leading ') or XLSX (every cell text)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([("'" + c if c[:1] in RISKY else c) for c in row] for row in rows)
        write_atomic(path, out.getvalue().encode("utf-8-sig"))
        return
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


def iter_export(corpus: Corpus, kind: str, orgs: Sequence[str], as_of: date | None = None) -> Iterator[list[str]]:
    """The tracker's rows for ``kind``, in the order of ``COLUMNS[kind]``, as text cells."""
    columns = COLUMNS[kind]
    joins = [_JOIN.get(column, ", ") for column in columns]
    words = [_BOOL.get(column, ("", "no")) for column in columns]
    for row in iter_cells(corpus, kind, orgs, as_of):
        yield [_text(*cell) for cell in zip(row, joins, words, strict=True)]


_JOIN = {"Evidence": "\n", "Progress": "\n"}
"""How a cell of many things is written as text: one a line, or (the rest) separated by commas."""
_BOOL = {"Current": ("yes", "no")}
"""How a yes-or-no cell is written: (true, false); Applicable's (the rest) writes only "no"."""


def _text(value: Cell, join: str, words: tuple[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return words[0] if value else words[1]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return join.join(_note(x) if isinstance(x, ProgressNote) else str(x) for x in value)
    return str(value)


def _note(n: ProgressNote) -> str:
    return f"{n.date.isoformat()}{f' ({n.by})' if n.by else ''}: {n.note}"
