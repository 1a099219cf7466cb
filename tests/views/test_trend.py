"""The trend's view-model (`views.trend`): the figures at each meeting, and charts whose text says them all."""

from __future__ import annotations

from datetime import date

import pytest

from francis_cli.errors import UserError
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.appendices import rating_keys
from francis_cli.views.trend import NOW, Meeting, trend

from ..conftest import Tracker


def meetings(tracker: Tracker) -> list[Meeting]:
    """January as the fixture stands; then March: recommendation 3 red, action 1.1 done, 1.2 overdue."""
    january = load_tracker(tracker.root)
    tracker.write(
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessments:\n"
        "  - {recommendation: 1, rating: amber, position: Partly.}\n"
        "  - {recommendation: 2, rating: green, position: Done.}\n"
        "  - {recommendation: 3, rating: red, position: Not yet.}\n",
    )
    tracker.write(
        "data/workplan/org-a.yaml",
        (tracker.root / "data/workplan/org-a.yaml")
        .read_text(encoding="utf-8")
        .replace("status: in-progress", "status: done\n        completed: 2024-02-28"),
    )
    now = load_tracker(tracker.root)
    return [Meeting("board-2024-01", date(2024, 1, 20), "abc1234", january), Meeting(NOW, date(2024, 7, 10), None, now)]


def test_figures_at_each_meeting(tracker: Tracker) -> None:
    points = meetings(tracker)
    keys = rating_keys(points[-1].corpus.ratings)
    view = trend(points, keys, [("org-a", "Organisation A"), ("org-b", "Organisation B")], "board-*")
    a, b = view.organisations
    assert [c.id for c in view.columns] == ["red", "amber", "green", "blue", "not-applicable", "not-assessed"]
    assert [(p.label, p.ratings, p.open, p.overdue) for p in a.points] == [
        (
            "board-2024-01",
            {"red": 0, "amber": 1, "green": 1, "blue": 0, "not-applicable": 0, "not-assessed": 1},
            2,
            0,
        ),
        ("now", {"red": 1, "amber": 1, "green": 1, "blue": 0, "not-applicable": 0, "not-assessed": 0}, 1, 1),
    ]
    assert [(p.open, p.overdue, p.ratings["not-assessed"]) for p in b.points] == [(0, 0, 3), (0, 0, 3)]
    assert a.ratings_chart is not None and a.actions_chart is not None and b.ratings_chart is None
    assert a.ratings_chart.desc == (
        "Ratings at each board meeting, Organisation A. board-2024-01, 20 January 2024: 0 red, 1 amber, 1 green, "
        "0 blue, 0 not applicable, 1 not assessed. now, 10 July 2024: 1 red, 1 amber, 1 green, 0 blue, "
        "0 not applicable, 0 not assessed."
    )
    assert a.actions_chart.desc == (
        "Open and overdue actions at each board meeting, Organisation A. board-2024-01, 20 January 2024: "
        "2 open, of which 0 overdue. now, 10 July 2024: 1 open, of which 1 overdue."
    )
    bars = a.actions_chart.bars
    assert [b.label for b in bars] == ["board-2024-01, 20 January 2024", "now, 10 July 2024"]
    assert [[(s.id, s.count) for s in bar.segments] for bar in bars] == [
        [("overdue", 0), ("open", 2)],
        [("overdue", 1), ("open", 0)],
    ]
    assert [bar.total for bar in a.ratings_chart.bars] == [2, 3]  # not assessed: in the text and table, not the bars


def test_a_meeting_without_the_set_is_refused(tracker: Tracker) -> None:
    points = meetings(tracker)
    tracker.write("francis.yaml", "default_set: other-set\n")
    broken = Meeting("board-2023-12", date(2023, 12, 1), "def5678", load_tracker(tracker.root))
    with pytest.raises(UserError, match=r"^--trend: no recommendation set 'other-set' at 'board-2023-12'$"):
        trend([broken, *points], rating_keys(points[-1].corpus.ratings), [("org-a", "Organisation A")], "board-*")
