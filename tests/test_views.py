"""status, overdue and show: exact figures on a fixture with known dates, rendered output, stable formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import overdue as queries_overdue
from francis_cli.views import status as queries
from francis_cli.views.show import ActionView, RecommendationView, show

from .conftest import REPO, RunCli, Tracker

AS_OF = date(2024, 6, 15)

# one action per boundary: (id, due, status, expected days overdue or None)
BOUNDARIES = [
    ("d-yesterday", "2024-06-14", "in-progress", 1),
    ("d-today", "2024-06-15", "not-started", None),
    ("d-tomorrow", "2024-06-16", "not-started", None),
    ("m-last", "2024-05", "not-started", 15),
    ("m-this", "2024-06", "blocked", None),
    ("q-last", "2024-Q1", "in-progress", 76),
    ("q-this", "2024-Q2", "not-started", None),
    ("y-last", "2023", "not-started", 167),
    ("y-this", "2024", "not-started", None),
    ("done", "2023-01", "done", None),
    ("dropped", "2023-01", "dropped", None),
]


def boundary_workplan() -> str:
    lines = ["organisation: org-a", "agreed: 2024-01-01", "actions:"]
    for ident, due, status, _ in BOUNDARIES:
        lines += [f'  - id: "{ident}"', f"    title: Action {ident}", "    lead: DoQ", f"    due: {due}",
                  f"    status: {status}"]  # fmt: skip
        if status == "done":
            lines.append("    completed: 2023-01-20")
    lines += ['  - id: "no-due"', "    title: Never overdue", "    lead: CFO",
              "    progress:", "      - {date: 2023-10-01, note: Started.}"]  # fmt: skip
    return "\n".join(lines) + "\n"


@pytest.fixture
def dated(tracker: Tracker) -> Tracker:
    tracker.write("data/workplan/org-a.yaml", boundary_workplan())
    tracker.write("data/assessments/org-a.yaml", "organisation: org-a\nassessed: 2023-11-01\nassessments:\n"
                  "  - {recommendation: 1, rating: amber, position: Partly.}\n"
                  "  - {recommendation: 2, rating: green, position: Done.}\n"
                  "  - {recommendation: 3, applicable: false, reason: National.}\n")  # fmt: skip
    return tracker


def test_overdue_boundaries(dated: Tracker) -> None:
    result = queries_overdue.overdue(load_tracker(dated.root), as_of=AS_OF, within=30)
    expected = sorted(((days, ident) for ident, _, _, days in BOUNDARIES if days is not None), reverse=True)
    assert [(a.days, a.id) for a in result.overdue] == expected
    assert [a.id for a in result.due_soon] == ["d-today", "d-tomorrow", "m-this", "q-this"]
    assert [a.days for a in result.due_soon] == [0, -1, -15, -15]


def test_overdue_filters_and_stale(dated: Tracker) -> None:
    corpus = load_tracker(dated.root)
    assert queries_overdue.overdue(corpus, as_of=AS_OF, leads=["CFO"]).overdue == []
    stale = queries_overdue.overdue(corpus, as_of=AS_OF, stale_days=180).stale
    # no-due: last note 2023-10-01; the assessment: agreed 2023-11-01; the rest fall back to the
    # workplan's agreed date, 2024-01-01, 166 days before: not stale at 180, stale at 100
    assert [(s.kind, s.ref, s.age) for s in stale] == [
        ("action", "no-due", 258), ("assessment", "data/assessments/org-a.yaml", 227)]
    open_actions = 1 + sum(1 for _, _, status, _ in BOUNDARIES if status not in ("done", "dropped"))
    assert len(queries_overdue.overdue(corpus, as_of=AS_OF, stale_days=100).stale) == open_actions + 1


def test_status_by_theme_figures(dated: Tracker) -> None:
    result = queries.status(load_tracker(dated.root), as_of=AS_OF, orgs=["org-a"])
    (table,) = result.tables
    assert [(r.key, r.values) for r in table.rows] == [
        ("standards", {"red": 0, "amber": 1, "green": 1, "blue": 0, "not-assessed": 0, "not-applicable": 0,
                       "total": 2}),
        ("candour", {"red": 0, "amber": 0, "green": 0, "blue": 0, "not-assessed": 0, "not-applicable": 1,
                     "total": 1}),
    ]  # fmt: skip
    assert table.total is not None and table.total.values["total"] == 3
    assert table.workplan == queries.WorkplanSummary(
        actions=12, by_status={"not-started": 7, "in-progress": 2, "done": 1, "blocked": 1, "dropped": 1},
        overdue=4, due_soon=4, due_soon_days=30)  # fmt: skip


def test_status_by_organisation_rating_and_lead(dated: Tracker) -> None:
    corpus = load_tracker(dated.root)
    by_org = queries.status(corpus, by="organisation", as_of=AS_OF).tables[0]
    assert [(r.key, r.values["amber"], r.values["not-assessed"]) for r in by_org.rows] == [
        ("org-a", 1, 0), ("org-b", 0, 3)]
    assert by_org.total is not None and by_org.total.values["total"] == 6
    by_rating = queries.status(corpus, by="rating", as_of=AS_OF).tables[0]
    assert {r.key: r.values for r in by_rating.rows}["not-assessed"] == {"org-a": 0, "org-b": 3, "total": 3}
    by_lead = queries.status(corpus, by="lead", as_of=AS_OF, orgs=["org-a"]).tables[0]
    assert [(r.key, r.values["overdue"], r.values["total"]) for r in by_lead.rows] == [("DoQ", 4, 11), ("CFO", 0, 1)]


def test_status_theme_filter_and_unknowns(dated: Tracker) -> None:
    corpus = load_tracker(dated.root)
    result = queries.status(corpus, as_of=AS_OF, orgs=["org-a"], theme="candour")
    assert [r.key for r in result.tables[0].rows] == ["candour"]
    message = r"set 'test-set' has no theme 'candor' \(did you mean 'candour', 'standards'\?\)"
    with pytest.raises(Exception, match=message):
        queries.status(corpus, as_of=AS_OF, theme="candor")
    with pytest.raises(Exception, match=r"no organisation 'org-z'"):
        queries.status(corpus, as_of=AS_OF, orgs=["org-z"])


def test_status_table_snapshot(dated: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("status", "--as-of", "2024-06-15", root=dated.root)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout
    golden("status-fixture.txt", result.stdout)


def test_overdue_snapshot_and_fail(dated: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("overdue", "--as-of", "2024-06-15", "--within", "30", root=dated.root)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    golden("overdue-fixture.txt", result.stdout)
    assert run_cli("overdue", "--as-of", "2024-06-15", "--fail", root=dated.root).exit_code == 1
    assert run_cli("overdue", "--as-of", "2023-01-01", "--fail", root=dated.root).exit_code == 0


def test_as_of_from_environment(dated: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRANCIS_AS_OF", "2024-06-15")
    result = run_cli("overdue", "--format", "json", root=dated.root)
    assert json.loads(result.stdout)["as_of"] == "2024-06-15"
    assert run_cli("overdue", "--as-of", "15/06/2024", root=dated.root).exit_code == 2


def test_status_json_keys_are_stable(dated: Tracker, run_cli: RunCli) -> None:
    doc = json.loads(run_cli("status", "--as-of", "2024-06-15", "-f", "json", "--org", "org-a",
                             root=dated.root).stdout)  # fmt: skip
    assert set(doc) == {"by", "set", "as_of", "tables"}
    (table,) = doc["tables"]
    assert set(table) == {"title", "organisation", "columns", "rows", "total", "workplan"}
    assert [c["id"] for c in table["columns"]] == ["red", "amber", "green", "blue", "not-assessed",
                                                   "not-applicable", "total"]  # fmt: skip
    assert table["rows"][0] == {"key": "standards", "label": "Standards", "counts": {
        "red": 0, "amber": 1, "green": 1, "blue": 0, "not-assessed": 0, "not-applicable": 0, "total": 2}}
    assert table["workplan"] == {"actions": 12, "by_status": {"not-started": 7, "in-progress": 2, "done": 1,
                                 "blocked": 1, "dropped": 1}, "overdue": 4, "due_soon": 4, "due_soon_days": 30}


def test_status_csv_carries_the_same_numbers(dated: Tracker, run_cli: RunCli) -> None:
    text = run_cli("status", "--as-of", "2024-06-15", "-f", "csv", root=dated.root).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["as_of", "set", "by", "organisation", "key", "label", "red", "amber", "green", "blue",
                             "not-assessed", "not-applicable", "total"]  # fmt: skip
    total_a = next(r for r in rows if r["organisation"] == "org-a" and r["key"] == "total")
    assert (total_a["amber"], total_a["green"], total_a["not-applicable"], total_a["total"]) == ("1", "1", "1", "3")


def test_markdown_tables_escape_cells(dated: Tracker, run_cli: RunCli) -> None:
    dated.write("data/organisations.yaml", "organisations:\n  - id: org-a\n    name: 'A | B <b>*x*</b>'\n"
                "    roles: {DoQ: Director of Quality, CFO: Chief Finance Officer}\n")  # fmt: skip
    text = run_cli("status", "--as-of", "2024-06-15", "-f", "markdown", root=dated.root).stdout
    assert text.startswith("### A \\| B \\<b\\>\\*x\\*\\</b\\> — test-set, as of 2024-06-15\n\n| Theme | Not met |")
    assert "\x1b[" not in text
    overdue_md = run_cli("overdue", "--as-of", "2024-06-15", "-f", "markdown", root=dated.root).stdout
    assert "| 167 | org-a:y-last Action y-last | DoQ (Director of Quality) | 2023 | not-started | none |" in overdue_md


def test_overdue_json_and_csv(dated: Tracker, run_cli: RunCli) -> None:
    doc = json.loads(run_cli("overdue", "--as-of", "2024-06-15", "-f", "json", root=dated.root).stdout)
    assert set(doc) == {"as_of", "within_days", "stale_days", "overdue", "due_soon", "needs_review"}
    first = doc["overdue"][0]
    assert first == {"organisation": "org-a", "id": "y-last", "title": "Action y-last",
                     "lead": [{"role": "DoQ", "title": "Director of Quality"}], "due": "2023",
                     "due_end": "2023-12-31", "days": 167, "status": "not-started", "last_progress": None,
                     "path": "data/workplan/org-a.yaml", "line": first["line"]}  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run_cli("overdue", "--as-of", "2024-06-15", "-f", "csv",
                                                   root=dated.root).stdout)))  # fmt: skip
    assert [(r["id"], r["days"]) for r in rows] == [("y-last", "167"), ("q-last", "76"), ("m-last", "15"),
                                                    ("d-yesterday", "1")]  # fmt: skip


def test_show_recommendation_and_action(dated: Tracker, run_cli: RunCli) -> None:
    dated.write("data/workplan/org-a.yaml", boundary_workplan().replace(
        "    title: Action y-last\n", "    title: Action y-last\n    recommendations: [2]\n"))
    corpus = load_tracker(dated.root)
    view = show(corpus, "test-set:2", as_of=AS_OF)
    assert isinstance(view, RecommendationView)
    assert [(p.organisation, p.assessment.rating) for p in view.positions] == [("org-a", "green")]
    assert [(a.action.id, a.overdue) for a in view.actions] == [("y-last", True)]
    action = show(corpus, "org-a:y-last", as_of=AS_OF)
    assert isinstance(action, ActionView)
    assert action.overdue_days == 167 and action.recommendations == [("test-set", 2, "Second")]
    result = run_cli("show", "2", "--as-of", "2024-06-15", root=dated.root)
    assert result.exit_code == 0
    assert "test-set:2  Second" in result.stdout and "org-a:y-last [not-started, due 2023 — OVERDUE]" in result.stdout
    result = run_cli("show", "org-a:y-lst", root=dated.root)
    assert result.exit_code == 2
    assert result.stderr == "francis: 'org-a' has no action 'y-lst' (did you mean 'y-last', 'q-last', 'm-last'?)\n"


def test_commands_answer_for_what_loaded_and_say_how_many_errors(dated: Tracker, run_cli: RunCli) -> None:
    dated.write("data/assessments/org-a.yaml", "organisation: org-a\nassessments:\n"
                "  - {recommendation: 1, rating: amber, position: Partly.}\n"
                "  - {recommendation: 2, rating: purple, position: Odd.}\n"
                "  - {recommendation: 3, ratng: green}\n")  # fmt: skip
    result = run_cli("status", "--as-of", "2024-06-15", "-f", "json", "--org", "org-a", root=dated.root)
    assert result.exit_code == 0
    assert result.stderr == ("francis: the tracker has 2 errors (`francis check` lists them); what did not load is "
                             "left out here\n")
    totals = json.loads(result.stdout)["tables"][0]["total"]["counts"]
    assert (totals["amber"], totals["not-assessed"], totals["total"]) == (1, 1, 3)


def test_bundled_overdue_on_1_october_2013(run_cli: RunCli) -> None:
    result = run_cli("overdue", "--as-of", "2013-10-01", "--format", "json", root=REPO)
    doc = json.loads(result.stdout)
    assert [(a["id"], a["days"]) for a in doc["overdue"]][:2] == [("3.4", 138), ("2.1", 123)]
    assert {a["id"] for a in doc["overdue"]} == {"3.4", "2.1", "2.4", "2.6", "3.1", "1.1", "1.3", "1.5", "4.1",
                                                 "2.2", "2.5", "2.3", "3.6", "4.2", "4.3"}  # fmt: skip
    assert all(a["organisation"] == "merton-ccg" for a in doc["overdue"])


def test_bundled_status_covers_290(run_cli: RunCli) -> None:
    doc = json.loads(run_cli("status", "--by", "organisation", "-f", "json", root=REPO).stdout)
    rows = {r["key"]: r["counts"] for r in doc["tables"][0]["rows"]}
    assert rows["barnet-ccg"]["total"] == 290 and rows["barnet-ccg"]["not-assessed"] == 268
    assert rows["merton-ccg"]["not-assessed"] == 290
