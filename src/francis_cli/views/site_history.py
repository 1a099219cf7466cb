"""The history of every item a public register shows, from git, in one walk of the commits.

Why a module of its own: the site shows the trail of each assessed recommendation and of each
action, and a site built from a tag (``--rev``) must show the trail up to that tag only: the
commits that are its ancestors, never a later commit nor uncommitted changes in the work tree.
And why one walk: ``views.history`` follows one item, reading the commits that touched its
files; a national tracker has ten thousand items, and one history each is hours. Here every
commit that touched an assessment or a workplan is read once, each file once per blob id
(through the cache), and every item compared with its parent's state at once, by the same rules
as ``views.history`` (its states, its comparison of a commit with its parents, its slippage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..models.assessment import AssessmentFile
from ..models.numbers import number_key
from ..models.vocab import STATUS_LABELS, FileKind
from ..models.workplan import Workplan
from ..tracker.corpus import Corpus
from ..tracker.git import Commit, Repo
from ..tracker.paths import CONFIG_FILE, DATA_DIR, KIND_DIRS, classify
from ..tracker.revisions import Snapshots
from .history import (
    ACTION_FIELDS,
    ASSESSMENT_FIELDS,
    STATES,
    FieldChange,
    ItemHistory,
    ItemState,
    Key,
    action_state,
    assessment_state,
    item_of,
    revision,
    slippage,
)

_STATES = 1
"""The version of what the cache keeps of a file for the site's histories (beside ``views.history``'s
version of the states it keeps)."""


@dataclass(frozen=True, slots=True)
class Trail:
    """The histories found, by ``SET:NUMBER`` (one item per organisation) or ``ORG:ID``."""

    items: dict[str, list[ItemHistory]]
    available: bool
    """False when the tracker is not in a git repository: there is no history to show."""


def refs(corpus: Corpus, orgs: Sequence[str]) -> list[str]:
    """Every assessed recommendation and every action of the organisations shown, in a fixed order."""
    wanted = set(orgs)
    recs = sorted(
        {(a.set, a.model.recommendation) for a in corpus.assessments if a.organisation in wanted},
        key=lambda r: (r[0], number_key(r[1])),
    )
    acts = [f"{a.organisation}:{a.model.id}" for a in corpus.actions if a.organisation in wanted]
    return [f"{s}:{n}" for s, n in recs] + list(dict.fromkeys(acts))


def trail(corpus: Corpus, repo: Repo | None, orgs: Sequence[str], commit: str | None) -> Trail:
    """The histories of the items of ``corpus`` (the tracker at ``commit``, or the work tree when None)."""
    if repo is None:
        return Trail({}, available=False)
    contained = repo.ancestors(commit) if commit is not None else None
    found = _walk(corpus, repo, set(orgs), commit)
    out: dict[str, list[ItemHistory]] = {}
    for ref in refs(corpus, orgs):
        items = found.get(ref, [])
        if contained is not None:
            items = [_within(item, contained) for item in items]
        out[ref] = [i for i in items if i.revisions]
    return Trail(out, available=True)


def _file_states(model: Any) -> list[Any] | None:
    """Every item a file holds, by number or id (the first of each): [kind, organisation, set or None, states]."""
    found: dict[str, ItemState] = {}
    if isinstance(model, AssessmentFile):
        for a in model.assessments:
            found.setdefault(str(a.recommendation), assessment_state(a))
        return ["assessment", model.organisation, model.set, found]
    if isinstance(model, Workplan):
        for x in [x for s in model.sections for x in s.actions] + list(model.actions):
            found.setdefault(x.id, action_state(x))
        return ["action", model.organisation, None, found]
    return None


Group = tuple[str, str]
"""(``assessment`` or ``action``, organisation): the items one organisation's files of a kind hold."""
_KINDS: dict[str, FileKind] = {"assessment": "assessments", "action": "workplan"}


class _States:
    """Every item's state at a commit, by group: assessments by (org, set, number), actions by (org, id)."""

    def __init__(self, repo: Repo, corpus: Corpus, orgs: set[str]) -> None:
        self.snapshots = Snapshots(repo, list(_KINDS.values()), corpus, _file_states, (_STATES, STATES, "site-all"))
        self.orgs = orgs
        self.memo: dict[str, dict[Group, dict[Key, ItemState]]] = {}
        self.paths: dict[Group, set[str]] = {}

    def at(self, sha: str) -> dict[Group, dict[Key, ItemState]]:
        if sha not in self.memo:
            snapshot = self.snapshots.at(sha)
            out: dict[Group, dict[Key, ItemState]] = {}
            for _, value in snapshot.files:
                if not value or value[1] not in self.orgs:
                    continue
                kind, org, set_id, found = value
                group = out.setdefault((kind, org), {})
                for name, state in found.items():
                    key: Key = (org, set_id or snapshot.default_set, name) if kind == "assessment" else (org, name)
                    group.setdefault(key, state)
            self.memo[sha] = out
        return self.memo[sha]

    def follow(self, repo: Repo, corpus: Corpus, head: str | None) -> None:
        """The files each group's history reads, as ``views.history`` follows them: the organisation's
        files in the work tree and at ``head``, and every file of the kind that git saw deleted."""
        for kind, file_kind in _KINDS.items():
            folder = next(name for name, k in KIND_DIRS.items() if k == file_kind)
            deleted = set(repo.deleted(f"{DATA_DIR}/{folder}", head)) if head is not None else set()
            files = [(f.rel, f.model.organisation) for f in corpus.files_of(file_kind)]
            if head is not None:
                files += [(rel, v[1]) for rel, v in self.snapshots.at(head).files if v and v[0] == kind]
            for org in self.orgs:
                self.paths[(kind, org)] = {rel for rel, o in files if o == org and classify(rel)} | deleted


def _work_tree(corpus: Corpus, orgs: set[str]) -> dict[Group, dict[Key, ItemState]]:
    out: dict[Group, dict[Key, ItemState]] = {}
    for a in corpus.assessments:
        if a.organisation in orgs:
            assessed: Key = (a.organisation, a.set, str(a.model.recommendation))
            out.setdefault(("assessment", a.organisation), {}).setdefault(assessed, assessment_state(a.model))
    for act in corpus.actions:
        if act.organisation in orgs:
            action: Key = (act.organisation, act.model.id)
            out.setdefault(("action", act.organisation), {}).setdefault(action, action_state(act.model))
    return out


def _walk(corpus: Corpus, repo: Repo, orgs: set[str], start: str | None = None) -> dict[str, list[ItemHistory]]:
    """Every item's history by its site ref, oldest revision first, the work tree's changes last;
    ``start``: the commit the site is built from (``--rev``), whose history is walked, not HEAD's
    (a tag may be ahead of the commit checked out).

    Each group's commits are those git logs for its files (so a merge is simplified as it is for
    ``francis history``); each commit's files are read once for all the groups."""
    scheme = [r.id for r in corpus.ratings]
    states = _States(repo, corpus, orgs)
    head = start if start is not None else repo.head()
    states.follow(repo, corpus, head)
    work = _work_tree(corpus, orgs)
    logs = _Logs(repo, states.paths, head) if head else None
    items: dict[Key, ItemHistory] = {}
    for group in sorted(states.paths):
        kind: Literal["assessment", "action"] = "assessment" if group[0] == "assessment" else "action"
        fields = ASSESSMENT_FIELDS if kind == "assessment" else ACTION_FIELDS
        commits = logs.of(states.paths[group]) if logs else []
        steps: list[tuple[Any, dict[Key, ItemState], list[dict[Key, ItemState]]]] = [
            (c, states.at(c.sha).get(group, {}), [states.at(p).get(group, {}) for p in c.parents]) for c in commits
        ]
        last = states.at(head).get(group, {}) if head and commits else {}
        steps.append((None, work.get(group, {}), [last]))
        for c, cur, parents in steps:
            for key in sorted(set(cur) | {k for p in parents for k in p}):
                rev = revision(key, cur, parents, fields, scheme, c)
                if rev is not None:
                    item_of(items, key, kind, corpus).revisions.append(rev)
    states.snapshots.prune()
    out: dict[str, list[ItemHistory]] = {}
    for key, item in sorted(items.items()):
        slippage(item)
        out.setdefault(f"{key[1]}:{key[2]}" if len(key) == 3 else f"{key[0]}:{key[1]}", []).append(item)
    return out


class _Logs:
    """Each group's commits, as ``git log`` of its files and the settings gives them, from one walk.

    Why: a national tracker has two groups per organisation, and a log each is hundreds of walks
    of the history. One walk lists the files each commit changed; in a history without merges a
    path-limited log is exactly the commits that changed one of its paths, in the same order.
    A merge is simplified by git per set of paths, so a history with one is asked group by group."""

    def __init__(self, repo: Repo, paths: dict[Group, set[str]], rev: str) -> None:
        self.repo, self.rev = repo, rev
        self.touched = repo.log_files(sorted({CONFIG_FILE}.union(*paths.values())), rev)
        self.linear = all(len(c.parents) <= 1 for c, _ in self.touched)

    def of(self, paths: set[str]) -> list[Commit]:
        if not self.linear:
            return self.repo.log([*sorted(paths), CONFIG_FILE], self.rev)
        wanted = paths | {CONFIG_FILE}
        return [c for c, files in self.touched if not files.isdisjoint(wanted)]


def _within(item: ItemHistory, contained: set[str]) -> ItemHistory:
    revisions = [r for r in item.revisions if r.commit is not None and r.commit in contained]
    return replace(item, revisions=revisions)


def change_words(ch: FieldChange) -> str:
    """One change as the register prints it: ``rating amber → green``, ``due 2024-Q2 → 2024-Q3 (92 days later)``."""
    if ch.field == "note":
        return f"progress note added: {ch.new}"
    if ch.field in ("position", "evidence", "outcome", "timeline", "reason"):
        return f"{ch.field} {'set' if ch.old is None else 'removed' if ch.new is None else 'changed'}"
    old, new = (_value(ch.field, v) for v in (ch.old, ch.new))
    if old is None:
        return f"{ch.field} {new}"
    if new is None:
        return f"{ch.field} removed (was {old})"
    days = f" ({abs(ch.days)} days {'later' if ch.days > 0 else 'earlier'})" if ch.days else ""
    return f"{ch.field} {old} → {new}{days}"


def _value(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if name == "status":
        return STATUS_LABELS.get(value, value).lower()
    return value.replace("-", " ") if name == "rating" else value
