"""Where a tracker is and what its files are: find the root, name each file's kind."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..models.vocab import FileKind
from ..problems import Problem

CONFIG_FILE = "francis.yaml"
MISNAMED_CONFIG = "francis.yml"
"""What the settings file is often called by mistake: pointed out, never read."""
DATA_DIR = "data"
KIND_DIRS = {"recommendations": "recommendations", "assessments": "assessments", "workplan": "workplan"}
ORGANISATIONS_FILE = "organisations.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def is_tracker(folder: Path) -> bool:
    if (folder / CONFIG_FILE).is_file():
        return True
    data = folder / DATA_DIR
    if not data.is_dir():
        return False
    return (data / ORGANISATIONS_FILE).is_file() or any((data / d).is_dir() for d in KIND_DIRS)


def find_root(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """The tracker root: ``explicit`` (``--root``), else ``$FRANCIS_ROOT``, else walk up from ``start``."""
    given = explicit if explicit is not None else os.environ.get("FRANCIS_ROOT") or None
    if given is not None:
        root = Path(given).expanduser()
        if not root.is_dir():
            raise UserError(f"tracker folder not found: {root}")
        if not is_tracker(root):
            raise UserError(f"not a francis tracker (no {CONFIG_FILE} or {DATA_DIR}/ folder): {root}")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_tracker(folder):
            return folder
    raise UserError(
        f"no francis tracker here: no {CONFIG_FILE} or {DATA_DIR}/ folder in {here} or above it "
        "(use --root DIR, or set FRANCIS_ROOT)"
    )


def relative(root: Path, path: Path) -> str:
    """A path as problems print it: relative to the root, forward slashes on every platform."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(slots=True)
class Discovery:
    files: list[tuple[str, FileKind]] = field(default_factory=list)
    """Relative paths (forward slashes) and kinds, settings first, then sorted by path."""
    problems: list[Problem] = field(default_factory=list)


UNKNOWN_FILE = (
    "not read: francis reads data/organisations.yaml and YAML files under "
    "data/recommendations/, data/assessments/ and data/workplan/"
)


def classify(rel: str) -> FileKind | None:
    """The kind of the tracker file at ``rel`` (relative, forward slashes), or None if francis does not read it."""
    if rel == CONFIG_FILE:
        return "config"
    parts = rel.split("/")
    if parts[0] != DATA_DIR or not rel.endswith(YAML_SUFFIXES):
        return None
    if len(parts) == 2 and parts[1] in (ORGANISATIONS_FILE, "organisations.yml"):
        return "organisations"
    if len(parts) > 2 and parts[1] in KIND_DIRS:
        return KIND_DIRS[parts[1]]  # type: ignore[return-value]
    return None


def collect(found: Discovery, rel: str) -> None:
    """Add the file at ``rel`` under ``data/`` to what was found, or say that it is not read."""
    kind = classify(rel)
    if kind is None or kind == "config":
        found.problems.append(Problem(rel, 0, 0, "unknown-file", "warning", UNKNOWN_FILE))
    else:
        found.files.append((rel, kind))


def sort_files(files: list[tuple[str, FileKind]]) -> None:
    files.sort(key=lambda item: (item[1] != "config", item[0]))  # settings first: they set the limits


def refuse_tracker_file(root: Path, output: Path) -> None:
    """A UserError when ``output`` (a paper, an export) would overwrite one of the tracker's own
    files: its settings, or anything under its data/ folder, however the path is spelled."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(output))
    if real != real_root and real_root not in real.parents:
        return
    rel = real.relative_to(real_root).as_posix()
    if rel == CONFIG_FILE or rel.split("/")[0] == DATA_DIR:
        raise UserError(f"refused: {output} is the tracker's own {rel}; write the output elsewhere")
