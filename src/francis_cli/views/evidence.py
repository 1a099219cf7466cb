"""``evidence list``: every evidence record of the tracker, with the state of its review or expiry.

Why: ``overdue`` lists only what has lapsed or is about to, and ``show`` one recommendation at a
time; a board asking "on what evidence?" needs the whole register in one place: what each record
is, where it is, who owns it and whether it still holds. Items that only describe their evidence
in words are counted, so that the register does not read as complete when it is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from ..models.assessment import Evidence
from ..problems import plural
from .status import organisations_for

if TYPE_CHECKING:
    from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus

EvidenceState = Literal["stale", "review due", "current", "no review date"]
STATES: tuple[EvidenceState, ...] = ("stale", "review due", "current", "no review date")
"""The states in the order the list shows them: what needs attention first."""

DEFAULT_WITHIN = 30


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    organisation: str
    kind: Literal["assessment", "action"]
    item: str
    """The recommendation's number (``SET:NUMBER`` when not of the default set), or the action's id."""
    title: str
    location: str
    produced: date | None
    owner: str | None
    """The owner's role id."""
    owner_title: str | None
    """The role's title, as the organisation names it (the id when it names none)."""
    lapses: date | None
    """The earlier of its review and expiry day: stale from the day after."""
    state: EvidenceState
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class EvidenceList:
    as_of: date
    within: int
    stale_only: bool
    rows: list[EvidenceRow]
    counts: dict[EvidenceState, int]
    """Records of each state, of the organisations asked for (all of them, also with ``stale_only``)."""
    described: int
    """Items whose evidence is described only in words: lines of text and no record."""

    @property
    def summary(self) -> str:
        total = sum(self.counts.values())
        states = ", ".join(f"{self.counts[s]} {s}" for s in STATES)
        words = plural(self.described, "item describes", "items describe")
        return f"{plural(total, 'evidence record')}: {states}; {words} evidence only in words"


def state_of(record: Evidence, as_of: date, within: int) -> EvidenceState:
    """Stale past its day (on the day itself it still holds), review due when the day comes within
    ``within`` days of ``as_of``."""
    lapses = record.lapses
    if lapses is None:
        return "no review date"
    if record.stale(as_of):
        return "stale"
    until = as_of + timedelta(days=min(within, (date.max - as_of).days))
    return "review due" if lapses <= until else "current"


def evidence_list(
    corpus: Corpus,
    *,
    as_of: date,
    within: int = DEFAULT_WITHIN,
    orgs: Sequence[str] = (),
    stale_only: bool = False,
) -> EvidenceList:
    """The evidence records of the organisations asked for (``--org``, else francis.yaml's, else all),
    by organisation, then state (stale first), then lapse day."""
    picked = {o.id: o.role_titles() for o in organisations_for(corpus, orgs)}
    rows: list[EvidenceRow] = []
    described = 0
    for entry, kind, item in _items(corpus):
        roles = picked.get(entry.organisation)
        if roles is None:
            continue
        records = [(i, x) for i, x in enumerate(entry.model.evidence) if isinstance(x, Evidence)]
        if entry.model.evidence and not records:
            described += 1
        for i, x in records:
            rows.append(_row(entry, kind, item, i, x, roles, state_of(x, as_of, within)))
    counts: dict[EvidenceState, int] = {s: sum(1 for r in rows if r.state == s) for s in STATES}
    rows.sort(key=lambda r: (r.organisation, STATES.index(r.state), r.lapses or date.max, r.path, r.line))
    shown = [r for r in rows if r.state == "stale"] if stale_only else rows
    return EvidenceList(as_of, within, stale_only, shown, counts, described)


def _items(
    corpus: Corpus,
) -> list[tuple[AssessmentEntry | ActionEntry, Literal["assessment", "action"], str]]:
    default = corpus.config.default_set
    items: list[tuple[AssessmentEntry | ActionEntry, Literal["assessment", "action"], str]] = []
    for a in corpus.assessments:
        number = str(a.model.recommendation)
        items.append((a, "assessment", number if a.set == default else f"{a.set}:{number}"))
    items += [(e, "action", e.model.id) for e in corpus.actions]
    return items


def _row(
    entry: AssessmentEntry | ActionEntry,
    kind: Literal["assessment", "action"],
    item: str,
    i: int,
    x: Evidence,
    roles: dict[str, str],
    state: EvidenceState,
) -> EvidenceRow:
    line = entry.at.file.source.locate((*entry.at.path, "evidence", i))[0]
    owner_title = roles.get(x.owner, x.owner) if x.owner else None
    return EvidenceRow(
        entry.organisation,
        kind,
        item,
        x.title,
        x.location,
        x.produced,
        x.owner,
        owner_title,
        x.lapses,
        state,
        entry.at.file.rel,
        line,
    )
