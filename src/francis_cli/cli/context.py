"""What the read-only commands share: loading the tracker, --as-of, --org, output formats."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import UserError

if TYPE_CHECKING:
    from ..corpus import Corpus

T = TypeVar("T")


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", envvar="FRANCIS_AS_OF", show_envvar=True,
    help="Judge due dates as on this day (YYYY-MM-DD). Default: today.")]  # fmt: skip
Orgs = Annotated[list[str] | None, typer.Option(
    "--org", metavar="ID", help="Only this organisation (repeatable). Default: francis.yaml's, else all.")]  # fmt: skip
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def as_of_date(value: str | None) -> date:
    if value is None or not value.strip():
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"--as-of: {value!r} is not a date written YYYY-MM-DD") from None


def load(ctx: typer.Context) -> Corpus:
    """The tracker, with a note on stderr when it has errors: figures then leave out what did not load."""
    from ..checks import run_checks
    from ..config import find_root
    from ..corpus import load_tracker
    from .app import state

    corpus = load_tracker(find_root(state(ctx).root))
    errors = sum(1 for p in run_checks(corpus) if p.severity == "error")
    if errors:
        print(f"francis: the tracker has {errors} error{'s' if errors != 1 else ''} (`francis check` lists them); "
              "what did not load is left out here", file=sys.stderr)  # fmt: skip
    return corpus


def console(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from ..render.console import make_console
    from .app import state

    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    return make_console(color=state(ctx).color, width=width)


def emit(ctx: typer.Context, format: Format, result: T, table: Callable[[Any, T], None],
         json: Callable[[T], str], csv: Callable[[T], str], markdown: Callable[[T], str]) -> None:  # fmt: skip
    """Print a query's result: a rich table on the console, or the same figures as JSON, CSV or Markdown."""
    if format is Format.table:
        table(console(ctx), result)
    else:
        sys.stdout.write({Format.json: json, Format.csv: csv, Format.markdown: markdown}[format](result))
