"""YAML booleans are not numbers: every whole-number field refuses ``true``, ``3.0`` and ``"3"``,
as the JSON Schema (``integer``) does, instead of reading ``true`` as recommendation 1. A
recommendation's number may be text (``2(a)``: ``models.numbers``), so there ``"3"`` is 3, and
``true`` and ``3.0`` are still refused."""

from __future__ import annotations

import pytest

from ..conftest import RunCli, Tracker


@pytest.mark.parametrize(
    ("written", "got"),
    [
        ("true", "expected a recommendation number (4, 2(a), 2ii or IEA 1.3), got true"),
        ("false", "expected a recommendation number (4, 2(a), 2ii or IEA 1.3), got false"),
        ("3.0", "write this number in quotes: unquoted, YAML reads it as the decimal 3.0"),
    ],
)
def test_an_assessment_s_recommendation_must_be_a_number(
    written: str, got: str, tracker: Tracker, run_cli: RunCli
) -> None:
    tracker.write(
        "data/assessments/org-a.yaml",
        f"organisation: org-a\nassessments:\n  - recommendation: {written}\n    rating: amber\n    position: Partly.\n",
    )
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert f"data/assessments/org-a.yaml:3:21: error invalid-value recommendation: {got}" in result.stdout.splitlines()


def test_a_quoted_number_is_the_same_number(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        "data/assessments/org-a.yaml",
        'organisation: org-a\nassessments:\n  - recommendation: "1"\n    rating: amber\n    position: Partly.\n',
    )
    result = run_cli("status", "--org", "org-a", "--format", "json", root=tracker.root)
    assert result.exit_code == 0
    assert '"amber": 1' in result.stdout


def test_a_catalogue_s_number_must_be_a_number(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        "data/recommendations/test-set.yaml",
        "set: test-set\ntitle: T\nrecommendations:\n  - number: true\n    title: First\n",
    )
    result = run_cli("check", root=tracker.root)
    assert (
        "data/recommendations/test-set.yaml:4:13: error invalid-value number: expected a recommendation number "
        "(4, 2(a), 2ii or IEA 1.3), got true" in result.stdout.splitlines()
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
