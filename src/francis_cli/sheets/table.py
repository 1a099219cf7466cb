"""Spreadsheets in and out: the gap assessment and the workplan as CSV or XLSX tables.

Columns are recognised by their header, as NHS papers and action logs name them ("Rec no",
"Current position", "RAG", "Lead", "Desired Outcome", "Timeline Plan and Progress"); a table
may repeat its header row per section, as the Merton workplan does ("2.Capability and
culture | Action | Lead | ..."). Cells are read as written: formulas as their text, never
evaluated. Exported CSV cells that a spreadsheet would run as a formula get a leading quote,
which import takes off again, so export → import gives the same tracker back. What the rows
mean for the tracker is ``sheetimport``'s to say.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import UserError

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "assessments": {
        "organisation": ("organisation", "org"),
        "recommendation": ("rec no", "rec", "recommendation no", "recommendation number", "standard", "number",
                           "no", "ref", "rec ref"),
        "title": ("recommendation", "recommendation title", "title", "heading", "recommendation text", "text"),
        "rating": ("rag", "rag rating", "rag status", "rating"),
        "position": ("current position", "position", "gap analysis", "narrative", "progress", "comments"),
        "evidence": ("evidence",),
        "actions": ("actions", "action ref", "action refs", "linked actions"),
        "applicable": ("applicable",),
        "reason": ("reason", "reason not applicable"),
    },
    "actions": {
        "organisation": ("organisation", "org"),
        "section": ("section", "section id"),
        "section_title": ("section title", "theme"),
        "id": ("ref", "id", "action no", "action ref", "no", "number", "ref no"),
        "title": ("action", "action title", "title", "description"),
        "lead": ("lead", "leads", "owner", "responsible", "lead officer", "by whom", "responsible officer"),
        "outcome": ("desired outcome", "outcome", "expected outcome", "success measure"),
        "due": ("due", "due date", "deadline", "target date", "by when", "completion date"),
        "timeline": ("timeline", "timeline plan and progress", "timescale", "timescales", "timeframe"),
        "status": ("status", "progress status", "rag"),
        "completed": ("completed", "date completed"),
        "recommendations": ("recommendations", "rec no", "recommendation", "francis recommendation", "rec ref"),
        "progress": ("progress", "progress update", "update", "updates", "comments"),
    },
}
COLUMNS = {
    "assessments": ["Organisation", "Rec no", "Recommendation", "RAG", "Current position", "Evidence", "Actions",
                    "Applicable", "Reason"],
    "actions": ["Organisation", "Section", "Section title", "Ref", "Action", "Lead", "Desired outcome", "Due",
                "Timeline", "Status", "Completed", "Recommendations", "Progress"],
}
"""The export's columns, in order; import recognises each of them."""
IGNORED = ("ignore", "-")
_RISKY = ("=", "+", "-", "@", "\t", "\r")
_SECTION = re.compile(r"^(\d+(?:\.\d+)*)\.?\s*(\S.*)$")


def normalise(text: str) -> str:
    """Lower-case words without punctuation: how headers and set phrases are compared."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def match_columns(headers: Sequence[str], kind: str, mapping: dict[str, str]) -> dict[int, str]:
    """Column index → field: ``--map`` first, then exact alias, then an alias whose words all appear."""
    aliases = ALIASES[kind]
    fields: dict[int, str] = {}
    given = {normalise(k): v for k, v in mapping.items()}
    for i, header in enumerate(headers):
        if normalise(header) in given:
            fields[i] = given[normalise(header)]
    for exact in (True, False):
        for i, header in enumerate(headers):
            norm = normalise(header)
            if i in fields or not norm:
                continue
            words = set(norm.split())
            best = max(((len(a), f) for f, names in aliases.items() for a in names
                        if (norm == a if exact else set(a.split()) <= words) and f not in fields.values()),
                       default=None)  # fmt: skip
            if best is not None:
                fields[i] = best[1]
    return {i: f for i, f in fields.items() if f not in IGNORED}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").strip()
    return text[1:] if text[:1] == "'" and text[1:2] in _RISKY else text


def read_table(path: Path, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """Every row of a CSV or XLSX file as (row number, cell texts); formulas as their text."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=False)
            try:
                ws = book[sheet] if sheet else book.worksheets[0]
                return [(n, [_cell(v) for v in row]) for n, row in enumerate(ws.iter_rows(values_only=True), 1)]
            finally:
                book.close()
        raw = path.read_bytes()
    except KeyError:
        raise UserError(f"{path}: no sheet {sheet!r}") from None
    except (OSError, ValueError) as err:
        raise UserError(f"{path}: cannot read the spreadsheet: {err}") from None
    except Exception as err:  # openpyxl raises zipfile and XML errors for a file that is not XLSX
        raise UserError(f"{path}: not a readable XLSX file ({type(err).__name__})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")  # Excel's "CSV" on Windows
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Excel writes ';' where the decimal mark is ','
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [(n, [_cell(v) for v in row]) for n, row in enumerate(reader, 1)]
    except csv.Error as err:  # a cell longer than csv.field_size_limit() (128 KiB), say
        raise UserError(f"{path}: cannot read the CSV at line {reader.line_num}: {err}") from None


@dataclass(slots=True)
class Table:
    """The rows of a spreadsheet as field → text, each with its row number (and section, if any)."""

    fields: dict[int, str]
    rows: list[tuple[int, dict[str, str], tuple[str, str] | None]] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def records(raw: list[tuple[int, list[str]]], kind: str, mapping: dict[str, str]) -> Table:
    """Find the header row (the first with two recognised columns), then read the rows under it.

    A row that repeats the header's recognised cells starts a section, named by its first cell
    ("2.Capability and culture" → section 2, "Capability and culture").
    """
    for index, (_, cells) in enumerate(raw):
        fields = match_columns(cells, kind, mapping)
        if len(fields) >= 2:
            below = raw[index + 1 :]
            break
    else:
        raise UserError(f"no header row: none names two of the columns francis knows for {kind} "
                        f"({', '.join(COLUMNS[kind])}); name them with --map 'COLUMN=FIELD'")  # fmt: skip
    header = cells
    section: tuple[str, str] | None = None
    if 0 not in fields and kind == "actions" and _SECTION.match(header[0] or ""):
        fields[0] = "id"
        m = _SECTION.match(header[0])
        section = (m.group(1), m.group(2).strip()) if m else None
    table = Table(fields, unused=[h for i, h in enumerate(header) if i not in fields and h])
    for number, cells in below:
        if not any(cells):
            continue
        if sum(1 for i, f in fields.items()
               if f != "id" and i < len(cells) and normalise(cells[i]) == normalise(header[i])) >= 2:  # fmt: skip
            m = _SECTION.match(cells[0]) if cells else None
            section = (m.group(1), m.group(2).strip()) if m else section
            continue
        row = {f: cells[i] for i, f in fields.items() if i < len(cells) and cells[i]}
        table.rows.append((number, row, section))
    return table


def write_table(path: Path, headers: list[str], rows: list[list[str]], fmt: str) -> None:
    """CSV (cells that would run as formulas quoted with a leading ') or XLSX (every cell text)."""
    from .atomic import write_atomic

    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([("'" + c if c[:1] in _RISKY else c) for c in row] for row in rows)
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


def iter_export(corpus: Any, kind: str, orgs: Sequence[str]) -> Iterator[list[str]]:
    """The tracker's rows for ``kind``, in the order of ``COLUMNS[kind]``."""
    if kind == "assessments":
        for e in sorted(corpus.assessments, key=lambda e: (e.organisation, e.model.recommendation)):
            if orgs and e.organisation not in orgs:
                continue
            a = e.model
            rec = corpus.set(e.set).numbers.get(a.recommendation) if corpus.set(e.set) else None
            yield [e.organisation, str(a.recommendation), (rec.title or "") if rec else "", a.rating or "",
                   a.position or "", "\n".join(a.evidence), ", ".join(a.actions),
                   "" if a.applicable else "no", a.reason or ""]  # fmt: skip
        return
    for e in corpus.actions:
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        notes = "\n".join(f"{n.date.isoformat()}{f' ({n.by})' if n.by else ''}: {n.note}" for n in a.progress)
        yield [e.organisation, e.section.id if e.section else "", e.section.title if e.section else "", a.id,
               a.title, ", ".join(a.lead), a.outcome or "", str(a.due) if a.due else "", a.timeline or "",
               a.status, a.completed.isoformat() if a.completed else "",
               ", ".join(str(r) for r in a.recommendations), notes]  # fmt: skip
