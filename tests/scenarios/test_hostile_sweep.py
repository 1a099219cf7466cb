"""Inputs of a hostile sweep that once ended in an internal error (exit 3): each is now one line
and a usage exit code, whatever the operating system says of the path."""

from __future__ import annotations

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
from .test_unprivileged import run_as_nobody


def _import(tracker: Tracker, file: str) -> tuple[int, str]:
    args = ["--root", str(tracker.root), "import", "assessments", file, "--org", "org-a", "--dry-run"]
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "FRANCIS_DEBUG": None})
    return result.exit_code, result.stderr


def test_import_of_a_name_too_long_for_the_file_system_is_one_line(tracker: Tracker, tmp_path: Path) -> None:
    code, err = _import(tracker, str(tmp_path / ("x" * 300 + ".csv")))
    assert code == 2
    assert err.strip().endswith(": cannot read the spreadsheet: File name too long")
    assert len(err.strip().splitlines()) == 1
    assert "Errno" not in err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: os.symlink(p, p), "cannot read the spreadsheet: Too many levels of symbolic links"),
        (lambda p: p.mkdir(), "not a regular file but a folder"),
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: None, "cannot read the spreadsheet: No such file or directory"),
    ],
    ids=["symlink-loop", "folder", "fifo", "missing"],
)
def test_import_of_what_is_no_spreadsheet_says_what_it_is(
    tracker: Tracker, tmp_path: Path, make: Callable[[Path], object], expected: str
) -> None:
    path = tmp_path / "sheet.csv"
    make(path)
    code, err = _import(tracker, str(path))
    assert code == 2
    assert err.strip() == f"francis: {path}: {expected}"


def test_a_template_that_is_not_utf8_text_is_one_line(paper: Tracker) -> None:
    paper.write("templates/report.md.j2", b"\xff\xfe{{ report }}")
    args = ["--root", str(paper.root), "report", "--as-of", "2024-06-10"]
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "FRANCIS_DEBUG": None})
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "francis: template 'report.md.j2' cannot be read: not UTF-8 text (byte 0xff at offset 0)"
    )


@pytest.fixture
def shared(tracker: Tracker) -> Iterator[Path]:
    """The small tracker where the unprivileged user can reach it (as in test_unprivileged.py)."""
    top = Path(tempfile.mkdtemp(prefix="francis-sweep-"))
    shutil.copytree(tracker.root, top / "tracker")
    (top / "cache").mkdir()
    for path in (top, *top.rglob("*")):
        path.chmod(0o777 if path.is_dir() else 0o666)
    yield top / "tracker"
    for path in (top, *top.rglob("*")):
        path.chmod(stat.S_IRWXU)
    shutil.rmtree(top)


def test_import_from_a_folder_that_cannot_be_searched_is_one_line(shared: Path) -> None:
    folder = shared.parent / "sheets"
    folder.mkdir()
    (folder / "sheet.csv").write_text("Rec no,RAG,Current position\n1,green,Done.\n", encoding="utf-8")
    folder.chmod(0o666)  # listed, not searched: opening what is in it is refused
    args = ("--root", str(shared), "import", "assessments", str(folder / "sheet.csv"), "--org", "org-a")
    code, _, err = run_as_nobody(*args, "--dry-run", cache=shared.parent / "cache")
    assert code == 2
    assert err.strip() == f"francis: {folder / 'sheet.csv'}: cannot read the spreadsheet: Permission denied"
