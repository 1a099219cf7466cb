"""Hostile spreadsheets through `francis import`, in a real process whose peak memory is measured:
a zip bomb of gigabytes, a zip directory that lies, a million empty rows, a million-row CSV are
each refused with one problem line, reading little; and a long import shows a progress bar on a
terminal, and only there."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ..conftest import Tracker
from ..sheets.workbooks import SOME_ROWS, write_bomb, write_xlsx

MEASURED = """\
import sys
out = sys.argv.pop(1)
try:
    from francis_cli.cli import main
    main()
finally:
    with open("/proc/self/status") as status, open(out, "w") as f:
        f.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""
"""francis in a process that writes its peak resident memory (KiB) to a file: the kernel's high-water
mark of this process's own memory (``getrusage`` would count the test process it was forked from)."""

LITTLE = 128 * 1024
"""KiB: francis with its libraries loaded peaks at about 50 MiB here; a bomb inflated, or a million
rows held, would need many times this."""
GUARD = 300
"""Seconds: not a timing, only so that a regression hangs no test run."""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "FRANCIS_ROOT", "FRANCIS_AS_OF")}
    return env | {"XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "COLUMNS": "80"}


def _measured(tracker: Tracker, sheet: Path, tmp_path: Path) -> tuple[int, list[str], int]:
    """Exit code, stderr lines and peak memory (KiB) of a dry-run import of ``sheet``."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc/self/status (Linux)")
    rss = tmp_path / "rss"
    args = ["--root", str(tracker.root), "import", "actions", str(sheet), "--org", "org-a", "--section", "1"]
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, str(rss), *args, "--dry-run"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=GUARD,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr.splitlines(), int(rss.read_text())


def test_a_zip_bomb_of_gigabytes_is_refused_before_it_inflates(tracker: Tracker, tmp_path: Path) -> None:
    sheet = write_bomb(tmp_path / "bomb.xlsx", 3 * 1024**3)
    assert sheet.stat().st_size < 4 * 1024**2
    code, lines, peak = _measured(tracker, sheet, tmp_path)
    assert code == 1
    assert lines[0] == "francis: bomb.xlsx: over a limit; nothing imported"
    assert lines[1].startswith(f"{sheet}:0:0: error sheet-too-large workbook inflates to 3,2")
    assert lines[1].endswith(
        "(as its zip directory says); the limit is 33,554,432 bytes (limits.max_sheet_bytes in francis.yaml)"
    )
    assert peak < LITTLE


def test_the_bomb_is_real(tmp_path: Path) -> None:
    """What the tests above and below refuse does inflate: a zip reader that trusts it reads on and on."""
    import zipfile

    with zipfile.ZipFile(write_bomb(tmp_path / "bomb.xlsx", 1024**3, declared=100)) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
        info.file_size = 1024**3
        with book.open(info) as part:
            read = sum(len(part.read(1 << 20)) for _ in range(64))
    assert read == 64 << 20


def test_a_zip_directory_that_lies_is_refused_at_the_limit(tracker: Tracker, tmp_path: Path) -> None:
    sheet = write_bomb(tmp_path / "lie.xlsx", 3 * 1024**3, declared=1000)
    code, lines, peak = _measured(tracker, sheet, tmp_path)
    assert code == 1
    assert lines[1].startswith(f"{sheet}:0:0: error sheet-too-large workbook inflates past the limit, though its zip")
    assert peak < LITTLE


@pytest.mark.parametrize(
    ("rows", "dimension", "line"),
    [
        pytest.param(SOME_ROWS + '<row r="1000000"/>', None, 1_000_000, id="one-row-a-million-down"),
        pytest.param(
            SOME_ROWS + "".join(f'<row r="{n}"/>' for n in range(3, 1_000_001)), None, 10_001, id="a-million-empty-rows"
        ),
        pytest.param(
            SOME_ROWS + '<row r="1048576"><c r="XFD1048576"/></row>', "A1:XFD1048576", 1_048_576, id="a-whole-sheet"
        ),
    ],
)
def test_millions_of_empty_rows_are_refused(
    rows: str, dimension: str | None, line: int, tracker: Tracker, tmp_path: Path
) -> None:
    sheet = write_xlsx(tmp_path / "rows.xlsx", rows, dimension=dimension)
    code, lines, peak = _measured(tracker, sheet, tmp_path)
    assert code == 1
    assert lines[1].startswith(f"{sheet}:{line}:0: error sheet-too-many-rows more than 10,000 rows, the limit")
    assert peak < LITTLE


def test_a_declared_dimension_of_a_million_rows_costs_nothing(tracker: Tracker, tmp_path: Path) -> None:
    """The dimension would have the XLSX reader pad a million rows to 16,384 cells each: it is not trusted."""
    sheet = write_xlsx(tmp_path / "rows.xlsx", dimension="A1:XFD1048576")
    code, lines, peak = _measured(tracker, sheet, tmp_path)
    assert (code, lines[-1]) == (0, "rows.xlsx: 1 row(s) read")
    assert peak < LITTLE


def _csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Ref,Action,Lead,Due\n")
        out.writelines(f"9.{n},Action number {n},DoQ,2030-05\n" for n in range(1, rows))
    return path


def test_a_csv_over_the_row_limit_is_refused_at_the_row(tracker: Tracker, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "log.csv", 10_001)
    code, lines, _ = _measured(tracker, sheet, tmp_path)
    assert (code, lines[1]) == (
        1,
        f"{sheet}:10001:0: error sheet-too-many-rows more than 10,000 rows, the limit "
        "(limits.max_sheet_rows in francis.yaml; empty rows count)",
    )


def test_a_million_row_csv_is_streamed_and_refused_at_the_row_limit(tracker: Tracker, tmp_path: Path) -> None:
    """With the size limit at its ceiling, the 40 MB file is read only as far as row 10,001."""
    tracker.write("francis.yaml", "default_set: test-set\nlimits:\n  max_sheet_bytes: 268435456\n")
    sheet = _csv(tmp_path / "log.csv", 1_000_000)
    code, lines, peak = _measured(tracker, sheet, tmp_path)
    assert (code, lines[1].split(" error ")[0]) == (1, f"{sheet}:10001:0:")
    assert peak < LITTLE


def test_a_million_row_csv_is_refused_by_its_size_at_the_defaults(tracker: Tracker, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "log.csv", 1_000_000)
    code, lines, _ = _measured(tracker, sheet, tmp_path)
    assert code == 1
    assert lines[1].startswith(f"{sheet}:0:0: error sheet-too-large file is {sheet.stat().st_size:,} bytes")


# --- the progress bar ---------------------------------------------------------------------------


def _import_with_stderr_on(tracker: Tracker, sheet: Path, tmp_path: Path, *, terminal: bool) -> tuple[int, str]:
    """Run a dry-run import with stderr on a pseudo-terminal (or a pipe); its exit code and stderr."""
    pty = pytest.importorskip("pty", reason="a pseudo-terminal needs the pty module (Unix)")
    args = ["--root", str(tracker.root), "import", "actions", str(sheet), "--org", "org-a", "--section", "1"]
    command = [sys.executable, "-m", "francis_cli", *args, "--dry-run"]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=_env(tmp_path), timeout=GUARD, check=False)
        return done.returncode, done.stderr
    main, side = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=side, env=_env(tmp_path))
    os.close(side)
    stdout: list[bytes] = []
    drain = threading.Thread(target=lambda: stdout.append(process.stdout.read() if process.stdout else b""))
    drain.start()
    seen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other side closed: the process is done with it
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=GUARD)
    drain.join()
    os.close(main)
    return process.returncode, seen.decode("utf-8", "replace")


def test_a_long_import_shows_a_progress_bar_on_a_terminal(tracker: Tracker, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "log.csv", 2_000)
    code, seen = _import_with_stderr_on(tracker, sheet, tmp_path, terminal=True)
    assert code == 0, seen
    assert "reading log.csv" in seen and "━" in seen
    assert "log.csv: 1999 row(s) read" in seen


def test_no_progress_bar_when_stderr_is_not_a_terminal(tracker: Tracker, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "log.csv", 2_000)
    code, seen = _import_with_stderr_on(tracker, sheet, tmp_path, terminal=False)
    assert (code, seen) == (0, "log.csv: 1999 row(s) read\n")
