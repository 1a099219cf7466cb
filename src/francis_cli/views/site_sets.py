"""The register of a tracker that follows several inquiries: a home page listing each set with its
figures, and each set's recommendations in lists and pages of their own.

Why apart from ``views.site``: most trackers hold one set, and their register is unchanged by what
is here (its addresses included). When more than one set has an assessment or a cited action
(``views.paper_sets.shown_sets``, as the paper groups by set), the default set keeps its addresses
(``recommendations/12.html``) and each other set has a folder of its own
(``recommendations/kirkup-2015/12.html``); every recommendation list offers the others by set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..models.numbers import number_slug
from ..tracker.corpus import ActionEntry, Corpus
from . import paper_sets
from .paper import OrgReport
from .site_lists import Filter, FilterGroup, ListPage

RECOMMENDATIONS = "recommendations"
_TAKEN = {"theme", "rating"}
"""The default set's list folders under recommendations/, which no set's folder may be."""


@dataclass(frozen=True, slots=True)
class SetLists:
    """One set's recommendation lists (not yet paginated), and how many recommendations it has."""

    id: str
    title: str
    folder: str
    count: int
    lists: list[ListPage]


@dataclass(frozen=True, slots=True)
class SetSummary:
    """A set on the home page: its whole list and each organisation's figures for it alone."""

    id: str
    title: str
    path: str
    folder: str
    organisations: list[OrgReport]


def set_folder(set_id: str, default_set: str) -> str:
    """Where a set's pages and lists go: ``recommendations`` for the default set, else its own folder."""
    if set_id == default_set:
        return RECOMMENDATIONS
    return f"{RECOMMENDATIONS}/{set_id if set_id not in _TAKEN else 'set-' + set_id}"


def set_lists(parts: Sequence[SetLists]) -> list[ListPage]:
    """Every set's lists, each page offering every set's whole list ("By set") after its own filters."""
    group = FilterGroup("By set", [Filter(f"{p.folder}/index.html", p.title, p.count) for p in parts])
    return [replace(page, filters=[*page.filters, group]) for p in parts for page in p.lists]


def answered(corpus: Corpus, entry: ActionEntry, folders: dict[str, str]) -> list[tuple[str, str]]:
    """The (page, text) of each recommendation an action cites that the register shows; another
    set's named with its id (``kirkup-2015:3 Title``)."""
    default = corpus.config.default_set
    out = []
    for set_id, number in paper_sets.cited(entry, default):
        found = corpus.set(set_id) if set_id in folders else None
        if found is None or number not in found.numbers:
            continue
        text = f"{number} {found.numbers[number].title or ''}".strip()
        out.append((f"{folders[set_id]}/{number_slug(number)}.html", text if set_id == default else f"{set_id}:{text}"))
    return out


def titles(names: list[str]) -> str:
    """``the A, the B and the C``."""
    named = [f"the {n}" for n in names]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def set_figures(
    corpus: Corpus, parts: Sequence[SetLists], orgs: list[str], as_of: date
) -> tuple[str, list[OrgReport], list[SetSummary]]:
    """The words naming every set (``the A and the B``), each organisation's figures for the whole
    tracker, and each set's: the board paper's grouped by set."""
    grouped = paper_sets.build(corpus, as_of=as_of, orgs=orgs)
    figures = {p.id: [_own_ids(o, p.id) for o in p.paper.organisations] for p in grouped.sets}
    sets = [SetSummary(p.id, p.title, f"{p.folder}/index.html", p.folder, figures.get(p.id, [])) for p in parts]
    return titles([p.title for p in parts]), grouped.organisations, sets


def _own_ids(o: OrgReport, set_id: str) -> OrgReport:
    """An organisation's figures for one set, its chart's ids the set's own: the home page shows
    the same organisation's chart once per set, and an id names one element of a page."""
    chart = o.ratings_chart
    return replace(o, ratings_chart=replace(chart, id=f"{set_id}-{chart.id}") if chart else None)
