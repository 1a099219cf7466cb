"""What check and the edit commands say is francis's wording, never Python's or pydantic's, and a
terminal gets check's lines coloured as ruff colours them."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError, field_validator

from francis_cli.problems import Problem
from francis_cli.render.problems import as_text
from francis_cli.tracker.messages import problems_from
from francis_cli.yamlio.values import SourceMap

from ..conftest import RunCli, Tracker


def test_a_missing_spreadsheet_or_position_file_is_said_plainly(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    missing = tmp_path / "gone.xlsx"
    missing.write_bytes(b"")
    missing.unlink()
    (tmp_path / "folder.csv").mkdir()
    sheet = run_cli("import", "actions", str(tmp_path / "folder.csv"), "--org", "org-a", root=tracker.root)
    position = run_cli("assess", "org-a", "1", "--position-file", str(missing), root=tracker.root)
    for result in (sheet, position):
        assert result.exit_code == 2
        assert "[Errno" not in result.stderr and "Traceback" not in result.stderr
    assert position.stderr == f"francis: --position-file: cannot read {missing}: No such file or directory\n"


class _Settings(BaseModel):
    colour: str

    @field_validator("colour")
    @classmethod
    def _named(cls, value: str) -> str:
        raise ValueError("name a colour of the NHS palette")


def test_a_validators_own_words_lose_pydantics_prefix() -> None:
    data = {"colour": "pink"}
    try:
        _Settings.model_validate(data)
    except ValidationError as err:
        ((_, _, code, message),) = problems_from(err, data, _Settings, SourceMap())
    assert (code, message) == ("invalid-value", "colour: name a colour of the NHS palette")


def test_check_colours_severities_in_a_terminal_only() -> None:
    problems = [
        Problem("data/a.yaml", 3, 5, "unknown-key", "error", "unknown key 'x'"),
        Problem("data/b.yaml", 1, 1, "no-due", "warning", "no due"),
    ]
    plain = as_text(problems)
    assert plain == "data/a.yaml:3:5: error unknown-key unknown key 'x'\ndata/b.yaml:1:1: warning no-due no due\n"
    coloured = as_text(problems, color=True)
    assert "\x1b[1;31merror\x1b[0m" in coloured and "\x1b[1;33mwarning\x1b[0m" in coloured
    assert (
        coloured.replace("\x1b[1m", "")
        .replace("\x1b[0m", "")
        .replace("\x1b[2m", "")
        .replace("\x1b[1;31m", "")
        .replace("\x1b[1;33m", "")
        == plain
    )
