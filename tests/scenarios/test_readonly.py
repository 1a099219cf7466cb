"""A tracker francis may not write: every edit, and ``francis init``, end in one line and exit 1 or 2,
never a traceback, and leave nothing behind; a dry run still shows its diff.

Three ways to be refused a write, each tested for real where it can be: a read-only file system (a
read-only bind mount in a private mount namespace, made with ``unshare``; skipped, saying why,
where none can be made), folders this user may not write (as the unprivileged user, dropping
privileges as ``test_unprivileged`` does), and a read-only file system reported by the kernel at
the moment a lock file is created or a file is renamed into place (injected at ``os.open`` and
``os.replace``).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from francis_cli.cli import app

from ..conftest import RunCli, Tracker
from .test_unprivileged import run_as_nobody

EDITS = [
    ["assess", "org-a", "1", "--rating", "red", "--position", "Not in place."],
    ["assess", "org-a", "3", "--rating", "green", "--position", "A new one."],
    ["assess", "org-b", "1", "--rating", "red", "--position", "A new file."],
    ["action", "add", "org-a", "--section", "1", "--title", "Train the board", "--due", "2099-12"],
    ["action", "update", "org-a", "1.2", "--status", "in-progress"],
    ["action", "note", "org-a", "1.1", "Drafted.", "--date", "2024-02-01"],
    ["action", "done", "org-a", "1.1", "--date", "2024-02-01", "--note", "Agreed."],
]
IDS = ["assess", "assess-new", "assess-new-file", "add", "update", "note", "done"]


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder): what must not change."""
    return {str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes()) for p in sorted(root.rglob("*"))}


def _one_line(code: int, stdout: str, stderr: str, reason: str) -> None:
    assert code in (1, 2), stderr
    assert stdout == "", stdout
    assert stderr.startswith("francis: ") and stderr.count("\n") == 1, stderr
    assert reason in stderr, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


def _sheet(folder: Path) -> Path:
    sheet = folder / "sheet.csv"
    sheet.write_text("Rec no,RAG,Current position\n2,Red,Slipped\n", encoding="utf-8")
    return sheet


# --- a real read-only file system -----------------------------------------------------------------------------

_NAMESPACE = """
import json, subprocess, sys
readonly, runs = json.loads(sys.argv[1])
for folder in readonly:
    subprocess.run(["mount", "--bind", folder, folder], check=True)
    subprocess.run(["mount", "-o", "remount,ro,bind", folder], check=True)
out = []
for argv in runs:
    done = subprocess.run([sys.executable, "-m", "francis_cli", *argv], capture_output=True, text=True)
    out.append([done.returncode, done.stdout, done.stderr])
print(json.dumps(out))
"""


def _unshare() -> list[str]:
    """How to run a command in a mount namespace of its own (root, or root of a user namespace)."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs unshare and mount (util-linux), not found")
    command = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    probe = subprocess.run([*command, "mount", "-t", "tmpfs", "-o", "ro", "tmpfs", "/mnt"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no read-only mount can be made here: {probe.stderr.decode(errors='replace').strip()}")
    return command


def in_readonly(readonly: list[Path], runs: list[list[str]]) -> list[tuple[int, str, str]]:
    """Run francis with each of ``runs`` where each of ``readonly`` is mounted read-only (seen so only
    by these processes; the mounts go when they end)."""
    env = {**os.environ, "NO_COLOR": "1", "FRANCIS_LOCK_WAIT": "0"}
    env.pop("FRANCIS_ROOT", None)
    arg = json.dumps([[str(p) for p in readonly], runs])
    done = subprocess.run([*_unshare(), sys.executable, "-c", _NAMESPACE, arg], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return [(int(c), str(o), str(e)) for c, o, e in json.loads(done.stdout)]


def test_every_edit_on_a_read_only_file_system_is_one_line(tracker: Tracker, tmp_path: Path) -> None:
    root = str(tracker.root)
    sheet = _sheet(tmp_path)
    runs = [["--root", root, *argv] for argv in EDITS]
    runs.append(["--root", root, "import", "assessments", str(sheet), "--org", "org-a"])
    runs.append(["--root", root, *EDITS[0], "--dry-run"])
    before = _tree(tracker.root)
    results = in_readonly([tracker.root], runs)
    for (code, stdout, stderr), argv in zip(results[:-1], runs, strict=False):
        assert code == 2, (argv, stderr)
        _one_line(code, stdout, stderr, "Read-only file system")
    dry = results[-1]
    assert dry[0] == 0 and "+    rating: red" in dry[1], dry
    assert _tree(tracker.root) == before


def test_init_on_a_read_only_file_system_is_one_line(tmp_path: Path) -> None:
    place = tmp_path / "place"
    (place / "empty").mkdir(parents=True)
    runs = [
        ["init", str(place / "new"), "--org", "trust", "--name", "Trust"],
        ["init", str(place / "new" / "deeper"), "--org", "trust", "--name", "Trust"],
        ["init", str(place / "empty"), "--org", "trust", "--name", "Trust"],
    ]
    results = in_readonly([place], runs)
    assert (
        results[0][2] == f"francis: cannot start a tracker in {place / 'new'}: Read-only file system; nothing written\n"
    )
    for code, stdout, stderr in results:
        assert code == 2, stderr
        _one_line(code, stdout, stderr, "Read-only file system")
    assert _tree(place) == {"empty": None}


# --- folders this user may not write --------------------------------------------------------------------------


@pytest.fixture
def locked(tracker: Tracker) -> Iterator[Path]:
    """The small tracker where the unprivileged user can read it but write nothing: folders 0555,
    files 0444; beside it a folder to start trackers in, as unwritable, and a cache it can write."""
    top = Path(tempfile.mkdtemp(prefix="francis-readonly-"))
    root = top / "tracker"
    shutil.copytree(tracker.root, root)
    (top / "place").mkdir()
    _sheet(top)
    (top / "cache").mkdir()
    for path in (top, *top.rglob("*")):
        path.chmod(0o777 if path.is_dir() else 0o666)
    warm = [[*argv, "--dry-run"] for argv in EDITS]  # what they import lazily, imported here: the child
    warm.append(["import", "assessments", str(top / "sheet.csv"), "--org", "org-a", "--dry-run"])  # may not
    for argv in warm:  # reach the standard library
        assert CliRunner().invoke(app, ["--root", str(root), *argv]).exit_code == 0, argv
    assert CliRunner().invoke(app, ["init", str(top / "warm"), "--org", "trust", "--name", "Trust"]).exit_code == 0
    shutil.rmtree(top / "warm")
    for path in (root, *root.rglob("*"), top / "place"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    yield root
    for path in (top, *top.rglob("*")):
        path.chmod(stat.S_IRWXU)
    shutil.rmtree(top)


def _nobody(root: Path) -> Callable[..., tuple[int, str, str]]:
    return lambda *argv: run_as_nobody(*argv, cache=root.parent / "cache")


@pytest.mark.parametrize("argv", EDITS, ids=IDS)
def test_every_edit_in_folders_this_user_cannot_write_is_one_line(locked: Path, argv: list[str]) -> None:
    before = _tree(locked)
    code, stdout, stderr = _nobody(locked)("--root", str(locked), *argv)
    _one_line(code, stdout, stderr, "Permission denied")
    assert _tree(locked) == before
    code, stdout, _ = _nobody(locked)("--root", str(locked), *argv, "--dry-run")
    assert code == 0 and stdout.startswith("--- "), stdout


def test_an_import_in_folders_this_user_cannot_write_is_one_line(locked: Path) -> None:
    before = _tree(locked)
    sheet = locked.parent / "sheet.csv"
    code, stdout, stderr = _nobody(locked)("--root", str(locked), "import", "assessments", str(sheet), "--org", "org-a")
    _one_line(code, stdout, stderr.replace("sheet.csv: 1 row(s) read\n", ""), "Permission denied")
    assert _tree(locked) == before


@pytest.mark.parametrize("where", ["place/new", "place/new/deeper", "place"])
def test_init_where_this_user_cannot_write_is_one_line(locked: Path, where: str) -> None:
    folder = locked.parent / where
    code, stdout, stderr = _nobody(locked)("init", str(folder), "--org", "trust", "--name", "Trust")
    _one_line(code, stdout, stderr, "Permission denied")
    if where != "place":
        assert stderr == f"francis: cannot start a tracker in {folder}: Permission denied; nothing written\n"
    else:
        assert stderr.startswith(f"francis: cannot create the lock file {folder}/"), stderr
    assert list((locked.parent / "place").iterdir()) == []


# --- the kernel says so at the last moment ---------------------------------------------------------------------


def _erofs_at(monkeypatch: pytest.MonkeyPatch, name: str, under: Path, after: int = 0) -> None:
    """Make ``os.<name>`` fail as a read-only file system does for paths under ``under`` (``os.open``
    only when it would create), after ``after`` calls that succeed."""
    real = getattr(os, name)
    calls = [0]

    def fail(*args: Any, **kwargs: Any) -> Any:
        path = os.fspath(args[-1] if name == "replace" else args[0])
        creates = name != "open" or (len(args) > 1 and args[1] & os.O_CREAT)
        if isinstance(path, str) and path.startswith(str(under)) and creates:
            calls[0] += 1
            if calls[0] > after:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, fail)


@pytest.mark.parametrize("call", ["open", "replace"])
@pytest.mark.parametrize("argv", EDITS, ids=IDS)
def test_erofs_at_the_last_moment_is_one_line_and_leaves_nothing(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, argv: list[str], call: str
) -> None:
    before = _tree(tracker.root)
    _erofs_at(monkeypatch, call, tracker.root)
    result = run_cli(*argv, root=tracker.root)
    monkeypatch.undo()
    _one_line(result.exit_code, result.stdout, result.stderr, "Read-only file system")
    expected = "cannot create the lock file" if call == "open" else "the file is unchanged"
    assert expected in result.stderr, result.stderr
    assert _tree(tracker.root) == before  # no temp copy, no lock file, no new folder


@pytest.mark.parametrize("after", [0, 1, 4])
@pytest.mark.parametrize("call", ["open", "replace"])
def test_init_failing_part_way_removes_what_it_wrote(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, call: str, after: int
) -> None:
    """The kernel refuses the ``after``-th write of the new tracker's files: the ones written before it
    are removed again, and the folders made for them."""
    (tmp_path / "place").mkdir()
    _erofs_at(monkeypatch, call, tmp_path / "place", after)
    result = run_cli("init", str(tmp_path / "place" / "new"), "--org", "trust", "--name", "Trust")
    monkeypatch.undo()
    _one_line(result.exit_code, result.stdout, result.stderr, "Read-only file system")
    assert list((tmp_path / "place").iterdir()) == []


def test_an_edit_of_two_files_failing_at_the_second_puts_the_first_back(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from francis_cli.edit import transaction
    from francis_cli.edit.files import FileChange
    from francis_cli.errors import UserError

    before = _tree(tracker.root)
    rels = ["data/assessments/org-a.yaml", "data/workplan/org-a.yaml"]
    changes = [FileChange(rel, before[rel], before[rel] + b"# edited\n") for rel in rels]
    _erofs_at(monkeypatch, "replace", tracker.root / "data/workplan")
    with pytest.raises(UserError, match="Read-only file system; the file is unchanged"):
        transaction.commit(tracker.root, changes)
    monkeypatch.undo()
    assert _tree(tracker.root) == before
