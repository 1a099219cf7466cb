"""``francis export``: the gap assessments or the workplan actions as a CSV or XLSX spreadsheet, or as Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..models.vocab import SheetFormat, SheetKind
from .context import load, output_file, refuse_binary_on_terminal, root

HELP = """Export the gap assessments or the workplan actions as a CSV or XLSX spreadsheet, or as Parquet.

The columns are the ones `francis import` reads, so export → import gives the same tracker. In CSV,
a cell starting with = + - or @ gets a leading ' so that a spreadsheet shows it rather than runs it.
Parquet (for DuckDB, Polars or pandas) has the same columns, typed: numbers, dates, lists; it needs
the optional pyarrow extra: pip install 'francis-cli[parquet]'."""

EPILOG = """\b
Examples:
  francis export assessments --format xlsx -o assessments.xlsx
  francis export actions --format csv -o merton-actions.csv --org merton-ccg
  francis export assessments -o assessments.parquet"""


def export(
    ctx: typer.Context,
    kind: Annotated[SheetKind, typer.Argument(metavar="assessments|actions", help="What to export.")],
    format: Annotated[
        SheetFormat | None,
        typer.Option(
            "--format", "-f", help="csv, xlsx or parquet. Default: from the file's name (.xlsx, .parquet), else csv."
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The file to write.")] = ...,  # type: ignore[assignment]
    org: Annotated[
        list[str] | None, typer.Option("--org", metavar="ID", help="Only this organisation (repeatable).")
    ] = None,
) -> int:
    from ..sheets import export as sheets_export

    chosen = sheets_export.export_format(output, format)
    what = "a Parquet file" if chosen == "parquet" else "an XLSX workbook"
    refuse_binary_on_terminal(output, binary=chosen != "csv", what=what)
    output_file(root(ctx), output)
    if chosen == "parquet":
        from ..sheets import parquet

        parquet.arrow()  # the missing extra said before the tracker is read
    count = sheets_export.export(load(ctx), kind.value, org or [], output, chosen)
    print(f"wrote {count} {kind.value} to {output}", file=sys.stderr)
    return 0
