"""The paper's charts as view-models: ratings by theme and the workplan by status, as bars of
counts with a text alternative that says every number the chart shows.

Why the workplan's overdue actions are a segment of their own: they are what a board must see
first, so each status bar starts with its overdue part, in red and hatched (never colour alone),
and the legend counts them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models.organisation import Organisation
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, STATUS_LABELS
from ..problems import plural
from .appendices import RatingKey
from .overdue import LateAction
from .status import TOTAL, StatusTable, WorkplanSummary

NOT_ASSESSED_COLOUR, NOT_APPLICABLE_COLOUR, WORKPLAN_COLOUR = "#e8edee", "#aeb7bd", "#005eb8"
OVERDUE_COLOUR = "#d5281b"
HATCH = "hatch"
"""A segment's ``pattern``: white diagonal lines over its colour."""
OVERDUE, NOT_OVERDUE = "overdue", "not-overdue"


@dataclass(frozen=True, slots=True)
class Segment:
    id: str
    label: str
    colour: str
    count: int
    pattern: str | None = None
    """None for a plain fill, or ``HATCH``: the segment must read apart from its neighbours
    without its colour (a reader who cannot tell red from blue, a page printed in grey)."""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    segments: list[Segment]

    @property
    def total(self) -> int:
        return sum(s.count for s in self.segments)


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    desc: str
    """The text alternative: every number the chart shows, in words."""
    bars: list[Bar]
    legend: list[Segment]
    length: int = 280
    """Drawing units of the longest bar. The chart is about 50 units wider; at most 290 keeps it
    within a phone's width (375 px) unscaled, so its 12-unit text stays 12 px there."""


def ratings_chart(org: Organisation, table: StatusTable, keys: dict[str, RatingKey]) -> Chart | None:
    """Themes with at least one recommendation assessed; the table beside it lists every theme."""
    bars, words = [], []
    for row in table.rows:
        v = row.values
        if v[TOTAL] == v[NOT_ASSESSED]:
            continue
        segments = [Segment(k.id, f"{k.name} ({k.label.lower()})", k.colour, v[k.id]) for k in keys.values()]
        segments += [
            Segment(NOT_APPLICABLE, "Not applicable", NOT_APPLICABLE_COLOUR, v[NOT_APPLICABLE]),
            Segment(NOT_ASSESSED, "Not assessed", NOT_ASSESSED_COLOUR, v[NOT_ASSESSED]),
        ]
        bars.append(Bar(row.label, segments))
        words.append(
            f"{row.label}: "
            + ", ".join(f"{s.count} {s.label.split(' (')[0].lower()}" for s in segments if s.count)
            + "."
        )
    if not bars:
        return None
    left = len(table.rows) - len(bars)
    desc = (
        f"Ratings by theme, {org.name}. "
        + " ".join(words)
        + (
            f" {plural(left, 'other theme or range', 'other themes or ranges')} with no recommendation assessed yet."
            if left
            else ""
        )
    )
    legend = [s for s in bars[0].segments]
    return Chart(f"ratings-{org.id}", "Ratings by theme", desc, bars, legend)


def workplan_chart(org: Organisation, wp: WorkplanSummary, overdue: Sequence[LateAction]) -> Chart | None:
    """A bar per status, its overdue actions first (``overdue``: this organisation's, from ``views.overdue``)."""
    if not wp.actions:
        return None
    late = Counter(a.status for a in overdue)
    bars = [
        Bar(
            STATUS_LABELS[s],
            [
                Segment(OVERDUE, f"{STATUS_LABELS[s]}, overdue", OVERDUE_COLOUR, late[s], HATCH),
                Segment(NOT_OVERDUE, f"{STATUS_LABELS[s]}, not overdue", WORKPLAN_COLOUR, n - late[s]),
            ],
        )
        for s, n in wp.by_status.items()
    ]
    words = [
        f"{n} {STATUS_LABELS[s].lower()}" + (f" ({late[s]} overdue)" if late[s] else "")
        for s, n in wp.by_status.items()
    ]
    desc = (
        f"Workplan actions by status, {org.name}: {wp.actions} actions, {wp.overdue} of them overdue; "
        + ", ".join(words)
        + "."
    )
    legend = [
        Segment(OVERDUE, f"Overdue ({wp.overdue})", OVERDUE_COLOUR, wp.overdue, HATCH),
        Segment(NOT_OVERDUE, f"Not overdue ({wp.actions - wp.overdue})", WORKPLAN_COLOUR, wp.actions - wp.overdue),
    ]
    return Chart(f"workplan-{org.id}", "Workplan actions by status", desc, bars, legend, length=220)
