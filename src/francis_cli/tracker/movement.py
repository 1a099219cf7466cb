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
from dataclasses import replace
from typing import Any, TypeVar

from ..errors import UserError
from ..models.assessment import Assessment, Evidence, SignOff, evidence_line, fingerprint
from ..models.common import Period
from ..models.numbers import RecNumber, number_key
from ..models.vocab import CLOSED, NOT_APPLICABLE
from ..models.workplan import Action, ProgressNote
from .corpus import ActionEntry, AssessmentEntry, Corpus, Located
from .movement_items import (
    ActionChange,
    ActionKind,
    AssessmentItem,
    Direction,
    DueMove,
    FieldEdit,
    Movement,
    NewNote,
    OrgMovement,
    Place,
    PositionChange,
    RatingLabel,
    RatingMove,
    Side,
    WordOp,
)

T = TypeVar("T")
OrgItems = tuple[dict[tuple[str, RecNumber], AssessmentEntry], dict[str, ActionEntry]]
"""One organisation's assessments by (set, number) and actions by id."""


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


Items = tuple[dict[str, dict[tuple[str, RecNumber], AssessmentEntry]], dict[str, dict[str, ActionEntry]]]
"""Per organisation, its assessments by (set, number) and its actions by id (the first of each)."""


def _items(corpus: Corpus) -> Items:
    """Every organisation's assessments and actions, indexed in one pass over the tracker.

    Why: looking them up per organisation by scanning the whole tracker makes a national
    comparison quadratic in its size."""
    assessments: dict[str, dict[tuple[str, RecNumber], AssessmentEntry]] = {}
    for a in corpus.assessments:
        assessments.setdefault(a.organisation, {}).setdefault((a.set, a.model.recommendation), a)
    actions: dict[str, dict[str, ActionEntry]] = {}
    for act in corpus.actions:
        actions.setdefault(act.organisation, {}).setdefault(act.model.id, act)
    return assessments, actions


def _title(new: Corpus, old: Corpus, set_id: str, number: RecNumber) -> str | None:
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


def _partial(corpus: Corpus) -> list[str]:
    """The assessment and workplan files of ``corpus`` that did not load whole."""
    kinds = ("assessments", "workplan")
    return sorted({f.rel for f in corpus.files if f.kind in kinds and (f.model is None or f.kept)})


def _comparable(
    was: OrgItems, now: OrgItems, old_partial: Sequence[str], new_partial: Sequence[str]
) -> tuple[OrgItems, OrgItems]:
    """``was`` and ``now`` without what only one side has where the other side's file did not load
    whole: an item missing beside an error may have been removed, or may be the error."""
    gone, came = set(new_partial), set(old_partial)

    def keep(mine: dict[Any, Any], theirs: dict[Any, Any], unsure: set[str]) -> dict[Any, Any]:
        return {k: v for k, v in mine.items() if k in theirs or v.at.file.rel not in unsure}

    return (
        (keep(was[0], now[0], gone), keep(was[1], now[1], gone)),
        (keep(now[0], was[0], came), keep(now[1], was[1], came)),
    )


def compare(old: Corpus, new: Corpus, old_side: Side, new_side: Side, *, orgs: Sequence[str] = ()) -> Movement:
    """Everything that moved from ``old`` to ``new``, per organisation."""
    in_new, in_old = _org_ids(new), set(_org_ids(old))
    known = list(dict.fromkeys([*in_new, *_org_ids(old)]))
    for org_id in orgs:
        if org_id not in known:
            raise UserError(f"no organisation {org_id!r} on either side (known: {', '.join(known) or 'none'})")
    ids = [i for i in known if not orgs or i in orgs]
    scheme = [r.id for r in new.ratings]
    before, after, newer = _items(old), _items(new), set(in_new)
    old_partial, new_partial = _partial(old), _partial(new)
    old_side, new_side = replace(old_side, partial=tuple(old_partial)), replace(new_side, partial=tuple(new_partial))
    result = []
    for org_id in ids:
        org = new.organisation(org_id) or old.organisation(org_id)
        om = OrgMovement(org_id, org.name if org else org_id)
        was = before[0].get(org_id, {}), before[1].get(org_id, {})
        if org_id not in newer:
            om.change = "removed"
            om.removed_counts = (len(was[0]), len(was[1]))
        else:
            om.change = None if org_id in in_old else "added"
            now = after[0].get(org_id, {}), after[1].get(org_id, {})
            if old_partial or new_partial:
                was, now = _comparable(was, now, old_partial, new_partial)
            _assessment_moves(om, old, new, scheme, was[0], now[0])
            _action_moves(om, was[1], now[1])
        if not om.empty:
            result.append(om)
    ratings = [RatingLabel(r.id, r.label, r.colour) for r in new.ratings]
    return Movement(old_side, new_side, ratings, result)


def _assessment_moves(
    om: OrgMovement,
    old: Corpus,
    new: Corpus,
    scheme: Sequence[str],
    before: dict[tuple[str, RecNumber], AssessmentEntry],
    after: dict[tuple[str, RecNumber], AssessmentEntry],
) -> None:
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], number_key(k[1]))):
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None and a.model is b.model:
            continue  # from a file both states share (lent, the same blob): nothing moved
        set_id, number = key
        title = _title(new, old, set_id, number)
        rated_a, rated_b = (x is not None and x.model.rated for x in (a, b))  # decided only: not assessed
        if rated_b and not rated_a:
            assert b is not None
            om.assessed.append(AssessmentItem(set_id, number, title, _rating(b), _place(b.at)))
        if rated_a and not rated_b:
            assert a is not None
            om.unassessed.append(AssessmentItem(set_id, number, title, _rating(a), None))
        if a is None or b is None:
            continue
        old_pos, new_pos = _norm(a.model.position), _norm(b.model.position)
        moved = old_pos != new_pos
        if moved:
            om.positions.append(
                PositionChange(
                    set_id, number, title, old_pos, new_pos, word_diff(old_pos, new_pos), _place(b.at, "position")
                )
            )
        if rated_a and rated_b and _rating(a) != _rating(b):
            added = _new_items([*map(evidence_line, a.model.evidence)], [*map(evidence_line, b.model.evidence)], _norm)
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
        "evidence": "; ".join(_norm(evidence_line(e)) for e in action.evidence) or None,
        "evidence dates": evidence_dates(action.evidence),
        "sign-off": approval(action, action.signoffs),
    }


def _assessment_fields(assessment: Assessment) -> dict[str, str | None]:
    return {
        "evidence": "; ".join(_norm(evidence_line(e)) for e in assessment.evidence) or None,
        "actions": ", ".join(assessment.actions) or None,
        "reason": _norm(assessment.reason) or None,
        "decision": assessment.decision,
        "decided": assessment.decided.isoformat() if assessment.decided else None,
        "decided_by": _norm(assessment.decided_by) or None,
        "assurance": assessment.assurance,
        "evidence dates": evidence_dates(assessment.evidence),
        "sign-off": approval(assessment, assessment.signoffs),
    }


def evidence_dates(evidence: Sequence[str | Evidence]) -> str | None:
    """``Quality schedule: review by 2014-03-31, expires 2014-06-30``, a record a clause: what a
    diff and a history show of the days evidence lapses (its lines are in ``evidence``)."""
    parts = []
    for x in evidence:
        if isinstance(x, str) or x.lapses is None:
            continue
        days = [f"{word} {day.isoformat()}" for word, day in (("review by", x.review), ("expires", x.expires)) if day]
        parts.append(f"{_norm(x.title)}: {', '.join(days)}")
    return "; ".join(parts) or None


def approval(item: Assessment | Action, signoffs: Sequence[SignOff]) -> str | None:
    """The latest sign-off, ``by DoQ on 2024-01-10``, and whether the content is still what was
    approved: when not, ``…, void: changed since``. None without a sign-off. (Only an item with
    sign-offs is fingerprinted.)"""
    if not signoffs:
        return None
    last = signoffs[-1]
    said = f"by {last.by} on {last.date.isoformat()}"
    return said if any(s.fingerprint == fingerprint(item) for s in signoffs) else f"{said}, void: changed since"


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


def _action_moves(om: OrgMovement, before: dict[str, ActionEntry], after: dict[str, ActionEntry]) -> None:
    for action_id, b in after.items():
        act, a = b.model, before.get(action_id)
        if a is not None and a.model is act:
            continue
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
            added = _new_items(a.model.due_changes, act.due_changes, lambda c: (c.date, str(c.was), _norm(c.reason)))
            why = next((_norm(c.reason) for c in added if str(c.was) == old_due), None)
            om.due.append(DueMove(action_id, act.title, old_due, new_due, days, len(notes), _place(b.at, "due"), why))
        for note in notes:
            om.notes.append(
                NewNote(action_id, act.title, note.date, note.by, _norm(note.note), _place(b.at, "progress"))
            )
        om.edits.extend(_edits(action_id, act.title, _action_fields(a.model), _action_fields(act), b.at))
    for action_id, a in before.items():
        if action_id not in after:
            om.actions.append(ActionChange("removed", action_id, a.model.title, a.model.status, None, None, 0, None))
