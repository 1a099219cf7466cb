"""Movement on a terminal (`render.console.movement`): markers with and without colour, a side's errors noted."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from francis_cli.cli.context import movement_between
from francis_cli.render.console.movement import console_movement

from ...conftest import RunCli
from ...gitrepo import GitRepo, february


@pytest.mark.parametrize("color", [True, False])
def test_console_markers(repo: GitRepo, color: bool) -> None:
    february(repo)
    out = io.StringIO()
    console = Console(file=out, force_terminal=color, color_system="standard" if color else None, width=100)
    console_movement(console, movement_between(repo.root, "HEAD~1", None, []))
    text = out.getvalue()
    if color:
        assert "\x1b[1;32m▲\x1b[0m" in text and "\x1b[1;31m▼\x1b[0m" in text
        assert "\x1b[9;31mPartly\x1b[0m \x1b[32mIn place and audited\x1b[0m" in text  # struck through red; green
    else:
        assert "\x1b" not in text
        assert "    1 First: [-Partly-] {+In place and audited+} in [-place.-] {+January.+}\n" in text


def test_a_revision_with_errors_is_said_so(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit("data/assessments/org-a.yaml", "rating: green", "rating: gren")
    repo.edit("data/workplan/org-a.yaml", "due: 2024-03", "due: 2024-04")
    broken = repo.commit("Typo", "2024-02-01T09:00:00+00:00")
    result = run_cli("diff", "HEAD~1", "HEAD", root=repo.root)
    note = f"Note: HEAD ({broken}, 2024-02-01) has 1 error (what did not load is left out)."
    assert result.stdout.splitlines()[1] == note
    assert "    1.1 Write the strategy: 2024-03 → 2024-04 (30 days later)" in result.stdout
