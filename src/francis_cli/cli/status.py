"""``francis status``: where each organisation stands, by theme, organisation, rating or lead."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .common import AsOf, Format, FormatOption, Orgs, as_of_date, emit, load

HELP = """Show where each organisation stands against the recommendations, and its workplan.

By default one table per organisation: a row per theme, a column per rating, with recommendations
not yet assessed and not applicable, totals and a bar; below it the workplan's actions by status,
overdue and due in the next 30 days. --by organisation gives the roll-up across organisations."""

EPILOG = """\b
Examples:
  francis status
  francis status --org barnet-ccg --theme commissioning-for-standards
  francis status --by organisation --format csv > rollup.csv
  francis status --by lead --as-of 2013-10-01"""


class By(StrEnum):
    theme = "theme"
    organisation = "organisation"
    rating = "rating"
    lead = "lead"


def status(
    ctx: typer.Context,
    org: Orgs = None,
    theme: Annotated[str | None, typer.Option("--theme", metavar="ID", help="Only this theme.")] = None,
    by: Annotated[By, typer.Option("--by", help="Rows by theme, organisation, rating or action lead.")] = By.theme,
    as_of: AsOf = None,
    format: FormatOption = Format.table,
) -> int:
    from .. import queries
    from ..render import tabular
    from ..render.console import status_tables

    result = queries.status(load(ctx), by=by.value, orgs=org or [], theme=theme, as_of=as_of_date(as_of))
    emit(ctx, format, result, status_tables, tabular.status_json, tabular.status_csv, tabular.status_markdown)
    return 0
