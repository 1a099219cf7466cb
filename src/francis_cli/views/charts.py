"""The paper's charts as view-models: ratings by theme and the workplan by status, as bars of
counts with a text alternative that says every number the chart shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.organisation import Organisation
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, STATUS_LABELS
from ..problems import plural
from .appendices import RatingKey
from .status import TOTAL, StatusTable, WorkplanSummary

NOT_ASSESSED_COLOUR, NOT_APPLICABLE_COLOUR, WORKPLAN_COLOUR = "#e8edee", "#aeb7bd", "#005eb8"


@dataclass(frozen=True, slots=True)
class Segment:
    id: str
    label: str
    colour: str
    count: int


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
    length: int = 380
    """Drawing units of the longest bar."""


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
        + (f" {plural(left, 'other theme')} with no recommendation assessed yet." if left else "")
    )
    legend = [s for s in bars[0].segments]
    return Chart(f"ratings-{org.id}", "Ratings by theme", desc, bars, legend)


def workplan_chart(org: Organisation, wp: WorkplanSummary) -> Chart | None:
    if not wp.actions:
        return None
    bars = [Bar(STATUS_LABELS[s], [Segment(s, STATUS_LABELS[s], WORKPLAN_COLOUR, n)]) for s, n in wp.by_status.items()]
    desc = (
        f"Workplan actions by status, {org.name}: {wp.actions} actions; "
        + ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in wp.by_status.items())
        + "."
    )
    return Chart(f"workplan-{org.id}", "Workplan actions by status", desc, bars, [], length=220)
