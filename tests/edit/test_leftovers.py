"""Nothing left behind: what a killed edit leaves (a temp copy, a lock file) is removed by the next
edit of that folder, and ``francis init`` tells git to ignore it meanwhile."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from francis_cli.edit.transaction import STALE_TEMP_SECONDS, sweep

from ..conftest import RunCli, Tracker


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftover(folder: Path, name: str, text: str = "", age: float = 0) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def test_the_next_edit_of_a_folder_removes_the_leftovers_of_killed_ones(tracker: Tracker, run_cli: RunCli) -> None:
    folder = tracker.root / "data/assessments"
    host = socket.gethostname()
    old_temp = _leftover(folder, ".org-a.yaml.k3j_x9q2.tmp", "organisation: org-a\n", STALE_TEMP_SECONDS + 60)
    dead_lock = _leftover(folder, ".org-b.yaml.lock", f"{_dead_pid()} {host}\n")
    young_temp = _leftover(folder, ".org-b.yaml.ab12cd34.tmp", "partial")  # an edit writing now
    live_lock = _leftover(folder, ".org-c.yaml.lock", f"{os.getpid()} {host}\n")  # an edit holding it now
    others = [_leftover(folder, name, "mine", STALE_TEMP_SECONDS + 60) for name in (".notes.tmp", ".keep", "x.tmp")]
    result = run_cli("assess", "org-a", "3", "--rating", "red", "--position", "Not yet.", root=tracker.root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert not old_temp.exists() and not dead_lock.exists()
    assert young_temp.exists() and live_lock.exists() and all(p.exists() for p in others)
    assert not (folder / ".org-a.yaml.lock").exists()


def test_a_dry_run_removes_nothing(tracker: Tracker, run_cli: RunCli) -> None:
    folder = tracker.root / "data/assessments"
    old_temp = _leftover(folder, ".org-a.yaml.k3j_x9q2.tmp", "", STALE_TEMP_SECONDS + 60)
    result = run_cli(
        "assess", "org-a", "3", "--rating", "red", "--position", "Not yet.", "--dry-run", root=tracker.root
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert old_temp.exists()


def test_sweep_leaves_what_it_cannot_judge(tmp_path: Path) -> None:
    host = socket.gethostname()
    _leftover(tmp_path, ".a.yaml.lock", "not a pid\n")  # unreadable content, recent: kept
    _leftover(tmp_path, ".b.yaml.lock", f"{_dead_pid()} another-{host}\n")  # another machine's: kept
    (tmp_path / ".c.yaml.12345678.tmp").mkdir()  # not a regular file: kept
    (tmp_path / ".d.yaml.lock").symlink_to(tmp_path / "nowhere")
    assert sweep(tmp_path) == []
    assert sweep(tmp_path / "missing") == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".a.yaml.lock",
        ".b.yaml.lock",
        ".c.yaml.12345678.tmp",
        ".d.yaml.lock",
    ]


def test_init_tells_git_to_ignore_the_leftovers(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "new"
    assert run_cli("init", str(root), "--org", "trust", "--name", "Trust").exit_code == 0
    assert ".*.tmp" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    names = ["data/assessments/.trust.yaml.k3j_x9q2.tmp", "data/workplan/.trust.yaml.lock", "data/workplan/trust.yaml"]
    ignored = subprocess.run(["git", "check-ignore", *names], cwd=root, capture_output=True, text=True).stdout
    assert ignored.split() == names[:2]


def test_init_leaves_a_gitignore_already_there(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".gitignore").write_text("node_modules/\n", encoding="utf-8")
    result = run_cli("init", str(root), "--org", "trust", "--name", "Trust")
    assert result.exit_code == 0, result.stderr
    assert (root / ".gitignore").read_text(encoding="utf-8") == "node_modules/\n"
    assert "created .gitignore" not in result.stdout
