"""`status` across several sets (`views.status_sets`): each set's tables, the row per set, an action
citing several sets counted in each, the snapshot's figures equal to a load's, and the plain
drawing of the row per set equal to rich's."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from francis_cli.errors import UserError
from francis_cli.models.vocab import StatusBy
from francis_cli.render import data
from francis_cli.render.console.status import status_text
from francis_cli.tracker import snapshot_figures
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import status_sets
from francis_cli.views.status import TOTAL, Column, Row, StatusTable, StatusView

from ..conftest import RunCli, Tracker
from ..render.console.test_plain_table import SLUG, rich_text, views

AS_OF = date(2024, 6, 15)

OTHER = """\
set: other-set
title: Another inquiry
recommendations:
  - number: 1
    text: The other first.
  - number: 2
    text: The other second.
"""

OTHER_ASSESSED = """\
organisation: org-a
set: other-set
assessments:
  - {recommendation: 2, rating: red, position: Not yet.}
"""

WORKPLAN = """\
organisation: org-a
title: Workplan
sections:
  - id: "1"
    title: Strategy
    actions:
      - {id: "1.1", title: Only Francis, due: 2024-03, recommendations: [1]}
      - {id: "1.2", title: Cites nothing, due: 2024-03}
      - {id: "1.3", title: Both, due: 2024-03, recommendations: [2, "other-set:1"]}
      - {id: "1.4", title: Only the other, due: 2024-12, recommendations: ["other-set:2"]}
"""


@pytest.fixture
def several(tracker: Tracker) -> Tracker:
    tracker.write("data/recommendations/other-set.yaml", OTHER)
    tracker.write("data/assessments/org-a-other.yaml", OTHER_ASSESSED)
    tracker.write("data/workplan/org-a.yaml", WORKPLAN)
    return tracker


def _actions(view: StatusView) -> int:
    (table,) = view.tables
    assert table.workplan is not None
    return table.workplan.actions


def test_each_set_counts_the_actions_citing_it_and_the_default_those_citing_no_set(several: Tracker) -> None:
    corpus = load_tracker(several.root)
    default = status_sets.status(corpus, orgs=["org-a"], as_of=AS_OF)
    other = status_sets.status(corpus, orgs=["org-a"], set_id="other-set", as_of=AS_OF)
    assert (default.set, other.set) == ("test-set", "other-set")
    assert (_actions(default), _actions(other)) == (3, 2)  # 1.1, 1.2, 1.3 / 1.3, 1.4
    (table,) = other.tables
    assert table.total is not None
    assert {k: table.total.values[k] for k in ("red", "not-assessed", "total")} == {
        "red": 1,
        "not-assessed": 1,
        "total": 2,
    }
    by_lead = status_sets.status(corpus, orgs=["org-a"], set_id="other-set", by=StatusBy.lead, as_of=AS_OF)
    assert by_lead.tables[0].total is not None and by_lead.tables[0].total.values[TOTAL] == 2


def test_the_row_per_set_counts_assessments_by_rating_and_actions_citing_each(several: Tracker) -> None:
    view = status_sets.status(load_tracker(several.root), as_of=AS_OF)
    assert view.sets is not None
    assert [(r.key, r.label) for r in view.sets.rows] == [
        ("test-set", "A test recommendation set"),
        ("other-set", "Another inquiry"),
    ]
    francis, other = (r.values for r in view.sets.rows)
    assert francis == {
        "total": 3,
        "assessed": 2,
        "red": 0,
        "amber": 1,
        "green": 1,
        "blue": 0,
        "not-applicable": 0,
        "actions": 3,
        "overdue": 3,
    }
    assert (other["total"], other["assessed"], other["red"], other["actions"], other["overdue"]) == (2, 1, 1, 2, 1)
    assert view.sets.notes[0] == "test-set: A test recommendation set; other-set: Another inquiry."
    assert status_sets.status(load_tracker(several.root), set_id="test-set", as_of=AS_OF).sets is None


def test_one_set_or_a_second_set_nobody_uses_adds_nothing(tracker: Tracker) -> None:
    before = status_sets.status(load_tracker(tracker.root), as_of=AS_OF)
    assert before.sets is None
    tracker.write("data/recommendations/other-set.yaml", OTHER)
    after = status_sets.status(load_tracker(tracker.root), as_of=AS_OF)
    assert after == before
    assert data.status_json(after) == data.status_json(before)
    assert "sets" not in json.loads(data.status_json(after))


def test_a_bare_number_in_a_workplan_of_another_set_counts_for_that_set(tracker: Tracker) -> None:
    tracker.write("data/recommendations/other-set.yaml", OTHER)
    tracker.write(
        "data/workplan/org-a.yaml",
        "organisation: org-a\nset: other-set\nactions:\n  - {id: A1, title: Other, recommendations: [2]}\n",
    )
    f = snapshot_figures.figures_of(load_tracker(tracker.root))
    (action,) = f.actions
    assert action.sets == ("other-set",)
    assert [a.id for a in f.of_set("other-set").actions] == ["A1"]
    assert f.of_set("test-set").actions == []


def test_an_unknown_set_is_refused_with_the_known_ones(several: Tracker) -> None:
    with pytest.raises(UserError) as e:
        status_sets.status(load_tracker(several.root), set_id="othr-set", as_of=AS_OF)
    assert str(e.value) == "--set: 'othr-set' is not a recommendation set of this tracker (known: test-set, other-set)"


def test_the_snapshot_keeps_every_set(several: Tracker) -> None:
    f = snapshot_figures.figures_of(load_tracker(several.root))
    kept = snapshot_figures.load_figures(snapshot_figures.dump_figures(f), f.line_of)
    assert kept.set_ids == f.set_ids == ["test-set", "other-set"]
    assert kept.others == f.others and kept.actions == f.actions
    for set_id in (None, "test-set", "other-set"):
        for by in StatusBy:
            args = {"by": by, "set_id": set_id, "as_of": AS_OF}
            assert status_sets.status(kept, **args) == status_sets.status(f, **args)


def test_json_and_csv_give_the_row_per_set(several: Tracker) -> None:
    view = status_sets.status(load_tracker(several.root), orgs=["org-a"], as_of=AS_OF)
    doc = json.loads(data.status_json(view))
    assert doc["sets"][1] == {
        "set": "other-set",
        "title": "Another inquiry",
        "recommendations": 2,
        "assessed": 1,
        "by_rating": {"red": 1, "amber": 0, "green": 0, "blue": 0, "not-applicable": 0},
        "actions": 2,
        "overdue": 1,
    }
    lines = data.status_csv(view).splitlines()
    header = lines[0].split(",")
    last = dict(zip(header, lines[-1].split(","), strict=True))
    assert (last["set"], last["by"], last["key"], last["total"], last["actions"]) == (
        "other-set",
        "sets",
        "other-set",
        "2",
        "2",
    )


def test_markdown_gives_the_row_per_set_below_the_default_sets_tables(several: Tracker, run_cli: RunCli) -> None:
    out = run_cli("status", "--org", "org-a", "--format", "markdown", "--as-of", AS_OF.isoformat(), root=several.root)
    assert out.exit_code == 0, out.stderr
    tables = out.stdout.split("### ")
    summary = status_sets.status(load_tracker(several.root), orgs=["org-a"], as_of=AS_OF).sets
    assert summary is not None
    assert tables[-1].startswith(f"{summary.title}, as of {AS_OF.isoformat()}\n")
    rows = [line for line in tables[-1].splitlines() if line.startswith("| ") and not line.startswith("| Set")]
    assert [r.split("|")[1].strip() for r in rows if not r.startswith("| -")] == [r.key for r in summary.rows]
    other = next(r for r in rows if r.startswith("| other-set "))
    assert [c.strip() for c in other.strip("|").split("|")][1:] == [str(v) for v in summary.rows[1].values.values()]
    assert all(f"\n{note}\n" in tables[-1] for note in summary.notes)


def _summaries() -> st.SearchStrategy[StatusTable]:
    n = st.integers(0, 10**6)
    ids = st.lists(SLUG, min_size=1, max_size=4, unique=True)
    columns = ids.map(
        lambda r: [
            Column(TOTAL, "Recommendations"),
            Column("assessed", "Assessed"),
            *(Column(i, i, "red") for i in r),
            Column("actions", "Actions"),
            Column("overdue", "Overdue"),
        ]
    )

    def table(cs: list[Column], keys: list[str], counts: list[int]) -> StatusTable:
        rows = [
            Row(k, f"Title of {k}", {c.id: counts[(i + j) % len(counts)] for j, c in enumerate(cs)})
            for i, k in enumerate(keys)
        ]
        return StatusTable("Every recommendation set", None, "Set", cs, rows, None, notes=["A note."])

    return st.builds(table, columns, st.lists(SLUG, min_size=2, max_size=5, unique=True), st.lists(n, min_size=1))


@settings(max_examples=60, deadline=None)
@given(views(), _summaries(), st.integers(40, 200))
def test_the_plain_row_per_set_is_what_rich_prints(view: StatusView, summary: StatusTable, width: int) -> None:
    shown = replace(view, sets=summary)
    drawn = status_text(shown, width)
    if drawn is not None:
        assert drawn == rich_text(shown, width)
        assert "Every recommendation set, as of" in drawn


def test_not_applicable_is_assessed_in_the_row_per_set(several: Tracker) -> None:
    more = "  - {recommendation: 1, applicable: false, reason: Not ours.}\n"
    several.write("data/assessments/org-a-other.yaml", OTHER_ASSESSED + more)
    corpus = load_tracker(several.root)
    assert corpus.problems == []
    view = status_sets.status(corpus, as_of=AS_OF)
    assert view.sets is not None
    other = view.sets.rows[1].values
    assert (other["assessed"], other["red"], other["not-applicable"]) == (2, 1, 1)


def test_another_set_is_shown_when_the_default_set_is_missing(several: Tracker) -> None:
    several.write("francis.yaml", "default_set: missing-set\n")
    corpus = load_tracker(several.root)
    view = status_sets.status(corpus, orgs=["org-a"], set_id="other-set", as_of=AS_OF)
    assert view.set == "other-set" and _actions(view) == 2
    with pytest.raises(UserError, match="no recommendation set 'missing-set'"):
        status_sets.status(corpus, as_of=AS_OF)
