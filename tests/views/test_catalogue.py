"""`catalogue show` (`views.catalogue`): what a set lacks, as number ranges, and its rendering."""

from __future__ import annotations

import io
import json

import pytest

from francis_cli.errors import UserError
from francis_cli.render.console.catalogue import catalogue_table, catalogue_text
from francis_cli.render.console.common import make_console
from francis_cli.render.data import catalogue_json
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.catalogue import catalogue

from ..conftest import REPO, Tracker

GAPPY = """\
set: test-set
title: A test recommendation set
themes:
  - id: standards
    title: Standards
recommendations:
  - {number: 1, theme: standards, title: First, text: The first., source: "https://e.org/r.pdf#page=1",
     addressees: [all-trusts]}
  - {number: 2, title: Second, text: The second., government_response: accepted, addressees: [nhs-england]}
  - {number: 4}
  - {number: 3, theme: standards, text: The third.}
  - {number: 6}
  - {number: 5, title: Fifth}
"""


def test_gaps_are_listed_by_number_as_ranges(tracker: Tracker) -> None:
    tracker.write("data/recommendations/test-set.yaml", GAPPY)
    view = catalogue(load_tracker(tracker.root), "test-set")
    assert (view.total, view.transcribed, view.file) == (6, 3, "data/recommendations/test-set.yaml")
    gaps = {gap.key: (gap.label, gap.numbers, gap.ranges) for gap in view.gaps}
    assert gaps == {
        "text": ("Not transcribed", [4, 5, 6], "4–6"),
        "theme": ("No theme", [2, 4, 5, 6], "2, 4–6"),
        "title": ("No title", [3, 4, 6], "3–4, 6"),
        "source": ("No source", [2, 3, 4, 5, 6], "2–6"),
        "addressees": ("No addressee", [3, 4, 5, 6], "3–6"),
        "government_response": ("No government response", [1, 3, 4, 5, 6], "1, 3–6"),
    }
    assert view.summary == "3 of 6 transcribed"


def test_government_response_is_asked_for_only_where_the_set_records_one(tracker: Tracker) -> None:
    view = catalogue(load_tracker(tracker.root), "test-set")
    assert [gap.key for gap in view.gaps] == ["text", "theme", "title", "source", "addressees"]
    assert [gap.ranges for gap in view.gaps] == ["—", "—", "—", "1–3", "1–3"]
    assert view.summary == "3 of 3 transcribed"


def test_a_complete_set_says_nothing_else_is_missing(tracker: Tracker) -> None:
    text = GAPPY.split("  - {number: 2")[0]
    tracker.write("data/recommendations/test-set.yaml", text)
    view = catalogue(load_tracker(tracker.root), "test-set")
    assert view.summary == "1 of 1 transcribed; nothing else missing"
    tracker.write("data/recommendations/test-set.yaml", text.replace(",\n     addressees: [all-trusts]", ""))
    view = catalogue(load_tracker(tracker.root), "test-set")
    assert view.summary == "1 of 1 transcribed" and view.gaps[4].label == "No addressee"


def test_an_unknown_set_names_the_sets_there_are(tracker: Tracker) -> None:
    with pytest.raises(UserError, match=r"^no recommendation set 'test-sets' in this tracker \(sets: test-set\) "):
        catalogue(load_tracker(tracker.root), "test-sets")


def test_json_holds_every_number_under_its_key(tracker: Tracker) -> None:
    tracker.write("data/recommendations/test-set.yaml", GAPPY)
    doc = json.loads(catalogue_json(catalogue(load_tracker(tracker.root), "test-set")))
    assert doc["recommendations"] == 6 and doc["transcribed"] == 3
    assert doc["missing"]["text"] == [4, 5, 6] and doc["missing"]["government_response"] == [1, 3, 4, 5, 6]
    assert doc["missing"]["addressees"] == [3, 4, 5, 6]
    assert doc["summary"] == "3 of 6 transcribed"


@pytest.mark.parametrize("width", [40, 60, 80, 100, 132])
def test_plain_text_is_what_rich_prints(width: int) -> None:
    """The bundled catalogue's long ranges wrap in the plain layout exactly as rich wraps them."""
    view = catalogue(load_tracker(REPO), "francis-2013")
    out = io.StringIO()
    catalogue_table(make_console(color=False, width=width, out=out), view)
    drawn = catalogue_text(view, width)
    assert drawn is not None and f"{view.transcribed} of {view.total} transcribed" in drawn
    assert drawn == out.getvalue()
