"""The tracker at git revisions: one revision loaded whole, or the models of some files at many commits.

Loading is the tracker's job wherever the files come from, so the views that compare revisions
(``diff``, ``history``, a paper's movement since the last board) receive what is loaded here and
never read git themselves. Git names every file by its blob id, so a revision costs what differs:
a file with the same blob id as in the other state compared is lent from it, not read, and one
that differs is looked up in the cache by its blob id before it is read or parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..models.config import TrackerConfig
from ..models.vocab import FileKind
from ..yamlio.values import Limits
from . import cache
from .corpus import Corpus, load_tracker
from .git import Commit, GitSource, Repo
from .movement_items import Side
from .read import Progress, _limits_salt, parse_text, read_all, read_raw
from .sources import Source, WorkTree
from .validate import load_file

Loaded = tuple[Corpus, Side]


def load_side(
    root: Path, repo: Repo, rev: str | None, progress: Progress | None = None, beside: Corpus | None = None
) -> Loaded:
    """The tracker at revision ``rev`` (None: the work tree), with the side's label for a comparison.

    ``beside``, the other state compared, lends the files the two have in common.
    Raises UserError for an unknown revision or one without the tracker (``TrackerMissing``).
    """
    if rev is None:
        return load_tracker(root, progress=progress, reuse=beside), Side("work tree", None, None)
    source = GitSource.at(repo, rev)
    return load_at(root, source, beside, progress), Side(rev, source.commit.short, source.commit.date[:10])


def load_sides(root: Path, repo: Repo, old: str, new: str | None, progress: Progress | None = None) -> list[Loaded]:
    """Both states of a comparison, older first; the newer (often the work tree, whose files the cache
    knows) is loaded first and lends the older every file whose blob id is unchanged."""
    source = GitSource.at(repo, old)  # an unknown older revision is said first, before any loading
    newer = load_side(root, repo, new, progress)
    side = Side(old, source.commit.short, source.commit.date[:10])
    return [(load_at(root, source, newer[0], progress), side), newer]


def load_without(root: Path, kind: FileKind) -> Corpus:
    """The work tree's tracker without its own files of ``kind`` (those of trackers it includes
    are loaded); ``Snapshots.work_tree`` reads what a history follows in them.

    Why: a history of one recommendation needs the settings, the catalogues and the organisations
    whole, but of 1,000 organisations' assessments only that recommendation's, which the cache
    keeps by each file's bytes: validating them all was most of a second run."""
    files = WorkTree(root).discover().files
    return load_tracker(root, only={rel for rel, k in files if k != kind})


def load_at(root: Path, source: GitSource, beside: Corpus | None = None, progress: Progress | None = None) -> Corpus:
    """The tracker at ``source``'s commit, with the files ``beside`` holds at the same blob id lent from it."""
    same = _same_files(source, beside) if beside is not None else set()
    return load_tracker(root, source, progress=progress, reuse=beside, same=same)


def changed_files(repo: Repo, source: GitSource, worktree_files: list[str], now: Corpus) -> set[str]:
    """Tracker files that differ between the revision and the work tree (added, removed or edited).

    Why: a work-tree file whose bytes, as ``now`` read them, have the revision's blob id is that
    file; git hashes only the others (with its filters: a checkout's line endings are not a change)."""
    then = {rel: blob for rel, _ in source.discover().files if (blob := _blob(source, rel)) is not None}
    known = {rel: cache.blob_of(k) for rel, (k, _, _) in now.loaded.items()}
    same = {rel: blob for rel, blob in known.items() if then.get(rel) == blob}
    hashed = repo.hash_files([rel for rel in worktree_files if rel not in same and (repo.root / rel).is_file()])
    state = {**hashed, **same}
    return {rel for rel in set(then) | set(state) if then.get(rel) != state.get(rel)}


def _limits(config: Any) -> Limits:
    return Limits(**config.limits.model_dump()) if isinstance(config, TrackerConfig) else Limits()


def _same_files(source: GitSource, beside: Corpus) -> set[str]:
    """The files of ``source`` that ``beside`` loaded from the same bytes with the same limits.

    Why: a key names the blob id of the bytes the other load read, so an equal id means the very
    same bytes; no file is read to know it. Different limits (francis.yaml changed them) lend nothing."""
    files = source.discover().files
    if _limits(_config(source, files)) != _limits(beside.config):
        return set()
    same = set()
    for rel, kind in files:
        known = beside.loaded.get(rel)
        if kind != "config" and known is not None and cache.blob_of(known[0]) == _blob(source, rel):
            same.add(rel)
    return same


def _config(source: GitSource, files: list[tuple[str, FileKind]]) -> TrackerConfig | None:
    """The revision's settings, through the cache (load_tracker reads them again: from the cache)."""
    if not files or files[0][1] != "config":
        return None
    (f,) = read_all(source, files[:1], Limits())
    if f.parsed is None:
        return None
    model = load_file(source, f.rel, "config", Limits(), f.parsed, f.text, f.key)[0].model
    return model if isinstance(model, TrackerConfig) else None


def _blob(source: GitSource, rel: str) -> str | None:
    try:
        return source.blob(rel).blob
    except OSError:  # a symlink leading outside the tracker: read (and reported) as such
        return None


def _given(model: Any) -> Any:
    return model


@dataclass(slots=True)
class Snapshot:
    """What one commit's tracker holds of the kinds asked for: each file's value, in path order."""

    default_set: str
    files: list[tuple[str, Any]] = field(default_factory=list)


Derive = Callable[[Any], Any]
"""What a caller keeps of one file's model (None when the file has none): plain data, for the cache."""


class Snapshots:
    """The tracker's files at many commits, each loaded once per blob id: an unchanged file costs
    nothing at the next commit, and a file an earlier run saw only a cache read.

    Each file's value is its model, or what ``derive`` makes of it; ``tag`` (what the derived
    value depends on besides the file) keys it in the cache, so that a second run builds no model
    at all. ``beside`` (the work tree's tracker) lends its models of the files with the same blob id."""

    def __init__(
        self,
        repo: Repo,
        kinds: Collection[FileKind],
        beside: Corpus | None = None,
        derive: Derive | None = None,
        tag: object = None,
    ) -> None:
        self.repo, self.kinds, self.derive, self.tag = repo, set(kinds), derive, tag
        self._values: dict[tuple[str, FileKind, Limits], Any] = {}
        self._lent: dict[tuple[str, FileKind, Limits], Any] = {}
        self._configs: dict[str, Any] = {}
        self._sources: dict[str, tuple[GitSource, list[tuple[str, FileKind]]]] = {}
        self.store = cache.Cache() if cache.enabled() else None
        if beside is not None:
            limits = _limits(beside.config)
            for k, loaded, _ in beside.loaded.values():
                self._lent[(cache.blob_of(k), loaded.kind, limits)] = loaded.model

    def at(self, sha: str, paths: Collection[str] | None = None) -> Snapshot:
        """The values at commit ``sha`` of every file of the kinds, or of those in ``paths``."""
        source, files = self._source(sha)
        limits, snapshot = Limits(), Snapshot(TrackerConfig().default_set)
        for rel, kind in files:
            if kind == "config":
                config = self._config(source, rel)
                if isinstance(config, TrackerConfig):
                    limits = _limits(config)
                    snapshot.default_set = config.default_set
            elif kind in self.kinds and (paths is None or rel in paths):
                model_of = partial(self._model, source, rel, kind, limits)
                snapshot.files.append((rel, self._value(source.blob(rel).blob, kind, limits, model_of)))
        return snapshot

    def _source(self, sha: str) -> tuple[GitSource, list[tuple[str, FileKind]]]:
        if sha not in self._sources:
            source = GitSource(self.repo, Commit(sha, sha[:7], "", "", ""))
            source.entries = {e.rel: e for e in self.repo.tree(sha)}
            self._sources[sha] = source, source.discover().files
        return self._sources[sha]

    def _config(self, source: GitSource, rel: str) -> Any:
        blob = source.blob(rel).blob
        if blob not in self._configs:
            self._configs[blob] = self._model(source, rel, "config", Limits())
        return self._configs[blob]

    def work_tree(self, now: Corpus) -> Snapshot:
        """The values of the work tree's files of the kinds, in the order a load lists them.

        Why: a history follows one item through every file of a kind, and validating them all to
        read that item cost a second run most of its time. A file ``now`` loaded lends its model;
        any other is found in the cache by the blob id of its bytes (what it holds of the item, or
        its parse), and read, parsed and validated only when the cache has neither."""
        source, limits = WorkTree(now.root), _limits(now.config)
        snapshot = Snapshot(now.config.default_set)
        main: set[str] = set()
        for rel, kind in source.discover().files:
            if kind in self.kinds:
                main.add(rel)
                snapshot.files.append((rel, self._work_value(source, rel, kind, limits, now)))
        for f in now.files:  # the trackers francis.yaml includes, loaded whole
            if f.kind in self.kinds and f.rel not in main:
                snapshot.files.append((f.rel, f.model if self.derive is None else self.derive(f.model)))
        return snapshot

    def _work_value(self, source: Source, rel: str, kind: FileKind, limits: Limits, now: Corpus) -> Any:
        known = now.loaded.get(rel)
        if known is not None:
            return self._value(cache.blob_of(known[0]), kind, limits, partial(_given, known[1].model))
        text, raw, _ = read_raw(source, rel, limits)
        if text is None:
            return None if self.derive is None else self.derive(None)
        return self._value(cache.blob_id(raw), kind, limits, partial(self._load, source, rel, kind, limits, text, raw))

    def _value(self, blob: str, kind: FileKind, limits: Limits, model_of: Callable[[], Any]) -> Any:
        """The value of the file with blob id ``blob``; ``model_of`` gives its model when neither
        this history, nor ``beside``, nor (for a derived value) the cache already has it."""
        memo = (blob, kind, limits)
        if memo in self._values:
            return self._values[memo]
        if memo in self._lent:
            model_of = partial(_given, self._lent[memo])
        if self.derive is None:
            value = model_of()
        else:
            k = cache.blob_key(blob, "derived", self.tag, kind, *_limits_salt(limits)) if len(blob) == 40 else ""
            hit = self.store.get(k) if self.store is not None and k else None
            if hit is not None:
                value = hit[0]
            else:
                value = self.derive(model_of())
                if self.store is not None and k:
                    self.store.put(k, [value])
        self._values[memo] = value
        return value

    def _model(self, source: GitSource, rel: str, kind: FileKind, limits: Limits) -> Any:
        """The file's model, from its parse in the cache (found by blob id, the file unread), else
        read, parsed and cached. A file that cannot be read or parsed has none."""
        blob, salt = source.blob(rel).blob, _limits_salt(limits)
        k = cache.blob_key(blob, *salt) if len(blob) == 40 else None
        parsed = self.store.get(k) if self.store is not None and k else None
        if parsed is not None:
            return load_file(source, rel, kind, limits, parsed, None, k)[0].model
        text, raw, _ = read_raw(source, rel, limits)
        return self._load(source, rel, kind, limits, text, raw) if text is not None else None

    def _load(self, source: Source, rel: str, kind: FileKind, limits: Limits, text: str, raw: bytes) -> Any:
        """The model of the file read as ``text`` (its bytes ``raw``): its parse from the cache,
        else parsed and cached."""
        k = cache.key(raw, *_limits_salt(limits))
        parsed = self.store.get(k) if self.store is not None else None
        if parsed is None:
            parsed = parse_text(text, limits)
            if self.store is not None:
                self.store.put(k, parsed)
        return load_file(source, rel, kind, limits, parsed, text, k if self.store is not None else None)[0].model

    def prune(self) -> None:
        """Keep the cache within its bound after what this history wrote to it."""
        if self.store is not None:
            self.store.prune()
