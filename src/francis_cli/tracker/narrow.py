"""A comparison that loads only what differs: ``diff REV`` against an unchanged work tree.

Why: comparing a revision with the work tree by loading both whole costs two full validations,
and at 1,000 organisations that is many seconds for a handful of changed files. Git names every
file by its blob id, and the work tree's snapshot names each of its files the same way, so the
files that differ are known without reading any. Only they are loaded on both sides, with what
they are read against (the settings, the catalogues, the organisations) and the other files of
the organisations they belong to (so an organisation is found on a side exactly when a full load
would find it there, and its first assessment of a recommendation is the same one).

Each side's count of errors (what ``check`` would list for it) is what a full load found the last
time it saw the same files: the snapshot's for the work tree, the cache's for a revision, keyed
by every file's blob id and the day (a response clock's findings are of a day). When either is
not known, or the settings, a catalogue or the organisations differ, the caller loads both sides
whole and ``remember`` keeps the revision's count for the next time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import date
from pathlib import Path

from .. import __version__
from ..models.vocab import FileKind
from ..yamlio.values import Limits
from . import cache, snapshot
from .corpus import load_tracker
from .git import GitSource, Repo
from .movement_items import Side
from .read import read_all
from .revisions import Loaded
from .sources import Source, WorkTree

CONTEXT: frozenset[FileKind] = frozenset({"config", "recommendations", "organisations"})
"""The kinds every other file is read against: when one of them differs, both sides load whole."""


def blobs_at(source: GitSource) -> dict[str, tuple[FileKind, str | None]]:
    """Each tracker file of the revision: its kind and blob id (None: a symlink leading outside)."""
    out: dict[str, tuple[FileKind, str | None]] = {}
    for rel, kind in source.discover().files:
        try:
            out[rel] = kind, source.blob(rel).blob
        except OSError:
            out[rel] = kind, None
    return out


def _errors_key(blobs: dict[str, tuple[FileKind, str | None]]) -> str:
    what = repr((__version__, date.today().toordinal(), sorted(blobs.items())))
    return "errors-" + hashlib.blake2b(what.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def remember(source: GitSource, errors: int) -> None:
    """Keep the number of errors a full load of the revision found, for the next comparison."""
    if cache.enabled():
        cache.Cache().put(_errors_key(blobs_at(source)), errors)


def _known_errors(blobs: dict[str, tuple[FileKind, str | None]]) -> int | None:
    hit = cache.Cache().get(_errors_key(blobs))
    return hit if isinstance(hit, int) and not isinstance(hit, bool) else None


def _owners(source: Source, rels: list[str], kinds: dict[str, FileKind], limits: Limits) -> set[str]:
    """The organisations the files name (their ``organisation:``), read through the cache."""
    items = [(rel, kinds[rel]) for rel in rels]
    found: set[str] = set()
    for f in read_all(source, items, limits):
        data = f.parsed[0] if f.parsed is not None else None
        if isinstance(data, dict) and isinstance(data.get("organisation"), str):
            found.add(data["organisation"])
    return found


def narrow_sides(root: Path, repo: Repo, old: str, orgs: Collection[str] = ()) -> list[Loaded] | None:
    """Revision ``old`` and the work tree, each loaded with only the files that differ and those
    they are read with, each side with its count of errors; None when a full load is needed."""
    snap = snapshot.read(root)
    if snap is None:
        return None
    source = GitSource.at(repo, old)
    then = blobs_at(source)
    now: dict[str, tuple[FileKind, str | None]] = {}
    for rel, kind in snap.head["discovered"][0]:
        k = snap.keys.get(rel)
        if k is None:
            return None
        now[rel] = kind, cache.blob_of(k)
    old_errors = _known_errors(then)
    if old_errors is None:
        return None
    differ = sorted(rel for rel in set(then) | set(now) if then.get(rel) != now.get(rel))
    kinds = {rel: kind for rel, (kind, _) in {**then, **now}.items()}
    if any(kinds[rel] in CONTEXT for rel in differ):
        return None
    figures = snap.figures()
    if figures is None:
        return None
    affected = _owners(source, [r for r in differ if r in then], kinds, snap.limits)
    affected |= _owners(WorkTree(root), [r for r in differ if r in now], kinds, snap.limits)
    owner = {f.path: f.organisation for f in figures.assessment_files}
    owner.update((a.path, a.organisation) for a in figures.actions)
    known = set(figures.organisations) | set(owner.values()) | affected
    if any(o not in known for o in orgs):
        return None  # the full load says which organisations there are
    context = {rel for rel, kind in kinds.items() if kind in CONTEXT}
    alongside = {rel for rel, o in owner.items() if o in affected}
    wanted = context | alongside | set(differ)
    newer = load_tracker(root, only=wanted)
    same = {rel for rel in wanted if rel in then and then.get(rel) == now.get(rel)}
    older = load_tracker(root, source, reuse=newer, same=same, only=wanted)
    old_side = Side(old, source.commit.short, source.commit.date[:10], old_errors)
    return [(older, old_side), (newer, Side("work tree", None, None, snap.errors))]
