"""A revision that does not resolve in a shallow clone, as CI checkouts are: the clone is blamed
only when a deeper one could hold the revision; otherwise the line says plainly what is unknown."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ..conftest import RunCli
from ..gitrepo import GitRepo

HINT = ": this is a shallow clone; fetch more history (git fetch --unshallow)"


@pytest.fixture
def history(repo: GitRepo) -> GitRepo:
    """Three commits on main, one more on a branch `update`."""
    for month, old, new in (("02", "amber", "green"), ("03", "green", "red")):
        repo.edit("data/assessments/org-a.yaml", f"rating: {old}", f"rating: {new}")
        repo.commit(f"Rating in {month}", f"2024-{month}-01T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "update")
    repo.edit("data/assessments/org-a.yaml", "position: In place.", "position: In place and audited.")
    repo.commit("Audited", "2024-04-01T09:00:00+00:00")
    return repo


def _clone(repo: GitRepo, into: Path, *args: str) -> Path:
    subprocess.run(["git", "clone", "-q", *args, f"file://{repo.root}", str(into)], check=True, capture_output=True)
    return into


def _unknown(run_cli: RunCli, clone: Path, rev: str) -> str:
    result = run_cli("diff", rev, root=clone)
    assert result.exit_code == 2, result.stdout
    return result.stderr


def test_a_name_that_is_not_there_is_not_blamed_on_the_clone(history: GitRepo, tmp_path: Path, run_cli: RunCli) -> None:
    clone = _clone(history, tmp_path / "ci", "--depth", "1", "--branch", "update")
    assert _unknown(run_cli, clone, "board-2013-06") == "francis: unknown revision 'board-2013-06'\n"
    assert _unknown(run_cli, clone, "main") == "francis: unknown revision 'main'\n"
    assert _unknown(run_cli, clone, "origin/main") == (
        "francis: unknown revision 'origin/main': origin's branch 'main' is not in this clone (git fetch origin main)\n"
    )
    assert _unknown(run_cli, clone, "nope~2") == "francis: unknown revision 'nope~2'\n"
    full = _clone(history, tmp_path / "full", "--branch", "update")
    assert _unknown(run_cli, full, "HEAD~5") == "francis: unknown revision 'HEAD~5'\n"


def test_only_history_beyond_the_boundary_is(history: GitRepo, tmp_path: Path, run_cli: RunCli) -> None:
    first = history.git("rev-parse", "main~2").strip()
    clone = _clone(history, tmp_path / "ci", "--depth", "1", "--branch", "update")
    assert _unknown(run_cli, clone, "HEAD~5") == f"francis: unknown revision 'HEAD~5'{HINT}\n"
    assert _unknown(run_cli, clone, "update^") == f"francis: unknown revision 'update^'{HINT}\n"
    assert _unknown(run_cli, clone, first) == f"francis: unknown revision '{first}'{HINT}\n"
    (clone / ".git/refs/remotes/origin/gone").write_text(first + "\n", encoding="ascii")  # fetched, objects not
    assert _unknown(run_cli, clone, "origin/gone") == f"francis: unknown revision 'origin/gone'{HINT}\n"
    # the base branch fetched as the workflow does: its whole history is here, back to its first commit
    subprocess.run(
        ["git", "fetch", "-q", "origin", "+refs/heads/main:refs/remotes/origin/main"],
        cwd=clone,
        check=True,
        capture_output=True,
    )
    assert run_cli("diff", "origin/main~2", root=clone).exit_code == 0
    assert _unknown(run_cli, clone, "origin/main~3") == "francis: unknown revision 'origin/main~3'\n"
    assert _unknown(run_cli, clone, "HEAD~3") == f"francis: unknown revision 'HEAD~3'{HINT}\n"
