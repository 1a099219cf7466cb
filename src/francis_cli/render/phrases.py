"""How movement and history are put into words, the same in the terminal and in Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from ..models.numbers import RecNumber
from ..models.vocab import DECISIONS, IN_SCOPE_ASSESSED, NOT_CONSIDERED
from ..problems import plural

if TYPE_CHECKING:  # names for annotations only: ``status`` uses scope_words without loading movement
    from ..tracker.movement_items import ActionChange, DueMove, FieldEdit, Movement, OrgMovement
    from ..views.status import ScopeSummary

MARK = {"up": "▲", "down": "▼", "changed": "◆"}


STYLE = {"up": "bold green", "down": "bold red", "changed": "bold yellow"}


def rec_label(set_id: str, number: RecNumber, title: str | None) -> str:
    return f"{number} {title}" if title else str(number)


def coming_days(days: int) -> str:
    """The days a ``--within`` counts from the as-of day: ``today`` (0), ``the next day``, ``the next 14 days``."""
    if days == 0:
        return "today"
    return "the next day" if days == 1 else f"the next {days} days"


def within_words(days: int) -> str:
    """``today``, ``in the next day``, ``in the next 14 days``: when something falls due."""
    return "today" if days == 0 else f"in {coming_days(days)}"


def due_soon_title(days: int) -> str:
    """The overdue list's second list: ``Due in the next 30 days``, ``Due today``."""
    return f"Due {within_words(days)}"


def lapsed_evidence_title(as_of: date) -> str:
    return f"Evidence past its review or expiry date on {as_of.isoformat()}"


def lapsing_evidence_title(days: int) -> str:
    return f"Evidence to review {within_words(days)}"


def rating_words(rating: str) -> str:
    return rating.replace("-", " ")


def scope_words(s: ScopeSummary) -> str:
    """``22 of 22 in scope assessed; 268 not yet considered. Decisions: none recorded.``"""
    parts = []
    if s.in_scope is not None:
        parts.append(f"{s.assessed} of {s.in_scope} {IN_SCOPE_ASSESSED}; {s.not_considered} {NOT_CONSIDERED}.")
    made = [f"{n} {DECISIONS[d].lower()}" for d, n in s.decisions.items() if n]
    if made:
        todo = f"; {s.undecided} in scope to decide" if s.undecided else ""
        parts.append(f"Decisions: {', '.join(made)}{todo}.")
    elif s.in_scope is not None:
        parts.append("Decisions: none recorded.")
    return " ".join(parts)


def due_words(d: DueMove) -> str:
    if d.old is None:
        return f"due date set: {d.new}"
    if d.new is None:
        return f"due date removed (was {d.old})"
    if d.days == 0:
        return f"{d.old} → {d.new} (same end date)"
    assert d.days is not None
    return f"{d.old} → {d.new} ({abs(d.days)} days {'later' if d.days > 0 else 'earlier'})"


def action_words(a: ActionChange) -> str:
    if a.kind == "added":
        return f"new action ({a.new_status})"
    if a.kind == "removed":
        return "removed from the workplan"
    if a.kind == "completed":
        return f"done{f' on {a.completed.isoformat()}' if a.completed else ''} (was {a.old_status})"
    return f"{a.old_status} → {a.new_status}"


def sections(om: OrgMovement) -> Iterator[tuple[str, list[Any]]]:
    """(section title, items) in the order every format shows them."""
    yield "Ratings", list(om.ratings)
    yield "Newly assessed", list(om.assessed)
    yield "No longer assessed", list(om.unassessed)
    yield "Positions", list(om.positions)
    yield "Actions", list(om.actions)
    yield "Due dates", list(om.due)
    yield "Progress notes", list(om.notes)
    yield "Other changes", list(om.edits)


def heading(m: Movement) -> str:
    return f"Movement from {m.old.title} to {m.new.title}"


def org_heading(om: OrgMovement) -> str:
    text = f"{om.name} ({om.organisation})"
    if om.change == "added":
        text += " — new organisation"
    if om.change == "removed":
        assessments, actions = om.removed_counts
        text += f" — removed, with {plural(assessments, 'assessment')} and {plural(actions, 'action')}"
    return text


def errors_note(m: Movement) -> list[str]:
    notes = []
    for side in (m.old, m.new):
        if side.errors:
            notes.append(f"Note: {side.title} has {plural(side.errors, 'error')} (what did not load is left out).")
        for rel in side.partial:
            where = "the work tree" if side.commit is None else side.title
            notes.append(f"Note: {rel} did not load whole in {where}: what only one side has of it is not compared.")
    return notes


WORDED = frozenset({"outcome", "evidence", "reason", "timeline"})
"""Fields of prose: a change is shown word by word, as a position is."""


def edit_words(e: FieldEdit) -> str:
    """``lead: DoQ → CSU``; a long text changed is shown whole, before and after."""
    if e.old is None:
        return f"{e.field} set: {e.new}"
    if e.new is None:
        return f"{e.field} removed (was {e.old})"
    return f"{e.field}: {e.old} → {e.new}"


def edit_label(e: FieldEdit) -> str:
    return f"{e.item} {e.title}" if e.title else e.item
