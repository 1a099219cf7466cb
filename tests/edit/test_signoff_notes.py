"""An edit of signed-off content says which sign-off it voids, and the exact command that approves
the item again (``edit.signoff.voided_notes``); the command, run as given, does."""

from __future__ import annotations

import shlex

from ..conftest import RunCli, Tracker


def _signed(run_cli: RunCli, tracker: Tracker, ref: str, by: str, when: str) -> None:
    result = run_cli("signoff", "org-a", ref, "--by", by, "--date", when, root=tracker.root)
    assert result.exit_code == 0, result.stderr


def _command(note: str) -> list[str]:
    return shlex.split(note.split("`")[1])[1:]


def test_assessing_again_voids_the_sign_off_and_says_how_to_renew_it(tracker: Tracker, run_cli: RunCli) -> None:
    _signed(run_cli, tracker, "1", "CFO", "2024-02-01")
    result = run_cli("assess", "org-a", "1", "--rating", "red", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "updated data/assessments/org-a.yaml\n")
    assert result.stderr == (
        "note: recommendation 1 of 'org-a' changed: the sign-off by CFO on 2024-02-01 no longer matches it "
        "and must be approved again with `francis signoff org-a 1 --by CFO`\n"
    )
    assert "signoff-stale" in run_cli("check", root=tracker.root).stdout
    again = run_cli(*_command(result.stderr), root=tracker.root)
    assert again.exit_code == 0, again.stderr
    assert "signoff-stale" not in run_cli("check", root=tracker.root).stdout


def test_an_action_edit_and_evidence_say_it_too(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("action", "update", "org-a", "1.1", "--status", "blocked", root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, "")  # 1.1 was never signed off
    _signed(run_cli, tracker, "1.1", "CFO", "2024-03-03")  # its lead is the DoQ
    noted = run_cli("action", "note", "org-a", "1.1", "Waiting on the CSU.", "--date", "2024-03-04", root=tracker.root)
    assert noted.stderr == (
        "note: action '1.1' of 'org-a' changed: the sign-off by CFO on 2024-03-03 no longer matches it "
        "and must be approved again with `francis signoff org-a 1.1 --by CFO`\n"
    )
    tracker.write("docs/audit.md", "# Audit\n")
    _signed(run_cli, tracker, "2", "DoQ", "2024-03-05")
    args = ("evidence", "add", "org-a", "2", "--title", "Audit", "--location", "docs/audit.md")
    added = run_cli(*args, root=tracker.root)
    assert added.exit_code == 0, added.stderr
    assert added.stderr.endswith(
        "by DoQ on 2024-03-05 no longer matches it and must be approved again with `francis signoff org-a 2 --by DoQ`\n"
    )


def test_no_note_when_the_meaning_stays_or_the_sign_off_had_lapsed(tracker: Tracker, run_cli: RunCli) -> None:
    _signed(run_cli, tracker, "1", "CFO", "2024-02-01")
    same = run_cli("assess", "org-a", "1", "--rating", "AMBER", root=tracker.root)  # the rating it has
    assert (same.stdout, same.stderr) == ("nothing to change\n", "")
    first = run_cli("assess", "org-a", "1", "--position", "Half in place.", root=tracker.root)
    assert first.stderr.count("note: ") == 1
    second = run_cli("assess", "org-a", "1", "--position", "Mostly in place.", root=tracker.root)
    assert (second.exit_code, second.stderr) == (0, "")  # voided already, and said so


def test_a_dry_run_says_what_the_edit_would_void_and_writes_nothing(tracker: Tracker, run_cli: RunCli) -> None:
    _signed(run_cli, tracker, "1", "CFO", "2024-02-01")
    before = (tracker.root / "data/assessments/org-a.yaml").read_bytes()
    result = run_cli("assess", "org-a", "1", "--rating", "red", "--dry-run", root=tracker.root)
    assert result.exit_code == 0 and result.stdout.startswith("---")
    assert result.stderr == (
        "note: recommendation 1 of 'org-a' would change: the sign-off by CFO on 2024-02-01 would no longer match "
        "it and would have to be approved again with `francis signoff org-a 1 --by CFO`\n"
    )
    assert (tracker.root / "data/assessments/org-a.yaml").read_bytes() == before


def test_each_role_whose_sign_off_it_voids_is_named(tracker: Tracker, run_cli: RunCli) -> None:
    _signed(run_cli, tracker, "1", "CFO", "2024-02-01")
    _signed(run_cli, tracker, "1", "DoQ", "2024-02-02")
    result = run_cli("assess", "org-a", "1", "--rating", "green", root=tracker.root)
    assert [_command(line)[-1] for line in result.stderr.splitlines()] == ["CFO", "DoQ"]


def test_the_command_names_the_set_where_a_bare_number_is_also_an_action(tracker: Tracker, run_cli: RunCli) -> None:
    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text().replace('id: "1.2"', 'id: "2"'), encoding="utf-8")
    _signed(run_cli, tracker, "test-set:2", "CFO", "2024-02-01")
    result = run_cli("assess", "org-a", "2", "--rating", "amber", root=tracker.root)
    assert _command(result.stderr) == ["signoff", "org-a", "test-set:2", "--by", "CFO"]
    assert run_cli(*_command(result.stderr), root=tracker.root).exit_code == 0
