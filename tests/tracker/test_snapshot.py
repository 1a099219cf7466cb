"""The validated snapshot (`tracker.snapshot`): the same figures as a load, never stale, thrown away at any doubt."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

import pytest

from francis_cli.checks.run import run_checks
from francis_cli.tracker import cache, snapshot
from francis_cli.tracker.corpus import load_tracker

from ..conftest import ASSESSMENT, Tracker

ASSESSMENTS = "data/assessments/org-a.yaml"


def keep(root: Path) -> snapshot.Snapshot:
    """Load ``root`` as a command does, keep its snapshot, and read it back."""
    before = snapshot.stamp(root)
    corpus = load_tracker(root)
    problems = run_checks(corpus)
    snapshot.write(root, before, corpus, problems, run_checks(corpus, strict=True))
    snap = snapshot.read(root)
    assert snap is not None
    return snap


def plain(f: snapshot.Figures) -> tuple[Any, ...]:
    """Every figure (the line finder aside, which cannot be compared)."""
    return (
        f.default_set,
        f.organisation,
        f.ratings,
        f.set,
        f.organisations,
        f.assessed,
        f.assessment_files,
        f.actions,
        f.actions_of,
        f.others,
    )


def head_path(root: Path) -> Path:
    k = snapshot._key(root) + "-head"
    return cache.folder() / k[:2] / k


def test_the_snapshot_holds_the_figures_and_problems_of_a_load(bundled: Path) -> None:
    snap = keep(bundled)
    corpus = load_tracker(bundled)
    figures = snap.figures()
    assert figures is not None
    assert plain(figures) == plain(snapshot.figures_of(corpus))
    assert [figures.line_of(a) for a in figures.actions] == [
        snapshot.figures_of(corpus).line_of(a) for a in figures.actions
    ]
    assert snap.checked().problems == run_checks(corpus)
    assert snap.checked(strict=True).problems == run_checks(corpus, strict=True)
    assert snap.checked().files == len(corpus.files) + 1


def test_a_rewrite_in_the_same_second_with_the_same_size_is_seen(tracker: Tracker) -> None:
    keep(tracker.root)
    path = tracker.root / ASSESSMENTS
    old = os.stat(path)
    changed = ASSESSMENT.replace("rating: green", "rating: amber")
    assert len(changed) == len(ASSESSMENT)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert snapshot.read(tracker.root) is None


def test_a_racy_file_is_hashed_again_even_when_its_stat_is_unchanged(tracker: Tracker) -> None:
    """As on a file system whose timestamps are too coarse to see the rewrite: only the racy rule can."""
    keep(tracker.root)
    path = tracker.root / ASSESSMENTS
    path.write_text(ASSESSMENT.replace("rating: green", "rating: amber"), encoding="utf-8")
    now = os.stat(path)
    head = marshal.loads(head_path(tracker.root).read_bytes())
    head["files"] = [
        (rel, now.st_size, now.st_mtime_ns, now.st_ino, now.st_ctime_ns, rest[-1])
        if rel == ASSESSMENTS
        else (rel, *rest)
        for rel, *rest in head["files"]
    ]
    head_path(tracker.root).write_bytes(marshal.dumps(head))
    assert snapshot.read(tracker.root) is None
    head["time_ns"] = now.st_mtime_ns + snapshot.GRANULARITY_NS + 1  # long after: trusted by its stat
    head_path(tracker.root).write_bytes(marshal.dumps(head))
    assert snapshot.read(tracker.root) is not None


def test_a_touched_file_with_the_same_bytes_keeps_the_snapshot(tracker: Tracker) -> None:
    keep(tracker.root)
    os.utime(tracker.root / ASSESSMENTS, ns=(1, 1))
    assert snapshot.read(tracker.root) is not None


@pytest.mark.parametrize("change", ["add", "remove"])
def test_a_file_added_or_removed_is_seen(tracker: Tracker, change: str) -> None:
    keep(tracker.root)
    if change == "add":
        tracker.write("data/assessments/org-b.yaml", ASSESSMENT.replace("org-a", "org-b"))
    else:
        (tracker.root / ASSESSMENTS).unlink()
    assert snapshot.read(tracker.root) is None


def test_another_version_of_francis_does_not_trust_it(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    keep(tracker.root)
    monkeypatch.setattr(snapshot, "__version__", "0.0.0-other")
    assert snapshot.read(tracker.root) is None


@pytest.mark.parametrize("damage", [b"\x00garbage", marshal.dumps({"format": 1}), marshal.dumps([1, 2])])
def test_a_damaged_head_is_no_snapshot(tracker: Tracker, damage: bytes) -> None:
    keep(tracker.root)
    head_path(tracker.root).write_bytes(damage)
    assert snapshot.read(tracker.root) is None


@pytest.mark.parametrize("part", ["problems", "limits", "files"])
def test_a_head_of_the_wrong_shape_is_no_snapshot(tracker: Tracker, part: str) -> None:
    keep(tracker.root)
    head = marshal.loads(head_path(tracker.root).read_bytes())
    head[part] = [(1, 2)]
    head_path(tracker.root).write_bytes(marshal.dumps(head))
    assert snapshot.read(tracker.root) is None


def test_figures_from_another_run_are_not_mixed_with_this_head(tracker: Tracker) -> None:
    snap = keep(tracker.root)
    k = snapshot._key(tracker.root) + "-figures"
    part = cache.folder() / k[:2] / k
    value = marshal.loads(part.read_bytes())
    part.write_bytes(marshal.dumps({**value, "token": "another"}))
    assert snap.figures() is None


def test_damaged_actions_are_found_before_they_are_needed(tracker: Tracker) -> None:
    snap = keep(tracker.root)
    k = snapshot._key(tracker.root) + "-figures"
    part = cache.folder() / k[:2] / k
    value = marshal.loads(part.read_bytes())
    packed = value["figures"]["actions"]
    value["figures"]["actions"] = packed[:-1] + bytes([packed[-1] ^ 0xFF])
    part.write_bytes(marshal.dumps(value))
    assert snap.figures() is None


def test_no_snapshot_without_the_cache(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    keep(tracker.root)
    monkeypatch.setenv("FRANCIS_NO_CACHE", "1")
    assert snapshot.stamp(tracker.root) is None
    assert snapshot.read(tracker.root) is None


def test_a_file_changed_during_the_load_leaves_no_snapshot_that_trusts_it(tracker: Tracker) -> None:
    """The stat is taken before the load reads: a change made after the read differs from what was kept."""
    before = snapshot.stamp(tracker.root)
    corpus = load_tracker(tracker.root)
    tracker.write(ASSESSMENTS, ASSESSMENT.replace("rating: green", "rating: amber"))
    snapshot.write(tracker.root, before, corpus, [], [])
    assert snapshot.read(tracker.root) is None


def test_a_cold_load_parsed_by_workers_keeps_what_one_process_keeps(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers send their parse in the cache's form, stored as it is: the same entries, the same snapshot."""
    from francis_cli.tracker import read

    kept: list[tuple[dict[str, Any], Any]] = []
    for workers in (False, True):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{workers}"))
        monkeypatch.setattr(read, "PARALLEL_BYTES", 0 if workers else 10**12)
        snap = keep(bundled)
        entries = {p.name: marshal.loads(p.read_bytes()) for p in cache.folder().rglob("*") if p.is_file()}
        parsed = {k: v for k, v in entries.items() if not k.startswith("snapshot-")}
        figures = snap.figures()
        assert figures is not None and all(f[-1] in parsed for f in snap.head["files"])
        kept.append((parsed, (snap.checked().problems, plain(figures))))
    assert kept[0] == kept[1]
