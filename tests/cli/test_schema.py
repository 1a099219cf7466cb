"""`francis schema` (`cli.schema`): the JSON Schema of a file kind, or all of them written to a folder."""

from __future__ import annotations

import json
from pathlib import Path

from francis_cli.models.schema import SCHEMA_KINDS

from ..conftest import REPO, RunCli


def test_schema_command_prints_json(run_cli: RunCli) -> None:
    result = run_cli("schema", "workplan", root=REPO)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["organisation"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"


def test_schema_without_kind_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("schema", root=REPO)
    assert result.exit_code == 2
    assert result.stderr.startswith("francis: name a file kind")


def test_schema_write(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("schema", "--write", str(tmp_path / "s"), root=REPO)
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(f"{k}.schema.json" for k in SCHEMA_KINDS)
