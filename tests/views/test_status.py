"""`status` (`views.status`): exact figures on a fixture with known dates, and on the bundled tracker."""

from __future__ import annotations

import json

import pytest

from francis_cli.errors import UserError
from francis_cli.models.vocab import STATUSES, StatusBy
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import status as queries

from ..boundaries import AS_OF
from ..conftest import REPO, RunCli, Tracker


def test_status_by_theme_figures(dated: Tracker) -> None:
    result = queries.status(load_tracker(dated.root), as_of=AS_OF, orgs=["org-a"])
    (table,) = result.tables
    assert [(r.key, r.values) for r in table.rows] == [
        (
            "standards",
            {"red": 0, "amber": 1, "green": 1, "blue": 0, "not-assessed": 0, "not-applicable": 0, "total": 2},
        ),
        ("candour", {"red": 0, "amber": 0, "green": 0, "blue": 0, "not-assessed": 0, "not-applicable": 1, "total": 1}),
    ]
    assert table.total is not None and table.total.values["total"] == 3
    assert table.workplan == queries.WorkplanSummary(
        actions=12,
        by_status={"not-started": 7, "in-progress": 2, "done": 1, "blocked": 1, "dropped": 1},
        overdue=4,
        due_soon=4,
        due_soon_days=30,
    )


def test_status_by_organisation_rating_and_lead(dated: Tracker) -> None:
    corpus = load_tracker(dated.root)
    by_org = queries.status(corpus, by="organisation", as_of=AS_OF).tables[0]
    assert [(r.key, r.values["amber"], r.values["not-assessed"]) for r in by_org.rows] == [
        ("org-a", 1, 0),
        ("org-b", 0, 3),
    ]
    assert by_org.total is not None and by_org.total.values["total"] == 6
    by_rating = queries.status(corpus, by="rating", as_of=AS_OF).tables[0]
    assert {r.key: r.values for r in by_rating.rows}["not-assessed"] == {"org-a": 0, "org-b": 3, "total": 3}
    by_lead = queries.status(corpus, by="lead", as_of=AS_OF, orgs=["org-a"]).tables[0]
    assert [(r.key, r.values["overdue"], r.values["total"]) for r in by_lead.rows] == [("DoQ", 4, 11), ("CFO", 0, 1)]


def test_status_theme_filter_and_unknowns(dated: Tracker) -> None:
    corpus = load_tracker(dated.root)
    result = queries.status(corpus, as_of=AS_OF, orgs=["org-a"], theme="candour")
    assert [r.key for r in result.tables[0].rows] == ["candour"]
    message = r"set 'test-set' has no theme 'candor' \(did you mean 'candour', 'standards'\?\)"
    with pytest.raises(Exception, match=message):
        queries.status(corpus, as_of=AS_OF, theme="candor")
    with pytest.raises(Exception, match=r"no organisation 'org-z'"):
        queries.status(corpus, as_of=AS_OF, orgs=["org-z"])


def test_bundled_status_covers_290(run_cli: RunCli) -> None:
    doc = json.loads(run_cli("status", "--by", "organisation", "-f", "json", root=REPO).stdout)
    rows = {r["key"]: r["counts"] for r in doc["tables"][0]["rows"]}
    assert rows["barnet-ccg"]["total"] == 290 and rows["barnet-ccg"]["not-assessed"] == 268
    assert rows["merton-ccg"]["not-assessed"] == 290


# --- the small tracker: one action led by two roles ---------------------------------------------------------


def test_by_lead_an_action_counts_under_each_of_its_leads_and_once_in_the_total(tracker: Tracker) -> None:
    """1.1 (DoQ, in progress, due March: overdue) and 1.2 (DoQ and CFO, due in Q2: due soon)."""
    (table,) = queries.status(load_tracker(tracker.root), by=StatusBy.lead, as_of=AS_OF, orgs=["org-a"]).tables
    assert [c.id for c in table.columns] == [*STATUSES, "overdue", "due-soon", "total"]
    assert [(r.key, r.label) for r in table.rows] == [
        ("DoQ", "DoQ Director of Quality"),
        ("CFO", "CFO Chief Finance Officer"),
    ]
    doq, cfo = (r.values for r in table.rows)
    assert (doq["in-progress"], doq["not-started"], doq["overdue"], doq["due-soon"], doq["total"]) == (1, 1, 1, 1, 2)
    assert (cfo["in-progress"], cfo["not-started"], cfo["overdue"], cfo["due-soon"], cfo["total"]) == (0, 1, 0, 1, 1)
    assert table.total is not None and table.total.label == "Total (each action once)"
    assert (table.total.values["total"], table.total.values["not-started"], table.total.values["due-soon"]) == (2, 1, 1)
    assert sum(r.values["total"] for r in table.rows) == 3  # the rows, not the total, count 1.2 twice
    assert table.workplan == queries.WorkplanSummary(
        actions=2,
        by_status={"not-started": 1, "in-progress": 1, "done": 0, "blocked": 0, "dropped": 0},
        overdue=1,
        due_soon=1,
        due_soon_days=30,
    )


def test_by_lead_leads_that_are_not_roles_and_actions_with_none_come_last(tracker: Tracker) -> None:
    tracker.write(
        "data/workplan/org-a.yaml",
        "organisation: org-a\nactions:\n"
        "  - {id: '1', title: a, lead: [CSU, CFO]}\n  - {id: '2', title: b}\n"
        "  - {id: '3', title: c, lead: AO}\n"
        "  - {id: '4', title: d, lead: DoQ, status: done, completed: 2024-01-01}\n",
    )
    (table,) = queries.status(load_tracker(tracker.root), by=StatusBy.lead, as_of=AS_OF, orgs=["org-a"]).tables
    assert [(r.key, r.label, r.values["total"]) for r in table.rows] == [
        ("DoQ", "DoQ Director of Quality", 1),
        ("CFO", "CFO Chief Finance Officer", 1),
        ("(no lead)", "(no lead)", 1),
        ("AO", "AO", 1),
        ("CSU", "CSU", 1),
    ]
    assert table.total is not None and (table.total.values["total"], table.total.values["done"]) == (4, 1)


def test_by_lead_gives_each_organisation_a_table_even_with_no_workplan(tracker: Tracker) -> None:
    tables = queries.status(load_tracker(tracker.root), by=StatusBy.lead, as_of=AS_OF).tables
    assert [(t.organisation, len(t.rows)) for t in tables] == [("org-a", 2), ("org-b", 0)]
    assert tables[1].total is not None and set(tables[1].total.values.values()) == {0}


def test_by_theme_numbers_without_a_theme_are_grouped_by_their_range_in_place(tracker: Tracker) -> None:
    from ..conftest import CATALOGUE

    extra = "".join(f"  - number: {n}\n    title: No. {n}\n" for n in (4, 5)) + "  - number: 6\n    theme: candour\n"
    tracker.write("data/recommendations/test-set.yaml", CATALOGUE + extra + "  - number: 9\n")
    (table,) = queries.status(load_tracker(tracker.root), as_of=AS_OF, orgs=["org-a"]).tables
    assert [(r.key, r.label, r.values["total"], r.values["not-assessed"]) for r in table.rows] == [
        ("standards", "Standards", 2, 0),
        ("candour", "Candour", 2, 2),  # 3 and 6: a theme is one row wherever its numbers are
        ("recommendations-4-5", "Recommendations 4–5", 2, 2),
        ("recommendations-9", "Recommendation 9", 1, 1),
    ]
    assert table.notes == ["No theme recorded yet for recommendations 4–5 and 9: grouped by number."]
    assert table.total is not None and table.total.values == {
        "red": 0,
        "amber": 1,
        "green": 1,
        "blue": 0,
        "not-assessed": 5,
        "not-applicable": 0,
        "total": 7,
    }
    assert table.bar_columns == ["red", "amber", "green", "blue", "not-assessed"]


def test_theme_groups_run_between_themes_and_say_one_number_in_the_singular() -> None:
    groups = queries.theme_groups(
        [("a", "Alpha"), ("unused", "Unused")], [(5, "a"), (1, None), (2, None), (3, "a"), (4, None), (6, "gone")]
    )
    assert [(g.key, g.label, g.numbers, g.themed) for g in groups] == [
        ("recommendations-1-2", "Recommendations 1–2", [1, 2], False),
        ("a", "Alpha", [3, 5], True),
        ("recommendations-4", "Recommendation 4", [4], False),
        ("gone", "gone", [6], True),  # a theme the set does not list (check reports it) keeps its id
    ]
    single = queries.theme_groups([("a", "Alpha")], [(1, "a"), (2, None)])
    assert queries.unthemed_note(single) == ("No theme recorded yet for recommendation 2: grouped by number.")
    assert queries.unthemed_note(queries.theme_groups([("a", "Alpha")], [(1, "a")])) is None


def test_the_theme_filter_shows_no_range_rows_and_no_range_note(tracker: Tracker) -> None:
    from ..conftest import CATALOGUE

    tracker.write("data/recommendations/test-set.yaml", CATALOGUE + "  - number: 4\n")
    (table,) = queries.status(load_tracker(tracker.root), as_of=AS_OF, orgs=["org-a"], theme="standards").tables
    assert [r.key for r in table.rows] == ["standards"] and table.notes == []


def test_illustrative_ratings_are_said_on_every_table_that_counts_them(tracker: Tracker) -> None:
    from ..conftest import ASSESSMENT

    corpus = load_tracker(tracker.root)
    assert [t.notes for t in queries.status(corpus, as_of=AS_OF).tables] == [[], []]
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT.replace("assessments:", "illustrative: true\nassessments:"))
    corpus = load_tracker(tracker.root)
    by_theme = queries.status(corpus, as_of=AS_OF)
    assert [t.notes for t in by_theme.tables] == [
        ["Illustrative ratings: readings made for demonstration, not the organisation's own assessment."],
        [],
    ]
    named = (
        "Illustrative ratings of Organisation A: readings made for demonstration, not the organisation's own "
        "assessment."
    )
    assert queries.status(corpus, by="organisation", as_of=AS_OF).tables[0].notes == [named]
    assert queries.status(corpus, by="rating", as_of=AS_OF).tables[0].notes == [named]


def test_some_illustrative_ratings_are_counted_and_the_snapshot_says_the_same(tracker: Tracker) -> None:
    from francis_cli.tracker import snapshot

    tracker.write(
        "data/assessments/org-a-demo.yaml",
        "organisation: org-a\nillustrative: true\nassessments:\n  - {recommendation: 3, rating: red}\n",
    )
    corpus = load_tracker(tracker.root)
    (table,) = queries.status(corpus, as_of=AS_OF, orgs=["org-a"]).tables
    assert table.notes == [
        "Illustrative ratings (1 of the 3): readings made for demonstration, not the organisation's own assessment."
    ]
    f = snapshot.figures_of(corpus)
    kept = snapshot._load_figures(snapshot._dump_figures(f), f.line_of)
    assert kept.illustrative == {"org-a": [3]}
    assert queries.status(kept, as_of=AS_OF, orgs=["org-a"]).tables[0].notes == table.notes


def test_a_role_whose_title_is_assumed_says_so_by_lead(tracker: Tracker) -> None:
    from ..conftest import ORGANISATIONS

    tracker.write(
        "data/organisations.yaml",
        ORGANISATIONS.replace(
            "      CFO: Chief Finance Officer\n", "      CFO: Chief Finance Officer\n    assumed_titles: [CFO]\n"
        ),
    )
    (table,) = queries.status(load_tracker(tracker.root), by=StatusBy.lead, as_of=AS_OF, orgs=["org-a"]).tables
    assert [(r.key, r.label) for r in table.rows] == [
        ("DoQ", "DoQ Director of Quality"),
        ("CFO", "CFO Chief Finance Officer, title assumed"),
    ]


def test_bundled_barnet_ratings_are_illustrative_and_its_rows_follow_the_numbers(run_cli: RunCli) -> None:
    doc = json.loads(run_cli("status", "--org", "barnet-ccg", "-f", "json", root=REPO).stdout)
    (table,) = doc["tables"]
    assert [r["label"] for r in table["rows"]][:4] == [
        "Accountability for implementation of the recommendations",
        "Putting the patient first",
        "Recommendations 4–122",
        "Commissioning for standards",
    ]
    assert "Other recommendations" not in {r["label"] for r in table["rows"]}
    assert any(note.startswith("Illustrative ratings") for note in table["notes"])


def test_by_rating_has_a_column_per_organisation_and_a_row_per_rating(tracker: Tracker) -> None:
    (table,) = queries.status(load_tracker(tracker.root), by=StatusBy.rating, as_of=AS_OF).tables
    assert [c.id for c in table.columns] == ["org-a", "org-b", "total"]
    assert {r.key: r.values for r in table.rows} == {
        "red": {"org-a": 0, "org-b": 0, "total": 0},
        "amber": {"org-a": 1, "org-b": 0, "total": 1},
        "green": {"org-a": 1, "org-b": 0, "total": 1},
        "blue": {"org-a": 0, "org-b": 0, "total": 0},
        "not-assessed": {"org-a": 1, "org-b": 3, "total": 4},
        "not-applicable": {"org-a": 0, "org-b": 0, "total": 0},
    }
    assert table.total is not None and table.total.values == {"org-a": 3, "org-b": 3, "total": 6}
    assert table.workplan is None and table.bar_columns == []


def test_the_organisation_in_francis_yaml_is_the_default(tracker: Tracker) -> None:
    tracker.write("francis.yaml", "default_set: test-set\norganisation: org-b\n")
    corpus = load_tracker(tracker.root)
    assert [t.organisation for t in queries.status(corpus, as_of=AS_OF).tables] == ["org-b"]
    assert [t.organisation for t in queries.status(corpus, as_of=AS_OF, orgs=["org-a"]).tables] == ["org-a"]


def test_a_missing_default_set_is_a_usage_error(tracker: Tracker) -> None:
    tracker.write("francis.yaml", "default_set: other-set\n")
    with pytest.raises(UserError, match=r"^no recommendation set 'other-set' in data/recommendations/$"):
        queries.status(load_tracker(tracker.root), as_of=AS_OF)


def test_an_unknown_organisation_lists_the_known_ones_when_none_is_close(tracker: Tracker) -> None:
    with pytest.raises(UserError, match=r"^no organisation 'nhs-x' \(known: org-a, org-b\)$"):
        queries.status(load_tracker(tracker.root), as_of=AS_OF, orgs=["nhs-x"])


def test_workplan_summary_counts_due_soon_within_its_days_both_ends_included(dated: Tracker) -> None:
    actions = load_tracker(dated.root).actions_of["org-a"]
    assert queries.workplan_summary(actions, AS_OF, soon=0).due_soon == 1  # d-today
    assert queries.workplan_summary(actions, AS_OF, soon=1).due_soon == 2  # and d-tomorrow
    assert queries.workplan_summary(actions, AS_OF, soon=15).due_soon == 4  # and m-this, q-this (30 June)
    summary = queries.workplan_summary(actions, AS_OF, soon=200)
    assert (summary.due_soon, summary.due_soon_days) == (5, 200)  # y-this (31 December); closed ones never
