"""The board paper's view-model: everything ``francis report`` prints, computed once from the corpus.

The figures come from the ``status`` and ``overdue`` views (the same tables and lists that
``francis status`` and ``francis overdue`` show), so a paper never disagrees with the terminal;
its charts (``charts``) and appendices (``appendices``) are view-models of their own.
Templates receive these dataclasses and format them; they compute nothing that could go wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import __version__
from ..errors import UserError
from ..models.config import ReportConfig
from ..models.organisation import Organisation
from ..models.recommendation import RecommendationSet
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, PURPOSES, STATUS_LABELS, long_date
from ..problems import plural
from ..tracker.corpus import Corpus
from . import overdue, status
from .appendices import RatingKey, SectionGroup, ThemeGroup, appendix_a, appendix_b, rating_keys
from .charts import Chart, ratings_chart, workplan_chart
from .overdue import LateAction, Overdue
from .status import TOTAL, StatusTable, WorkplanSummary

DEFAULT_RECOMMENDATION = {
    "decision": "The Board is asked to approve the position against the recommendations and the workplan set out "
    "in this paper.",
    "assurance": "The Board is asked to note the position against the recommendations and the progress of the "
    "workplan, and to take assurance from the actions under way.",
    "information": "The Board is asked to note this report.",
}


@dataclass(frozen=True, slots=True)
class Cover:
    meeting: str
    date: date
    title: str
    report_of: str | None
    author: str | None
    contact: str | None
    purpose: str
    purpose_label: str
    summary: str
    recommendation: str
    period: str
    organisations: list[str]


@dataclass(frozen=True, slots=True)
class RatingCount:
    rating: RatingKey
    count: int


@dataclass(frozen=True, slots=True)
class Summary:
    recommendations: int
    """Recommendations in the set."""
    assessed: int
    """Rated or judged not applicable."""
    rated: int
    not_applicable: int
    not_assessed: int
    ratings: list[RatingCount]
    workplan: WorkplanSummary


@dataclass(frozen=True, slots=True)
class OrgReport:
    id: str
    name: str
    summary: Summary
    table: StatusTable
    """The ``francis status`` table: a row per theme, a column per rating, and totals."""
    ratings_chart: Chart | None
    workplan_chart: Chart | None
    overdue: list[LateAction]
    due_soon: list[LateAction]
    appendix_a: list[ThemeGroup]
    workplan_title: str | None
    appendix_b: list[SectionGroup]
    roles: list[tuple[str, str]]
    """The lead roles Appendix B uses: (abbreviation, title)."""


@dataclass(frozen=True, slots=True)
class Paper:
    cover: Cover
    as_of: date
    set_id: str
    set_title: str
    ratings: list[RatingKey]
    statuses: list[tuple[str, str]]
    organisations: list[OrgReport]
    due_soon_days: int
    generator: str
    movement: Any = None
    """A ``tracker.movement.Movement`` when ``--since`` is given; None leaves the section out, not faked.

    The partials read ``movement.old.title`` and, per organisation, ``name``, ``ratings`` (``recommendation``,
    ``title``, ``old``, ``new``, ``direction``) and ``actions`` (``id``, ``title``, ``kind``, ``new_status``)."""

    def moved(self, org_id: str) -> str | None:
        """The main movements of one organisation since ``--since``, in a sentence; None without it."""
        if self.movement is None:
            return None
        om = next((o for o in self.movement.organisations if o.organisation == org_id), None)
        if om is None or om.empty:
            return f"Since {self.movement.old.title}: nothing has moved."
        counts = [
            (sum(1 for m in om.ratings if m.direction == "up"), "rating improved", "ratings improved"),
            (sum(1 for m in om.ratings if m.direction == "down"), "rating worse", "ratings worse"),
            (len(om.assessed), "recommendation newly assessed", "recommendations newly assessed"),
            (sum(1 for a in om.actions if a.kind == "completed"), "action completed", "actions completed"),
            (sum(1 for a in om.actions if a.kind == "added"), "action added", "actions added"),
            (
                sum(1 for d in om.due if d.days is not None and d.days > 0),
                "due date moved later",
                "due dates moved later",
            ),
        ]
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return f"Since {self.movement.old.title}: {', '.join(parts) or 'no rating or action status moved'}."

    def rating(self, rating_id: str) -> RatingKey | None:
        """The rating scheme's entry for an id (templates use it for column headers)."""
        return next((r for r in self.ratings if r.id == rating_id), None)


def _summary(table: StatusTable, keys: dict[str, RatingKey]) -> Summary:
    assert table.total is not None and table.workplan is not None
    total = table.total.values
    rated = sum(total[k] for k in keys)
    return Summary(
        recommendations=total[TOTAL],
        assessed=rated + total[NOT_APPLICABLE],
        rated=rated,
        not_applicable=total[NOT_APPLICABLE],
        not_assessed=total[NOT_ASSESSED],
        ratings=[RatingCount(k, total[k.id]) for k in keys.values()],
        workplan=table.workplan,
    )


def _org_report(
    corpus: Corpus,
    rs: RecommendationSet,
    org: Organisation,
    table: StatusTable,
    late: Overdue,
    keys: dict[str, RatingKey],
    as_of: date,
) -> OrgReport:
    summary = _summary(table, keys)
    title, sections, used = appendix_b(corpus, org, as_of)
    return OrgReport(
        id=org.id,
        name=org.name,
        summary=summary,
        table=table,
        ratings_chart=ratings_chart(org, table, keys),
        workplan_chart=workplan_chart(org, summary.workplan),
        overdue=[x for x in late.overdue if x.organisation == org.id],
        due_soon=[x for x in late.due_soon if x.organisation == org.id],
        appendix_a=appendix_a(corpus, rs, org.id, keys),
        workplan_title=title,
        appendix_b=sections,
        roles=[(r, org.roles.get(r, r)) for r in used],
    )


def _default_summary(orgs: Sequence[OrgReport], rs: RecommendationSet, as_of: date) -> str:
    parts = []
    for o in orgs:
        s, wp = o.summary, o.summary.workplan
        bits = []
        if s.assessed:
            spread = ", ".join(f"{c.count} {c.rating.label.lower()}" for c in s.ratings if c.count)
            bits.append(
                f"has assessed {s.assessed} of the {s.recommendations} recommendations"
                + (f" ({spread}" if spread else " (")
                + (f"{', ' if spread else ''}{s.not_applicable} not applicable)" if s.not_applicable else ")")
            )
        if wp.actions:
            done = wp.by_status["done"]
            bits.append(f"has {plural(wp.actions, 'workplan action')}, {done} done and {wp.overdue} overdue")
        parts.append(
            f"{o.name} " + (" and ".join(bits) if bits else "has recorded no assessment or workplan yet") + "."
        )
    return (
        f"This paper reports progress against the recommendations of the {rs.title}, as at {long_date(as_of)}. "
        + " ".join(parts)
    )


def build(
    corpus: Corpus,
    *,
    as_of: date,
    orgs: Sequence[str] = (),
    meeting: str | None = None,
    meeting_date: date | None = None,
    title: str | None = None,
    due_soon_days: int = 30,
) -> Paper:
    """The whole paper for the chosen organisations; cover values: option, else francis.yaml, else a default."""
    entry = corpus.set()
    if entry is None:
        raise UserError(f"no recommendation set {corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    keys = rating_keys(corpus.ratings)
    tables = status.status(corpus, orgs=orgs, as_of=as_of).tables
    late = overdue.overdue(corpus, as_of=as_of, within=due_soon_days, orgs=orgs)
    organisations = status.organisations_for(corpus, orgs)
    reports = [
        _org_report(corpus, rs, org, table, late, keys, as_of) for org, table in zip(organisations, tables, strict=True)
    ]
    cfg: ReportConfig = corpus.config.report
    cover = Cover(
        meeting=meeting or cfg.meeting or "Board meeting",
        date=meeting_date or cfg.date or as_of,
        title=title or cfg.title or f"Progress against the recommendations of the {rs.title}",
        report_of=cfg.report_of,
        author=cfg.author,
        contact=cfg.contact,
        purpose=cfg.purpose,
        purpose_label=PURPOSES[cfg.purpose],
        summary=cfg.summary or _default_summary(reports, rs, as_of),
        recommendation=cfg.recommendation or DEFAULT_RECOMMENDATION[cfg.purpose],
        period=cfg.period or f"Position as at {long_date(as_of)}",
        organisations=[o.name for o in organisations],
    )
    return Paper(
        cover=cover,
        as_of=as_of,
        set_id=rs.set,
        set_title=rs.title,
        ratings=list(keys.values()),
        statuses=list(STATUS_LABELS.items()),
        organisations=reports,
        due_soon_days=due_soon_days,
        generator=f"francis {__version__}",
    )
