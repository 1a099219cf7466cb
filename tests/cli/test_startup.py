"""Start-up: a command builds only itself, help and completion build nothing, plain output needs no rich.

What each run imports is read from ``sys.modules`` in a fresh process (no timing: bench/run.py
measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer._click.utils import make_default_short_help

from francis_cli.cli.app import Francis, app
from francis_cli.cli.usage import build

HEAVY = ("pydantic", "rich", "ruamel.yaml", "jinja2")
COMMAND_MODULES = sorted(f"francis_cli.cli.{lazy.module}" for lazy in Francis.lazy.values())

PROBE = """
import json, sys
sys.argv = ["francis", *sys.argv[1:]]
from francis_cli.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _loaded(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by a run of ``francis ARGS`` (its output thrown away)."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_importing_the_cli_loads_no_command_and_no_heavy_library() -> None:
    code = "import json, sys, francis_cli.cli; print(json.dumps(sorted(sys.modules)))"
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout))
    assert loaded & {*HEAVY, *COMMAND_MODULES} == set()


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]])
def test_top_level_help_builds_no_command(args: list[str]) -> None:
    assert _loaded(*args) & {*HEAVY, *COMMAND_MODULES} == set()


def test_a_command_builds_only_itself() -> None:
    loaded = _loaded("schema", "-h")
    assert "francis_cli.cli.schema" in loaded
    assert loaded & set(COMMAND_MODULES) == {"francis_cli.cli.schema"}


def test_completing_a_command_name_builds_no_command() -> None:
    env = {"_FRANCIS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "francis s"}
    loaded = _loaded(env=env)
    assert loaded & {"pydantic", "ruamel.yaml", *COMMAND_MODULES} == set()  # (typer strips markup with rich)
    assert "francis_cli.cli.app" in loaded


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_plain_formats_render_without_rich(bundled: Path, tmp_path: Path, fmt: str) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "FRANCIS_AS_OF": "2015-06-30"}
    for command in (["status"], ["overdue"]):
        assert "rich" not in _loaded("--root", str(bundled), *command, "--format", fmt, env=env)


def test_a_warm_piped_status_table_needs_no_rich_models_or_yaml_parser(bundled: Path, tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "FRANCIS_AS_OF": "2015-06-30", "COLUMNS": "80"}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        env[name] = ""  # (an empty FORCE_COLOR is no request for colour, to rich too)
    _loaded("--root", str(bundled), "status", env=env)  # the cold run makes the snapshot
    loaded = _loaded("--root", str(bundled), "status", env=env)
    assert "francis_cli.render.console.status" in loaded
    assert {m.split(".")[0] for m in loaded} & {"rich", "pydantic", "ruamel"} == set()


def test_a_status_table_with_colour_forced_is_drawn_by_rich(bundled: Path, tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "FRANCIS_AS_OF": "2015-06-30", "FORCE_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "francis_cli", "--root", str(bundled), "status"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    ).stdout
    assert "\x1b[" in out
    assert "rich" in _loaded("--root", str(bundled), "status", env=env)


@pytest.mark.parametrize("name", sorted(Francis.lazy))
def test_the_summary_is_the_first_paragraph_of_the_help(name: str) -> None:
    """`francis -h` and completion show the listed summary; the command shows its HELP: they agree."""
    command = build(name, Francis.lazy[name])
    assert command.help is not None
    assert Francis.lazy[name].summary == " ".join(command.help.split("\n\n")[0].split())
    for limit in (20, 45, 60, 74, 120):
        assert make_default_short_help(Francis.lazy[name].summary, limit).strip() == command.get_short_help_str(limit)


def test_top_level_help_is_the_same_built_or_not() -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group, info_name="francis")
    lazy = group.get_help(ctx)
    assert not getattr(group, "commands", None)
    for name in group.list_commands(ctx):
        group.get_command(ctx, name)  # every command built, as before commands were built lazily
    assert group.get_help(ctx) == lazy
    assert all(f"  {name} " in lazy for name in Francis.lazy)


def test_a_mistyped_command_is_answered_with_the_nearest() -> None:
    proc = subprocess.run([sys.executable, "-m", "francis_cli", "stauts"], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr == "francis: no such command 'stauts'. Did you mean 'status'?; see 'francis -h'\n"
