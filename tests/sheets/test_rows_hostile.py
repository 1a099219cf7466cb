"""Reference cells no reader expects: a number of thousands of digits is that row's problem, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.sheets.rows import rec_ref

from ..conftest import RunCli, Tracker

HUGE = "1" * 5000
"""More digits than Python converts to a number (4,300)."""


def _import(run_cli: RunCli, tracker: Tracker, tmp_path: Path, kind: str, text: str) -> tuple[int, str]:
    sheet = tmp_path / f"{kind}.csv"
    sheet.write_text(text, encoding="utf-8")
    result = run_cli("import", kind, str(sheet), "--org", "org-a", root=tracker.root)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.stderr


def test_a_recommendation_number_of_thousands_of_digits_is_the_rows_problem(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    code, stderr = _import(
        run_cli, tracker, tmp_path, "assessments", f"Rec,Rating,Position\n{HUGE},green,ok\n2,green,ok\n"
    )
    assert code == 1
    assert "row 2: recommendation number '111111111111'… (5,000 characters) has more than 9 digits" in stderr
    assert "row 3" not in stderr


@pytest.mark.parametrize("cell", [HUGE, f"test-set:{HUGE}", "1, " + HUGE])
def test_an_actions_recommendations_cell_of_thousands_of_digits_is_the_rows_problem(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path, cell: str
) -> None:
    sheet = f'ID,Section,Action,Lead,Due,Recommendations\n1.5,1,Do it,DoQ,2030-05,"{cell}"\n'
    code, stderr = _import(run_cli, tracker, tmp_path, "actions", sheet)
    assert code == 1 and "row 2" in stderr, stderr


def test_an_action_id_of_thousands_of_digits_is_refused(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    code, _ = _import(
        run_cli, tracker, tmp_path, "actions", f"ID,Section,Action,Lead,Due\n{HUGE},1,Do it,DoQ,2030-05\n"
    )
    assert code == 1


def test_rec_ref_says_why_not() -> None:
    with pytest.raises(ValueError, match="more than 9 digits"):
        rec_ref(HUGE)
    assert rec_ref("132") == 132
