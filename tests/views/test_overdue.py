"""`overdue` (`views.overdue`): one action per boundary of each due period, stale items, the bundled tracker."""

from __future__ import annotations

import json
from datetime import date

import pytest

from francis_cli.errors import UserError
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import overdue as queries_overdue

from ..boundaries import AS_OF, BOUNDARIES
from ..conftest import REPO, RunCli, Tracker


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
        ("action", "no-due", 258),
        ("assessment", "data/assessments/org-a.yaml", 227),
    ]
    open_actions = 1 + sum(1 for _, _, status, _ in BOUNDARIES if status not in ("done", "dropped"))
    assert len(queries_overdue.overdue(corpus, as_of=AS_OF, stale_days=100).stale) == open_actions + 1


def test_bundled_overdue_on_1_october_2013(run_cli: RunCli) -> None:
    result = run_cli("overdue", "--as-of", "2013-10-01", "--format", "json", root=REPO)
    doc = json.loads(result.stdout)
    assert [(a["id"], a["days"]) for a in doc["overdue"]][:2] == [("3.4", 138), ("2.4", 123)]
    assert {a["id"] for a in doc["overdue"]} == {
        "3.4",
        "2.4",
        "1.1",
        "1.3",
        "1.5",
        "4.1",
        "2.2",
        "2.5",
        "2.3",
        "3.6",
        "4.2",
        "4.3",
    }
    assert all(a["organisation"] == "merton-ccg" for a in doc["overdue"])


# --- the small tracker ------------------------------------------------------------------------------------


def test_a_late_action_carries_everything_a_list_of_them_shows(tracker: Tracker) -> None:
    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(
        path.read_text().replace(
            "        status: in-progress\n",
            "        status: in-progress\n"
            "        progress:\n          - {date: 2024-02-01, note: Drafted.}\n"
            "          - {date: 2024-01-10, note: Started.}\n",
        )
    )
    result = queries_overdue.overdue(load_tracker(tracker.root), as_of=AS_OF, within=30)
    (late,) = result.overdue
    assert late == queries_overdue.LateAction(
        organisation="org-a",
        id="1.1",
        title="Write the strategy",
        leads=[("DoQ", "Director of Quality")],
        due="2024-03",
        due_end=date(2024, 3, 31),
        days=76,
        status="in-progress",
        last_progress=date(2024, 2, 1),
        path="data/workplan/org-a.yaml",
        line=8,
    )
    (soon,) = result.due_soon
    assert (soon.id, soon.leads, soon.due, soon.due_end, soon.days, soon.last_progress, soon.line) == (
        "1.2",
        [("DoQ", "Director of Quality"), ("CFO", "Chief Finance Officer")],
        "2024-Q2",
        date(2024, 6, 30),
        -15,
        None,
        17,
    )  # line 14, below the three progress lines added


def test_nothing_is_due_soon_unless_asked_within_how_many_days(tracker: Tracker) -> None:
    result = queries_overdue.overdue(load_tracker(tracker.root), as_of=AS_OF)
    assert ([a.id for a in result.overdue], result.due_soon, result.within) == (["1.1"], [], None)


def test_a_lead_filter_matches_any_of_an_actions_leads(tracker: Tracker) -> None:
    corpus = load_tracker(tracker.root)
    assert [a.id for a in queries_overdue.overdue(corpus, as_of=AS_OF, within=30, leads=["CFO"]).due_soon] == ["1.2"]
    assert queries_overdue.overdue(corpus, as_of=AS_OF, within=30, leads=["CFO"]).overdue == []
    doq = queries_overdue.overdue(corpus, as_of=AS_OF, within=30, leads=["DoQ"])
    assert ([a.id for a in doq.overdue], [a.id for a in doq.due_soon]) == (["1.1"], ["1.2"])
    both = queries_overdue.overdue(corpus, as_of=AS_OF, within=30, leads=["CFO", "DoQ"])
    assert ([a.id for a in both.overdue], [a.id for a in both.due_soon]) == (["1.1"], ["1.2"])  # each once


def test_a_lead_that_is_no_role_is_refused_not_answered_with_nothing(tracker: Tracker, run_cli: RunCli) -> None:
    corpus = load_tracker(tracker.root)
    with pytest.raises(UserError, match=r"^--lead: 'DoX' is not a role of org-a, org-b \(did you mean 'DoQ'"):
        queries_overdue.overdue(corpus, as_of=AS_OF, leads=["DoX"])
    for command in ("overdue", "calendar"):
        result = run_cli(command, "--lead", "DoX", "--as-of", "2024-04-01", root=tracker.root)
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr.startswith("francis: --lead: 'DoX' is not a role of "), command


def test_an_organisation_filter_and_an_unknown_organisation(tracker: Tracker) -> None:
    corpus = load_tracker(tracker.root)
    assert queries_overdue.overdue(corpus, as_of=AS_OF, orgs=["org-b"]).overdue == []
    with pytest.raises(UserError, match=r"^no organisation 'org-c' \(did you mean 'org-b', 'org-a'\?\)$"):
        queries_overdue.overdue(corpus, as_of=AS_OF, orgs=["org-c"])


def test_most_overdue_first_then_by_organisation(tracker: Tracker) -> None:
    tracker.write(
        "data/workplan/org-b.yaml",
        "organisation: org-b\nactions:\n  - {id: b1, title: x, due: 2024-03}\n  - {id: b2, title: y, due: 2023-12}\n",
    )
    result = queries_overdue.overdue(load_tracker(tracker.root), as_of=AS_OF)
    assert [(a.organisation, a.id, a.days) for a in result.overdue] == [
        ("org-b", "b2", 167),
        ("org-a", "1.1", 76),
        ("org-b", "b1", 76),
    ]


def test_closed_actions_and_undated_files_are_never_stale(tracker: Tracker) -> None:
    tracker.write(
        "data/workplan/org-a.yaml",
        "organisation: org-a\nactions:\n"
        "  - {id: '1', title: a, status: done, completed: 2020-01-01}\n"
        "  - {id: '2', title: b, status: dropped}\n  - {id: '3', title: c}\n",
    )
    tracker.write(
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessments:\n  - {recommendation: 1, rating: red, position: x}\n",
    )
    assert queries_overdue.overdue(load_tracker(tracker.root), as_of=AS_OF, stale_days=0).stale == []


def test_stale_items_say_what_was_last_heard_and_when(tracker: Tracker) -> None:
    """The assessment file was assessed on 15 January; the actions have no progress note, so their
    workplan's `agreed` date (also 15 January) is the last word on them: 152 days before."""
    stale = queries_overdue.overdue(load_tracker(tracker.root), as_of=AS_OF, stale_days=30).stale
    jan = date(2024, 1, 15)
    assert stale == [
        queries_overdue.Stale("action", "org-a", "1.1", "Write the strategy", jan, 152, 1),
        queries_overdue.Stale("action", "org-a", "1.2", "Agree the budget", jan, 152, 1),
        queries_overdue.Stale("assessment", "org-a", "data/assessments/org-a.yaml", "2 assessments", jan, 152, 2),
    ]
    assert queries_overdue.overdue(load_tracker(tracker.root), as_of=AS_OF, stale_days=152).stale == []
