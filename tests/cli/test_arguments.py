"""Arguments no one means: numbers of any size and text that is not UTF-8 are usage errors or sensible answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker

BAD = os.fsdecode(b"\xff")
"""The byte 0xff as Python hands it on from argv or the environment on Linux (a lone surrogate)."""


@pytest.mark.parametrize(
    "args",
    [
        ["--within", str(10**12)],
        ["--within", "9" * 30],
        ["--as-of", "9999-12-31", "--within", "5"],
        ["--as-of", "9999-12-01", "--within", str(10**12)],
        ["--as-of", "0001-01-01", "--within", str(10**12), "--stale", str(10**30)],
        ["--stale", str(10**30)],
    ],
)
def test_any_number_of_days_is_an_answer(tracker: Tracker, run_cli: RunCli, args: list[str]) -> None:
    tracker.write(
        "data/workplan/org-a.yaml",
        (tracker.root / "data/workplan/org-a.yaml").read_text().replace("2024-Q2", "9999-12"),
    )
    result = run_cli("overdue", *args, "--format", "json", root=tracker.root)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("args", [["--within", "-1"], ["--stale", "-1"], ["--within", "1" * 5000]])
def test_a_number_out_of_range_is_a_usage_error(tracker: Tracker, run_cli: RunCli, args: list[str]) -> None:
    result = run_cli("overdue", *args, root=tracker.root)
    assert result.exit_code == 2 and "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["overdue", "--as-of", BAD], "--as-of"),
        (["overdue", f"--as-of={BAD}"], "--as-of"),
        (["overdue", "--org", "org-a", "--org", BAD], "--org"),
        (["show", BAD], "REF"),
        (["history", BAD], "REF"),
        (["diff", BAD], "REV_A"),
        (["check", "--changed-since", BAD], "--changed-since"),
        (["report", "-o", BAD], "--output"),
        (["assess", BAD, "1", "--rating", "green"], "ORG"),
        (["action", "done", "org-a", BAD], "ID"),
    ],
)
def test_text_that_is_not_utf8_is_a_usage_error_naming_the_option(
    tracker: Tracker, run_cli: RunCli, args: list[str], named: str
) -> None:
    result = run_cli(*args, root=tracker.root)
    assert result.exit_code == 2, result.stderr
    assert result.stderr == f"francis: {named}: b'\\xff' is not UTF-8 text\n"
    assert not (tracker.root / BAD).exists()


def test_the_global_root_is_checked_too(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("--root", str(tracker.root / BAD), "status")
    assert (result.exit_code, result.stderr) == (
        2,
        f"francis: --root: {os.fsencode(str(tracker.root / BAD))!s} is not UTF-8 text\n",
    )


def _francis(root: Path, argv: list[bytes], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [os.fsencode(sys.executable), b"-m", b"francis_cli", *argv]
    return subprocess.run(command, cwd=root, capture_output=True, env={**os.environ, **(env or {})}, check=False)


def test_bytes_from_a_real_command_line_and_environment(tracker: Tracker) -> None:
    out = _francis(tracker.root, [b"overdue", b"--as-of", b"\xff"])
    assert (out.returncode, out.stderr) == (2, b"francis: --as-of: b'\\xff' is not UTF-8 text\n")
    out = _francis(tracker.root, [b"overdue"], {"FRANCIS_AS_OF": BAD})
    assert (out.returncode, out.stderr) == (2, b"francis: $FRANCIS_AS_OF: b'\\xff' is not UTF-8 text\n")
    out = _francis(tracker.root, [b"status"], {"FRANCIS_ROOT": BAD})
    assert (out.returncode, out.stderr) == (2, b"francis: $FRANCIS_ROOT: b'\\xff' is not UTF-8 text\n")


@pytest.mark.parametrize("columns", ["²", "9" * 5000, "0"])
def test_columns_that_are_not_a_width_are_ignored(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    result = run_cli("status", root=tracker.root)
    monkeypatch.setenv("COLUMNS", columns)
    assert run_cli("status", root=tracker.root).exit_code == result.exit_code == 0
