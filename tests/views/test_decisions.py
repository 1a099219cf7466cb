"""Scope and decisions in `status` and `overdue` (`views.status.scope_summary`, `views.overdue`):
exact figures from a loaded tracker and from the snapshot, the line `status` prints, the JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import overdue as late
from francis_cli.views import status as queries

from ..conftest import CATALOGUE, REPO, RunCli, Tracker

A = "data/assessments/org-a.yaml"
DECIDED = """\
organisation: org-a
scope: 1-2
assessments:
  - recommendation: 1
    rating: amber
    position: Partly.
    decision: accepted-in-part
    reason: Only the audit part.
"""


def test_a_scope_counts_what_is_in_it_and_what_is_not_yet_considered(tracker: Tracker) -> None:
    tracker.write(A, DECIDED)
    (table,) = queries.status(load_tracker(tracker.root), orgs=["org-a"], as_of=date(2024, 6, 1)).tables
    assert table.scope == queries.ScopeSummary(
        in_scope=2,
        assessed=1,
        not_considered=1,
        decisions={"accepted": 0, "accepted-in-part": 1, "not-accepted": 0, "not-applicable": 0},
        undecided=2 - 1,
    )
    (themed,) = queries.status(
        load_tracker(tracker.root), orgs=["org-a"], theme="candour", as_of=date(2024, 6, 1)
    ).tables
    assert themed.scope is not None and (themed.scope.in_scope, themed.scope.not_considered) == (0, 1)


def test_without_scope_or_decision_there_is_no_line(tracker: Tracker, run_cli: RunCli) -> None:
    (table,) = queries.status(load_tracker(tracker.root), orgs=["org-a"], as_of=date(2024, 6, 1)).tables
    assert table.scope is None
    out = run_cli("status", "--org", "org-a", "--as-of", "2024-06-01", root=tracker.root).stdout
    assert "in scope" not in out and "Decisions" not in out


def test_status_prints_the_scope_line_and_data_formats_carry_it(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, DECIDED)
    for _ in range(2):  # the second run reads the snapshot: the same figures
        out = run_cli("status", "--org", "org-a", "--as-of", "2024-06-01", root=tracker.root).stdout
        assert (
            "1 of 2 in scope assessed; 1 not yet considered. Decisions: 1 accepted in part; 1 in scope to decide. "
            "Workplan:" in " ".join(out.split())
        ), out
    doc = json.loads(run_cli("status", "--org", "org-a", "-f", "json", root=tracker.root).stdout)
    assert doc["tables"][0]["scope"] == {
        "in_scope": 2,
        "assessed": 1,
        "not_considered": 1,
        "decisions": {"accepted": 0, "accepted-in-part": 1, "not-accepted": 0, "not-applicable": 0},
        "undecided": 1,
    }
    out = run_cli("status", "--org", "org-a", "-f", "csv", root=tracker.root).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    total = rows[-1]
    got = (total["key"], total["in-scope"], total["not-considered"], total["in-scope-decision-accepted-in-part"])
    assert got == ("total", "2", "1", "1")
    header = next(csv.reader(io.StringIO(out)))
    assert len(header) == len(set(header))  # each figure its own column: none overwrites another
    assert rows[0]["in-scope"] == ""  # a theme's row: the figures are the table's


def test_bundled_barnet_covers_123_to_144(run_cli: RunCli) -> None:
    out = run_cli("status", "--org", "barnet-ccg", "--as-of", "2013-10-01", root=REPO).stdout
    assert "22 of 22 in scope assessed; 268 not yet considered. Decisions: none recorded.\n" in out


def clocked(tracker: Tracker, line: str) -> None:
    tracker.write(
        "data/recommendations/test-set.yaml",
        CATALOGUE.replace("title: A test recommendation set\n", f"title: A test recommendation set\n{line}"),
    )


def test_overdue_lists_decisions_not_made_once_the_clock_has_run(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, DECIDED)
    clocked(tracker, "published: 2024-01-01\nresponse_days: 56\n")
    on_time = late.overdue(load_tracker(tracker.root), as_of=date(2024, 2, 26))
    assert (on_time.respond_by, on_time.decisions) == (date(2024, 2, 26), [])
    result = late.overdue(load_tracker(tracker.root), as_of=date(2024, 2, 27))
    assert result.decisions == [late.LateDecision("org-a", "Organisation A", [2], 2, date(2024, 2, 26), 1)]
    assert late.overdue(load_tracker(tracker.root), as_of=date(2024, 2, 27), leads=["DoQ"]).decisions == []
    out = run_cli("overdue", "--as-of", "2024-02-27", root=tracker.root).stdout
    assert "Decisions due by 2024-02-26, not made: 1" in out
    assert "org-a" in out and "1 of 2 in scope: 2" in out
    doc = json.loads(run_cli("overdue", "--as-of", "2024-02-27", "-f", "json", root=tracker.root).stdout)
    assert doc["respond_by"] == "2024-02-26"
    assert doc["decisions_overdue"] == [
        {
            "organisation": "org-a",
            "name": "Organisation A",
            "recommendations": [2],
            "in_scope": 2,
            "due": "2024-02-26",
            "days": 1,
        }
    ]


def test_without_a_scope_the_whole_set_is_to_decide(tracker: Tracker) -> None:
    clocked(tracker, "respond_by: 2024-03-31\n")
    result = late.overdue(load_tracker(tracker.root), as_of=date(2024, 4, 1))
    assert [(d.organisation, d.numbers) for d in result.decisions] == [("org-a", [1, 2, 3])]  # org-b assessed nothing


def test_without_a_clock_overdue_says_nothing_of_decisions(tracker: Tracker, run_cli: RunCli) -> None:
    out = run_cli("overdue", "--as-of", "2030-01-01", root=tracker.root).stdout
    assert "Decisions" not in out
