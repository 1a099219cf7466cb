"""Questions asked of a loaded tracker, answered as plain view-models for the renderers.

Nothing here prints or formats: ``status`` tables, ``overdue`` lists and ``show`` pages are
dataclasses of ids, labels, numbers and dates, so the console, Markdown, JSON and CSV
renderers all show the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from .corpus import ActionEntry, AssessmentEntry, Corpus
from .errors import UserError
from .models import CLOSED, Organisation, RatingLevel

STATUSES: tuple[str, ...] = ("not-started", "in-progress", "done", "blocked", "dropped")
NOT_ASSESSED, NOT_APPLICABLE, TOTAL = "not-assessed", "not-applicable", "total"
NO_THEME = "(no theme)"
By = Literal["theme", "organisation", "rating", "lead"]


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
class Table:
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
class Status:
    by: By
    set: str
    as_of: date
    tables: list[Table]


def organisations_for(corpus: Corpus, wanted: Sequence[str]) -> list[Organisation]:
    """The organisations a command is about: ``--org``, else francis.yaml's, else all of them."""
    ids = list(wanted) or ([corpus.config.organisation] if corpus.config.organisation else [])
    if not ids:
        return [entries[0].model for entries in corpus.organisations.values()]
    out = []
    for org_id in ids:
        org = corpus.organisation(org_id)
        if org is None:
            raise UserError(f"no organisation {org_id!r}{_choices(org_id, corpus.organisations)}")
        out.append(org)
    return out


def _choices(word: str, options: Iterable[str]) -> str:
    import difflib

    options = list(options)
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.5)
    if close:
        return f" (did you mean {', '.join(repr(c) for c in close)}?)"
    return f" (known: {', '.join(options)})" if options else ""


def _rating_columns(ratings: Sequence[RatingLevel]) -> list[Column]:
    return [Column(r.id, r.label, r.colour) for r in ratings] + [
        Column(NOT_ASSESSED, "Not assessed"), Column(NOT_APPLICABLE, "Not applicable"), Column(TOTAL, "Total")]


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


def due_end(action: ActionEntry) -> date | None:
    return action.model.due.end if action.model.due else None


def is_overdue(action: ActionEntry, as_of: date) -> bool:
    """Overdue: its due period ended before ``as_of`` and it is neither done nor dropped."""
    end = due_end(action)
    return end is not None and end < as_of and action.model.status not in CLOSED


def is_due_soon(action: ActionEntry, as_of: date, days: int) -> bool:
    end = due_end(action)
    return end is not None and as_of <= end <= as_of + timedelta(days=days) and action.model.status not in CLOSED


def workplan_summary(actions: Sequence[ActionEntry], as_of: date, soon: int = 30) -> WorkplanSummary:
    by_status = dict.fromkeys(STATUSES, 0)
    for a in actions:
        by_status[a.model.status] += 1
    return WorkplanSummary(
        actions=len(actions), by_status=by_status,
        overdue=sum(is_overdue(a, as_of) for a in actions),
        due_soon=sum(is_due_soon(a, as_of, soon) for a in actions), due_soon_days=soon,
    )  # fmt: skip


def status(corpus: Corpus, *, by: By = "theme", orgs: Sequence[str] = (), theme: str | None = None,
           as_of: date) -> Status:  # fmt: skip
    """Where each organisation stands against the default set, and its workplan."""
    entry = corpus.set()
    if entry is None:
        raise UserError(f"no recommendation set {corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    themes = {t.id: t.title for t in rs.themes}
    if theme is not None and theme not in themes:
        raise UserError(f"set {rs.set!r} has no theme {theme!r}{_choices(theme, themes)}")
    numbers = [r.number for r in rs.recommendations if theme is None or r.theme == theme]
    organisations = organisations_for(corpus, orgs)
    columns = _rating_columns(corpus.ratings)
    bar = [r.id for r in corpus.ratings] + [NOT_ASSESSED]
    tables: list[Table] = []
    if by == "theme":
        groups: dict[str, list[int]] = {t: [] for t in themes}
        for r in rs.recommendations:
            if theme is None or r.theme == theme:
                groups.setdefault(r.theme or NO_THEME, []).append(r.number)
        for org in organisations:
            latest = _assessed(corpus, org.id, rs.set)
            rows = [Row(key, themes.get(key, "Other recommendations"), _count(recs, latest, columns))
                    for key, recs in groups.items() if recs]  # fmt: skip
            actions = corpus.actions_of.get(org.id, [])
            tables.append(Table(org.name, org.id, "Theme", columns, rows,
                                Row(TOTAL, "Total", _count(numbers, latest, columns)),
                                workplan_summary(actions, as_of), bar))  # fmt: skip
    elif by == "organisation":
        rows = []
        for org in organisations:
            rows.append(Row(org.id, org.name, _count(numbers, _assessed(corpus, org.id, rs.set), columns)))
        total = Row(TOTAL, "Total", {c.id: sum(r.values[c.id] for r in rows) for c in columns})
        tables.append(Table(rs.title, None, "Organisation", columns, rows, total, None, bar))
    elif by == "rating":
        org_columns = [Column(o.id, o.id) for o in organisations] + [Column(TOTAL, "Total")]
        counts = {o.id: _count(numbers, _assessed(corpus, o.id, rs.set), columns) for o in organisations}
        rows = []
        for c in columns[:-1]:
            values = {o.id: counts[o.id][c.id] for o in organisations}
            values[TOTAL] = sum(values.values())
            rows.append(Row(c.id, c.label, values))
        total = Row(TOTAL, "Total", {col.id: sum(r.values[col.id] for r in rows) for col in org_columns})
        tables.append(Table(rs.title, None, "Rating", org_columns, rows, total))
    else:
        tables.extend(_by_lead(corpus, organisations, as_of))
    return Status(by, rs.set, as_of, tables)


def _by_lead(corpus: Corpus, organisations: Sequence[Organisation], as_of: date) -> list[Table]:
    columns = [Column(s, s.replace("-", " ").capitalize()) for s in STATUSES] + [
        Column("overdue", "Overdue"), Column("due-soon", "Due ≤30 days"), Column(TOTAL, "Total")]
    tables = []
    for org in organisations:
        actions = corpus.actions_of.get(org.id, [])
        leads: dict[str, list[ActionEntry]] = {}
        for a in actions:
            for role in a.model.lead or ["(no lead)"]:
                leads.setdefault(role, []).append(a)
        order = [r for r in org.roles if r in leads] + sorted(r for r in leads if r not in org.roles)
        rows = [Row(role, f"{role} {org.roles[role]}" if role in org.roles and org.roles[role] != role else role,
                    _action_counts(leads[role], as_of)) for role in order]  # fmt: skip
        tables.append(Table(org.name, org.id, "Lead", columns, rows, Row(TOTAL, "Total (each action once)",
                            _action_counts(actions, as_of)), workplan_summary(actions, as_of)))  # fmt: skip
    return tables


def _action_counts(actions: Sequence[ActionEntry], as_of: date) -> dict[str, int]:
    summary = workplan_summary(actions, as_of)
    return {**summary.by_status, "overdue": summary.overdue, "due-soon": summary.due_soon, TOTAL: summary.actions}


@dataclass(frozen=True, slots=True)
class LateAction:
    organisation: str
    id: str
    title: str
    leads: list[tuple[str, str]]
    """(role id, role title) for each lead."""
    due: str
    due_end: date
    days: int
    """Days overdue (positive), or days until due (zero or negative) for those due soon."""
    status: str
    last_progress: date | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Stale:
    kind: Literal["assessment", "action"]
    organisation: str
    ref: str
    """The file of a stale assessment, or the id of a stale action."""
    title: str
    last: date
    age: int
    count: int


@dataclass(frozen=True, slots=True)
class Overdue:
    as_of: date
    within: int | None
    stale_days: int
    overdue: list[LateAction]
    due_soon: list[LateAction]
    stale: list[Stale]


def _late(entry: ActionEntry, org: Organisation | None, as_of: date) -> LateAction:
    a = entry.model
    assert a.due is not None
    roles = org.roles if org else {}
    line, _ = entry.at.file.source.locate(entry.at.path)
    return LateAction(
        organisation=entry.organisation, id=a.id, title=a.title,
        leads=[(r, roles.get(r, r)) for r in a.lead], due=str(a.due), due_end=a.due.end,
        days=(as_of - a.due.end).days, status=a.status,
        last_progress=max((p.date for p in a.progress), default=None),
        path=entry.at.file.rel, line=line,
    )  # fmt: skip


def overdue(corpus: Corpus, *, as_of: date, within: int | None = None, orgs: Sequence[str] = (),
            leads: Sequence[str] = (), stale_days: int = 180) -> Overdue:  # fmt: skip
    """Open actions past their due period (most overdue first), those due soon, and stale items."""
    organisations = {o.id: o for o in organisations_for(corpus, orgs)}
    actions = [a for a in corpus.actions if a.organisation in organisations
               and (not leads or set(leads) & set(a.model.lead))]  # fmt: skip
    late = [_late(a, organisations[a.organisation], as_of) for a in actions if is_overdue(a, as_of)]
    late.sort(key=lambda x: (-x.days, x.organisation, x.path, x.line))
    soon: list[LateAction] = []
    if within is not None:
        soon = [_late(a, organisations[a.organisation], as_of) for a in actions if is_due_soon(a, as_of, within)]
        soon.sort(key=lambda x: (x.due_end, x.organisation, x.path, x.line))
    return Overdue(as_of, within, stale_days, late, soon, _stale(corpus, organisations, actions, as_of, stale_days))


def _stale(corpus: Corpus, organisations: dict[str, Organisation], actions: Sequence[ActionEntry],
           as_of: date, days: int) -> list[Stale]:  # fmt: skip
    out: list[Stale] = []
    files: dict[str, list[AssessmentEntry]] = {}
    for a in corpus.assessments:
        if a.organisation in organisations:
            files.setdefault(a.at.file.rel, []).append(a)
    for rel, entries in files.items():
        assessed = entries[0].file_model.assessed
        if assessed is not None and (as_of - assessed).days > days:
            out.append(Stale("assessment", entries[0].organisation, rel, f"{len(entries)} assessments",
                             assessed, (as_of - assessed).days, len(entries)))  # fmt: skip
    for action in actions:
        if action.model.status in CLOSED:
            continue
        last = max((p.date for p in action.model.progress), default=action.workplan.agreed)
        if last is not None and (as_of - last).days > days:
            out.append(Stale("action", action.organisation, action.model.id, action.model.title, last,
                             (as_of - last).days, 1))  # fmt: skip
    out.sort(key=lambda s: (-s.age, s.organisation, s.ref))
    return out
