"""Files → models + problems: discover a tracker's files, read each safely, validate it.

Every file is read and validated on its own; one broken file never stops the others.
Cross-file rules are in ``checks``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from . import yamlio
from .config import CONFIG_FILE, DATA_DIR, KIND_DIRS, ORGANISATIONS_FILE, YAML_SUFFIXES, relative
from .errors import Problem
from .explain import data_path, problems_from
from .models import AssessmentFile, OrganisationsFile, RecommendationSet, TrackerConfig, Workplan

Kind = Literal["config", "organisations", "recommendations", "assessments", "workplan"]

MODELS: dict[Kind, type[BaseModel]] = {
    "config": TrackerConfig,
    "organisations": OrganisationsFile,
    "recommendations": RecommendationSet,
    "assessments": AssessmentFile,
    "workplan": Workplan,
}


@dataclass(slots=True)
class LoadedFile:
    """One file of the tracker: where it is, what it held, and where each value was."""

    rel: str
    kind: Kind
    source: yamlio.SourceMap
    model: Any = None
    """The validated model, or None when the file could not be read or validated."""
    kept: dict[yamlio.Path, list[int]] = field(default_factory=dict)
    """For a file validated without its invalid list items: list path → original indices kept."""

    def item_path(self, list_path: yamlio.Path, index: int) -> yamlio.Path:
        """The source path of item ``index`` of the (possibly pruned) list at ``list_path``."""
        kept = self.kept.get(list_path)
        return (*list_path, kept[index] if kept is not None else index)

    def problem(self, path: yamlio.Path, code: str, message: str, *, severity: str = "error",
                key: bool = False) -> Problem:  # fmt: skip
        line, col = self.source.locate(path, key=key)
        return Problem(self.rel, line, col, code, severity, message)  # type: ignore[arg-type]


@dataclass(slots=True)
class Discovery:
    files: list[tuple[Path, Kind]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(root: Path) -> Discovery:
    """Every YAML file of the tracker with its kind; symlinks leaving the tracker are not followed."""
    found = Discovery()
    real_root = root.resolve()
    config = root / CONFIG_FILE
    if config.is_file() and _inside(config, real_root, root, found):
        found.files.append((config, "config"))
    data = root / DATA_DIR
    if not data.is_dir():
        return found
    seen: set[Path] = set()
    for path in _walk(data, real_root, root, found, seen):
        parts = path.relative_to(data).parts
        if len(parts) == 1 and parts[0] in (ORGANISATIONS_FILE, "organisations.yml"):
            found.files.append((path, "organisations"))
        elif len(parts) > 1 and parts[0] in KIND_DIRS:
            found.files.append((path, KIND_DIRS[parts[0]]))  # type: ignore[arg-type]
        else:
            found.problems.append(Problem(
                relative(root, path), 0, 0, "unknown-file", "warning",
                "not read: francis reads data/organisations.yaml and YAML files under "
                "data/recommendations/, data/assessments/ and data/workplan/",
            ))  # fmt: skip
    found.files.sort(key=lambda item: (item[1] != "config", item[0].as_posix()))  # settings first: limits
    return found


def _inside(path: Path, real_root: Path, root: Path, found: Discovery) -> bool:
    if not path.is_symlink():
        return True
    target = path.resolve()
    if target == real_root or real_root in target.parents:
        return True
    found.problems.append(Problem(relative(root, path), 0, 0, "symlink-outside", "warning",
                                  "not read: this symlink leads outside the tracker"))  # fmt: skip
    return False


def _walk(folder: Path, real_root: Path, root: Path, found: Discovery, seen: set[Path]) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        found.problems.append(Problem(relative(root, folder), 0, 0, "file-unreadable", "error",
                                      f"cannot list folder: {err.strerror or err}"))  # fmt: skip
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if not _inside(path, real_root, root, found):
            continue
        if entry.is_dir():
            yield from _walk(path, real_root, root, found, seen)
        elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file():
            yield path


def read_text(path: Path, rel: str, limits: yamlio.Limits) -> tuple[str | None, list[Problem]]:
    """A file's text: size-bounded, strict UTF-8 (a BOM is fine), or a problem saying why not."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return None, [Problem(rel, 0, 0, "file-too-large", "error",
                                  f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,} "
                                  "(limits.max_file_bytes in francis.yaml)")]  # fmt: skip
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(rel, 0, 0, "file-unreadable", "error", f"cannot read file: {err.strerror or err}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        return None, [Problem(rel, line, col, "encoding", "error",
                              f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]  # fmt: skip


_EXPECTED = {
    "config": "settings",
    "organisations": "`organisations:`",
    "recommendations": "a recommendation set (`set:`, `title:`, `recommendations:`)",
    "assessments": "a gap assessment (`organisation:`, `assessments:`)",
    "workplan": "a workplan (`organisation:`, `sections:` or `actions:`)",
}


def load_file(path: Path, rel: str, kind: Kind, limits: yamlio.Limits) -> tuple[LoadedFile, list[Problem]]:
    """Read, parse and validate one file; every problem it has, at its line and column."""
    loaded = LoadedFile(rel, kind, yamlio.SourceMap())
    text, problems = read_text(path, rel, limits)
    if text is None:
        return loaded, problems
    doc = yamlio.parse(text, limits)
    loaded.source = doc.source
    problems.extend(Problem(rel, p.line, p.col, p.code, "error", p.message) for p in doc.problems)
    if doc.problems and doc.data is None:
        return loaded, problems
    data = doc.data
    if data is None:
        if kind == "config":
            data = {}
        else:
            problems.append(Problem(rel, 1, 1, "empty-file", "error", f"empty file: expected {_EXPECTED[kind]}"))
            return loaded, problems
    if not isinstance(data, dict):
        line, col = doc.source.locate(())
        problems.append(Problem(rel, line, col, "not-mapping", "error",
                                f"expected a mapping of keys ({_EXPECTED[kind]}), got a "
                                f"{'list' if isinstance(data, list) else 'single value'}"))  # fmt: skip
        return loaded, problems
    model = MODELS[kind]
    try:
        loaded.model = model.model_validate(data)
    except ValidationError as err:
        problems.extend(Problem(rel, line, col, code, "error", msg)
                        for line, col, code, msg in problems_from(err, data, model, doc.source))  # fmt: skip
        loaded.model, loaded.kept = _salvage(data, err, model)
    return loaded, problems


def _salvage(data: dict[str, Any], err: ValidationError, model: type[BaseModel]) -> tuple[Any, dict[yamlio.Path, list[int]]]:
    """The file validated without the list items that hold errors, so that the rest still counts.

    Commands other than ``check`` answer for the parts that loaded; the problems are
    reported all the same. A file whose error is outside any list item gives nothing.
    """
    drop: dict[yamlio.Path, set[int]] = {}
    for error in err.errors(include_url=False):
        path = data_path(data, tuple(error["loc"]))
        node: Any = data
        item: tuple[yamlio.Path, int] | None = None
        for i, part in enumerate(path):
            if isinstance(node, list) and isinstance(part, int):
                item = (path[:i], part)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if item is None:
            return None, {}
        drop.setdefault(item[0], set()).add(item[1])
    kept = {path: [i for i in range(len(_at(data, path))) if i not in gone] for path, gone in drop.items()}
    try:
        return model.model_validate(_pruned(data, (), kept)), kept
    except ValidationError:
        return None, {}


def _at(data: Any, path: yamlio.Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _pruned(node: Any, path: yamlio.Path, kept: dict[yamlio.Path, list[int]]) -> Any:
    if not any(k[: len(path)] == path for k in kept):
        return node
    if isinstance(node, dict):
        return {k: _pruned(v, (*path, k), kept) for k, v in node.items()}
    indices = kept.get(path, range(len(node)))
    return [_pruned(node[i], (*path, i), kept) for i in indices]
