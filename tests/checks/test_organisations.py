"""Rules on data/organisations.yaml (`checks.organisations`), and the settings file's name and
`silence:` that decide what check reports."""

from __future__ import annotations

from ..conftest import RunCli, Tracker


def test_a_missing_organisations_file_is_one_problem(tracker: Tracker, run_cli: RunCli) -> None:
    (tracker.root / "data/organisations.yaml").unlink()
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert result.stdout == (
        "data/organisations.yaml:0:0: error missing-file missing: the tracker's organisations and the roles "
        "that lead their actions (francis init writes it)\n"
    )


def test_a_tracker_without_assessments_or_workplans_needs_no_organisations(tracker: Tracker, run_cli: RunCli) -> None:
    for rel in ("data/organisations.yaml", "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"):
        (tracker.root / rel).unlink()
    assert run_cli("check", root=tracker.root).exit_code == 0


def test_a_misnamed_settings_file_is_pointed_out(tracker: Tracker, run_cli: RunCli) -> None:
    (tracker.root / "francis.yaml").rename(tracker.root / "francis.yml")
    result = run_cli("check", root=tracker.root)
    assert (
        "francis.yml:0:0: warning unknown-file not read: francis's settings file is francis.yaml; rename this "
        "file\n" in result.stdout
    )


def test_warnings_a_tracker_lives_with_can_be_silenced(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        "data/recommendations/test-set.yaml",
        (tracker.root / "data/recommendations/test-set.yaml")
        .read_text()
        .replace("    text: The third recommendation.\n", ""),
    )
    noisy = run_cli("check", root=tracker.root)
    assert " warning not-transcribed " in noisy.stdout
    tracker.write("francis.yaml", "default_set: test-set\nsilence: [not-transcribed]\n")
    quiet = run_cli("check", root=tracker.root)
    assert (quiet.exit_code, " not-transcribed " in quiet.stdout) == (0, False)
    tracker.write("francis.yaml", "default_set: test-set\nsilence: [unknown-role]\n")
    refused = run_cli("check", root=tracker.root)
    assert refused.exit_code == 1
    assert (
        "francis.yaml:2:11: error invalid-value silence: 'unknown-role' is not one of: not-transcribed, "
        "missing-position, no-due\n"
    ) in refused.stdout
