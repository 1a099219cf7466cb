"""The items of a ``Movement``: what one rating, assessment, position, action, due date, progress
note or other field did between two states of a tracker, each at its place in the newer file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..models.numbers import RecNumber

Direction = Literal["up", "down", "changed"]
ActionKind = Literal["added", "removed", "completed", "dropped", "reopened", "status"]
WordOp = Literal["same", "del", "add"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where an item stands in the newer state (path relative to the tracker, 1-based)."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class RatingMove:
    set: str
    recommendation: RecNumber
    title: str | None
    old: str
    new: str
    """Rating ids, or ``not-applicable``."""
    direction: Direction
    position_changed: bool
    new_evidence: list[str]
    place: Place


@dataclass(frozen=True, slots=True)
class AssessmentItem:
    """An assessment that appeared or went away: its rating (or ``not-applicable``) on that side."""

    set: str
    recommendation: RecNumber
    title: str | None
    rating: str
    place: Place | None


@dataclass(frozen=True, slots=True)
class PositionChange:
    set: str
    recommendation: RecNumber
    title: str | None
    old: str
    new: str
    words: list[tuple[WordOp, str]]
    place: Place


@dataclass(frozen=True, slots=True)
class ActionChange:
    kind: ActionKind
    id: str
    title: str
    old_status: str | None
    new_status: str | None
    completed: date | None
    new_notes: int
    place: Place | None


@dataclass(frozen=True, slots=True)
class DueMove:
    id: str
    title: str
    old: str | None
    new: str | None
    days: int | None
    """Days the due period's end moved: positive later, negative earlier; None when set or cleared."""
    new_notes: int
    place: Place
    reason: str | None = None
    """The reason a ``due_changes`` entry added with the move gives (its ``was`` the old due)."""

    @property
    def later(self) -> bool:
        return self.days is not None and self.days > 0


@dataclass(frozen=True, slots=True)
class NewNote:
    action: str
    title: str
    date: date
    by: str | None
    note: str
    place: Place


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """Any other field a board cares about that changed: an action's lead, title, outcome or
    timeline; an assessment's linked actions, its organisation's ``decision`` (``decided``,
    ``decided_by``, ``reason``) and ``assurance``; and of both, the ``evidence`` (a line each),
    ``evidence dates`` (each record's review and expiry days) and ``sign-off`` (the latest, and
    ``void: changed since`` once the content is no longer what it approved)."""

    item: str
    """The action's id, or the recommendation's number."""
    title: str | None
    field: str
    old: str | None
    new: str | None
    place: Place


@dataclass(slots=True)
class OrgMovement:
    organisation: str
    name: str
    change: Literal["added", "removed"] | None = None
    """The organisation itself appeared or went away (from organisations.yaml and every file)."""
    ratings: list[RatingMove] = field(default_factory=list)
    assessed: list[AssessmentItem] = field(default_factory=list)
    unassessed: list[AssessmentItem] = field(default_factory=list)
    positions: list[PositionChange] = field(default_factory=list)
    actions: list[ActionChange] = field(default_factory=list)
    due: list[DueMove] = field(default_factory=list)
    notes: list[NewNote] = field(default_factory=list)
    edits: list[FieldEdit] = field(default_factory=list)
    removed_counts: tuple[int, int] = (0, 0)
    """For a removed organisation: how many assessments and actions went with it."""

    def reason(self, action: str) -> str | None:
        """The progress notes added to ``action`` in the same movement, oldest first: on a board
        paper, the reason given for its re-dating, completion or change of status; None without one."""
        notes = sorted((n for n in self.notes if n.action == action), key=lambda n: n.date)
        return " ".join(n.note if n.note.endswith((".", "!", "?")) else n.note + "." for n in notes) or None

    @property
    def empty(self) -> bool:
        return not (
            self.change
            or self.ratings
            or self.assessed
            or self.unassessed
            or self.positions
            or self.actions
            or self.due
            or self.edits
            or self.notes
        )


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two states compared: a revision, or the work tree."""

    label: str
    """What the user typed (``HEAD``, ``board-2013-06``) or ``work tree``."""
    commit: str | None
    date: str | None
    """The commit's author date (YYYY-MM-DD), None for the work tree."""
    errors: int = 0
    partial: tuple[str, ...] = ()
    """The assessment and workplan files that did not load whole on this side (an error in the file,
    or in one of its items): what they held there is not compared, so that an error never reads as
    items removed or added."""

    @property
    def title(self) -> str:
        return f"{self.label} ({self.commit}, {self.date})" if self.commit else self.label


@dataclass(frozen=True, slots=True)
class RatingLabel:
    id: str
    label: str
    colour: str | None


@dataclass(frozen=True, slots=True)
class Movement:
    old: Side
    new: Side
    ratings: list[RatingLabel]
    """The (newer) rating scheme, worst first."""
    organisations: list[OrgMovement]

    @property
    def empty(self) -> bool:
        return all(o.empty for o in self.organisations)
