"""The snapshot's full text end to end: a warm `show`, `report` or `site` answers byte for byte as a
full load does without loading the tracker, sees a change at once, and loads when its part is
damaged or made by another version."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

import pytest

from francis_cli.tracker import cache, snapshot
from francis_cli.tracker import corpus as corpus_mod

from ..conftest import ASSESSMENT, Result, RunCli, Tracker
from .test_site import frontend  # noqa: F401  (the stand-in NHS.UK frontend, a fixture)
from .test_snapshot import full, modules_of, warm

AS_OF = ("--as-of", "2024-06-15")
ASSESSMENTS = "data/assessments/org-a.yaml"
FIXTURE = [
    ("show", "1", *AS_OF),
    ("show", "2", *AS_OF),
    ("show", "org-a:1.1", *AS_OF),
    ("report", *AS_OF),
    ("report", "--format", "html", *AS_OF),
    ("report", "--org", "org-a", *AS_OF),
]
BUNDLED = [("show", "124", *AS_OF), ("show", "merton-ccg:3.2", *AS_OF), ("report", *AS_OF)]


def answer(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def same_answers(run_cli: RunCli, root: Path, monkeypatch: pytest.MonkeyPatch, commands: list[tuple[str, ...]]) -> None:
    assert run_cli("show", "1", root=root).exit_code in (0, 1, 2)  # a load for the full text: it keeps it
    for args in commands:
        expected = full(run_cli, root, monkeypatch, args)
        assert answer(warm(run_cli, root, monkeypatch, args)) == answer(expected), args
        assert expected.stdout or expected.stderr


def test_bundled_answers_are_the_same_from_the_full_text(
    bundled: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    same_answers(run_cli, bundled, monkeypatch, BUNDLED)


def test_fixture_answers_are_the_same_from_the_full_text(
    paper: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    same_answers(run_cli, paper.root, monkeypatch, FIXTURE)


def test_a_tracker_with_errors_answers_the_same_with_its_note_and_refusal(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.write(ASSESSMENTS, ASSESSMENT.replace("rating: green", "rating: grene"))
    same_answers(run_cli, tracker.root, monkeypatch, FIXTURE[:3])
    assert "the tracker has 1 error" in warm(run_cli, tracker.root, monkeypatch, FIXTURE[0]).stderr
    tracker.write("francis.yaml", "default_set: test-set\norganisation: nobody-here\n")
    same_answers(run_cli, tracker.root, monkeypatch, FIXTURE[3:4])  # the paper refused, the same way
    assert warm(run_cli, tracker.root, monkeypatch, FIXTURE[3]).exit_code == 1


@pytest.mark.usefixtures("frontend")
def test_the_site_is_the_same_from_the_full_text(
    paper: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with monkeypatch.context() as m:
        m.setenv("FRANCIS_NO_CACHE", "1")
        assert run_cli("site", "-o", str(tmp_path / "full"), *AS_OF, root=paper.root).exit_code == 0
    assert run_cli("site", "-o", str(tmp_path / "first"), *AS_OF, root=paper.root).exit_code == 0
    assert warm(run_cli, paper.root, monkeypatch, ("site", "-o", str(tmp_path / "warm"), *AS_OF)).exit_code == 0
    built = [
        {p.relative_to(d): p.read_bytes() for d in [tmp_path / n] for p in d.rglob("*") if p.is_file()}
        for n in ("full", "first", "warm")
    ]
    assert built[0] == built[1] == built[2]
    assert len(built[0]) > 5


def rating_of_2(run_cli: RunCli, root: Path) -> str:
    out = run_cli("show", "2", *AS_OF, root=root).stdout
    (line,) = [x for x in out.splitlines() if "org-a" in x or "Organisation A" in x]
    return line


def test_a_rewrite_in_the_same_second_with_the_same_size_is_seen(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, _own_cache: Path
) -> None:
    """As on a file system too coarse to see the rewrite in the stat: only the racy rule can."""
    before = rating_of_2(run_cli, tracker.root)
    assert rating_of_2(run_cli, tracker.root) == before
    path = tracker.root / ASSESSMENTS
    old = os.stat(path)
    changed = ASSESSMENT.replace("rating: green", "rating: amber")
    assert len(changed) == len(ASSESSMENT)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    now = os.stat(path)
    k = snapshot.part(tracker.root, "head")
    head_path = cache.folder() / k[:2] / k
    head = marshal.loads(head_path.read_bytes())  # the head believes the file's stat is unchanged
    head["files"] = [
        (rel, now.st_size, now.st_mtime_ns, now.st_ino, now.st_ctime_ns, rest[-1])
        if rel == ASSESSMENTS
        else (rel, *rest)
        for rel, *rest in head["files"]
    ]
    head_path.write_bytes(marshal.dumps(head))
    after = rating_of_2(run_cli, tracker.root)
    assert after != before and "mber" in after
    with monkeypatch.context() as m:
        m.setenv("FRANCIS_NO_CACHE", "1")
        assert rating_of_2(run_cli, tracker.root) == after


@pytest.mark.parametrize("damage", [b"", b"\x00damaged", "truncated"])
def test_a_damaged_full_text_falls_back_to_a_load(
    tracker: Tracker, run_cli: RunCli, _own_cache: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | str
) -> None:
    args = ("show", "org-a:1.1", *AS_OF)
    first = run_cli(*args, root=tracker.root)
    (part,) = _own_cache.rglob("snapshot-*-text")
    blob = part.read_bytes()
    part.write_bytes(blob[: len(blob) - 7] if damage == "truncated" else damage)
    assert "the tracker was loaded" in warm(run_cli, tracker.root, monkeypatch, args).stderr
    assert answer(run_cli(*args, root=tracker.root)) == answer(first)
    assert answer(warm(run_cli, tracker.root, monkeypatch, args)) == answer(first)  # rewritten whole


def test_another_version_loads_again(tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("show", "1", *AS_OF)
    first = run_cli(*args, root=tracker.root)
    loads: list[int] = []
    real = corpus_mod.load_tracker

    def counted(*args: Any, **kwargs: Any) -> corpus_mod.Corpus:
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus_mod, "load_tracker", counted)
    assert answer(run_cli(*args, root=tracker.root)) == answer(first) and loads == []
    monkeypatch.setattr(snapshot, "__version__", "0.0.0-other")
    assert answer(run_cli(*args, root=tracker.root)) == answer(first) and len(loads) == 1


def test_a_status_load_does_not_keep_the_full_text_but_show_does(
    tracker: Tracker, run_cli: RunCli, _own_cache: Path
) -> None:
    """Why: writing it costs a cold `status` time it has no use for; the first `show` keeps it."""
    run_cli("status", root=tracker.root)
    assert [p.name.rsplit("-", 1)[1] for p in sorted(_own_cache.rglob("snapshot-*"))] == ["figures", "head"]
    run_cli("show", "1", root=tracker.root)
    assert [p.name.rsplit("-", 1)[1] for p in sorted(_own_cache.rglob("snapshot-*"))] == ["figures", "head", "text"]


def test_a_warm_show_imports_no_yaml_parser_and_runs_no_check(bundled: Path, tmp_path: Path) -> None:
    cold = modules_of(bundled, tmp_path / "cold.json", "show", "124")
    assert "ruamel.yaml" in cold and "francis_cli.checks.run" in cold
    modules = modules_of(bundled, tmp_path / "warm.json", "show", "124")
    assert [m for m in modules if m.startswith(("ruamel", "yaml"))] == []
    assert "francis_cli.checks.run" not in modules
