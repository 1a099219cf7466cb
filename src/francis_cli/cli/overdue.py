"""``francis overdue``: open actions past their due date, those due soon, and what needs review."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import ExitCode
from ..render.formats import ViewFormat
from .context import AsOf, Orgs, day, emit, figures

HELP = """List open actions whose due period has ended, most overdue first, and what needs review.

An action due in 2013-09 is due at the end of 30 September 2013; 2013-Q3 at the end of September;
2013 at 31 December. An action due on the --as-of day is not yet overdue. Done and dropped actions
are never overdue. Assessments agreed, and open actions last noted, more than --stale days ago are
listed under "Needs review"."""

EPILOG = """\b
Examples:
  francis overdue
  francis overdue --as-of 2013-10-01 --within 30
  francis overdue --org merton-ccg --lead DoQ --format markdown
  francis overdue --fail        # exit 1 if anything is overdue (for CI)"""


def overdue(
    ctx: typer.Context,
    within: Annotated[
        int | None,
        typer.Option("--within", metavar="DAYS", min=0, help="Also list actions falling due in the next DAYS."),
    ] = None,
    org: Orgs = None,
    lead: Annotated[
        list[str] | None, typer.Option("--lead", metavar="ROLE", help="Only actions led by this role (repeatable).")
    ] = None,
    stale: Annotated[
        int, typer.Option("--stale", metavar="DAYS", min=0, help="Needs review when not updated for more than DAYS.")
    ] = 180,
    fail: Annotated[bool, typer.Option("--fail", help="Exit 1 when any action is overdue.")] = False,
    as_of: AsOf = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")] = ViewFormat.table,
) -> int:
    from ..render import data, markdown
    from ..render.console.overdue import overdue_list
    from ..views import overdue as overdue_view

    result = overdue_view.overdue(
        figures(ctx), as_of=day(as_of, "--as-of"), within=within, orgs=org or [], leads=lead or [], stale_days=stale
    )
    emit(
        ctx,
        format,
        result,
        overdue_list,
        json=data.overdue_json,
        csv=data.overdue_csv,
        markdown=markdown.overdue_markdown,
    )
    return ExitCode.FINDINGS if fail and result.overdue else ExitCode.OK
