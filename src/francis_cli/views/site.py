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
from ..models.organisation import Organisation
from ..models.vocab import DECISIONS, NOT_APPLICABLE, NOT_ASSESSED, STATUS_LABELS, due_label
from ..models.workplan import Action, is_overdue
from ..tracker.corpus import ActionEntry, Corpus
from .appendices import RatingKey, rating_keys
from .history import ItemHistory
from .paper import OrgReport, build
from .site_assurance import ILLUSTRATIVE, Assurance, assurance, assurance_counts, due_changes
from .site_history import Trail, change_words
from .site_lists import ActionRow, ListPage, RecRow, list_pages
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
class Change:
    organisation: str
    commit: str | None
    """None: not yet committed (a site built from the work tree)."""
    date: str | None
    author: str | None
    subject: str | None
    kind: str
    words: list[str]


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
    number: int
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


@dataclass(frozen=True, slots=True)
class Slip:
    """A move of an action's due date and its reason: recorded in ``due_changes``, or found in git
    (its reason then the progress notes of the same change)."""

    date: str | None
    old: str
    new: str
    days: int | None
    reason: str | None
    by: str | None = None


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


def rec_path(number: int) -> str:
    return f"recommendations/{number}.html"


def action_path(org: str, action_id: str) -> str:
    return f"actions/{org}/{action_id}.html"


def site(
    corpus: Corpus, *, as_of: date, orgs: Sequence[str], built: Built, trail: Trail, base_url: str | None = None
) -> Site:
    """Every page of the register of the chosen organisations (``--org``, else all of them)."""
    entry = corpus.set()
    if entry is None:
        raise UserError(f"no recommendation set {corpus.config.default_set!r} in data/recommendations/")
    rs = entry.model
    organisations = organisations_for(corpus, orgs) if orgs else organisations_for(corpus, list(corpus.organisations))
    ids = [o.id for o in organisations]
    paper = build(corpus, as_of=as_of, orgs=ids)
    keys = rating_keys(corpus.ratings)
    groups = theme_groups([(t.id, t.title) for t in rs.themes], [(r.number, r.theme) for r in rs.recommendations])
    themes = {g.key: g.label for g in groups}
    placed = {n: (g.key, g.label) for g in groups for n in g.numbers}
    actions = [a for a in corpus.actions if a.organisation in ids]
    answering: dict[int | str, list[ActionEntry]] = {}
    for a in actions:
        for n in dict.fromkeys(a.model.recommendations):
            answering.setdefault(n, []).append(a)
    recs = [
        _recommendation(corpus, r.number, organisations, answering.get(r.number, []), keys, placed, trail, as_of)
        for r in rs.recommendations
    ]
    pages = [_action(a, corpus, as_of, trail) for a in actions]
    numbers = [r.number for r in rs.recommendations]
    sources = {t.id: t.source for t in rs.themes if t.source}
    rows = [_rec_row(r) for r in recs]
    lists = list_pages(rows, [_action_row(p) for p in pages], themes, keys, organisations, sources)
    return Site(
        title=f"Our response to the {rs.title}",
        set_id=rs.set,
        set_title=rs.title,
        set_source=rs.source,
        as_of=as_of,
        built=built,
        organisations=paper.organisations,
        ratings=list(keys.values()),
        recommendations=recs,
        actions=pages,
        lists=lists,
        history_available=trail.available,
        base_url=base_url,
        assurance={o: c for o in ids if (c := assurance_counts(corpus, o, rs.set, numbers))},
    )


def _recommendation(
    corpus: Corpus,
    number: int,
    organisations: Sequence[Organisation],
    answering: Sequence[ActionEntry],
    keys: dict[str, RatingKey],
    themes: dict[int, tuple[str, str]],
    trail: Trail,
    as_of: date,
) -> RecommendationPage:
    """The page of recommendation ``number``; ``answering``: the actions that name it, in the corpus's order."""
    entry = corpus.set()
    assert entry is not None
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
        rating = a.rating if a.applicable and a.rating else NOT_APPLICABLE
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
                found.file_model.assessed,
                links,
                assurance(a, as_of, org.role_titles()),
                ILLUSTRATIVE if found.file_model.illustrative else None,
            )
        )
    theme_id, theme = themes[number]
    history = _changes(trail.items.get(f"{entry.model.set}:{number}", []))
    return RecommendationPage(
        path=rec_path(number),
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
    )


def _action(entry: ActionEntry, corpus: Corpus, as_of: date, trail: Trail) -> ActionPage:
    a = entry.model
    org = corpus.organisation(entry.organisation)
    roles = org.role_titles() if org else {}
    items = trail.items.get(f"{entry.organisation}:{a.id}", [])
    set_entry = corpus.set()
    numbers = set_entry.numbers if set_entry else {}
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
        timeline=a.timeline,
        status=a.status,
        status_label=STATUS_LABELS[a.status],
        completed=a.completed,
        overdue=is_overdue(a, as_of),
        notes=[Note(p.date, p.by, p.note) for p in sorted(a.progress, key=lambda p: p.date)],
        recommendations=[
            Link(rec_path(n), f"{n} {numbers[n].title or ''}".strip()) for n in a.recommendations if n in numbers
        ],
        slips=_moves(a, [s for item in items for s in _slips(item)]),
        history=_changes(items),
        assurance=assurance(a, as_of, roles),
    )


def _rec_row(r: RecommendationPage) -> RecRow:
    return RecRow(
        r.path, r.number, r.title, r.theme_id, r.theme, [(p.name, p.rating, p.rating_label) for p in r.positions]
    )


def _action_row(p: ActionPage) -> ActionRow:
    return ActionRow(
        p.path, p.organisation, p.org_name, p.id, p.title, p.leads, p.due, p.status, p.status_label, p.overdue
    )


def _changes(items: Sequence[ItemHistory]) -> list[Change]:
    out = [
        Change(i.organisation, r.commit, r.date, r.author, r.subject, r.kind, [change_words(c) for c in r.changes])
        for i in items
        for r in i.revisions
    ]
    return sorted(out, key=lambda c: (c.commit is None, c.date or "", c.organisation))


def _slips(item: ItemHistory) -> list[Slip]:
    out = []
    for r in item.revisions:
        notes = " ".join((c.new or "").split(": ", 1)[-1] for c in r.changes if c.field == "note") or None
        for c in r.changes:
            if c.field == "due" and c.old and c.new:
                out.append(Slip(r.date, _period(c.old), _period(c.new), c.days, notes))
    return out


def _moves(action: Action, found: list[Slip]) -> list[Slip]:
    """The recorded changes of the due date, and the moves git shows that none of them records."""
    recorded = [Slip(c.date.isoformat(), c.old, c.new, c.days, c.reason, c.by) for c in due_changes(action)]
    told = {(s.old, s.new) for s in recorded}
    return sorted([*recorded, *(s for s in found if (s.old, s.new) not in told)], key=lambda s: s.date or "~")


def _period(text: str) -> str:
    from ..models.common import Period

    try:
        return due_label(Period.parse(text))
    except ValueError:
        return text
