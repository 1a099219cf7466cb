"""The manual: the command reference is the commands' own help; every code and page is in it; README links work."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typer
from ruamel.yaml import YAML

from francis_cli.cli import app

try:
    from francis_cli.problems import PROBLEM_CODES
except ImportError:  # where they were kept before francis_cli.problems
    from francis_cli.errors import PROBLEM_CODES

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
COMMANDS_PAGE = DOCS / "reference" / "commands.md"
CODES_PAGE = DOCS / "reference" / "problem-codes.md"
README_MAX_LINES = 290
"""The README stays a page: the two commands, a tour, the format in short, the performance goals."""


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_commands", DOCS / "gen_commands.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _command_names() -> list[str]:
    """Every command of the app as typed: ``status``, ``action``, ``action add``, ..."""
    group = typer.main.get_group(app)
    ctx = typer.Context(group)
    names = group.list_commands(ctx)
    for name in list(names):
        names += [f"{name} {sub}" for sub in getattr(group.get_command(ctx, name), "commands", {})]
    return names


def _nav_pages(nav: Any) -> list[str]:
    """The page files named in mkdocs.yml's nav, at any depth."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def test_command_reference_is_up_to_date() -> None:
    committed = COMMANDS_PAGE.read_bytes().decode("utf-8")
    assert committed == _generator().generate(), "run: python docs/gen_commands.py"


def test_command_reference_has_the_real_help() -> None:
    text = COMMANDS_PAGE.read_text(encoding="utf-8")
    section = text.split("## francis status\n\n```text\n", 1)[1].split("\n```", 1)[0]
    assert section.startswith("Usage: francis status [OPTIONS]\n")
    assert "Examples:" in section
    assert max(len(line) for line in section.splitlines()) <= 80


@pytest.mark.parametrize("name", _command_names())
def test_every_command_has_a_section(name: str) -> None:
    headings = re.findall(r"^## (francis.*)$", COMMANDS_PAGE.read_text(encoding="utf-8"), re.M)
    assert f"francis {name}" in headings


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_problem_code_is_documented(code: str) -> None:
    assert f"`{code}`" in CODES_PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [0, 1, 2, 3])
def test_every_exit_code_is_documented(code: int) -> None:
    assert re.search(rf"^\| {code} \| \S", CODES_PAGE.read_text(encoding="utf-8"), re.M)


def test_every_page_is_in_the_nav() -> None:
    config = YAML(typ="safe", pure=True).load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    nav = _nav_pages(config["nav"])
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert [p for p in pages if p not in nav] == []
    assert [p for p in nav if p not in pages] == []
    assert len(nav) == len(set(nav)), "a page is listed twice"


def test_readme_is_the_front_door() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= README_MAX_LINES
    links = re.findall(r"\]\(([^)\s]+)\)", readme)
    relative = [link for link in links if not re.match(r"[a-z][a-z0-9+.-]*:|#", link)]
    assert "SECURITY.md" in relative and "CHANGELOG.md" in relative
    assert any(link.startswith("docs/") for link in relative)
    missing = [link for link in relative if not (REPO / link.split("#", 1)[0]).is_file()]
    assert missing == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
