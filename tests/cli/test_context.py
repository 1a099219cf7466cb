"""What every command shares (`cli.context`): dates, output files, and the note when the tracker has errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker


def test_as_of_from_environment(dated: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRANCIS_AS_OF", "2024-06-15")
    result = run_cli("overdue", "--format", "json", root=dated.root)
    assert json.loads(result.stdout)["as_of"] == "2024-06-15"
    assert run_cli("overdue", "--as-of", "15/06/2024", root=dated.root).exit_code == 2


def test_commands_answer_for_what_loaded_and_say_how_many_errors(dated: Tracker, run_cli: RunCli) -> None:
    dated.write(
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessments:\n"
        "  - {recommendation: 1, rating: amber, position: Partly.}\n"
        "  - {recommendation: 2, rating: purple, position: Odd.}\n"
        "  - {recommendation: 3, ratng: green}\n",
    )
    result = run_cli("status", "--as-of", "2024-06-15", "-f", "json", "--org", "org-a", root=dated.root)
    assert result.exit_code == 0
    assert result.stderr == (
        "francis: the tracker has 2 errors (`francis check` lists them); what did not load is left out here\n"
    )
    totals = json.loads(result.stdout)["tables"][0]["total"]["counts"]
    assert (totals["amber"], totals["not-assessed"], totals["total"]) == (1, 1, 3)


def test_output_goes_wherever_the_user_names(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "deeper" / "paper.md"
    result = run_cli("report", "-o", str(out), root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, f"wrote the markdown paper to {out}\n")
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_output_to_a_folder_is_one_line_not_an_internal_error(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli("report", "-o", str(tmp_path), root=tracker.root)
    assert result.exit_code == 2
    assert result.stderr == f"francis: cannot write {tmp_path}: Is a directory; the file is unchanged\n"
