"""The paper's charts as data (`views.charts`): a text alternative naming every number."""

from __future__ import annotations

from datetime import date

from francis_cli.models.organisation import Organisation
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.charts import HATCH, OVERDUE, workplan_chart
from francis_cli.views.overdue import LateAction
from francis_cli.views.paper import build
from francis_cli.views.status import WorkplanSummary

from ..conftest import REPO


def test_chart_text_alternative_names_every_number() -> None:
    view = build(load_tracker(REPO), as_of=date(2013, 10, 1))
    chart = view.organisations[0].ratings_chart
    assert chart is not None
    assert chart.desc == (
        "Ratings by theme, NHS Barnet Clinical Commissioning Group. Commissioning for standards: "
        "2 red, 16 amber, 3 green, 1 not applicable. 8 other themes or ranges with no recommendation "
        "assessed yet."
    )


def test_workplan_chart_shows_overdue_first_and_says_every_number() -> None:
    view = build(load_tracker(REPO), as_of=date(2013, 10, 1))
    chart = view.organisations[1].workplan_chart
    assert chart is not None
    assert chart.desc == (
        "Workplan actions by status, NHS Merton Clinical Commissioning Group: 21 actions, 12 of them overdue; "
        "16 not started (10 overdue), 5 in progress (2 overdue), 0 done, 0 blocked, 0 dropped."
    )
    assert [b.label for b in chart.bars] == ["Not started", "In progress", "Done", "Blocked", "Dropped"]
    assert all(b.segments[0].id == OVERDUE and b.segments[0].pattern == HATCH for b in chart.bars)
    assert [[s.count for s in b.segments] for b in chart.bars] == [[10, 6], [2, 3], [0, 0], [0, 0], [0, 0]]
    assert [(s.label, s.pattern) for s in chart.legend] == [("Overdue (12)", HATCH), ("Not overdue (9)", None)]


def _late(status: str) -> LateAction:
    return LateAction("org-a", "1", "T", [], "2024-01", date(2024, 1, 31), 10, status, None, "w.yaml", 1)


def test_workplan_chart_splits_each_status_by_the_overdue_actions_given() -> None:
    org = Organisation(id="org-a", name="Org A")
    summary = WorkplanSummary(7, {"not-started": 3, "in-progress": 2, "done": 1, "blocked": 1, "dropped": 0}, 3, 0, 30)
    chart = workplan_chart(org, summary, [_late("blocked"), _late("not-started"), _late("not-started")])
    assert chart is not None
    assert [[s.count for s in b.segments] for b in chart.bars] == [[2, 1], [0, 2], [0, 1], [1, 0], [0, 0]]
    assert [b.total for b in chart.bars] == [3, 2, 1, 1, 0]
    assert chart.desc.endswith("3 not started (2 overdue), 2 in progress, 1 done, 1 blocked (1 overdue), 0 dropped.")
    assert chart.legend[0].label == "Overdue (3)" and chart.legend[1].label == "Not overdue (4)"
    empty = WorkplanSummary(0, dict.fromkeys(summary.by_status, 0), 0, 0, 30)
    assert workplan_chart(org, empty, []) is None
