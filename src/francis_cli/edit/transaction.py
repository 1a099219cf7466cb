"""The only way a data file is written: validate the whole tracker with the edit, lock, check
the file is still what was read, write it atomically.

Each edit is a text splice at parser positions (``yamlio.splice``), so ``git diff`` shows only
the lines that must change. The whole tracker is validated in memory with the edited files, and
only then is a file written: atomically, under a lock file, and only if its bytes on disk are
still the ones that were read.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..atomic import write_atomic
from ..checks.run import run_checks
from ..errors import EditRefused, UserError, reason
from ..problems import Problem, plural
from ..tracker.corpus import Corpus, load_tracker
from ..tracker.sources import Overlay, WorkTree
from .files import FileChange

STALE_LOCK_SECONDS = 300
STALE_TEMP_SECONDS = 600
"""A temp copy (``atomic.write_atomic``'s) this old is a leftover: no write takes minutes."""
_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
_LOCK = re.compile(r"\..+\.lock")


def _error_key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, "".join(c for c in p.message if not c.isdigit()))


def validate(root: Path, changes: Sequence[FileChange], corpus: Corpus | None = None) -> list[Problem]:
    """The errors the changes would add to the tracker (compared with it as it is on disk).

    ``corpus``, the tracker the changes were made from, saves loading it again; the tracker with the
    changes reuses its models of every file the changes leave alone, so an edit costs about one
    load and two checks, whatever the size of the files it does not touch.
    """
    now = corpus if corpus is not None else load_tracker(root)
    before = Counter(_error_key(p) for p in run_checks(now) if p.severity == "error")
    overlay = Overlay(WorkTree(root), {c.rel: c.new for c in changes})
    after = [p for p in run_checks(load_tracker(root, overlay, reuse=now)) if p.severity == "error"]
    added: list[Problem] = []
    for p in after:
        key = _error_key(p)
        if before[key]:
            before[key] -= 1
        else:
            added.append(p)
    return added


def plan(root: Path, changes: Sequence[FileChange], corpus: Corpus | None = None) -> list[FileChange]:
    """Validate ``changes`` in memory; raise EditRefused listing the errors they would add."""
    real = [c for c in changes if c.old != c.new]
    added = validate(root, real, corpus)
    if added:
        raise EditRefused(
            f"edit refused: it would add {plural(len(added), 'error')} to the tracker; nothing written", added
        )
    return real


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``path``: one francis edits a file at a time.

    A lock left by a process that died (same host, pid gone) or older than a few minutes is
    broken; any other is a conflict, reported, never waited on.
    """
    lock_path = path.with_name(f".{path.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        try:
            fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if attempt == 0 and _stale(lock_path):
                lock_path.unlink(missing_ok=True)
                continue
            raise EditRefused(
                f"{path.name} is being edited by another francis process (lock file {lock_path.name}); "
                "try again, or delete the lock file if no edit is running"
            ) from None
        except OSError as err:
            raise UserError(f"cannot create the lock file {lock_path}: {reason(err)}; nothing written") from None
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()} {socket.gethostname()}\n")
        except OSError as err:  # a full disk: an empty lock left behind would block every later edit
            lock_path.unlink(missing_ok=True)
            raise UserError(f"cannot write the lock file {lock_path}: {reason(err)}; nothing written") from None
        break
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)


def _stale(lock_path: Path) -> bool:
    try:
        if time.time() - lock_path.stat().st_mtime > STALE_LOCK_SECONDS:
            return True
        pid, host = lock_path.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError, OSError):
        return False
    return False


def sweep(folder: Path) -> list[str]:
    """Remove what killed edits left in ``folder``: temp copies (``.<name>.<random>.tmp``) older than
    ``STALE_TEMP_SECONDS`` and lock files (``.<name>.lock``) that ``_stale`` would break. Returns the
    names removed; anything that cannot be looked at or removed is left, silently.

    Why: neither ever blocks an edit, but they pile up beside the data, and ``git add -A`` commits them.
    """
    try:
        entries = [e for e in os.scandir(folder) if _TEMP.fullmatch(e.name) or _LOCK.fullmatch(e.name)]
    except OSError:
        return []
    removed: list[str] = []
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                continue
            if _LOCK.fullmatch(entry.name):
                leftover = _stale(Path(entry.path))
            else:
                leftover = time.time() - st.st_mtime > STALE_TEMP_SECONDS
            if leftover:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed


def commit(root: Path, changes: Sequence[FileChange]) -> list[FileChange]:
    """Write validated changes: each atomically, under its lock, only if unchanged on disk since read;
    the leftovers of killed edits in their folders are swept (``sweep``) first."""
    with ExitStack() as stack:
        for change in changes:  # a data file that is a symlink is locked, and written, where it really is
            stack.enter_context(lock(Path(os.path.realpath(root / change.rel))))
        for folder in dict.fromkeys(Path(os.path.realpath(root / c.rel)).parent for c in changes):
            sweep(folder)
        for change in changes:
            path = root / change.rel
            try:
                current: bytes | None = path.read_bytes()
            except FileNotFoundError:
                current = None
            if current != change.old:
                what = "was created" if change.old is None else "changed on disk since it was read"
                raise EditRefused(f"{change.rel} {what}; nothing written (run the command again)")
        for change in changes:
            write_atomic(root / change.rel, change.new)
    return list(changes)


def run(root: Path, changes: Sequence[FileChange], *, dry_run: bool = False, corpus: Corpus | None = None) -> str:
    """Validate and write ``changes`` (or, with ``dry_run``, only show them): the text to print.
    ``corpus`` is the tracker as loaded to make the changes (see ``validate``)."""
    real = plan(root, changes, corpus)
    if not real:
        return "nothing to change\n"
    if dry_run:
        return "".join(c.diff() for c in real)
    commit(root, real)
    return "".join(f"{'created' if c.old is None else 'updated'} {c.rel}\n" for c in real)


def create(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write new files (``francis init``): refused, with nothing written, if any already exists."""
    clash = [rel for rel in files if (root / rel).exists()]
    if clash:
        raise UserError(f"{', '.join(clash)} already exist{'s' if len(clash) == 1 else ''}: nothing written")
    return [c.rel for c in commit(root, [FileChange(rel, None, data) for rel, data in files.items()])]
