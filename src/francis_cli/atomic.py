"""Writing a file whatever stands at its path: the one writer every command that writes uses.

Only a regular file is ever replaced by renaming a temp file over it (written beside it, fsynced,
renamed: an interrupted write leaves the old file whole). Whatever else is at the path is
respected: a symlink is followed and its target written, atomically, at the target's real path
(the link stays a link); a character device (``/dev/null``), a FIFO or the process's own standard
output (``/dev/stdout``) is opened and written as a stream; a folder or a block device is refused
with one line. Nothing at the path is ever read first but a regular file of the same size (to
leave a file that already holds the bytes untouched): reading ``/dev/zero`` would never end, and
reading a FIFO or a terminal would wait for ever.

Why: ``-o /dev/null`` run as root (as CI containers run) used to rename a regular file over the
null device, breaking every later ``git`` on the machine; an edit of a data file that is a
symlink replaced the link with a copy and left its target stale.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from .errors import UserError, reason

_STREAMS = ("/proc/", "/dev/fd/")
"""Where a path names an open file (``/dev/stdout`` → ``/proc/self/fd/1``): it is written through
as given, never resolved to a file to rename over."""
_OWN_FD = re.compile(r"^/(?:proc/(self|\d+)|dev)/fd/(\d+)$")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path``; False (and nothing written) when a regular file there already holds it.

    A disk that is full or read-only, a folder or a symlink loop at the path is the user's to fix,
    not a bug: one line, exit 2.
    """
    try:
        return _write(path, data)
    except OSError as err:
        raise UserError(f"cannot write {path}: {reason(err)}; the file is unchanged") from None


def _write(path: Path, data: bytes) -> bool:
    target = _target(path)
    if target is None or isinstance(target, int):
        return _stream(path if target is None else target, data)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is None or stat.S_ISREG(st.st_mode):
        return _replace(target, data, st)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    if stat.S_ISBLK(st.st_mode):
        raise OSError(errno.EPERM, "a block device: francis writes files, never disks")
    return _stream(path, data)


def _target(path: Path) -> Path | int | None:
    """What to write for ``path``: the real path of a file (its symlinks followed, hop by hop), one
    of this process's open descriptors (``/dev/stdout`` → 1), or None for a path to write into as
    it is (another process's open file)."""
    hop = os.path.abspath(path)
    for _ in range(40):
        own = _OWN_FD.match(hop)
        if own is not None and own.group(1) in (None, "self", str(os.getpid())):
            return int(own.group(2))
        if hop.startswith(_STREAMS):
            return None
        if not os.path.islink(hop):
            return Path(os.path.realpath(hop))
        hop = os.path.normpath(os.path.join(os.path.realpath(os.path.dirname(hop)), os.readlink(hop)))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))


FIFO_WAIT = 10.0
"""Seconds a FIFO may go without a reader before the write is refused (a reader started just
after francis, as ``francis report -o pipe & cat pipe`` does, is waited for)."""


def _open_stream(path: Path) -> int:
    """``path`` opened for writing without waiting for ever: a FIFO no program reads would block
    ``open`` until one does, so it is opened without blocking, tried again for ``FIFO_WAIT``
    seconds, then refused with one line; once open, writes block as usual."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    deadline, pause = time.monotonic() + FIFO_WAIT, 0.01
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | nonblock)
            break
        except OSError as err:
            if err.errno != errno.ENXIO:
                raise
            if time.monotonic() >= deadline:
                raise UserError(f"{path}: no program is reading this FIFO; nothing written") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
    if nonblock:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~nonblock)
    return fd


def _stream(path: Path | int, data: bytes) -> bool:
    """Write into what is at ``path`` as it is (a device, a FIFO, an open descriptor), never reading
    it, never truncating it: ``-o /dev/stdout`` under ``>> log`` appends, as the shell asked."""
    fd = path if isinstance(path, int) else _open_stream(path)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        if not isinstance(path, int):
            os.close(fd)
    return True


def _replace(path: Path, data: bytes, st: os.stat_result | None) -> bool:
    """Replace the regular file ``path`` (or create it) by a temp file renamed over it."""
    if st is not None and st.st_size == len(data):
        with contextlib.suppress(OSError), open(path, "rb") as handle:
            if handle.read(len(data) + 1) == data:
                return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if st is not None:
            os.chmod(tmp, st.st_mode & 0o7777)
        else:  # mkstemp makes 0600; a new file gets what open() would have given it
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)
    return True


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk: until the folder is synced, a power cut may bring back the old file
    after the edit said it was written. Where folders cannot be opened (Windows), the rename stands."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
