"""``francis diff``: what moved between two revisions of the tracker, or since one."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.formats import ViewFormat
from .context import Orgs, emit, movement_between, root

HELP = """Show what moved between two revisions: ratings (▲ better, ▼ worse), assessments added or
removed, changed positions word by word, actions added, done, dropped or reopened, due dates moved,
new progress notes, and other changes (an action's lead, title, outcome or timeline; an assessment's
evidence, linked actions or reason), per organisation.

REV_A defaults to HEAD and REV_B to the work tree (your uncommitted edits). A revision is anything
git understands: a commit, a tag, a branch, HEAD~3. Nothing is checked out: the work tree and the
index are left alone."""

EPILOG = """\b
Examples:
  francis diff
  francis diff board-2013-06
  francis diff HEAD~5 HEAD --org merton-ccg
  francis diff origin/main --format markdown >> "$GITHUB_STEP_SUMMARY\""""


def diff(
    ctx: typer.Context,
    rev_a: Annotated[str, typer.Argument(metavar="[REV_A]", help="The older revision. Default: HEAD.")] = "HEAD",
    rev_b: Annotated[
        str | None, typer.Argument(metavar="[REV_B]", help="The newer revision. Default: the work tree.")
    ] = None,
    org: Orgs = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format: table, json or markdown.")] = (
        ViewFormat.table
    ),
) -> int:
    from ..render.console.movement import console_movement
    from ..render.data import json_movement
    from ..render.markdown import markdown_movement

    result = movement_between(root(ctx), rev_a, rev_b, org or [])
    emit(ctx, format, result, console_movement, json=json_movement, markdown=markdown_movement)
    return 0
