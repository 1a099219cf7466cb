"""``show``: one recommendation or one action, everything the tracker knows about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import UserError
from ..models.assessment import Assessment, fingerprint
from ..models.numbers import RecNumber, number_key, parent_of
from ..models.recommendation import Recommendation, split_link
from ..models.vocab import recommendation_number
from ..models.workplan import Action, is_overdue, split_ref
from ..problems import hint
from ..tracker.corpus import ActionEntry, Corpus


@dataclass(frozen=True, slots=True)
class Position:
    organisation: str
    organisation_name: str
    assessment: Assessment
    rating_label: str | None
    assessed: date | None
    path: str
    line: int
    evidence_stale: list[bool] = field(default_factory=list)
    """For each item of its evidence: whether it is stale on the day asked for."""
    signoff_current: str | None = None
    """Its fingerprint, when it has sign-offs: those that match it approved it as it stands."""


@dataclass(frozen=True, slots=True)
class ActionLink:
    organisation: str
    action: Action
    overdue: bool


LINK_KINDS = ("repeats", "repeated-by", "related")
"""How two recommendations are linked, as ``show`` lists them: this one repeats the other, the
other repeats this one, or either says they are related (a link shown from both ends)."""


@dataclass(frozen=True, slots=True)
class CrossLink:
    kind: str
    """One of ``LINK_KINDS``."""
    set: str
    number: RecNumber
    title: str | None
    known: bool
    """Whether the tracker has the recommendation linked to (``check`` reports one it lacks)."""


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the recommendation shown (``2i`` of 2), and where each organisation stands on it."""

    number: RecNumber
    title: str | None
    ratings: list[tuple[str, str]]
    """(organisation, its rating's label, or "not applicable", "decided, not yet assessed")."""


@dataclass(frozen=True, slots=True)
class RecommendationView:
    set: str
    recommendation: Recommendation
    theme_title: str | None
    positions: list[Position]
    actions: list[ActionLink]
    same_id: list[str] = field(default_factory=list)
    """Actions whose id is the number asked for (``ORG:2``): the user may have meant one of them."""
    links: list[CrossLink] = field(default_factory=list)
    """Its links to recommendations of any set, both ways, by ``LINK_KINDS`` then as written."""
    parts: list[Part] = field(default_factory=list)
    """Its parts (``2i``, ``2ii`` of 2), in order: a recommendation with parts is answered part by part."""
    part_of: tuple[RecNumber, str | None] | None = None
    """(number, title) of the recommendation it is a part of, if it is one."""


@dataclass(frozen=True, slots=True)
class ActionView:
    organisation: str
    organisation_name: str
    section: tuple[str, str] | None
    action: Action
    leads: list[tuple[str, str]]
    overdue_days: int | None
    recommendations: list[tuple[str, RecNumber, str | None]]
    """(set, number, title) of each recommendation it cites."""
    cited_by: list[tuple[RecNumber, str | None]]
    """(recommendation, rating) of each assessment of its organisation that links to it."""
    path: str
    line: int
    evidence_stale: list[bool] = field(default_factory=list)
    signoff_current: str | None = None


def show(corpus: Corpus, ref: str, *, as_of: date) -> RecommendationView | ActionView:
    """Resolve ``132``, ``francis-2013:132``, ``merton-ccg:3.2`` (or a unique ``3.2``)."""
    ref = ref.strip()
    prefix, sep, rest = ref.partition(":")
    if not sep:
        number = recommendation_number(ref)
        if number is not None and (isinstance(number, int) or _in_set(corpus, number)):
            view = _recommendation(corpus, corpus.config.default_set, number, as_of)
            view.same_id.extend(sorted(f"{a.organisation}:{ref}" for a in corpus.actions if a.model.id == ref))
            return view
        owners = sorted({a.organisation for a in corpus.actions if a.model.id == ref})
        if len(owners) == 1:
            return _action(corpus, owners[0], ref, as_of)
        if len(owners) > 1:
            raise UserError(f"action {ref!r} exists in {', '.join(owners)}: write ORG:{ref}")
        raise UserError(
            f"{ref!r} is neither a recommendation number nor an action id{hint(ref, _all_ids(corpus), n=3)}"
        )
    if prefix in corpus.sets:
        in_set = recommendation_number(rest)
        if in_set is None:
            raise UserError(f"{ref!r}: a recommendation is written SET:NUMBER, like {prefix}:132")
        return _recommendation(corpus, prefix, in_set, as_of)
    if prefix in corpus.organisations:
        return _action(corpus, prefix, rest, as_of)
    raise UserError(
        f"{prefix!r} is neither a recommendation set nor an organisation"
        f"{hint(prefix, [*corpus.sets, *corpus.organisations], n=3)}"
    )


def _in_set(corpus: Corpus, number: RecNumber) -> bool:
    """Whether the default set has ``number``: a bare ``S1`` or ``2i`` is read as a number only then
    (an action's id may look like one), a bare ``132`` always."""
    entry = corpus.set()
    return entry is not None and number in entry.numbers


def _all_ids(corpus: Corpus) -> list[str]:
    return [f"{a.organisation}:{a.model.id}" for a in corpus.actions] + [a.model.id for a in corpus.actions]


def _recommendation(corpus: Corpus, set_id: str, number: RecNumber, as_of: date) -> RecommendationView:
    entry = corpus.set(set_id)
    if entry is None:
        raise UserError(f"no recommendation set {set_id!r} in data/recommendations/")
    rec = entry.numbers.get(number)
    if rec is None:
        numbers = sorted(entry.numbers, key=number_key)
        span = f" (it has {numbers[0]}-{numbers[-1]})" if numbers else ""
        raise UserError(f"set {set_id!r} has no recommendation {number}{span}")
    labels = {r.id: r.label for r in corpus.ratings}
    positions = []
    for a in corpus.assessments:
        if a.set == set_id and a.model.recommendation == number:
            org = corpus.organisation(a.organisation)
            line, _ = a.at.file.source.locate(a.at.path)
            positions.append(
                Position(
                    a.organisation,
                    org.name if org else a.organisation,
                    a.model,
                    labels.get(a.model.rating or ""),
                    a.file_model.assessed,
                    a.at.file.rel,
                    line,
                    *_assured(a.model, as_of),
                )
            )
    linked = {
        (a.organisation, x)
        for a in corpus.assessments
        if a.set == set_id and a.model.recommendation == number
        for x in a.model.actions
    }
    actions = []
    for act in corpus.actions:
        cites = any(
            (s or act.workplan.set or corpus.config.default_set, n) == (set_id, number)
            for s, n in map(split_ref, act.model.recommendations)
        )
        if cites or (act.organisation, act.model.id) in linked:
            actions.append(ActionLink(act.organisation, act.model, is_overdue(act.model, as_of)))
    theme = next((t.title for t in entry.model.themes if t.id == rec.theme), None)
    parent = parent_of(number)
    part_of = (parent, p.title if (p := entry.numbers.get(parent)) else None) if parent is not None else None
    parts = [_part(corpus, set_id, entry.numbers[n]) for n in entry.parts.get(number, [])]
    return RecommendationView(
        set_id, rec, theme, positions, actions, links=links(corpus, set_id, rec), parts=parts, part_of=part_of
    )


def _part(corpus: Corpus, set_id: str, rec: Recommendation) -> Part:
    labels = {r.id: r.label for r in corpus.ratings}
    ratings = []
    for (org, s), assessed in corpus.assessed.items():
        a = assessed.get(rec.number)
        if s != set_id or a is None:
            continue
        m = a.model
        word = "not applicable" if not m.applicable else labels.get(m.rating or "", m.rating or "")
        ratings.append((org, word or "decided, not yet assessed"))
    return Part(rec.number, rec.title, sorted(ratings))


def links(corpus: Corpus, set_id: str, rec: Recommendation) -> list[CrossLink]:
    """What ``rec`` links to, and what links to it: a recommendation repeated by a later inquiry
    says so on its own page, though only the later one's file records it."""
    found: list[tuple[str, str, RecNumber]] = [("repeats", *split_link(x)) for x in rec.repeats]
    found += [("related", *split_link(x)) for x in rec.related]
    me = (set_id, rec.number)
    for other_id, entries in corpus.sets.items():
        for other in entries[0].model.recommendations:
            if other.repeats and me in map(split_link, other.repeats):
                found.append(("repeated-by", other_id, other.number))
            if other.related and me in map(split_link, other.related):
                found.append(("related", other_id, other.number))
    out: list[CrossLink] = []
    for kind, s, n in sorted(dict.fromkeys(found), key=lambda x: LINK_KINDS.index(x[0])):
        target = corpus.set(s) if s in corpus.sets else None
        linked = target.numbers.get(n) if target is not None else None
        out.append(CrossLink(kind, s, n, linked.title if linked else None, linked is not None))
    return out


def _action(corpus: Corpus, org_id: str, action_id: str, as_of: date) -> ActionView:
    matches: list[ActionEntry] = [a for a in corpus.actions if a.organisation == org_id and a.model.id == action_id]
    if not matches:
        ids = [a.model.id for a in corpus.actions if a.organisation == org_id]
        raise UserError(f"{org_id!r} has no action {action_id!r}{hint(action_id, ids, n=3)}")
    entry = matches[0]
    act = entry.model
    org = corpus.organisation(org_id)
    roles = org.role_titles() if org else {}
    recs = []
    for ref in act.recommendations:
        s, n = split_ref(ref)
        s = s or entry.workplan.set or corpus.config.default_set
        rec_set = corpus.set(s)
        rec = rec_set.numbers.get(n) if rec_set else None
        recs.append((s, n, rec.title if rec else None))
    cited = [
        (a.model.recommendation, a.model.rating or ("not yet assessed" if a.model.applicable else None))
        for a in corpus.assessments
        if a.organisation == org_id and action_id in a.model.actions
    ]
    line, _ = entry.at.file.source.locate(entry.at.path)
    return ActionView(
        organisation=org_id,
        organisation_name=org.name if org else org_id,
        section=(entry.section.id, entry.section.title) if entry.section else None,
        action=act,
        leads=[(r, roles.get(r, r)) for r in act.lead],
        overdue_days=(as_of - act.due.end).days if act.due and is_overdue(entry.model, as_of) else None,
        recommendations=recs,
        cited_by=cited,
        path=entry.at.file.rel,
        line=line,
        evidence_stale=_assured(act, as_of)[0],
        signoff_current=_assured(act, as_of)[1],
    )


def _assured(item: Assessment | Action, as_of: date) -> tuple[list[bool], str | None]:
    """Which of its evidence is stale on ``as_of``, and its fingerprint when it has sign-offs."""
    stale = [not isinstance(e, str) and e.stale(as_of) for e in item.evidence]
    return stale, fingerprint(item) if item.signoffs else None
