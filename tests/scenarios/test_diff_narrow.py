"""`francis diff REV` loading only the files that differ: the same answer as loading both sides whole.

Each case scripts a real repository's history and an uncommitted edit, then runs `diff HEAD`
three times: the first loads both sides whole (and keeps what the narrow comparison needs), the
second loads only what differs, the third runs without any cache. All three must print the same,
in every format, and the second must really have been the narrow one (or, where the settings, a
catalogue or the organisations differ, must really not have been).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from francis_cli.tracker import narrow

from ..conftest import RunCli
from ..gitrepo import GitRepo, february

UNREGISTERED = """\
organisation: org-z
assessments:
  - recommendation: 1
    rating: amber
    position: Started.
"""
UNREGISTERED_PLAN = """\
organisation: org-z
actions:
  - id: "9.1"
    title: Hire a lead
    lead: DoQ
    due: 2024-06
    status: in-progress
"""


def _rating(repo: GitRepo) -> None:
    repo.edit(
        "data/assessments/org-a.yaml",
        "rating: green\n    position: In place and audited",
        "rating: red\n    position: Lapsed",
    )


def _workplan_gone(repo: GitRepo) -> None:
    (repo.root / "data/workplan/org-a.yaml").unlink()


def _assessments_gone(repo: GitRepo) -> None:
    (repo.root / "data/assessments/org-b.yaml").unlink()


def _unregistered_keeps_one_file(repo: GitRepo) -> None:
    (repo.root / "data/workplan/org-z.yaml").unlink()


def _renamed(repo: GitRepo) -> None:
    (repo.root / "data/assessments/org-b.yaml").rename(repo.root / "data/assessments/b-2024.yaml")


def _owner_changed(repo: GitRepo) -> None:
    repo.edit("data/assessments/org-b.yaml", "organisation: org-b", "organisation: org-z")


def _invalid(repo: GitRepo) -> None:
    repo.edit("data/workplan/org-a.yaml", "lead: DoQ", "lead: Nobody")


def _stray_key(repo: GitRepo) -> None:
    path = repo.root / "data/assessments/org-a.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")


def _catalogue(repo: GitRepo) -> None:
    path = repo.root / "data/recommendations/test-set.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")


def _settings(repo: GitRepo) -> None:
    path = repo.root / "francis.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")


NARROW: list[tuple[str, Callable[[GitRepo], None]]] = [
    ("a rating", _rating),
    ("a workplan deleted", _workplan_gone),
    ("an organisation's only assessments deleted", _assessments_gone),
    ("an unregistered organisation losing one of its two files", _unregistered_keeps_one_file),
    ("a file renamed", _renamed),
    ("a file given to another organisation", _owner_changed),
    ("an edit that is an error", _invalid),
    ("a stray key that makes a whole file an error", _stray_key),
]
WHOLE: list[tuple[str, Callable[[GitRepo], None]]] = [("a catalogue", _catalogue), ("the settings", _settings)]


@pytest.fixture
def history(repo: GitRepo) -> GitRepo:
    """The small tracker, February's update, then a commit with an unregistered organisation's two
    files and an error (an unknown lead) that the work tree goes on to fix or keep."""
    february(repo)
    repo.write("data/assessments/org-z.yaml", UNREGISTERED)
    repo.write("data/workplan/org-z.yaml", UNREGISTERED_PLAN.replace("lead: DoQ", "lead: Unknown"))
    repo.commit("March update", "2024-03-01T09:00:00+00:00")
    return repo


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each `diff` took the narrow comparison."""
    taken: list[bool] = []
    real = narrow.narrow_sides

    def watched(*args: Any, **kwargs: Any) -> Any:
        sides = real(*args, **kwargs)
        taken.append(sides is not None)
        return sides

    monkeypatch.setattr(narrow, "narrow_sides", watched)
    return taken


def _three_runs(repo: GitRepo, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[Any]:
    outs = []
    for fmt in ("json", "table", "markdown"):
        first = run_cli("diff", "HEAD", *args, "--format", fmt, root=repo.root)
        second = run_cli("diff", "HEAD", *args, "--format", fmt, root=repo.root)
        with monkeypatch.context() as m:
            m.setenv("FRANCIS_NO_CACHE", "1")
            whole = run_cli("diff", "HEAD", *args, "--format", fmt, root=repo.root)
        assert first == second == whole, fmt
        outs.append(second)
    return outs


@pytest.mark.parametrize(("what", "change"), NARROW, ids=[w for w, _ in NARROW])
def test_narrow_comparison_says_what_a_whole_load_says(
    what: str,
    change: Callable[[GitRepo], None],
    history: GitRepo,
    run_cli: RunCli,
    spy: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    change(history)
    outs = _three_runs(history, run_cli, monkeypatch)
    assert spy[:2] == [False, True], what  # the first run loads whole; the second, narrow
    assert all(taken for taken in spy[1::3]), what
    assert outs[0].exit_code == 0 and "Movement from HEAD " in outs[1].stdout


@pytest.mark.parametrize(("what", "change"), WHOLE, ids=[w for w, _ in WHOLE])
def test_a_changed_catalogue_or_settings_loads_both_sides_whole(
    what: str,
    change: Callable[[GitRepo], None],
    history: GitRepo,
    run_cli: RunCli,
    spy: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    change(history)
    _three_runs(history, run_cli, monkeypatch)
    assert not any(spy), what


def test_errors_on_each_side_are_counted_as_check_counts_them(
    history: GitRepo, run_cli: RunCli, spy: list[bool]
) -> None:
    """HEAD has two errors (an unregistered organisation's two files); the work tree adds a third."""
    _invalid(history)
    now = run_cli("check", root=history.root).stdout.count(": error ")
    runs = [json.loads(run_cli("diff", "HEAD", "--format", "json", root=history.root).stdout) for _ in range(2)]
    assert spy == [False, True]
    assert now == 3
    for out in runs:
        assert (out["from"]["errors"], out["to"]["errors"]) == (2, now)


def test_an_organisation_unknown_to_both_sides_is_refused_alike(
    history: GitRepo, run_cli: RunCli, spy: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    _rating(history)
    outs = _three_runs(history, run_cli, monkeypatch, "--org", "org-q")
    assert outs[0].exit_code != 0 and "org-q" in outs[0].stderr
    assert outs[0].stdout == ""


def test_the_narrow_comparison_is_made_again_after_the_work_tree_moves(
    history: GitRepo, run_cli: RunCli, spy: list[bool]
) -> None:
    """An edit after the snapshot: the next diff loads whole and sees it, the one after is narrow again."""
    _rating(history)
    run_cli("diff", "HEAD~1", root=history.root)
    run_cli("diff", "HEAD~1", root=history.root)
    history.edit("data/workplan/org-a.yaml", "due: 2024-Q3", "due: 2025-Q1")
    moved = run_cli("diff", "HEAD~1", root=history.root).stdout
    again = run_cli("diff", "HEAD~1", root=history.root).stdout
    assert spy == [False, True, False, True]
    assert "2025-Q1" in moved and moved == again
