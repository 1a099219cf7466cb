"""``francis export --format parquet``: the CSV export's columns, typed, read back with pyarrow and
compared value by value with the CSV export of the same tracker; the format had from a ``.parquet``
name; and, with pyarrow hidden, the one-line message naming the extra."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from francis_cli.models.common import Period
from francis_cli.sheets.parquet import PARQUET_HINT
from francis_cli.sheets.table import COLUMNS, RISKY

from ..conftest import REPO, RunCli

LISTS = {"Evidence": "\n", "Actions": ", ", "Lead": ", ", "Recommendations": ", "}
TYPES = {
    "Rec no": pa.int32(),
    "Applicable": pa.bool_(),
    "Due": pa.date32(),
    "Completed": pa.date32(),
    "Lead": pa.list_(pa.string()),
    "Progress": pa.list_(pa.struct([("date", pa.date32()), ("by", pa.string()), ("note", pa.string())])),
}


@pytest.fixture(params=["bundled", "paper", "generated"])
def tracker_root(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """The bundled tracker, the small one of the paper's tests (progress notes with who wrote them),
    and one of two organisations made by bench/generate.py (completed actions, linked recommendations)."""
    if request.param == "bundled":
        return "bundled", Path(request.getfixturevalue("bundled"))
    if request.param == "paper":
        return "paper", Path(request.getfixturevalue("paper").root)
    out = tmp_path / "generated"
    made = subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), str(out), "--orgs", "2", "--actions", "30"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    return "generated", out


def as_text(column: str, value: Any) -> str:
    """A Parquet value as the CSV export writes it, so that the two can be compared."""
    if value is None:
        return ""
    if column in LISTS:
        return LISTS[column].join(value)
    if column == "Applicable":
        return "" if value else "no"
    if column == "Progress":
        return "\n".join(n["date"].isoformat() + (f" ({n['by']})" if n["by"] else "") + ": " + n["note"] for n in value)
    return value.isoformat() if isinstance(value, date) else str(value)


EXERCISED = {
    ("generated", "actions"): {"Completed", "Recommendations", "Progress", "Due"},
    ("paper", "actions"): {"Progress by", "Due", "Lead"},
    ("bundled", "assessments"): {"not applicable", "Evidence", "Reason"},
}
"""What each tracker's rows must hold, so that the comparison meets every kind of typed value."""


def seen(records: list[dict[str, Any]]) -> set[str]:
    out = {c for r in records for c, v in r.items() if v not in (None, [], "")}
    if any(n["by"] for r in records for n in r.get("Progress") or []):
        out.add("Progress by")
    if any(r.get("Applicable") is False for r in records):
        out.add("not applicable")
    return out


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{k: v[1:] if v[:1] == "'" and v[1:2] in RISKY else v for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("kind", ["assessments", "actions"])
def test_parquet_holds_the_csv_exports_values_typed(
    run_cli: RunCli, tracker_root: tuple[str, Path], tmp_path: Path, kind: str
) -> None:
    name, root = tracker_root
    sheet, table = tmp_path / f"{kind}.csv", tmp_path / f"{kind}.parquet"
    assert run_cli("export", kind, "-o", str(sheet), root=root).exit_code == 0
    result = run_cli("export", kind, "-o", str(table), root=root)  # Parquet from the name alone
    assert result.exit_code == 0, result.stderr
    read = pq.read_table(table)
    assert read.column_names == COLUMNS[kind]
    for column, type_ in TYPES.items():
        if column in read.column_names:
            assert read.schema.field(column).type == type_, column
    records, rows = read.to_pylist(), csv_rows(sheet)
    assert EXERCISED.get((name, kind), set()) <= seen(records)
    assert result.stderr == f"wrote {len(rows)} {kind} to {table}\n" and len(records) == len(rows) > 0
    for record, row in zip(records, rows, strict=True):
        for column in COLUMNS[kind]:
            value = record[column]
            if column == "Due":
                assert value == (Period.parse(row[column]).end if row[column] else None), row
            else:
                assert as_text(column, value) == row[column], (column, row)


def test_org_and_a_contradicting_name(run_cli: RunCli, bundled: Path, tmp_path: Path) -> None:
    out = tmp_path / "merton.parquet"
    result = run_cli("export", "actions", "--format", "parquet", "-o", str(out), "--org", "merton-ccg", root=bundled)
    assert result.exit_code == 0, result.stderr
    assert {r["Organisation"] for r in pq.read_table(out).to_pylist()} == {"merton-ccg"}
    wrong = tmp_path / "actions.csv"
    refused = run_cli("export", "actions", "--format", "parquet", "-o", str(wrong), root=bundled)
    assert (refused.exit_code, refused.stderr) == (
        2,
        "francis: --format parquet writes Parquet, but actions.csv is named for CSV: name it actions.parquet, "
        "or use --format csv\n",
    )
    assert not wrong.exists()


def test_without_pyarrow_the_message_names_the_extra(run_cli: RunCli, bundled: Path, tmp_path: Path) -> None:
    """pyarrow hidden from a real francis process by a sitecustomize that refuses to import it."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import sys\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pyarrow' or name.startswith('pyarrow.'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Hide())\n",
        encoding="utf-8",
    )
    out = tmp_path / "actions.parquet"
    env = {"PYTHONPATH": str(hide), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    args = [sys.executable, "-m", "francis_cli", "--root", str(bundled), "export", "actions", "-o", str(out)]
    run = subprocess.run(args, capture_output=True, text=True, env=env)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"francis: {PARQUET_HINT}\n")
    assert PARQUET_HINT == "Parquet output needs pyarrow: pip install 'francis-cli[parquet]'"
    assert not out.exists()
    csv_out = tmp_path / "actions.csv"  # every other format goes on without it
    assert subprocess.run([*args[:-1], str(csv_out)], capture_output=True, env=env).returncode == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbfOrganisation,")
