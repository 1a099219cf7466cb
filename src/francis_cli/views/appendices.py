"""The paper's appendices as view-models: Appendix A (each assessed recommendation with its text,
rating and position, by theme) and Appendix B (the workplan, by section), and the rating key
both print with.

On paper a table row is kept whole on one page, so a long recommendation printed as one row would
leave the foot of a page empty; printed, it is several rows instead (``AssessedItem.rows``), each
short enough to leave at most a third of a page unused, the later ones marked "(continued)"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from math import ceil

from ..models.assessment import Assessment, evidence_line
from ..models.config import RatingLevel
from ..models.numbers import RecNumber, parent_of
from ..models.organisation import Organisation
from ..models.recommendation import Recommendation, RecommendationSet
from ..models.vocab import STATUS_LABELS, due_label, rating_name
from ..models.workplan import ProgressNote, is_overdue
from ..tracker.corpus import ActionEntry, Corpus
from .status import theme_groups


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


TEXT_CHARS, POSITION_CHARS = 60, 68
"""About how many characters fill a printed line of Appendix A's recommendation and position columns
(landscape A4, 9 pt): a measure for choosing where a long row may be split, not for laying it out."""
SPLIT_LINES, PIECE_LINES = 14, 10
"""A row estimated taller than SPLIT_LINES lines (of the ~40 a landscape page holds) is printed in
pieces of at most PIECE_LINES lines."""
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z0-9\"'(\u2018\u201c])")


def paragraphs(text: str) -> list[str]:
    """Paragraphs as YAML authors write them: a folded scalar's blank line arrives as one newline."""
    text = text.strip()
    parts = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return [" ".join(part.split()) for part in parts if part.strip()]


def _lines(paras: Sequence[str], width: int) -> float:
    """Printed lines of some paragraphs, with the gap between paragraphs as half a line."""
    return sum(ceil(len(p) / width) for p in paras) + 0.5 * max(len(paras) - 1, 0)


def _pieces(paras: list[str], width: int) -> list[list[str]]:
    """Paragraphs packed into pieces of at most PIECE_LINES lines; a longer paragraph is cut between sentences."""
    cut: list[str] = []
    for para in paras:
        if _lines([para], width) <= PIECE_LINES:
            cut.append(para)
            continue
        part = ""
        for sentence in _SENTENCE.split(para):
            if part and _lines([f"{part} {sentence}"], width) > PIECE_LINES:
                cut.append(part)
                part = ""
            part = f"{part} {sentence}".strip()
        cut.append(part)
    pieces: list[list[str]] = [[]]
    for para in cut:
        if pieces[-1] and _lines([*pieces[-1], para], width) > PIECE_LINES:
            pieces.append([])
        pieces[-1].append(para)
    return pieces


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One printed row of an assessed recommendation: the paragraphs of its text and position it holds."""

    text: list[str]
    position: list[str]
    first: bool
    """The row with the number alone, the heading and the rating; later rows are "(continued)"."""
    last: bool
    """The row the evidence is printed in."""


@dataclass(frozen=True, slots=True)
class AssessedItem:
    number: RecNumber
    heading: str | None
    text: str | None
    """The recommendation's text; None while not transcribed."""
    position: str | None
    rating: RatingKey | None
    applicable: bool
    reason: str | None
    evidence: list[str]
    part_of: RecNumber | None = None
    """The recommendation it is a part of (``2`` for ``2i``): listed under it, in number order."""

    def rows(self, split: bool) -> list[ItemRow]:
        """The item's table rows: one on screen; printed (``split``), pieces of a long one, see the module."""
        text = paragraphs(self.text or "")
        position = paragraphs(self.position or "") if self.applicable else []
        tall = max(_lines(text, TEXT_CHARS), _lines(position, POSITION_CHARS) + len(self.evidence))
        if not split or tall <= SPLIT_LINES:
            return [ItemRow(text, position, first=True, last=True)]
        none: list[str] = []
        pairs = list(zip_longest(_pieces(text, TEXT_CHARS), _pieces(position, POSITION_CHARS), fillvalue=none))
        return [ItemRow(t, p, first=i == 0, last=i == len(pairs) - 1) for i, (t, p) in enumerate(pairs)]


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    id: str
    title: str
    items: list[AssessedItem]
    source: str | None = None
    """Where the theme's heading and numbers come from (the set's ``source`` of the theme)."""
    themed: bool = True
    """False for a run of numbers with no recorded theme, titled by its numbers."""


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
        a.model.recommendation: a.model
        for a in corpus.assessments
        if a.organisation == org and a.set == rs.set and a.model.rated  # decided, not yet assessed: not here
    }
    recs = {r.number: r for r in rs.recommendations}
    sources = {t.id: t.source for t in rs.themes}
    out = []
    for g in theme_groups([(t.id, t.title) for t in rs.themes], [(r.number, r.theme) for r in rs.recommendations]):
        items = [_item(recs[n], assessed[n], keys) for n in g.numbers if n in assessed]
        if items:
            out.append(ThemeGroup(g.key, g.label, items, sources.get(g.key) if g.themed else None, g.themed))
    return out


def _item(rec: Recommendation, a: Assessment, keys: dict[str, RatingKey]) -> AssessedItem:
    return AssessedItem(
        rec.number,
        rec.title,
        rec.text,
        a.position,
        keys.get(a.rating or ""),
        a.applicable,
        a.reason,
        [evidence_line(e) for e in a.evidence],
        parent_of(rec.number),
    )


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
