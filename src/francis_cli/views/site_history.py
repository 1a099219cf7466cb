"""The history of every item a public register shows, from git, through ``views.history``.

Why a module of its own: the site shows the trail of each assessed recommendation and of each
action, and a site built from a tag (``--rev``) must show the trail up to that tag only: the
commits that are its ancestors, never a later commit nor uncommitted changes in the work tree.
``views.history`` reads the whole history of HEAD; the revisions it finds are kept here when
their commit is one the built revision contains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..models.vocab import STATUS_LABELS
from ..tracker.corpus import Corpus
from ..tracker.git import Repo
from .history import FieldChange, ItemHistory, history


@dataclass(frozen=True, slots=True)
class Trail:
    """The histories found, by ``SET:NUMBER`` (one item per organisation) or ``ORG:ID``."""

    items: dict[str, list[ItemHistory]]
    available: bool
    """False when the tracker is not in a git repository: there is no history to show."""


def refs(corpus: Corpus, orgs: Sequence[str]) -> list[str]:
    """Every assessed recommendation and every action of the organisations shown, in a fixed order."""
    wanted = set(orgs)
    recs = sorted({(a.set, a.model.recommendation) for a in corpus.assessments if a.organisation in wanted})
    acts = [f"{a.organisation}:{a.model.id}" for a in corpus.actions if a.organisation in wanted]
    return [f"{s}:{n}" for s, n in recs] + list(dict.fromkeys(acts))


def trail(corpus: Corpus, repo: Repo | None, orgs: Sequence[str], commit: str | None) -> Trail:
    """The histories of the items of ``corpus`` (the tracker at ``commit``, or the work tree when None)."""
    if repo is None:
        return Trail({}, available=False)
    contained = repo.ancestors(commit) if commit is not None else None
    out: dict[str, list[ItemHistory]] = {}
    for ref in refs(corpus, orgs):
        items = history(corpus, repo, ref, orgs=orgs).items
        if contained is not None:
            items = [_within(item, contained) for item in items]
        out[ref] = [i for i in items if i.revisions]
    return Trail(out, available=True)


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
