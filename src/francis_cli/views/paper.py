"""The board paper's view-model: everything ``francis report`` prints, computed once from the corpus.

The figures come from the ``status`` and ``overdue`` views (the same tables and lists that
``francis status`` and ``francis overdue`` show), so a paper never disagrees with the terminal;
its charts (``charts``), appendices (``appendices``) and decisions and assurance (``assurance``) are
view-models of their own.
Templates receive these dataclasses and format them; they compute nothing that could go wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import __version__
from ..errors import UserError
from ..models.common import Period
from ..models.config import ReportConfig
from ..models.organisation import Organisation
from ..models.recommendation import RecommendationSet
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, STATUS_LABELS, due_label, long_date
from ..problems import plural
from ..tracker.corpus import Corpus
from ..tracker.movement_items import ActionChange, AssessmentItem, DueMove, OrgMovement
from . import overdue, status
from .appendices import RatingKey, SectionGroup, ThemeGroup, appendix_a, appendix_b, rating_keys
from .assurance import Assurance, Decisions, DueChangeRow, Redated, assurance, decisions, headline, redated
from .charts import Chart, ratings_chart, workplan_chart
from .cover import Cover, CoverDefaults, CoverOptions, cover_sheet, refuse_bad_settings
from .overdue import LateAction, Overdue
from .parts import counted
from .status import TOTAL, StatusTable, WorkplanSummary
from .trend import Trend

DEFAULT_RECOMMENDATION = {
    "decision": "The Board is asked to approve the position against the recommendations and the workplan set out "
    "in this paper.",
    "assurance": "The Board is asked to note the position against the recommendations and the progress of the "
    "workplan, and to take assurance from the actions under way.",
    "information": "The Board is asked to note this report.",
}


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
    illustrative: str | None = None
    """Said wherever its ratings are: that they are illustrative (``status.illustrative_note``)."""
    decisions: Decisions | None = None
    """Its decisions on the recommendations (``views.assurance``)."""
    assurance: Assurance | None = None
    """Its assurance levels, evidence and sign-offs (``views.assurance``)."""
    redated: list[Redated] = field(default_factory=list)
    """Its actions whose due date changed, each change with its reason."""
    part: str | None = None
    """The set's title when this is one set's part of a paper grouped by set (``views.paper_sets``)."""
    part_id: str | None = None
    """That set's id (what keeps each part's anchors its own)."""
    cites: dict[str, str] = field(default_factory=dict)
    """action id → the recommendations it cites, in a paper grouped by set (empty otherwise)."""

    @property
    def in_set(self) -> str:
        """``, <set title>`` in a paper grouped by set (what keeps each table's name its own), else nothing."""
        return f", {self.part}" if self.part else ""

    @property
    def anchor(self) -> str:
        """``-<set id>`` in a paper grouped by set, else nothing: added to the anchors of its rows."""
        return f"-{self.part_id}" if self.part_id else ""

    def refs(self, action_id: str) -> str | None:
        """The recommendations an action cites (``132, kirkup-2022:2``), in a paper grouped by set."""
        return self.cites.get(action_id)

    @property
    def assured(self) -> str | None:
        """The executive summary's sentence on its decisions and assurance (None: nothing recorded)."""
        return headline(self.decisions, self.assurance)

    def due_changes(self, action_id: str) -> list[DueChangeRow]:
        """The changes of one action's due date, oldest first (none: never re-dated)."""
        return next((r.changes for r in self.redated if r.id == action_id), [])


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

    The partials read ``movement.old.title`` and, per organisation, ``name`` and ``ratings`` (``recommendation``,
    ``title``, ``old``, ``new``, ``direction``); everything else that moved they take from ``movements``."""
    trend: Trend | None = None
    """The trend across past board meetings when ``--trend`` is given (``views.trend``); None leaves it out."""
    respond_by: date | None = None
    """The set's last day to decide on its recommendations (``RecommendationSet.response_due``); None: no clock."""
    sets: list[SetPart] = field(default_factory=list)
    """A ``SetPart`` per set, default first, when the paper is grouped by set; empty: one set."""

    def per_set(self, org_id: str) -> list[tuple[str, OrgReport]]:
        """(set title, the organisation's part for that set), in a paper grouped by set."""
        return [(p.title, o) for p in self.sets for o in p.paper.organisations if o.id == org_id]

    @property
    def clock_run(self) -> bool:
        """Whether the set's response clock has run: its last day to decide is past on ``as_of``."""
        return self.respond_by is not None and self.respond_by < self.as_of

    def moved(self, org_id: str) -> str | None:
        """The movements of one organisation since ``--since``, counted in a sentence (the same
        items ``movements`` lists, so the sentence and the list never disagree); None without it."""
        if self.movement is None:
            return None
        om = self._org_movement(org_id)
        if om is None or om.empty:
            return f"Since {self.movement.old.title}: nothing has moved."
        kinds = [m.direction for m in om.ratings] + [m.kind for m in self.movements(org_id)]
        parts = [plural(kinds.count(kind), one, many) for kind, one, many in MOVED_COUNTS if kind in kinds]
        return f"Since {self.movement.old.title}: {', '.join(parts) or 'no rating or action status moved'}."

    def movements(self, org_id: str) -> list[Moved]:
        """Every movement of one organisation since ``--since`` but its ratings (a table of their own),
        as a board paper words them: assessments, then actions, then due dates with days and reason."""
        om = self._org_movement(org_id)
        if om is None:
            return []
        assessed = [
            Moved("assessed", f"{_rec(a)}: newly assessed, {self._rating_words(a.rating)}") for a in om.assessed
        ]
        assessed += [
            Moved("unassessed", f"{_rec(a)}: assessment withdrawn (was {self._rating_words(a.rating)})")
            for a in om.unassessed
        ]
        actions = [Moved(a.kind, f"Action {a.id}, {a.title}: {_action_words(a, om.reason(a.id))}") for a in om.actions]
        due = [Moved(_due_kind(d), f"Action {d.id}, {d.title}: {_due_words(d, om.reason(d.id))}") for d in om.due]
        return assessed + actions + due

    def _org_movement(self, org_id: str) -> OrgMovement | None:
        found = (o for o in self.movement.organisations if o.organisation == org_id) if self.movement else iter(())
        return next(found, None)

    def _rating_words(self, rating_id: str) -> str:
        key = self.rating(rating_id)
        return f"{key.name} ({key.label.lower()})" if key else rating_id.replace("-", " ")

    def rating(self, rating_id: str) -> RatingKey | None:
        """The rating scheme's entry for an id (templates use it for column headers)."""
        return next((r for r in self.ratings if r.id == rating_id), None)


@dataclass(frozen=True, slots=True)
class SetPart:
    """One set's part of a paper grouped by set (``views.paper_sets``): its own paper, of which the
    templates print the parts that are per recommendation."""

    id: str
    title: str
    paper: Paper


@dataclass(frozen=True, slots=True)
class Moved:
    """One movement since ``--since`` in a board paper's words; ``kind`` is what ``Paper.moved`` counts."""

    kind: str
    text: str


MOVED_COUNTS = [
    ("up", "rating improved", "ratings improved"),
    ("down", "rating worse", "ratings worse"),
    ("changed", "rating changed", "ratings changed"),
    ("assessed", "recommendation newly assessed", "recommendations newly assessed"),
    ("unassessed", "assessment withdrawn", "assessments withdrawn"),
    ("completed", "action completed", "actions completed"),
    ("dropped", "action dropped", "actions dropped"),
    ("reopened", "action reopened", "actions reopened"),
    ("status", "action changed status", "actions changed status"),
    ("added", "action added", "actions added"),
    ("removed", "action removed", "actions removed"),
    ("later", "due date moved later", "due dates moved later"),
    ("earlier", "due date moved earlier", "due dates moved earlier"),
    ("due", "due date set, removed or restated", "due dates set, removed or restated"),
]
"""Each kind of movement, in the order the summary sentence counts them."""


def _rec(item: AssessmentItem) -> str:
    return f"Recommendation {item.recommendation}" + (f", {item.title}" if item.title else "")


def _status(status_id: str | None) -> str:
    return STATUS_LABELS.get(status_id or "", status_id or "none").lower()


def _action_words(a: ActionChange, reason: str | None) -> str:
    words = {
        "added": f"added ({_status(a.new_status)})",
        "removed": "removed from the workplan",
        "completed": "completed" + (f" on {long_date(a.completed)}" if a.completed else ""),
        "dropped": f"dropped (was {_status(a.old_status)})",
        "reopened": f"reopened, now {_status(a.new_status)} (was {_status(a.old_status)})",
    }.get(a.kind, f"moved to {_status(a.new_status)}")
    return f"{words}: {reason}" if reason and a.kind != "added" else words


def _due_kind(d: DueMove) -> str:
    return "due" if not d.days else "later" if d.days > 0 else "earlier"


def _period(text: str) -> str:
    try:
        return due_label(Period.parse(text))
    except ValueError:
        return text


def _due_words(d: DueMove, reason: str | None) -> str:
    if d.old is None or d.new is None:
        words = f"due date set to {_period(d.new)}" if d.new else f"due date removed (was {_period(d.old or '')})"
    else:
        days = f"{plural(abs(d.days), 'day')} {'later' if d.days > 0 else 'earlier'}" if d.days else "same end"
        words = f"due date moved from {_period(d.old)} to {_period(d.new)} ({days})"
    return f"{words}: {reason}" if reason else words


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
    illustrative: str | None,
) -> OrgReport:
    summary = _summary(table, keys)
    title, sections, used = appendix_b(corpus, org, as_of)
    return OrgReport(
        id=org.id,
        name=org.name,
        summary=summary,
        table=table,
        ratings_chart=ratings_chart(org, table, keys),
        workplan_chart=workplan_chart(org, summary.workplan, [x for x in late.overdue if x.organisation == org.id]),
        overdue=[x for x in late.overdue if x.organisation == org.id],
        due_soon=[x for x in late.due_soon if x.organisation == org.id],
        appendix_a=appendix_a(corpus, rs, org.id, keys),
        workplan_title=title,
        appendix_b=sections,
        roles=[(r, org.role_title(r)) for r in used],
        illustrative=illustrative,
        decisions=decisions(corpus, rs, org.id, table.scope, late.decisions),
        assurance=assurance(corpus, rs, org, keys, as_of),
        redated=redated(corpus, org.id, as_of),
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
    cover_options: CoverOptions = CoverOptions(),
    due_soon_days: int = 30,
    set_id: str | None = None,
) -> Paper:
    """The whole paper for the chosen organisations; cover values: option, else francis.yaml, else a default.
    Of the default set, or ``set_id`` (its actions: those ``Figures.of_set`` counts for it).

    Refused (``PaperRefused``) when francis.yaml has errors: see ``views.cover``."""
    refuse_bad_settings(corpus)
    entry = corpus.set(set_id)
    if entry is None:
        raise UserError(f"no recommendation set {set_id or corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    keys = rating_keys(corpus.ratings)
    f = status.figures(corpus)
    tables = status.status(f, orgs=orgs, as_of=as_of, set_id=set_id).tables
    source = f.of_set(rs.set) if set_id is not None and rs.set in f.set_ids else corpus
    late = overdue.overdue(source, as_of=as_of, within=due_soon_days, orgs=orgs)
    organisations = status.organisations_for(corpus, orgs)
    numbers = counted([r.number for r in rs.recommendations])
    named = {o.id: status.illustrative_note(f, o.id, numbers, o.name) for o in organisations}
    reports = [
        _org_report(corpus, rs, org, table, late, keys, as_of, named[org.id])
        for org, table in zip(organisations, tables, strict=True)
    ]
    cfg: ReportConfig = corpus.config.report
    defaults = CoverDefaults(
        as_of=as_of,
        title=f"Progress against the recommendations of the {rs.title}",
        period=f"Position as at {long_date(as_of)}",
        summary=_default_summary(reports, rs, as_of),
        recommendation=DEFAULT_RECOMMENDATION[cfg.purpose],
        organisations=[o.name for o in organisations],
        ratings_notes=[note for note in named.values() if note],
    )
    return Paper(
        cover=cover_sheet(cfg, cover_options, defaults),
        as_of=as_of,
        set_id=rs.set,
        set_title=rs.title,
        ratings=list(keys.values()),
        statuses=list(STATUS_LABELS.items()),
        organisations=reports,
        due_soon_days=due_soon_days,
        generator=f"francis {__version__}",
        respond_by=rs.response_due(),
    )
