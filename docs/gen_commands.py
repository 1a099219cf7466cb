"""Write docs/reference/commands.md from the commands' own help, so that the reference cannot drift.

    python docs/gen_commands.py           rewrite docs/reference/commands.md
    python docs/gen_commands.py --check   exit 1 if docs/reference/commands.md is out of date

Each section is what ``francis NAME --help`` prints in a terminal 80 columns wide, without colour:
the top level, every command, and every sub-command of a group (``francis action add``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

OUT = Path(__file__).resolve().parent / "reference" / "commands.md"
SHOWN = "docs/reference/commands.md"

# What a terminal 80 columns wide without colour looks like to click and rich.
ENVIRONMENT = {"COLUMNS": "80", "LINES": "24", "NO_COLOR": "1", "TERM": "dumb"}

HEADER = """\
# Commands

Every command's help, exactly as `francis COMMAND --help` prints it in a terminal 80 columns wide.
This page is generated from the commands themselves (`python docs/gen_commands.py`), so it says
what the installed francis does. The guides show the commands at work.
"""


@contextmanager
def _environment() -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ENVIRONMENT}
    os.environ.update(ENVIRONMENT)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _contexts(command: Any, name: str, parent: Any = None) -> Iterator[Any]:
    """The command's click context, then its sub-commands' in the order its help lists them.

    Typer builds on click (its own copy of it in recent versions), so the command's own context
    class is used, and a group is anything that lists sub-commands.
    """
    ctx = command.context_class(
        command, info_name=name, parent=parent, max_content_width=80, **command.context_settings
    )
    yield ctx
    if hasattr(command, "list_commands"):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from _contexts(sub, sub_name, ctx)


def command_paths() -> list[str]:
    """Every command's full name: ``francis``, ``francis status``, ``francis action add``, ..."""
    from francis_cli.cli import app

    return [ctx.command_path for ctx in _contexts(typer.main.get_command(app), "francis")]


def generate() -> str:
    """The text of docs/reference/commands.md."""
    from francis_cli.cli import app

    with _environment():
        sections = [HEADER]
        for ctx in _contexts(typer.main.get_command(app), "francis"):
            sections.append(f"## {ctx.command_path}\n\n```text\n{ctx.get_help()}\n```\n")
    return "\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"Write {SHOWN} from the commands' own help.")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {SHOWN} is out of date; write nothing")
    args = parser.parse_args(argv)
    text = generate()
    current = OUT.read_bytes().decode("utf-8") if OUT.exists() else None
    if args.check:
        if current != text:
            print(f"{SHOWN} is out of date: run python docs/gen_commands.py", file=sys.stderr)
            return 1
        print(f"{SHOWN} is up to date")
        return 0
    if current != text:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_bytes(text.encode("utf-8"))
        print(f"wrote {SHOWN}")
    else:
        print(f"{SHOWN} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
