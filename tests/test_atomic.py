"""Atomic file replacement (`atomic`): a new file gets the usual permissions, an existing one keeps its own."""

from __future__ import annotations

import os
from pathlib import Path


def test_atomic_write_gives_a_new_file_the_usual_permissions(tmp_path: Path) -> None:
    from francis_cli.atomic import write_atomic

    mask = os.umask(0o022)
    try:
        assert write_atomic(tmp_path / "paper.html", b"<p>x</p>")
        assert (tmp_path / "paper.html").stat().st_mode & 0o777 == 0o644
        (tmp_path / "paper.html").chmod(0o600)
        assert write_atomic(tmp_path / "paper.html", b"<p>y</p>")
        assert (tmp_path / "paper.html").stat().st_mode & 0o777 == 0o600  # an existing file keeps its mode
        assert not write_atomic(tmp_path / "paper.html", b"<p>y</p>")  # unchanged: not rewritten
    finally:
        os.umask(mask)
