"""Plain status output in a real process: piped, and piped into a reader that has gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "FRANCIS_ROOT")}
    return {**env, "XDG_CACHE_HOME": str(tmp_path / "cache"), "FRANCIS_AS_OF": "2015-06-30", "COLUMNS": "80"}


def test_a_closed_pipe_ends_status_quietly_as_rich_does(bundled: Path, tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before francis writes a line
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "francis_cli", "--root", str(bundled), "status"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=_env(tmp_path),
        )
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (1, "")


def test_piped_status_wraps_at_80_columns_under_its_rule_with_no_trailing_spaces(bundled: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "francis_cli", "--root", str(bundled), "status", "--by", "organisation"]
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=_env(tmp_path)).stdout
    assert out.splitlines()[:2] == [
        "Report of the Mid Staffordshire NHS Foundation Trust Public Inquiry —",
        "francis-2013, as of 2015-06-30",
    ]
    assert out.splitlines()[5].startswith(" " + "─" * 70)
    assert all(line == line.rstrip() for line in out.splitlines())
