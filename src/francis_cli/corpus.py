"""The loaded tracker: every file's model, indexed by id, each entry knowing where it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .errors import Problem
from .load import LoadedFile, load_file
from .source import Source, WorkTree
from .models import (
    Action,
    Assessment,
    AssessmentFile,
    Organisation,
    OrganisationsFile,
    RatingLevel,
    Recommendation,
    RecommendationSet,
    Section,
    TrackerConfig,
    Workplan,
)


@dataclass(frozen=True, slots=True)
class Located:
    """Where an entry stands: its file and the path of its mapping inside it."""

    file: LoadedFile
    path: yamlio.Path

    def problem(self, code: str, message: str, *, at: str | None = None, item: int | None = None,
                severity: str = "error", key: bool = False) -> Problem:  # fmt: skip
        """A problem at this entry, at its key ``at`` (and list ``item``) when given."""
        path = self.path if at is None else (*self.path, at)
        if item is not None:
            path = (*path, item)
        return self.file.problem(path, code, message, severity=severity, key=key)


@dataclass(frozen=True, slots=True)
class SetEntry:
    model: RecommendationSet
    at: Located
    numbers: dict[int, Recommendation]


@dataclass(frozen=True, slots=True)
class OrgEntry:
    model: Organisation
    at: Located


@dataclass(frozen=True, slots=True)
class AssessmentEntry:
    organisation: str
    set: str
    model: Assessment
    file_model: AssessmentFile
    at: Located


@dataclass(frozen=True, slots=True)
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
    incomplete: set[str] = field(default_factory=set)
    """File kinds with a file that did not load whole: references into them are not judged."""

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


def load_tracker(root: Path, source: Source | None = None) -> Corpus:
    """Load every file of the tracker at ``root`` (from ``source``, default the work tree).

    Problems are collected, never raised.
    """
    source = source if source is not None else WorkTree(root)
    found = source.discover()
    problems = list(found.problems)
    limits = yamlio.Limits()
    files: list[LoadedFile] = []
    config, config_file = TrackerConfig(), None
    for rel, kind in found.files:
        if kind == "config":
            config_file, file_problems = load_file(source, rel, kind, limits)
            problems.extend(file_problems)
            if isinstance(config_file.model, TrackerConfig):
                config = config_file.model
                limits = yamlio.Limits(**config.limits.model_dump())
            continue
        loaded, file_problems = load_file(source, rel, kind, limits)
        files.append(loaded)
        problems.extend(file_problems)
    corpus = Corpus(root, config, config_file, files, problems)
    corpus.incomplete = {f.kind for f in files if f.model is None or f.kept}
    _index(corpus)
    return corpus


def _index(corpus: Corpus) -> None:
    default_set = corpus.config.default_set
    for f in corpus.files_of("recommendations"):
        rs: RecommendationSet = f.model
        numbers: dict[int, Recommendation] = {}
        for rec in rs.recommendations:
            numbers.setdefault(rec.number, rec)
        corpus.sets.setdefault(rs.set, []).append(SetEntry(rs, Located(f, ()), numbers))
    for f in corpus.files_of("organisations"):
        orgs: OrganisationsFile = f.model
        for i, org in enumerate(orgs.organisations):
            at = Located(f, f.item_path(("organisations",), i))
            corpus.organisations.setdefault(org.id, []).append(OrgEntry(org, at))
    for f in corpus.files_of("assessments"):
        af: AssessmentFile = f.model
        for i, a in enumerate(af.assessments):
            at = Located(f, f.item_path(("assessments",), i))
            corpus.assessments.append(AssessmentEntry(af.organisation, af.set or default_set, a, af, at))
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
