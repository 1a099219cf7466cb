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
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import UserError, reason

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
}
"""The export's columns, in order; import recognises each of them."""
IGNORED = ("ignore", "-")
RISKY = ("=", "+", "-", "@", "\t", "\r")
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
            best = max(
                (
                    (len(a), f)
                    for f, names in aliases.items()
                    for a in names
                    if (norm == a if exact else set(a.split()) <= words) and f not in fields.values()
                ),
                default=None,
            )
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
    return text[1:] if text[:1] == "'" and text[1:2] in RISKY else text


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
        raise UserError(f"{path}: cannot read the spreadsheet: {reason(err)}") from None
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
