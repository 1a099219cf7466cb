"""The review rules (`checks.review`): pure functions of what moved between two loaded trackers.

Each rule is run on a ``Movement`` that ``tracker.movement.compare`` computes from two trackers in
tmp_path, the one before a change and the one after it; it must fire on the change a board would
question, and not once the change says why (a progress note, new evidence, a changed position).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from francis_cli.checks.review import RULES, done_without_note, due_moved_without_note, rating_improved, review
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


def test_a_due_date_moved_later_with_no_note_is_questioned(tracker: Tracker, change: Change) -> None:
    movement = change((W, "due: 2024-Q2", "due: 2024-Q4"))
    (p,) = due_moved_without_note(movement)
    assert (p.code, p.severity) == ("due-moved-without-note", "warning")
    assert p.message == (
        "action '1.2' of 'org-a' is now due 2024-Q4, 184 days later than 2024-Q2, with no new progress note saying why"
    )
    assert at(p) == place(tracker, W, "due: 2024-Q4")


def test_a_due_date_moved_later_with_a_note_is_not(change: Change) -> None:
    movement = change((W, "due: 2024-Q2", "due: 2024-Q4" + NOTE))
    assert list(due_moved_without_note(movement)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("due: 2024-Q2", "due: 2024-04"),  # earlier: good news needs no excuse
        ("        due: 2024-Q2\n", ""),  # no due date any more: `no-due` says so
        ("due: 2024-03", "due: 2024-03-31"),  # the same last day, written more precisely
    ],
)
def test_a_due_date_not_moved_later_is_not_questioned(change: Change, old: str, new: str) -> None:
    movement = change((W, old, new))
    assert list(due_moved_without_note(movement)) == []


def test_a_due_date_set_for_the_first_time_is_not_slippage(change: Change, tracker: Tracker) -> None:
    tracker.write(W, (tracker.root / W).read_text().replace("        due: 2024-Q2\n", ""))
    movement = change((W, "lead: [DoQ, CFO]", "lead: [DoQ, CFO]\n        due: 2025"))
    (due,) = movement.organisations[0].due
    assert (due.old, due.new, due.days) == (None, "2025", None)
    assert list(due_moved_without_note(movement)) == []


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
        "due-moved-without-note",
    ]
    assert (rating_improved, done_without_note, due_moved_without_note) == RULES


def test_no_movement_no_questions(change: Change) -> None:
    movement = change()
    assert movement.empty and review(movement) == []
