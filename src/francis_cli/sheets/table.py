"""Spreadsheets in and out: the gap assessment and the workplan as CSV or XLSX tables.

Columns are recognised by their header, as NHS papers and action logs name them ("Rec no",
"Current position", "RAG", "Lead", "Desired Outcome", "Timeline Plan and Progress"); a table
may repeat its header row per section, as the Merton workplan does ("2.Capability and
culture | Action | Lead | ..."). Cells are read as written: formulas as their text, never
evaluated (``export`` writes them back out). What the rows mean for the tracker is ``rows``'s
to say.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import FrancisError, UserError, reason
from ..problems import FORMULA_STARTS, hint
from .limits import (
    PROGRESS_BYTES,
    PROGRESS_ROWS,
    Advance,
    BoundedReader,
    OverLimit,
    Progress,
    SheetLimits,
    cell_too_long,
    check_row,
    check_size,
)
from .workbook import check_workbook

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "assessments": {
        "organisation": ("organisation", "org"),
        "recommendation": (
            "rec no",
            "rec",
            "recommendation no",
            "recommendation number",
            "standard",
            "number",
            "no",
            "ref",
            "rec ref",
        ),
        "title": ("recommendation", "recommendation title", "title", "heading", "recommendation text", "text"),
        "rating": ("rag", "rag rating", "rag status", "rating"),
        "position": ("current position", "position", "gap analysis", "narrative", "progress", "comments"),
        "evidence": ("evidence",),
        "actions": ("actions", "action ref", "action refs", "linked actions"),
        "applicable": ("applicable",),
        "reason": ("reason", "reason not applicable", "reason for decision", "decision reason"),
        "decision": ("decision", "organisation decision", "accepted"),
        "decided": ("decided", "date decided", "decision date", "decided on"),
        "decided_by": ("decided by", "decision by", "decision maker"),
        "assurance": ("assurance", "assurance level", "level of assurance"),
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
    "assessments": [
        "Organisation",
        "Rec no",
        "Recommendation",
        "RAG",
        "Current position",
        "Evidence",
        "Actions",
        "Applicable",
        "Reason",
        "Decision",
        "Decided",
        "Decided by",
        "Assurance",
    ],
    "actions": [
        "Organisation",
        "Section",
        "Section title",
        "Ref",
        "Action",
        "Lead",
        "Desired outcome",
        "Due",
        "Timeline",
        "Status",
        "Completed",
        "Recommendations",
        "Progress",
    ],
    "evidence": [
        "Organisation",
        "Set",
        "Rec no",
        "Ref",
        "Title",
        "Location",
        "Produced",
        "Owner",
        "Review",
        "Expires",
        "Lapses",
        "State",
    ],
    "signoffs": ["Organisation", "Set", "Rec no", "Ref", "Signed off by", "Date", "Fingerprint", "Current"],
    "due-changes": ["Organisation", "Ref", "Changed", "From", "To", "Reason", "By"],
}
"""The export's columns of each kind, in order. Import recognises each of those of assessments and
actions; the other kinds are records that only go out, one row each, keyed to an assessment (its
Organisation, Set and Rec no) or an action (its Organisation and Ref)."""
IGNORED = ("ignore", "-")
RISKY = FORMULA_STARTS
_SECTION = re.compile(r"^(\d+(?:\.\d+)*)\.?\s*(\S.*)$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case words without punctuation: how headers and set phrases are compared."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def match_columns(headers: Sequence[str], kind: str, mapping: dict[str, str]) -> dict[int, str]:
    """Column index → field: ``--map`` first, then exact alias, then an alias whose words all appear.

    Each cell costs about its length, whatever it holds: the header is looked for row after row,
    in sheets of thousands of cells that are no header at all."""
    exact_aliases, by_first_word = _aliases(kind)
    fields: dict[int, str] = {}
    given = {normalise(k): v for k, v in mapping.items()}
    norms = [normalise(header) for header in headers]
    for i, norm in enumerate(norms):
        if norm in given:
            fields[i] = given[norm]
    for exact in (True, False):
        for i, norm in enumerate(norms):
            if i in fields or not norm:
                continue
            if exact:
                candidates = exact_aliases.get(norm, [])
            else:
                words = set(norm.split())
                candidates = [(a, f) for w in words for a, need, f in by_first_word.get(w, ()) if need <= words]
            if candidates:
                best = max(((len(a), f) for a, f in candidates if f not in fields.values()), default=None)
                if best is not None:
                    fields[i] = best[1]
    return {i: f for i, f in fields.items() if f not in IGNORED}


@functools.cache
def _aliases(kind: str) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, frozenset[str], str]]]]:
    """The aliases of ``kind`` by their text, and by their first word (with all their words)."""
    exact: dict[str, list[tuple[str, str]]] = {}
    by_first_word: dict[str, list[tuple[str, frozenset[str], str]]] = {}
    for f, names in ALIASES[kind].items():
        for a in names:
            exact.setdefault(a, []).append((a, f))
            by_first_word.setdefault(a.split()[0], []).append((a, frozenset(a.split()), f))
    return exact, by_first_word


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
    return text[1:] if text[:1] == "'" and text[1:2] in RISKY else text


def read_table(
    path: Path, sheet: str | None = None, limits: SheetLimits = SheetLimits(), progress: Progress | None = None
) -> list[tuple[int, list[str]]]:
    """Every row of a CSV or XLSX file as (row number, cell texts); formulas as their text.

    A file over one of ``limits`` is refused (``OverLimit``) as soon as that is known: before a byte
    of it is read where its size or its zip directory says so, else at the first row over a limit.
    ``progress`` follows the reading of a large file (a bar on a terminal)."""
    try:
        with open(path, "rb") as handle:
            size = check_size(handle, limits)
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                return _read_xlsx(path, handle, sheet, limits, progress)
            return _read_csv(path, handle, size, limits, progress)
    except OSError as err:
        raise UserError(f"{path}: cannot read the spreadsheet: {reason(err)}") from None


def _read_xlsx(
    path: Path, handle: io.BufferedIOBase, sheet: str | None, limits: SheetLimits, progress: Progress | None
) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        check_workbook(handle, limits)
        book = load_workbook(handle, read_only=True, data_only=False)
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise UserError(f"{path}: no sheet {sheet!r}{hint(sheet, book.sheetnames)}")
            return _xlsx_rows(book[sheet] if sheet else book.worksheets[0], limits, progress)
        finally:
            book.close()
    except (FrancisError, OverLimit, OSError):
        raise
    except Exception as err:  # openpyxl raises zipfile and XML errors for a file that is not XLSX
        raise UserError(f"{path}: not a readable XLSX file ({type(err).__name__})") from None


def _xlsx_rows(ws: Any, limits: SheetLimits, progress: Progress | None) -> list[tuple[int, list[str]]]:
    """The sheet's rows, counted as they are read; the dimension the sheet declares is not trusted
    (``A1:XFD1048576`` would pad every row to 16,384 cells and add empty rows up to a million)."""
    declared = min(ws.max_row or 0, limits.max_sheet_rows)
    ws.reset_dimensions()
    advance = progress(declared) if progress is not None and declared >= PROGRESS_ROWS else None
    rows: list[tuple[int, list[str]]] = []
    cells = 0
    for n, values in enumerate(ws.iter_rows(values_only=True), 1):
        cells += len(values)
        check_row(n, cells, limits)
        row = [_cell(v) for v in values]
        long = next((col for col, text in enumerate(row, 1) if len(text) > limits.max_cell_chars), None)
        if long is not None:
            raise cell_too_long(n, long, limits)
        rows.append((n, row))
        if advance is not None and n % 256 == 0:
            advance(256)
    if advance is not None:
        advance(len(rows) % 256)
        advance(-1)
    return rows


def _read_csv(
    path: Path, handle: io.BufferedIOBase, size: int, limits: SheetLimits, progress: Progress | None
) -> list[tuple[int, list[str]]]:
    """The rows of a CSV, streamed: UTF-8 (a BOM is fine), else Excel's "CSV" on Windows (cp1252)."""
    advance = progress(size) if progress is not None and size >= PROGRESS_BYTES else None
    try:
        try:
            return _csv_rows(path, _text(handle, limits, "utf-8-sig", advance), limits)
        except UnicodeDecodeError:
            handle.seek(0)
            return _csv_rows(path, _text(handle, limits, "cp1252", None), limits)
    finally:
        if advance is not None:
            advance(-1)


def _text(handle: io.BufferedIOBase, limits: SheetLimits, encoding: str, advance: Advance | None) -> io.TextIOWrapper:
    raw = io.BufferedReader(BoundedReader(handle, limits, advance))
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace" if encoding == "cp1252" else "strict", newline="")


def _csv_rows(path: Path, text: io.TextIOWrapper, limits: SheetLimits) -> list[tuple[int, list[str]]]:
    first = text.readline()
    delimiter = max(",;\t", key=first.count)  # Excel writes ';' where the decimal mark is ','
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    cells = 0
    before = csv.field_size_limit(limits.max_cell_chars)
    try:
        for n, values in enumerate(reader, 1):
            cells += len(values)
            check_row(n, cells, limits)
            rows.append((n, [_cell(v) for v in values]))
    except csv.Error as err:
        if "field limit" in str(err):
            raise cell_too_long(len(rows) + 1, 0, limits) from None
        raise UserError(f"{path}: cannot read the CSV at line {reader.line_num}") from None
    finally:
        csv.field_size_limit(before)
    return rows


@dataclass(slots=True)
class SheetRows:
    """The rows of a spreadsheet as field → text, each with its row number (and section, if any)."""

    fields: dict[int, str]
    rows: list[tuple[int, dict[str, str], tuple[str, str] | None]] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def records(raw: list[tuple[int, list[str]]], kind: str, mapping: dict[str, str]) -> SheetRows:
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
        raise UserError(
            f"no header row: none names two of the columns francis knows for {kind} "
            f"({', '.join(COLUMNS[kind])}); name them with --map 'COLUMN=FIELD'"
        )
    header = cells
    section: tuple[str, str] | None = None
    if 0 not in fields and kind == "actions" and _SECTION.match(header[0] or ""):
        fields[0] = "id"
        m = _SECTION.match(header[0])
        section = (m.group(1), m.group(2).strip()) if m else None
    table = SheetRows(fields, unused=[h for i, h in enumerate(header) if i not in fields and h])
    for number, cells in below:
        if not any(cells):
            continue
        if (
            sum(
                1
                for i, f in fields.items()
                if f != "id" and i < len(cells) and normalise(cells[i]) == normalise(header[i])
            )
            >= 2
        ):
            m = _SECTION.match(cells[0]) if cells else None
            section = (m.group(1), m.group(2).strip()) if m else section
            continue
        row = {f: cells[i] for i, f in fields.items() if i < len(cells) and cells[i]}
        table.rows.append((number, row, section))
    return table


def parse_map(items: list[str], kind: str) -> dict[str, str]:
    """``--map 'COLUMN=FIELD'`` options as column → field; a UserError naming the fields there are."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, name = item.partition("=")
        known = {*ALIASES[kind], *IGNORED}
        if not sep or not column.strip() or name.strip() not in known:
            raise UserError(f"--map {item!r}: write COLUMN=FIELD, FIELD one of {', '.join(ALIASES[kind])} or ignore")
        mapping[column.strip()] = name.strip()
    return mapping
