"""Whatever stands where the tracker's files and folders belong, reading it never ends in a traceback.

A folder where a file belongs, a file where a folder belongs, a FIFO, a broken symlink, a symlink
that links to itself or a chain longer than the kernel follows: each is a problem line at its path
(at 0:0, as every problem with a file as a whole is) or a one-line error, for `check`, `status`
and `report` alike. Permissions are in tests/scenarios/test_unprivileged.py.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker

Shape = Callable[[Path], None]


def _replace(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def folder_at(rel: str) -> Shape:
    def make(root: Path) -> None:
        _replace(root / rel)
        (root / rel).mkdir(parents=True)
        (root / rel / "inside.yaml").write_text("a: 1\n")

    return make


def file_at(rel: str) -> Shape:
    def make(root: Path) -> None:
        _replace(root / rel)
        (root / rel).write_text("a: 1\n")

    return make


def link_at(rel: str, target: str) -> Shape:
    def make(root: Path) -> None:
        _replace(root / rel)
        os.symlink(target, root / rel)

    return make


def chain_at(rel: str, links: int = 45) -> Shape:
    """``rel`` → ``.c0`` → ``.c1`` → … → a file: more links than the kernel follows (40 on Linux)."""

    def make(root: Path) -> None:
        path = root / rel
        _replace(path)
        (path.parent / f".c{links}").write_text("a: 1\n")
        for i in range(links):
            os.symlink(f".c{i + 1}", path.parent / f".c{i}")
        os.symlink(".c0", path)

    return make


def fifo_at(rel: str) -> Shape:
    def make(root: Path) -> None:
        _replace(root / rel)
        os.mkfifo(root / rel)

    return make


NOT_READ = "error file-unreadable cannot read file:"
CASES: list[tuple[str, Shape, str]] = [
    (
        "data/assessments",
        file_at("data/assessments"),
        "data/assessments:0:0: error not-a-folder expected a folder, "
        "found a file: francis reads the YAML files inside data/assessments/",
    ),
    (
        "data/workplan",
        fifo_at("data/workplan"),
        "data/workplan:0:0: error not-a-folder expected a folder, "
        "found a FIFO (named pipe): francis reads the YAML files inside data/workplan/",
    ),
    (
        "data",
        file_at("data"),
        "data:0:0: error not-a-folder expected a folder, found a file: francis reads the YAML files inside data/",
    ),
    (
        "recommendations-loop",
        link_at("data/recommendations", "recommendations"),
        "data/recommendations:0:0: error file-unreadable cannot read folder: Too many levels of symbolic links",
    ),
    (
        "assessments-chain",
        chain_at("data/assessments"),
        "data/assessments:0:0: error file-unreadable cannot read folder: Too many levels of symbolic links",
    ),
    (
        "workplan-dangling",
        link_at("data/workplan", "gone"),
        "data/workplan:0:0: error file-unreadable cannot read folder: broken symlink: nothing is at its target",
    ),
    (
        "organisations-folder",
        folder_at("data/organisations.yaml"),
        "data/organisations.yaml:0:0: error not-a-file expected a file, found a folder; not read",
    ),
    (
        "organisations-fifo",
        fifo_at("data/organisations.yaml"),
        "data/organisations.yaml:0:0: error not-a-file expected a file, found a FIFO (named pipe); not read",
    ),
    (
        "organisations-loop",
        link_at("data/organisations.yaml", "organisations.yaml"),
        f"data/organisations.yaml:0:0: {NOT_READ} Too many levels of symbolic links",
    ),
    (
        "assessment-chain",
        chain_at("data/assessments/org-a.yaml"),
        f"data/assessments/org-a.yaml:0:0: {NOT_READ} Too many levels of symbolic links",
    ),
    (
        "assessment-dangling",
        link_at("data/assessments/org-b.yaml", "gone.yaml"),
        f"data/assessments/org-b.yaml:0:0: {NOT_READ} broken symlink: nothing is at its target",
    ),
    (
        "assessment-fifo",
        fifo_at("data/assessments/org-b.yaml"),
        "data/assessments/org-b.yaml:0:0: error not-a-file expected a file, found a FIFO (named pipe); not read",
    ),
    (
        "workplan-folder",
        folder_at("data/workplan/org-a.yaml"),
        "data/workplan/org-a.yaml:0:0: error not-a-file expected a file, found a folder; not read",
    ),
    (
        "subfolder-dangling",
        link_at("data/workplan/2024", "gone"),
        "data/workplan/2024:0:0: error file-unreadable cannot read: broken symlink: nothing is at its target",
    ),
    (
        "settings-folder",
        folder_at("francis.yaml"),
        "francis.yaml:0:0: error not-a-file expected a file, found a folder; not read",
    ),
    (
        "settings-fifo",
        fifo_at("francis.yaml"),
        "francis.yaml:0:0: error not-a-file expected a file, found a FIFO (named pipe); not read",
    ),
    (
        "settings-loop",
        link_at("francis.yaml", "francis.yaml"),
        f"francis.yaml:0:0: {NOT_READ} Too many levels of symbolic links",
    ),
    (
        "settings-dangling",
        link_at("francis.yaml", "gone.yaml"),
        f"francis.yaml:0:0: {NOT_READ} broken symlink: nothing is at its target",
    ),
]


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """Opening a FIFO for reading waits for a writer for ever: fail the test instead."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("francis hung (did it open a FIFO?)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("shape", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_shape_is_a_problem_line_at_its_path(
    tracker: Tracker, run_cli: RunCli, shape: Shape, expected: str
) -> None:
    shape(tracker.root)
    result = run_cli("check", root=tracker.root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 1, result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if ": error " in line] == [expected], result.stdout
    for command in (["status"], ["report"], ["overdue", "--as-of", "2024-06-15"]):
        other = run_cli(*command, root=tracker.root)
        assert other.exit_code in (0, 1, 2), (command, other.stderr)
        assert "internal error" not in other.stderr, (command, other.stderr)


def test_unreadable_settings_do_not_cascade(tracker: Tracker, run_cli: RunCli) -> None:
    """Without its settings the default set is unknown: one problem, not one per file naming it."""
    _replace(tracker.root / "francis.yaml")
    (tracker.root / "francis.yaml").mkdir()
    result = run_cli("check", root=tracker.root)
    assert [line for line in result.stdout.splitlines() if ": error " in line] == [
        "francis.yaml:0:0: error not-a-file expected a file, found a folder; not read"
    ]


def test_a_folder_named_like_a_file_is_not_also_missing(tracker: Tracker, run_cli: RunCli) -> None:
    folder_at("data/organisations.yaml")(tracker.root)
    result = run_cli("check", root=tracker.root)
    assert "missing-file" not in result.stdout


def test_include_that_is_a_symlink_loop(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", "default_set: test-set\ninclude: [members/loop]\n")
    (tracker.root / "members").mkdir()
    os.symlink("loop", tracker.root / "members" / "loop")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "francis.yaml:2:11: error include-not-found include 'members/loop' is not a francis tracker (no data/ folder)"
    )


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (file_at("templates"), "templates/ is not a folder: a tracker's own templates go in a folder of that name"),
        (link_at("templates", "templates"), "cannot read the templates/ folder: Too many levels of symbolic links"),
        (link_at("templates", "gone"), "cannot read the templates/ folder: broken symlink: nothing is at its target"),
        (fifo_at("templates/report.md.j2"), "template 'report.md.j2' is a FIFO (named pipe), not a file; not read"),
        (folder_at("templates/report.md.j2"), "template 'report.md.j2' is a folder, not a file; not read"),
        (
            link_at("templates/report.md.j2", "report.md.j2"),
            "template 'report.md.j2' cannot be read: Too many levels of symbolic links",
        ),
    ],
    ids=["file", "loop", "dangling", "template-fifo", "template-folder", "template-loop"],
)
def test_templates_folder_shapes_are_one_line(tracker: Tracker, run_cli: RunCli, shape: Shape, expected: str) -> None:
    (tracker.root / "templates").mkdir()
    shape(tracker.root)
    result = run_cli("report", root=tracker.root)
    assert (result.exit_code, result.stderr) == (2, f"francis: {expected}\n")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text(""), "francis: not a folder: {root} is a file"),
        (
            lambda p: os.symlink(p.name, p),
            "francis: cannot read the tracker folder {root}: Too many levels of symbolic links",
        ),
        (
            lambda p: os.symlink("gone", p),
            "francis: cannot read the tracker folder {root}: broken symlink: nothing is at its target",
        ),
    ],
    ids=["file", "loop", "dangling"],
)
def test_root_option_shapes_are_one_line(
    tmp_path: Path, run_cli: RunCli, make: Callable[[Path], object], expected: str
) -> None:
    root = tmp_path / "t"
    make(root)
    result = run_cli("check", root=root)
    assert (result.exit_code, result.stderr) == (2, expected.format(root=root) + "\n")
