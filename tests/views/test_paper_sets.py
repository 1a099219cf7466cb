"""The board paper of a tracker with two recommendation sets in use (`views.paper_sets`): grouped by set."""

from __future__ import annotations

from datetime import date

import pytest

from francis_cli.errors import UserError
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.paper_sets import build

from ..conftest import RunCli, Tracker
from ..papers import AS_OF

SECOND = """\
set: second
title: Second inquiry report
themes:
  - id: safety
    title: Safety
recommendations:
  - number: 1
    theme: safety
    text: The second set's first recommendation.
  - number: 2
    theme: safety
    text: The second set's second recommendation.
"""

SECOND_ASSESSMENT = """\
organisation: org-a
set: second
assessed: 2024-02-01
assessments:
  - recommendation: 2
    rating: red
    position: Not started.
"""

BOTH = """\
organisation: org-a
title: Joint workplan
actions:
  - id: J1
    title: Answer both inquiries
    lead: DoQ
    due: 2024-04
    status: in-progress
    recommendations: [1, "second:2"]
"""


@pytest.fixture
def two_sets(paper: Tracker) -> Tracker:
    """The paper fixture, with a second set, an assessment against it and an action citing both."""
    paper.write("data/recommendations/second.yaml", SECOND)
    paper.write("data/assessments/org-a-second.yaml", SECOND_ASSESSMENT)
    paper.write("data/workplan/org-a-joint.yaml", BOTH)
    return paper


def test_grouped_by_set(two_sets: Tracker) -> None:
    view = build(load_tracker(two_sets.root), as_of=date.fromisoformat(AS_OF))
    assert [(p.id, p.title) for p in view.sets] == [
        ("test-set", "A test recommendation set"),
        ("second", "Second inquiry report"),
    ]
    a = view.organisations[0]
    first, second = (o for _, o in view.per_set("org-a"))
    assert (first.summary.assessed, first.summary.recommendations) == (3, 3)
    assert (second.summary.assessed, second.summary.recommendations) == (1, 2)
    assert {c.rating.id: c.count for c in second.summary.ratings}["red"] == 1
    assert [[i.number for i in g.items] for g in second.appendix_a] == [[2]]
    assert a.summary.workplan.actions == 4  # the whole workplan: both files, every set
    assert a.refs("J1") == "1, second:2"
    assert a.refs("1.2") is None  # cites nothing
    assert second.assurance is not None and second.assurance.actions == []  # actions' assurance once, first part
    assert "Second inquiry report" in view.cover.title and "A test recommendation set" in view.cover.title


def test_one_set_chosen(two_sets: Tracker) -> None:
    view = build(load_tracker(two_sets.root), as_of=date.fromisoformat(AS_OF), set_id="second")
    assert (view.set_id, view.sets) == ("second", [])
    a = view.organisations[0]
    assert [x.id for g in a.appendix_b for x in g.actions] == ["J1"]  # only the actions citing it
    assert (a.summary.assessed, a.summary.recommendations) == (1, 2)


def test_unknown_set_refused(two_sets: Tracker) -> None:
    with pytest.raises(UserError, match=r"'third' is not a recommendation set .*known: test-set, second"):
        build(load_tracker(two_sets.root), as_of=date.fromisoformat(AS_OF), set_id="third")


def test_one_set_in_use_is_not_grouped(paper: Tracker) -> None:
    paper.write("data/recommendations/second.yaml", SECOND)  # held, but nothing assessed or cited
    assert build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF)).sets == []


@pytest.mark.parametrize("fmt,ext", [("markdown", "md"), ("html", "html")])
def test_golden(two_sets: Tracker, run_cli: RunCli, golden, fmt: str, ext: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", AS_OF, "--format", fmt, root=two_sets.root)
    assert result.exit_code == 0, result.stderr
    golden(f"report-sets.{ext}", result.stdout)
