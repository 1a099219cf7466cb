"""Where a tracker is and how its paths print (`tracker.paths`): the root found, forward slashes everywhere."""

from __future__ import annotations

import os
import re

import pytest

from ..conftest import ASSESSMENT, RunCli, Tracker


def check_lines(run_cli: RunCli, tracker: Tracker) -> tuple[int, list[str]]:
    result = run_cli("check", root=tracker.root)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


def test_windows_style_paths_print_with_forward_slashes(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("data/assessments/2013/q1/org-a.yaml", ASSESSMENT.replace("organisation: org-a", "organisation: x"))
    _, out = check_lines(run_cli, tracker)
    assert out[0].startswith("data/assessments/2013/q1/org-a.yaml:1:15: error unknown-organisation")


def test_no_tracker_is_a_usage_error(tmp_path: object, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(str(tmp_path))
    result = run_cli("check")
    assert result.exit_code == 2
    assert re.fullmatch(r"francis: no francis tracker here: .*\(use --root DIR, or set FRANCIS_ROOT\)\n", result.stderr)


def test_root_found_by_walking_up(tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tracker.root / "data" / "workplan")
    result = run_cli("check")
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("FRANCIS_ROOT", os.fspath(tracker.root))
    monkeypatch.chdir("/")
    assert run_cli("check").exit_code == 0
