"""``remind`` and ``calendar``: what each lead has falling due and overdue, as plain view-models.

Why: a reminder is the overdue list cut the other way, one digest per organisation and lead, so
it is built on ``views.overdue`` (the same rule, the same order) and only regrouped here. A digest
is a list of sections, each a key and its items: a renderer words each key. Evidence whose review
or expiry day has passed or comes up within the horizon is one more section, in its owner's digest
(``views.overdue.lapsing``); it is listed only when there is some, so a tracker without dated
evidence has the digests it had.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from ..models.vocab import CLOSED
from .overdue import LapsingEvidence, LateAction, overdue
from .status import figures, organisation_figures, organisations_for, refuse_unknown_leads

if TYPE_CHECKING:
    from ..models.assessment import Evidence
    from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
    from ..tracker.snapshot import Figures, OrgFigures

SectionKey = Literal["overdue", "due-soon", "evidence"]
SECTIONS: tuple[SectionKey, ...] = ("overdue", "due-soon", "evidence")
"""The sections of a digest, in the order it shows them."""
ALWAYS: frozenset[SectionKey] = frozenset({"overdue", "due-soon"})
"""The sections a digest shows even when empty; the others only when they hold something."""


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


Entry = Item | LapsingEvidence
"""An item of a section: an action (overdue, due-soon), or an evidence record (evidence: stale
ones first, longest lapsed first, then those coming up, soonest first)."""


@dataclass(frozen=True, slots=True)
class Section:
    key: SectionKey
    items: list[Entry]


@dataclass(frozen=True, slots=True)
class Digest:
    """What one lead of one organisation is reminded of."""

    organisation: str
    organisation_name: str
    lead: str | None
    """The role id (of the actions' lead, the evidence's owner); None for the organisation's actions
    with no lead and evidence with no owner."""
    lead_title: str | None
    sections: list[Section]

    def count(self, key: SectionKey) -> int:
        return sum(len(s.items) for s in self.sections if s.key == key)

    def stale(self) -> int:
        """How many of its evidence records are past their review or expiry day."""
        return sum(1 for s in self.sections if s.key == "evidence" for e in s.items if e.days > 0)


@dataclass(frozen=True, slots=True)
class Reminders:
    as_of: date
    within: int
    until: date
    """The last day counted as falling due: ``as_of`` + ``within`` days (at most the calendar's end)."""
    digests: list[Digest]
    """Only digests with something in them, by organisation, then lead in the organisation's roles' order."""


def reminders(source: Corpus | Figures, *, as_of: date, within: int, orgs: Sequence[str] = ()) -> Reminders:
    """One digest per organisation and lead of what is overdue and what falls due within ``within``
    days, and of the evidence it owns that has lapsed or lapses within them."""
    f = figures(source)
    found = overdue(f, as_of=as_of, within=within, orgs=orgs)
    late: dict[SectionKey, list[LateAction]] = {"overdue": found.overdue, "due-soon": found.due_soon}
    buckets: dict[tuple[str, str | None], dict[SectionKey, list[Entry]]] = {}

    def bucket(org: str, lead: str | None) -> dict[SectionKey, list[Entry]]:
        return buckets.setdefault((org, lead), {k: [] for k in SECTIONS})

    for key, actions in late.items():
        for action in actions:
            for lead, item in _items(action, key):
                bucket(action.organisation, lead)[key].append(item)
    for evidence in found.evidence + found.evidence_soon:
        bucket(evidence.organisation, evidence.owner)["evidence"].append(evidence)
    digests = []
    for org in organisation_figures(f, orgs):
        for lead in _leads(org, [lead for o, lead in buckets if o == org.id]):
            sections = [Section(k, items) for k, items in buckets[(org.id, lead)].items() if items or k in ALWAYS]
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
class EvidenceEvent:
    """One evidence record's review or expiry day, as a calendar shows it."""

    organisation: str
    organisation_name: str
    kind: Literal["assessment", "action"]
    ref: str
    """``SET:NUMBER`` of the assessment it evidences, or the action's id."""
    of: str | None
    """The recommendation's or the action's title."""
    title: str
    location: str
    owner: tuple[str, str] | None
    """(role id, role title)."""
    which: Literal["review", "expires"]
    day: date
    key: str
    """What tells it apart from the item's other records, whatever their order: a hash of its title,
    with ``-2``, ``-3`` … for a second and third record of the same title."""
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class DueCalendar:
    name: str
    """What a calendar program calls the feed."""
    events: list[DueEvent]
    evidence: list[EvidenceEvent] = field(default_factory=list)
    """Each evidence record's review and expiry day, in file order."""


def due_calendar(corpus: Corpus, *, orgs: Sequence[str] = (), leads: Sequence[str] = ()) -> DueCalendar:
    """Every open action with a due date (of the organisations asked for, led by one of ``leads``),
    in workplan order; an action id given twice in one organisation counts once (the first)."""
    events: list[DueEvent] = []
    picked = organisations_for(corpus, orgs)
    refuse_unknown_leads(picked, leads)
    for org in picked:
        seen: set[str] = set()
        for entry in corpus.actions_of.get(org.id, []):
            a = entry.model
            if a.due is None or a.status in CLOSED or a.id in seen or (leads and not set(leads) & set(a.lead)):
                continue
            seen.add(a.id)
            events.append(_event(entry, org.name, org.roles))
    evidence = evidence_events(corpus, [o.id for o in picked], leads)
    scope = ", ".join(o.id for o in picked) if orgs else ""
    who = ", ".join(leads)
    name = "Workplan due dates" + "".join(f" — {part}" for part in (scope, who) if part)
    return DueCalendar(name, events, evidence)


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


def evidence_events(corpus: Corpus, orgs: Sequence[str], owners: Sequence[str] = ()) -> list[EvidenceEvent]:
    """Every evidence record's review and expiry day, of the organisations ``orgs``, owned by one of
    ``owners`` when given (a record with no owner then is no one's)."""
    items: list[tuple[AssessmentEntry | ActionEntry, Literal["assessment", "action"], str, str | None]] = []
    for a in corpus.assessments:
        rec = corpus.set(a.set)
        title = rec.numbers[a.model.recommendation].title if rec and a.model.recommendation in rec.numbers else None
        items.append((a, "assessment", f"{a.set}:{a.model.recommendation}", title))
    items += [(e, "action", e.model.id, e.model.title) for e in corpus.actions]
    out = []
    for entry, kind, ref, of in items:
        org = corpus.organisation(entry.organisation)
        if entry.organisation not in orgs or org is None:
            continue
        roles = org.role_titles()
        for i, key, x in record_keys(entry.model.evidence):
            if owners and x.owner not in owners:
                continue
            for which in ("review", "expires"):
                day = x.review if which == "review" else x.expires
                if day is None:
                    continue
                line = entry.at.file.source.locate((*entry.at.path, "evidence", i, which))[0]
                owner = (x.owner, roles.get(x.owner, x.owner)) if x.owner else None
                out.append(
                    EvidenceEvent(
                        entry.organisation,
                        org.name,
                        kind,
                        ref,
                        of,
                        x.title,
                        x.location,
                        owner,
                        which,
                        day,
                        key,
                        entry.at.file.rel,
                        line,
                    )
                )
    return out


def record_keys(evidence: Sequence[str | Evidence]) -> list[tuple[int, str, Evidence]]:
    """Each record of an item's evidence with its place in the list and its key: a hash of its title
    (spaces and case aside), ``-2``, ``-3`` … added for a second and third record of one title; the
    same whatever the records' order, so a calendar's event stays one event."""
    seen: Counter[str] = Counter()
    out = []
    for i, x in enumerate(evidence):
        if isinstance(x, str):
            continue
        digest = hashlib.sha256(" ".join(x.title.split()).casefold().encode("utf-8", "surrogatepass")).hexdigest()
        seen[digest] += 1
        out.append((i, digest[:16] + (f"-{seen[digest]}" if seen[digest] > 1 else ""), x))
    return out
