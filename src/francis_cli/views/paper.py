"""The board paper's view-model: everything ``francis report`` prints, computed once from the corpus.

The figures come from the ``status`` and ``overdue`` views (the same tables and lists that
``francis status`` and ``francis overdue`` show), so a paper never disagrees with the terminal.
Templates receive these dataclasses and format them; they compute nothing that could go wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import __version__
from ..errors import UserError
from ..models.common import Period
from ..models.config import RatingLevel, ReportConfig
from ..models.organisation import Organisation
from ..models.recommendation import RecommendationSet
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, PURPOSES, STATUS_LABELS, rating_name
from ..models.workplan import ProgressNote, is_overdue
from ..problems import plural
from ..tracker.corpus import ActionEntry, Corpus
from . import overdue, status
from .overdue import LateAction, Overdue
from .status import TOTAL, StatusTable, WorkplanSummary

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
NOT_ASSESSED_COLOUR, NOT_APPLICABLE_COLOUR, WORKPLAN_COLOUR = "#e8edee", "#aeb7bd", "#005eb8"
DEFAULT_RECOMMENDATION = {
    "decision": "The Board is asked to approve the position against the recommendations and the workplan set out "
                "in this paper.",
    "assurance": "The Board is asked to note the position against the recommendations and the progress of the "
                 "workplan, and to take assurance from the actions under way.",
    "information": "The Board is asked to note this report.",
}  # fmt: skip


def long_date(d: date) -> str:
    """``1 October 2013``: the form board papers print, whatever the machine's locale."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def due_label(period: Period) -> str:
    """A due period as a reader says it: ``June 2013``, ``Q2 2024``, ``2014``, ``16 May 2013``."""
    text = period.text
    if len(text) == 10:
        return long_date(period.end)
    if "Q" in text:
        return f"{text[5:]} {text[:4]}"
    if len(text) == 7:
        return f"{MONTHS[period.end.month - 1]} {period.end.year}"
    return text


@dataclass(frozen=True, slots=True)
class RatingKey:
    id: str
    name: str
    """The rating's word as printed beside its colour: ``Amber``."""
    label: str
    """What it means: ``Partially met``."""
    colour: str


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
            (sum(1 for d in om.due if d.days is not None and d.days > 0), "due date moved later",
             "due dates moved later"),
        ]  # fmt: skip
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return f"Since {self.movement.old.title}: {', '.join(parts) or 'no rating or action status moved'}."

    def rating(self, rating_id: str) -> RatingKey | None:
        """The rating scheme's entry for an id (templates use it for column headers)."""
        return next((r for r in self.ratings if r.id == rating_id), None)


def _keys(ratings: Sequence[RatingLevel]) -> dict[str, RatingKey]:
    return {r.id: RatingKey(r.id, rating_name(r.id), r.label, r.colour) for r in ratings}


def _summary(table: StatusTable, keys: dict[str, RatingKey]) -> Summary:
    assert table.total is not None and table.workplan is not None
    total = table.total.values
    rated = sum(total[k] for k in keys)
    return Summary(recommendations=total[TOTAL], assessed=rated + total[NOT_APPLICABLE], rated=rated,
                   not_applicable=total[NOT_APPLICABLE], not_assessed=total[NOT_ASSESSED],
                   ratings=[RatingCount(k, total[k.id]) for k in keys.values()], workplan=table.workplan)  # fmt: skip


def _ratings_chart(org: Organisation, table: StatusTable, keys: dict[str, RatingKey]) -> Chart | None:
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
        words.append(f"{row.label}: " + ", ".join(f"{s.count} {s.label.split(' (')[0].lower()}"
                                                  for s in segments if s.count) + ".")  # fmt: skip
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


def _workplan_chart(org: Organisation, wp: WorkplanSummary) -> Chart | None:
    if not wp.actions:
        return None
    bars = [Bar(STATUS_LABELS[s], [Segment(s, STATUS_LABELS[s], WORKPLAN_COLOUR, n)]) for s, n in wp.by_status.items()]
    desc = (
        f"Workplan actions by status, {org.name}: {wp.actions} actions; "
        + ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in wp.by_status.items())
        + "."
    )
    return Chart(f"workplan-{org.id}", "Workplan actions by status", desc, bars, [], length=220)


def _appendix_a(corpus: Corpus, rs: RecommendationSet, org: str, keys: dict[str, RatingKey]) -> list[ThemeGroup]:
    assessed = {a.model.recommendation: a.model for a in corpus.assessments
                if a.organisation == org and a.set == rs.set}  # fmt: skip
    themes = {t.id: t.title for t in rs.themes}
    groups: dict[str, list[AssessedItem]] = {t: [] for t in themes}
    for rec in sorted(rs.recommendations, key=lambda r: r.number):
        a = assessed.get(rec.number)
        if a is None:
            continue
        item = AssessedItem(rec.number, rec.title, rec.text, a.position, keys.get(a.rating or ""), a.applicable,
                            a.reason, list(a.evidence))  # fmt: skip
        groups.setdefault(rec.theme or status.NO_THEME, []).append(item)
    return [ThemeGroup(k, themes.get(k, "Other recommendations"), items) for k, items in groups.items() if items]


def _action_row(entry: ActionEntry, as_of: date) -> ActionRow:
    a = entry.model
    return ActionRow(
        section=entry.section.id if entry.section else None, id=a.id, title=a.title, leads=list(a.lead),
        outcome=a.outcome, due=due_label(a.due) if a.due else None, due_end=a.due.end if a.due else None,
        timeline=a.timeline, status=a.status, status_label=STATUS_LABELS[a.status],
        overdue=is_overdue(entry.model, as_of), completed=a.completed,
        latest=max(a.progress, key=lambda p: p.date) if a.progress else None,
    )  # fmt: skip


def _appendix_b(corpus: Corpus, org: Organisation, as_of: date) -> tuple[str | None, list[SectionGroup], list[str]]:
    actions = [a for a in corpus.actions if a.organisation == org.id]
    groups: dict[tuple[str, str] | None, list[ActionRow]] = {}
    for entry in actions:
        key = (entry.section.id, entry.section.title) if entry.section else None
        groups.setdefault(key, []).append(_action_row(entry, as_of))
    out = [SectionGroup(k[0] if k else None, k[1] if k else "Other actions", rows) for k, rows in groups.items()]
    titles = list(dict.fromkeys(a.workplan.title for a in actions if a.workplan.title))
    used = list(dict.fromkeys(role for a in actions for role in a.model.lead))
    return ("; ".join(titles) or None), out, used


def _org_report(corpus: Corpus, rs: RecommendationSet, org: Organisation, table: StatusTable,
                late: Overdue, keys: dict[str, RatingKey], as_of: date) -> OrgReport:  # fmt: skip
    summary = _summary(table, keys)
    title, sections, used = _appendix_b(corpus, org, as_of)
    return OrgReport(
        id=org.id, name=org.name, summary=summary, table=table, ratings_chart=_ratings_chart(org, table, keys),
        workplan_chart=_workplan_chart(org, summary.workplan),
        overdue=[x for x in late.overdue if x.organisation == org.id],
        due_soon=[x for x in late.due_soon if x.organisation == org.id],
        appendix_a=_appendix_a(corpus, rs, org.id, keys), workplan_title=title, appendix_b=sections,
        roles=[(r, org.roles.get(r, r)) for r in used],
    )  # fmt: skip


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
            bits.append(f"has {plural(wp.actions, 'workplan action')}, {done} done and "
                        f"{wp.overdue} overdue")  # fmt: skip
        parts.append(f"{o.name} " + (" and ".join(bits) if bits else "has recorded no assessment or workplan yet")
                     + ".")  # fmt: skip
    return (
        f"This paper reports progress against the recommendations of the {rs.title}, as at {long_date(as_of)}. "
        + " ".join(parts)
    )


def build(corpus: Corpus, *, as_of: date, orgs: Sequence[str] = (), meeting: str | None = None,
          meeting_date: date | None = None, title: str | None = None, due_soon_days: int = 30) -> Paper:  # fmt: skip
    """The whole paper for the chosen organisations; cover values: option, else francis.yaml, else a default."""
    entry = corpus.set()
    if entry is None:
        raise UserError(f"no recommendation set {corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    keys = _keys(corpus.ratings)
    tables = status.status(corpus, orgs=orgs, as_of=as_of).tables
    late = overdue.overdue(corpus, as_of=as_of, within=due_soon_days, orgs=orgs)
    organisations = status.organisations_for(corpus, orgs)
    reports = [_org_report(corpus, rs, org, table, late, keys, as_of)
               for org, table in zip(organisations, tables, strict=True)]  # fmt: skip
    cfg: ReportConfig = corpus.config.report
    cover = Cover(
        meeting=meeting or cfg.meeting or "Board meeting", date=meeting_date or cfg.date or as_of,
        title=title or cfg.title or f"Progress against the recommendations of the {rs.title}",
        report_of=cfg.report_of, author=cfg.author, contact=cfg.contact, purpose=cfg.purpose,
        purpose_label=PURPOSES[cfg.purpose], summary=cfg.summary or _default_summary(reports, rs, as_of),
        recommendation=cfg.recommendation or DEFAULT_RECOMMENDATION[cfg.purpose],
        period=cfg.period or f"Position as at {long_date(as_of)}", organisations=[o.name for o in organisations],
    )  # fmt: skip
    return Paper(cover=cover, as_of=as_of, set_id=rs.set, set_title=rs.title, ratings=list(keys.values()),
                  statuses=list(STATUS_LABELS.items()), organisations=reports, due_soon_days=due_soon_days,
                  generator=f"francis {__version__}")  # fmt: skip
