"""The register's list pages: recommendations by theme and by rating, actions by status, by lead,
by the quarter they fall due in, and overdue, each filter a page of its own, and a list longer
than ``PAGE_SIZE`` rows a run of pages linked by the NHS.UK pagination (``actions/index.html``,
``actions/index.page-2.html`` ...).

Why pre-built pages, not a script that filters: a reader with JavaScript off, or a screen reader
in a library's browser, filters by following a link, and every filtered list has an address that
can be shared and archived.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..models.numbers import RecNumber
from ..models.organisation import Organisation
from ..models.vocab import MONTHS, NOT_APPLICABLE, NOT_ASSESSED, STATUS_LABELS
from .appendices import RatingKey


@dataclass(frozen=True, slots=True)
class RecRow:
    path: str
    number: RecNumber
    title: str | None
    theme_id: str
    """The theme's id, or ``recommendations-4-122`` for a run of numbers with no recorded theme."""
    theme: str
    ratings: list[tuple[str, str, str]]
    """(organisation's name, rating id, rating label) for each organisation shown."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    path: str
    organisation: str
    org_name: str
    id: str
    title: str
    leads: list[tuple[str, str]]
    due: str | None
    status: str
    status_label: str
    overdue: bool
    due_end: date | None = None


@dataclass(frozen=True, slots=True)
class Filter:
    path: str
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class FilterGroup:
    title: str
    filters: list[Filter]


@dataclass(frozen=True, slots=True)
class PageLink:
    """One entry of a list's pagination: a page's number and path, or an ellipsis (``number`` 0)."""

    number: int
    path: str
    current: bool = False


@dataclass(frozen=True, slots=True)
class ListPage:
    path: str
    title: str
    kind: str
    """``recommendations`` or ``actions``: which rows the page lists."""
    recommendations: list[RecRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    filters: list[FilterGroup] = field(default_factory=list)
    number: int = 1
    """The page's place among its list's pages, from 1."""
    pages: list[str] = field(default_factory=list)
    """The path of every page of the list, the first first; empty for a list of one page."""
    total: int = 0
    """The rows of the whole list, on all its pages."""
    start: int = 1
    """The place in the whole list of this page's first row, from 1."""
    links: list[PageLink] = field(default_factory=list)
    """The pagination: the first and last pages, this one and its neighbours, ellipses between."""
    source: str | None = None
    """Where a theme's heading and numbers come from (``Theme.source``), on its list pages."""
    top: tuple[str, str] | None = None
    """The (path, title) of its set's whole list, for a set other than the default (breadcrumbs,
    the link to all); None: the default set's, or the actions'."""


RECOMMENDATIONS, ACTIONS = "recommendations/index.html", "actions/index.html"
OVERDUE = "actions/overdue.html"
PAGE_SIZE = 100
"""The rows of a list page: a longer list goes on over pages of this many rows (the last one fewer).

Why fixed: the same tracker then gives the same pages, and a page's address keeps its rows from
one build to the next, except for the rows that changed before them."""


def page_path(path: str, number: int) -> str:
    """The path of page ``number`` of the list whose first page is ``path``: ``actions/index.html``,
    ``actions/index.page-2.html``. No id, slug or file name of the site has a dot, so none clashes."""
    return path if number == 1 else f"{path.removesuffix('.html')}.page-{number}.html"


def paginated(page: ListPage, size: int = PAGE_SIZE) -> list[ListPage]:
    """The list's pages: one (``page`` itself, with its total) when it fits, else one per ``size`` rows."""
    rows: Sequence[RecRow | ActionRow] = page.recommendations or page.actions
    count = -(-len(rows) // size) or 1
    paths = [page_path(page.path, n) for n in range(1, count + 1)] if count > 1 else []
    out = []
    for n in range(1, count + 1):
        chunk = rows[(n - 1) * size : n * size]
        recs = [r for r in chunk if isinstance(r, RecRow)]
        acts = [a for a in chunk if isinstance(a, ActionRow)]
        out.append(
            ListPage(
                page_path(page.path, n),
                page.title,
                page.kind,
                recommendations=recs,
                actions=acts,
                filters=page.filters,
                number=n,
                pages=paths,
                total=len(rows),
                start=(n - 1) * size + 1,
                links=_links(paths, n),
                source=page.source,
                top=page.top,
            )
        )
    return out


def _links(paths: list[str], current: int) -> list[PageLink]:
    """The first page, the last, the current one and its two neighbours; an ellipsis stands for a gap
    of two pages or more (a gap of one page shows that page: it takes no more room than the ellipsis)."""
    if not paths:
        return []
    shown = sorted({1, len(paths), current - 1, current, current + 1} & set(range(1, len(paths) + 1)))
    out: list[PageLink] = []
    for n in shown:
        last = out[-1].number if out else 0
        if n - last == 2:
            out.append(PageLink(n - 1, paths[n - 2]))
        elif n - last > 2:
            out.append(PageLink(0, ""))
        out.append(PageLink(n, paths[n - 1], n == current))
    return out


def slug(text: str) -> str:
    """A file name from a role or theme id: ``GP-leads`` → ``gp-leads``, ``A&E`` → ``a-e``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def list_pages(
    recs: Sequence[RecRow],
    actions: Sequence[ActionRow],
    themes: dict[str, str],
    keys: dict[str, RatingKey],
    organisations: Sequence[Organisation],
    sources: dict[str, str] | None = None,
) -> list[ListPage]:
    """Every list page, the unfiltered lists first; each page carries every filter of its kind;
    ``sources``: theme id → where the theme comes from."""
    rec_pages = recommendation_lists(recs, themes, keys, sources)
    return [q for p in rec_pages + action_lists(actions, organisations) for q in paginated(p)]


def recommendation_lists(
    recs: Sequence[RecRow],
    themes: dict[str, str],
    keys: dict[str, RatingKey],
    sources: dict[str, str] | None = None,
    *,
    folder: str = "recommendations",
    top: tuple[str, str] | None = None,
    more: Sequence[FilterGroup] = (),
) -> list[ListPage]:
    """One set's recommendation lists (not yet paginated), its whole list first, under ``folder``:
    the default set's ``recommendations/``, another's ``recommendations/SET/`` with ``top`` its
    whole list's (path, title); ``more``: filter groups each page carries after its own."""
    path = f"{folder}/index.html"
    rec_pages = [ListPage(path, top[1] if top else "All recommendations", "recommendations", list(recs), top=top)]
    by_theme: dict[str, list[RecRow]] = {}
    by_rating: dict[str, list[RecRow]] = {}
    for r in recs:
        by_theme.setdefault(r.theme_id, []).append(r)
        for rating in dict.fromkeys(x[1] for x in r.ratings):
            by_rating.setdefault(rating, []).append(r)
    for theme_id, title in themes.items():
        if rows := by_theme.get(theme_id):
            source = (sources or {}).get(theme_id)
            page = ListPage(f"{folder}/theme/{theme_id}.html", title, "recommendations", rows, source=source, top=top)
            rec_pages.append(page)
    theme_pages = rec_pages[1:]
    rating_pages = []
    labels = [(k.id, f"{k.name} ({k.label.lower()})") for k in keys.values()]
    for rating_id, title in [*labels, (NOT_APPLICABLE, "Not applicable"), (NOT_ASSESSED, "Not assessed")]:
        rows = by_rating.get(rating_id, [])
        rating_pages.append(ListPage(f"{folder}/rating/{rating_id}.html", title, "recommendations", rows, top=top))
    groups = [_group("By theme", theme_pages), _group("By rating", rating_pages), *more]
    return [_with(p, groups) for p in [*rec_pages, *rating_pages]]


def action_lists(actions: Sequence[ActionRow], organisations: Sequence[Organisation]) -> list[ListPage]:
    """The action lists (not yet paginated): all, overdue, by status, by lead, by due date."""
    pages = [ListPage(ACTIONS, "All actions", "actions", actions=list(actions))]
    pages.append(ListPage(OVERDUE, "Overdue actions", "actions", actions=[a for a in actions if a.overdue]))
    status_pages = [
        ListPage(f"actions/status/{s}.html", label, "actions", actions=[a for a in actions if a.status == s])
        for s, label in STATUS_LABELS.items()
    ]
    lead_pages = _lead_pages(actions, organisations)
    due_pages = _due_pages(actions)
    groups = [_group("Overdue", pages[1:2]), _group("By status", status_pages), _group("By lead", lead_pages)]
    groups.append(_group("By due date", due_pages))
    return [_with(p, groups) for p in [*pages, *status_pages, *lead_pages, *due_pages]]


def _due_pages(actions: Sequence[ActionRow]) -> list[ListPage]:
    """A page per calendar quarter that actions fall due in, earliest first, each soonest due first
    (the board asks "what falls due this quarter?"), then the actions with no due date."""
    by_quarter: dict[tuple[int, int], list[ActionRow]] = {}
    undated = []
    for a in actions:
        if a.due_end is None:
            undated.append(a)
        else:
            by_quarter.setdefault((a.due_end.year, (a.due_end.month - 1) // 3 + 1), []).append(a)
    pages = []
    for (year, q), rows in sorted(by_quarter.items()):
        first, last = MONTHS[3 * q - 3], MONTHS[3 * q - 1]
        rows = sorted(rows, key=lambda a: a.due_end or date.min)  # stable: the list's order within a day
        pages.append(
            ListPage(f"actions/due/{year}-q{q}.html", f"Due {first} to {last} {year}", "actions", actions=rows)
        )
    if undated:
        pages.append(ListPage("actions/due/none.html", "No due date", "actions", actions=undated))
    return pages


def _lead_pages(actions: Sequence[ActionRow], organisations: Sequence[Organisation]) -> list[ListPage]:
    """A page per lead of each organisation, its actions in the list's order, the leads in the
    order their first action names them. Why grouped in one pass: a national tracker has
    thousands of leads, and scanning every action for each of them is quadratic."""
    by_org: dict[str, dict[str, list[ActionRow]]] = {}
    for a in actions:
        leads = by_org.setdefault(a.organisation, {})
        for role in dict.fromkeys(r for r, _ in a.leads):
            leads.setdefault(role, []).append(a)
    pages = []
    for org in organisations:
        taken: set[str] = set()
        for role, rows in by_org.get(org.id, {}).items():
            name = slug(role)
            while name in taken:
                name += "-x"
            taken.add(name)
            title = org.role_title(role)
            text = f"{role}, {title}" if title != role else role
            pages.append(
                ListPage(f"actions/lead/{org.id}/{name}.html", f"{text} ({org.name})", "actions", actions=rows)
            )
    return pages


def _group(title: str, pages: Sequence[ListPage]) -> FilterGroup:
    return FilterGroup(title, [Filter(p.path, p.title, len(p.recommendations) + len(p.actions)) for p in pages])


def _with(page: ListPage, groups: list[FilterGroup]) -> ListPage:
    return ListPage(
        page.path, page.title, page.kind, page.recommendations, page.actions, groups, source=page.source, top=page.top
    )
