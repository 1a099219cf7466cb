"""Views as JSON and CSV (`render.data`): stable keys and the same numbers as the tables."""

from __future__ import annotations

import csv
import io
import json

from ..conftest import RunCli, Tracker


def test_status_json_keys_are_stable(dated: Tracker, run_cli: RunCli) -> None:
    doc = json.loads(run_cli("status", "--as-of", "2024-06-15", "-f", "json", "--org", "org-a", root=dated.root).stdout)
    assert set(doc) == {"by", "set", "as_of", "tables"}
    (table,) = doc["tables"]
    keys = {"title", "organisation", "columns", "rows", "total", "workplan", "scope", "assurance", "notes"}
    assert set(table) == keys
    assert [c["id"] for c in table["columns"]] == [
        "red",
        "amber",
        "green",
        "blue",
        "not-assessed",
        "not-applicable",
        "total",
    ]
    assert table["rows"][0] == {
        "key": "standards",
        "label": "Standards",
        "counts": {"red": 0, "amber": 1, "green": 1, "blue": 0, "not-assessed": 0, "not-applicable": 0, "total": 2},
    }
    assert table["workplan"] == {
        "actions": 12,
        "by_status": {"not-started": 7, "in-progress": 2, "done": 1, "blocked": 1, "dropped": 1},
        "overdue": 4,
        "due_soon": 4,
        "due_soon_days": 30,
    }


def test_status_csv_carries_the_same_numbers(dated: Tracker, run_cli: RunCli) -> None:
    text = run_cli("status", "--as-of", "2024-06-15", "-f", "csv", root=dated.root).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "as_of",
        "set",
        "by",
        "organisation",
        "key",
        "label",
        "red",
        "amber",
        "green",
        "blue",
        "not-assessed",
        "not-applicable",
        "total",
        "assessed",
        *(f"assurance-{k}" for k in ("substantial", "reasonable", "limited", "no-assurance", "not-recorded")),
        *(f"signoffs-{k}" for k in ("current", "stale", "missing")),
        *(f"decision-{k}" for k in ("accepted", "accepted-in-part", "not-accepted", "not-applicable", "none")),
    ]
    total_a = next(r for r in rows if r["organisation"] == "org-a" and r["key"] == "total")
    assert (total_a["amber"], total_a["green"], total_a["not-applicable"], total_a["total"]) == ("1", "1", "1", "3")


def test_overdue_json_and_csv(dated: Tracker, run_cli: RunCli) -> None:
    doc = json.loads(run_cli("overdue", "--as-of", "2024-06-15", "-f", "json", root=dated.root).stdout)
    assert set(doc) == {
        "as_of",
        "within_days",
        "stale_days",
        "overdue",
        "due_soon",
        "needs_review",
        "respond_by",
        "decisions_overdue",
        "evidence_stale",
        "evidence_due",
    }
    first = doc["overdue"][0]
    assert first == {
        "organisation": "org-a",
        "id": "y-last",
        "title": "Action y-last",
        "lead": [{"role": "DoQ", "title": "Director of Quality"}],
        "due": "2023",
        "due_end": "2023-12-31",
        "days": 167,
        "status": "not-started",
        "last_progress": None,
        "path": "data/workplan/org-a.yaml",
        "line": first["line"],
    }
    rows = list(
        csv.DictReader(io.StringIO(run_cli("overdue", "--as-of", "2024-06-15", "-f", "csv", root=dated.root).stdout))
    )
    assert [(r["id"], r["days"]) for r in rows] == [
        ("y-last", "167"),
        ("q-last", "76"),
        ("m-last", "15"),
        ("d-yesterday", "1"),
    ]
