"""Spreadsheets in and out: the gap assessment and the workplan as CSV or XLSX tables.

Columns are recognised by their header, as NHS papers and action logs name them ("Rec no",
"Current position", "RAG", "Lead", "Desired Outcome", "Timeline Plan and Progress"); a table
may repeat its header row per section, as the Merton workplan does ("2.Capability and
culture | Action | Lead | ..."). Cells are read as written: formulas as their text, never
evaluated. Exported CSV cells that a spreadsheet would run as a formula get a leading quote,
which import takes off again, so export → import gives the same tracker back.
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


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def match_columns(headers: Sequence[str], kind: str, mapping: dict[str, str]) -> dict[int, str]:
    """Column index → field: ``--map`` first, then exact alias, then an alias whose words all appear."""
    aliases = ALIASES[kind]
    fields: dict[int, str] = {}
    given = {_norm(k): v for k, v in mapping.items()}
    for i, header in enumerate(headers):
        if _norm(header) in given:
            fields[i] = given[_norm(header)]
    for exact in (True, False):
        for i, header in enumerate(headers):
            norm = _norm(header)
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
    return [(n, [_cell(v) for v in row]) for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)]


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
    for number, cells in raw[index + 1 :]:
        if not any(cells):
            continue
        if sum(1 for i, f in fields.items() if f != "id" and i < len(cells) and _norm(cells[i]) == _norm(header[i])) >= 2:
            m = _SECTION.match(cells[0]) if cells else None
            section = (m.group(1), m.group(2).strip()) if m else section
            continue
        row = {f: cells[i] for i, f in fields.items() if i < len(cells) and cells[i]}
        table.rows.append((number, row, section))
    return table


def split_leads(text: str) -> list[tuple[str, str]]:
    """ "DoQ and AO", "CSU, with DoQ", "PPI mgr" → [(role id, as printed), ...]."""
    parts = re.split(r"\s*(?:,|/|;|&|\n|\band\b|\bwith\b)\s*", text)
    return [(re.sub(r"\s+", "-", p.strip()), p.strip()) for p in parts if p.strip()]


def progress_notes(text: str, day: str) -> list[dict[str, str]]:
    """A progress cell: lines "2013-06-01: note" or "2013-06-01 (DoQ): note"; other text is one note of ``day``."""
    notes: list[dict[str, str]] = []
    for line in text.split("\n"):
        m = re.match(r"^(\d{4}-\d{2}-\d{2})(?: \(([^)]+)\))?: (.*)$", line)
        if m:
            notes.append({k: v for k, v in (("date", m.group(1)), ("note", m.group(3)), ("by", m.group(2))) if v})
        elif notes:
            notes[-1]["note"] += "\n" + line
        else:
            notes.append({"date": day, "note": line})
    return [n for n in notes if n["note"].strip()]


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


STATUSES = {
    "not started": "not-started", "not-started": "not-started", "open": "not-started", "planned": "not-started",
    "in progress": "in-progress", "in-progress": "in-progress", "ongoing": "in-progress", "started": "in-progress",
    "on track": "in-progress", "done": "done", "complete": "done", "completed": "done", "closed": "done",
    "blocked": "blocked", "on hold": "blocked", "dropped": "dropped", "cancelled": "dropped", "withdrawn": "dropped",
}  # fmt: skip


@dataclass(slots=True)
class Imported:
    """What a spreadsheet holds for the tracker, and the rows that could not be read."""

    items: list[dict[str, Any]] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _other_org(row: dict[str, str], org: str) -> str | None:
    other = row.get("organisation")
    return other if other and other != org else None


def read_assessments(table: Table, org: str, ratings: Sequence[Any]) -> Imported:
    out = Imported(notes=[f"column {h!r} not imported" for h in table.unused])
    by_name = {r.id: r.id for r in ratings} | {r.label.lower(): r.id for r in ratings}
    by_name |= {r.id[0]: r.id for r in ratings if sum(1 for s in ratings if s.id[0] == r.id[0]) == 1}
    for number, row, _ in table.rows:
        if _other_org(row, org):
            out.notes.append(f"row {number}: for {row['organisation']!r}, not {org!r}: skipped")
            continue
        m = re.match(r"^\D{0,20}?(\d+)", row.get("recommendation", ""))
        if m is None:
            out.errors.append(f"row {number}: no recommendation number (column for 'recommendation')")
            continue
        item: dict[str, Any] = {"recommendation": int(m.group(1))}
        rating = row.get("rating", "").strip().lower()
        if rating in ("n/a", "na", "not applicable") or row.get("applicable", "").lower() in ("no", "n", "false"):
            item["applicable"] = False
            item["reason"] = row.get("reason") or row.get("position") or "Not applicable"
        elif rating:
            if rating not in by_name:
                out.errors.append(f"row {number}: rating {row['rating']!r} is not one of {', '.join(r.id for r in ratings)}")
                continue
            item["rating"] = by_name[rating]
        if "position" in row and item.get("reason") != row["position"]:
            item["position"] = row["position"]
        if row.get("evidence"):
            item["evidence"] = [e.strip() for e in row["evidence"].split("\n") if e.strip()]
        if row.get("actions"):
            item["actions"] = [a for a in re.split(r"[,;\s]+", row["actions"]) if a]
        out.items.append(item)
    return out


def read_actions(table: Table, org: str, day: str, reference: date) -> Imported:
    from . import timescale
    from .models.common import Period

    out = Imported(notes=[f"column {h!r} not imported" for h in table.unused])
    previous_due: str | None = None
    for number, row, section in table.rows:
        if _other_org(row, org):
            out.notes.append(f"row {number}: for {row['organisation']!r}, not {org!r}: skipped")
            continue
        if not row.get("title"):
            out.errors.append(f"row {number}: no action text (column for 'title', e.g. 'Action')")
            continue
        item: dict[str, Any] = {"id": row.get("id", ""), "title": row["title"]}
        sec = row.get("section") or (section[0] if section else None)
        if sec:
            item["_section"] = sec
            title = row.get("section_title") or (section[1] if section and section[0] == sec else None)
            if title:
                out.sections.setdefault(sec, title)
        leads = split_leads(row.get("lead", ""))
        bad = [printed for role, printed in leads if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.&/-]{0,39}", role)]
        if bad:
            out.errors.append(f"row {number}: lead {bad[0]!r} cannot be a role id")
            continue
        if leads:
            item["lead"] = leads[0][0] if len(leads) == 1 else [r for r, _ in leads]
            item["_printed"] = dict(leads)
        if row.get("outcome"):
            item["outcome"] = row["outcome"]
        due, words = row.get("due", ""), row.get("timeline", "")
        try:
            item["due"] = Period.parse(due).text if due else None
        except ValueError:
            found = timescale.parse(due, reference)
            item["due"], words = found.due, words or due
            if found.due is None:
                out.errors.append(f"row {number}: cannot read a due date in {due!r}")
                continue
        if words:
            if item["due"] is None:
                as_above = _norm(words) in ("as above", "ditto", "same as above")
                item["due"] = previous_due if as_above else timescale.parse(words, reference).due
            item["timeline"] = words
        previous_due = item["due"] or previous_due
        status = STATUSES.get(row.get("status", "not started").strip().lower())
        if status is None:
            out.errors.append(f"row {number}: status {row['status']!r} is not one of "
                              "not-started, in-progress, done, blocked, dropped")  # fmt: skip
            continue
        item["status"] = status
        if status == "done":
            item["completed"] = row.get("completed") or day
        if row.get("recommendations"):
            refs = [r.strip() for r in re.split(r"[,;]|\s+(?=\d)", row["recommendations"]) if r.strip()]
            item["recommendations"] = [int(r) if r.isdigit() else r for r in refs]
        if row.get("progress"):
            item["progress"] = progress_notes(row["progress"], day)
        out.items.append({k: v for k, v in item.items() if v not in (None, "")})
    return out


def plan_import(root: Path, corpus: Any, kind: str, org: str, imported: Imported) -> list[Any]:
    """The changes that bring the tracker in line with the spreadsheet (existing entries updated)."""
    from . import edit

    if kind == "assessments":
        return edit.edit_assessments(root, corpus, org, imported.items) if imported.items else []
    existing = {e.model.id: e for e in corpus.actions if e.organisation == org}
    printed: dict[str, str] = {}
    new: list[tuple[str | None, dict[str, Any]]] = []
    changes: list[Any] = []
    for item in imported.items:
        printed |= item.pop("_printed", {})
        section = item.pop("_section", None)
        if item.get("id") in existing:
            old = existing[item["id"]].model
            have = {(n.date.isoformat(), n.note) for n in old.progress}
            notes = [n for n in item.pop("progress", []) if (n["date"], n["note"]) not in have]
            fields = {k: v for k, v in item.items() if k not in ("id",)}
            fields |= {k: None for k in ("lead", "outcome", "due", "timeline", "completed", "recommendations")
                       if k not in item}  # fmt: skip
            changes.append((item["id"], fields, notes))
        else:
            new.append((section, item))
    organisation = corpus.organisation(org)
    roles = organisation.roles if organisation is not None else {}
    missing = {r: p for r, p in printed.items() if r not in roles}
    docs: edit.Docs = {}
    edit.edit_actions(root, corpus, org, changes, docs)
    fresh = edit.add_actions(root, corpus, org, new, section_titles=imported.sections, docs=docs) if new else []
    return (_add_roles(root, corpus, org, missing) if missing else []) + edit.finish_all(docs) + fresh


def _add_roles(root: Path, corpus: Any, org: str, roles: dict[str, str]) -> list[Any]:
    from . import edit

    entry = corpus.organisations[org][0]
    rel, path = entry.at.file.rel, entry.at.path
    raw, doc = edit.read_doc(root, rel)
    if "roles" in doc.node(path).keys:
        for role, printed in sorted(roles.items()):
            doc.set((*path, "roles"), role, printed)
    else:
        doc.set(path, "roles", dict(sorted(roles.items())), ("id", "name", "roles"))
    return [edit.finish(rel, raw, doc, "")]
