"""The tracker at git revisions: one revision loaded whole, or every commit's models for a history.

Loading is the tracker's job wherever the files come from, so the views that compare revisions
(``diff``, ``history``, a paper's movement since the last board) receive what is loaded here and
never read git themselves.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models.assessment import AssessmentFile
from ..models.config import TrackerConfig
from ..models.vocab import FileKind
from ..models.workplan import Workplan
from ..yamlio.values import Limits
from .corpus import Corpus, load_tracker
from .git import Commit, GitSource, Repo
from .movement_items import Side
from .read import Progress
from .validate import load_file


def load_side(root: Path, repo: Repo, rev: str | None, progress: Progress | None = None) -> tuple[Corpus, Side]:
    """The tracker at revision ``rev`` (None: the work tree), with the side's label for a comparison.

    Raises UserError for an unknown revision or one without the tracker (``TrackerMissing``).
    """
    if rev is None:
        return load_tracker(root, progress=progress), Side("work tree", None, None)
    source = GitSource.at(repo, rev)
    return load_tracker(root, source, progress=progress), Side(rev, source.commit.short, source.commit.date[:10])


@dataclass(slots=True)
class Snapshot:
    """What one commit's tracker holds of the kinds asked for: its files' models, in path order."""

    default_set: str
    assessments: list[AssessmentFile] = field(default_factory=list)
    workplans: list[Workplan] = field(default_factory=list)


class Snapshots:
    """The tracker's models at each commit, every file parsed once per blob id: an unchanged
    file costs nothing at the next commit."""

    def __init__(self, repo: Repo, kinds: Collection[FileKind]) -> None:
        self.repo, self.kinds = repo, set(kinds)
        self._models: dict[tuple[str, str, Limits], Any] = {}
        self._snapshots: dict[str, Snapshot] = {}

    def at(self, sha: str) -> Snapshot:
        if sha not in self._snapshots:
            source = GitSource(self.repo, Commit(sha, sha[:7], "", "", ""))
            source.entries = {e.rel: e for e in self.repo.tree(sha)}
            self._snapshots[sha] = self._snapshot(source)
        return self._snapshots[sha]

    def _snapshot(self, source: GitSource) -> Snapshot:
        limits, snapshot = Limits(), Snapshot(TrackerConfig().default_set)
        for rel, kind in source.discover().files:
            if kind == "config":
                config = self._model(source, rel, kind, limits)
                if isinstance(config, TrackerConfig):
                    limits = Limits(**config.limits.model_dump())
                    snapshot.default_set = config.default_set
            elif kind in self.kinds:
                model = self._model(source, rel, kind, limits)
                if isinstance(model, AssessmentFile):
                    snapshot.assessments.append(model)
                elif isinstance(model, Workplan):
                    snapshot.workplans.append(model)
        return snapshot

    def _model(self, source: GitSource, rel: str, kind: FileKind, limits: Limits) -> Any:
        key = (source.blob(rel).blob, kind, limits)
        if key not in self._models:
            self._models[key] = load_file(source, rel, kind, limits)[0].model
        return self._models[key]
