"""The only way a data file is written: validate the whole tracker with the edit, lock, check
the file is still what was read, write it atomically.

Each edit is a text splice at parser positions (``yamlio.splice``), so ``git diff`` shows only
the lines that must change. The whole tracker is validated in memory with the edited files, and
only then is a file written: atomically, under a lock file, and only if its bytes on disk are
still the ones that were read. An edit that finds another francis edit of the same file under
way waits for it (``FRANCIS_LOCK_WAIT`` seconds at most), and ``edit`` makes an edit again from
the file another one changed meanwhile, so that edits run at once all land, one after another.
"""

from __future__ import annotations

import math
import os
import random
import re
import socket
import stat
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..checks.run import run_checks
from ..errors import EditRefused, UserError, reason
from ..problems import Problem, plural
from ..tracker.corpus import Corpus, load_tracker
from ..tracker.sources import Overlay, WorkTree
from .files import FileChange
from .signoff import voided_notes

STALE_LOCK_SECONDS = 300
STALE_TEMP_SECONDS = 600
"""A temp copy (``atomic.write_atomic``'s) this old is a leftover: no write takes minutes."""
STALE_BREAKER_SECONDS = 30
"""A breaker lock (``_break``) is held for microseconds: one this old was left by a killed edit."""
LOCK_WAIT = "FRANCIS_LOCK_WAIT"
LOCK_WAIT_SECONDS = 5.0
LOCK_WAIT_MAX = 600.0
_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
_LOCK = re.compile(r"\..+\.lock")
_BREAKER = ".break.lock"


class Conflict(EditRefused):
    """The file changed on disk since the edit read it: the edit can be made again from it."""

    def __init__(self, rel: str, message: str) -> None:
        super().__init__(message)
        self.rel = rel


def lock_wait() -> float:
    """Seconds an edit waits for another francis edit of the same file: ``$FRANCIS_LOCK_WAIT``, else 5.

    Why: scripts run edits one after another, or several at once; a refusal the moment another
    edit holds the file would fail them at random."""
    value = os.environ.get(LOCK_WAIT)
    if value is None or not value.strip():
        return LOCK_WAIT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= LOCK_WAIT_MAX:
        raise UserError(f"${LOCK_WAIT}: {_bytes(value)!r} is not a number of seconds from 0 to {LOCK_WAIT_MAX:g}")
    return seconds


def _bytes(text: str) -> bytes:
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:  # a surrogate no decoder of this system makes
        return text.encode("utf-8", "surrogatepass")


class Wait:
    """What is left of the time an edit may wait for others: it starts at the first wait, and each
    pause is longer than the one before (from 10 ms to a quarter of a second, with jitter)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._until: float | None = None
        self._pause = 0.01

    def pause(self) -> bool:
        """Sleep a little, if there is time left; False once the wait is over."""
        now = time.monotonic()
        if self._until is None:
            self._until = now + self.seconds
        left = self._until - now
        if left <= 0:
            return False
        time.sleep(min(left, self._pause * random.uniform(0.5, 1.5)))
        self._pause = min(self._pause * 2, 0.25)
        return True


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


def voided(root: Path, changes: Sequence[FileChange], corpus: Corpus, *, dry_run: bool = False) -> list[str]:
    """The notes on the sign-offs ``changes`` void (``edit.signoff.voided_notes``); the tracker with
    the changes is loaded again (reusing every untouched file's models) only when a file they change
    holds a sign-off."""
    rels = {c.rel for c in changes}
    signed = [e.at.file.rel for e in corpus.assessments if e.model.signoffs]
    signed += [e.at.file.rel for e in corpus.actions if e.model.signoffs]
    if rels.isdisjoint(signed):
        return []
    overlay = Overlay(WorkTree(root), {c.rel: c.new for c in changes})
    return voided_notes(corpus, load_tracker(root, overlay, reuse=corpus), dry_run=dry_run)


@contextmanager
def lock(path: Path, name: str | None = None, wait: Wait | None = None) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``path`` (a real path, its symlinks followed): one francis edits
    a file at a time. ``name`` is the file as the user knows it, for the refusal.

    A lock left by a process that died (same host, pid gone) or older than a few minutes is
    broken; any other is waited on, for ``wait`` (default ``lock_wait()`` seconds), then refused.
    """
    lock_path = path.with_name(f".{path.name}.lock")
    wait = wait if wait is not None else Wait(lock_wait())
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"cannot create the lock file {lock_path}: {reason(err)}; nothing written") from None
    while not _take(lock_path):
        if _stale(lock_path) and _break(lock_path):
            continue
        if not wait.pause():
            raise EditRefused(
                f"{name or path.name} is being edited by another francis process ({_holder(lock_path)}); "
                f"gave up after {wait.seconds:g} s (${LOCK_WAIT}): try again, "
                f"or delete {lock_path} if no edit is running"
            )
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)


def _take(lock_path: Path) -> bool:
    """Create the lock file holding ``PID HOST``; False if it is there already."""
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError as err:
        raise UserError(f"cannot create the lock file {lock_path}: {reason(err)}; nothing written") from None
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()} {socket.gethostname()}\n")
    except OSError as err:  # a full disk: an empty lock left behind would block every later edit
        lock_path.unlink(missing_ok=True)
        raise UserError(f"cannot write the lock file {lock_path}: {reason(err)}; nothing written") from None
    return True


def _holder(lock_path: Path) -> str:
    """Who holds a lock, as its file says: ``process 123 on host ward-pc``."""
    try:
        pid, host = lock_path.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return "lock file " + lock_path.name
    return f"process {pid} on host {host}" if pid.isdigit() and host.isprintable() else "lock file " + lock_path.name


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


def _break(lock_path: Path) -> bool:
    """Remove a stale lock file, holding ``.<name>.break.lock`` while judging it again.

    Why: two edits that find the same stale lock must not both break it; the second would remove
    the lock the first has just taken, and both would write. True if the lock may be taken again.
    """
    breaker = lock_path.with_name(lock_path.name.removesuffix(".lock") + _BREAKER)
    try:
        fd = os.open(breaker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        with suppress(OSError):
            if time.time() - breaker.stat().st_mtime > STALE_BREAKER_SECONDS:
                breaker.unlink()
        return False
    except OSError:
        return False
    os.close(fd)
    try:
        if _stale(lock_path):
            lock_path.unlink(missing_ok=True)
    except OSError:
        return False
    finally:
        breaker.unlink(missing_ok=True)
    return True


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
            age = time.time() - st.st_mtime
            if entry.name.endswith(_BREAKER):
                leftover = age > STALE_BREAKER_SECONDS and _unlink(entry.path)
            elif _LOCK.fullmatch(entry.name):
                leftover = _stale(Path(entry.path)) and _break(Path(entry.path))
            else:
                leftover = age > STALE_TEMP_SECONDS and _unlink(entry.path)
            if leftover and not os.path.lexists(entry.path):
                removed.append(entry.name)
        except OSError:
            continue
    return removed


def _unlink(path: str) -> bool:
    os.unlink(path)
    return True


@dataclass(slots=True)
class _Recorded(WorkTree):
    """The work tree, keeping the bytes of every file read: what an edit's tracker was loaded from."""

    seen: dict[str, bytes] = field(default_factory=dict)

    def read(self, rel: str, max_bytes: int) -> bytes:
        data = WorkTree.read(self, rel, max_bytes)
        self.seen[rel] = data
        return data


def edit(
    root: Path,
    build: Callable[[Corpus], Sequence[FileChange]],
    *,
    dry_run: bool = False,
    say: Callable[[str], None] | None = None,
) -> str:
    """Load the tracker, make ``build``'s changes from it, validate and write them: the text to print
    (and, to ``say``, a note for each sign-off they void).

    When another edit changed a file first (between this one's reading and writing it), the edit
    is made again, from the file as that one left it, holding the file's lock from the start so
    that no third edit can come between; for ``lock_wait()`` seconds at most, then refused.

    Why: each edit is computed from the bytes it read, so an edit that lost the race can only be
    refused or made again, never merged; made again, edits run at once all land, in turn.
    """
    wait = Wait(lock_wait())
    held: set[Path] = set()
    with ExitStack() as stack:
        while True:
            source = _Recorded(root)
            corpus = load_tracker(root, source)
            changes = build(corpus)
            try:
                for change in changes:  # read again after the tracker was loaded: still what it holds?
                    if change.rel in source.seen and source.seen[change.rel] != change.old:
                        raise Conflict(change.rel, _changed(change))
                return run(root, changes, dry_run=dry_run, corpus=corpus, wait=wait, held=held, say=say)
            except Conflict as err:
                real = Path(os.path.realpath(root / err.rel))
                if dry_run or real in held:  # a dry run takes no lock; a file held was changed by
                    if not wait.pause():  # something that takes none (a person in an editor, say)
                        raise
                    continue
                stack.enter_context(lock(real, err.rel, wait))
                held.add(real)


def _changed(change: FileChange) -> str:
    what = "was created" if change.old is None else "changed on disk since it was read"
    return f"{change.rel} {what}; nothing written (run the command again)"


def commit(
    root: Path, changes: Sequence[FileChange], *, wait: Wait | None = None, held: Collection[Path] = ()
) -> list[FileChange]:
    """Write validated changes: each atomically, under its lock (``held``: locks taken already), only if
    unchanged on disk since read; the leftovers of killed edits in their folders are swept first.
    If a write fails, the files written before it are put back: an edit lands whole or not at all."""
    wait = wait if wait is not None else Wait(lock_wait())
    reals = {c.rel: Path(os.path.realpath(root / c.rel)) for c in changes}  # a symlink: where it leads
    if len(set(reals.values())) < len(reals):
        raise EditRefused(f"{', '.join(reals)}: two of these are one file (a symlink); nothing written")
    with ExitStack() as stack:
        for change in sorted(changes, key=lambda c: reals[c.rel]):
            if reals[change.rel] not in held:
                stack.enter_context(lock(reals[change.rel], change.rel, wait))
        for folder in dict.fromkeys(real.parent for real in reals.values()):
            sweep(folder)
        for change in changes:
            try:
                current: bytes | None = (root / change.rel).read_bytes()
            except FileNotFoundError:
                current = None
            except OSError as err:
                raise UserError(f"{change.rel}: cannot read file: {reason(err)}; nothing written") from None
            if current != change.old:
                raise Conflict(change.rel, _changed(change))
            if current is not None and not os.access(reals[change.rel], os.W_OK):
                raise UserError(f"{change.rel}: the file is read-only (you may not write it); nothing written")
        _write_all(root, changes)
    return list(changes)


def _write_all(root: Path, changes: Sequence[FileChange]) -> None:
    written: list[FileChange] = []
    try:
        for change in changes:
            write_atomic(root / change.rel, change.new)
            written.append(change)
    except BaseException:
        for change in reversed(written):
            with suppress(OSError, UserError):
                if change.old is None:
                    (root / change.rel).unlink()
                else:
                    write_atomic(root / change.rel, change.old)
        raise


def run(
    root: Path,
    changes: Sequence[FileChange],
    *,
    dry_run: bool = False,
    corpus: Corpus | None = None,
    wait: Wait | None = None,
    held: Collection[Path] = (),
    say: Callable[[str], None] | None = None,
) -> str:
    """Validate and write ``changes`` (or, with ``dry_run``, only show them): the text to print.
    ``corpus`` is the tracker as loaded to make the changes (see ``validate``); ``wait`` and ``held``
    are ``commit``'s; ``say`` is given a note for each sign-off the changes void, once they are made."""
    real = plan(root, changes, corpus)
    if not real:
        return "nothing to change\n"
    if not dry_run:
        commit(root, real, wait=wait, held=held)
    if say is not None and corpus is not None:
        for line in voided(root, real, corpus, dry_run=dry_run):
            say(line)
    if dry_run:
        return "".join(c.diff() for c in real)
    return "".join(f"{'created' if c.old is None else 'updated'} {c.rel}\n" for c in real)


def create(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write new files (``francis init``): refused, with nothing written, if any already exists."""
    clash = [rel for rel in files if (root / rel).exists()]
    if clash:
        raise UserError(f"{', '.join(clash)} already exist{'s' if len(clash) == 1 else ''}: nothing written")
    return [c.rel for c in commit(root, [FileChange(rel, None, data) for rel, data in files.items()])]
