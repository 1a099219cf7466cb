"""Permissions, as a user who lacks them: a folder that can be listed but not searched, one that can
be searched but not listed, a file that cannot be opened, a tracker folder out of reach.

Root reads everything, and CI runs as root: there each case runs in a forked child that drops to
the unprivileged user 65534 (nobody) before it runs francis in-process. The child forks from a
warmed-up parent rather than starting an interpreter, which that user may not be able to reach;
the tracker is copied into a world-readable folder, with a cache folder that user can write.
As any other user, the cases run as that user, no privileges needed.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from francis_cli.cli import app

from ..conftest import Tracker

NOBODY = 65534
COMMANDS = ("check", "status", "report")


def _env(cache: Path) -> dict[str, str | None]:
    return {"XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "COLUMNS": "80", "FRANCIS_ROOT": None}


def run_as_nobody(*argv: str, cache: Path) -> tuple[int, str, str]:
    """Run francis with ``argv`` as an unprivileged user: exit code, stdout, stderr."""
    env = _env(cache)
    if os.geteuid() != 0:
        result = CliRunner().invoke(app, list(argv), env=env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges for good, run, report through the pipe, never return
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = CliRunner().invoke(app, list(argv), env=env, catch_exceptions=False)
            out = [result.exit_code, result.stdout, result.stderr]
        except BaseException as err:  # anything at all goes back to the parent
            out = [-1, "", f"the test's child failed: {type(err).__name__}: {err}"]
        os.write(write, json.dumps(out).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    code, stdout, stderr = json.loads(data)
    return int(code), str(stdout), str(stderr)


@pytest.fixture
def shared(tracker: Tracker) -> Iterator[Path]:
    """The small tracker copied where the unprivileged user can reach it, with a templates/ folder;
    permissions are put back before it is removed."""
    top = Path(tempfile.mkdtemp(prefix="francis-unprivileged-"))
    root = top / "tracker"
    shutil.copytree(tracker.root, root)
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", root / "templates")
    (top / "cache").mkdir()
    for path in (top, *top.rglob("*")):
        path.chmod(0o777 if path.is_dir() else 0o666)
    for command in COMMANDS:  # import what the commands import lazily: the child may not reach the stdlib
        CliRunner().invoke(app, ["--root", str(root), command], env=_env(top / "cache"))
    yield root
    for path in (top, *top.rglob("*")):
        if not path.is_symlink():
            path.chmod(stat.S_IRWXU)
    shutil.rmtree(top)


def commands(root: Path) -> Callable[[str], tuple[int, str, str]]:
    return lambda command: run_as_nobody("--root", str(root), command, cache=root.parent / "cache")


LISTED_NOT_SEARCHED = 0o444
SEARCHED_NOT_LISTED = 0o111


@pytest.mark.parametrize(
    ("rel", "mode", "expected"),
    [
        (
            "data/assessments",
            LISTED_NOT_SEARCHED,
            "data/assessments/org-a.yaml:0:0: error file-unreadable cannot read file: Permission denied",
        ),
        (
            "data/workplan",
            SEARCHED_NOT_LISTED,
            "data/workplan:0:0: error file-unreadable cannot list folder: Permission denied",
        ),
        (
            "data",
            LISTED_NOT_SEARCHED,
            "data/organisations.yaml:0:0: error file-unreadable cannot read file: Permission denied",
        ),
        (
            "data/organisations.yaml",
            0,
            "data/organisations.yaml:0:0: error file-unreadable cannot read file: Permission denied",
        ),
        ("francis.yaml", 0, "francis.yaml:0:0: error file-unreadable cannot read file: Permission denied"),
    ],
    ids=[
        "assessments-listed-not-searched",
        "workplan-searched-not-listed",
        "data-listed-not-searched",
        "organisations",
        "settings",
    ],
)
def test_what_cannot_be_read_is_a_problem_line(shared: Path, rel: str, mode: int, expected: str) -> None:
    (shared / rel).chmod(mode)
    run = commands(shared)
    code, stdout, stderr = run("check")
    assert code == 1, stderr
    assert expected in stdout.splitlines(), stdout
    assert "unknown-" not in stdout, stdout  # what could not be read is not judged: no cascade
    for command in COMMANDS[1:]:
        code, _, stderr = run(command)
        assert code in (0, 1, 2), (command, stderr)
        assert "internal error" not in stderr and "Traceback" not in stderr, (command, stderr)


@pytest.mark.parametrize("mode", [LISTED_NOT_SEARCHED, 0], ids=["listed-not-searched", "no-access"])
def test_a_tracker_folder_out_of_reach_is_one_line(shared: Path, mode: int) -> None:
    """``--root`` names a folder this user cannot read (the option's own check, or francis's)."""
    shared.chmod(mode)
    for command in COMMANDS:
        code, stdout, stderr = commands(shared)(command)
        assert (code, stdout) == (2, ""), stderr
        assert "Permission denied" in stderr or "is not readable" in stderr, stderr
        assert "internal error" not in stderr and "Traceback" not in stderr


@pytest.mark.parametrize(
    ("rel", "mode", "expected"),
    [
        ("templates", LISTED_NOT_SEARCHED, "template 'report.md.j2' cannot be read: Permission denied"),
        ("templates", 0, "template 'report.md.j2' cannot be read: Permission denied"),
        ("templates/report.md.j2", 0, "template 'report.md.j2' cannot be read: Permission denied"),
        ("templates/partials", 0, "cannot be read: Permission denied"),
    ],
    ids=["listed-not-searched", "no-access", "template", "partials"],
)
def test_templates_out_of_reach_are_one_line(shared: Path, rel: str, mode: int, expected: str) -> None:
    (shared / rel).chmod(mode)
    code, _, stderr = commands(shared)("report")
    assert code == 2, stderr
    assert stderr.startswith("francis: ") and stderr.endswith(f"{expected}\n") and stderr.count("\n") == 1, stderr


def test_an_edit_to_a_read_only_file_is_refused_and_nothing_is_written(shared: Path) -> None:
    """Renaming a new file over a read-only one works where the folder is writable; an edit must
    still honour the file's own permissions."""
    plan = shared / "data" / "workplan" / "org-a.yaml"
    before = plan.read_bytes()
    argv = ("--root", str(shared), "action", "note", "org-a", "1.1", "Drafted", "--date", "2024-02-01")
    CliRunner().invoke(app, [*argv, "--dry-run"], env=_env(shared.parent / "cache"))  # imports, as above
    plan.chmod(0o444)
    code, stdout, stderr = run_as_nobody(*argv, cache=shared.parent / "cache")
    assert (code, stdout) == (2, ""), stderr
    assert stderr.strip() == (
        "francis: data/workplan/org-a.yaml: the file is read-only (you may not write it); nothing written"
    )
    assert plan.read_bytes() == before and stat.S_IMODE(plan.stat().st_mode) == 0o444
    plan.chmod(0o666)
    code, _, stderr = run_as_nobody(*argv, cache=shared.parent / "cache")
    assert code == 0, stderr
    assert b"Drafted" in plan.read_bytes()
