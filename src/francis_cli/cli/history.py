"""``francis history``: the audit trail of a recommendation's assessments, or of an action."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from .common import Orgs

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


class Format(StrEnum):
    table = "table"
    json = "json"


def history(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="A recommendation (132, SET:132) or action (ORG:3.2).")],
    org: Orgs = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> int:
    from .. import history as trail
    from ..config import find_root
    from ..render.movement import console_history, json_history
    from .app import state
    from .common import console

    result = trail.history(find_root(state(ctx).root), ref, orgs=org or [])
    if format is Format.json:
        sys.stdout.write(json_history(result))
    else:
        console_history(console(ctx), result)
    return 0
