"""A damaged git history: every command that reads revisions ends in one line naming what is damaged, exit 2.

Real repositories in tmp_path, with loose objects overwritten, truncated, deleted or given a
header that lies about their size, as a failing disk or a bad copy leaves them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from francis_cli.tracker.git import Repo, parse_log

from ..conftest import RunCli
from ..gitrepo import GitRepo, february

COMMANDS = [
    ("diff", "HEAD~1", "HEAD"),
    ("history", "1"),
    ("check", "--changed-since", "HEAD~1"),
    ("report", "--since", "HEAD~1"),
]
ASSESSMENT = "HEAD~1:data/assessments/org-a.yaml"


def _object(repo: GitRepo, name: str) -> tuple[str, Path]:
    sha = repo.git("rev-parse", name).strip()
    path = repo.top / ".git" / "objects" / sha[:2] / sha[2:]
    path.chmod(0o644)
    return sha, path


def _damage(repo: GitRepo, name: str, how: str) -> str:
    """Damage the loose object ``name`` (a revision expression) as ``how`` says; its id."""
    sha, path = _object(repo, name)
    raw = path.read_bytes()
    header, _, body = zlib.decompress(raw).partition(b"\0")
    kind = header.split()[0]
    damaged = {
        "garbage": lambda: b"this is not a git object",
        "truncated": lambda: raw[: len(raw) // 2],
        "deleted": lambda: b"",
        "size too big": lambda: zlib.compress(kind + b" 100000\0" + body),
        "size too small": lambda: zlib.compress(kind + b" 5\0" + body),
        "other contents": lambda: zlib.compress(header + b"\0" + body.replace(b"a", b"e")),
        "a tree": lambda: zlib.compress(b"tree %d\0" % len(body) + body),
    }[how]()
    if how == "deleted":
        path.unlink()
    else:
        path.write_bytes(damaged)
    return sha


@pytest.fixture
def history(repo: GitRepo) -> GitRepo:
    february(repo)
    return repo


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """francis in a process of its own, bounded: a read that hangs fails the test instead of the run."""
    command = [sys.executable, "-m", "francis_cli", "--root", str(root), *args]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)


def _one_line_naming(stderr: str, *names: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("francis: "), stderr
    assert any(name in lines[0] for name in names), stderr


HOWS = ["garbage", "truncated", "deleted", "size too big", "size too small", "other contents", "a tree"]


@pytest.mark.parametrize("how", HOWS)
def test_a_damaged_file_in_a_revision_is_named_with_its_commit(history: GitRepo, run_cli: RunCli, how: str) -> None:
    commit = history.git("rev-parse", "--short", "HEAD~1").strip()
    sha = _damage(history, ASSESSMENT, how)
    for args in COMMANDS:
        if how == "size too big":  # git then sends fewer bytes than it said: a read could wait forever
            out = _run(history.root, *args)
            code, stderr = out.returncode, out.stderr
        else:
            result = run_cli(*args, root=history.root)
            code, stderr = result.exit_code, result.stderr
        assert code == 2, (args, stderr)
        _one_line_naming(stderr, sha)
        assert commit in stderr and "org-a.yaml" in stderr, stderr


@pytest.mark.parametrize("how", ["garbage", "truncated", "deleted"])
@pytest.mark.parametrize("name", ["HEAD~1^{tree}", "HEAD~1:data", "HEAD~1"])
def test_a_damaged_tree_or_commit_is_one_line(history: GitRepo, run_cli: RunCli, name: str, how: str) -> None:
    sha = _damage(history, name, how)
    commit = history.git("rev-parse", "--short", "HEAD~1").strip()
    for args in COMMANDS:
        result = run_cli(*args, root=history.root)
        assert result.exit_code == 2, (args, result.stderr)
        _one_line_naming(result.stderr, sha, commit, "HEAD~1")


def test_a_damaged_blob_outside_the_tracker_files_is_not_read(history: GitRepo, run_cli: RunCli) -> None:
    history.write("notes.txt", "Minutes of the board.\n")
    history.commit("Notes", "2024-02-02T09:00:00+00:00")
    _damage(history, "HEAD:notes.txt", "garbage")
    assert run_cli("diff", "HEAD~1", "HEAD", root=history.root).exit_code == 0


def test_the_reader_stays_in_step_after_a_damaged_blob(history: GitRepo) -> None:
    good = history.git("rev-parse", "HEAD:data/assessments/org-a.yaml").strip()
    bad = _damage(history, ASSESSMENT, "size too small")
    with Repo(history.root) as repo:
        with pytest.raises(Exception, match=bad):
            repo.read_blob(bad)
        assert repo.read_blob(good).startswith(b"organisation: org-a")
        assert repo.read_blob(good) == (history.root / "data/assessments/org-a.yaml").read_bytes()


def test_subjects_and_names_holding_the_separators_are_read(history: GitRepo, run_cli: RunCli) -> None:
    history.edit("data/assessments/org-a.yaml", "Not started.", "Started.")
    history.commit("odd\x1fsubject\x1e with separators", "2024-02-03T09:00:00+00:00")
    with Repo(history.root) as repo:
        assert repo.log(["data"])[-1].subject == "odd\x1fsubject\x1e with separators"
    assert run_cli("history", "3", root=history.root).exit_code == 0


def test_a_log_record_that_is_not_one_is_a_user_error() -> None:
    from francis_cli.errors import UserError

    with pytest.raises(UserError, match="git log gave a commit francis cannot read"):
        parse_log(b"not\x1fa commit\0")
