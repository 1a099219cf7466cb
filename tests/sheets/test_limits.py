"""Spreadsheet limits (`sheets.limits`, `sheets.workbook`): each one hit by a real file through
`francis import`, one problem line at the row where it was passed, nothing imported."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from francis_cli.models.config import LimitsConfig
from francis_cli.sheets.limits import PROGRESS_BYTES, OverLimit, SheetLimits
from francis_cli.sheets.table import read_table

from ..conftest import CONFIG, RunCli, Tracker
from .workbooks import HEADER, SOME_ROWS, rows_xml, write_bomb, write_xlsx

WORKPLAN = "data/workplan/org-a.yaml"


def _import(run_cli: RunCli, tracker: Tracker, sheet: Path, *extra: str) -> tuple[int, list[str]]:
    before = (tracker.root / WORKPLAN).read_bytes()
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--section", "1", *extra, root=tracker.root)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if result.exit_code != 0:
        assert (tracker.root / WORKPLAN).read_bytes() == before
    return result.exit_code, result.stderr.splitlines()


def _limits(tracker: Tracker, **limits: int) -> None:
    tracker.write("francis.yaml", CONFIG + "limits:\n" + "".join(f"  {k}: {v}\n" for k, v in limits.items()))


def _csv(path: Path, rows: int, *, width: int = 0) -> Path:
    lines = ["Ref,Action,Lead,Due" + "," * width] + [f"9.{n},Action {n},DoQ,2030-05" for n in range(1, rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_sheet_limits_mirror_the_settings_defaults() -> None:
    given = LimitsConfig()
    assert SheetLimits() == SheetLimits(
        given.max_sheet_bytes, given.max_sheet_rows, given.max_sheet_cells, given.max_cell_chars
    )
    assert given.model_dump() == {"max_file_bytes": 16 * 1024 * 1024, "max_depth": 64, "max_alias_nodes": 10_000}


def test_a_csv_larger_than_max_sheet_bytes(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    _limits(tracker, max_sheet_bytes=1024)
    sheet = _csv(tmp_path / "log.csv", 60)
    size = sheet.stat().st_size
    assert size > 1024
    assert _import(run_cli, tracker, sheet) == (
        1,
        [
            "francis: log.csv: over a limit; nothing imported",
            f"{sheet}:0:0: error sheet-too-large file is {size:,} bytes; the limit is 1,024 bytes "
            "(limits.max_sheet_bytes in francis.yaml)",
        ],
    )


def test_a_workbook_whose_directory_says_it_inflates_past_max_sheet_bytes(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    _limits(tracker, max_sheet_bytes=8192)  # the zip is about 4,700 bytes; its parts, inflated, about 15,000
    sheet = write_xlsx(tmp_path / "log.xlsx")
    code, lines = _import(run_cli, tracker, sheet)
    assert code == 1
    assert lines[1].startswith(f"{sheet}:0:0: error sheet-too-large workbook inflates to ")
    assert lines[1].endswith(
        " bytes (as its zip directory says); the limit is 8,192 bytes (limits.max_sheet_bytes in francis.yaml)"
    )


def test_a_workbook_that_inflates_past_what_its_directory_says(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    _limits(tracker, max_sheet_bytes=1024 * 1024)
    sheet = write_bomb(tmp_path / "lie.xlsx", 64 * 1024 * 1024, declared=100)
    code, lines = _import(run_cli, tracker, sheet)
    assert code == 1
    assert lines[1].startswith(f"{sheet}:0:0: error sheet-too-large workbook inflates past the limit, though its zip ")


def test_a_workbook_that_inflates_a_little_past_its_directory_is_unreadable(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    """Under the limit, a part longer than its directory entry fails its CRC: unreadable, not read short."""
    sheet = write_bomb(tmp_path / "lie.xlsx", 1024 * 1024, declared=100)
    assert _import(run_cli, tracker, sheet) == (2, [f"francis: {sheet}: not a readable XLSX file (BadZipFile)"])


def test_a_csv_over_max_sheet_rows(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    _limits(tracker, max_sheet_rows=20)
    sheet = _csv(tmp_path / "log.csv", 25)
    assert _import(run_cli, tracker, sheet)[1][1] == (
        f"{sheet}:21:0: error sheet-too-many-rows more than 20 rows, the limit (limits.max_sheet_rows in "
        "francis.yaml; empty rows count)"
    )


def test_rows_at_the_limit_are_imported(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    _limits(tracker, max_sheet_rows=20)
    code, lines = _import(run_cli, tracker, _csv(tmp_path / "log.csv", 20))
    assert (code, lines[-1]) == (0, "log.csv: 19 row(s) read")


@pytest.mark.parametrize(
    ("rows", "line"),
    [
        pytest.param(SOME_ROWS + '<row r="21"/>', 21, id="one-empty-row-far-down"),
        pytest.param(SOME_ROWS + "<row/>" * 30, 21, id="empty-rows-without-numbers"),
    ],
)
def test_a_workbook_over_max_sheet_rows(
    rows: str, line: int, tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    _limits(tracker, max_sheet_rows=20)
    code, lines = _import(run_cli, tracker, write_xlsx(tmp_path / "log.xlsx", rows))
    assert code == 1
    assert lines[1].startswith(f"{tmp_path / 'log.xlsx'}:{line}:0: error sheet-too-many-rows more than 20 rows")


def test_a_csv_over_max_sheet_cells(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    _limits(tracker, max_sheet_cells=100)
    sheet = _csv(tmp_path / "log.csv", 30, width=30)  # 34 cells in the header, 4 in each row
    assert _import(run_cli, tracker, sheet)[1][1] == (
        f"{sheet}:18:0: error sheet-too-many-cells more than 100 cells by this row, the limit "
        "(limits.max_sheet_cells in francis.yaml; empty cells before a row's last count)"
    )


def test_a_workbook_row_as_wide_as_excel_allows_counts_every_cell(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    """One cell at column XFD makes its row 16,384 cells wide as the XLSX reader reads it: 8 + 62 × 16,384 cells
    by row 64."""
    sheet = write_xlsx(
        tmp_path / "log.xlsx", SOME_ROWS + "".join(f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(3, 99))
    )
    code, lines = _import(run_cli, tracker, sheet)
    assert code == 1
    assert lines[1].startswith(f"{sheet}:64:0: error sheet-too-many-cells more than 1,000,000 cells by this row")


def test_a_workbook_cell_over_max_cell_chars(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    _limits(tracker, max_cell_chars=100)
    sheet = write_xlsx(
        tmp_path / "log.xlsx", rows_xml([HEADER, ("1.1", "Name a lead", "DoQ", "2030-05"), ("1.2", "x" * 101)])
    )
    assert _import(run_cli, tracker, sheet)[1][1] == (
        f"{sheet}:3:2: error sheet-cell-too-long a cell of more than 100 characters, the limit "
        "(limits.max_cell_chars in francis.yaml)"
    )


def test_a_limit_outside_its_range_is_an_invalid_value_and_the_default_applies(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    _limits(tracker, max_sheet_rows=5)
    check = run_cli("check", root=tracker.root)
    assert (
        "francis.yaml:3:19: error invalid-value max_sheet_rows: the number 5 is out of range (it must be at least 10)"
    ) in check.stdout
    code, lines = _import(run_cli, tracker, _csv(tmp_path / "log.csv", 8))
    assert (code, lines[-1]) == (0, "log.csv: 7 row(s) read")


def test_a_ceiling_cannot_be_raised(tracker: Tracker, run_cli: RunCli) -> None:
    _limits(tracker, max_sheet_bytes=2**40, max_cell_chars=10**9, max_sheet_cells=10**12)
    out = run_cli("check", root=tracker.root).stdout
    for key in ("max_sheet_bytes", "max_cell_chars", "max_sheet_cells"):
        assert f"error invalid-value {key}: the number " in out


def test_a_declared_dimension_of_a_whole_sheet_is_not_trusted(tmp_path: Path) -> None:
    """``A1:XFD1048576`` would be a million rows of 16,384 cells: the rows are read as they are."""
    rows = read_table(write_xlsx(tmp_path / "log.xlsx", dimension="A1:XFD1048576"))
    assert rows == [(1, list(HEADER)), (2, ["1.1", "Name a lead", "DoQ", "2030-05"])]


def test_a_csv_that_grows_past_the_limit_while_read_is_stopped(tmp_path: Path) -> None:
    """A FIFO has no size to check first: the bytes are counted as they come."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs os.mkfifo (Unix) to make a FIFO")
    fifo = tmp_path / "log.csv"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as out, contextlib.suppress(BrokenPipeError):
            out.write("Ref,Action\n" + "1.1,x\n" * 2000)

    writer = threading.Thread(target=write)
    writer.start()
    with pytest.raises(OverLimit) as over:
        read_table(fifo, limits=SheetLimits(max_sheet_bytes=1024))
    writer.join()
    assert (over.value.code, over.value.row) == ("sheet-too-large", 0)
    assert over.value.message.startswith("file grows past the limit as it is read; the limit is 1,024 bytes")


class _Recorder:
    """A progress callback that keeps what it is told."""

    def __init__(self) -> None:
        self.totals: list[int] = []
        self.steps: list[int] = []

    def __call__(self, total: int) -> Callable[[int], None]:
        self.totals.append(total)
        return self.steps.append


def test_reading_a_large_csv_reports_its_progress(tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "log.csv", 3000)
    size = sheet.stat().st_size
    assert size >= PROGRESS_BYTES
    progress = _Recorder()
    assert len(read_table(sheet, progress=progress)) == 3000
    assert progress.totals == [size]
    assert sum(progress.steps[:-1]) == size and progress.steps[-1] == -1 and len(progress.steps) > 2


def test_reading_a_large_workbook_reports_its_progress(tmp_path: Path) -> None:
    rows = [HEADER, *((f"9.{n}", f"Action {n}", "DoQ", "2030-05") for n in range(1, 1500))]
    progress = _Recorder()
    read_table(write_xlsx(tmp_path / "log.xlsx", rows_xml(rows), dimension="A1:D1500"), progress=progress)
    assert progress.totals == [1500]
    assert sum(progress.steps[:-1]) == 1500 and progress.steps[-1] == -1


def test_a_small_sheet_reports_no_progress(tmp_path: Path) -> None:
    progress = _Recorder()
    read_table(_csv(tmp_path / "log.csv", 10), progress=progress)
    assert progress.totals == [] and progress.steps == []


def test_a_reference_cell_of_thousands_of_digits_in_a_workbook_is_the_rows_problem(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = write_xlsx(tmp_path / "a.xlsx", rows_xml([("Rec", "Rating", "Position"), ("1" * 5000, "green", "ok")]))
    result = run_cli("import", "assessments", str(sheet), "--org", "org-a", root=tracker.root)
    assert result.exit_code == 1
    assert "row 2: recommendation number '111111111111'… (5,000 characters) has more than 9 digits" in result.stderr
