"""``francis history``: the audit trail of a recommendation's assessments, or of an action."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.formats import ViewFormat
from .context import Orgs, emit, root

HELP = """Show each commit where a recommendation's assessment (per organisation) or an action changed:
date, author, commit and what changed (rating, position, status, due date, progress notes), then
uncommitted changes in the work tree. For an action, how many times its due date moved later and
what it was originally due.

REF is a recommendation number (132, or SET:132) or an action (3.2, or ORG:3.2). Items are followed
by identity, so a renamed or reorganised file does not break the trail."""

EPILOG = """\b
Examples:
  francis history 132
  francis history 132 --org barnet-ccg
  francis history merton-ccg:3.2
  francis history 3.2 --format json"""


def history(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="A recommendation (132, SET:132) or action (ORG:3.2).")],
    org: Orgs = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format: table or json.")] = (
        ViewFormat.table
    ),
) -> int:
    from ..render.console.history import console_history
    from ..render.data import json_history
    from ..tracker.git import Repo
    from ..tracker.revisions import load_without
    from ..views import history as history_view

    tracker = root(ctx)
    now = load_without(tracker, "assessments")
    with Repo(tracker) as repo:
        result = history_view.history(now, repo, ref, orgs=org or [])
    emit(ctx, format, result, console_history, json=json_history)
    return 0
