"""The review rules (`checks.review`): pure functions of what moved between two loaded trackers.

Each rule is run on a ``Movement`` that ``tracker.movement.compare`` computes from two trackers in
tmp_path, the one before a change and the one after it; it must fire on the change a board would
question, and not once the change says why (a progress note, new evidence, a changed position, a
`due_changes` entry).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from francis_cli.checks.review import RULES, done_without_note, due_changed_without_reason, rating_improved, review
from francis_cli.problems import Problem
from francis_cli.tracker.corpus import load_tracker
from francis_cli.tracker.movement import compare
from francis_cli.tracker.movement_items import Movement, Side

from ..conftest import Tracker

A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"
NOTE = "\n        progress:\n          - date: 2024-02-01\n            note: Approved by the board."

Change = Callable[..., Movement]


@pytest.fixture
def change(tracker: Tracker) -> Change:
    """``change((file, old, new), ...)``: the movement from the small tracker to a copy with those edits."""

    def moved(*edits: tuple[str, str, str]) -> Movement:
        after = Tracker(tracker.root.parent / "after")
        shutil.rmtree(after.root, ignore_errors=True)
        shutil.copytree(tracker.root, after.root)
        for rel, old, new in edits:
            path = after.root / rel
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, old
            path.write_text(text.replace(old, new), encoding="utf-8", newline="")
        before, now = load_tracker(tracker.root), load_tracker(after.root)
        assert before.problems == [] and now.problems == []
        return compare(before, now, Side("before", None, None), Side("after", None, None))

    return moved


def place(tracker: Tracker, rel: str, text: str, nth: int = 0) -> tuple[str, int, int]:
    """Where the ``nth`` ``text`` (``key: value``) stands in the edited copy: its value's line and column."""
    lines = (tracker.root.parent / "after" / rel).read_text(encoding="utf-8").splitlines()
    line = [i for i, t in enumerate(lines, 1) if text in t][nth]
    return rel, line, lines[line - 1].index(text) + text.index(":") + 3


def at(p: Problem) -> tuple[str, int, int]:
    return p.path, p.line, p.col


# --- a rating that got better ---------------------------------------------------------------------------


def test_a_better_rating_with_nothing_new_said_is_questioned(tracker: Tracker, change: Change) -> None:
    movement = change((A, "rating: amber", "rating: green"))
    (p,) = rating_improved(movement)
    assert (p.code, p.severity) == ("rating-improved-without-evidence", "warning")
    assert p.message == (
        "recommendation 1 moved amber → green for 'org-a' with the same position and no new evidence: say what changed"
    )
    assert at(p) == place(tracker, A, "rating: green", nth=0)  # recommendation 1's; 2 was green already


def test_a_better_rating_with_a_changed_position_is_not(change: Change) -> None:
    movement = change(
        (
            A,
            "rating: amber\n    position: Partly in place.",
            "rating: green\n    position: In place since the January audit.",
        )
    )
    assert list(rating_improved(movement)) == []


def test_a_better_rating_with_new_evidence_is_not(change: Change) -> None:
    movement = change((A, "rating: amber", "rating: green\n    evidence: [January audit report]"))
    assert list(rating_improved(movement)) == []


def test_a_position_only_reflowed_is_not_a_changed_position(change: Change) -> None:
    movement = change(
        (
            A,
            "rating: amber\n    position: Partly in place.",
            "rating: green\n    position: >\n      Partly\n      in   place.",
        )
    )
    assert [p.code for p in rating_improved(movement)] == ["rating-improved-without-evidence"]


def test_evidence_already_there_is_not_new(change: Change, tracker: Tracker) -> None:
    tracker.write(A, (tracker.root / A).read_text().replace("rating: amber", "rating: amber\n    evidence: [Minutes]"))
    movement = change((A, "rating: amber\n    evidence: [Minutes]", "rating: green\n    evidence: [Minutes]"))
    assert [p.code for p in rating_improved(movement)] == ["rating-improved-without-evidence"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rating: green\n    position: In place.", "rating: amber\n    position: In place."),  # worse
        ("rating: green\n    position: In place.", "applicable: false\n    reason: National."),  # not rated any more
    ],
)
def test_a_rating_that_did_not_get_better_is_not_questioned(change: Change, old: str, new: str) -> None:
    movement = change((A, old, new))
    assert movement.organisations[0].ratings  # it moved
    assert list(rating_improved(movement)) == []


def test_a_newly_assessed_recommendation_is_not_an_improvement(change: Change) -> None:
    movement = change(
        (
            A,
            "    position: In place.\n",
            "    position: In place.\n  - recommendation: 3\n    rating: blue\n    position: Embedded.\n",
        )
    )
    assert list(rating_improved(movement)) == []


# --- an action marked done ------------------------------------------------------------------------------


def test_done_with_no_note_is_questioned(tracker: Tracker, change: Change) -> None:
    movement = change((W, "status: in-progress", "status: done\n        completed: 2024-02-01"))
    (p,) = done_without_note(movement)
    assert (p.code, p.severity) == ("done-without-note", "warning")
    assert p.message == ("action '1.1' of 'org-a' is marked done with no new progress note saying what was delivered")
    assert at(p) == place(tracker, W, "status: done")


def test_done_with_a_note_added_is_not(change: Change) -> None:
    movement = change((W, "status: in-progress", "status: done\n        completed: 2024-02-01" + NOTE))
    assert list(done_without_note(movement)) == []


def test_a_note_from_before_is_not_a_new_one(change: Change, tracker: Tracker) -> None:
    tracker.write(W, (tracker.root / W).read_text().replace("status: in-progress", "status: in-progress" + NOTE))
    movement = change((W, "status: in-progress", "status: done\n        completed: 2024-02-01"))
    assert [p.code for p in done_without_note(movement)] == ["done-without-note"]


def test_an_action_added_already_done_or_dropped_is_not_questioned(change: Change) -> None:
    added = '\n      - id: "1.3"\n        title: Publish it\n        status: done\n        completed: 2024-02-01\n'
    movement = change(
        (W, "        due: 2024-Q2\n", "        due: 2024-Q2" + added), (W, "status: in-progress", "status: dropped")
    )
    assert [a.kind for a in movement.organisations[0].actions] == ["dropped", "added"]
    assert list(done_without_note(movement)) == []


# --- a due date moved -----------------------------------------------------------------------------------

WHY = (
    "\n        due_changes:\n          - date: 2024-02-01\n            was: 2024-Q2\n"
    "            reason: Budget waits for the allocation."
)


def test_a_due_date_moved_later_with_no_reason_is_an_error(tracker: Tracker, change: Change) -> None:
    movement = change((W, "due: 2024-Q2", "due: 2024-Q4"))
    (p,) = due_changed_without_reason(movement)
    assert (p.code, p.severity) == ("due-changed-without-reason", "error")
    assert p.message == (
        "action '1.2' of 'org-a' is now due 2024-Q4, 184 days later than 2024-Q2, with no reason: add to its "
        "`due_changes` an entry with `date`, `was: 2024-Q2` and `reason`, or put `due` back to 2024-Q2 and run "
        "francis action update org-a 1.2 --due 2024-Q4 --reason WHY"
    )
    assert at(p) == place(tracker, W, "due: 2024-Q4")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("due: 2024-Q2", "due: 2024-04", "is now due 2024-04, 61 days earlier than 2024-Q2"),
        ("        due: 2024-Q2\n", "", "no longer has a due date (it was 2024-Q2)"),
    ],
)
def test_every_change_of_a_due_date_needs_a_reason(change: Change, old: str, new: str, words: str) -> None:
    (p,) = due_changed_without_reason(change((W, old, new)))
    assert p.message.startswith(f"action '1.2' of 'org-a' {words}, with no reason")


def test_a_due_change_entry_added_with_the_move_is_the_reason(change: Change) -> None:
    movement = change((W, "due: 2024-Q2", "due: 2024-Q4" + WHY))
    (due,) = movement.organisations[0].due
    assert due.reason == "Budget waits for the allocation."
    assert list(due_changed_without_reason(movement)) == []


def test_a_progress_note_is_not_a_reason_for_the_record(change: Change) -> None:
    movement = change((W, "due: 2024-Q2", "due: 2024-Q4" + NOTE))
    assert [p.code for p in due_changed_without_reason(movement)] == ["due-changed-without-reason"]


def test_a_reason_for_another_due_is_not_this_ones(change: Change) -> None:
    movement = change((W, "due: 2024-Q2", "due: 2024-Q4" + WHY.replace("was: 2024-Q2", "was: 2024-Q1")))
    assert [p.code for p in due_changed_without_reason(movement)] == ["due-changed-without-reason"]


def test_an_old_reason_does_not_answer_a_new_move(change: Change, tracker: Tracker) -> None:
    tracker.write(W, (tracker.root / W).read_text().replace("due: 2024-Q2", "due: 2024-Q2" + WHY))
    movement = change((W, "due: 2024-Q2", "due: 2025-Q1"))
    assert [p.code for p in due_changed_without_reason(movement)] == ["due-changed-without-reason"]


def test_the_same_last_day_written_more_precisely_is_not_a_change(change: Change) -> None:
    assert list(due_changed_without_reason(change((W, "due: 2024-03", "due: 2024-03-31")))) == []


def test_a_due_date_set_for_the_first_time_is_not_a_change(change: Change, tracker: Tracker) -> None:
    tracker.write(W, (tracker.root / W).read_text().replace("        due: 2024-Q2\n", ""))
    movement = change((W, "lead: [DoQ, CFO]", "lead: [DoQ, CFO]\n        due: 2025"))
    (due,) = movement.organisations[0].due
    assert (due.old, due.new, due.days) == (None, "2025", None)
    assert list(due_changed_without_reason(movement)) == []


# --- all of them ------------------------------------------------------------------------------------------


def test_review_runs_every_rule_in_order(change: Change) -> None:
    movement = change(
        (A, "rating: amber", "rating: green"),
        (W, "due: 2024-Q2", "due: 2024-Q4"),
        (W, "status: in-progress", "status: done\n        completed: 2024-02-01"),
    )
    assert [p.code for p in review(movement)] == [
        "rating-improved-without-evidence",
        "done-without-note",
        "due-changed-without-reason",
    ]
    assert (rating_improved, done_without_note, due_changed_without_reason) == RULES


def test_no_movement_no_questions(change: Change) -> None:
    movement = change()
    assert movement.empty and review(movement) == []
