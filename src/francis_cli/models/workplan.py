"""One organisation's workplan of actions: ``data/workplan/**/*.yaml``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .assessment import EvidenceItem, SignOff
from .common import SLUG, ActionId, Date, DuePeriod, Period, RoleId, Slug, Strict, Text
from .numbers import REF_DIGITS, NumberError, RecNumber, parse_number
from .vocab import CLOSED, ActionStatus


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _parse_ref(text: str) -> tuple[str | None, RecNumber]:
    """``"francis-2013:2i"`` → ("francis-2013", "2i"); ``"132"`` → (None, 132). Raises NumberError."""
    set_id, sep, number = text.strip().partition(":")
    if not sep:
        return None, parse_number(set_id, digits=REF_DIGITS)
    if not re.fullmatch(SLUG, set_id):
        raise NumberError(set_id)
    return set_id, parse_number(number, digits=REF_DIGITS)


def _rec_ref(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            _parse_ref(value)
            return value.strip()
        except NumberError:
            pass
    raise PydanticCustomError(
        "rec_ref",
        "'{value}' is not a recommendation: write a number (132) or set:number (francis-2013:132)",
        {"value": value},
    )


RecRef = Annotated[int | str, BeforeValidator(_rec_ref)]


def split_ref(ref: int | str) -> tuple[str | None, RecNumber]:
    """``132`` → (None, 132); ``"francis-2013:132"`` → ("francis-2013", 132); ``"kirkup-2022:2i"``
    → ("kirkup-2022", "2i")."""
    if isinstance(ref, int):
        return None, ref
    return _parse_ref(ref)


class ProgressNote(Strict):
    date: Date
    note: Text
    by: Text | None = None


class DueChange(Strict):
    """A change of an action's due date and why: HM Treasury's rule for recommendations of the
    Public Accounts Committee, no deferral without saying why; the new date is the action's ``due``
    (or the ``was`` of the change after this one)."""

    date: Date
    was: DuePeriod = Field(description="The due date before this change.")
    reason: Text
    by: Text | None = None


class Action(Strict):
    id: ActionId
    title: Text
    lead: Annotated[
        list[RoleId],
        BeforeValidator(_one_or_many),
        WithJsonSchema(
            {
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                "description": "A role id of the organisation, or a list of them.",
            }
        ),
    ] = Field(default_factory=list)
    outcome: Text | None = None
    due: DuePeriod | None = None
    timeline: Text | None = None
    due_changes: list[DueChange] = Field(
        default_factory=list, description="Each change of `due`, oldest first: when, what it was, and why."
    )
    status: ActionStatus = "not-started"
    completed: Date | None = None
    recommendations: list[RecRef] = Field(default_factory=list)
    progress: list[ProgressNote] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(
        default_factory=list,
        description="Evidence of what was delivered: each a line of text, or a record (as an assessment's).",
    )
    signoffs: list[SignOff] = Field(
        default_factory=list,
        description="Approvals of this action as it stands, oldest first (francis signoff), by a role other "
        "than its lead.",
    )

    @model_validator(mode="after")
    def _completion(self) -> Self:
        if self.status == "done" and self.completed is None:
            raise PydanticCustomError("completed_required", "`status: done` needs a `completed` date")
        if self.status != "done" and self.completed is not None:
            raise PydanticCustomError(
                "completed_forbidden",
                "`completed` is only for `status: done` (status is '{status}')",
                {"status": self.status},
            )
        return self


class Section(Strict):
    id: ActionId
    title: Text
    actions: list[Action] = Field(default_factory=list)


class Workplan(Strict):
    organisation: Slug
    title: Text | None = None
    agreed: Date | None = None
    set: Slug | None = None
    sections: list[Section] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list, description="Actions outside any section.")


def due_end(action: Action) -> date | None:
    """The last day of the action's due period: it is due at the end of it."""
    return action.due.end if action.due else None


def is_overdue(action: Action, as_of: date) -> bool:
    """Overdue: its due period ended before ``as_of`` and it is neither done nor dropped."""
    end = due_end(action)
    return end is not None and end < as_of and action.status not in CLOSED


def is_due_soon(action: Action, as_of: date, days: int) -> bool:
    """Open and due between ``as_of`` and ``days`` later (both included)."""
    end = due_end(action)
    return end is not None and as_of <= end <= as_of + timedelta(days=days) and action.status not in CLOSED


def due_moves(action: Action) -> list[tuple[DueChange, Period | None]]:
    """Each recorded change of the action's due date, oldest first, with the due it moved to: the
    next change's ``was``, the last one's the action's ``due`` (None when it has none now)."""
    changes = action.due_changes
    return [(c, changes[i + 1].was if i + 1 < len(changes) else action.due) for i, c in enumerate(changes)]
