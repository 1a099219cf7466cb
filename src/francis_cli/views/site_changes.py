"""A register page's changes from git, in words, and an action's moves of its due date with their
reasons: what ``views.site`` shows under "History of changes" and "Changes to the due date"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models.vocab import due_label
from ..models.workplan import Action
from .history import ItemHistory
from .site_assurance import due_changes
from .site_history import change_words


@dataclass(frozen=True, slots=True)
class Change:
    organisation: str
    commit: str | None
    """None: not yet committed (a site built from the work tree)."""
    date: str | None
    author: str | None
    subject: str | None
    kind: str
    words: list[str]


@dataclass(frozen=True, slots=True)
class Slip:
    """A move of an action's due date and its reason: recorded in ``due_changes``, or found in git
    (its reason then the progress notes of the same change)."""

    date: str | None
    old: str
    new: str
    days: int | None
    reason: str | None
    by: str | None = None


def changes(items: Sequence[ItemHistory]) -> list[Change]:
    out = [
        Change(i.organisation, r.commit, r.date, r.author, r.subject, r.kind, [change_words(c) for c in r.changes])
        for i in items
        for r in i.revisions
    ]
    return sorted(out, key=lambda c: (c.commit is None, c.date or "", c.organisation))


def _slips(item: ItemHistory) -> list[Slip]:
    out = []
    for r in item.revisions:
        notes = " ".join((c.new or "").split(": ", 1)[-1] for c in r.changes if c.field == "note") or None
        for c in r.changes:
            if c.field == "due" and c.old and c.new:
                out.append(Slip(r.date, period(c.old), period(c.new), c.days, notes))
    return out


def moves(action: Action, items: Sequence[ItemHistory]) -> list[Slip]:
    """The recorded changes of the due date, and the moves git shows (in ``items``) that none of them records."""
    found = [s for item in items for s in _slips(item)]
    recorded = [Slip(c.date.isoformat(), c.old, c.new, c.days, c.reason, c.by) for c in due_changes(action)]
    told = {(s.old, s.new) for s in recorded}
    return sorted([*recorded, *(s for s in found if (s.old, s.new) not in told)], key=lambda s: s.date or "~")


def period(text: str) -> str:
    from ..models.common import Period

    try:
        return due_label(Period.parse(text))
    except ValueError:
        return text
