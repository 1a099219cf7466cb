"""The figures of a tracker, every set's: what ``status``, ``overdue`` and ``remind`` read, as plain data.

Why apart from ``snapshot``: the same figures come from a loaded corpus (``figures_of``) or from the
cache (``load_figures``), so the view code runs on both and a warm command builds no model (nothing
here imports pydantic or a YAML parser at module level)."""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ..models.numbers import RecNumber
from ..yamlio.values import DataPath

if TYPE_CHECKING:
    from .corpus import ActionEntry, Corpus


NOT_APPLICABLE = False
"""The value ``Figures.assessed`` gives a recommendation assessed as not applicable."""


class OrgFigures(NamedTuple):
    id: str
    name: str
    roles: dict[str, str]


class SetFigures(NamedTuple):
    set: str
    title: str
    themes: list[tuple[str, str]]
    """(theme id, title), in the set's order."""
    recommendations: list[tuple[RecNumber, str | None]]
    """(number, theme id), in the set's order."""
    addressees: dict[RecNumber, list[str]]
    """number → who it is addressed to (absent: none recorded)."""


class ActionFigures(NamedTuple):
    organisation: str
    id: str
    title: str
    status: str
    lead: list[str]
    due: str | None
    due_end: date | None
    last_progress: date | None
    agreed: date | None
    """The workplan's ``agreed`` date."""
    path: str
    at: DataPath
    """The action's place in its file, for its line."""
    sets: tuple[str, ...] = ()
    """The sets of the recommendations it cites (a bare number: its workplan's set, else the default)."""


def counts_for(action: ActionFigures, set_id: str, default_set: str, known: Collection[str]) -> bool:
    """Whether an action counts in ``set_id``'s tables: it cites one of the set's recommendations,
    or, for the default set, it cites none of any set the tracker holds (as before sets were many)."""
    return set_id in action.sets or (set_id == default_set and not any(s in known for s in action.sets))


class EvidenceFigures(NamedTuple):
    """An evidence record with a review or expiry date: what ``overdue`` and ``remind`` list."""

    organisation: str
    kind: str
    """``assessment`` or ``action``."""
    ref: str
    """The recommendation's number, or the action's id."""
    title: str
    location: str
    owner: str | None
    lapses: date
    path: str
    at: DataPath
    lapsing: str
    """Which date ``lapses`` is: ``review`` or ``expires``."""


class AssuranceFigures(NamedTuple):
    """One organisation's assurance against the default set, worked out at load time (a fingerprint
    needs the models, which a warm ``status`` never builds)."""

    levels: dict[RecNumber, str]
    """number → the assurance level its assessment records (absent: none recorded)."""
    signed: dict[RecNumber, bool]
    """number → whether a sign-off approves its assessment as it stands (absent: no sign-off)."""
    actions: tuple[int, int, int]
    """Its actions whose sign-off is current, stale, and missing where francis.yaml requires one."""


class SetPart(NamedTuple):
    """What ``Figures`` holds of one set: its numbers and themes, and each organisation's assessments."""

    set: SetFigures
    assessed: dict[str, dict[RecNumber, str | bool | None]]
    scope: dict[str, list[tuple[int, int]]]
    decisions: dict[str, dict[RecNumber, str]]
    respond_by: date | None
    illustrative: dict[str, list[RecNumber]]
    assurance: dict[str, AssuranceFigures]


class AssessmentFileFigures(NamedTuple):
    path: str
    organisation: str
    assessments: int
    assessed: date | None


@dataclass(slots=True)
class Figures:
    """What ``status`` and ``overdue`` read of a tracker: plain data, from a corpus or a snapshot."""

    default_set: str
    organisation: str | None
    """francis.yaml's ``organisation``."""
    ratings: list[tuple[str, str, str | None]]
    set: SetFigures | None
    organisations: dict[str, OrgFigures]
    assessed: dict[str, dict[RecNumber, str | bool | None]]
    """organisation → number → rating of its first assessment against the default set
    (``NOT_APPLICABLE`` when not applicable)."""
    assessment_files: list[AssessmentFileFigures]
    load_actions: Callable[[], list[ActionFigures]]
    """The actions, worked out when first asked for: ``status --by organisation`` needs none."""
    line_of: Callable[[ActionFigures], int]
    _actions: list[ActionFigures] | None = None
    _actions_of: dict[str, list[ActionFigures]] | None = None
    scope: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """organisation → the ranges its assessment files against the default set have in ``scope``
    (absent: none declares one)."""
    decisions: dict[str, dict[RecNumber, str]] = field(default_factory=dict)
    """organisation → number → the decision of its first assessment against the default set."""
    respond_by: date | None = None
    """The default set's response clock: the last day to decide (None: it has none)."""
    illustrative: dict[str, list[RecNumber]] = field(default_factory=dict)
    """organisation → the numbers in ``assessed`` whose assessment file is marked ``illustrative``."""
    evidence: list[EvidenceFigures] = field(default_factory=list)
    """Every evidence record with a review or expiry date, in file order."""
    assurance: dict[str, AssuranceFigures] = field(default_factory=dict)
    """organisation → its assurance levels and sign-offs (absent: none recorded, none required)."""
    others: dict[str, SetPart] = field(default_factory=dict)
    """The tracker's other sets, by id: the fields above are the default set's."""

    @property
    def set_ids(self) -> list[str]:
        """Every set of the tracker: the default first, then the others in id order."""
        return ([self.set.set] if self.set is not None else []) + sorted(self.others)

    def part(self, set_id: str) -> SetPart | None:
        if set_id != self.default_set or self.set is None:
            return self.others.get(set_id)
        return SetPart(*(getattr(self, name) for name in SetPart._fields))

    def of_set(self, set_id: str) -> Figures:
        """These figures as if ``set_id`` were the default set and its actions (``counts_for``) the
        only ones: the view code for one set then shows any of them."""
        p = self.part(set_id)
        if p is None:
            raise KeyError(set_id)
        known = self.set_ids
        if known == [self.default_set] == [set_id]:
            return self
        others = {s: q for s in known if s != set_id and (q := self.part(s)) is not None}

        def actions() -> list[ActionFigures]:
            return [a for a in self.actions if counts_for(a, set_id, self.default_set, known)]

        fresh: dict[str, Any] = {"default_set": set_id, "load_actions": actions, "_actions": None, "_actions_of": None}
        return replace(self, **fresh, **p._asdict(), others=others)

    @property
    def actions(self) -> list[ActionFigures]:
        if self._actions is None:
            self._actions = self.load_actions()
        return self._actions

    @property
    def actions_of(self) -> dict[str, list[ActionFigures]]:
        """organisation → its actions, in file order."""
        if self._actions_of is None:
            self._actions_of = {}
            for a in self.actions:
                self._actions_of.setdefault(a.organisation, []).append(a)
        return self._actions_of


def figures_of(corpus: Corpus) -> Figures:
    """The figures of a loaded tracker (the full path: the same view code then runs on both)."""
    config = corpus.config
    known = [set_id for set_id, entries in corpus.sets.items() if entries]
    cited = [_action(e, config.default_set) for e in corpus.actions]
    parts = {set_id: _part(corpus, corpus.sets[set_id][0].model, cited, known) for set_id in known}
    default = parts.pop(config.default_set, None)
    files: dict[str, list[Any]] = {}
    for a in corpus.assessments:
        seen = files.get(a.at.file.rel)
        if seen is None:
            files[a.at.file.rel] = [a.organisation, 1, a.file_model.assessed]
        else:
            seen[1] += 1
    loaded = {f.rel: f for f in corpus.files}
    orgs = {
        org_id: OrgFigures(org_id, entries[0].model.name, entries[0].model.role_titles())
        for org_id, entries in corpus.organisations.items()
    }
    return Figures(
        config.default_set,
        config.organisation,
        [(r.id, r.label, r.colour) for r in corpus.ratings],
        default.set if default is not None else None,
        orgs,
        default.assessed if default is not None else {},
        [AssessmentFileFigures(rel, org, n, day) for rel, (org, n, day) in files.items()],
        lambda: cited,
        lambda a: loaded[a.path].source.locate(a.at)[0],
        **_rest(default),
        evidence=_evidence(corpus),
        others=parts,
    )


def _evidence(corpus: Corpus) -> list[EvidenceFigures]:
    items: list[tuple[str, Any, str]] = [("assessment", e, str(e.model.recommendation)) for e in corpus.assessments]
    items += [("action", e, e.model.id) for e in corpus.actions]
    out = []
    for kind, e, ref in items:
        for i, x in enumerate(e.model.evidence):
            if not isinstance(x, str) and x.lapses is not None:
                at, rel, which = (*e.at.path, "evidence", i), e.at.file.rel, x.lapsing or "expires"
                out.append(
                    EvidenceFigures(e.organisation, kind, ref, x.title, x.location, x.owner, x.lapses, rel, at, which)
                )
    return out


def _part(corpus: Corpus, rs: Any, actions: list[ActionFigures], known: list[str]) -> SetPart:
    """One set's figures: its numbers and themes, each organisation's ratings, scope and decisions."""
    default = corpus.config.default_set
    themes, recs = [(t.id, t.title) for t in rs.themes], [(r.number, r.theme) for r in rs.recommendations]
    addressed = {r.number: list(r.addressees) for r in rs.recommendations if r.addressees}
    of_set = {org: numbers for (org, set_id), numbers in corpus.assessed.items() if set_id == rs.set}
    scope: dict[str, list[tuple[int, int]]] = {}
    for f in corpus.files_of("assessments"):
        if f.model.scope is not None and (f.model.set or default) == rs.set:
            scope.setdefault(f.model.organisation, []).extend(f.model.scope.ranges)
    mine = [e for e, a in zip(corpus.actions, actions, strict=True) if counts_for(a, rs.set, default, known)]
    return SetPart(
        SetFigures(rs.set, rs.title, themes, recs, addressed),
        {
            o: {n: (e.model.rating if e.model.applicable else NOT_APPLICABLE) for n, e in ns.items() if e.model.rated}
            for o, ns in of_set.items()
        },
        scope,
        {o: {n: e.model.decision for n, e in ns.items() if e.model.decision is not None} for o, ns in of_set.items()},
        rs.response_due(),
        {o: [n for n, e in ns.items() if e.file_model.illustrative] for o, ns in of_set.items()},
        _assured(corpus, of_set, mine),
    )


def _assured(
    corpus: Corpus, of_set: dict[str, dict[RecNumber, Any]], actions: list[ActionEntry]
) -> dict[str, AssuranceFigures]:
    """Assurance levels and the state of every sign-off (only items with one are fingerprinted)."""
    from ..models.assessment import fingerprint

    levels: dict[str, dict[RecNumber, str]] = {}
    signed: dict[str, dict[RecNumber, bool]] = {}
    for org, numbers in of_set.items():
        for n, e in numbers.items():
            if e.model.assurance is not None:
                levels.setdefault(org, {})[n] = e.model.assurance
            if e.model.signoffs:
                now = fingerprint(e.model)
                signed.setdefault(org, {})[n] = any(s.fingerprint == now for s in e.model.signoffs)
    counted: dict[str, list[int]] = {}
    require = corpus.config.signoff.require_for_done
    for a in actions:
        m = a.model
        if m.signoffs:
            now = fingerprint(m)
            state = 0 if any(s.fingerprint == now for s in m.signoffs) else 1
        elif require and m.status == "done":
            state = 2
        else:
            continue
        counted.setdefault(a.organisation, [0, 0, 0])[state] += 1
    out = {}
    for o in sorted({*levels, *signed, *counted}):
        current, stale, missing = counted.get(o, [0, 0, 0])
        out[o] = AssuranceFigures(levels.get(o, {}), signed.get(o, {}), (current, stale, missing))
    return out


def _action(e: ActionEntry, default_set: str) -> ActionFigures:
    from ..models.workplan import split_ref

    m = e.model
    due, end = (str(m.due), m.due.end) if m.due else (None, None)
    last = max((p.date for p in m.progress), default=None)
    args = (m.id, m.title, m.status, list(m.lead), due, end, last, e.workplan.agreed)
    plain = e.workplan.set or default_set
    sets = tuple(dict.fromkeys(s or plain for s, _ in map(split_ref, m.recommendations)))
    return ActionFigures(e.organisation, *args, e.at.file.rel, e.at.path, sets)


def _ordinal(d: date | None) -> int | None:
    return d.toordinal() if d is not None else None


def _day(n: int | None) -> date | None:
    return date.fromordinal(n) if n is not None else None


def _digest(packed: bytes) -> str:
    return hashlib.blake2b(packed, digest_size=16).hexdigest()


def dump_figures(f: Figures) -> dict[str, Any]:
    packed = marshal.dumps(
        [
            (*a[:6], _ordinal(a.due_end), _ordinal(a.last_progress), _ordinal(a.agreed), a.path, a.at, a.sets)
            for a in f.actions
        ]
    )
    parts = {set_id: f.part(set_id) for set_id in f.set_ids}
    return {
        "default_set": f.default_set,
        "organisation": f.organisation,
        "ratings": f.ratings,
        "organisations": [tuple(o) for o in f.organisations.values()],
        "files": [(a.path, a.organisation, a.assessments, _ordinal(a.assessed)) for a in f.assessment_files],
        "actions": packed,
        "actions_digest": _digest(packed),
        "parts": {set_id: _dump_part(p) for set_id, p in parts.items() if p is not None},
        "evidence": [(*x[:6], x.lapses.toordinal(), x.path, x.at, x.lapsing) for x in f.evidence],
    }


def _dump_part(p: SetPart) -> tuple[Any, ...]:
    assurance = {org: tuple(a) for org, a in p.assurance.items()}
    return (tuple(p.set), p.assessed, p.scope, p.decisions, _ordinal(p.respond_by), p.illustrative, assurance)


def _load_part(kept: Any) -> SetPart:
    rs, assessed, scope, decisions, respond_by, illustrative, assurance = kept
    return SetPart(
        SetFigures(*rs),
        assessed,
        {org: [(lo, hi) for lo, hi in ranges] for org, ranges in scope.items()},
        decisions,
        _day(respond_by),
        illustrative,
        {org: AssuranceFigures(lv, sg, (c, st, m)) for org, (lv, sg, (c, st, m)) in assurance.items()},
    )


def load_figures(d: dict[str, Any], line_of: Callable[[ActionFigures], int]) -> Figures:
    day, packed = _day, d["actions"]
    if not isinstance(packed, bytes) or _digest(packed) != d["actions_digest"]:
        raise ValueError("actions")  # decoded only when needed: damage must be found now

    def actions() -> list[ActionFigures]:
        return [
            ActionFigures(o, i, t, s, lead, due, day(end), day(last), day(agreed), path, at, sets)
            for o, i, t, s, lead, due, end, last, agreed, path, at, sets in marshal.loads(packed)
        ]

    parts = {set_id: _load_part(p) for set_id, p in d["parts"].items()}
    default = parts.pop(d["default_set"], None)
    return Figures(
        d["default_set"],
        d["organisation"],
        [tuple(r) for r in d["ratings"]],
        default.set if default is not None else None,
        {o[0]: OrgFigures(*o) for o in d["organisations"]},
        default.assessed if default is not None else {},
        [AssessmentFileFigures(p, o, n, day(a)) for p, o, n, a in d["files"]],
        actions,
        line_of,
        **_rest(default),
        evidence=[
            EvidenceFigures(o, k, r, t, loc, own, date.fromordinal(n), p, tuple(at), which)
            for o, k, r, t, loc, own, n, p, at, which in d["evidence"]
        ],
        others=parts,
    )


def _rest(p: SetPart | None) -> dict[str, Any]:
    """A set part's fields that ``Figures`` takes by keyword (none without a default set)."""
    return {k: v for k, v in p._asdict().items() if k not in ("set", "assessed")} if p is not None else {}
