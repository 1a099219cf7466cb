"""Where a tracker is and what its files are: find the root, name each file's kind."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError, reason
from ..models.vocab import FileKind
from ..problems import Problem

CONFIG_FILE = "francis.yaml"
MISNAMED_CONFIG = "francis.yml"
"""What the settings file is often called by mistake: pointed out, never read."""
DATA_DIR = "data"
KIND_DIRS = {"recommendations": "recommendations", "assessments": "assessments", "workplan": "workplan"}
ORGANISATIONS_FILE = "organisations.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


class BrokenSymlink(FileNotFoundError):
    """A symlink with nothing at its target: said so, not as a file that is merely missing."""

    def __init__(self) -> None:
        super().__init__(errno.ENOENT, "broken symlink: nothing is at its target")


class NotAFile(OSError):
    """Something other than a regular file where francis reads one: a folder, a FIFO (never
    opened: reading it would wait for a writer for ever), a socket or a device."""

    def __init__(self, what: str) -> None:
        super().__init__(f"expected a file, found {what}")
        self.what = what


def stat_path(path: Path) -> os.stat_result:
    """``os.stat`` (symlinks followed), with a broken symlink told apart from a missing file."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise BrokenSymlink from None
        raise


def describe(mode: int) -> str:
    """What a file of this mode is, in words: ``a folder``, ``a FIFO (named pipe)``."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a file" if stat.S_ISREG(mode) else "something that is not a file"


def is_tracker(folder: Path) -> bool:
    """A settings file (whatever it turns out to be: a broken one is reported, not passed over),
    or a data/ folder holding the organisations file or one of the kinds' folders."""
    if os.path.lexists(folder / CONFIG_FILE):
        return True
    data = folder / DATA_DIR
    if not os.path.isdir(data):
        return False
    return any(os.path.lexists(data / name) for name in (ORGANISATIONS_FILE, *KIND_DIRS))


def _given_root(given: str | os.PathLike[str]) -> Path:
    root = Path(given).expanduser()
    try:
        mode = stat_path(root).st_mode
    except BrokenSymlink as err:
        raise UserError(f"cannot read the tracker folder {root}: {reason(err)}") from None
    except FileNotFoundError:
        raise UserError(f"tracker folder not found: {root}") from None
    except OSError as err:
        raise UserError(f"cannot read the tracker folder {root}: {reason(err)}") from None
    if not stat.S_ISDIR(mode):
        raise UserError(f"not a folder: {root} is {describe(mode)}")
    try:
        os.lstat(root / CONFIG_FILE)  # a folder that can be listed but not searched fails here
    except FileNotFoundError:
        pass
    except OSError as err:
        raise UserError(f"cannot read the tracker folder {root}: {reason(err)}") from None
    if not is_tracker(root):
        raise UserError(f"not a francis tracker (no {CONFIG_FILE} or {DATA_DIR}/ folder): {root}")
    return Path(os.path.realpath(root))


def find_root(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """The tracker root: ``explicit`` (``--root``), else ``$FRANCIS_ROOT``, else walk up from ``start``."""
    given = explicit if explicit is not None else os.environ.get("FRANCIS_ROOT") or None
    if given is not None:
        return _given_root(given)
    try:
        here = Path(os.path.realpath(start or Path.cwd()))
    except OSError as err:
        raise UserError(f"cannot tell the current folder: {reason(err)} (use --root DIR)") from None
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


def kinds_under(rel: str) -> set[FileKind]:
    """The file kinds a folder at ``rel`` may hold: when it cannot be read, those kinds are incomplete."""
    parts = rel.split("/")
    if parts[0] != DATA_DIR:
        return set()
    if len(parts) == 1:
        return {"organisations", *KIND_DIRS.values()}  # type: ignore[arg-type]
    kind = KIND_DIRS.get(parts[1])
    return {kind} if kind is not None else set()  # type: ignore[arg-type]


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
