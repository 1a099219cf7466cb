"""`francis export` writes the format the file is named for, and refuses a name that contradicts it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker


def test_the_format_follows_the_file_name(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    book, sheet = tmp_path / "actions.xlsx", tmp_path / "actions.csv"
    assert run_cli("export", "actions", "-o", str(book), root=tracker.root).exit_code == 0
    assert run_cli("export", "actions", "-o", str(sheet), root=tracker.root).exit_code == 0
    assert zipfile.is_zipfile(book)
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfOrganisation,")


@pytest.mark.parametrize(("name", "fmt", "better"), [("a.csv", "xlsx", "a.xlsx"), ("a.xlsx", "csv", "a.csv")])
def test_a_format_the_name_contradicts_is_refused(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path, name: str, fmt: str, better: str
) -> None:
    out = tmp_path / name
    result = run_cli("export", "actions", "--format", fmt, "-o", str(out), root=tracker.root)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"francis: --format {fmt} writes ") and f"name it {better}" in result.stderr
    assert not out.exists()
