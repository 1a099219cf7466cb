"""The validated snapshot end to end: a warm `status`, `overdue` or `check` answers byte for byte as a
full load does, without loading the tracker, without the models or a YAML parser, and falls back when
the snapshot is damaged."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from francis_cli.tracker import corpus as corpus_mod

from ..conftest import ASSESSMENT, Result, RunCli, Tracker

AS_OF = ("--as-of", "2024-06-15")
STATUS = [
    ("status", "--by", by, "--format", fmt, *AS_OF)
    for by in ("theme", "organisation", "rating", "lead")
    for fmt in ("table", "json", "csv", "markdown")
]
OVERDUE = [("overdue", "--within", "30", "--format", fmt, *AS_OF) for fmt in ("table", "json", "csv", "markdown")]
CHECK = [("check",), ("check", "--strict"), ("check", "--format", "json")]


def no_load(*args: object, **kwargs: object) -> None:
    raise AssertionError("the tracker was loaded")


def full(run_cli: RunCli, root: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> Result:
    with monkeypatch.context() as m:
        m.setenv("FRANCIS_NO_CACHE", "1")
        return run_cli(*args, root=root)


def warm(run_cli: RunCli, root: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> Result:
    """The command with every load refused: it can only answer from the snapshot."""
    with monkeypatch.context() as m:
        m.setattr(corpus_mod, "load_tracker", no_load)
        return run_cli(*args, root=root)


def same_answers(run_cli: RunCli, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("check", root=root).exit_code in (0, 1)  # a load: it keeps the snapshot
    for args in [*STATUS, *OVERDUE, *CHECK]:
        expected = full(run_cli, root, monkeypatch, args)
        got = warm(run_cli, root, monkeypatch, args)
        assert (got.exit_code, got.stdout, got.stderr) == (expected.exit_code, expected.stdout, expected.stderr), args
        assert expected.stdout


def test_bundled_answers_are_the_same_from_the_snapshot(
    bundled: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    same_answers(run_cli, bundled, monkeypatch)


def test_fixture_answers_are_the_same_from_the_snapshot(
    dated: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    same_answers(run_cli, dated.root, monkeypatch)


def test_a_tracker_with_errors_answers_the_same_with_its_note(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT.replace("rating: green", "rating: grene"))
    same_answers(run_cli, tracker.root, monkeypatch)
    assert "the tracker has 1 error" in warm(run_cli, tracker.root, monkeypatch, STATUS[0]).stderr


def test_a_change_is_seen_at_once(tracker: Tracker, run_cli: RunCli) -> None:
    assert run_cli("check", root=tracker.root).exit_code == 0
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT.replace("rating: green", "rating: amber"))
    result = run_cli("status", "--by", "organisation", "--format", "csv", *AS_OF, root=tracker.root)
    (row,) = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["key"] == "org-a"]
    assert (row["amber"], row["green"]) == ("2", "0")


def test_a_damaged_snapshot_falls_back_to_a_load(
    tracker: Tracker, run_cli: RunCli, _own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("status", "--format", "json", *AS_OF)
    first = run_cli(*args, root=tracker.root)
    parts = sorted(_own_cache.rglob("snapshot-*"))
    assert [p.name.rsplit("-", 1)[1] for p in parts] == ["figures", "head"]
    for part in parts:
        part.write_bytes(b"\x00damaged")
        again = run_cli(*args, root=tracker.root)
        assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
        assert warm(run_cli, tracker.root, monkeypatch, args).stdout == first.stdout  # rewritten whole


WRAPPER = """
import atexit, json, pathlib, sys
out = pathlib.Path(sys.argv[1])
atexit.register(lambda: out.write_text(json.dumps(sorted(sys.modules))))
from francis_cli.cli import main
sys.argv = ["francis", *sys.argv[2:]]
main()
"""


def modules_of(root: Path, out: Path, *args: str) -> list[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), "--root", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(out.read_text()))


@pytest.mark.parametrize("args", [("status",), ("status", "--by", "organisation"), ("overdue",), ("check",)])
def test_a_warm_run_imports_no_models_and_no_yaml_parser(bundled: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    cold = modules_of(bundled, tmp_path / "cold.json", *args)
    assert "francis_cli.models.assessment" in cold and "ruamel.yaml" in cold  # what a load needs
    modules = modules_of(bundled, tmp_path / "warm.json", *args)
    plain = ("francis_cli.models.vocab", "francis_cli.models.numbers")  # plain Python: words and numbers
    francis = [m for m in modules if m.startswith("francis_cli.models.") and m not in plain]
    assert francis == []
    assert [m for m in modules if m.startswith(("ruamel", "yaml", "francis_cli.yamlio.read"))] == []
    assert "francis_cli.tracker.corpus" not in modules and "francis_cli.tracker.validate" not in modules
