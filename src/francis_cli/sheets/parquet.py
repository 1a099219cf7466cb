"""The tracker out to Parquet, for DuckDB, Polars and pandas: the columns of the CSV export, in its
order and under its names, but typed. Numbers are integers, dates are dates (``date32``), a cell
of many things is a list (evidence, actions, leads, recommendations) and a progress note a record
(date, by, note), a sign-off's Current is true or false; what the tracker leaves empty is null.

Why a module of its own: pyarrow is an optional extra (``francis-cli[parquet]``), imported only
here and only when Parquet is asked for; the text export's rows are not parsed back into types but
made from the tracker's models, so that a date is never a string that happens to look like one.
``Due`` is the day an action falls due, the last day of the period written (``2014-Q4`` →
2014-12-31), as francis counts overdue; the period as written is in the CSV export.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import UserError
from ..models.common import Period
from ..models.workplan import ProgressNote
from ..tracker.corpus import Corpus
from . import cells
from .table import COLUMNS

PARQUET_HINT = "Parquet output needs pyarrow: pip install 'francis-cli[parquet]'"

Cell = str | int | bool | date | list[str] | list[dict[str, Any]] | None
"""A cell as Parquet holds it."""


def arrow() -> Any:
    """pyarrow and its Parquet writer, or a one-line UserError naming the extra (checked before any work)."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UserError(PARQUET_HINT) from None
    return pyarrow


def _types(pa: Any) -> dict[str, list[Any]]:
    """Each kind's column types, in the order of ``COLUMNS[kind]``."""
    text, texts, day = pa.string(), pa.list_(pa.string()), pa.date32()
    note = pa.struct([("date", pa.date32()), ("by", text), ("note", text)])
    number = pa.int32()  # Rec no, in every kind that has it
    return {
        "assessments": [
            text,
            number,
            text,
            text,
            text,
            texts,
            texts,
            pa.bool_(),
            text,
            text,
            pa.date32(),
            text,
            text,
        ],
        "actions": [
            text,
            text,
            text,
            text,
            text,
            texts,
            text,
            pa.date32(),
            text,
            text,
            pa.date32(),
            texts,
            pa.list_(note),
        ],
        "evidence": [text, text, number, text, text, text, day, text, day, day, day, text],
        "signoffs": [text, text, number, text, text, day, text, pa.bool_()],
        "due-changes": [text, text, day, day, day, text, text],
    }


def write_parquet(path: Path, kind: str, rows: Sequence[Sequence[Cell]]) -> None:
    """``rows`` (from ``iter_records``) as one Parquet file at ``path``, written atomically."""
    pa = arrow()
    types = _types(pa)[kind]
    schema = pa.schema([pa.field(name, t) for name, t in zip(COLUMNS[kind], types, strict=True)])
    columns = [pa.array([row[i] for row in rows], type=t) for i, t in enumerate(types)]
    buffer = io.BytesIO()
    pa.parquet.write_table(pa.Table.from_arrays(columns, schema=schema), buffer, compression="zstd")
    write_atomic(path, buffer.getvalue())


def iter_records(corpus: Corpus, kind: str, orgs: Sequence[str], as_of: date | None = None) -> Iterator[list[Cell]]:
    """The rows of ``sheets.cells.iter_cells`` as Parquet holds them: a due as the last day of its
    period (a due change's From and To too), a progress note as a record."""
    for row in cells.iter_cells(corpus, kind, orgs, as_of):
        yield [_typed(value) for value in row]


def _typed(value: cells.Cell) -> Cell:
    if isinstance(value, Period):
        return value.end
    if isinstance(value, list):
        notes = [n for n in value if isinstance(n, ProgressNote)]
        if notes:
            return [{"date": n.date, "by": n.by, "note": n.note} for n in notes]
        return [str(x) for x in value]
    return value
