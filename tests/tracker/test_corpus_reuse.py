"""An edit's second load of the tracker reuses the models of the files the edit leaves alone."""

from __future__ import annotations

from francis_cli.tracker.corpus import load_tracker
from francis_cli.tracker.sources import Overlay, WorkTree

from ..conftest import Tracker


def test_unchanged_files_are_reused_and_changed_ones_read_again(tracker: Tracker) -> None:
    before = load_tracker(tracker.root)
    plan = "data/workplan/org-a.yaml"
    edited = (tracker.root / plan).read_bytes().replace(b"Write the strategy", b"Write and publish the strategy")
    after = load_tracker(tracker.root, Overlay(WorkTree(tracker.root), {plan: edited}), reuse=before)
    old, new = {f.rel: f for f in before.files}, {f.rel: f for f in after.files}
    assert set(old) == set(new)
    assert all(new[rel] is old[rel] for rel in old if rel != plan)
    assert new[plan] is not old[plan]
    assert after.actions[0].model.title == "Write and publish the strategy"
    assert after.problems == before.problems


def test_without_the_cache_nothing_is_reused(tracker: Tracker) -> None:
    before = load_tracker(tracker.root, use_cache=False)
    again = load_tracker(tracker.root, use_cache=False, reuse=before)
    assert all(a is not b for a, b in zip(before.files, again.files, strict=True))
