"""The snapshot's full text (`tracker.snapshot_text`): the same tracker as a load, rebuilt without
validating it, and nothing at any doubt."""

from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from francis_cli.checks.run import run_checks
from francis_cli.tracker import cache, snapshot, snapshot_text
from francis_cli.tracker.corpus import Corpus, load_tracker

from ..conftest import ASSESSMENT, REPO, Tracker

ASSESSMENTS = "data/assessments/org-a.yaml"


def keep(root: Path) -> tuple[snapshot.Snapshot, Corpus]:
    """Load ``root`` as ``show`` does, keep its snapshot with the full text, and read the head back."""
    before = snapshot.stamp(root)
    corpus = load_tracker(root)
    problems = run_checks(corpus)
    token = snapshot.write(root, before, corpus, problems, run_checks(corpus, strict=True))
    assert token is not None
    snapshot_text.write(root, token, corpus)
    snap = snapshot.read(root)
    assert snap is not None
    return snap, corpus


def text_path(root: Path) -> Path:
    k = snapshot.part(root, "text")
    return cache.folder() / k[:2] / k


def dump(model: Any) -> Any:
    return None if model is None else (type(model), model.model_dump(), model.model_fields_set)


def whole(c: Corpus) -> tuple[Any, ...]:
    """Everything a command reads of a corpus, as comparable values (positions aside)."""
    return (
        [(f.rel, f.kind, dump(f.model), f.kept) for f in c.files],
        dump(c.config),
        (c.config_file.rel, dump(c.config_file.model), c.config_file.kept) if c.config_file else None,
        c.config_key,
        c.problems,
        c.incomplete,
        {rel: (k, f.rel, problems) for rel, (k, f, problems) in c.loaded.items()},
        {s: [(dump(e.model), e.at.file.rel, e.at.path) for e in es] for s, es in c.sets.items()},
        {o: [(dump(e.model), e.at.file.rel, e.at.path) for e in es] for o, es in c.organisations.items()},
        [(a.organisation, a.set, dump(a.model), a.at.file.rel, a.at.path) for a in c.assessments],
        [(a.organisation, dump(a.model), dump(a.section), a.at.file.rel, a.at.path) for a in c.actions],
        {k: sorted(v) for k, v in c.assessed.items()},
        {k: [a.at.path for a in v] for k, v in c.actions_of.items()},
    )


def generated(tmp_path: Path) -> Path:
    root = tmp_path / "national"
    made = subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), str(root), "--orgs", "3", "--actions", "12"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return root


@pytest.mark.parametrize("which", ["bundled", "generated", "with-errors"])
def test_the_rebuilt_tracker_equals_the_validated_one(
    which: str, bundled: Path, tracker: Tracker, tmp_path: Path
) -> None:
    root = {"bundled": bundled, "generated": generated(tmp_path), "with-errors": tracker.root}[which]
    if which == "with-errors":
        tracker.write(ASSESSMENTS, ASSESSMENT.replace("rating: green", "rating: grene") + "  - recommendation: x\n")
    snap, loaded = keep(root)
    rebuilt = snapshot_text.corpus(snap)
    assert rebuilt is not None
    assert whole(rebuilt) == whole(loaded)
    assert all(a.model == b.model for a, b in zip(rebuilt.files, loaded.files, strict=True))
    assert run_checks(rebuilt) == run_checks(loaded)  # the checks read positions too: the same lines
    assert [f.source.values for f in rebuilt.files] == [f.source.values for f in loaded.files]


def test_a_rebuild_neither_loads_nor_validates(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    snap, loaded = keep(tracker.root)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again")

    for model in {type(f.model) for f in loaded.files if f.model is not None}:
        monkeypatch.setattr(model, "model_validate", refused)
    monkeypatch.setattr("francis_cli.tracker.corpus.load_tracker", refused)
    rebuilt = snapshot_text.corpus(snap)
    assert rebuilt is not None and whole(rebuilt) == whole(loaded)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped", "empty"])
def test_a_damaged_text_part_is_no_tracker(tracker: Tracker, damage: str) -> None:
    snap, _ = keep(tracker.root)
    path = text_path(tracker.root)
    blob = path.read_bytes()
    if damage == "flipped":  # a letter of a position: the part still reads back, only its digest differs
        part = marshal.loads(blob)
        data = part["data"]
        at = data.index(b"Partly in place.")
        part["data"] = data[:at] + b"Q" + data[at + 1 :]
        blob = marshal.dumps(part)
    path.write_bytes({"truncated": blob[: len(blob) // 2], "garbage": b"\x00garbage", "empty": b""}.get(damage, blob))
    assert snapshot_text.corpus(snap) is None


@pytest.mark.parametrize(
    "change",
    [
        {"token": "another run"},
        {"format": snapshot_text.FORMAT + 1},
        {"data": marshal.dumps({"files": [("x",)]})},
        {"data": marshal.dumps([1, 2])},
        {"classes": [("os", "PathLike", [])]},
        {"classes": "fields"},
    ],
)
def test_a_text_part_of_another_run_version_or_shape_is_no_tracker(tracker: Tracker, change: dict[str, Any]) -> None:
    snap, _ = keep(tracker.root)
    path = text_path(tracker.root)
    part = marshal.loads(path.read_bytes())
    if "classes" in change:  # the models it was made for: another module's, or other fields
        data = marshal.loads(part["data"])
        table = data["classes"]
        data["classes"] = (
            change["classes"]
            if change["classes"] != "fields"
            else [(module, name, [*names, "added"]) for module, name, names in table]
        )
        change = {"data": marshal.dumps(data)}
    part.update(change)
    if "data" in change:
        part["digest"] = snapshot_text._digest(part["data"])
    path.write_bytes(marshal.dumps(part))
    assert snapshot_text.corpus(snap) is None


def test_another_version_of_francis_reads_no_text(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    keep(tracker.root)
    monkeypatch.setattr(snapshot, "__version__", "0.0.0-other")
    assert snapshot.read(tracker.root) is None


def test_a_change_after_the_text_was_kept_leaves_nothing_that_trusts_it(tracker: Tracker) -> None:
    keep(tracker.root)
    tracker.write(ASSESSMENTS, ASSESSMENT.replace("rating: green", "rating: amber"))
    assert snapshot.read(tracker.root) is None


def test_a_value_it_cannot_hold_exactly_keeps_no_text(tracker: Tracker) -> None:
    before = snapshot.stamp(tracker.root)
    corpus = load_tracker(tracker.root)
    token = snapshot.write(tracker.root, before, corpus, [], [])
    model = next(f.model for f in corpus.files if f.kind == "assessments")
    object.__setattr__(model, "__dict__", {**model.__dict__, "position": {"a", "set"}})
    snapshot_text.write(tracker.root, token, corpus)
    assert not text_path(tracker.root).exists()
    assert snapshot.read(tracker.root) is not None  # the head and figures stand without it


def test_no_token_keeps_no_text(tracker: Tracker) -> None:
    snapshot_text.write(tracker.root, None, load_tracker(tracker.root))
    assert not text_path(tracker.root).exists()
