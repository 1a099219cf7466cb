"""What moved between two loaded states of a tracker, as plain data.

The same computation serves ``francis diff``, the review rules of ``francis check
--changed-since`` and the "Movement since" section of ``francis report --since``: two loaded
corpora in, one ``Movement`` out. It lives with the tracker, below both checks and views,
because a review rule (checks) judges it and a paper (views) shows it. Items are matched by
identity (organisation, set and recommendation number; organisation and action id), never by
file, so moving an assessment to another file, or renaming a file, is not movement.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from ..errors import UserError
from ..models.assessment import Assessment
from ..models.common import Period
from ..models.vocab import CLOSED, NOT_APPLICABLE
from ..models.workplan import Action, ProgressNote
from .corpus import ActionEntry, AssessmentEntry, Corpus, Located

Direction = Literal["up", "down", "changed"]
ActionKind = Literal["added", "removed", "completed", "dropped", "reopened", "status"]
WordOp = Literal["same", "del", "add"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Place:
    """Where an item stands in the newer state (path relative to the tracker, 1-based)."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class RatingMove:
    set: str
    recommendation: int
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
    recommendation: int
    title: str | None
    rating: str
    place: Place | None


@dataclass(frozen=True, slots=True)
class PositionChange:
    set: str
    recommendation: int
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
    timeline; an assessment's evidence, linked actions or reason for not applying."""

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


def word_diff(old: str, new: str) -> list[tuple[WordOp, str]]:
    """Runs of words kept, deleted and added: enough to show a narrative's edit in a terminal."""
    a, b = old.split(), new.split()
    out: list[tuple[WordOp, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("add", " ".join(b[j1:j2])))
    return out


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _place(at: Located, key: str | None = None) -> Place:
    path = at.path if key is None or (*at.path, key) not in at.file.source.values else (*at.path, key)
    line, col = at.file.source.locate(path)
    return Place(at.file.rel, line, col)


def _rating(entry: AssessmentEntry) -> str:
    if not entry.model.applicable or entry.model.rating is None:
        return NOT_APPLICABLE
    return entry.model.rating


def _assessments(corpus: Corpus, org: str) -> dict[tuple[str, int], AssessmentEntry]:
    out: dict[tuple[str, int], AssessmentEntry] = {}
    for a in corpus.assessments:
        if a.organisation == org:
            out.setdefault((a.set, a.model.recommendation), a)
    return out


def _actions(corpus: Corpus, org: str) -> dict[str, ActionEntry]:
    out: dict[str, ActionEntry] = {}
    for a in corpus.actions:
        if a.organisation == org:
            out.setdefault(a.model.id, a)
    return out


def _title(new: Corpus, old: Corpus, set_id: str, number: int) -> str | None:
    for corpus in (new, old):
        entry = corpus.set(set_id)
        if entry is not None and number in entry.numbers and entry.numbers[number].title:
            return entry.numbers[number].title
    return None


def direction(scheme: Sequence[str], old: str, new: str) -> Direction:
    if old in scheme and new in scheme:
        return "up" if scheme.index(new) > scheme.index(old) else "down"
    return "changed"


def _org_ids(corpus: Corpus) -> list[str]:
    ids = list(corpus.organisations)
    ids += [a.organisation for a in corpus.assessments] + [a.organisation for a in corpus.actions]
    return list(dict.fromkeys(ids))


def compare(old: Corpus, new: Corpus, old_side: Side, new_side: Side, *, orgs: Sequence[str] = ()) -> Movement:
    """Everything that moved from ``old`` to ``new``, per organisation."""
    known = list(dict.fromkeys([*_org_ids(new), *_org_ids(old)]))
    for org_id in orgs:
        if org_id not in known:
            raise UserError(f"no organisation {org_id!r} on either side (known: {', '.join(known) or 'none'})")
    ids = [i for i in known if not orgs or i in orgs]
    scheme = [r.id for r in new.ratings]
    result = []
    for org_id in ids:
        in_new, in_old = org_id in _org_ids(new), org_id in _org_ids(old)
        org = new.organisation(org_id) or old.organisation(org_id)
        om = OrgMovement(org_id, org.name if org else org_id)
        if not in_new:
            om.change = "removed"
            om.removed_counts = (len(_assessments(old, org_id)), len(_actions(old, org_id)))
        else:
            om.change = None if in_old else "added"
            _assessment_moves(om, old, new, scheme)
            _action_moves(om, old, new)
        if not om.empty:
            result.append(om)
    ratings = [RatingLabel(r.id, r.label, r.colour) for r in new.ratings]
    return Movement(old_side, new_side, ratings, result)


def _assessment_moves(om: OrgMovement, old: Corpus, new: Corpus, scheme: Sequence[str]) -> None:
    before, after = _assessments(old, om.organisation), _assessments(new, om.organisation)
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1])):
        set_id, number = key
        title = _title(new, old, set_id, number)
        a, b = before.get(key), after.get(key)
        if a is None and b is not None:
            om.assessed.append(AssessmentItem(set_id, number, title, _rating(b), _place(b.at)))
            continue
        if b is None and a is not None:
            om.unassessed.append(AssessmentItem(set_id, number, title, _rating(a), None))
            continue
        assert a is not None and b is not None
        old_pos, new_pos = _norm(a.model.position), _norm(b.model.position)
        moved = old_pos != new_pos
        if moved:
            om.positions.append(
                PositionChange(
                    set_id, number, title, old_pos, new_pos, word_diff(old_pos, new_pos), _place(b.at, "position")
                )
            )
        if _rating(a) != _rating(b):
            added = _new_items(a.model.evidence, b.model.evidence, _norm)
            om.ratings.append(
                RatingMove(
                    set_id,
                    number,
                    title,
                    _rating(a),
                    _rating(b),
                    direction(scheme, _rating(a), _rating(b)),
                    moved,
                    added,
                    _place(b.at, "rating"),
                )
            )
        om.edits.extend(_edits(str(number), title, _assessment_fields(a.model), _assessment_fields(b.model), b.at))


def _action_fields(action: Action) -> dict[str, str | None]:
    return {
        "lead": ", ".join(action.lead) or None,
        "title": action.title,
        "outcome": _norm(action.outcome) or None,
        "timeline": _norm(action.timeline) or None,
    }


def _assessment_fields(assessment: Assessment) -> dict[str, str | None]:
    return {
        "evidence": "; ".join(_norm(e) for e in assessment.evidence) or None,
        "actions": ", ".join(assessment.actions) or None,
        "reason": _norm(assessment.reason) or None,
    }


def _edits(
    item: str, title: str | None, old: dict[str, str | None], new: dict[str, str | None], at: Located
) -> list[FieldEdit]:
    """Each field whose value differs, at its line in the newer file."""
    return [
        FieldEdit(item, title, name, old[name], value, _place(at, name))
        for name, value in new.items()
        if old[name] != value
    ]


def _new_items(a: Sequence[T], b: Sequence[T], key: Callable[[T], Hashable]) -> list[T]:
    """Items of ``b`` not in ``a`` (as a multiset): new evidence, new progress notes."""
    had = Counter(key(x) for x in a)
    out = []
    for item in b:
        k = key(item)
        if had[k] > 0:
            had[k] -= 1
        else:
            out.append(item)
    return out


def _note_key(note: ProgressNote) -> Hashable:
    return (note.date, _norm(note.note))


def _days(a: Period, b: Period) -> int:
    return (b.end - a.end).days


def _action_moves(om: OrgMovement, old: Corpus, new: Corpus) -> None:
    before, after = _actions(old, om.organisation), _actions(new, om.organisation)
    for action_id, b in after.items():
        act, a = b.model, before.get(action_id)
        if a is None:
            om.actions.append(
                ActionChange(
                    "added", action_id, act.title, None, act.status, act.completed, len(act.progress), _place(b.at)
                )
            )
            continue
        notes = _new_items(a.model.progress, act.progress, _note_key)
        old_status, status = a.model.status, act.status
        if old_status != status:
            kind: ActionKind = "status"
            if status == "done":
                kind = "completed"
            elif status == "dropped":
                kind = "dropped"
            elif old_status in CLOSED:
                kind = "reopened"
            om.actions.append(
                ActionChange(
                    kind, action_id, act.title, old_status, status, act.completed, len(notes), _place(b.at, "status")
                )
            )
        if str(a.model.due) != str(act.due):
            days = _days(a.model.due, act.due) if a.model.due and act.due else None
            old_due, new_due = (str(d) if d else None for d in (a.model.due, act.due))
            om.due.append(DueMove(action_id, act.title, old_due, new_due, days, len(notes), _place(b.at, "due")))
        for note in notes:
            om.notes.append(
                NewNote(action_id, act.title, note.date, note.by, _norm(note.note), _place(b.at, "progress"))
            )
        om.edits.extend(_edits(action_id, act.title, _action_fields(a.model), _action_fields(act), b.at))
    for action_id, a in before.items():
        if action_id not in after:
            om.actions.append(ActionChange("removed", action_id, a.model.title, a.model.status, None, None, 0, None))
