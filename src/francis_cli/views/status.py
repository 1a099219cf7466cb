"""``status``: where each organisation stands, as plain view-models for the renderers.

Nothing in views/ prints or formats: status tables, overdue lists and ``show`` pages are
dataclasses of ids, labels, numbers and dates, so the console, Markdown, JSON and CSV
renderers all show the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..errors import UserError
from ..models.config import RatingLevel
from ..models.organisation import Organisation
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, STATUSES, StatusBy
from ..models.workplan import is_due_soon, is_overdue
from ..problems import hint
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus

TOTAL = "total"
NO_THEME = "(no theme)"


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    label: str
    colour: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str
    values: dict[str, int]


@dataclass(frozen=True, slots=True)
class WorkplanSummary:
    actions: int
    by_status: dict[str, int]
    overdue: int
    due_soon: int
    due_soon_days: int


@dataclass(frozen=True, slots=True)
class StatusTable:
    """One status table: rows of counts under the same columns, and a totals row."""

    title: str
    organisation: str | None
    row_header: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None
    workplan: WorkplanSummary | None = None
    bar_columns: list[str] = field(default_factory=list)
    """The columns whose counts make up the row's bar (ratings, then not assessed)."""


@dataclass(frozen=True, slots=True)
class StatusView:
    by: StatusBy
    set: str
    as_of: date
    tables: list[StatusTable]


def organisations_for(corpus: Corpus, wanted: Sequence[str]) -> list[Organisation]:
    """The organisations a command is about: ``--org``, else francis.yaml's, else all of them."""
    ids = list(wanted) or ([corpus.config.organisation] if corpus.config.organisation else [])
    if not ids:
        return [entries[0].model for entries in corpus.organisations.values()]
    out = []
    for org_id in ids:
        org = corpus.organisation(org_id)
        if org is None:
            raise UserError(f"no organisation {org_id!r}{_choices(org_id, list(corpus.organisations))}")
        out.append(org)
    return out


def _choices(word: str, options: list[str]) -> str:
    """The closest known ids, else every known id: a mistyped ``--org`` or ``--theme`` says what there is."""
    return hint(word, options, n=3) or (f" (known: {', '.join(options)})" if options else "")


def _rating_columns(ratings: Sequence[RatingLevel]) -> list[Column]:
    return [Column(r.id, r.label, r.colour) for r in ratings] + [
        Column(NOT_ASSESSED, "Not assessed"),
        Column(NOT_APPLICABLE, "Not applicable"),
        Column(TOTAL, "Total"),
    ]


def _count(recs: Iterable[int], latest: dict[int, AssessmentEntry], columns: list[Column]) -> dict[str, int]:
    values = dict.fromkeys((c.id for c in columns), 0)
    for number in recs:
        entry = latest.get(number)
        if entry is None:
            values[NOT_ASSESSED] += 1
        elif not entry.model.applicable:
            values[NOT_APPLICABLE] += 1
        elif entry.model.rating in values:
            values[entry.model.rating] += 1
        values[TOTAL] += 1
    return values


def _assessed(corpus: Corpus, org: str, set_id: str) -> dict[int, AssessmentEntry]:
    return corpus.assessed.get((org, set_id), {})


def workplan_summary(actions: Sequence[ActionEntry], as_of: date, soon: int = 30) -> WorkplanSummary:
    by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for a in actions:
        by_status[a.model.status] += 1
    return WorkplanSummary(
        actions=len(actions),
        by_status=by_status,
        overdue=sum(is_overdue(a.model, as_of) for a in actions),
        due_soon=sum(is_due_soon(a.model, as_of, soon) for a in actions),
        due_soon_days=soon,
    )


def status(
    corpus: Corpus, *, by: StatusBy = StatusBy.theme, orgs: Sequence[str] = (), theme: str | None = None, as_of: date
) -> StatusView:
    """Where each organisation stands against the default set, and its workplan."""
    entry = corpus.set()
    if entry is None:
        raise UserError(f"no recommendation set {corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    themes = {t.id: t.title for t in rs.themes}
    if theme is not None and theme not in themes:
        raise UserError(f"set {rs.set!r} has no theme {theme!r}{_choices(theme, list(themes))}")
    numbers = [r.number for r in rs.recommendations if theme is None or r.theme == theme]
    organisations = organisations_for(corpus, orgs)
    columns = _rating_columns(corpus.ratings)
    bar = [r.id for r in corpus.ratings] + [NOT_ASSESSED]
    tables: list[StatusTable] = []
    if by == "theme":
        groups: dict[str, list[int]] = {t: [] for t in themes}
        for r in rs.recommendations:
            if theme is None or r.theme == theme:
                groups.setdefault(r.theme or NO_THEME, []).append(r.number)
        for org in organisations:
            latest = _assessed(corpus, org.id, rs.set)
            rows = [
                Row(key, themes.get(key, "Other recommendations"), _count(recs, latest, columns))
                for key, recs in groups.items()
                if recs
            ]
            actions = corpus.actions_of.get(org.id, [])
            tables.append(
                StatusTable(
                    org.name,
                    org.id,
                    "Theme",
                    columns,
                    rows,
                    Row(TOTAL, "Total", _count(numbers, latest, columns)),
                    workplan_summary(actions, as_of),
                    bar,
                )
            )
    elif by == "organisation":
        rows = []
        for org in organisations:
            rows.append(Row(org.id, org.name, _count(numbers, _assessed(corpus, org.id, rs.set), columns)))
        total = Row(TOTAL, "Total", {c.id: sum(r.values[c.id] for r in rows) for c in columns})
        tables.append(StatusTable(rs.title, None, "Organisation", columns, rows, total, None, bar))
    elif by == "rating":
        org_columns = [Column(o.id, o.id) for o in organisations] + [Column(TOTAL, "Total")]
        counts = {o.id: _count(numbers, _assessed(corpus, o.id, rs.set), columns) for o in organisations}
        rows = []
        for c in columns[:-1]:
            values = {o.id: counts[o.id][c.id] for o in organisations}
            values[TOTAL] = sum(values.values())
            rows.append(Row(c.id, c.label, values))
        total = Row(TOTAL, "Total", {col.id: sum(r.values[col.id] for r in rows) for col in org_columns})
        tables.append(StatusTable(rs.title, None, "Rating", org_columns, rows, total))
    else:
        tables.extend(_by_lead(corpus, organisations, as_of))
    return StatusView(by, rs.set, as_of, tables)


def _by_lead(corpus: Corpus, organisations: Sequence[Organisation], as_of: date) -> list[StatusTable]:
    columns = [Column(s, s.replace("-", " ").capitalize()) for s in STATUSES] + [
        Column("overdue", "Overdue"),
        Column("due-soon", "Due ≤30 days"),
        Column(TOTAL, "Total"),
    ]
    tables = []
    for org in organisations:
        actions = corpus.actions_of.get(org.id, [])
        leads: dict[str, list[ActionEntry]] = {}
        for a in actions:
            for role in a.model.lead or ["(no lead)"]:
                leads.setdefault(role, []).append(a)
        order = [r for r in org.roles if r in leads] + sorted(r for r in leads if r not in org.roles)
        rows = [
            Row(
                role,
                f"{role} {org.roles[role]}" if role in org.roles and org.roles[role] != role else role,
                _action_counts(leads[role], as_of),
            )
            for role in order
        ]
        tables.append(
            StatusTable(
                org.name,
                org.id,
                "Lead",
                columns,
                rows,
                Row(TOTAL, "Total (each action once)", _action_counts(actions, as_of)),
                workplan_summary(actions, as_of),
            )
        )
    return tables


def _action_counts(actions: Sequence[ActionEntry], as_of: date) -> dict[str, int]:
    summary = workplan_summary(actions, as_of)
    return {**summary.by_status, "overdue": summary.overdue, "due-soon": summary.due_soon, TOTAL: summary.actions}
