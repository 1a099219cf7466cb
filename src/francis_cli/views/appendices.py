"""The paper's appendices as view-models: Appendix A (each assessed recommendation with its text,
rating and position, by theme) and Appendix B (the workplan, by section), and the rating key
both print with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..models.config import RatingLevel
from ..models.organisation import Organisation
from ..models.recommendation import RecommendationSet
from ..models.vocab import STATUS_LABELS, due_label, rating_name
from ..models.workplan import ProgressNote, is_overdue
from ..tracker.corpus import ActionEntry, Corpus
from .status import NO_THEME


@dataclass(frozen=True, slots=True)
class RatingKey:
    id: str
    name: str
    """The rating's word as printed beside its colour: ``Amber``."""
    label: str
    """What it means: ``Partially met``."""
    colour: str


def rating_keys(ratings: Sequence[RatingLevel]) -> dict[str, RatingKey]:
    return {r.id: RatingKey(r.id, rating_name(r.id), r.label, r.colour) for r in ratings}


@dataclass(frozen=True, slots=True)
class AssessedItem:
    number: int
    heading: str | None
    text: str | None
    """The recommendation's text; None while not transcribed."""
    position: str | None
    rating: RatingKey | None
    applicable: bool
    reason: str | None
    evidence: list[str]


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    id: str
    title: str
    items: list[AssessedItem]


@dataclass(frozen=True, slots=True)
class ActionRow:
    section: str | None
    id: str
    title: str
    leads: list[str]
    outcome: str | None
    due: str | None
    due_end: date | None
    timeline: str | None
    status: str
    status_label: str
    overdue: bool
    completed: date | None
    latest: ProgressNote | None


@dataclass(frozen=True, slots=True)
class SectionGroup:
    id: str | None
    title: str
    actions: list[ActionRow]


def appendix_a(corpus: Corpus, rs: RecommendationSet, org: str, keys: dict[str, RatingKey]) -> list[ThemeGroup]:
    assessed = {
        a.model.recommendation: a.model for a in corpus.assessments if a.organisation == org and a.set == rs.set
    }
    themes = {t.id: t.title for t in rs.themes}
    groups: dict[str, list[AssessedItem]] = {t: [] for t in themes}
    for rec in sorted(rs.recommendations, key=lambda r: r.number):
        a = assessed.get(rec.number)
        if a is None:
            continue
        item = AssessedItem(
            rec.number,
            rec.title,
            rec.text,
            a.position,
            keys.get(a.rating or ""),
            a.applicable,
            a.reason,
            list(a.evidence),
        )
        groups.setdefault(rec.theme or NO_THEME, []).append(item)
    return [ThemeGroup(k, themes.get(k, "Other recommendations"), items) for k, items in groups.items() if items]


def action_row(entry: ActionEntry, as_of: date) -> ActionRow:
    a = entry.model
    return ActionRow(
        section=entry.section.id if entry.section else None,
        id=a.id,
        title=a.title,
        leads=list(a.lead),
        outcome=a.outcome,
        due=due_label(a.due) if a.due else None,
        due_end=a.due.end if a.due else None,
        timeline=a.timeline,
        status=a.status,
        status_label=STATUS_LABELS[a.status],
        overdue=is_overdue(entry.model, as_of),
        completed=a.completed,
        latest=max(a.progress, key=lambda p: p.date) if a.progress else None,
    )


def appendix_b(corpus: Corpus, org: Organisation, as_of: date) -> tuple[str | None, list[SectionGroup], list[str]]:
    actions = [a for a in corpus.actions if a.organisation == org.id]
    groups: dict[tuple[str, str] | None, list[ActionRow]] = {}
    for entry in actions:
        key = (entry.section.id, entry.section.title) if entry.section else None
        groups.setdefault(key, []).append(action_row(entry, as_of))
    out = [SectionGroup(k[0] if k else None, k[1] if k else "Other actions", rows) for k, rows in groups.items()]
    titles = list(dict.fromkeys(a.workplan.title for a in actions if a.workplan.title))
    used = list(dict.fromkeys(role for a in actions for role in a.model.lead))
    return ("; ".join(titles) or None), out, used
