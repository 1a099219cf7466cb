"""The audit trail of one recommendation (per organisation) or one action, from git history.

The commits that touched the files of the item's organisation are read (``tracker.revisions``),
those files only, and the item's state compared with its parent's: a change is recorded with the
commit's date and author. Items are found by identity, not by file, so a renamed or split file is
followed (a file git saw deleted is read too). Each file is loaded once per blob id, through the
cache: an unchanged file costs nothing at the next commit, and a second run parses nothing. A
merge records only what differs from every parent (a conflict resolution), so a change made on a
branch is reported once, at the commit that made it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import UserError
from ..models.assessment import Assessment, AssessmentFile, evidence_line
from ..models.vocab import NOT_APPLICABLE, FileKind, recommendation_number
from ..models.workplan import Action, Workplan
from ..tracker.corpus import Corpus
from ..tracker.git import Commit, Repo
from ..tracker.movement import approval, direction, evidence_dates
from ..tracker.paths import CONFIG_FILE, DATA_DIR, KIND_DIRS, classify
from ..tracker.revisions import Snapshot, Snapshots

Key = tuple[str, ...]
ItemState = dict[str, Any]
"""An item's fields as compared between commits: text normalised, values as printed."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None
    days: int | None = None
    """For ``due``: days the end of the due period moved (positive: later)."""
    direction: str | None = None
    """For ``rating``: up, down or changed."""


@dataclass(frozen=True, slots=True)
class Revision:
    commit: str | None
    """Short commit id; None for uncommitted changes in the work tree."""
    date: str | None
    author: str | None
    subject: str | None
    kind: Literal["added", "changed", "removed"]
    changes: list[FieldChange]


@dataclass(slots=True)
class ItemHistory:
    kind: Literal["assessment", "action"]
    organisation: str
    ref: str
    """``SET:NUMBER`` of an assessment, or the action's id."""
    title: str | None
    revisions: list[Revision] = field(default_factory=list)
    slipped: int = 0
    """How many times ``due`` moved later."""
    original_due: str | None = None
    current_due: str | None = None


@dataclass(frozen=True, slots=True)
class History:
    ref: str
    items: list[ItemHistory]
    commits: int
    """Commits that touched the tracker (of them, only those that touched the item's files are read)."""
    shallow: bool
    """The clone is shallow: history before its oldest commit is not available."""


_ASSESSMENT_FIELDS = (
    "rating",
    "position",
    "evidence",
    "actions",
    "decision",
    "decided",
    "decided_by",
    "reason",
    "assurance",
    "evidence dates",
    "sign-off",
)
_ACTION_FIELDS = (
    "title",
    "lead",
    "outcome",
    "status",
    "completed",
    "due",
    "timeline",
    "recommendations",
    "evidence",
    "evidence dates",
    "sign-off",
)


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _assessment_state(a: Assessment) -> ItemState:
    return {
        "rating": a.rating if a.applicable else NOT_APPLICABLE,  # None: decided, not yet assessed
        "position": _norm(a.position),
        "evidence": "; ".join(_norm(evidence_line(e)) or "" for e in a.evidence) or None,
        "actions": ", ".join(a.actions) or None,
        "decision": a.decision,
        "decided": a.decided.isoformat() if a.decided else None,
        "decided_by": _norm(a.decided_by),
        "reason": _norm(a.reason),
        "assurance": a.assurance,
        "evidence dates": evidence_dates(a.evidence),
        "sign-off": approval(a, a.signoffs),
    }


def _action_state(a: Action) -> ItemState:
    return {
        "title": a.title,
        "lead": ", ".join(a.lead) or None,
        "outcome": _norm(a.outcome),
        "status": a.status,
        "completed": a.completed.isoformat() if a.completed else None,
        "due": str(a.due) if a.due else None,
        "due_end": a.due.end.toordinal() if a.due else None,
        "timeline": _norm(a.timeline),
        "recommendations": ", ".join(str(r) for r in a.recommendations) or None,
        "progress": [(p.date.isoformat(), p.by, _norm(p.note)) for p in a.progress],
        "due_changes": [_note_text(c.date.isoformat(), c.by, f"was {c.was}. {_norm(c.reason)}") for c in a.due_changes],
        "evidence": "; ".join(_norm(evidence_line(e)) or "" for e in a.evidence) or None,
        "evidence dates": evidence_dates(a.evidence),
        "sign-off": approval(a, a.signoffs),
    }


_STATES = 3
"""The version of what the cache keeps of a file for a history: bumped when the states change."""


class _Walker:
    """The states of the items a history follows, at each commit and in the work tree.

    Why: a commit can change an item only by changing a file that holds it, and such a file is
    one of its organisation's, so only the commits that touched those files are read, and only
    those files at each; and what a file holds of the item is kept in the cache by its blob id."""

    def __init__(
        self, repo: Repo, target: Literal["assessment", "action"], match: Key, orgs: Sequence[str], now: Corpus
    ) -> None:
        self.kind: FileKind = "assessments" if target == "assessment" else "workplan"
        self.target, self.match, self.orgs, self.repo = target, match, set(orgs), repo
        which = match[2:] if target == "assessment" else match
        self.snapshots = Snapshots(repo, [self.kind], now, self._file_states, (_STATES, target, which))
        self.paths: set[str] = set()
        self.states: dict[str, dict[Key, ItemState]] = {}
        self.current: Snapshot | None = None

    def _file_states(self, model: Any) -> list[Any] | None:
        """What a file holds of the item: [organisation, its set or None, the item's states in order]."""
        if isinstance(model, AssessmentFile):
            number = int(self.match[2])
            found = [_assessment_state(a) for a in model.assessments if a.recommendation == number]
            return [model.organisation, model.set, found]
        if isinstance(model, Workplan):
            actions = [x for s in model.sections for x in s.actions] + list(model.actions)
            mine = model.organisation == self.match[0]
            return [model.organisation, None, [_action_state(a) for a in actions if mine and a.id == self.match[1]]]
        return None

    def follow(self, now: Corpus, head: str | None) -> None:
        """Follow every file that can have held the items: their organisations' files in the work
        tree and at ``head``, and every file of their kind that git saw deleted (a renamed file's
        old path among them)."""
        files = [(rel, value[0]) for rel, value in self._current(now).files if value]
        if head is not None:
            files += [(rel, value[0]) for rel, value in self.snapshots.at(head).files if value]
        self.paths = {rel for rel, org in files if classify(rel) and self._wanted_org(org)}
        folder = next(name for name, kind in KIND_DIRS.items() if kind == self.kind)
        self.paths |= set(self.repo.deleted(f"{DATA_DIR}/{folder}")) if head is not None else set()

    def at(self, sha: str) -> dict[Key, ItemState]:
        if sha not in self.states:
            self.states[sha] = self._states(self.snapshots.at(sha, self.paths))
        return self.states[sha]

    def work_tree(self, corpus: Corpus) -> dict[Key, ItemState]:
        """The states of the matching items in the work tree (``corpus``), read as at a commit."""
        return self._states(self._current(corpus))

    def _current(self, corpus: Corpus) -> Snapshot:
        """What the work tree's files hold of the item (``corpus`` need not hold those files: a
        history loads the work tree without its assessments, which the cache has by their bytes)."""
        if self.current is None:
            self.current = self.snapshots.work_tree(corpus)
        return self.current

    def _states(self, snapshot: Snapshot) -> dict[Key, ItemState]:
        """The first state of each matching item in the snapshot's files, in path order."""
        out: dict[Key, ItemState] = {}
        assessed = self.target == "assessment"
        for _, value in snapshot.files:
            if not value or not value[2]:
                continue
            org, set_id, found = value
            key: Key = (org, set_id or snapshot.default_set, self.match[2]) if assessed else self.match
            if self._wanted(key) and key not in out:
                out[key] = found[0]
        return out

    def _wanted_org(self, org: str) -> bool:
        return (not self.orgs or org in self.orgs) and self.match[0] in ("", org)

    def _wanted(self, key: Key) -> bool:
        return self._wanted_org(key[0]) and all(m in ("", k) for m, k in zip(self.match, key, strict=True))


def _changes(old: ItemState, new: ItemState, fields: tuple[str, ...], scheme: list[str]) -> list[FieldChange]:
    out = []
    for name in fields:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        days = new["due_end"] - old["due_end"] if name == "due" and a and b else None
        way = direction(scheme, a, b) if name == "rating" and a and b else None
        out.append(FieldChange(name, a, b, days, way))
    if "progress" in new:
        had = list(old.get("progress", []))
        for note in new["progress"]:
            if note in had:
                had.remove(note)
            else:
                date, by, text = note
                out.append(FieldChange("note", None, _note_text(date, by, text)))
    for reason in new.get("due_changes", [])[len(old.get("due_changes", [])) :]:
        out.append(FieldChange("due reason", None, reason))
    return out


def _note_text(day: str, by: str | None, text: str) -> str:
    return f"{day}{f' ({by})' if by else ''}: {text}"


def _initial(state: ItemState, fields: tuple[str, ...]) -> list[FieldChange]:
    return (
        [FieldChange(name, None, state[name]) for name in fields if state.get(name)]
        + [FieldChange("note", None, _note_text(d, by, text)) for d, by, text in state.get("progress", [])]
        + [FieldChange("due reason", None, reason) for reason in state.get("due_changes", [])]
    )


def _resolve(corpus: Corpus, ref: str) -> tuple[Literal["assessment", "action"], Key, str]:
    """``132``, ``SET:132``, ``ORG:3.2`` or a ``3.2`` unique among the work tree's actions."""
    ref = ref.strip()
    prefix, sep, rest = ref.partition(":")
    number, in_set = recommendation_number(ref), recommendation_number(rest)
    default = corpus.set()
    if not sep and number is not None and (isinstance(number, int) or (default and number in default.numbers)):
        return "assessment", ("", corpus.config.default_set, str(number)), f"{corpus.config.default_set}:{number}"
    if sep and in_set is not None and (prefix in corpus.sets or prefix not in corpus.organisations):
        return "assessment", ("", prefix, str(in_set)), f"{prefix}:{in_set}"
    if sep:
        return "action", (prefix, rest), ref
    owners = sorted({a.organisation for a in corpus.actions if a.model.id == ref})
    if len(owners) > 1:
        raise UserError(f"action {ref!r} exists in {', '.join(owners)}: write ORG:{ref}")
    if not owners:
        raise UserError(
            f"{ref!r} is neither a recommendation number nor an action id in the work tree "
            "(for an action that is gone, write ORG:ID)"
        )
    return "action", (owners[0], ref), ref


def history(now: Corpus, repo: Repo, ref: str, *, orgs: Sequence[str] = ()) -> History:
    """Each revision where the recommendation's assessments, or the action, changed; oldest first.

    ``now`` is the work tree's tracker, ``repo`` the repository holding its history.
    """
    target, match, label = _resolve(now, ref)
    scheme = [r.id for r in now.ratings]
    fields = _ASSESSMENT_FIELDS if target == "assessment" else _ACTION_FIELDS
    walker = _Walker(repo, target, match, orgs, now)
    head = repo.head()
    walker.follow(now, head)
    commits = repo.log([*sorted(walker.paths), CONFIG_FILE])
    items: dict[Key, ItemHistory] = {}
    for c in commits:
        cur = walker.at(c.sha)
        parents = [walker.at(p) for p in c.parents]
        for key in sorted(set(cur) | {k for p in parents for k in p}):
            rev = _revision(key, cur, parents, fields, scheme, c)
            if rev is not None:
                _item(items, key, target, now).revisions.append(rev)
    last = walker.at(head) if head and commits else {}
    walker.snapshots.prune()
    shallow = repo.is_shallow()
    work = walker.work_tree(now)
    for key in sorted(set(work) | set(last)):
        rev = _revision(key, work, [last], fields, scheme, None)
        if rev is not None:
            _item(items, key, target, now).revisions.append(rev)
    wanted = list(items.values())
    if not wanted:
        raise UserError(
            f"no {'assessment of recommendation' if target == 'assessment' else 'action'} {label} "
            f"in the tracker's history{' for ' + ', '.join(orgs) if orgs else ''}"
        )
    for item in wanted:
        _slippage(item)
    touched = len(repo.log([DATA_DIR, CONFIG_FILE])) if head else 0
    return History(label, sorted(wanted, key=lambda i: (i.organisation, i.ref)), touched, shallow)


def _revision(
    key: Key,
    cur: dict[Key, ItemState],
    parents: list[dict[Key, ItemState]],
    fields: tuple[str, ...],
    scheme: list[str],
    c: Commit | None,
) -> Revision | None:
    new = cur.get(key)
    olds = [p.get(key) for p in parents] or [None]
    if any(o == new for o in olds):
        return None
    old = olds[0]
    if new is None:
        return _made(c, "removed", [])
    if old is None:
        return _made(c, "added", _initial(new, fields))
    changes = _changes(old, new, fields, scheme)
    if len(olds) > 1:  # a merge: only what differs from every parent (a conflict resolved by hand)
        changes = [ch for ch in changes if all(not _same(ch, o) for o in olds[1:])]
    return _made(c, "changed", changes) if changes else None


def _made(c: Commit | None, kind: Literal["added", "changed", "removed"], changes: list[FieldChange]) -> Revision:
    if c is None:
        return Revision(None, None, None, None, kind, changes)
    return Revision(c.short, c.date[:10], c.author, c.subject, kind, changes)


def _same(ch: FieldChange, parent: ItemState | None) -> bool:
    """Whether ``parent`` already had the value that ``ch`` introduces."""
    if parent is None:
        return False
    if ch.field == "note":
        return any(ch.new == _note_text(d, by, text) for d, by, text in parent.get("progress", []))
    return bool(parent.get(ch.field) == ch.new)


def _item(items: dict[Key, ItemHistory], key: Key, target: Literal["assessment", "action"], now: Corpus) -> ItemHistory:
    if key not in items:
        if target == "assessment":
            org, set_id, number = key
            entry = now.set(set_id)
            rec = entry.numbers.get(int(number)) if entry else None
            items[key] = ItemHistory(target, org, f"{set_id}:{number}", rec.title if rec else None)
        else:
            items[key] = ItemHistory(target, key[0], key[1], None)
    return items[key]


def _slippage(item: ItemHistory) -> None:
    if item.kind != "action":
        return
    for rev in item.revisions:
        for ch in rev.changes:
            if ch.field == "title" and ch.new:
                item.title = ch.new
            if ch.field == "due":
                if item.original_due is None:
                    item.original_due = ch.old or ch.new
                item.current_due = ch.new
                if ch.days is not None and ch.days > 0:
                    item.slipped += 1
        if rev.kind == "removed":
            item.current_due = None


# The rules of one item's history that views.site_history applies to every item of a tracker at
# once (its states and their version, its fields, a commit compared with its parents, an action's slippage).
STATES = _STATES
ASSESSMENT_FIELDS = _ASSESSMENT_FIELDS
ACTION_FIELDS = _ACTION_FIELDS
assessment_state = _assessment_state
action_state = _action_state
item_of = _item
revision = _revision
slippage = _slippage
