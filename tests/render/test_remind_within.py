"""The horizon of ``remind`` and ``overdue`` put into words: ``--within 0`` is today, 1 the next day."""

from __future__ import annotations

import pytest

from ..conftest import RunCli, Tracker


def _digest(run_cli: RunCli, tracker: Tracker, as_of: str, within: str) -> list[str]:
    result = run_cli("remind", "--as-of", as_of, "--within", within, "--org", "org-a", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(("As of", "## Falling"))]


def test_within_0_is_what_falls_due_today(tracker: Tracker, run_cli: RunCli) -> None:
    lines = _digest(run_cli, tracker, "2024-06-30", "0")  # 1.2 is due 2024-Q2, by 30 June
    assert "As of 30 June 2024: 1 overdue, 1 falling due today." in lines
    assert "## Falling due today (30 June 2024): 1" in lines
    assert not [line for line in lines if "next 0 days" in line]


def test_within_1_is_the_next_day(tracker: Tracker, run_cli: RunCli) -> None:
    lines = _digest(run_cli, tracker, "2024-06-29", "1")
    assert "As of 29 June 2024: 1 overdue, 1 falling due by 30 June 2024." in lines
    assert "## Falling due by 30 June 2024 (the next day): 1" in lines


def test_more_days_keep_their_words(tracker: Tracker, run_cli: RunCli) -> None:
    assert "## Falling due by 30 June 2024 (the next 2 days): 1" in _digest(run_cli, tracker, "2024-06-28", "2")


@pytest.mark.parametrize(
    ("within", "said"),
    [("0", "falls due today"), ("1", "falls due in the next day"), ("14", "falls due in the next 14 days")],
)
def test_nothing_to_remind_of_says_the_horizon(tracker: Tracker, run_cli: RunCli, within: str, said: str) -> None:
    result = run_cli("remind", "--as-of", "2024-01-01", "--within", within, root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"nothing is overdue and nothing {said}\n"


@pytest.mark.parametrize(("within", "title"), [("0", "Due today"), ("1", "Due in the next day")])
def test_overdue_names_the_horizon_the_same_way(tracker: Tracker, run_cli: RunCli, within: str, title: str) -> None:
    table = run_cli("overdue", "--as-of", "2024-06-30", "--within", within, root=tracker.root).stdout
    markdown = run_cli("overdue", "--as-of", "2024-06-30", "--within", within, "-f", "markdown", root=tracker.root)
    assert f"{title}: " in table and f"### {title}: " in markdown.stdout
    assert "next 0 days" not in table + markdown.stdout and "next 1 days" not in table + markdown.stdout
