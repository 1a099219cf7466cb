"""No command touches the network: every read-only command and an edit, on the bundled tracker in git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import REPO, RunCli


@pytest.fixture
def bundled_repo(tmp_path: Path) -> Path:
    """A copy of the bundled tracker as a git repository with one commit."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "francis.yaml", root / "francis.yaml")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root


READ_ONLY = [
    ["check"],
    ["check", "--format", "json"],
    ["status"],
    ["status", "--format", "json"],
    ["status", "--by", "organisation", "--format", "csv"],
    ["overdue", "--within", "30"],
    ["show", "132"],
    ["show", "merton-ccg:2.1"],
    ["report"],
    ["report", "--format", "html"],
    ["diff", "HEAD"],
    ["history", "132"],
    ["schema", "assessments"],
    ["export", "actions", "--format", "csv"],
    ["export", "assessments", "--format", "xlsx"],
    ["--help"],
    ["--version"],
]


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_no_command_touches_the_network(
    args: list[str],
    bundled_repo: Path,
    run_cli: RunCli,
    tmp_path: Path,
    no_network: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FRANCIS_AS_OF", "2013-10-01")
    if args[0] == "export":
        args = [*args, "-o", str(tmp_path / f"out.{args[-1]}")]
    result = run_cli(*args, root=bundled_repo)
    assert (result.exit_code, no_network) == (0, []), result.stderr


def test_an_edit_touches_no_network_either(bundled_repo: Path, run_cli: RunCli, no_network: list[str]) -> None:
    result = run_cli("action", "note", "merton-ccg", "3.2", "Scoped.", "--date", "2013-06-01", root=bundled_repo)
    assert (result.exit_code, no_network) == (0, []), result.stderr
