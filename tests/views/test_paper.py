"""The board paper's view-model (`views.paper.build`): every figure against the fixture and the status queries."""

from __future__ import annotations

from datetime import date

from francis_cli.models.vocab import NOT_ASSESSED
from francis_cli.render.paper import render
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import overdue as queries_overdue
from francis_cli.views import status as queries
from francis_cli.views.paper import build

from ..conftest import REPO, Tracker
from ..papers import AS_OF


def test_fixture_figures(paper: Tracker) -> None:
    view = build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF))
    a, b = view.organisations
    assert (
        a.summary.recommendations,
        a.summary.assessed,
        a.summary.rated,
        a.summary.not_applicable,
        a.summary.not_assessed,
    ) == (3, 3, 2, 1, 0)
    assert {c.rating.id: c.count for c in a.summary.ratings} == {"red": 0, "amber": 1, "green": 1, "blue": 0}
    wp = a.summary.workplan
    assert (wp.actions, wp.by_status["done"], wp.by_status["in-progress"], wp.overdue, wp.due_soon) == (3, 1, 1, 1, 1)
    assert [(x.id, x.days) for x in a.overdue] == [("1.1", 71)]
    assert [(x.id, x.days) for x in a.due_soon] == [("1.2", -20)]
    assert [[i.number for i in g.items] for g in a.appendix_a] == [[1, 2], [3]]
    row = a.appendix_b[0].actions[0]
    assert (row.due, row.overdue) == ("March 2024", True)
    assert row.latest is not None and row.latest.note == "Second draft to the executive."
    assert (b.summary.assessed, b.summary.workplan.actions, b.appendix_a, b.appendix_b) == (0, 0, [], [])
    c = view.cover
    assert (c.meeting, c.date, c.purpose_label, c.period) == (
        "Trust Board (public session)",
        date(2024, 6, 27),
        "For assurance",
        "April to June 2024",
    )
    assert view.movement is None


def test_bundled_figures_match_queries() -> None:
    corpus = load_tracker(REPO)
    as_of = date(2013, 10, 1)
    view = build(corpus, as_of=as_of)
    status = queries.status(corpus, as_of=as_of)
    late = queries_overdue.overdue(corpus, as_of=as_of, within=30)
    for org, table in zip(view.organisations, status.tables, strict=True):
        assert table.total is not None
        total = table.total.values
        assert org.summary.not_assessed == total[NOT_ASSESSED]
        assert org.summary.rated == sum(total[r.id] for r in corpus.ratings)
        assert org.summary.workplan == table.workplan
        assert [x.id for x in org.overdue] == [x.id for x in late.overdue if x.organisation == org.id]
        assessed = sorted(a.model.recommendation for a in corpus.assessments if a.organisation == org.id)
        assert sorted(i.number for g in org.appendix_a for i in g.items) == assessed
        assert sum(len(s.actions) for s in org.appendix_b) == sum(a.organisation == org.id for a in corpus.actions)
    barnet, merton = view.organisations
    assert (barnet.summary.assessed, merton.summary.workplan.actions, merton.summary.workplan.overdue) == (22, 21, 12)


def test_movement_section_only_when_present(paper: Tracker) -> None:
    """Without --since there is no movement to show, and none is made up (with it: scenarios/test_report_since.py)."""
    corpus = load_tracker(paper.root)
    view = build(corpus, as_of=date.fromisoformat(AS_OF))
    assert view.movement is None and view.moved("org-a") is None
    assert "Movements since" not in render(view, "markdown", root=paper.root)
    assert "Movements since" not in render(view, "html", root=paper.root)


def test_bundled_decisions_and_assurance_are_the_status_figures() -> None:
    """The bundled data records no decision, assurance level, evidence record or sign-off: the paper
    invents none, and its counts are those `status` prints (22 in scope to decide for Barnet)."""
    corpus = load_tracker(REPO)
    as_of = date(2013, 10, 1)
    view = build(corpus, as_of=as_of)
    barnet = view.organisations[0]
    (table, _) = queries.status(corpus, as_of=as_of).tables
    assert barnet.decisions is not None and barnet.assurance is not None and table.scope is not None
    assert {c.id: c.count for c in barnet.decisions.counts} == table.scope.decisions
    assert (barnet.decisions.rows, barnet.decisions.in_scope, barnet.decisions.undecided) == ([], 22, 22)
    assert (barnet.assurance.items, barnet.assurance.evidence_records, barnet.assurance.assessed) == ([], 0, 22)
    assert barnet.assured is None and view.respond_by is None and not view.clock_run
