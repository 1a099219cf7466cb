"""The loaded tracker: every file's model, indexed by id, each entry knowing where it came from."""

from __future__ import annotations

import gc
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..models.assessment import Assessment, AssessmentFile
from ..models.config import RatingLevel, TrackerConfig
from ..models.numbers import RecNumber, parts_of
from ..models.organisation import Organisation, OrganisationsFile
from ..models.recommendation import Recommendation, RecommendationSet
from ..models.vocab import FileKind
from ..models.workplan import Action, Section, Workplan
from ..problems import Problem
from ..yamlio.values import DataPath, Limits, SourceMap
from .paths import is_tracker, kinds_under
from .read import Progress, read_all
from .sources import Included, Source, WorkTree
from .validate import LoadedFile, load_file


@dataclass(slots=True)
class Located:
    """Where an entry stands: its file and the path of its mapping inside it."""

    file: LoadedFile
    path: DataPath

    def problem(
        self,
        code: str,
        message: str,
        *,
        at: str | None = None,
        item: int | None = None,
        severity: str = "error",
        key: bool = False,
    ) -> Problem:
        """A problem at this entry, at its key ``at`` (and list ``item``) when given."""
        path = self.path if at is None else (*self.path, at)
        if item is not None:
            path = (*path, item)
        return self.file.problem(path, code, message, severity=severity, key=key)


@dataclass(slots=True)
class SetEntry:
    model: RecommendationSet
    at: Located
    numbers: dict[RecNumber, Recommendation]
    parts: dict[RecNumber, list[RecNumber]] = field(default_factory=dict)
    """number → the numbers that are its parts (``2`` → ``2i``, ``2ii``), in order; absent: none."""


@dataclass(slots=True)
class OrgEntry:
    model: Organisation
    at: Located


@dataclass(slots=True)
class AssessmentEntry:
    organisation: str
    set: str
    model: Assessment
    file_model: AssessmentFile
    at: Located


@dataclass(slots=True)
class ActionEntry:
    organisation: str
    model: Action
    section: Section | None
    workplan: Workplan
    at: Located


@dataclass(slots=True)
class Corpus:
    root: Path
    config: TrackerConfig
    config_file: LoadedFile | None
    files: list[LoadedFile]
    problems: list[Problem]
    sets: dict[str, list[SetEntry]] = field(default_factory=dict)
    organisations: dict[str, list[OrgEntry]] = field(default_factory=dict)
    assessments: list[AssessmentEntry] = field(default_factory=list)
    actions: list[ActionEntry] = field(default_factory=list)
    assessed: dict[tuple[str, str], dict[RecNumber, AssessmentEntry]] = field(default_factory=dict)
    """(organisation, set) → recommendation number → its assessment (the first, if given twice)."""
    actions_of: dict[str, list[ActionEntry]] = field(default_factory=dict)
    """organisation → its workplan actions, in file order."""
    incomplete: set[str] = field(default_factory=set)
    """File kinds with a file that did not load whole: references into them are not judged."""
    loaded: dict[str, tuple[str, LoadedFile, list[Problem]]] = field(default_factory=dict)
    """Each file loaded from bytes the cache key names, with its own problems: what a second load of
    the tracker (an edit's, with the edited files in memory) reuses for every file it did not change."""
    config_key: str | None = None
    """The cache key of francis.yaml's bytes, as read (the snapshot names every file by its bytes)."""

    @property
    def ratings(self) -> list[RatingLevel]:
        return self.config.ratings

    def set(self, set_id: str | None = None) -> SetEntry | None:
        entries = self.sets.get(set_id or self.config.default_set)
        return entries[0] if entries else None

    def organisation(self, org_id: str) -> Organisation | None:
        entries = self.organisations.get(org_id)
        return entries[0].model if entries else None

    def files_of(self, kind: str) -> Iterator[LoadedFile]:
        return (f for f in self.files if f.kind == kind and f.model is not None)


def load_tracker(
    root: Path,
    source: Source | None = None,
    *,
    use_cache: bool | None = None,
    progress: Progress | None = None,
    reuse: Corpus | None = None,
    same: Collection[str] = (),
    only: Collection[str] | None = None,
) -> Corpus:
    """Load every file of the tracker at ``root`` (from ``source``, default the work tree).

    Problems are collected, never raised. ``progress`` follows a long cold load (a progress bar).
    ``reuse``, a corpus loaded before, lends its models of the files whose bytes are unchanged;
    those in ``same``, known to be unchanged (a git revision's blob ids say so), are not even read.
    ``only`` loads just those files (and the settings): a part of the tracker, for a comparison of
    what differs (``narrow``); such a corpus is never checked nor kept as a snapshot.
    """
    source = source if source is not None else WorkTree(root)
    found = source.discover()
    problems = list(found.problems)
    config, config_file, unread, config_key = _load_config(source, found.files, problems, use_cache)
    loaded_config = config_file is not None and isinstance(config_file.model, TrackerConfig)
    limits = Limits(**config.limits.model_dump()) if loaded_config else Limits()
    kept = [x for x in found.files if x[1] != "config" and (only is None or x[0] in only)]
    parts: list[tuple[Source, list[tuple[str, FileKind]]]] = [(source, kept)]
    if config.include and isinstance(source, WorkTree) and config_file is not None:
        parts.extend(_includes(root, config, config_file, problems))
    files: list[LoadedFile] = []
    loaded_files: dict[str, tuple[str, LoadedFile, list[Problem]]] = {}
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a bulk load makes millions of objects and no cycles: collecting only costs time
    try:
        lent = {rel: reuse.loaded[rel] for rel in same if rel in reuse.loaded} if reuse is not None else {}
        for part_source, items in parts:
            read = iter(read_all(part_source, [x for x in items if x[0] not in lent], limits, use_cache, progress))
            for rel, _ in items:
                if rel in lent:
                    loaded_files[rel] = lent[rel]
                    files.append(lent[rel][1])
                    problems.extend(lent[rel][2])
                    continue
                f = next(read)
                problems.extend(f.problems)
                if f.parsed is None:
                    files.append(LoadedFile(f.rel, f.kind, SourceMap()))
                    continue
                hit = reuse.loaded.get(f.rel) if reuse is not None and f.key else None
                if hit is not None and hit[0] == f.key:
                    loaded, file_problems = hit[1], hit[2]
                else:
                    loaded, file_problems = load_file(part_source, f.rel, f.kind, limits, f.parsed, f.text, f.key)
                if f.key:
                    loaded_files[f.rel] = (f.key, loaded, file_problems)
                files.append(loaded)
                problems.extend(file_problems)
                f.text = f.parsed = None  # let each file's text and parse go once validated: the peak
        corpus = Corpus(root, config, config_file, files, problems, loaded=loaded_files, config_key=config_key)
        corpus.incomplete = {f.kind for f in files if f.model is None or f.kept}
        if not any(f.kind == "organisations" for f in files):  # one missing-file, not an error per reference
            corpus.incomplete.add("organisations")
        if unread:  # the default set is not known: references relying on it are not judged
            corpus.incomplete.add("recommendations")
        for p in found.problems:  # a folder that could not be read: what it holds is not known either
            if p.code in ("file-unreadable", "not-a-folder"):
                corpus.incomplete |= kinds_under(p.path)
        index(corpus)
    finally:
        if gc_was_enabled:
            gc.freeze()  # what was loaded lives as long as the command: keep later collections off it
            gc.enable()
    return corpus


def _load_config(
    source: Source, items: list[tuple[str, FileKind]], problems: list[Problem], use_cache: bool | None
) -> tuple[TrackerConfig, LoadedFile | None, bool, str | None]:
    """The settings (the defaults without francis.yaml), their file, whether it was there but
    could not be read at all (a folder, a FIFO, a broken symlink, no permission), and its cache key."""
    if not items or items[0][1] != "config":
        return TrackerConfig(), None, False, None
    (f,) = read_all(source, items[:1], Limits(), use_cache)
    problems.extend(f.problems)
    if f.parsed is None:
        return TrackerConfig(), LoadedFile(f.rel, "config", SourceMap()), True, f.key
    config_file, file_problems = load_file(source, f.rel, "config", Limits(), f.parsed, f.text, f.key)
    problems.extend(file_problems)
    config = config_file.model if isinstance(config_file.model, TrackerConfig) else TrackerConfig()
    return config, config_file, False, f.key


def _includes(
    root: Path, config: TrackerConfig, config_file: LoadedFile, problems: list[Problem]
) -> Iterator[tuple[Source, list[tuple[str, FileKind]]]]:
    """The trackers ``include:`` names, each as a source whose paths start with its folder."""
    real_root = Path(os.path.realpath(root))
    for i, entry in enumerate(config.include):
        rel = PurePosixPath(entry.replace("\\", "/"))
        folder = Path(os.path.realpath(root / rel))  # never raises: a symlink loop is left as it is
        if rel.is_absolute() or ".." in rel.parts or not (folder == real_root or real_root in folder.parents):
            problems.append(
                config_file.problem(
                    ("include", i), "include-not-found", f"include {entry!r} must be a folder inside this tracker"
                )
            )
            continue
        if not is_tracker(folder) or folder == real_root:
            message = f"include {entry!r} is not a francis tracker (no data/ folder)"
            problems.append(config_file.problem(("include", i), "include-not-found", message))
            continue
        included = Included(WorkTree(folder), rel.as_posix())
        found = included.discover()
        problems.extend(found.problems)
        yield included, found.files


def index(corpus: Corpus) -> None:
    """Fill the corpus's indexes from its files (a load's last step; a snapshot's text part's too)."""
    _index_files(corpus)
    for act in corpus.actions:
        corpus.actions_of.setdefault(act.organisation, []).append(act)


def _index_files(corpus: Corpus) -> None:
    default_set = corpus.config.default_set
    for f in corpus.files_of("recommendations"):
        rs: RecommendationSet = f.model
        numbers: dict[RecNumber, Recommendation] = {}
        for rec in rs.recommendations:
            numbers.setdefault(rec.number, rec)
        corpus.sets.setdefault(rs.set, []).append(SetEntry(rs, Located(f, ()), numbers, parts_of(numbers)))
    for f in corpus.files_of("organisations"):
        orgs: OrganisationsFile = f.model
        for i, org in enumerate(orgs.organisations):
            at = Located(f, f.item_path(("organisations",), i))
            corpus.organisations.setdefault(org.id, []).append(OrgEntry(org, at))
    for f in corpus.files_of("assessments"):
        af: AssessmentFile = f.model
        if not af.assessments:
            continue
        owner, set_id, kept = af.organisation, af.set or default_set, f.kept.get(("assessments",))
        first = corpus.assessed.setdefault((owner, set_id), {})
        for i, a in enumerate(af.assessments):  # the most entries of any kind: its loop kept lean
            at = Located(f, ("assessments", kept[i] if kept is not None else i))
            entry = AssessmentEntry(owner, set_id, a, af, at)
            corpus.assessments.append(entry)
            first.setdefault(a.recommendation, entry)
    for f in corpus.files_of("workplan"):
        wp: Workplan = f.model
        for si, section in enumerate(wp.sections):
            section_path = f.item_path(("sections",), si)
            for ai, action in enumerate(section.actions):
                at = Located(f, f.item_path((*section_path, "actions"), ai))
                corpus.actions.append(ActionEntry(wp.organisation, action, section, wp, at))
        for ai, action in enumerate(wp.actions):
            at = Located(f, f.item_path(("actions",), ai))
            corpus.actions.append(ActionEntry(wp.organisation, action, None, wp, at))
