"""Gap assessment edits (`edit.assessments`): a file created where there is none; a decision recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker


def test_assess_creates_the_file_when_there_is_none(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("assess", "org-b", "3", "--rating", "green", "--position", "Done: see minutes.", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "created data/assessments/org-b.yaml\n"
    assert (tracker.root / "data/assessments/org-b.yaml").read_text() == (
        "organisation: org-b\nassessments:\n  - recommendation: 3\n    rating: green\n"
        '    position: "Done: see minutes."\n'
    )


def test_assess_records_a_decision_keeping_comments(bundled: Path, run_cli: RunCli) -> None:
    rel = bundled / "data/assessments/barnet-ccg.yaml"
    before = rel.read_text()
    args = ["--decision", "Accepted in part", "--reason", "CQC dialogue first.", "--decided", "2013-05-01"]
    result = run_cli("assess", "barnet-ccg", "141", *args, "--decided-by", "Governing Body", root=bundled)
    assert result.exit_code == 0, result.stderr
    after = rel.read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [
        "    decision: accepted-in-part",
        "    decided: 2013-05-01",
        "    decided_by: Governing Body",
        "    reason: CQC dialogue first.",
    ]
    assert len(after.splitlines()) == len(before.splitlines()) + 4  # nothing else touched, comments kept
    assert "  - recommendation: 141\n    rating: red  # illustrative reading" in after


def test_a_decision_other_than_accepted_without_a_reason_is_refused(bundled: Path, run_cli: RunCli) -> None:
    before = (bundled / "data/assessments/barnet-ccg.yaml").read_bytes()
    result = run_cli("assess", "barnet-ccg", "141", "--decision", "not-accepted", root=bundled)
    assert result.exit_code == 1
    assert "error decision-without-reason recommendation 141 is decided not-accepted" in result.stderr
    assert (bundled / "data/assessments/barnet-ccg.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--decision", "acepted"],
            "--decision 'acepted' is not one of accepted, accepted-in-part, not-accepted, "
            "not-applicable (did you mean 'accepted'?)",
        ),
        (["--decided", "May"], "--decided: 'May' is not a date written YYYY-MM-DD"),
        (["--reason", " "], "--reason is empty"),
    ],
)
def test_decision_options_are_checked_first(bundled: Path, run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli("assess", "barnet-ccg", "141", *args, root=bundled)
    assert (result.exit_code, result.stderr) == (2, f"francis: {message}\n")


def test_assess_records_the_assurance_level(tracker: Tracker, run_cli: RunCli) -> None:
    rel = "data/assessments/org-a.yaml"
    before = (tracker.root / rel).read_text(encoding="utf-8")
    result = run_cli("assess", "org-a", "1", "--assurance", "None", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    after = (tracker.root / rel).read_text(encoding="utf-8")
    assert after == before.replace('    actions: ["1.1"]\n', '    actions: ["1.1"]\n    assurance: no-assurance\n')
    refused = run_cli("assess", "org-a", "1", "--assurance", "Reasonable", root=tracker.root)
    assert refused.exit_code == 1  # no evidence recorded: the edit would add an error
    assert "error assurance-without-evidence recommendation 1 claims reasonable assurance" in refused.stderr
    assert (tracker.root / rel).read_text(encoding="utf-8") == after
    wrong = run_cli("assess", "org-a", "1", "--assurance", "ful", root=tracker.root)
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "francis: --assurance 'ful' is not one of substantial, reasonable, limited, no-assurance\n",
    )


def test_a_not_applicable_decision_on_an_unrated_entry_writes_applicable_false(
    tracker: Tracker, run_cli: RunCli
) -> None:
    reason = "We commission no acute services."
    result = run_cli("assess", "org-a", "3", "--decision", "not-applicable", "--reason", reason, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    text = (tracker.root / "data/assessments/org-a.yaml").read_text()
    assert text.endswith(
        "  - recommendation: 3\n    applicable: false\n    decision: not-applicable\n"
        "    reason: We commission no acute services.\n"
    ), text
    assert run_cli("check", root=tracker.root).exit_code == 0


def test_a_not_applicable_decision_on_a_rated_entry_is_refused_in_one_line(tracker: Tracker, run_cli: RunCli) -> None:
    before = (tracker.root / "data/assessments/org-a.yaml").read_bytes()
    result = run_cli("assess", "org-a", "2", "--decision", "not-applicable", "--reason", "No.", root=tracker.root)
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        "francis: recommendation 2 is rated green: a not-applicable one has no rating "
        "(remove the rating, or give another --decision)"
    ], result.stderr
    assert (tracker.root / "data/assessments/org-a.yaml").read_bytes() == before
    new = run_cli("assess", "org-a", "3", "--rating", "red", "--decision", "not-applicable", root=tracker.root)
    assert new.exit_code != 0 and "recommendation 3 is rated red" in new.stderr


def test_a_decision_may_be_recorded_before_any_rating(tracker: Tracker, run_cli: RunCli) -> None:
    args = ["--decision", "not-accepted", "--reason", "The board prefers its own route."]
    result = run_cli("assess", "org-a", "3", *args, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    text = (tracker.root / "data/assessments/org-a.yaml").read_text()
    assert text.endswith(
        "  - recommendation: 3\n    decision: not-accepted\n    reason: The board prefers its own route.\n"
    ), text
    refused = run_cli("assess", "org-b", "3", "--position", "Nothing yet.", root=tracker.root)
    assert refused.exit_code == 1 and "a `rating` is required" in refused.stderr
