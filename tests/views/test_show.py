"""`show` (`views.show`): one recommendation or one action, and a mistyped reference's hint."""

from __future__ import annotations

from datetime import date

import pytest

from francis_cli.errors import UserError
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.show import ActionView, RecommendationView, show

from ..boundaries import AS_OF, boundary_workplan
from ..conftest import ASSESSMENT, WORKPLAN, RunCli, Tracker


def test_show_recommendation_and_action(dated: Tracker, run_cli: RunCli) -> None:
    dated.write(
        "data/workplan/org-a.yaml",
        boundary_workplan().replace(
            "    title: Action y-last\n", "    title: Action y-last\n    recommendations: [2]\n"
        ),
    )
    corpus = load_tracker(dated.root)
    view = show(corpus, "test-set:2", as_of=AS_OF)
    assert isinstance(view, RecommendationView)
    assert [(p.organisation, p.assessment.rating) for p in view.positions] == [("org-a", "green")]
    assert [(a.action.id, a.overdue) for a in view.actions] == [("y-last", True)]
    action = show(corpus, "org-a:y-last", as_of=AS_OF)
    assert isinstance(action, ActionView)
    assert action.overdue_days == 167 and action.recommendations == [("test-set", 2, "Second")]
    result = run_cli("show", "2", "--as-of", "2024-06-15", root=dated.root)
    assert result.exit_code == 0
    assert "test-set:2  Second" in result.stdout and "org-a:y-last [not-started, due 2023 — OVERDUE]" in result.stdout
    result = run_cli("show", "org-a:y-lst", root=dated.root)
    assert result.exit_code == 2
    assert result.stderr == "francis: 'org-a' has no action 'y-lst' (did you mean 'y-last', 'q-last', 'm-last'?)\n"


# --- the small tracker ------------------------------------------------------------------------------------


def test_a_recommendation_by_number_with_each_position_and_linked_action(tracker: Tracker) -> None:
    corpus = load_tracker(tracker.root)
    view = show(corpus, " 1 ", as_of=AS_OF)
    assert isinstance(view, RecommendationView)
    assert (view.set, view.recommendation.number, view.recommendation.title, view.theme_title) == (
        "test-set",
        1,
        "First",
        "Standards",
    )
    (position,) = view.positions
    assert (
        position.organisation,
        position.organisation_name,
        position.assessment.rating,
        position.rating_label,
        position.assessed,
        position.path,
        position.line,
    ) == ("org-a", "Organisation A", "amber", "Partially met", date(2024, 1, 15), "data/assessments/org-a.yaml", 4)
    assert [(a.organisation, a.action.id, a.overdue) for a in view.actions] == [("org-a", "1.1", True)]
    assert show(corpus, "test-set:1", as_of=AS_OF) == view


def test_an_action_is_linked_by_its_own_citation_or_by_an_assessment(tracker: Tracker) -> None:
    tracker.write(
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("    position: In place.\n", '    position: In place.\n    actions: ["1.2"]\n'),
    )
    tracker.write(
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("due: 2024-Q2", 'due: 2024-Q2\n        recommendations: ["test-set:3"]'),
    )
    corpus = load_tracker(tracker.root)
    second = show(corpus, "2", as_of=AS_OF)
    assert isinstance(second, RecommendationView)
    assert [(a.action.id, a.overdue) for a in second.actions] == [("1.2", False)]  # the assessment links it
    third = show(corpus, "test-set:3", as_of=AS_OF)
    assert isinstance(third, RecommendationView)
    assert (third.positions, [a.action.id for a in third.actions], third.theme_title) == ([], ["1.2"], "Candour")


def test_an_action_with_its_section_leads_citations_and_who_cites_it(tracker: Tracker) -> None:
    corpus = load_tracker(tracker.root)
    view = show(corpus, "org-a:1.1", as_of=AS_OF)
    assert isinstance(view, ActionView)
    assert (view.organisation, view.organisation_name, view.section, view.action.title) == (
        "org-a",
        "Organisation A",
        ("1", "Strategy"),
        "Write the strategy",
    )
    assert (view.leads, view.overdue_days, view.recommendations, view.cited_by) == (
        [("DoQ", "Director of Quality")],
        76,
        [("test-set", 1, "First")],
        [(1, "amber")],
    )
    assert (view.path, view.line) == ("data/workplan/org-a.yaml", 8)
    budget = show(corpus, "1.2", as_of=AS_OF)  # a bare id, unique across organisations
    assert isinstance(budget, ActionView)
    assert (budget.leads, budget.overdue_days, budget.recommendations, budget.cited_by, budget.line) == (
        [("DoQ", "Director of Quality"), ("CFO", "Chief Finance Officer")],
        None,
        [],
        [],
        14,
    )


def test_a_citation_of_an_unknown_recommendation_has_no_title(tracker: Tracker) -> None:
    tracker.write(
        "data/workplan/org-a.yaml", WORKPLAN.replace("recommendations: [1]", 'recommendations: [1, "other:5", 7]')
    )
    view = show(load_tracker(tracker.root), "org-a:1.1", as_of=AS_OF)
    assert isinstance(view, ActionView)
    assert view.recommendations == [("test-set", 1, "First"), ("other", 5, None), ("test-set", 7, None)]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("test-set:9", "set 'test-set' has no recommendation 9 (it has 1-3)"),
        ("9", "set 'test-set' has no recommendation 9 (it has 1-3)"),
        ("test-set:x", "'test-set:x': a recommendation is written SET:NUMBER, like test-set:132"),
        ("org-x:1.1", "'org-x' is neither a recommendation set nor an organisation (did you mean 'org-b', 'org-a'?)"),
        ("9.9", "'9.9' is neither a recommendation number nor an action id"),
        ("1.3", "'1.3' is neither a recommendation number nor an action id (did you mean '1.2', '1.1'?)"),
        ("org-b:1.1", "'org-b' has no action '1.1'"),
    ],
)
def test_a_reference_that_names_nothing_says_what_there_is(tracker: Tracker, ref: str, message: str) -> None:
    with pytest.raises(UserError) as err:
        show(load_tracker(tracker.root), ref, as_of=AS_OF)
    assert str(err.value) == message


def test_a_bare_action_id_in_two_organisations_must_name_one(tracker: Tracker) -> None:
    tracker.write("data/workplan/org-b.yaml", "organisation: org-b\nactions:\n  - {id: '1.1', title: Theirs}\n")
    corpus = load_tracker(tracker.root)
    with pytest.raises(UserError, match=r"^action '1.1' exists in org-a, org-b: write ORG:1.1$"):
        show(corpus, "1.1", as_of=AS_OF)
    theirs = show(corpus, "org-b:1.1", as_of=AS_OF)
    assert isinstance(theirs, ActionView)
    assert (theirs.action.title, theirs.section, theirs.leads) == ("Theirs", None, [])
