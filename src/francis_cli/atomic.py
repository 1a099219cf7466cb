"""Atomic file replacement: write a temp file beside the target, fsync, rename.

An interrupted write leaves the old file whole; a file whose content would not change
is not touched at all.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import UserError


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data``; returns False (and writes nothing) if it already holds it.

    A disk that is full or read-only is the user's to fix, not a bug: one line, exit 2.
    """
    try:
        return _replace(path, data)
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}; the file is unchanged") from None


def _replace(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:  # mkstemp makes 0600; a new file gets what open() would have given it
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True
