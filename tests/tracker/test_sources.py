"""The work tree as a source (`tracker.sources`): symlinks inside the tracker are read, those leading out are not."""

from __future__ import annotations

import os
from pathlib import Path

from ..conftest import RunCli, Tracker


def check_lines(run_cli: RunCli, tracker: Tracker) -> tuple[int, list[str]]:
    result = run_cli("check", root=tracker.root)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


def test_symlink_outside_the_tracker_is_not_followed(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("organisation: org-b\nassessments: []\n")
    os.symlink(outside, tracker.root / "data/assessments/linked.yaml")
    os.symlink(tmp_path, tracker.root / "data/workplan/up")
    code, out = check_lines(run_cli, tracker)
    assert code == 0
    assert out == [
        "data/assessments/linked.yaml:0:0: warning symlink-outside not read: this symlink leads outside the tracker",
        "data/workplan/up:0:0: warning symlink-outside not read: this symlink leads outside the tracker",
    ]


def test_symlink_inside_the_tracker_is_read(tracker: Tracker, run_cli: RunCli) -> None:
    os.symlink(tracker.root / "data/organisations.yaml", tracker.root / "data/assessments/loop.yaml")
    code, out = check_lines(run_cli, tracker)
    assert code == 1
    assert out[0].startswith("data/assessments/loop.yaml:1:1: error missing-key missing required key 'organisation'")
