"""Cross-links between recommendations (``repeats``, ``related``): `show` lists them from both ends
(`views.show.links`), `check` reports a link to a set or number the tracker lacks
(`checks.catalogue`), and a link not written set:number is refused where it stands."""

from __future__ import annotations

from datetime import date

from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.show import CrossLink, RecommendationView, show

from ..conftest import RunCli, Tracker

LATER = "data/recommendations/later-2025.yaml"
LATER_SET = """\
set: later-2025
title: A later inquiry
recommendations:
  - number: 1
    title: Candour again
    text: The later recommendation.
    addressees: [all-trusts]
    repeats:
      - test-set:2
    related: ["test-set:3"]
  - number: 2
    text: Another.
    related:
      - later-2025:1
      - test-set:3
"""
DAY = date(2024, 6, 15)


def _page(tracker: Tracker, ref: str) -> RecommendationView:
    view = show(load_tracker(tracker.root), ref, as_of=DAY)
    assert isinstance(view, RecommendationView)
    return view


def test_links_are_listed_both_ways(tracker: Tracker) -> None:
    tracker.write(LATER, LATER_SET)
    assert _page(tracker, "later-2025:1").links == [
        CrossLink("repeats", "test-set", 2, "Second", True),
        CrossLink("related", "test-set", 3, "Third", True),
        CrossLink("related", "later-2025", 2, None, True),
    ]
    assert _page(tracker, "test-set:2").links == [CrossLink("repeated-by", "later-2025", 1, "Candour again", True)]
    assert _page(tracker, "test-set:3").links == [
        CrossLink("related", "later-2025", 1, "Candour again", True),
        CrossLink("related", "later-2025", 2, None, True),
    ]
    assert _page(tracker, "test-set:1").links == []


def test_a_link_said_from_both_ends_is_listed_once(tracker: Tracker) -> None:
    both = LATER_SET.replace('    related: ["test-set:3"]\n', '    related: ["later-2025:2"]\n')
    tracker.write(LATER, both)
    assert [(x.kind, x.set, x.number) for x in _page(tracker, "later-2025:1").links] == [
        ("repeats", "test-set", 2),
        ("related", "later-2025", 2),
    ]


def test_the_page_says_repeats_repeated_by_and_related(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(LATER, LATER_SET.replace('"test-set:3"]', '"test-set:3", "gone-2020:4"]'))
    page = run_cli("show", "later-2025:1", root=tracker.root).stdout
    assert "Theme: none recorded · Addressed to: all-trusts" in page
    assert (
        "Links (4)\n  repeats test-set:2 Second\n  related test-set:3 Third\n  related gone-2020:4 (not in this "
        "tracker)\n  related later-2025:2\n"
    ) in page
    back = run_cli("show", "test-set:2", root=tracker.root).stdout
    assert "Links (1)\n  repeated by later-2025:1 Candour again\n" in back


def test_check_reports_a_link_to_a_set_or_number_the_tracker_lacks(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(LATER, LATER_SET.replace("- test-set:2", "- test-set:9").replace('["test-set:3"]', '["tset-set:3"]'))
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if LATER in line] == [
        f"{LATER}:9:9: error unknown-recommendation `repeats` links to test-set:9, but set 'test-set' has no "
        "recommendation 9",
        f"{LATER}:10:15: error unknown-set `related` links to tset-set:3, but set 'tset-set' is not in this tracker "
        "(did you mean 'test-set'?)",
    ]


def test_a_link_must_be_written_set_colon_number(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(LATER, LATER_SET.replace("- test-set:2", "- '2'"))
    result = run_cli("check", root=tracker.root)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{LATER}:9:9: error invalid-value repeats: '2' is not a link to a recommendation: write set:number, e.g. "
        "francis-2013:173\n",
    )


def test_check_warns_of_a_self_link_a_link_given_twice_and_an_addressee_given_twice(
    tracker: Tracker, run_cli: RunCli
) -> None:
    twice = LATER_SET.replace("addressees: [all-trusts]", "addressees: [all-trusts, nhs-england, all-trusts]").replace(
        '    related: ["test-set:3"]\n', '    related: ["test-set:3", "later-2025:1", "test-set:2"]\n'
    )
    tracker.write(LATER, twice)
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 0, result.stdout
    assert [line for line in result.stdout.splitlines() if LATER in line] == [
        f"{LATER}:7:43: warning duplicate-addressee addressee 'all-trusts' is listed twice",
        f"{LATER}:10:29: warning self-link `related` links recommendation later-2025:1 to itself",
        f"{LATER}:10:45: warning duplicate-link `related` lists test-set:2 again (already in `repeats`)",
    ]
    # Each once, and not on the second recommendation, whose links differ.
    assert run_cli("check", root=tracker.root).stdout.count("warning") == result.stdout.count("warning")
