"""``remind`` and ``calendar``: what each lead has falling due and overdue, as plain view-models.

Why: a reminder is the overdue list cut the other way, one digest per organisation and lead, so
it is built on ``views.overdue`` (the same rule, the same order) and only regrouped here. A digest
is a list of sections, each a key and its items: a renderer words each key, so a later kind of
reminder (evidence whose review date comes up) is one more section, not a new digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from ..models.vocab import CLOSED
from .overdue import LateAction, overdue
from .status import figures, organisation_figures, organisations_for

if TYPE_CHECKING:
    from ..tracker.corpus import ActionEntry, Corpus
    from ..tracker.snapshot import Figures, OrgFigures

SectionKey = Literal["overdue", "due-soon"]
SECTIONS: tuple[SectionKey, ...] = ("overdue", "due-soon")
"""The sections of every digest, in the order it shows them."""


@dataclass(frozen=True, slots=True)
class Item:
    """One action in a digest."""

    id: str
    title: str
    due: str
    """As written in the workplan: ``2013-09``, ``2013-Q3``, ``2013-09-30``."""
    due_end: date
    days: int
    """Days overdue (overdue section), or days left until it is due (due-soon section, 0: due today)."""
    status: str
    others: list[tuple[str, str]]
    """The action's other leads, (role id, role title)."""
    last_progress: date | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Section:
    key: SectionKey
    items: list[Item]


@dataclass(frozen=True, slots=True)
class Digest:
    """What one lead of one organisation is reminded of."""

    organisation: str
    organisation_name: str
    lead: str | None
    """The role id; None for the organisation's actions that have no lead."""
    lead_title: str | None
    sections: list[Section]

    def count(self, key: SectionKey) -> int:
        return sum(len(s.items) for s in self.sections if s.key == key)


@dataclass(frozen=True, slots=True)
class Reminders:
    as_of: date
    within: int
    until: date
    """The last day counted as falling due: ``as_of`` + ``within`` days (at most the calendar's end)."""
    digests: list[Digest]
    """Only digests with something in them, by organisation, then lead in the organisation's roles' order."""


def reminders(source: Corpus | Figures, *, as_of: date, within: int, orgs: Sequence[str] = ()) -> Reminders:
    """One digest per organisation and lead of what is overdue and what falls due within ``within`` days."""
    f = figures(source)
    found = overdue(f, as_of=as_of, within=within, orgs=orgs)
    late: dict[SectionKey, list[LateAction]] = {"overdue": found.overdue, "due-soon": found.due_soon}
    buckets: dict[tuple[str, str | None], dict[SectionKey, list[Item]]] = {}
    for key in SECTIONS:
        for action in late[key]:
            for lead, item in _items(action, key):
                buckets.setdefault((action.organisation, lead), {k: [] for k in SECTIONS})[key].append(item)
    digests = []
    for org in organisation_figures(f, orgs):
        for lead in _leads(org, [lead for o, lead in buckets if o == org.id]):
            sections = [Section(k, items) for k, items in buckets[(org.id, lead)].items()]
            title = org.roles.get(lead) if lead is not None else None
            digests.append(Digest(org.id, org.name, lead, title, sections))
    until = as_of + timedelta(days=min(within, (date.max - as_of).days))
    return Reminders(as_of, within, until, digests)


def _leads(org: OrgFigures, leads: list[str | None]) -> list[str | None]:
    """The leads in the order the organisation lists its roles, then any it does not list, then no lead."""
    order: list[str | None] = [r for r in org.roles if r in leads]
    order += sorted(r for r in leads if r is not None and r not in org.roles)
    return order + ([None] if None in leads else [])


def _items(a: LateAction, key: SectionKey) -> list[tuple[str | None, Item]]:
    """The action once for each of its leads (once, unled, when it has none)."""
    days = a.days if key == "overdue" else -a.days
    leads: list[tuple[str | None, str]] = list(a.leads) or [(None, "")]
    return [
        (
            lead,
            Item(
                a.id,
                a.title,
                a.due,
                a.due_end,
                days,
                a.status,
                [(r, t) for r, t in a.leads if r != lead],
                a.last_progress,
                a.path,
                a.line,
            ),
        )
        for lead, _ in leads
    ]


@dataclass(frozen=True, slots=True)
class DueEvent:
    """One open action's due date, as a calendar shows it: on the last day of its due period."""

    organisation: str
    organisation_name: str
    id: str
    title: str
    leads: list[tuple[str, str]]
    status: str
    due: str
    day: date
    """The day it is due: the end of its due period (a month, a quarter, a year, or the day itself)."""
    recommendations: list[str]
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class DueCalendar:
    name: str
    """What a calendar program calls the feed."""
    events: list[DueEvent]


def due_calendar(corpus: Corpus, *, orgs: Sequence[str] = (), leads: Sequence[str] = ()) -> DueCalendar:
    """Every open action with a due date (of the organisations asked for, led by one of ``leads``),
    in workplan order; an action id given twice in one organisation counts once (the first)."""
    events: list[DueEvent] = []
    picked = organisations_for(corpus, orgs)
    for org in picked:
        seen: set[str] = set()
        for entry in corpus.actions_of.get(org.id, []):
            a = entry.model
            if a.due is None or a.status in CLOSED or a.id in seen or (leads and not set(leads) & set(a.lead)):
                continue
            seen.add(a.id)
            events.append(_event(entry, org.name, org.roles))
    scope = ", ".join(o.id for o in picked) if orgs else ""
    who = ", ".join(leads)
    name = "Workplan due dates" + "".join(f" — {part}" for part in (scope, who) if part)
    return DueCalendar(name, events)


def _event(entry: ActionEntry, org_name: str, roles: dict[str, str]) -> DueEvent:
    a = entry.model
    assert a.due is not None
    return DueEvent(
        organisation=entry.organisation,
        organisation_name=org_name,
        id=a.id,
        title=a.title,
        leads=[(r, roles.get(r, r)) for r in a.lead],
        status=a.status,
        due=a.due.text,
        day=a.due.end,
        recommendations=[str(r) for r in a.recommendations],
        path=entry.at.file.rel,
        line=entry.at.file.source.locate(entry.at.path)[0],
    )
