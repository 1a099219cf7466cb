"""``overdue``: open actions past their due period, those due soon, decisions not made in time,
and what needs review."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, cast

from ..models.numbers import RecNumber, in_ranges
from ..models.vocab import CLOSED
from ..tracker.snapshot import ActionFigures, EvidenceFigures, Figures, OrgFigures
from .parts import counted
from .status import due_soon, figures, organisation_figures, refuse_unknown_leads
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
class LateDecision:
    """An organisation's recommendations in scope with no decision once the set's clock has run."""

    organisation: str
    name: str
    numbers: list[RecNumber]
    """The recommendations still to decide, in the set's order."""
    in_scope: int
    due: date
    days: int
    """Days since the last day to decide."""


@dataclass(frozen=True, slots=True)
class LapsingEvidence:
    """An evidence record past its review or expiry day (stale), or coming up to it."""

    organisation: str
    kind: Literal["assessment", "action"]
    ref: str
    """The recommendation's number, or the action's id."""
    title: str
    location: str
    owner: str | None
    lapses: date
    """Its review or expiry day (the earlier): stale from the day after."""
    days: int
    """Days since it lapsed (positive), or days left (zero or negative)."""
    path: str
    line: int
    lapsing: str
    """Which date ``lapses`` is: ``review`` or ``expires`` (``LAPSING_LABELS`` words it)."""


LAPSING_HEADER = "Review or expiry"
LAPSING_LABELS = {"review": "review", "expires": "expiry"}
"""What the overdue list calls the date a record lapses on, under ``LAPSING_HEADER``."""


def lapsing_cell(e: LapsingEvidence) -> str:
    """``2014-03-31 review`` or ``2014-03-31 expiry``: the date, and which of the record's dates it is."""
    return f"{e.lapses.isoformat()} {LAPSING_LABELS[e.lapsing]}"


@dataclass(frozen=True, slots=True)
class Overdue:
    as_of: date
    within: int | None
    stale_days: int
    overdue: list[LateAction]
    due_soon: list[LateAction]
    stale: list[Stale]
    respond_by: date | None = None
    """The default set's last day to decide on its recommendations (None: it sets no clock)."""
    decisions: list[LateDecision] = field(default_factory=list)
    evidence: list[LapsingEvidence] = field(default_factory=list)
    """Stale evidence: past its review or expiry day, longest lapsed first."""
    evidence_soon: list[LapsingEvidence] = field(default_factory=list)
    """With ``within``: evidence whose review or expiry day comes in the next ``within`` days."""


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
    refuse_unknown_leads(list(organisations.values()), leads)
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
    stale = _stale(f, organisations, actions, as_of, stale_days)
    decisions = [] if leads else _late_decisions(f, organisations, as_of)
    stale_evidence, evidence_soon = lapsing(f, as_of, within, organisations, leads)
    return Overdue(as_of, within, stale_days, late, soon, stale, f.respond_by, decisions, stale_evidence, evidence_soon)


def lapsing(
    f: Figures, as_of: date, within: int | None, organisations: dict[str, OrgFigures], owners: Sequence[str] = ()
) -> tuple[list[LapsingEvidence], list[LapsingEvidence]]:
    """Evidence past its review or expiry day (on the day itself it is still current), and, with
    ``within``, evidence lapsing between ``as_of`` and ``within`` days later; of the organisations
    asked for, owned by one of ``owners`` when given."""
    until = as_of + timedelta(days=min(within, (date.max - as_of).days)) if within is not None else None
    stale, soon = [], []
    for e in f.evidence:
        if e.organisation not in organisations or (owners and e.owner not in owners):
            continue
        if e.lapses < as_of:
            stale.append(_lapsing(e, as_of, f))
        elif until is not None and e.lapses <= until:
            soon.append(_lapsing(e, as_of, f))
    stale.sort(key=lambda x: (-x.days, x.organisation, x.path, x.line))
    soon.sort(key=lambda x: (x.lapses, x.organisation, x.path, x.line))
    return stale, soon


def _lapsing(e: EvidenceFigures, as_of: date, f: Figures) -> LapsingEvidence:
    line = f.line_of(cast("ActionFigures", e))  # line_of reads only the path and the place in the file
    kind: Literal["assessment", "action"] = "action" if e.kind == "action" else "assessment"
    days = (as_of - e.lapses).days
    return LapsingEvidence(
        e.organisation, kind, e.ref, e.title, e.location, e.owner, e.lapses, days, e.path, line, e.lapsing
    )


def _late_decisions(f: Figures, organisations: dict[str, OrgFigures], as_of: date) -> list[LateDecision]:
    """Once the clock has run: each organisation assessed against the set, its recommendations in
    scope (the whole set when it declares no scope) with no decision, most numerous first."""
    due = f.respond_by
    if due is None or f.set is None or due >= as_of:
        return []
    numbers = counted([n for n, _ in f.set.recommendations])
    out = []
    for org in organisations.values():
        ranges = f.scope.get(org.id)
        if ranges is None and org.id not in f.assessed:
            continue
        inside = numbers if ranges is None else [n for n in numbers if in_ranges(n, ranges)]
        decided = f.decisions.get(org.id, {})
        undecided = [n for n in inside if n not in decided]
        if undecided:
            out.append(LateDecision(org.id, org.name, undecided, len(inside), due, (as_of - due).days))
    out.sort(key=lambda d: (-len(d.numbers), d.organisation))
    return out


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
