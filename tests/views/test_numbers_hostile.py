"""A reference of thousands of digits, or of digits that are not ASCII, is a one-line answer from
`show`, `history` and a workplan's `recommendations:`, never exit 3."""

from __future__ import annotations

import pytest

from francis_cli.models.vocab import recommendation_number

from ..conftest import RunCli, Tracker
from ..gitrepo import GitRepo

LONG = "1" * 5000


@pytest.mark.parametrize("ref", [LONG, f"test-set:{LONG}", "²", "test-set:²"])
def test_show_refuses_what_is_not_a_number_in_one_line(tracker: Tracker, run_cli: RunCli, ref: str) -> None:
    result = run_cli("show", ref, root=tracker.root)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("francis: ") and result.stderr.count("\n") == 1
    assert "internal error" not in result.stderr


def test_history_refuses_it_too(repo: GitRepo, run_cli: RunCli) -> None:
    result = run_cli("history", LONG, root=repo.root)
    assert result.exit_code == 2 and "internal error" not in result.stderr, result.stderr


def test_a_workplan_citing_it_gets_a_problem_line(tracker: Tracker, run_cli: RunCli) -> None:
    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text().replace("recommendations: [1]", f'recommendations: ["test-set:{LONG}"]'))
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert "data/workplan/org-a.yaml:13:" in result.stdout and "is not a recommendation" in result.stdout


def test_recommendation_number() -> None:
    assert [recommendation_number(t) for t in ("132", " 7 ", "0132", "999999999")] == [132, 7, 132, 999999999]
    assert [recommendation_number(t) for t in ("", "1" * 10, "²", "١٢", "12a", "-3")] == [None] * 6
