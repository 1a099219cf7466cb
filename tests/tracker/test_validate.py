"""One file to its model (`tracker.validate`): a broken item does not hide the rest; the fuzz target's loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import ASSESSMENT, REPO, RunCli, Tracker


def lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line]


def test_broken_item_does_not_hide_the_rest_of_the_file(tracker: Tracker, run_cli: RunCli) -> None:
    """An invalid assessment is reported, and the valid ones beside it are still cross-checked."""
    tracker.write(
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("rating: amber", "rating: 5").replace("recommendation: 2", "recommendation: 9"),
    )
    result = run_cli("check", root=tracker.root)
    assert [line.split(" ")[2] for line in lines(result.stdout)] == ["invalid-value", "unknown-recommendation"]


def test_the_fuzz_target_accepts_its_seed_corpus(tmp_path: Path) -> None:
    """The atheris target keeps working as the loader changes (where atheris is installed)."""
    import importlib.util

    pytest.importorskip("atheris")
    spec = importlib.util.spec_from_file_location("fuzz_loader", REPO / "fuzz" / "fuzz_loader.py")
    assert spec is not None and spec.loader is not None
    target = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(target)
    assert target.write_seeds(tmp_path / "corpus") > 30  # the bundled files, and six snippets under each kind
    for seed in sorted((tmp_path / "corpus").iterdir()):
        target.test_one_input(seed.read_bytes())
