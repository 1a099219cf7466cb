"""``francis export evidence|signoffs|due-changes``: a row per record, keyed to its assessment or
action, on a tracker whose records were made with francis's own commands (tests/records.py) and on
the bundled one; CSV with formulas defused, XLSX and Parquet; and ``francis import`` refusing
these kinds in one problem line."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from francis_cli.models.assessment import fingerprint
from francis_cli.sheets.table import COLUMNS
from francis_cli.tracker.corpus import load_tracker

from ..conftest import RunCli, Tracker
from ..records import AS_OF, FORMULA, with_records

KINDS = ("evidence", "signoffs", "due-changes")


@pytest.fixture
def records(tracker: Tracker, run_cli: RunCli) -> Tracker:
    return with_records(tracker, run_cli)


def export(run_cli: RunCli, root: Path, kind: str, out: Path, *args: str) -> list[dict[str, str]]:
    result = run_cli("export", kind, "-o", str(out), *args, root=root)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == COLUMNS[kind]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_evidence_rows_are_the_records_judged_on_the_day_asked(
    records: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    rows = export(run_cli, records.root, "evidence", tmp_path / "evidence.csv", "--as-of", AS_OF)
    assert rows == [
        {
            "Organisation": "org-a",
            "Set": "test-set",
            "Rec no": "1",
            "Ref": "",
            "Title": "Quality schedule 2013/14",
            "Location": "https://example.nhs.uk/qs.pdf",
            "Produced": "2024-01-10",
            "Owner": "DoQ",
            "Review": "2024-04-30",
            "Expires": "",
            "Lapses": "2024-04-30",
            "State": "stale",
        },
        {
            "Organisation": "org-a",
            "Set": "test-set",
            "Rec no": "1",
            "Ref": "",
            "Title": "'-2 beds audit",  # defused: a spreadsheet would read it as a formula
            "Location": "docs/audit.md",
            "Produced": "",
            "Owner": "CFO",
            "Review": "",
            "Expires": "2025-01-31",
            "Lapses": "2025-01-31",
            "State": "current",
        },
        {
            "Organisation": "org-a",
            "Set": "",
            "Rec no": "",
            "Ref": "1.1",
            "Title": "'" + FORMULA,
            "Location": "https://example.nhs.uk/draft",
            "Produced": "",
            "Owner": "",
            "Review": "",
            "Expires": "",
            "Lapses": "",
            "State": "current",
        },
    ]  # "Board minutes", evidence in words, is no record: it stays in the assessments' Evidence column
    later = export(run_cli, records.root, "evidence", tmp_path / "later.csv", "--as-of", "2025-02-01")
    assert [r["State"] for r in later] == ["stale", "stale", "current"]
    on_the_day = export(run_cli, records.root, "evidence", tmp_path / "day.csv", "--as-of", "2024-04-30")
    assert on_the_day[0]["State"] == "current"  # on its review day it still holds, as `check` has it


def test_signoff_rows_say_whether_each_still_approves_the_content(
    records: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    rows = export(run_cli, records.root, "signoffs", tmp_path / "signoffs.csv")
    assert [(r["Rec no"], r["Ref"], r["Signed off by"], r["Date"], r["Current"]) for r in rows] == [
        ("1", "", "CFO", "2024-02-01", "no"),  # recommendation 1 was changed after CFO approved it
        ("2", "", "DoQ", "2024-03-01", "yes"),
        ("", "1.1", "CFO", "2024-03-02", "yes"),
    ]
    corpus = load_tracker(records.root)
    now = {str(e.model.recommendation): fingerprint(e.model) for e in corpus.assessments}
    now |= {e.model.id: fingerprint(e.model) for e in corpus.actions}
    for r in rows:  # the fingerprint is the file's; Current is whether it is the content's now
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", r["Fingerprint"])
        assert (r["Fingerprint"] == now[r["Rec no"] or r["Ref"]]) == (r["Current"] == "yes")
    check = run_cli("check", root=records.root)
    stale = [line for line in check.stdout.splitlines() if " signoff-stale " in line]
    assert len(stale) == 1 and "recommendation 1 of 'org-a' changed after CFO signed it off" in stale[0]


def test_due_change_rows_chain_from_each_due_to_the_next(records: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    rows = export(run_cli, records.root, "due-changes", tmp_path / "due.csv")
    assert rows == [
        {
            "Organisation": "org-a",
            "Ref": "1.2",
            "Changed": "2024-04-01",
            "From": "2024-Q2",
            "To": "2024-Q3",
            "Reason": "'+1 month: the budget round slipped",
            "By": "",
        },
        {
            "Organisation": "org-a",
            "Ref": "1.2",
            "Changed": "2024-05-01",
            "From": "2024-Q3",
            "To": "2024-12",
            "Reason": "The board met later.",
            "By": "",
        },
    ]
    actions = export(run_cli, records.root, "actions", tmp_path / "actions.csv")
    assert {(a["Organisation"], a["Ref"]): a["Due"] for a in actions}[("org-a", "1.2")] == rows[-1]["To"]


def test_org_picks_the_rows_of_one_organisation(records: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    for kind in KINDS:
        assert export(run_cli, records.root, kind, tmp_path / f"{kind}-a.csv", "--org", "org-a")
        assert export(run_cli, records.root, kind, tmp_path / f"{kind}-b.csv", "--org", "org-b") == []


def test_rows_join_the_assessments_and_actions_exports(records: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    assessed = {
        (r["Organisation"], r["Rec no"]) for r in export(run_cli, records.root, "assessments", tmp_path / "a.csv")
    }
    actions = {(r["Organisation"], r["Ref"]) for r in export(run_cli, records.root, "actions", tmp_path / "b.csv")}
    for kind in KINDS:
        for r in export(run_cli, records.root, kind, tmp_path / f"{kind}.csv"):
            rec = r.get("Rec no")
            assert (r["Organisation"], rec) in assessed if rec else (r["Organisation"], r["Ref"]) in actions


def test_bundled_tracker_exports_its_records_headers_and_no_invented_rows(
    bundled: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    corpus = load_tracker(bundled)
    items = [*corpus.assessments, *corpus.actions]
    expected = {
        "evidence": sum(1 for e in items for x in e.model.evidence if not isinstance(x, str)),
        "signoffs": sum(len(e.model.signoffs) for e in items),
        "due-changes": sum(len(a.model.due_changes) for a in corpus.actions),
    }
    assert any(e.model.evidence for e in items)  # the bundled data describes evidence in words only
    for kind in KINDS:
        out = tmp_path / f"{kind}.csv"
        assert len(export(run_cli, bundled, kind, out)) == expected[kind]
        result = run_cli("export", kind, "-o", str(out), root=bundled)
        assert result.stderr.startswith(f"wrote {expected[kind]} ")


def test_xlsx_writes_the_same_rows_as_text(records: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    csv_rows = export(run_cli, records.root, "evidence", tmp_path / "e.csv", "--as-of", AS_OF)
    out = tmp_path / "e.xlsx"
    assert run_cli("export", "evidence", "-o", str(out), "--as-of", AS_OF, root=records.root).exit_code == 0
    sheet = [[c.value or "" for c in row] for row in load_workbook(out).active.iter_rows()]
    assert sheet[0] == COLUMNS["evidence"]
    assert [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]] == [
        {k: v.removeprefix("'") if k == "Title" else v for k, v in r.items()} for r in csv_rows
    ]  # a workbook cell is text, never a formula: no quote needed


def test_parquet_types_the_records(records: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    read = {}
    for kind in KINDS:
        out = tmp_path / f"{kind}.parquet"
        assert run_cli("export", kind, "-o", str(out), "--as-of", AS_OF, root=records.root).exit_code == 0
        read[kind] = pq.read_table(out)
        assert read[kind].column_names == COLUMNS[kind]
    assert read["evidence"].column("Lapses").to_pylist() == [date(2024, 4, 30), date(2025, 1, 31), None]
    assert read["evidence"].column("Rec no").to_pylist() == [1, 1, None]
    assert read["signoffs"].column("Current").to_pylist() == [False, True, True]
    moves = read["due-changes"]
    assert moves.column("From").to_pylist() == [date(2024, 6, 30), date(2024, 9, 30)]  # a due's last day
    assert moves.column("To").to_pylist() == [date(2024, 9, 30), date(2024, 12, 31)]


@pytest.mark.parametrize("kind", KINDS)
def test_import_refuses_an_export_only_kind_in_one_problem_line(
    kind: str, records: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / f"{kind}.csv"
    assert run_cli("export", kind, "-o", str(out), root=records.root).exit_code == 0
    before = {p: p.read_bytes() for p in records.root.rglob("*") if p.is_file()}
    result = run_cli("import", kind, str(out), "--org", "org-a", root=records.root)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{out}:0:0: error sheet-export-only {kind} is an export-only kind: francis import reads"
    )
    assert {p: p.read_bytes() for p in records.root.rglob("*") if p.is_file()} == before
    missing = run_cli("import", kind, str(tmp_path / "none.csv"), "--org", "org-a", root=records.root)
    assert missing.exit_code == 2 and " sheet-export-only " in missing.stderr  # said before the file is read
