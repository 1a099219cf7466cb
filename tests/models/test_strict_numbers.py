"""YAML booleans are not numbers: every whole-number field refuses ``true``, ``3.0`` and ``"3"``,
as the JSON Schema (``integer``) does, instead of reading ``true`` as recommendation 1."""

from __future__ import annotations

import pytest

from ..conftest import RunCli, Tracker


@pytest.mark.parametrize(
    ("written", "got"),
    [("true", "true"), ("false", "false"), ("3.0", "the number 3.0"), ('"3"', "'3'")],
)
def test_an_assessment_s_recommendation_must_be_a_whole_number(
    written: str, got: str, tracker: Tracker, run_cli: RunCli
) -> None:
    tracker.write(
        "data/assessments/org-a.yaml",
        f"organisation: org-a\nassessments:\n  - recommendation: {written}\n    rating: amber\n    position: Partly.\n",
    )
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert (
        f"data/assessments/org-a.yaml:3:21: error invalid-value recommendation: expected a whole number, got {got}"
        in result.stdout.splitlines()
    )


def test_a_catalogue_s_number_must_be_a_whole_number(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        "data/recommendations/test-set.yaml",
        "set: test-set\ntitle: T\nrecommendations:\n  - number: true\n    title: First\n",
    )
    result = run_cli("check", root=tracker.root)
    assert (
        "data/recommendations/test-set.yaml:4:13: error invalid-value number: expected a whole number, got true"
        in result.stdout.splitlines()
    )


@pytest.mark.parametrize("key", ["max_file_bytes", "max_depth", "max_alias_nodes"])
def test_a_limit_must_be_a_whole_number(key: str, tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", f"default_set: test-set\nlimits:\n  {key}: true\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    column = len(key) + 5
    line = f"francis.yaml:3:{column}: error invalid-value {key}: expected a whole number, got true"
    assert line in result.stdout.splitlines()


def test_whole_numbers_still_read(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", "default_set: test-set\nlimits:\n  max_depth: 100\n  max_alias_nodes: 0\n")
    assert run_cli("check", root=tracker.root).exit_code == 0
