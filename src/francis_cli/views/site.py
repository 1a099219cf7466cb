"""The public register's view-model: every page of ``francis site``, computed once from the corpus.

The home page's figures and charts are the board paper's (``views.paper``), which are those of
``francis status`` and ``francis overdue``, so the published register never disagrees with the
terminal or the paper. Each page knows its own path in the built site (forward slashes, relative
to its top); templates only link pages and format what is here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .. import __version__
from ..errors import UserError
from ..models.numbers import RecNumber, number_slug, parent_of
from ..models.organisation import Organisation
from ..models.vocab import (
    DECISIONS,
    IN_SCOPE_ASSESSED,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    NOT_ASSESSED_LABEL,
    NOT_CONSIDERED,
    STATUS_LABELS,
    due_label,
)
from ..models.workplan import is_overdue
from ..tracker.corpus import ActionEntry, Corpus, SetEntry
from .appendices import RatingKey, rating_keys
from .paper import OrgReport, build
from .paper_sets import cited, shown_sets
from .parts import counted
from .site_assurance import ILLUSTRATIVE, Assurance, assurance, assurance_counts
from .site_changes import Change, Slip, changes, moves
from .site_history import Trail
from .site_lists import ActionRow, ListPage, RecRow, action_lists, paginated, recommendation_lists
from .site_sets import SetLists, SetSummary, answered, set_figures, set_folder, set_lists
from .status import organisations_for, theme_groups

GOVERNMENT_RESPONSES = {
    "accepted": "Accepted",
    "accepted-in-principle": "Accepted in principle",
    "accepted-in-part": "Accepted in part",
    "not-accepted": "Not accepted",
}


@dataclass(frozen=True, slots=True)
class Built:
    """What the site was built from: a revision (``--rev``), or the work tree."""

    label: str
    commit: str | None
    date: str | None
    """The commit's date (YYYY-MM-DD); None for the work tree."""


@dataclass(frozen=True, slots=True)
class Link:
    path: str
    text: str


@dataclass(frozen=True, slots=True)
class Position:
    """One organisation's assessment of one recommendation."""

    organisation: str
    name: str
    rating: str
    """A rating id, or ``not-assessed`` or ``not-applicable``."""
    rating_label: str
    position: str | None
    reason: str | None
    assessed: date | None
    actions: list[Link]
    assurance: Assurance | None = None
    """Its decision, assurance level, evidence and sign-offs; None when not assessed."""
    illustrative: str | None = None
    """The note that its rating is illustrative, when its assessment file says so."""


@dataclass(frozen=True, slots=True)
class RecommendationPage:
    path: str
    number: RecNumber
    title: str | None
    text: str | None
    source: str | None
    theme_id: str
    theme: str
    theme_source: str | None
    government_response: str | None
    positions: list[Position]
    actions: list[Link]
    history: list[Change]
    set_id: str = ""
    set_title: str = ""
    theme_path: str = ""
    """Its theme's list page, in its set's lists."""
    top: tuple[str, str] | None = None
    """(path, title) of its set's whole list, for a set other than the default; None: the default's."""
    part_of: Link | None = None
    """The page of the recommendation it is a part of (``2`` for ``2i``)."""
    parts: list[Link] = field(default_factory=list)
    """The pages of its parts (``2i``, ``2ii`` of 2), in order."""


@dataclass(frozen=True, slots=True)
class Note:
    date: date
    by: str | None
    note: str


@dataclass(frozen=True, slots=True)
class ActionPage:
    path: str
    organisation: str
    org_name: str
    id: str
    title: str
    section: str | None
    leads: list[tuple[str, str]]
    outcome: str | None
    due: str | None
    timeline: str | None
    status: str
    status_label: str
    completed: date | None
    overdue: bool
    notes: list[Note]
    recommendations: list[Link]
    slips: list[Slip]
    history: list[Change]
    assurance: Assurance | None = None
    due_end: date | None = None
    """The last day of the due period: what the lists by due date group by."""


@dataclass(frozen=True, slots=True)
class Site:
    title: str
    set_id: str
    set_title: str
    set_source: str | None
    as_of: date
    built: Built
    organisations: list[OrgReport]
    ratings: list[RatingKey]
    recommendations: list[RecommendationPage]
    actions: list[ActionPage]
    lists: list[ListPage]
    history_available: bool
    base_url: str | None = None
    assurance: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    """organisation → (level, label, count) of its assessments' assurance; empty when it states none."""
    generator: str = f"francis {__version__}"
    statuses: list[tuple[str, str]] = field(default_factory=lambda: list(STATUS_LABELS.items()))
    decisions: dict[str, str] = field(default_factory=lambda: dict(DECISIONS))
    words: dict[str, str] = field(
        default_factory=lambda: {
            NOT_ASSESSED: NOT_ASSESSED_LABEL,
            "in-scope-assessed": IN_SCOPE_ASSESSED.capitalize(),
            "not-considered": NOT_CONSIDERED.capitalize(),
        }
    )
    """The home page's words for the figures ``status`` words: the same words for the same counts."""
    sets: list[SetSummary] = field(default_factory=list)
    """Each set the register shows, the default first, when it shows several; empty: one set."""


def rec_path(number: RecNumber, folder: str = "recommendations") -> str:
    """A recommendation's page: ``recommendations/12.html``, ``recommendations/2-a.html`` for
    ``2(a)`` (``models.numbers.number_slug``), another set's in its own folder."""
    return f"{folder}/{number_slug(number)}.html"


def action_path(org: str, action_id: str) -> str:
    return f"actions/{org}/{action_id}.html"


def site(
    corpus: Corpus, *, as_of: date, orgs: Sequence[str], built: Built, trail: Trail, base_url: str | None = None
) -> Site:
    """Every page of the register of the chosen organisations (``--org``, else all of them): of the
    default set, or of each set in use when several are (``views.site_sets``)."""
    entry = corpus.set()
    if entry is None:
        raise UserError(f"no recommendation set {corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    organisations = organisations_for(corpus, orgs) if orgs else organisations_for(corpus, list(corpus.organisations))
    ids = [o.id for o in organisations]
    keys = rating_keys(corpus.ratings)
    actions = [a for a in corpus.actions if a.organisation in ids]
    shown = shown_sets(corpus)
    folders = {s: set_folder(s, rs.set) for s in shown or [rs.set]}
    parts = [
        _set_part(corpus, s, folders[s], organisations, actions, keys, trail, as_of, several=bool(shown))
        for s in folders
    ]
    pages = [_action(a, corpus, as_of, trail, folders) for a in actions]
    recs = [r for part, _ in parts for r in part]
    rec_lists = set_lists([x for _, x in parts]) if shown else parts[0][1].lists
    every = [*rec_lists, *action_lists([_action_row(p) for p in pages], organisations)]
    lists = [q for p in every for q in paginated(p)]
    numbers = counted([r.number for r in rs.recommendations])
    named, figures, sets = set_figures(corpus, [x for _, x in parts], ids, as_of) if shown else (None, None, [])
    return Site(
        title=f"Our response to the recommendations of {named}" if named else f"Our response to the {rs.title}",
        set_id=rs.set,
        set_title=named or rs.title,
        set_source=rs.source,
        as_of=as_of,
        built=built,
        organisations=figures if figures is not None else build(corpus, as_of=as_of, orgs=ids).organisations,
        ratings=list(keys.values()),
        recommendations=recs,
        actions=pages,
        lists=lists,
        history_available=trail.available,
        base_url=base_url,
        assurance={o: c for o in ids if (c := assurance_counts(corpus, o, rs.set, numbers))},
        sets=sets,
    )


def _set_part(
    corpus: Corpus,
    set_id: str,
    folder: str,
    organisations: Sequence[Organisation],
    actions: Sequence[ActionEntry],
    keys: dict[str, RatingKey],
    trail: Trail,
    as_of: date,
    *,
    several: bool,
) -> tuple[list[RecommendationPage], SetLists]:
    """One set's recommendation pages and (unpaginated) lists, in ``folder``."""
    entry = corpus.set(set_id)
    assert entry is not None
    rs = entry.model
    groups = theme_groups([(t.id, t.title) for t in rs.themes], [(r.number, r.theme) for r in rs.recommendations])
    themes = {g.key: g.label for g in groups}
    placed = {n: (g.key, g.label) for g in groups for n in g.numbers}
    answering: dict[RecNumber, list[ActionEntry]] = {}
    for a in actions:
        for s, n in dict.fromkeys(cited(a, corpus.config.default_set)):
            if s == set_id:
                answering.setdefault(n, []).append(a)
    top = (
        (f"{folder}/index.html", f"Recommendations of the {rs.title}")
        if several and folder != "recommendations"
        else None
    )
    shape = _Shape(entry, folder, top, keys, placed, trail, as_of)
    recs = [
        _recommendation(corpus, shape, r.number, organisations, answering.get(r.number, [])) for r in rs.recommendations
    ]
    sources = {t.id: t.source for t in rs.themes if t.source}
    rows = [_rec_row(r) for r in recs]
    lists = recommendation_lists(rows, themes, keys, sources, folder=folder, top=top)
    return recs, SetLists(set_id, rs.title, folder, len(recs), lists)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What every recommendation page of one set is made with."""

    entry: SetEntry
    folder: str
    top: tuple[str, str] | None
    keys: dict[str, RatingKey]
    themes: dict[RecNumber, tuple[str, str]]
    trail: Trail
    as_of: date


def _recommendation(
    corpus: Corpus,
    shape: _Shape,
    number: RecNumber,
    organisations: Sequence[Organisation],
    answering: Sequence[ActionEntry],
) -> RecommendationPage:
    """The page of recommendation ``number``; ``answering``: the actions that name it, in the corpus's order."""
    entry, keys, as_of = shape.entry, shape.keys, shape.as_of
    r = entry.numbers[number]
    positions = []
    by_org: dict[str, list[ActionEntry]] = {}
    for x in answering:
        by_org.setdefault(x.organisation, []).append(x)
    for org in organisations:
        found = corpus.assessed.get((org.id, entry.model.set), {}).get(number)
        mine = by_org.get(org.id, [])
        links = [Link(action_path(org.id, a.model.id), f"{a.model.id} {a.model.title}") for a in mine]
        if found is None:
            positions.append(Position(org.id, org.name, NOT_ASSESSED, "Not assessed", None, None, None, links))
            continue
        a = found.model
        rating = (a.rating or NOT_ASSESSED) if a.applicable else NOT_APPLICABLE  # decided, not yet assessed
        key = keys.get(rating)
        label = f"{key.name} ({key.label.lower()})" if key else rating.replace("-", " ").capitalize()
        named = {x.model.id for x in mine}
        links += [Link(action_path(org.id, x), x) for x in a.actions if x not in named]
        positions.append(
            Position(
                org.id,
                org.name,
                rating,
                label,
                a.position,
                None if a.applicable else a.reason,
                found.file_model.assessed if a.rated else None,
                links,
                assurance(a, as_of, org.role_titles()),
                ILLUSTRATIVE if found.file_model.illustrative else None,
            )
        )
    theme_id, theme = shape.themes[number]
    history = changes(shape.trail.items.get(f"{entry.model.set}:{number}", []))
    return RecommendationPage(
        path=rec_path(number, shape.folder),
        number=number,
        title=r.title,
        text=r.text,
        source=r.source,
        theme_id=theme_id,
        theme=theme,
        theme_source=next((t.source for t in entry.model.themes if t.id == r.theme), None),
        government_response=GOVERNMENT_RESPONSES.get(r.government_response or ""),
        positions=positions,
        actions=[Link(action_path(a.organisation, a.model.id), f"{a.model.id} {a.model.title}") for a in answering],
        history=history,
        set_id=entry.model.set,
        set_title=entry.model.title,
        theme_path=f"{shape.folder}/theme/{theme_id}.html",
        top=shape.top,
        part_of=_link(entry, shape.folder, parent) if (parent := parent_of(number)) is not None else None,
        parts=[_link(entry, shape.folder, n) for n in entry.parts.get(number, [])],
    )


def _link(entry: SetEntry, folder: str, number: RecNumber) -> Link:
    """A link to recommendation ``number``'s page: ``2i Title`` (its number alone when the set lacks it)."""
    rec = entry.numbers.get(number)
    return Link(rec_path(number, folder), f"{number} {rec.title}" if rec and rec.title else str(number))


def _action(entry: ActionEntry, corpus: Corpus, as_of: date, trail: Trail, folders: dict[str, str]) -> ActionPage:
    """An action's page; ``folders``: the folder of each set shown, the default's first."""
    a = entry.model
    org = corpus.organisation(entry.organisation)
    roles = org.role_titles() if org else {}
    items = trail.items.get(f"{entry.organisation}:{a.id}", [])
    return ActionPage(
        path=action_path(entry.organisation, a.id),
        organisation=entry.organisation,
        org_name=org.name if org else entry.organisation,
        id=a.id,
        title=a.title,
        section=f"{entry.section.id} {entry.section.title}" if entry.section else None,
        leads=[(r, roles.get(r, r)) for r in a.lead],
        outcome=a.outcome,
        due=due_label(a.due) if a.due else None,
        due_end=a.due.end if a.due else None,
        timeline=a.timeline,
        status=a.status,
        status_label=STATUS_LABELS[a.status],
        completed=a.completed,
        overdue=is_overdue(a, as_of),
        notes=[Note(p.date, p.by, p.note) for p in sorted(a.progress, key=lambda p: p.date)],
        recommendations=[Link(path, text) for path, text in answered(corpus, entry, folders)],
        slips=moves(a, items),
        history=changes(items),
        assurance=assurance(a, as_of, roles),
    )


def _rec_row(r: RecommendationPage) -> RecRow:
    return RecRow(
        r.path, r.number, r.title, r.theme_id, r.theme, [(p.name, p.rating, p.rating_label) for p in r.positions]
    )


def _action_row(p: ActionPage) -> ActionRow:
    return ActionRow(
        p.path,
        p.organisation,
        p.org_name,
        p.id,
        p.title,
        p.leads,
        p.due,
        p.status,
        p.status_label,
        p.overdue,
        p.due_end,
    )
