"""The tracker out to Parquet, for DuckDB, Polars and pandas: the columns of the CSV export, in its
order and under its names, but typed. Numbers are integers, dates are dates (``date32``), a cell
of many things is a list (evidence, actions, leads, recommendations) and a progress note a record
(date, by, note); what the tracker leaves empty is null.

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
from ..models.assessment import evidence_line
from ..tracker.corpus import Corpus
from .table import COLUMNS

PARQUET_HINT = "Parquet output needs pyarrow: pip install 'francis-cli[parquet]'"

Cell = str | int | bool | date | list[str] | list[dict[str, Any]] | None


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
    text, texts = pa.string(), pa.list_(pa.string())
    note = pa.struct([("date", pa.date32()), ("by", text), ("note", text)])
    return {
        "assessments": [
            text,
            pa.int32(),
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


def iter_records(corpus: Corpus, kind: str, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    """The rows of ``sheets.export.iter_export`` with their values typed, in the same order."""
    if kind == "assessments":
        yield from _assessments(corpus, orgs)
    else:
        yield from _actions(corpus, orgs)


def _assessments(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    for e in sorted(corpus.assessments, key=lambda e: (e.organisation, e.model.recommendation)):
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        rec_set = corpus.set(e.set)
        rec = rec_set.numbers.get(a.recommendation) if rec_set else None
        yield [
            e.organisation,
            a.recommendation,
            rec.title if rec else None,
            a.rating,
            a.position,
            [evidence_line(e) for e in a.evidence],
            list(a.actions),
            a.applicable,
            a.reason,
            a.decision,
            a.decided,
            a.decided_by,
            a.assurance,
        ]


def _actions(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    for e in corpus.actions:
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        yield [
            e.organisation,
            e.section.id if e.section else None,
            e.section.title if e.section else None,
            a.id,
            a.title,
            list(a.lead),
            a.outcome,
            a.due.end if a.due else None,
            a.timeline,
            a.status,
            a.completed,
            [str(r) for r in a.recommendations],
            [{"date": n.date, "by": n.by, "note": n.note} for n in a.progress],
        ]
