"""Rules on decisions, scopes and response clocks (`checks.assessments`, `checks.catalogue`), each
at its line and column, run through `francis check` on a small tracker."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ..conftest import CATALOGUE, RunCli, Tracker

A = "data/assessments/org-a.yaml"
S = "data/recommendations/test-set.yaml"


def lines(out: str) -> list[str]:
    return out.splitlines()


def assessment(*entries: str, head: str = "") -> str:
    return "organisation: org-a\n" + head + "assessments:\n" + "".join(entries)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "  - recommendation: 1\n    rating: amber\n    position: P.\n    decision: not-accepted\n",
            "6:15: error decision-without-reason recommendation 1 is decided not-accepted: a `reason` must say why",
        ),
        (
            "  - recommendation: 1\n    rating: amber\n    position: P.\n    decided_by: Board\n",
            "6:5: error decided-without-decision recommendation 1 has `decided_by` but no `decision`",
        ),
        (
            "  - recommendation: 1\n    applicable: false\n    reason: National.\n    decision: accepted\n",
            "6:15: error decision-conflict recommendation 1 is `applicable: false` but decided accepted: "
            "write `decision: not-applicable`, or rate it",
        ),
        (
            "  - recommendation: 1\n    rating: red\n    position: P.\n    decision: not-applicable\n"
            "    reason: Not ours.\n",
            "6:15: error decision-conflict recommendation 1 is decided not-applicable but rated: "
            "write `applicable: false` instead of a rating",
        ),
    ],
)
def test_decision_rules_at_their_key(tracker: Tracker, run_cli: RunCli, entry: str, expected: str) -> None:
    tracker.write(A, assessment(entry))
    result = run_cli("check", root=tracker.root)
    assert f"{A}:{expected}" in lines(result.stdout), result.stdout
    assert result.exit_code == 1


def test_a_whole_decision_is_clean(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        A,
        assessment(
            "  - recommendation: 1\n    rating: amber\n    position: P.\n    decision: accepted-in-part\n"
            "    decided: 2024-02-01\n    decided_by: Quality Committee\n    reason: Only the audit part.\n",
            "  - recommendation: 2\n    applicable: false\n    decision: not-applicable\n    reason: National.\n",
            "  - recommendation: 3\n    rating: green\n    position: P.\n    decision: accepted\n",
            head="scope: [1, 2-3]\n",
        ),
    )
    result = run_cli("check", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, ""), result.stdout


def test_a_decided_date_must_be_a_date(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        A,
        assessment(
            "  - recommendation: 1\n    rating: red\n    position: P.\n    decision: accepted\n    decided: soon\n"
        ),
    )
    result = run_cli("check", root=tracker.root)
    assert any(line.startswith(f"{A}:7:14: error invalid-date") for line in lines(result.stdout)), result.stdout


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (
            "scope: 1-5\n",
            "2:8: error unknown-recommendation scope: set 'test-set' has no recommendation 4 (nor 1 more of 1-5)",
        ),
        ("scope: [2, 9]\n", "2:8: error unknown-recommendation scope: set 'test-set' has no recommendation 9"),
        ("scope: 3-1\n", "2:8: error invalid-value"),
        (
            "scope: 1-2\n",
            "4:21: warning outside-scope recommendation 3 is outside this file's scope (1-2): "
            "widen the scope or move it",
        ),
        ("scope: []\n", "2:8: error invalid-value"),
        ("scope: one\n", "2:8: error invalid-value"),
    ],
)
def test_scope_rules(tracker: Tracker, run_cli: RunCli, scope: str, expected: str) -> None:
    tracker.write(A, assessment("  - recommendation: 3\n    rating: red\n    position: P.\n", head=scope))
    result = run_cli("check", root=tracker.root)
    assert any(line.startswith(f"{A}:{expected}") for line in lines(result.stdout)), result.stdout
    again = run_cli("check", root=tracker.root)  # from the snapshot: the same lines
    assert again.stdout == result.stdout


def clock(tracker: Tracker, line: str) -> None:
    tracker.write(
        S, CATALOGUE.replace("title: A test recommendation set\n", f"title: A test recommendation set\n{line}")
    )


def test_a_decision_overdue_once_the_clock_has_run(tracker: Tracker, run_cli: RunCli) -> None:
    clock(tracker, "published: 2024-01-01\nresponse_days: 56\n")
    tracker.write(
        A,
        assessment(
            "  - recommendation: 1\n    rating: amber\n    position: P.\n    decision: accepted\n",
            "  - recommendation: 2\n    rating: green\n    position: P.\n",
            head="scope: 1-2\n",
        ),
    )
    result = run_cli("check", root=tracker.root)
    assert lines(result.stdout) == [
        f"{A}:2:8: warning decision-overdue 1 of 2 recommendations in scope have no decision, due by 2024-02-26 "
        "(the response clock of set 'test-set'): 2"
    ]
    assert result.exit_code == 0


def test_without_a_scope_the_whole_set_is_on_the_clock(tracker: Tracker, run_cli: RunCli) -> None:
    clock(tracker, "respond_by: 2024-03-31\n")
    result = run_cli("check", root=tracker.root)
    assert lines(result.stdout) == [
        f"{A}:1:15: warning decision-overdue 3 of 3 recommendations in scope have no decision, due by 2024-03-31 "
        "(the response clock of set 'test-set'): 1-3"
    ]


def test_a_clock_not_yet_run_says_nothing(tracker: Tracker, run_cli: RunCli) -> None:
    clock(tracker, f"respond_by: {(date.today() + timedelta(days=1)).isoformat()}\n")
    assert run_cli("check", root=tracker.root).stdout == ""
    clock(tracker, f"respond_by: {date.today().isoformat()}\n")  # the last day to decide is not late
    assert run_cli("check", root=tracker.root).stdout == ""


@pytest.mark.parametrize(
    ("lines_", "expected"),
    [
        (
            "published: 2024-01-01\nresponse_days: 56\nrespond_by: 2024-03-01\n",
            "4:1: error response-clock give `respond_by` or `response_days`, not both",
        ),
        (
            "response_days: 56\n",
            "3:1: error response-clock `response_days: 56` counts from `published`, which this set does not give",
        ),
        ("response_days: 0\n", "3:16: error invalid-value"),
    ],
)
def test_a_response_clock_that_cannot_be_worked_out(
    tracker: Tracker, run_cli: RunCli, lines_: str, expected: str
) -> None:
    clock(tracker, lines_)
    result = run_cli("check", root=tracker.root)
    assert any(line.startswith(f"{S}:{expected}") for line in lines(result.stdout)), result.stdout
    assert "decision-overdue" not in result.stdout
