"""The roll-up paper's view-model (`views.rollup.build`): its figures are those of `francis status --by
organisation` and each organisation's workplan, its totals add up, and its text alternatives say every number."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from francis_cli.errors import UserError
from francis_cli.models.vocab import NOT_APPLICABLE, NOT_ASSESSED, StatusBy
from francis_cli.tracker.corpus import Corpus, load_tracker
from francis_cli.tracker.snapshot import figures_of
from francis_cli.views import status as queries
from francis_cli.views.rollup import NAMED_ON_COVER, Rollup, build

from ..conftest import CATALOGUE, REPO, Tracker
from ..papers import AS_OF


def _build(corpus: Corpus, **options: Any) -> Rollup:
    return build(corpus, report=corpus.config.report, **options)


def test_fixture_figures(paper: Tracker) -> None:
    view = _build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF))
    a, b = (o.line for o in view.organisations)
    assert (a.id, a.recommendations, a.assessed, a.not_applicable, a.not_assessed) == ("org-a", 3, 3, 1, 0)
    assert {c.rating.id: c.count for c in a.ratings} == {"red": 0, "amber": 1, "green": 1, "blue": 0}
    assert (a.actions, a.done, a.overdue) == (3, 1, 1)
    assert (b.id, b.assessed, b.not_assessed, b.actions, b.done, b.overdue) == ("org-b", 0, 3, 0, 0, 0)
    t = view.total
    assert (t.recommendations, t.assessed, t.not_applicable, t.not_assessed, t.actions, t.done, t.overdue) == (
        6,
        3,
        1,
        3,
        3,
        1,
        1,
    )
    assert view.cover.organisations == ["Organisation A", "Organisation B"]
    assert view.summary[1] == (
        "Of the 6 assessments due (3 recommendations for each organisation), 3 are made "
        "(1 partially met, 1 met; 1 not applicable) and 3 are not yet made."
    )
    assert view.summary[-1] == "Most overdue actions: Organisation A (1)."


def test_charts_say_every_number(paper: Tracker) -> None:
    view = _build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF))
    a, b = (o.chart for o in view.organisations)
    assert a.desc == "Recommendations by rating, Organisation A: 3 in all; 1 amber, 1 green, 1 not applicable."
    assert b.desc == "Recommendations by rating, Organisation B: 3 in all; 3 not assessed."
    assert [len(c.bars) for c in (a, b)] == [1, 1] and a.legend == []
    assert {s.id: s.count for s in a.bars[0].segments}[NOT_APPLICABLE] == 1
    assert [s.count for s in view.legend] == [0, 1, 1, 0, 1, 3]  # the key: the totals, in the bars' order
    assert len({c.id for c in (a, b)}) == 2


def test_bundled_figures_match_status_by_organisation() -> None:
    corpus = load_tracker(REPO)
    as_of = date(2013, 10, 1)
    view = build(corpus, report=corpus.config.report, as_of=as_of)
    table = queries.status(corpus, by=StatusBy.organisation, as_of=as_of).tables[0]
    assert [o.line.id for o in view.organisations] == [r.key for r in table.rows]
    for org, row in zip(view.organisations, table.rows, strict=True):
        line = org.line
        assert line.not_assessed == row.values[NOT_ASSESSED]
        assert line.not_applicable == row.values[NOT_APPLICABLE]
        assert {c.rating.id: c.count for c in line.ratings} == {r.id: row.values[r.id] for r in corpus.ratings}
        wp = queries.workplan_summary(corpus.actions_of.get(line.id, []), as_of)
        assert (line.actions, line.done, line.overdue) == (wp.actions, wp.by_status["done"], wp.overdue)
    assert table.total is not None
    assert view.total.not_assessed == table.total.values[NOT_ASSESSED]
    assert view.total.actions == sum(o.line.actions for o in view.organisations) > 0


def test_org_chooses_the_rows(paper: Tracker) -> None:
    view = _build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF), orgs=["org-b"])
    assert [o.line.id for o in view.organisations] == ["org-b"]
    assert view.total.actions == 0
    with pytest.raises(UserError, match="no organisation 'org-c'"):
        _build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF), orgs=["org-c"])


def test_many_organisations_are_counted_on_the_cover(tmp_path: Path) -> None:
    t = Tracker(tmp_path / "t")
    t.write("francis.yaml", "default_set: test-set\n")
    t.write("data/recommendations/test-set.yaml", CATALOGUE)
    n = NAMED_ON_COVER + 1
    t.write(
        "data/organisations.yaml",
        "organisations:\n" + "".join(f"  - id: o{i:02d}\n    name: Trust {i:02d}\n" for i in range(n)),
    )
    view = _build(load_tracker(t.root), as_of=date(2024, 1, 1))
    assert view.cover.organisations == [f"{n} organisations, each a row of the summary table"]
    assert len(view.organisations) == n
    assert view.summary[2] == f"0 organisations have assessed every recommendation; {n} have assessed none."


def test_plain_figures_give_the_same_paper(paper: Tracker) -> None:
    """A warm roll-up builds from the snapshot's plain figures: the same paper as from the loaded tracker."""
    corpus = load_tracker(paper.root)
    as_of = date.fromisoformat(AS_OF)
    assert build(figures_of(corpus), report=corpus.config.report, as_of=as_of) == _build(corpus, as_of=as_of)
