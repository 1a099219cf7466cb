"""The trend across past board meetings (``report --trend``): at each meeting, the spread of
ratings and the open and overdue actions, as tables and as charts with a text alternative.

Why: a board asks whether things are getting better, and the tracker's git history can say.
Each meeting is the tracker as loaded at one tag (the tracker's job: ``tracker.revisions``),
judged as on the tag's date, so a figure here is the figure the paper of that meeting showed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..errors import UserError
from ..models.vocab import CLOSED, NOT_APPLICABLE, NOT_ASSESSED, long_date
from ..models.workplan import is_overdue
from ..tracker.corpus import Corpus
from .appendices import RatingKey
from .charts import NOT_APPLICABLE_COLOUR, NOT_ASSESSED_COLOUR, WORKPLAN_COLOUR, Bar, Chart, Segment

OVERDUE_COLOUR = "#d5281b"
NOW = "now"


@dataclass(frozen=True, slots=True)
class Meeting:
    """One point of the trend: a tag (or ``now``), the day it is judged on, and the tracker then."""

    label: str
    day: date
    commit: str | None
    corpus: Corpus


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    label: str
    colour: str


@dataclass(frozen=True, slots=True)
class Point:
    label: str
    day: date
    commit: str | None
    ratings: dict[str, int]
    """Recommendations by rating id, ``not-applicable`` and ``not-assessed``."""
    open: int
    """Actions neither done nor dropped."""
    overdue: int

    @property
    def heading(self) -> str:
        return f"{self.label}, {long_date(self.day)}"


@dataclass(frozen=True, slots=True)
class OrgTrend:
    id: str
    name: str
    points: list[Point]
    ratings_chart: Chart | None
    """None when no recommendation was assessed at any meeting (the table says so)."""
    actions_chart: Chart | None
    """None when no action was open at any meeting."""


@dataclass(frozen=True, slots=True)
class Trend:
    pattern: str
    columns: list[Column]
    """The rating columns of the table, worst first, then not applicable and not assessed."""
    organisations: list[OrgTrend]


def trend(
    meetings: Sequence[Meeting], keys: dict[str, RatingKey], orgs: Sequence[tuple[str, str]], pattern: str
) -> Trend:
    """The trend of each organisation (id, name) over ``meetings``, in the order given (oldest first)."""
    columns = [Column(k.id, k.name, k.colour) for k in keys.values()]
    columns += [
        Column(NOT_APPLICABLE, "Not applicable", NOT_APPLICABLE_COLOUR),
        Column(NOT_ASSESSED, "Not assessed", NOT_ASSESSED_COLOUR),
    ]
    out = []
    for org_id, name in orgs:
        points = [_point(m, org_id, columns) for m in meetings]
        out.append(
            OrgTrend(
                org_id,
                name,
                points,
                _ratings_chart(org_id, name, points, columns),
                _actions_chart(org_id, name, points),
            )
        )
    return Trend(pattern, columns, out)


def _point(meeting: Meeting, org_id: str, columns: Sequence[Column]) -> Point:
    corpus = meeting.corpus
    entry = corpus.set()
    if entry is None:
        where = f"at {meeting.label!r}" if meeting.commit else "now"
        raise UserError(f"--trend: no recommendation set {corpus.config.default_set!r} {where}")
    latest = corpus.assessed.get((org_id, entry.model.set), {})
    counts = dict.fromkeys((c.id for c in columns), 0)
    for rec in entry.model.recommendations:
        a = latest.get(rec.number)
        key = (
            NOT_ASSESSED
            if a is None
            else NOT_APPLICABLE
            if not a.model.applicable
            else a.model.rating or NOT_ASSESSED  # decided, not yet assessed
        )
        if key in counts:
            counts[key] += 1
    actions = [a.model for a in corpus.actions_of.get(org_id, [])]
    return Point(
        meeting.label,
        meeting.day,
        meeting.commit,
        counts,
        sum(a.status not in CLOSED for a in actions),
        sum(is_overdue(a, meeting.day) for a in actions),
    )


def _ratings_chart(org_id: str, name: str, points: Sequence[Point], columns: Sequence[Column]) -> Chart | None:
    """A bar per meeting of the recommendations assessed, by rating; those not yet assessed are
    left out of the bars (they would dwarf the rest) but said in the text and the table."""
    shown = [c for c in columns if c.id != NOT_ASSESSED]
    bars = [Bar(p.heading, [Segment(c.id, c.label, c.colour, p.ratings[c.id]) for c in shown]) for p in points]
    if not any(bar.total for bar in bars):
        return None
    words = [
        f"{p.heading}: " + ", ".join(f"{p.ratings[c.id]} {c.label.lower()}" for c in columns) + "." for p in points
    ]
    desc = f"Ratings at each board meeting, {name}. " + " ".join(words)
    legend = [Segment(c.id, c.label, c.colour, 0) for c in shown]
    return Chart(f"trend-ratings-{org_id}", "Ratings at each board meeting", desc, bars, legend)


def _actions_chart(org_id: str, name: str, points: Sequence[Point]) -> Chart | None:
    """A bar per meeting of the open actions, its overdue part first."""
    if not any(p.open for p in points):
        return None
    bars = [
        Bar(
            p.heading,
            [
                Segment("overdue", "Overdue", OVERDUE_COLOUR, p.overdue),
                Segment("open", "Open, not overdue", WORKPLAN_COLOUR, p.open - p.overdue),
            ],
        )
        for p in points
    ]
    words = [f"{p.heading}: {p.open} open, of which {p.overdue} overdue." for p in points]
    desc = f"Open and overdue actions at each board meeting, {name}. " + " ".join(words)
    legend = [
        Segment("overdue", "Overdue", OVERDUE_COLOUR, 0),
        Segment("open", "Open, not overdue", WORKPLAN_COLOUR, 0),
    ]
    return Chart(f"trend-actions-{org_id}", "Open and overdue actions at each board meeting", desc, bars, legend, 220)
