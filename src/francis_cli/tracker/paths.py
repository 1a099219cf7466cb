"""Finding the tracker: the folder holding ``francis.yaml`` or a francis ``data/`` folder."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UserError

CONFIG_FILE = "francis.yaml"
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
