"""An output folder that a command owns (the site, the reminder digests): refused before any work
when it cannot be one, and written so that a rebuild touches only what changed.

Why one home: both commands promise the same things — a folder given with ``-o`` is refused when
it is a file, the tracker itself or inside its ``data/``; a file holding the same bytes is not
touched; the rest is written atomically; and what the last run wrote (a manifest in the folder)
and this one does not make is removed, and nothing else in the folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import UserError, reason


def output_folder(tracker: Path, output: Path, *, what: str, own: str) -> Path:
    """``-o DIR``, refused when it is not a folder, the tracker's own folder or inside its data/.
    ``what`` says what goes in it ("the site is built"), ``own`` how to put it right."""
    from ..tracker.paths import refuse_tracker_file

    if os.path.lexists(output) and not output.is_dir():
        raise UserError(f"-o {output}: not a folder; {what} in a folder")
    refuse_tracker_file(tracker, output)
    if os.path.realpath(output) == os.path.realpath(tracker):
        raise UserError(f"-o {output}: the tracker's own folder; {own}")
    return output


def write_folder(
    folder: Path, files: dict[str, bytes], manifest: str, believed: Callable[[str], bool]
) -> tuple[int, int]:
    """Write the files that differ from what ``folder`` holds, and remove those the last run wrote
    (the lines of its ``manifest`` that ``believed`` accepts) and this one does not make; returns
    (files written, files removed). A folder left empty by a removal goes too."""
    from ..atomic import write_atomic

    old = _manifest(folder / manifest, believed)
    listing = "".join(f"{p}\n" for p in sorted(files)).encode("utf-8")
    written, made = 0, set()
    for rel, data in [*files.items(), (manifest, listing)]:
        path = folder.joinpath(*rel.split("/"))
        if _holds(path, data):
            continue
        if path.parent not in made:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise UserError(f"cannot make the folder {path.parent}: {reason(err)}") from None
            made.add(path.parent)
        written += write_atomic(path, data) and rel != manifest
    gone = [rel for rel in old if rel not in files]
    for rel in gone:
        with contextlib.suppress(FileNotFoundError):
            try:
                folder.joinpath(*rel.split("/")).unlink()
            except OSError as err:
                raise UserError(f"cannot remove {rel} from {folder}: {reason(err)}") from None
        parent = folder.joinpath(*rel.split("/")[:-1])
        if parent != folder:
            with contextlib.suppress(OSError):  # only an empty folder can go
                parent.rmdir()
    return written, len(gone)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) already holding ``data``, and so is left as it is.
    Why here as well as in ``write_atomic``: a rebuild finds thousands of files so, and this opens
    each once (never following a link, never opening a device or a FIFO) where ``write_atomic`` first
    resolves every folder of the path; anything else is for ``write_atomic`` to write or refuse."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):  # a device or FIFO is never opened
            return False
        fd = os.open(path, flags)
    except OSError:
        return False
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        try:
            return handle.read(len(data) + 1) == data
        except OSError:
            return False


def _manifest(path: Path, believed: Callable[[str], bool]) -> list[str]:
    """What the last run wrote: the manifest's lines that name a file inside the folder and that
    ``believed`` accepts (a hand-edited manifest cannot make francis remove anything else)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [
        line
        for line in text.splitlines()
        if line and ".." not in line.split("/") and not line.startswith("/") and believed(line)
    ]
