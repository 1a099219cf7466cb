"""``francis status``: where each organisation stands, by theme, organisation, rating or lead."""

from __future__ import annotations

from typing import Annotated

import typer

from ..models.vocab import StatusBy
from ..render.formats import ViewFormat
from .context import AsOf, Orgs, day, emit, figures

HELP = """Show where each organisation stands against the recommendations, and its workplan.

By default one table per organisation: a row per theme, a column per rating, with recommendations
not yet assessed and not applicable, totals and a bar; below it the workplan's actions by status,
overdue and due in the next 30 days. --by organisation gives the roll-up across organisations.

A tracker may follow several inquiries: the tables are of francis.yaml's default_set, with a row per
set below them (its recommendations, assessments by rating, and the actions citing it: an action
citing recommendations of several sets counts in each); --set ID shows that set's tables."""

EPILOG = """\b
Examples:
  francis status
  francis status --org barnet-ccg --theme commissioning-for-standards
  francis status --by organisation --format csv > rollup.csv
  francis status --addressee all-trusts
  francis status --set kirkup-2022
  francis status --by lead --as-of 2013-10-01"""


def status(
    ctx: typer.Context,
    org: Orgs = None,
    theme: Annotated[str | None, typer.Option("--theme", metavar="ID", help="Only this theme.")] = None,
    addressee: Annotated[
        str | None,
        typer.Option("--addressee", metavar="ID", help="Only the recommendations addressed to ID (e.g. all-trusts)."),
    ] = None,
    by: Annotated[StatusBy, typer.Option("--by", help="Rows by theme, organisation, rating or action lead.")] = (
        StatusBy.theme
    ),
    set_id: Annotated[
        str | None,
        typer.Option(
            "--set", metavar="ID", help="This recommendation set's tables. Default: francis.yaml's default_set."
        ),
    ] = None,
    as_of: AsOf = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")] = ViewFormat.table,
) -> int:
    from ..render.console.common import print_plain
    from ..render.console.status import plain_status
    from ..views import status_sets

    when = day(as_of, "--as-of")
    f = figures(ctx)
    result = status_sets.status(f, by=by, orgs=org or [], theme=theme, addressee=addressee, set_id=set_id, as_of=when)
    if format == "table" and (text := plain_status(result)) is not None:
        print_plain(text)  # piped: the same text rich would print, without loading rich
        return 0
    from ..render import data, markdown
    from ..render.console.status import status_tables

    emit(
        ctx,
        format,
        result,
        status_tables,
        json=data.status_json,
        csv=data.status_csv,
        markdown=markdown.status_markdown,
    )
    return 0
