"""Where a tracker's files come from: the work tree, an included tracker, or edits not yet written.

A git revision is a source too (``tracker.git``).

A source lists the tracker's YAML files with their kind and reads their bytes; everything
above it (parsing, validation, checks) is the same whichever source it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..problems import Problem
from .paths import (
    CONFIG_FILE,
    DATA_DIR,
    MISNAMED_CONFIG,
    YAML_SUFFIXES,
    Discovery,
    classify,
    collect,
    relative,
    sort_files,
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


@dataclass(slots=True)
class WorkTree:
    """The tracker's files on disk. Symlinks leading outside the tracker are not followed."""

    root: Path

    def discover(self) -> Discovery:
        found = Discovery()
        real_root = self.root.resolve()
        config = self.root / CONFIG_FILE
        if config.is_file() and self._inside(config, real_root, found):
            found.files.append((CONFIG_FILE, "config"))
        elif (self.root / MISNAMED_CONFIG).is_file():
            found.problems.append(
                Problem(
                    MISNAMED_CONFIG,
                    0,
                    0,
                    "unknown-file",
                    "warning",
                    f"not read: francis's settings file is {CONFIG_FILE}; rename this file",
                )
            )
        data = self.root / DATA_DIR
        if data.is_dir():
            for path in self._walk(data, real_root, found, set()):
                collect(found, relative(self.root, path))
        sort_files(found.files)
        return found

    def read(self, rel: str, max_bytes: int) -> bytes:
        path = self.root / rel
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(size)
        return path.read_bytes()

    def _inside(self, path: Path, real_root: Path, found: Discovery) -> bool:
        if not path.is_symlink():
            return True
        target = path.resolve()
        if target == real_root or real_root in target.parents:
            return True
        found.problems.append(
            Problem(
                relative(self.root, path),
                0,
                0,
                "symlink-outside",
                "warning",
                "not read: this symlink leads outside the tracker",
            )
        )
        return False

    def _walk(self, folder: Path, real_root: Path, found: Discovery, seen: set[Path]) -> Iterator[Path]:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            found.problems.append(
                Problem(
                    relative(self.root, folder),
                    0,
                    0,
                    "file-unreadable",
                    "error",
                    f"cannot list folder: {err.strerror or err}",
                )
            )
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") or not self._inside(path, real_root, found):
                continue
            if entry.is_dir():
                yield from self._walk(path, real_root, found, seen)
            elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file():
                yield path


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
