"""A cache of parsed file content, keyed by the file's bytes, so an unchanged file is never parsed twice.

Entries live under ``$XDG_CACHE_HOME/francis/`` (default ``~/.cache/francis/``), never inside the
tracker. The key is the id git gives the exact bytes (their blob id), with the reader's limits and
francis's version: a changed byte, a new release or new limits is a miss, so the cache cannot be
stale; and a file at a git revision, whose blob id git lists, is found without being read, under
the same entry as the same bytes in the work tree. Entries are written atomically (temp file,
rename), so concurrent runs are safe; an entry that cannot be read back is deleted and treated as
a miss; the folder is pruned to a bounded size. ``--no-cache`` or ``FRANCIS_NO_CACHE=1`` bypasses it.

Entries hold plain data (dicts, lists, strings, numbers) in ``marshal`` form, which loads
several times faster than parsing and constructs no objects of other types; validation runs on
every load as before. A history keeps there too what each file at a revision held of the item
it follows, keyed by the file's blob id and the item, so that a second run validates nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__

MAX_BYTES = 512 * 1024 * 1024
"""Past this, the oldest entries are removed."""
_FORMAT = 3
"""Keys are a blob id and a hash of the rest (version 2: one hash of the bytes)."""


def enabled() -> bool:
    return os.environ.get("FRANCIS_NO_CACHE", "") in ("", "0")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "francis" / f"v{_FORMAT}"


def blob_id(raw: bytes) -> str:
    """The SHA-1 id git gives a file holding ``raw``."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    digest.update(raw)
    return digest.hexdigest()


def key(raw: bytes, *salt: object) -> str:
    return blob_key(blob_id(raw), *salt)


def blob_key(blob: str, *salt: object) -> str:
    """The key of the file git knows by the SHA-1 id ``blob``: what ``key`` gives its bytes."""
    rest = hashlib.blake2b(repr((__version__, _FORMAT, *salt)).encode(), digest_size=8)
    return f"{blob}-{rest.hexdigest()}"


def blob_of(k: str) -> str:
    """The blob id a key was made from."""
    return k.partition("-")[0]


class Cache:
    """One run's view of the cache folder; counts what it wrote so that pruning runs only when needed."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else folder()
        self.written = 0
        self._made: set[Path] = set()

    def _path(self, k: str) -> Path:
        return self.root / k[:2] / k

    def get(self, k: str) -> Any | None:
        path = self._path(k)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        try:
            return marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(self, k: str, value: Any) -> None:
        try:
            blob = marshal.dumps(value)
        except ValueError:
            return  # a value marshal cannot hold is only not cached
        self.put_packed(k, blob)

    def put_packed(self, k: str, blob: bytes) -> None:
        """Keep ``blob``, a value already in ``marshal`` form, under ``k``."""
        path = self._path(k)
        try:
            if path.parent not in self._made:  # a bulk load writes hundreds of entries into few folders
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=".", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
            self.written += len(blob)
        except OSError:
            self._made.discard(path.parent)
            return  # a cache that cannot be written is only slower

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Remove the oldest entries until the folder holds at most ``limit`` bytes."""
        if not self.written:
            return
        entries = []
        try:
            for sub in os.scandir(self.root):
                if sub.is_dir():
                    for e in os.scandir(sub.path):
                        st = e.stat()
                        entries.append((st.st_mtime, st.st_size, e.path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                os.unlink(path)
                total -= size
            except OSError:
                pass
