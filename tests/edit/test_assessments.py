"""Gap assessment edits (`edit.assessments`): a file created where there is none."""

from __future__ import annotations

from ..conftest import RunCli, Tracker


def test_assess_creates_the_file_when_there_is_none(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("assess", "org-b", "3", "--rating", "green", "--position", "Done: see minutes.", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "created data/assessments/org-b.yaml\n"
    assert (tracker.root / "data/assessments/org-b.yaml").read_text() == (
        "organisation: org-b\nassessments:\n  - recommendation: 3\n    rating: green\n"
        '    position: "Done: see minutes."\n'
    )
