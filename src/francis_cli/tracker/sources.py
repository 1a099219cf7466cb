"""Where a tracker's files come from: the work tree, an included tracker, or edits not yet written.

A git revision is a source too (``tracker.git``).

A source lists the tracker's YAML files with their kind and reads their bytes; everything
above it (parsing, validation, checks) is the same whichever source it is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..errors import reason
from ..problems import Problem, Severity
from .paths import (
    CONFIG_FILE,
    DATA_DIR,
    KIND_DIRS,
    MISNAMED_CONFIG,
    YAML_SUFFIXES,
    Discovery,
    NotAFile,
    classify,
    collect,
    describe,
    relative,
    sort_files,
    stat_path,
)


class FileTooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(f"file is {size} bytes")
        self.size = size


class Source(Protocol):
    def discover(self) -> Discovery: ...

    def read(self, rel: str, max_bytes: int) -> bytes:
        """The file's bytes; FileTooLarge past ``max_bytes``, OSError when unreadable."""
        ...


def _problem(rel: str, code: str, message: str, severity: Severity = "error") -> Problem:
    """A problem with a file or folder as a whole: at line 0, column 0, as every such problem is."""
    return Problem(rel, 0, 0, code, severity, message)


@dataclass(slots=True)
class WorkTree:
    """The tracker's files on disk. Symlinks leading outside the tracker are not followed.

    Whatever stands where a file is read (a folder, a FIFO, a broken symlink, a symlink loop, a
    file that cannot be opened) is listed as that file, so that reading it says why at its path;
    a file where a folder of files belongs is said to be one. Nothing but a regular file is
    ever opened.
    """

    root: Path

    def discover(self) -> Discovery:
        found = Discovery()
        real_root = Path(os.path.realpath(self.root))
        config = self.root / CONFIG_FILE
        if os.path.lexists(config):
            if self._inside(config, real_root, found):
                found.files.append((CONFIG_FILE, "config"))
        elif os.path.lexists(self.root / MISNAMED_CONFIG):
            message = f"not read: francis's settings file is {CONFIG_FILE}; rename this file"
            found.problems.append(_problem(MISNAMED_CONFIG, "unknown-file", message, "warning"))
        data = self.root / DATA_DIR
        if os.path.lexists(data) and self._inside(data, real_root, found) and self._is_folder(data, found):
            for path in self._walk(data, real_root, found, set()):
                collect(found, relative(self.root, path))
        sort_files(found.files)
        return found

    def read(self, rel: str, max_bytes: int) -> bytes:
        path = self.root / rel
        info = stat_path(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(describe(info.st_mode))
        if info.st_size > max_bytes:
            raise FileTooLarge(info.st_size)
        return path.read_bytes()

    def _inside(self, path: Path, real_root: Path, found: Discovery) -> bool:
        if not os.path.islink(path):
            return True
        target = Path(os.path.realpath(path))
        if target == real_root or real_root in target.parents:
            return True
        message = "not read: this symlink leads outside the tracker"
        found.problems.append(_problem(relative(self.root, path), "symlink-outside", message, "warning"))
        return False

    def _is_folder(self, path: Path, found: Discovery) -> bool:
        """Whether ``path`` (data/ or one of the kinds' folders) is a folder, saying why not."""
        rel = relative(self.root, path)
        try:
            mode = stat_path(path).st_mode
        except OSError as err:
            found.problems.append(_problem(rel, "file-unreadable", f"cannot read folder: {reason(err)}"))
            return False
        if stat.S_ISDIR(mode):
            return True
        message = f"expected a folder, found {describe(mode)}: francis reads the YAML files inside {rel}/"
        found.problems.append(_problem(rel, "not-a-folder", message))
        return False

    def _walk(self, folder: Path, real_root: Path, found: Discovery, seen: set[str]) -> Iterator[Path]:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            found.problems.append(
                _problem(relative(self.root, folder), "file-unreadable", f"cannot list folder: {reason(err)}")
            )
            return
        top = folder == self.root / DATA_DIR
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") or not self._inside(path, real_root, found):
                continue
            if top and entry.name in KIND_DIRS:
                if self._is_folder(path, found):
                    yield from self._walk(path, real_root, found, seen)
            elif entry.name.endswith(YAML_SUFFIXES):
                yield path  # whatever it is: reading it says why it cannot be read
            elif self._is_subfolder(entry, found):
                yield from self._walk(path, real_root, found, seen)

    def _is_subfolder(self, entry: os.DirEntry[str], found: Discovery) -> bool:
        """A folder to look in; a broken symlink, a loop or an entry that cannot be looked at is said to be one."""
        try:
            return entry.is_dir() if not entry.is_symlink() else stat.S_ISDIR(stat_path(Path(entry.path)).st_mode)
        except OSError as err:
            rel = relative(self.root, Path(entry.path))
            found.problems.append(_problem(rel, "file-unreadable", f"cannot read: {reason(err)}"))
            return False


@dataclass(slots=True)
class Included:
    """Another tracker's data folder seen from this one (``include:`` in francis.yaml).

    Its files appear under its folder's path (``members/barnet/data/...``), so every problem
    names the file a person would open; its own francis.yaml is not read.
    """

    inner: WorkTree
    prefix: str

    def discover(self) -> Discovery:
        found = self.inner.discover()
        return Discovery(
            [(f"{self.prefix}/{rel}", kind) for rel, kind in found.files if kind != "config"],
            [replace(p, path=f"{self.prefix}/{p.path}") for p in found.problems],
        )

    def read(self, rel: str, max_bytes: int) -> bytes:
        return self.inner.read(rel[len(self.prefix) + 1 :], max_bytes)


@dataclass(slots=True)
class Overlay:
    """The work tree with some files replaced (or added) in memory: what the tracker would be."""

    base: WorkTree
    changes: dict[str, bytes]

    def discover(self) -> Discovery:
        found = self.base.discover()
        known = {rel for rel, _ in found.files}
        for rel in self.changes:
            kind = classify(rel)
            if rel not in known and kind is not None:
                found.files.append((rel, kind))
        sort_files(found.files)
        return found

    def read(self, rel: str, max_bytes: int) -> bytes:
        if rel in self.changes:
            data = self.changes[rel]
            if len(data) > max_bytes:
                raise FileTooLarge(len(data))
            return data
        return self.base.read(rel, max_bytes)
