"""Whatever stands where a command writes, francis respects it: every `-o` target kind, for every
command that writes a file, and an edit of a data file that is a symlink.

Run as root (as CI runs) the device cases use devices made with mknod in tmp_path, so that a
regression can never turn the machine's own /dev/null into a regular file; as another user they
use /dev/null and /dev/zero themselves, which such a user cannot rename over anyway.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker

WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "report": lambda out: ["report", "-o", str(out)],
    "report-html": lambda out: ["report", "--format", "html", "-o", str(out)],
    "export-csv": lambda out: ["export", "actions", "--format", "csv", "-o", str(out)],
    "export-xlsx": lambda out: ["export", "assessments", "--format", "xlsx", "-o", str(out)],
}


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (1, 3) or /dev/zero (1, 5): made in tmp_path as root."""
    if os.geteuid() != 0:
        return Path(f"/dev/{name}")
    path = tmp_path / name
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return path


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(("name", "minor"), [("null", 3), ("zero", 5)])
def test_a_character_device_is_written_into_and_stays_a_device(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path, writer: str, name: str, minor: int
) -> None:
    device = _device(tmp_path, name, minor)
    result = run_cli(*WRITERS[writer](device), root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)  # not renamed over, and /dev/zero never read
    assert not list(device.parent.glob(f".{name}.*.tmp"))


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_symlink_is_followed_and_its_target_written_atomically(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path, writer: str
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.bin"
    target.write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(Path("real") / "out.bin")
    before = target.stat().st_ino
    result = run_cli(*WRITERS[writer](link), root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "out.bin")
    assert target.read_bytes() != b"old" and len(target.read_bytes()) > 100
    assert target.stat().st_ino != before  # a new file renamed into place: never half-written


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_fifo_is_written_as_a_stream(tracker: Tracker, run_cli: RunCli, tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli(*WRITERS[writer](fifo), root=tracker.root)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and len(got[0]) > 100


@pytest.mark.parametrize("writer", ["report", "export-csv"])
def test_a_fifo_nobody_reads_is_refused_not_waited_on_for_ever(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path, writer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from francis_cli import atomic

    monkeypatch.setattr(atomic, "FIFO_WAIT", 0.3)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run_cli(*WRITERS[writer](fifo), root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        f"francis: {fifo}: no program is reading this FIFO; nothing written\n",
    )
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_reader_that_comes_late_is_waited_for(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    late = threading.Timer(0.5, lambda: got.append(fifo.read_bytes()))
    late.start()
    result = run_cli("report", "-o", str(fifo), root=tracker.root)
    late.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert got and got[0].startswith(b"# ")


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_folder_or_a_symlink_loop_is_one_line(tracker: Tracker, run_cli: RunCli, tmp_path: Path, writer: str) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    for target in (tmp_path, loop):
        result = run_cli(*WRITERS[writer](target), root=tracker.root)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"francis: cannot write {target}: ") and result.stderr.count("\n") == 1
    assert loop.is_symlink() and tmp_path.is_dir()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_missing_folder_is_made(tracker: Tracker, run_cli: RunCli, tmp_path: Path, writer: str) -> None:
    out = tmp_path / "board" / "2013-10" / "out"
    assert run_cli(*WRITERS[writer](out), root=tracker.root).exit_code == 0
    assert out.is_file() and out.stat().st_size > 100


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("rel", ["francis.yaml", "data/workplan/org-a.yaml", "data/notes.md"])
def test_the_trackers_own_files_are_refused(tracker: Tracker, run_cli: RunCli, writer: str, rel: str) -> None:
    path = tracker.root / rel
    before = path.read_bytes() if path.exists() else None
    result = run_cli(*WRITERS[writer](path), root=tracker.root)
    assert result.exit_code == 2
    assert result.stderr == f"francis: refused: {path} is the tracker's own {rel}; write the output elsewhere\n"
    assert (path.read_bytes() if path.exists() else None) == before


def test_standard_output_by_name_appends_under_the_shells_redirection(tracker: Tracker, tmp_path: Path) -> None:
    """`-o /dev/stdout` writes into the process's own standard output: under `>>` it appends, and
    piped it reaches the pipe; it never renames a file over what the shell opened."""
    log = tmp_path / "log.md"
    log.write_text("earlier\n", encoding="utf-8")
    command = [sys.executable, "-m", "francis_cli", "--root", str(tracker.root), "report", "-o", "/dev/stdout"]
    with open(log, "ab") as handle:
        subprocess.run(command, stdout=handle, check=True, env={**os.environ, "NO_COLOR": "1"})
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier\n# ")
    piped = subprocess.run(command, capture_output=True, check=True)
    assert piped.stdout.startswith(b"# ")


def test_an_edit_of_a_symlinked_data_file_writes_its_target(tracker: Tracker, run_cli: RunCli) -> None:
    """The workplan lives elsewhere in the tracker and data/workplan holds a link to it: the edit
    changes the real file and the link stays a link."""
    real = tracker.root / "plans" / "org-a.yaml"
    real.parent.mkdir()
    (tracker.root / "data/workplan/org-a.yaml").rename(real)
    (tracker.root / "data/workplan/org-a.yaml").symlink_to(Path("../../plans/org-a.yaml"))
    result = run_cli("action", "note", "org-a", "1.1", "Draft circulated.", "--date", "2024-02-01", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert (tracker.root / "data/workplan/org-a.yaml").is_symlink()
    assert "Draft circulated." in real.read_text(encoding="utf-8")
    assert not list(tracker.root.rglob(".*.lock"))
    shown = run_cli("show", "org-a:1.1", root=tracker.root)
    assert "2024-02-01: Draft circulated." in shown.stdout
