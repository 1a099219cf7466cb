"""The CLI as a whole (`cli.app`): help with examples everywhere, exit codes, a light start-up."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from francis_cli.cli import action
from francis_cli.cli.app import Francis

from ..conftest import REPO, RunCli

COMMANDS = sorted(Francis.lazy)


SUB_COMMANDS = sorted(("action", c.name or "") for c in action.app.registered_commands)


def test_top_level_help_lists_every_command(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", result.stdout, re.M), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(run_cli: RunCli, name: str) -> None:
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"francis {name}" in result.stdout.split("Examples:")[1]


@pytest.mark.parametrize(("group", "name"), SUB_COMMANDS)
def test_every_sub_command_has_help_with_an_example(run_cli: RunCli, group: str, name: str) -> None:
    result = run_cli(group, name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"francis {group} {name}" in result.stdout.split("Examples:")[1]


def test_usage_error_exits_2(run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "xml", root=REPO)
    assert result.exit_code == 2


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"francis \d+\.\d+\.\d+\n", result.stdout)


def test_runs_as_a_module_without_traceback(tmp_path: object) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "francis_cli", "--root", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("francis: not a francis tracker")


def test_cli_import_stays_light() -> None:
    code = (
        "import sys, francis_cli.cli; heavy = {'jinja2', 'openpyxl', 'weasyprint', 'ruamel.yaml'} & "
        "set(sys.modules); print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
