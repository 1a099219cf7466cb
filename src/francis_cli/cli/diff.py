"""``francis diff``: what moved between two revisions of the tracker, or since one."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from .common import Orgs

HELP = """Show what moved between two revisions: ratings (▲ better, ▼ worse), assessments added or
removed, changed positions word by word, actions added, done, dropped or reopened, due dates moved,
and new progress notes, per organisation.

REV_A defaults to HEAD and REV_B to the work tree (your uncommitted edits). A revision is anything
git understands: a commit, a tag, a branch, HEAD~3. Nothing is checked out: the work tree and the
index are left alone."""

EPILOG = """\b
Examples:
  francis diff
  francis diff board-2013-06
  francis diff HEAD~5 HEAD --org merton-ccg
  francis diff origin/main --format markdown >> "$GITHUB_STEP_SUMMARY\""""


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def diff(
    ctx: typer.Context,
    rev_a: Annotated[str, typer.Argument(metavar="[REV_A]", help="The older revision. Default: HEAD.")] = "HEAD",
    rev_b: Annotated[str | None, typer.Argument(metavar="[REV_B]",
                                                help="The newer revision. Default: the work tree.")] = None,
    org: Orgs = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> int:  # fmt: skip
    from ..config import find_root
    from ..movement import between
    from ..render.movement import console_movement, json_movement, markdown_movement
    from .app import state
    from .common import console

    result = between(find_root(state(ctx).root), rev_a, rev_b, orgs=org or [])
    if format is Format.table:
        console_movement(console(ctx), result)
    else:
        sys.stdout.write(json_movement(result) if format is Format.json else markdown_movement(result))
    return 0
