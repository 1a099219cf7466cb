"""The evidence register as a view: each record's state on a day (its boundaries), the order,
items named by set when not the default, evidence described only in words counted, the
organisations asked for; and its plain terminal text, which must be what rich prints."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from francis_cli.errors import UserError
from francis_cli.models.assessment import Evidence
from francis_cli.render.console.common import make_console
from francis_cli.render.console.evidence import evidence_table, evidence_text
from francis_cli.render.data import evidence_csv, evidence_json
from francis_cli.tracker.corpus import Corpus, load_tracker
from francis_cli.views.evidence import STATES, EvidenceList, EvidenceRow, EvidenceState, evidence_list, state_of

from ..conftest import Tracker

AS_OF = date(2024, 6, 15)

ASSESSMENT = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    actions: ["1.1"]
    evidence:
      - Minutes of the January board.
      - {title: Quality schedule, location: "https://example.nhs.uk/qs.pdf", owner: DoQ, review: 2024-07-15}
      - {title: Old audit, location: "https://example.nhs.uk/old.pdf", expires: 2024-05-31}
  - recommendation: 2
    rating: green
    position: In place.
    evidence:
      - {title: Annual report, location: "https://example.nhs.uk/ar.pdf", owner: CFO, review: 2024-12-31}
      - {title: Policy, location: "https://example.nhs.uk/policy.pdf", review: 2024-06-15, expires: 2024-06-14}
      - {title: Board paper, location: "https://example.nhs.uk/bp.pdf"}
  - recommendation: 3
    rating: red
    position: Not yet.
    evidence:
      - Described at the March committee.
"""

OTHER_SET = """\
set: other-set
title: Another set
themes:
  - id: safety
    title: Safety
recommendations:
  - number: 7
    theme: safety
    title: Seventh
    text: The seventh recommendation.
"""

OTHER = """\
organisation: org-b
set: other-set
assessments:
  - recommendation: 7
    rating: amber
    position: Started.
    evidence:
      - {title: Safety review, location: "https://example.nhs.uk/sr.pdf", review: 2024-06-01}
"""


@pytest.fixture
def corpus(tracker: Tracker) -> Corpus:
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT)
    tracker.write("data/recommendations/other-set.yaml", OTHER_SET)
    tracker.write("data/assessments/org-b-other.yaml", OTHER)
    loaded = load_tracker(tracker.root)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return loaded


def _rows(view: EvidenceList) -> list[tuple[str, str, str, str]]:
    return [(r.organisation, r.item, r.title, r.state) for r in view.rows]


def test_records_are_sorted_by_organisation_then_state_then_lapse_day(corpus: Corpus) -> None:
    view = evidence_list(corpus, as_of=AS_OF)
    assert _rows(view) == [
        ("org-a", "1", "Old audit", "stale"),
        ("org-a", "2", "Policy", "stale"),
        ("org-a", "1", "Quality schedule", "review due"),
        ("org-a", "2", "Annual report", "current"),
        ("org-a", "2", "Board paper", "no review date"),
        ("org-b", "other-set:7", "Safety review", "stale"),
    ]
    assert view.counts == {"stale": 3, "review due": 1, "current": 1, "no review date": 1}
    assert view.described == 1  # recommendation 3; recommendation 1 has records beside its line of text
    schedule = view.rows[2]
    assert (schedule.owner, schedule.owner_title, schedule.lapses) == ("DoQ", "Director of Quality", date(2024, 7, 15))
    assert (schedule.path, schedule.kind) == ("data/assessments/org-a.yaml", "assessment")
    assert view.rows[1].lapses == date(2024, 6, 14)  # the earlier of review and expiry
    assert view.summary == (
        "6 evidence records: 3 stale, 1 review due, 1 current, 1 no review date; "
        "1 item describes evidence only in words"
    )


@pytest.mark.parametrize(
    ("as_of", "within", "state"),
    [
        (date(2024, 7, 15), 30, "review due"),  # on its day it still holds
        (date(2024, 7, 16), 30, "stale"),
        (date(2024, 6, 15), 30, "review due"),  # exactly 30 days ahead
        (date(2024, 6, 14), 30, "current"),
        (date(2024, 7, 14), 0, "current"),
        (date(2024, 7, 15), 0, "review due"),
    ],
)
def test_state_boundaries(as_of: date, within: int, state: str) -> None:
    record = Evidence(title="Schedule", location="https://example.nhs.uk/s", review=date(2024, 7, 15))
    assert state_of(record, as_of, within) == state
    assert state_of(Evidence(title="Minutes", location="minutes/"), as_of, within) == "no review date"
    assert state_of(record, date.max, 10**9) == "stale"
    assert state_of(record, date(2024, 1, 1), 10**9) == "review due"  # no overflow past the calendar's end


def test_stale_only_keeps_the_counts_of_every_record(corpus: Corpus) -> None:
    view = evidence_list(corpus, as_of=AS_OF, stale_only=True, orgs=["org-a"])
    assert _rows(view) == [("org-a", "1", "Old audit", "stale"), ("org-a", "2", "Policy", "stale")]
    assert view.counts == {"stale": 2, "review due": 1, "current": 1, "no review date": 1}


def test_organisations_asked_for_and_an_unknown_one(corpus: Corpus) -> None:
    assert [r.title for r in evidence_list(corpus, as_of=AS_OF, orgs=["org-b"]).rows] == ["Safety review"]
    with pytest.raises(UserError, match=r"^no organisation 'elsewhere' \(known: org-a, org-b\)$"):
        evidence_list(corpus, as_of=AS_OF, orgs=["elsewhere"])


def test_json_and_csv(corpus: Corpus) -> None:
    view = evidence_list(corpus, as_of=AS_OF, within=10)
    doc = json.loads(evidence_json(view))
    assert (doc["as_of"], doc["within_days"], doc["described_only"]) == ("2024-06-15", 10, 1)
    assert [r["state"] for r in doc["evidence"]][:3] == ["stale", "stale", "current"]  # the schedule: in 30 days
    assert doc["evidence"][0]["lapses"] == "2024-05-31" and doc["evidence"][0]["produced"] is None
    rows = list(csv.DictReader(io.StringIO(evidence_csv(view))))
    assert [(r["item"], r["title"], r["state"]) for r in rows] == [
        (r["item"], r["title"], r["state"]) for r in doc["evidence"]
    ]
    assert rows[-1]["item"] == "other-set:7" and rows[0]["owner"] == ""


@pytest.mark.parametrize("width", [40, 60, 80, 100, 132, 200])
@pytest.mark.parametrize("stale_only", [False, True])
def test_plain_text_is_what_rich_prints(corpus: Corpus, width: int, stale_only: bool) -> None:
    view = evidence_list(corpus, as_of=AS_OF, stale_only=stale_only)
    out = io.StringIO()
    evidence_table(make_console(color=False, width=width, out=out), view)
    drawn = evidence_text(view, width)
    if drawn is None:  # eight columns leave some no room for text: rich draws them
        assert width < 60
        return
    assert view.summary.split(";")[0] in drawn.replace("\n", " ")
    assert drawn == out.getvalue()


_TEXT = st.text(st.characters(codec="ascii", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, _TEXT, st.sampled_from(STATES), st.none() | st.dates()), min_size=0, max_size=5),
    st.integers(20, 220),
)
def test_generated_registers_print_plain_as_rich_does(
    records: list[tuple[str, str, EvidenceState, date | None]], width: int
) -> None:
    rows = [
        EvidenceRow("org-a", "action", "1.1", t, loc, d, "DoQ", "Director", d, s, "p.yaml", 1)
        for t, loc, s, d in records
    ]
    view = EvidenceList(AS_OF, 30, False, rows, {s: 1 for s in STATES}, 2)
    drawn = evidence_text(view, width)
    if drawn is not None:
        out = io.StringIO()
        evidence_table(make_console(color=False, width=width, out=out), view)
        assert drawn == out.getvalue()


def test_an_empty_register_prints_its_heading_and_counts(tracker: Tracker) -> None:
    view = evidence_list(load_tracker(tracker.root), as_of=AS_OF)
    out = io.StringIO()
    evidence_table(make_console(color=False, width=80, out=out), view)
    assert (
        evidence_text(view, 80)
        == out.getvalue()
        == (
            "Evidence as of 2024-06-15 (review due within 30 days)\n"
            "0 evidence records: 0 stale, 0 review due, 0 current, 0 no review date; 0 items\n"
            "describe evidence only in words\n"
        )
    )
