"""``francis export``: the gap assessments or the workplan actions as a CSV or XLSX spreadsheet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..models.vocab import SheetFormat, SheetKind
from .context import load, output_file, refuse_binary_on_terminal, root

HELP = """Export the gap assessments or the workplan actions as a CSV or XLSX spreadsheet.

The columns are the ones `francis import` reads, so export → import gives the same tracker. In CSV,
a cell starting with = + - or @ gets a leading ' so that a spreadsheet shows it rather than runs it."""

EPILOG = """\b
Examples:
  francis export assessments --format xlsx -o assessments.xlsx
  francis export actions --format csv -o merton-actions.csv --org merton-ccg"""


def export(
    ctx: typer.Context,
    kind: Annotated[SheetKind, typer.Argument(metavar="assessments|actions", help="What to export.")],
    format: Annotated[
        SheetFormat | None,
        typer.Option("--format", "-f", help="csv or xlsx. Default: from the file's name (.xlsx), else csv."),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The file to write.")] = ...,  # type: ignore[assignment]
    org: Annotated[
        list[str] | None, typer.Option("--org", metavar="ID", help="Only this organisation (repeatable).")
    ] = None,
) -> int:
    from ..sheets import export as sheets_export
    from ..sheets.table import COLUMNS

    chosen = sheets_export.export_format(output, format)
    refuse_binary_on_terminal(output, binary=chosen == "xlsx", what="an XLSX workbook")
    output_file(root(ctx), output)
    rows = list(sheets_export.iter_export(load(ctx), kind.value, org or []))
    sheets_export.write_table(output, COLUMNS[kind.value], rows, chosen)
    print(f"wrote {len(rows)} {kind.value} to {output}", file=sys.stderr)
    return 0
