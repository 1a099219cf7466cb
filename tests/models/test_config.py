"""francis.yaml's model (`models.config`): its report settings are checked like any other file's keys."""

from __future__ import annotations

from ..conftest import RunCli, Tracker


def test_report_settings_are_checked(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", "default_set: test-set\nreport:\n  meting: Board\n  purpose: decide\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert (
        "francis.yaml:3:3: error unknown-key unknown key 'meting' (did you mean 'meeting'?)\n"
        "francis.yaml:4:12: error invalid-value purpose: 'decide' is not one of: decision, assurance, information\n"
    ) in result.stdout
