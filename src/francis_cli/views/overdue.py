"""``overdue``: open actions past their due period, those due soon, and what needs review."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..models.vocab import CLOSED
from ..tracker.snapshot import ActionFigures, Figures, OrgFigures
from .status import due_soon, figures, organisation_figures
from .status import overdue as is_overdue

if TYPE_CHECKING:
    from ..tracker.corpus import Corpus


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


def _late(a: ActionFigures, org: OrgFigures, as_of: date, line_of: Callable[[ActionFigures], int]) -> LateAction:
    assert a.due is not None and a.due_end is not None
    return LateAction(
        organisation=a.organisation,
        id=a.id,
        title=a.title,
        leads=[(r, org.roles.get(r, r)) for r in a.lead],
        due=a.due,
        due_end=a.due_end,
        days=(as_of - a.due_end).days,
        status=a.status,
        last_progress=a.last_progress,
        path=a.path,
        line=line_of(a),
    )


def overdue(
    corpus: Corpus | Figures,
    *,
    as_of: date,
    within: int | None = None,
    orgs: Sequence[str] = (),
    leads: Sequence[str] = (),
    stale_days: int = 180,
) -> Overdue:
    """Open actions past their due period (most overdue first), those due soon, and stale items."""
    f = figures(corpus)
    organisations = {o.id: o for o in organisation_figures(f, orgs)}
    actions = [a for a in f.actions if a.organisation in organisations and (not leads or set(leads) & set(a.lead))]
    late = [_late(a, organisations[a.organisation], as_of, f.line_of) for a in actions if is_overdue(a, as_of)]
    late.sort(key=lambda x: (-x.days, x.organisation, x.path, x.line))
    soon: list[LateAction] = []
    if within is not None:
        horizon = min(within, (date.max - as_of).days)  # any number of days: at most to the calendar's end
        soon = [
            _late(a, organisations[a.organisation], as_of, f.line_of) for a in actions if due_soon(a, as_of, horizon)
        ]
        soon.sort(key=lambda x: (x.due_end, x.organisation, x.path, x.line))
    return Overdue(as_of, within, stale_days, late, soon, _stale(f, organisations, actions, as_of, stale_days))


def _stale(
    f: Figures, organisations: dict[str, OrgFigures], actions: Sequence[ActionFigures], as_of: date, days: int
) -> list[Stale]:
    out: list[Stale] = []
    for file in f.assessment_files:
        assessed = file.assessed
        if file.organisation in organisations and assessed is not None and (as_of - assessed).days > days:
            out.append(
                Stale(
                    "assessment",
                    file.organisation,
                    file.path,
                    f"{file.assessments} assessments",
                    assessed,
                    (as_of - assessed).days,
                    file.assessments,
                )
            )
    for action in actions:
        if action.status in CLOSED:
            continue
        last = action.last_progress if action.last_progress is not None else action.agreed
        if last is not None and (as_of - last).days > days:
            out.append(Stale("action", action.organisation, action.id, action.title, last, (as_of - last).days, 1))
    out.sort(key=lambda s: (-s.age, s.organisation, s.ref))
    return out
