"""The parse cache (`tracker.cache`): never stale, never inside the tracker, self-healing, bounded, bypassable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from francis_cli.tracker import cache
from francis_cli.tracker.corpus import load_tracker

from ..conftest import ASSESSMENT, RunCli, Tracker


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_entries_live_in_the_cache_folder_not_the_tracker(tracker: Tracker, _own_cache: Path) -> None:
    before = sorted(tracker.root.rglob("*"))
    load_tracker(tracker.root)
    assert len(entries(_own_cache)) == 5  # francis.yaml and the four data files
    assert sorted(tracker.root.rglob("*")) == before


def test_a_changed_byte_is_a_miss(tracker: Tracker, run_cli: RunCli) -> None:
    assert run_cli("check", root=tracker.root).exit_code == 0
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT.replace("rating: green", "rating: grene"))
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert "unknown-rating rating 'grene'" in result.stdout


def test_corrupt_entries_heal(tracker: Tracker, _own_cache: Path, run_cli: RunCli) -> None:
    first = run_cli("status", "--as-of", "2024-06-15", root=tracker.root).stdout
    for path in entries(_own_cache):
        path.write_bytes(b"\x00garbage")
    assert run_cli("status", "--as-of", "2024-06-15", root=tracker.root).stdout == first
    assert all(p.read_bytes() != b"\x00garbage" for p in entries(_own_cache))


def test_no_cache_reads_and_writes_nothing(
    tracker: Tracker, _own_cache: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRANCIS_NO_CACHE", "1")
    assert run_cli("check", root=tracker.root).exit_code == 0
    assert entries(_own_cache) == []
    monkeypatch.delenv("FRANCIS_NO_CACHE")
    assert run_cli("--no-cache", "check", root=tracker.root).exit_code == 0
    assert entries(_own_cache) == []


def test_prune_keeps_the_newest_within_the_limit(tmp_path: Path) -> None:
    store = cache.Cache(tmp_path)
    for i in range(10):
        store.put(cache.key(str(i).encode()), ["x" * 1000, i])
        os.utime(store._path(cache.key(str(i).encode())), (1_000_000 + i, 1_000_000 + i))
    store.prune(limit=4000)
    kept = [store.get(cache.key(str(i).encode())) for i in range(10)]
    assert [k[1] for k in kept if k is not None] == [7, 8, 9]


def test_key_depends_on_bytes_and_salt() -> None:
    assert cache.key(b"a: 1\n", 1) != cache.key(b"a: 2\n", 1)
    assert cache.key(b"a: 1\n", 1) != cache.key(b"a: 1\n", 2)
    assert cache.key(b"a: 1\n", 1) == cache.key(b"a: 1\n", 1)


def test_concurrent_runs_share_the_cache_safely(tracker: Tracker, _own_cache: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(_own_cache), "NO_COLOR": "1", "FRANCIS_AS_OF": "2024-06-15"}
    cmd = [sys.executable, "-m", "francis_cli", "--root", str(tracker.root), "status", "--format", "json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outs = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert len({o for o, _ in outs}) == 1
    assert not [p for p in _own_cache.rglob(".*") if p.is_file()], "no temp files left behind"
