"""A real organisation's first month, editing: `--due` read aloud, the timeline following the due,
option values checked (case-insensitively where the words are fixed) before any data file is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from francis_cli.tracker.corpus import load_tracker

from ..conftest import REPO, RunCli, Tracker


@pytest.fixture
def merton(tmp_path: Path) -> Path:
    """A copy of the bundled tracker: Merton's workplan, Barnet's assessment."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "francis.yaml", root / "francis.yaml")
    return root


@pytest.fixture
def no_data_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the tracker fails the test: the command must refuse before it reads any data file."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tracker was loaded")

    monkeypatch.setattr("francis_cli.tracker.corpus.load_tracker", refuse)


def _action(root: Path, action_id: str) -> object:
    return next(a.model for a in load_tracker(root).actions if a.model.id == action_id)


# 8. --due read aloud; words with no date refused; a due already past warned of.


@pytest.mark.parametrize(
    ("words", "due", "echo"),
    [
        ("next spring", "2027-05", 'due 2027-05 (end of May 2027, read from "next spring")'),
        (
            "end of year",
            "2027-03",
            'due 2027-03 (end of March 2027, the end of the financial year, read from "end of year")',
        ),
        ("Q3 2026/27", "2026-Q4", 'due 2026-Q4 (end of December 2026, read from "Q3 2026/27")'),
        ("Immediate", "2026-07-14", 'due 2026-07-14 (14 July 2026, read from "Immediate")'),
    ],
)
def test_due_words_are_read_aloud(words: str, due: str, echo: str, tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli(
        "action",
        "add",
        "org-a",
        "--section",
        "1",
        "--title",
        "Audit",
        "--lead",
        "DoQ",
        "--due",
        words,
        "--date",
        "2026-07-14",
        root=tracker.root,
    )
    assert (result.exit_code, result.stdout) == (0, "updated data/workplan/org-a.yaml\n"), result.stderr
    assert result.stderr == echo + "\n"
    action = _action(tracker.root, "1.3")
    assert (str(action.due), action.timeline) == (due, words)  # type: ignore[attr-defined]


@pytest.mark.parametrize("words", ["ASAP", "soon", "as soon as possible"])
def test_due_words_with_no_date_are_refused(words: str, tracker: Tracker, run_cli: RunCli, no_data_read: None) -> None:
    result = run_cli("action", "update", "org-a", "1.1", "--due", words, "--date", "2026-07-14", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"francis: --due {words!r} does not say when it is due: write the date, "
        "e.g. --due 2026-08 or --due 'August 2026'\n"
    )


def test_a_new_due_already_past_is_warned_of(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("action", "update", "org-a", "1.1", "--due", "Sept 13", "--date", "2026-07-14", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        'due 2013-09 (end of September 2013, read from "Sept 13")\n'
        "warning: due moved from 2024-03 with no --reason: `francis check --changed-since` will report it\n"
        "warning: due 2013-09 is already past (it ended on 30 September 2013): the action is overdue at once\n"
    )
    result = run_cli(
        "action",
        "add",
        "org-a",
        "--section",
        "1",
        "--title",
        "Audit",
        "--due",
        "2024-05",
        "--date",
        "2026-07-14",
        root=tracker.root,
    )
    assert result.stderr == (
        "warning: due 2024-05 is already past (it ended on 31 May 2024): the action is overdue at once\n"
    )


def test_no_warning_for_a_closed_action(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli(
        "action",
        "update",
        "org-a",
        "1.1",
        "--status",
        "done",
        "--due",
        "2024-03",
        "--date",
        "2026-07-14",
        root=tracker.root,
    )
    assert (result.exit_code, result.stderr) == (0, "")


# 9. A new --due replaces or clears the timeline; --timeline sets it.


def test_a_new_due_clears_the_old_timeline(merton: Path, run_cli: RunCli) -> None:
    before = _action(merton, "1.2")
    assert (str(before.due), before.timeline) == ("2014-04", "April 14")  # type: ignore[attr-defined]
    result = run_cli("action", "update", "merton-ccg", "1.2", "--due", "2014-03", "--dry-run", root=merton)
    assert result.exit_code == 0, result.stderr
    assert "-        due: 2014-04\n-        timeline: April 14\n+        due: 2014-03\n" in result.stdout
    assert run_cli("action", "update", "merton-ccg", "1.2", "--due", "2014-03", root=merton).exit_code == 0
    after = _action(merton, "1.2")
    assert (str(after.due), after.timeline) == ("2014-03", None)  # type: ignore[attr-defined]


def test_timeline_sets_the_words(merton: Path, run_cli: RunCli) -> None:
    result = run_cli(
        "action", "update", "merton-ccg", "1.2", "--due", "2014-03", "--timeline", "Q4 2013/14", root=merton
    )
    assert result.exit_code == 0, result.stderr
    after = _action(merton, "1.2")
    assert (str(after.due), after.timeline) == ("2014-03", "Q4 2013/14")  # type: ignore[attr-defined]
    result = run_cli("action", "update", "merton-ccg", "1.2", "--due", "Sept 13", root=merton)
    after = _action(merton, "1.2")
    assert (str(after.due), after.timeline) == ("2013-09", "Sept 13")  # type: ignore[attr-defined]
    result = run_cli("action", "update", "merton-ccg", "1.2", "--timeline", "", root=merton)
    assert result.exit_code == 0, result.stderr
    after = _action(merton, "1.2")
    assert (str(after.due), after.timeline) == ("2013-09", None)  # type: ignore[attr-defined]
    result = run_cli(
        "action",
        "add",
        "merton-ccg",
        "--section",
        "4",
        "--title",
        "Dashboard",
        "--lead",
        "CSU",
        "--due",
        "2014-03",
        "--timeline",
        "By year end",
        root=merton,
    )
    assert result.exit_code == 0, result.stderr
    added = _action(merton, "4.4")
    assert (str(added.due), added.timeline) == ("2014-03", "By year end")  # type: ignore[attr-defined]


# 10. Option values checked before any data file is read; case-insensitive where the words are fixed.


def test_rating_and_status_in_any_case(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("assess", "org-a", "1", "--rating", "Green", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert (
        next(a.model.rating for a in load_tracker(tracker.root).assessments if a.model.recommendation == 1) == "green"
    )
    result = run_cli("action", "update", "org-a", "1.1", "--status", "Done", "--date", "2024-05-01", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    action = _action(tracker.root, "1.1")
    assert (action.status, str(action.completed)) == ("done", "2024-05-01")  # type: ignore[attr-defined]
    result = run_cli("action", "update", "org-a", "1.2", "--status", "In Progress", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert _action(tracker.root, "1.2").status == "in-progress"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("assess", "org-a", "1", "--rating", "gren"),
            "--rating 'gren' is not one of red, amber, green, blue (did you mean 'green'?)",
        ),
        (
            ("action", "update", "org-a", "1.1", "--status", "dne"),
            "--status 'dne' is not one of not-started, in-progress, done, blocked, dropped (did you mean 'done'?)",
        ),
        (
            ("action", "add", "org-a", "--title", "x", "--lead", "Dr Smith"),
            "--lead 'Dr Smith' cannot be a role id: write the role as data/organisations.yaml names it (e.g. DoQ)",
        ),
        (
            ("action", "add", "org-a", "--title", "x", "--recommendation", "one"),
            "--recommendation 'one' is not a recommendation: write a number (132) or set:number (francis-2013:132)",
        ),
    ],
)
def test_bad_option_values_are_usage_errors(
    args: tuple[str, ...], message: str, tracker: Tracker, run_cli: RunCli, no_data_read: None
) -> None:
    result = run_cli(*args, root=tracker.root)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"francis: {message}\n")


def test_rating_is_checked_against_the_trackers_scheme(tracker: Tracker, run_cli: RunCli, no_data_read: None) -> None:
    tracker.write(
        "francis.yaml",
        "default_set: test-set\nratings:\n  - {id: not-met, label: Not met}\n  - {id: met, label: Met}\n",
    )
    result = run_cli("assess", "org-a", "1", "--rating", "amber", root=tracker.root)
    assert (result.exit_code, result.stderr) == (2, "francis: --rating 'amber' is not one of not-met, met\n")
