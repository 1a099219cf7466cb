"""The tracker out to a spreadsheet: its rows in the columns ``francis import`` reads, written as
CSV or XLSX, or typed as Parquet (``parquet.py``). Exported CSV cells that a spreadsheet would run
as a formula get a leading quote, which import takes off again, so export → import gives the same
tracker back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..atomic import write_atomic
from ..errors import UserError
from ..models.assessment import evidence_line
from ..models.vocab import SheetFormat
from ..tracker.corpus import Corpus
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


def export(corpus: Corpus, kind: str, orgs: Sequence[str], path: Path, fmt: SheetFormat) -> int:
    """The tracker's ``kind`` rows written to ``path`` in ``fmt``; how many rows."""
    if fmt == "parquet":
        from .parquet import iter_records, write_parquet

        records = list(iter_records(corpus, kind, orgs))
        write_parquet(path, kind, records)
        return len(records)
    rows = list(iter_export(corpus, kind, orgs))
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


def iter_export(corpus: Corpus, kind: str, orgs: Sequence[str]) -> Iterator[list[str]]:
    """The tracker's rows for ``kind``, in the order of ``COLUMNS[kind]``."""
    if kind == "assessments":
        yield from _assessment_rows(corpus, orgs)
    else:
        yield from _action_rows(corpus, orgs)


def _assessment_rows(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[str]]:
    for e in sorted(corpus.assessments, key=lambda e: (e.organisation, e.model.recommendation)):
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        rec_set = corpus.set(e.set)
        rec = rec_set.numbers.get(a.recommendation) if rec_set else None
        yield [
            e.organisation,
            str(a.recommendation),
            (rec.title or "") if rec else "",
            a.rating or "",
            a.position or "",
            "\n".join(map(evidence_line, a.evidence)),
            ", ".join(a.actions),
            "" if a.applicable else "no",
            a.reason or "",
            a.decision or "",
            a.decided.isoformat() if a.decided else "",
            a.decided_by or "",
            a.assurance or "",
        ]


def _action_rows(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[str]]:
    for e in corpus.actions:
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        notes = "\n".join(f"{n.date.isoformat()}{f' ({n.by})' if n.by else ''}: {n.note}" for n in a.progress)
        yield [
            e.organisation,
            e.section.id if e.section else "",
            e.section.title if e.section else "",
            a.id,
            a.title,
            ", ".join(a.lead),
            a.outcome or "",
            str(a.due) if a.due else "",
            a.timeline or "",
            a.status,
            a.completed.isoformat() if a.completed else "",
            ", ".join(str(r) for r in a.recommendations),
            notes,
        ]
