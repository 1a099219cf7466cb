"""Spreadsheet rows as assessments and actions, and the edits that bring them into the tracker.

Cells are read as people write them in action logs: several leads in one cell ("DoQ and AO"),
a rating by id, label or initial, a due date in words ("Sept 13", "as above"), progress notes
one per dated line. A row that cannot be read is reported by its number, with every problem it
has, never guessed; each due read from words is recorded, so that the import can say how it
read them. What the rows mean against the tracker (its roles, its recommendations, its sections)
is ``edit.sheets``'s to judge.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..models.vocab import ASSURANCE_LEVELS, DECISIONS, NUMBER_DIGITS, STATUSES
from ..problems import hint
from .table import SheetRows, normalise

ROLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.&/-]{0,39}")
"""A role id as ``data/organisations.yaml`` holds one (the models' ``RoleId``)."""
AS_ABOVE = ("as above", "ditto", "same as above")
"""The most digits a recommendation number is read with: a longer one is that row's problem (Python
will not even convert more than 4,300 digits to a number)."""


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

DECISION_WORDS: dict[str, str] = {
    **{d: d for d in DECISIONS},
    **{label.lower(): d for d, label in DECISIONS.items()},
    "partially accepted": "accepted-in-part",
    "accepted in principle": "accepted-in-part",
    "rejected": "not-accepted",
    "n/a": "not-applicable",
    "na": "not-applicable",
}
"""How a sheet writes the organisation's decision, as the decision it is."""
ASSURANCE_WORDS: dict[str, str] = {
    **{a: a for a in ASSURANCE_LEVELS},
    **{label.lower(): a for a, label in ASSURANCE_LEVELS.items()},
    "none": "no-assurance",
    "no": "no-assurance",
}
"""How a sheet writes an assurance level (``Reasonable assurance``, ``limited``), as the level it is."""


@dataclass(slots=True)
class Imported:
    """What a spreadsheet holds for the tracker, and the rows that could not be read.

    Each item keeps its row number under ``_row``; ``errors`` and ``readings`` are (row, text).
    """

    items: list[dict[str, Any]] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    readings: list[tuple[int, str]] = field(default_factory=list)

    def bad_rows(self) -> set[int]:
        return {row for row, _ in self.errors}

    def valid(self) -> list[dict[str, Any]]:
        """The items of rows without an error."""
        bad = self.bad_rows()
        return [item for item in self.items if item["_row"] not in bad]


def _other_org(row: dict[str, str], org: str) -> str | None:
    other = row.get("organisation")
    return other if other and other != org else None


def rec_ref(text: str) -> int | str:
    """A recommendation as a workplan cites it: ``132`` or ``francis-2013:132``; ValueError saying why not."""
    from pydantic import ValidationError

    long = re.search(rf"\d{{{NUMBER_DIGITS + 1},}}", text)
    if long:
        raise ValueError(_too_long(long.group()))
    number = text.strip().isascii() and text.strip().isdigit()
    try:
        value: int | str = _rec_ref_adapter().validate_python(int(text) if number else text)
    except ValidationError as err:
        raise ValueError(err.errors()[0]["msg"]) from None
    return value


@functools.cache
def _rec_ref_adapter() -> Any:
    """Built once: building a validator costs about as much as a row's whole import (measured)."""
    from pydantic import TypeAdapter

    from ..models.workplan import RecRef

    return TypeAdapter(RecRef)


def _too_long(digits: str) -> str:
    return f"recommendation number {_short(digits)} has more than {NUMBER_DIGITS} digits"


def _number(cell: str, start: int, known: Container[int | str] = ()) -> int | str:
    """The number in a cell of the recommendation column, its digits at ``start``: ``132`` of
    ``Rec 132``, ``2(a)``, ``2ii``, and a dotted one with its prefix (``IEA 1.3``); a prefixed one
    the set has (``IEA 1`` of a set with IEA 1) whole; else its digits."""
    from ..models.numbers import NumberError, parse_number

    for whole, text in ((True, cell), (False, cell[start:])):
        try:
            number = parse_number(text, digits=NUMBER_DIGITS)
        except NumberError:
            continue
        if not whole or (isinstance(number, str) and ("." in number or number in known)):
            return number
    digits = re.match(r"\d+", cell[start:])
    assert digits is not None  # the caller found digits at ``start``
    return int(digits.group())


def _short(text: str) -> str:
    """A cell's text for a message: its start and its length when it is long."""
    return repr(text) if len(text) <= 20 else f"{text[:12]!r}… ({len(text):,} characters)"


def read_assessments(
    table: SheetRows, org: str, ratings: Sequence[Any], numbers: Container[int | str] = ()
) -> Imported:
    """The assessments of a sheet's rows; the set's ``numbers`` say whether a cell like
    ``IEA 1`` is that number or, like ``Rec 1``, recommendation 1."""
    out = Imported(notes=[f"column {h!r} not imported" for h in table.unused])
    by_name = {r.id: r.id for r in ratings} | {r.label.lower(): r.id for r in ratings}
    by_name |= {r.id[0]: r.id for r in ratings if sum(1 for s in ratings if s.id[0] == r.id[0]) == 1}
    known = ", ".join(r.id for r in ratings)
    for number, row, _ in table.rows:
        if _other_org(row, org):
            out.notes.append(f"row {number}: for {row['organisation']!r}, not {org!r}: skipped")
            continue
        item: dict[str, Any] = {"_row": number}
        m = re.match(r"^\D{0,20}?(\d+)", row.get("recommendation", ""))
        if m is None:
            out.errors.append((number, "no recommendation number (column for 'recommendation')"))
        elif len(m.group(1)) > NUMBER_DIGITS:
            out.errors.append(
                (number, f"recommendation number {_short(m.group(1))} has more than {NUMBER_DIGITS} digits")
            )
        else:
            item["recommendation"] = _number(row["recommendation"], m.start(1), numbers)
        rating = row.get("rating", "").strip().lower()
        if rating in ("n/a", "na", "not applicable") or row.get("applicable", "").lower() in ("no", "n", "false"):
            item["applicable"] = False
            item["reason"] = row.get("reason") or row.get("position") or "Not applicable"
        elif rating in by_name:
            item["rating"] = by_name[rating]
        elif rating:
            out.errors.append((number, f"rating {row['rating']!r} is not one of {known}{hint(rating, by_name)}"))
        if "position" in row and item.get("reason") != row["position"]:
            item["position"] = row["position"]
        if row.get("evidence"):
            item["evidence"] = [e.strip() for e in row["evidence"].split("\n") if e.strip()]
        if row.get("actions"):
            item["actions"] = [a for a in re.split(r"[,;\s]+", row["actions"]) if a]
        out.errors += [(number, e) for e in _decision(item, row)]
        out.items.append(item)
    return out


def _decision(item: dict[str, Any], row: dict[str, str]) -> list[str]:
    """The organisation's decision, when and by whom, its reason, and the assurance level: each
    empty cell leaves the tracker's value as it is."""
    errors = []
    for key, words, known in (
        ("decision", DECISION_WORDS, DECISIONS),
        ("assurance", ASSURANCE_WORDS, ASSURANCE_LEVELS),
    ):
        written = row.get(key, "").strip()
        if not written:
            continue
        value = words.get(" ".join(written.lower().split()))
        if value is None:
            errors.append(f"{key} {written!r} is not one of {', '.join(known)}{hint(written.lower(), words)}")
        else:
            item[key] = value
    decided = row.get("decided", "").strip()
    if decided:
        try:
            item["decided"] = date.fromisoformat(decided).isoformat()
        except ValueError:
            errors.append(f"decided {_short(decided)} is not a date: write it as YYYY-MM-DD")
    if row.get("decided_by", "").strip():
        item["decided_by"] = row["decided_by"].strip()
    if row.get("reason") and "reason" not in item:
        item["reason"] = row["reason"]
    return errors


def read_actions(table: SheetRows, org: str, day: str, reference: date) -> Imported:
    out = Imported(notes=[f"column {h!r} not imported" for h in table.unused])
    previous_due: str | None = None
    for number, row, section in table.rows:
        if _other_org(row, org):
            out.notes.append(f"row {number}: for {row['organisation']!r}, not {org!r}: skipped")
            continue
        errors: list[str] = []
        if not row.get("title"):
            errors.append("no action text (column for 'title', e.g. 'Action')")
        item: dict[str, Any] = {"_row": number, "id": row.get("id", ""), "title": row.get("title")}
        _section(item, row, section, out)
        errors += _leads(item, row)
        if row.get("outcome"):
            item["outcome"] = row["outcome"]
        errors += _due(item, row, previous_due, reference, out)
        previous_due = item.get("due") or previous_due
        errors += _status(item, row, day)
        if row.get("recommendations"):
            errors += _recommendations(item, row["recommendations"])
        if row.get("progress"):
            item["progress"] = progress_notes(row["progress"], day)
        out.errors += [(number, e) for e in errors]
        out.items.append({k: v for k, v in item.items() if v not in (None, "")})
    return out


def _section(item: dict[str, Any], row: dict[str, str], section: tuple[str, str] | None, out: Imported) -> None:
    sec = row.get("section") or (section[0] if section else None)
    if sec:
        item["_section"] = sec
        title = row.get("section_title") or (section[1] if section and section[0] == sec else None)
        if title:
            out.sections.setdefault(sec, title)


def _leads(item: dict[str, Any], row: dict[str, str]) -> list[str]:
    leads = split_leads(row.get("lead", ""))
    if leads:
        item["lead"] = leads[0][0] if len(leads) == 1 else [r for r, _ in leads]
        item["_printed"] = dict(leads)
    return [f"lead {printed!r} cannot be a role id" for role, printed in leads if not ROLE_ID.fullmatch(role)]


def _due(
    item: dict[str, Any], row: dict[str, str], previous_due: str | None, reference: date, out: Imported
) -> list[str]:
    """``due`` and ``timeline`` from the Due and Timeline cells; each due read from words is recorded."""
    from ..models.common import Period
    from . import timescale

    due, words = row.get("due", ""), row.get("timeline", "")
    item["due"] = None
    if due:
        try:
            item["due"] = Period.parse(due).text
        except ValueError:
            if timescale.vague(due, reference):
                return [_vague(due, reference)]
            found = timescale.parse(due, reference)
            if found.due is None and normalise(due) not in timescale.UNKNOWN:
                return [f"cannot read a due date in {due!r}"]
            item["due"], words = found.due, words or due
            if found.due is not None:  # "TBC": read as the timeline's words, below
                out.readings.append((item["_row"], timescale.reading(found)))
    if not words:
        return []
    item["timeline"] = words
    if item["due"] is None:
        if normalise(words) in AS_ABOVE:
            found, how = timescale.Timescale(previous_due, words), "as the row above"
        elif timescale.vague(words, reference):
            return [_vague(words, reference)]
        else:
            found, how = timescale.parse(words, reference), ""
        item["due"] = found.due
        out.readings.append((item["_row"], timescale.reading(found, how)))
    return []


def _vague(words: str, reference: date) -> str:
    from .timescale import example

    iso, said = example(reference)
    return f"{words!r} does not say when it is due: write the date, e.g. {iso} or {said!r} (or TBC)"


def _status(item: dict[str, Any], row: dict[str, str], day: str) -> list[str]:
    written = row.get("status", "not started")
    status = STATUS_WORDS.get(written.strip().lower())
    if status is None:
        close = hint(written.strip().lower(), STATUS_WORDS)
        return [f"status {written!r} is not one of {', '.join(STATUSES)}{close}"]
    item["status"] = status
    if status == "done":
        item["completed"] = row.get("completed") or day
    return []


def _recommendations(item: dict[str, Any], cell: str) -> list[str]:
    refs, errors = [], []
    for text in (r.strip() for r in re.split(r"[,;]|(?<=[0-9a-z)])\s+(?=\d)", cell) if r.strip()):
        try:
            refs.append(rec_ref(text))
        except ValueError as err:
            errors.append(str(err))
    item["recommendations"] = refs
    return errors
