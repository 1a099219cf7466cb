"""The words of the domain, each with its one home: file kinds, action statuses, the Government's
responses, the paper's purposes, and the labels they are printed with.

Why: a status written four ways (the model, the status table, the paper, the spreadsheet import)
drifts; here it is written once, and everything else imports it. This module is plain Python,
with no pydantic, so that any stage can use the words without building a model.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from .numbers import REF_DIGITS, RecNumber, typed_number
from .numbers import number_ranges as number_ranges  # where it was first: imported from here too

if TYPE_CHECKING:
    from .common import Period

FileKind = Literal["config", "organisations", "recommendations", "assessments", "workplan"]
"""The kinds of file a tracker holds (``francis.yaml`` is ``config``)."""

ActionStatus = Literal["not-started", "in-progress", "done", "blocked", "dropped"]
STATUSES: tuple[ActionStatus, ...] = ("not-started", "in-progress", "done", "blocked", "dropped")
"""Every action status, in the order tables and papers show them."""
STATUS_LABELS: dict[str, str] = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
    "blocked": "Blocked",
    "dropped": "Dropped",
}
CLOSED: frozenset[str] = frozenset({"done", "dropped"})
"""Statuses of actions that are over: never overdue, never stale."""

NOT_ASSESSED = "not-assessed"
NOT_APPLICABLE = "not-applicable"
"""Where a recommendation stands when it has no rating: its column ids and movement's value."""
NOT_ASSESSED_LABEL = "Not assessed"
"""The status table's column of recommendations with no assessment, wherever that count is shown."""
IN_SCOPE_ASSESSED = "in scope assessed"
NOT_CONSIDERED = "not yet considered"
"""With a scope: the recommendations of it assessed, and those neither in it nor assessed (``status``
says "22 of 22 in scope assessed; 268 not yet considered"): not a gap, and not "not assessed"."""

QuietWarning = Literal["not-transcribed", "missing-position", "no-due"]
"""The warnings a tracker may silence in francis.yaml (``silence:``): facts it knowingly lives with."""

GovernmentResponse = Literal["accepted", "accepted-in-principle", "accepted-in-part", "not-accepted"]

Decision = Literal["accepted", "accepted-in-part", "not-accepted", "not-applicable"]
DECISIONS: dict[str, str] = {
    "accepted": "Accepted",
    "accepted-in-part": "Accepted in part",
    "not-accepted": "Not accepted",
    "not-applicable": "Not applicable",
}
"""An organisation's decision on a recommendation (recommendation 1: "the extent to which it accepts
the recommendations"), in the order tables show them; every one but ``accepted`` needs a reason."""
UNDECIDED = "undecided"
"""Where a recommendation in scope stands before its organisation has decided on it."""

Purpose = Literal["decision", "assurance", "information"]
PURPOSES: dict[str, str] = {
    "decision": "For decision",
    "assurance": "For assurance",
    "information": "For information",
}
"""What a board paper asks of the board, as its cover sheet says it."""

AssuranceLevel = Literal["substantial", "reasonable", "limited", "no-assurance"]
ASSURANCE_LEVELS: dict[str, str] = {
    "substantial": "Substantial assurance",
    "reasonable": "Reasonable assurance",
    "limited": "Limited assurance",
    "no-assurance": "No assurance",
}
"""The level of assurance a board paper gives, highest first, as trust cover sheets print the scale."""

CqcKeyQuestion = Literal["safe", "effective", "caring", "responsive", "well-led"]
CQC_KEY_QUESTIONS: dict[str, str] = {
    "safe": "Safe",
    "effective": "Effective",
    "caring": "Caring",
    "responsive": "Responsive",
    "well-led": "Well-led",
}
"""The Care Quality Commission's five key questions, in the CQC's order."""


class SheetKind(StrEnum):
    """What a spreadsheet holds: a gap assessment, or a workplan's actions."""

    assessments = "assessments"
    actions = "actions"


class ExportKind(StrEnum):
    """What ``francis export`` writes: a sheet ``francis import`` reads back (a ``SheetKind``), or a
    table of records, one row each, that only goes out: evidence records, sign-offs, due changes."""

    assessments = "assessments"
    actions = "actions"
    evidence = "evidence"
    signoffs = "signoffs"
    due_changes = "due-changes"


class SheetFormat(StrEnum):
    """How a spreadsheet is written: CSV, an XLSX workbook, or Parquet (typed columns, for DuckDB)."""

    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


class StatusBy(StrEnum):
    """What the rows of a status table are: themes, organisations (a roll-up), ratings or action leads."""

    theme = "theme"
    organisation = "organisation"
    rating = "rating"
    lead = "lead"


NUMBER_DIGITS = REF_DIGITS
"""The most digits a plain recommendation number may have where it is typed or cited."""


def recommendation_number(text: str) -> RecNumber | None:
    """A recommendation number as a person types it (``132``, ``2(a)``, ``IEA 1.3``), or None
    (``models.numbers.typed_number``: ``²`` or a 5,000-digit string is not a number to look up)."""
    return typed_number(text)


def rating_name(rating_id: str) -> str:
    """A rating's word as printed beside its colour: ``amber`` → ``Amber``."""
    return rating_id.replace("-", " ").capitalize()


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(d: date) -> str:
    """``1 October 2013``: the form board papers print, whatever the machine's locale."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def due_label(period: Period) -> str:
    """A due period as a reader says it: ``June 2013``, ``Q2 2024``, ``2014``, ``16 May 2013``."""
    text = period.text
    if len(text) == 10:
        return long_date(period.end)
    if "Q" in text:
        return f"{text[5:]} {text[:4]}"
    if len(text) == 7:
        return f"{MONTHS[period.end.month - 1]} {period.end.year}"
    return text
