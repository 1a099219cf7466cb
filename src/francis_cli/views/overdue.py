"""``overdue``: open actions past their due period, those due soon, and what needs review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..models.organisation import Organisation
from ..models.vocab import CLOSED
from ..models.workplan import is_due_soon, is_overdue
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from .status import organisations_for


@dataclass(frozen=True, slots=True)
class LateAction:
    organisation: str
    id: str
    title: str
    leads: list[tuple[str, str]]
    """(role id, role title) for each lead."""
    due: str
    due_end: date
    days: int
    """Days overdue (positive), or days until due (zero or negative) for those due soon."""
    status: str
    last_progress: date | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Stale:
    kind: Literal["assessment", "action"]
    organisation: str
    ref: str
    """The file of a stale assessment, or the id of a stale action."""
    title: str
    last: date
    age: int
    count: int


@dataclass(frozen=True, slots=True)
class Overdue:
    as_of: date
    within: int | None
    stale_days: int
    overdue: list[LateAction]
    due_soon: list[LateAction]
    stale: list[Stale]


def _late(entry: ActionEntry, org: Organisation | None, as_of: date) -> LateAction:
    a = entry.model
    assert a.due is not None
    roles = org.roles if org else {}
    line, _ = entry.at.file.source.locate(entry.at.path)
    return LateAction(
        organisation=entry.organisation,
        id=a.id,
        title=a.title,
        leads=[(r, roles.get(r, r)) for r in a.lead],
        due=str(a.due),
        due_end=a.due.end,
        days=(as_of - a.due.end).days,
        status=a.status,
        last_progress=max((p.date for p in a.progress), default=None),
        path=entry.at.file.rel,
        line=line,
    )


def overdue(
    corpus: Corpus,
    *,
    as_of: date,
    within: int | None = None,
    orgs: Sequence[str] = (),
    leads: Sequence[str] = (),
    stale_days: int = 180,
) -> Overdue:
    """Open actions past their due period (most overdue first), those due soon, and stale items."""
    organisations = {o.id: o for o in organisations_for(corpus, orgs)}
    actions = [
        a for a in corpus.actions if a.organisation in organisations and (not leads or set(leads) & set(a.model.lead))
    ]
    late = [_late(a, organisations[a.organisation], as_of) for a in actions if is_overdue(a.model, as_of)]
    late.sort(key=lambda x: (-x.days, x.organisation, x.path, x.line))
    soon: list[LateAction] = []
    if within is not None:
        horizon = min(within, (date.max - as_of).days)  # any number of days: at most to the calendar's end
        soon = [_late(a, organisations[a.organisation], as_of) for a in actions if is_due_soon(a.model, as_of, horizon)]
        soon.sort(key=lambda x: (x.due_end, x.organisation, x.path, x.line))
    return Overdue(as_of, within, stale_days, late, soon, _stale(corpus, organisations, actions, as_of, stale_days))


def _stale(
    corpus: Corpus, organisations: dict[str, Organisation], actions: Sequence[ActionEntry], as_of: date, days: int
) -> list[Stale]:
    out: list[Stale] = []
    files: dict[str, list[AssessmentEntry]] = {}
    for a in corpus.assessments:
        if a.organisation in organisations:
            files.setdefault(a.at.file.rel, []).append(a)
    for rel, entries in files.items():
        assessed = entries[0].file_model.assessed
        if assessed is not None and (as_of - assessed).days > days:
            out.append(
                Stale(
                    "assessment",
                    entries[0].organisation,
                    rel,
                    f"{len(entries)} assessments",
                    assessed,
                    (as_of - assessed).days,
                    len(entries),
                )
            )
    for action in actions:
        if action.model.status in CLOSED:
            continue
        last = max((p.date for p in action.model.progress), default=action.workplan.agreed)
        if last is not None and (as_of - last).days > days:
            out.append(
                Stale("action", action.organisation, action.model.id, action.model.title, last, (as_of - last).days, 1)
            )
    out.sort(key=lambda s: (-s.age, s.organisation, s.ref))
    return out
