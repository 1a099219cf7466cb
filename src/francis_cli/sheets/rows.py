"""Spreadsheet rows as assessments and actions, and the edits that bring them into the tracker.

Cells are read as people write them in action logs: several leads in one cell ("DoQ and AO"),
a rating by id, label or initial, a due date in words ("Sept 13", "as above"), progress notes
one per dated line. A row that cannot be read is reported by its number, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..models.vocab import STATUSES
from .table import SheetRows, normalise


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


STATUS_WORDS: dict[str, str] = {
    **{s: s for s in STATUSES},
    **{s.replace("-", " "): s for s in STATUSES},
    "open": "not-started",
    "planned": "not-started",
    "ongoing": "in-progress",
    "started": "in-progress",
    "on track": "in-progress",
    "complete": "done",
    "completed": "done",
    "closed": "done",
    "on hold": "blocked",
    "cancelled": "dropped",
    "withdrawn": "dropped",
}
"""How action logs write a status, as the status it is."""


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


def read_assessments(table: SheetRows, org: str, ratings: Sequence[Any]) -> Imported:
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
                known = ", ".join(r.id for r in ratings)
                out.errors.append(f"row {number}: rating {row['rating']!r} is not one of {known}")
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


def read_actions(table: SheetRows, org: str, day: str, reference: date) -> Imported:
    from ..models.common import Period
    from . import timescale

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
                as_above = normalise(words) in ("as above", "ditto", "same as above")
                item["due"] = previous_due if as_above else timescale.parse(words, reference).due
            item["timeline"] = words
        previous_due = item["due"] or previous_due
        status = STATUS_WORDS.get(row.get("status", "not started").strip().lower())
        if status is None:
            out.errors.append(f"row {number}: status {row['status']!r} is not one of {', '.join(STATUSES)}")
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
