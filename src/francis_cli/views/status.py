"""``status``: where each organisation stands, as plain view-models for the renderers.

Nothing in views/ prints or formats: status tables, overdue lists and ``show`` pages are
dataclasses of ids, labels, numbers and dates, so the console, Markdown, JSON and CSV
renderers all show the same figures. ``status`` and ``overdue`` compute from plain
``tracker.snapshot.Figures``, a loaded corpus's or a snapshot's, so a warm run needs no models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from ..errors import UserError
from ..models.numbers import RecNumber, number_key, number_slug, top_of
from ..models.vocab import CLOSED, NOT_APPLICABLE, NOT_ASSESSED, NOT_ASSESSED_LABEL, STATUSES, StatusBy
from ..problems import hint
from ..tracker import snapshot
from ..tracker.snapshot import ActionFigures, Figures, OrgFigures, SetFigures
from .parts import counted, parts_note, parts_of, span, with_parents_themes
from .status_assurance import AssuranceSummary, assurance_summary
from .status_assurance import ScopeSummary as ScopeSummary  # where it was first: imported from here too
from .status_assurance import scope_summary as scope_summary

if TYPE_CHECKING:
    from ..models.organisation import Organisation
    from ..tracker.corpus import ActionEntry, Corpus

OrgT = TypeVar("OrgT")

TOTAL = "total"


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
class Group:
    """A row of a table by theme: a theme of the set, or a run of numbers with no recorded theme."""

    key: str
    """The theme's id, or ``recommendations-4-122`` for a run."""
    label: str
    """The theme's title, or ``Recommendations 4–122``."""
    numbers: list[RecNumber]
    """Its numbers in order, parts (``2i``) and their parents (``2``) alike."""
    themed: bool


def theme_groups(
    themes: Sequence[tuple[str, str]], recommendations: Iterable[tuple[RecNumber, str | None]]
) -> list[Group]:
    """Recommendations by theme, in number order: each theme (at its first number), and each run of
    numbers without a recorded theme as a group of its own, named by its numbers.

    Why no catch-all row: most of a catalogue may have no theme recorded yet, and one "other" row
    would be most of every table and chart. Between two known themes the numbers keep their place
    ("Recommendations 4–122") until a source gives their heading. A part without a theme of its
    own is under its parent's; a run is named by its top-level numbers."""
    titles = dict(themes)
    groups: dict[str, tuple[list[RecNumber], bool]] = {}
    run: list[RecNumber] | None = None
    for n, theme in sorted(with_parents_themes(recommendations), key=lambda r: number_key(r[0])):
        if theme is None:
            if run is None:
                run = []
                groups[f"run {len(groups)}"] = (run, False)
            run.append(n)
        else:
            run = None
            groups.setdefault(theme, ([], True))[0].append(n)
    out = []
    for key, (ns, themed) in groups.items():
        tops = list(dict.fromkeys(map(top_of, ns)))
        numbers = f"{tops[0]}–{tops[-1]}" if len(tops) > 1 else str(tops[0])
        run_key = f"recommendations-{'-'.join(number_slug(t) for t in dict.fromkeys((tops[0], tops[-1])))}"
        run_label = f"Recommendation{'s' * (len(tops) > 1)} {numbers}"
        out.append(Group(key, titles.get(key, key), ns, True) if themed else Group(run_key, run_label, ns, False))
    return out


def unthemed_note(groups: Sequence[Group]) -> str | None:
    """What a table's note says of its rows without a recorded theme (None when every row has one)."""
    runs = [g for g in groups if not g.themed]
    if not runs:
        return None
    spans = [g.label.split(" ", 1)[1] for g in runs]
    listed = spans[0] if len(spans) == 1 else f"{', '.join(spans[:-1])} and {spans[-1]}"
    one = sum(len(g.numbers) for g in runs) == 1
    return f"No theme recorded yet for {'recommendation' if one else 'recommendations'} {listed}: grouped by number."


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
    scope: ScopeSummary | None = None
    """The organisation's scope and decisions, when it declares a scope or has made a decision."""
    notes: list[str] = field(default_factory=list)
    """What a reader must know to read the table: rows grouped by number, ratings that are illustrative."""
    assurance: AssuranceSummary | None = None
    """The organisation's assurance levels, sign-offs and decisions (tables by theme)."""


@dataclass(frozen=True, slots=True)
class StatusView:
    by: StatusBy
    set: str
    as_of: date
    tables: list[StatusTable]
    sets: StatusTable | None = None
    """A row per set (without ``--set``, when more than one set has an assessment or a cited action)."""


def organisations_for(corpus: Corpus, wanted: Sequence[str]) -> list[Organisation]:
    """The organisations a command is about: ``--org``, else francis.yaml's, else all of them."""
    found = {org_id: entries[0].model for org_id, entries in corpus.organisations.items()}
    return _pick(found, corpus.config.organisation, wanted)


def _pick(found: dict[str, OrgT], default: str | None, wanted: Sequence[str]) -> list[OrgT]:
    ids = list(wanted) or ([default] if default else [])
    if not ids:
        return list(found.values())
    out = []
    for org_id in ids:
        org = found.get(org_id)
        if org is None:
            raise UserError(f"no organisation {org_id!r}{_choices(org_id, list(found))}")
        out.append(org)
    return out


def refuse_unknown_leads(organisations: Sequence[Organisation | OrgFigures], leads: Sequence[str]) -> None:
    """A ``--lead`` that is a role of none of the organisations asked about is a typo: say so, rather
    than answer with an empty list that reads as "nothing is due"."""
    roles = sorted({r for o in organisations for r in o.roles})
    for lead in leads:
        if lead not in roles:
            raise UserError(
                f"--lead: {lead!r} is not a role of {', '.join(o.id for o in organisations)}{_choices(lead, roles)}"
            )


def organisation_figures(figures: Figures, wanted: Sequence[str]) -> list[OrgFigures]:
    """As ``organisations_for``, on plain figures."""
    return _pick(figures.organisations, figures.organisation, wanted)


def figures(source: Corpus | Figures) -> Figures:
    return source if isinstance(source, Figures) else snapshot.figures_of(source)


def _choices(word: str, options: list[str]) -> str:
    """The closest known ids, else every known id: a mistyped ``--org`` or ``--theme`` says what there is."""
    return hint(word, options, n=3) or (f" (known: {', '.join(options)})" if options else "")


def _rating_columns(ratings: Sequence[tuple[str, str, str | None]]) -> list[Column]:
    return [Column(i, label, colour) for i, label, colour in ratings] + [
        Column(NOT_ASSESSED, NOT_ASSESSED_LABEL),
        Column(NOT_APPLICABLE, "Not applicable"),
        Column(TOTAL, "Total"),
    ]


_MISSING = object()


def _count(
    recs: Iterable[RecNumber], latest: dict[RecNumber, str | bool | None], columns: list[Column]
) -> dict[str, int]:
    values = dict.fromkeys((c.id for c in columns), 0)
    for number in recs:
        rating = latest.get(number, _MISSING)
        if rating is _MISSING:
            values[NOT_ASSESSED] += 1
        elif rating is snapshot.NOT_APPLICABLE:
            values[NOT_APPLICABLE] += 1
        elif isinstance(rating, str) and rating in values:
            values[rating] += 1
        values[TOTAL] += 1
    return values


def due_soon(a: ActionFigures, as_of: date, days: int) -> bool:
    """As ``models.workplan.is_due_soon``, on plain figures."""
    end = a.due_end
    return end is not None and as_of <= end <= as_of + timedelta(days=days) and a.status not in CLOSED


def overdue(a: ActionFigures, as_of: date) -> bool:
    """As ``models.workplan.is_overdue``, on plain figures."""
    return a.due_end is not None and a.due_end < as_of and a.status not in CLOSED


def workplan_summary(
    actions: Sequence[ActionEntry] | Sequence[ActionFigures], as_of: date, soon: int = 30
) -> WorkplanSummary:
    plain = [a if isinstance(a, ActionFigures) else _one(a) for a in actions]
    by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for a in plain:
        by_status[a.status] += 1
    return WorkplanSummary(
        actions=len(plain),
        by_status=by_status,
        overdue=sum(overdue(a, as_of) for a in plain),
        due_soon=sum(due_soon(a, as_of, soon) for a in plain),
        due_soon_days=soon,
    )


def _one(entry: ActionEntry) -> ActionFigures:
    m, at = entry.model, entry.at
    head = (entry.organisation, m.id, m.title, m.status, list(m.lead))
    return ActionFigures(*head, None, m.due.end if m.due else None, None, None, at.file.rel, at.path)


def status(
    corpus: Corpus | Figures,
    *,
    by: StatusBy = StatusBy.theme,
    orgs: Sequence[str] = (),
    theme: str | None = None,
    addressee: str | None = None,
    set_id: str | None = None,
    as_of: date,
) -> StatusView:
    """Where each organisation stands against the default set, or ``set_id`` (its recommendations
    of ``theme`` addressed to ``addressee``, when given), and its workplan (``status_sets.status``
    adds the row per set)."""
    f = _of_set(figures(corpus), set_id)
    rs = f.set
    if rs is None:
        raise UserError(f"no recommendation set {f.default_set!r} in data/recommendations/")
    themes = dict(rs.themes)
    if theme is not None and theme not in themes:
        raise UserError(f"set {rs.set!r} has no theme {theme!r}{_choices(theme, list(themes))}")
    recs = with_parents_themes(rs.recommendations)
    shown = [r for r in recs if (theme is None or r[1] == theme) and _addressed(rs, addressee, r[0])]
    parts = parts_of(n for n, _ in shown)
    numbers = counted([n for n, _ in shown], parts)
    organisations = organisation_figures(f, orgs)
    columns = _rating_columns(f.ratings)
    bar = [r[0] for r in f.ratings] + [NOT_ASSESSED]
    tables: list[StatusTable] = []
    if by == "theme":
        groups = theme_groups(rs.themes, shown)
        grouped = unthemed_note(groups)
        for org in organisations:
            latest = f.assessed.get(org.id, {})
            rows = [row for g in groups for row in _group_rows(g, parts, latest, columns)]
            total = Row(TOTAL, "Total", _count(numbers, latest, columns))
            summary = workplan_summary(f.actions_of.get(org.id, []), as_of)
            scope = scope_summary(f, org.id, numbers)
            notes = [
                n
                for n in (
                    _to(rs, addressee, numbers),
                    grouped,
                    parts_note(parts),
                    illustrative_note(f, org.id, numbers),
                )
                if n
            ]
            assured = assurance_summary(f, org.id, numbers)
            table = StatusTable(org.name, org.id, "Theme", columns, rows, total, summary, bar, scope, notes, assured)
            tables.append(table)
    elif by == "organisation":
        rows = [Row(o.id, o.name, _count(numbers, f.assessed.get(o.id, {}), columns)) for o in organisations]
        total = Row(TOTAL, "Total", {c.id: sum(r.values[c.id] for r in rows) for c in columns})
        notes = [n for n in [_to(rs, addressee, numbers), parts_note(parts)] if n]
        notes += _illustrative_notes(f, organisations, numbers)
        tables.append(StatusTable(rs.title, None, "Organisation", columns, rows, total, None, bar, notes=notes))
    elif by == "rating":
        tables.append(_by_rating(f, rs.title, numbers, organisations, columns))
    else:
        tables.extend(_by_lead(f, organisations, as_of))
    return StatusView(by, rs.set, as_of, tables)


def _group_rows(
    g: Group,
    parts: dict[RecNumber, list[RecNumber]],
    latest: dict[RecNumber, str | bool | None],
    columns: list[Column],
) -> list[Row]:
    """A theme's row (its numbers less those counted by their parts), then a row per recommendation
    of it with parts, counting those parts: the two levels of a set with parts."""
    rows = [Row(g.key, g.label, _count(counted(g.numbers, parts), latest, columns))]
    for n in g.numbers if parts else ():
        if n in parts:
            label = f"  {n}: parts {span(parts[n])}"
            rows.append(Row(f"parts-{number_slug(n)}", label, _count(parts[n], latest, columns)))
    return rows


def _of_set(f: Figures, set_id: str | None) -> Figures:
    """The figures of ``set_id`` (of the default set without one); an unknown set is refused."""
    if set_id is not None and set_id not in f.set_ids:
        raise UserError(
            f"--set: {set_id!r} is not a recommendation set of this tracker (known: {', '.join(f.set_ids)})"
        )
    return f.of_set(set_id or f.default_set) if (set_id or f.default_set) in f.set_ids else f


def _addressed(rs: SetFigures, addressee: str | None, number: RecNumber) -> bool:
    """Whether ``number`` is addressed to ``addressee`` (any is, without one; a part that records no
    addressee is its parent's); an addressee the set never names is refused, with the ones it does:
    else a typo reads as "nothing addressed to us"."""
    if addressee is None:
        return True
    if not any(addressee in a for a in rs.addressees.values()):
        known = sorted({a for names in rs.addressees.values() for a in names})
        raise UserError(
            f"--addressee: {addressee!r} is not an addressee of set {rs.set!r}"
            + (_choices(addressee, known) if known else " (it records none yet)")
        )
    named = rs.addressees.get(number)
    return addressee in (named if named is not None else rs.addressees.get(top_of(number), ()))


def _to(rs: SetFigures, addressee: str | None, numbers: Sequence[RecNumber]) -> str | None:
    if addressee is None:
        return None
    return f"Only the recommendations addressed to {addressee}: {len(numbers)} of {len(counted(_all(rs)))}."


def _all(rs: SetFigures) -> list[RecNumber]:
    return [n for n, _ in rs.recommendations]


def illustrative_note(f: Figures, org: str, numbers: Sequence[RecNumber], name: str | None = None) -> str | None:
    """The note on ratings among ``numbers`` from an assessment file marked ``illustrative`` (None if
    none); ``name`` names the organisation. Why: else a demonstration's reading passes for its own."""
    marked, assessed = set(f.illustrative.get(org, ())), f.assessed.get(org, {})
    shown = [n for n in numbers if n in assessed]
    some = sum(n in marked for n in shown)
    if not some:
        return None
    of = f" of {name}" if name else ""
    some_of = "" if some == len(shown) else f" ({some} of the {len(shown)})"
    return f"Illustrative ratings{of}{some_of}: readings made for demonstration, not the organisation's own assessment."


def _illustrative_notes(f: Figures, organisations: Sequence[OrgFigures], numbers: Sequence[RecNumber]) -> list[str]:
    return [n for o in organisations if (n := illustrative_note(f, o.id, numbers, o.name))]


def _by_rating(
    f: Figures, title: str, numbers: list[RecNumber], organisations: Sequence[OrgFigures], columns: list[Column]
) -> StatusTable:
    org_columns = [Column(o.id, o.id) for o in organisations] + [Column(TOTAL, "Total")]
    counts = {o.id: _count(numbers, f.assessed.get(o.id, {}), columns) for o in organisations}
    rows = []
    for c in columns[:-1]:
        values = {o.id: counts[o.id][c.id] for o in organisations}
        values[TOTAL] = sum(values.values())
        rows.append(Row(c.id, c.label, values))
    total = Row(TOTAL, "Total", {col.id: sum(r.values[col.id] for r in rows) for col in org_columns})
    notes = _illustrative_notes(f, organisations, numbers)
    return StatusTable(title, None, "Rating", org_columns, rows, total, notes=notes)


def _by_lead(f: Figures, organisations: Sequence[OrgFigures], as_of: date) -> list[StatusTable]:
    columns = [Column(s, s.replace("-", " ").capitalize()) for s in STATUSES] + [
        Column("overdue", "Overdue"),
        Column("due-soon", "Due ≤30 days"),
        Column(TOTAL, "Total"),
    ]
    tables = []
    for org in organisations:
        actions = f.actions_of.get(org.id, [])
        leads: dict[str, list[ActionFigures]] = {}
        for a in actions:
            for role in a.lead or ["(no lead)"]:
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


def _action_counts(actions: Sequence[ActionFigures], as_of: date) -> dict[str, int]:
    summary = workplan_summary(actions, as_of)
    return {**summary.by_status, "overdue": summary.overdue, "due-soon": summary.due_soon, TOTAL: summary.actions}
