"""The register's list pages: recommendations by theme and by rating, actions by status, by lead,
and overdue, each filter a page of its own.

Why pre-built pages, not a script that filters: a reader with JavaScript off, or a screen reader
in a library's browser, filters by following a link, and every filtered list has an address that
can be shared and archived.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models.organisation import Organisation
from ..models.vocab import NOT_APPLICABLE, NOT_ASSESSED, STATUS_LABELS
from .appendices import RatingKey


@dataclass(frozen=True, slots=True)
class RecRow:
    path: str
    number: int
    title: str | None
    theme_id: str
    """The theme's id, or ``other`` for a recommendation of no theme the set names."""
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
class ListPage:
    path: str
    title: str
    kind: str
    """``recommendations`` or ``actions``: which rows the page lists."""
    recommendations: list[RecRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    filters: list[FilterGroup] = field(default_factory=list)


RECOMMENDATIONS, ACTIONS = "recommendations/index.html", "actions/index.html"
OVERDUE = "actions/overdue.html"


def slug(text: str) -> str:
    """A file name from a role or theme id: ``GP-leads`` → ``gp-leads``, ``A&E`` → ``a-e``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def list_pages(
    recs: Sequence[RecRow],
    actions: Sequence[ActionRow],
    themes: dict[str, str],
    keys: dict[str, RatingKey],
    organisations: Sequence[Organisation],
) -> list[ListPage]:
    """Every list page, the unfiltered lists first; each page carries every filter of its kind."""
    rec_pages = [ListPage(RECOMMENDATIONS, "All recommendations", "recommendations", list(recs))]
    for theme_id, title in [*themes.items(), ("other", "Other recommendations")]:
        rows = [r for r in recs if r.theme_id == theme_id]
        if rows:
            rec_pages.append(ListPage(f"recommendations/theme/{theme_id}.html", title, "recommendations", rows))
    theme_pages = rec_pages[1:]
    rating_pages = []
    labels = [(k.id, f"{k.name} ({k.label.lower()})") for k in keys.values()]
    for rating_id, title in [*labels, (NOT_APPLICABLE, "Not applicable"), (NOT_ASSESSED, "Not assessed")]:
        rows = [r for r in recs if any(x[1] == rating_id for x in r.ratings)]
        rating_pages.append(ListPage(f"recommendations/rating/{rating_id}.html", title, "recommendations", rows))
    groups = [_group("By theme", theme_pages), _group("By rating", rating_pages)]
    rec_pages = [_with(p, groups) for p in [*rec_pages, *rating_pages]]
    return rec_pages + _action_pages(actions, organisations)


def _action_pages(actions: Sequence[ActionRow], organisations: Sequence[Organisation]) -> list[ListPage]:
    pages = [ListPage(ACTIONS, "All actions", "actions", actions=list(actions))]
    pages.append(ListPage(OVERDUE, "Overdue actions", "actions", actions=[a for a in actions if a.overdue]))
    status_pages = [
        ListPage(f"actions/status/{s}.html", label, "actions", actions=[a for a in actions if a.status == s])
        for s, label in STATUS_LABELS.items()
    ]
    lead_pages = []
    for org in organisations:
        mine = [a for a in actions if a.organisation == org.id]
        roles = list(dict.fromkeys(r for a in mine for r, _ in a.leads))
        taken: set[str] = set()
        for role in roles:
            name = slug(role)
            while name in taken:
                name += "-x"
            taken.add(name)
            title = org.roles.get(role, role)
            text = f"{role}, {title}" if title != role else role
            rows = [a for a in mine if any(r == role for r, _ in a.leads)]
            lead_pages.append(
                ListPage(f"actions/lead/{org.id}/{name}.html", f"{text} ({org.name})", "actions", actions=rows)
            )
    groups = [_group("Overdue", pages[1:2]), _group("By status", status_pages), _group("By lead", lead_pages)]
    return [_with(p, groups) for p in [*pages, *status_pages, *lead_pages]]


def _group(title: str, pages: Sequence[ListPage]) -> FilterGroup:
    return FilterGroup(title, [Filter(p.path, p.title, len(p.recommendations) + len(p.actions)) for p in pages])


def _with(page: ListPage, groups: list[FilterGroup]) -> ListPage:
    return ListPage(page.path, page.title, page.kind, page.recommendations, page.actions, groups)
