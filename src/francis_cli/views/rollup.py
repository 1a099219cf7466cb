"""The roll-up paper's view-model (``francis report --by organisation``): one row and one chart per
organisation, for a national analyst or an ICB board.

Why a paper of its own rather than the full paper of every organisation: at 1,000 organisations the
full paper is tens of thousands of pages nobody reads, and its appendices hold every position's text.
The roll-up needs only the counts ``francis status --by organisation`` shows (its grouping is reused,
so the two never disagree) and each organisation's workplan counts, so its size grows by one short
row and one small chart per organisation; the detail of one organisation is its own paper
(``francis report --org ID``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import UserError
from ..models.config import ReportConfig
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, StatusBy, long_date, rating_name
from ..problems import plural
from ..tracker.snapshot import Figures
from . import status
from .appendices import RatingKey
from .charts import NOT_APPLICABLE_COLOUR, NOT_ASSESSED_COLOUR, Bar, Chart, Segment
from .cover import Cover, CoverDefaults, CoverOptions, cover_sheet
from .paper import DEFAULT_RECOMMENDATION, RatingCount
from .status import TOTAL, Row

if TYPE_CHECKING:
    from ..tracker.corpus import Corpus

NAMED_ON_COVER = 12
"""Up to this many organisations the cover sheet names each; above it, it counts them."""
DEFAULT_COLOUR = "#768692"
"""A rating's colour when francis.yaml gives none (``models.config.RatingLevel``'s default)."""
MOST_OVERDUE = 5
"""How many organisations the executive summary names as having the most overdue actions."""


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the summary table: an organisation, or the total of them all."""

    id: str
    name: str
    recommendations: int
    assessed: int
    """Rated or judged not applicable."""
    ratings: list[RatingCount]
    not_applicable: int
    not_assessed: int
    actions: int
    done: int
    overdue: int


@dataclass(frozen=True, slots=True)
class OrgLine:
    line: Line
    chart: Chart
    """One bar of its recommendations by rating, with a text alternative that says every number."""


@dataclass(frozen=True, slots=True)
class Rollup:
    cover: Cover
    as_of: date
    set_id: str
    set_title: str
    ratings: list[RatingKey]
    organisations: list[OrgLine]
    total: Line
    summary: list[str]
    """The executive summary, a sentence each: figures over every organisation."""
    legend: list[Segment]
    """The key every organisation's chart shares (each chart carries no legend of its own)."""
    generator: str

    def rating(self, rating_id: str) -> RatingKey | None:
        """The rating scheme's entry for an id (templates use it for column headers)."""
        return next((r for r in self.ratings if r.id == rating_id), None)


def _line(row: Row, wp: status.WorkplanSummary, keys: dict[str, RatingKey]) -> Line:
    v = row.values
    return Line(
        id=row.key,
        name=row.label,
        recommendations=v[TOTAL],
        assessed=v[TOTAL] - v[NOT_ASSESSED],
        ratings=[RatingCount(k, v[k.id]) for k in keys.values()],
        not_applicable=v[NOT_APPLICABLE],
        not_assessed=v[NOT_ASSESSED],
        actions=wp.actions,
        done=wp.by_status["done"],
        overdue=wp.overdue,
    )


def _segments(line: Line) -> list[Segment]:
    segments = [
        Segment(c.rating.id, f"{c.rating.name} ({c.rating.label.lower()})", c.rating.colour, c.count)
        for c in line.ratings
    ]
    return [
        *segments,
        Segment(NOT_APPLICABLE, "Not applicable", NOT_APPLICABLE_COLOUR, line.not_applicable),
        Segment(NOT_ASSESSED, "Not assessed", NOT_ASSESSED_COLOUR, line.not_assessed),
    ]


def _chart(line: Line) -> Chart:
    """A one-bar chart of the organisation's recommendations by rating: small multiples share a scale
    because every organisation answers the same set."""
    segments = _segments(line)
    words = ", ".join(f"{s.count} {s.label.split(' (')[0].lower()}" for s in segments if s.count)
    desc = f"Recommendations by rating, {line.name}: {line.recommendations} in all; {words or 'none'}."
    return Chart(f"rollup-{line.id}", f"Ratings, {line.name}", desc, [Bar(line.name, segments)], [])


def _total(lines: Sequence[Line], keys: dict[str, RatingKey]) -> Line:
    def add(attr: str) -> int:
        return sum(getattr(x, attr) for x in lines)

    counts = [RatingCount(k, sum(x.ratings[i].count for x in lines)) for i, k in enumerate(keys.values())]
    return Line(
        id=TOTAL,
        name="Total",
        recommendations=add("recommendations"),
        assessed=add("assessed"),
        ratings=counts,
        not_applicable=add("not_applicable"),
        not_assessed=add("not_assessed"),
        actions=add("actions"),
        done=add("done"),
        overdue=add("overdue"),
    )


def _summary(lines: Sequence[Line], total: Line, set_title: str, as_of: date) -> list[str]:
    """The executive summary's sentences, every figure one the table also shows."""
    n = len(lines)
    out = [
        f"This paper rolls up the position of {plural(n, 'organisation')} against the recommendations of the "
        f"{set_title}, as at {long_date(as_of)}."
    ]
    if total.recommendations:
        spread = ", ".join(f"{c.count} {c.rating.label.lower()}" for c in total.ratings if c.count)
        each = max(x.recommendations for x in lines)
        out.append(
            f"Of the {total.recommendations} assessments due ({each} recommendations for each organisation), "
            f"{total.assessed} are made ({spread or 'none rated'}; {total.not_applicable} not applicable) "
            f"and {total.not_assessed} are not yet made."
        )
        whole = sum(1 for x in lines if x.recommendations and not x.not_assessed)
        none = sum(1 for x in lines if x.recommendations and not x.assessed)
        out.append(
            f"{plural(whole, 'organisation has', 'organisations have')} assessed every recommendation; "
            f"{plural(none, 'has', 'have')} assessed none."
        )
    with_plan = sum(1 for x in lines if x.actions)
    out.append(
        f"{plural(with_plan, 'organisation has', 'organisations have')} a workplan: "
        f"{plural(total.actions, 'action')} in all, {total.done} done and {total.overdue} overdue."
    )
    late = sorted((x for x in lines if x.overdue), key=lambda x: (-x.overdue, x.name))[:MOST_OVERDUE]
    if late:
        names = "; ".join(f"{x.name} ({x.overdue})" for x in late)
        out.append(f"Most overdue actions: {names}.")
    return out


def _named(lines: Sequence[Line]) -> list[str]:
    if len(lines) <= NAMED_ON_COVER:
        return [x.name for x in lines]
    return [f"{len(lines):,} organisations, each a row of the summary table"]


def build(
    source: Corpus | Figures,
    *,
    report: ReportConfig,
    as_of: date,
    orgs: Sequence[str] = (),
    cover_options: CoverOptions = CoverOptions(),
) -> Rollup:
    """The roll-up of the chosen organisations (``--org``'s, else those ``francis status --by
    organisation`` shows), from a loaded tracker or its snapshot's plain figures (``report`` is
    francis.yaml's ``report:``): the roll-up needs no position's text, so a warm run loads none.
    The caller refuses a paper when francis.yaml has errors (``views.cover.refuse_bad_settings``)."""
    f = status.figures(source)
    if f.set is None:
        raise UserError(f"no recommendation set {f.default_set!r} in data/recommendations/")
    keys = {i: RatingKey(i, rating_name(i), label, colour or DEFAULT_COLOUR) for i, label, colour in f.ratings}
    table = status.status(f, by=StatusBy.organisation, orgs=orgs, as_of=as_of).tables[0]
    lines = [_line(row, status.workplan_summary(f.actions_of.get(row.key, []), as_of), keys) for row in table.rows]
    total = _total(lines, keys)
    summary = _summary(lines, total, f.set.title, as_of)
    cfg = report
    defaults = CoverDefaults(
        as_of=as_of,
        title=f"Progress against the recommendations of the {f.set.title}: the position of each organisation",
        period=f"Position as at {long_date(as_of)}",
        summary=" ".join(summary),
        recommendation=DEFAULT_RECOMMENDATION[cfg.purpose],
        organisations=_named(lines),
    )
    return Rollup(
        cover=cover_sheet(cfg, cover_options, defaults),
        as_of=as_of,
        set_id=f.set.set,
        set_title=f.set.title,
        ratings=list(keys.values()),
        organisations=[OrgLine(x, _chart(x)) for x in lines],
        total=total,
        summary=summary,
        legend=_segments(total),
        generator=f"francis {__version__}",
    )
