"""``francis check --as-of``: the tracker checked as at a board meeting, every rule of a day judged
on it, and the snapshot a plain ``check`` reads never answering for another day."""

from __future__ import annotations

import json
from datetime import date, timedelta

from francis_cli.tracker import snapshot

from ..conftest import CATALOGUE, RunCli, Tracker
from ..gitrepo import GitRepo

EXPIRES = "2026-06-30"


def _with_evidence(tracker: Tracker, expires: str = EXPIRES) -> Tracker:
    tracker.write("docs/audit.md", "# Audit\n")
    path = tracker.root / "data/assessments/org-a.yaml"
    record = (
        "    evidence:\n"
        "      - title: Bed audit\n"
        "        location: docs/audit.md\n"
        "        owner: DoQ\n"
        f"        expires: {expires}\n"
    )
    text = path.read_text(encoding="utf-8").replace('    actions: ["1.1"]\n', f'    actions: ["1.1"]\n{record}')
    path.write_text(text, encoding="utf-8")
    return tracker


def _codes(run_cli: RunCli, tracker: Tracker, *args: str) -> list[tuple[str, int, str]]:
    result = run_cli("check", "--format", "json", *args, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    return [(p["path"], p["line"], p["code"]) for p in json.loads(result.stdout)]


def test_evidence_is_stale_only_after_its_expiry_as_of_the_day_given(tracker: Tracker, run_cli: RunCli) -> None:
    _with_evidence(tracker)
    assert _codes(run_cli, tracker, "--as-of", "2026-06-01") == []
    assert _codes(run_cli, tracker, "--as-of", EXPIRES) == []  # on the day itself it still holds
    stale = run_cli("check", "--as-of", "2026-07-01", root=tracker.root)
    assert stale.exit_code == 0
    assert stale.stdout == (
        "data/assessments/org-a.yaml:12:18: warning evidence-stale evidence 'Bed audit' of recommendation 1 "
        "expired on 2026-06-30; the rating 'amber' rests on it: review it, and record the new date\n"
    )


def test_the_response_clock_runs_on_the_day_given(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("data/recommendations/test-set.yaml", CATALOGUE.replace("themes:", "respond_by: 2024-03-31\nthemes:"))
    assert "decision-overdue" not in [c for _, _, c in _codes(run_cli, tracker, "--as-of", "2024-03-31")]
    assert "decision-overdue" in [c for _, _, c in _codes(run_cli, tracker, "--as-of", "2024-04-01")]


def test_another_day_never_gets_todays_snapshot_nor_replaces_it(tracker: Tracker, run_cli: RunCli) -> None:
    today = date.today()
    _with_evidence(tracker, (today - timedelta(days=1)).isoformat())
    plain = run_cli("check", root=tracker.root)
    assert "evidence-stale" in plain.stdout
    assert snapshot.read(tracker.root) is not None  # today's findings kept
    before = (today - timedelta(days=2)).isoformat()
    assert snapshot.read(tracker.root, date.fromisoformat(before)) is None  # they do not hold on another day
    assert run_cli("check", "--as-of", before, root=tracker.root).stdout == ""
    assert snapshot.read(tracker.root) is not None  # and the check as at that day left them in place
    assert run_cli("check", root=tracker.root).stdout == plain.stdout
    assert run_cli("check", "--as-of", today.isoformat(), root=tracker.root).stdout == plain.stdout


def test_findings_of_no_day_are_served_warm_for_any_day(tracker: Tracker, run_cli: RunCli) -> None:
    """Without a response clock or a dated record nothing depends on the day: the snapshot answers."""
    plain = run_cli("check", root=tracker.root)
    assert plain.exit_code == 0
    assert snapshot.read(tracker.root, date(2013, 10, 1)) is not None
    assert run_cli("check", "--as-of", "2013-10-01", root=tracker.root).stdout == plain.stdout


def test_strict_makes_a_stale_record_an_error_only_once_it_is_stale(tracker: Tracker, run_cli: RunCli) -> None:
    _with_evidence(tracker)
    strict = run_cli("check", "--strict", "--as-of", "2026-07-01", root=tracker.root)
    assert (strict.exit_code, strict.stdout.split()[1:3]) == (1, ["error", "evidence-stale"])
    assert run_cli("check", "--strict", "--as-of", "2026-06-01", root=tracker.root).exit_code == 0


def test_changed_since_judges_the_changed_file_on_the_day_given(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("docs/audit.md", "# Audit\n")
    repo.commit("An audit", "2024-02-01T10:00:00+00:00")
    _with_evidence(Tracker(repo.root))
    before = run_cli("check", "--changed-since", "HEAD", "--as-of", "2026-06-01", root=repo.root)
    assert (before.exit_code, before.stdout) == (0, "")
    after = run_cli("check", "--changed-since", "HEAD", "--as-of", "2026-07-01", root=repo.root)
    assert (after.exit_code, after.stdout.split()[1:3]) == (0, ["warning", "evidence-stale"])


def test_a_bad_date_is_a_usage_error(tracker: Tracker, run_cli: RunCli) -> None:
    for bad in ("2026-02-30", "tomorrow", "30/06/2026"):
        result = run_cli("check", "--as-of", bad, root=tracker.root)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"francis: --as-of: {bad!r} is not a date written YYYY-MM-DD\n"
