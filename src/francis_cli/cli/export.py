"""``francis export``: the gap assessments, the workplan actions, or their evidence records, sign-offs
and due changes as a CSV or XLSX spreadsheet, or as Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..models.vocab import ExportKind, SheetFormat
from ..problems import plural
from .context import day, load, output_file, refuse_binary_on_terminal, root

HELP = """Export the gap assessments or the workplan actions as a CSV or XLSX spreadsheet, or as Parquet;
or their evidence records, sign-offs or due changes, one row each.

The columns of assessments and actions are the ones `francis import` reads, so export → import
gives the same tracker. evidence, signoffs and due-changes only go out: each row is keyed to its
assessment (Organisation, Set, Rec no) or action (Organisation, Ref), so it joins to those
exports. An evidence record's State is stale past its review or expiry day on --as-of, else
current; a sign-off is Current while it approves the content as it stands (its fingerprint
matches). In CSV, a cell starting with = + - or @ gets a leading ' so that a spreadsheet shows it
rather than runs it. Parquet (for DuckDB, Polars or pandas) has the same columns, typed: numbers,
dates, lists; it needs the optional pyarrow extra: pip install 'francis-cli[parquet]'."""

EPILOG = """\b
Examples:
  francis export assessments --format xlsx -o assessments.xlsx
  francis export actions --format csv -o merton-actions.csv --org merton-ccg
  francis export assessments -o assessments.parquet
  francis export evidence -o evidence.csv --as-of 2013-10-01
  francis export due-changes -o due-changes.xlsx"""

_NOUNS = {"evidence": "evidence record", "signoffs": "sign-off", "due-changes": "due change"}


def export(
    ctx: typer.Context,
    kind: Annotated[
        ExportKind,
        typer.Argument(metavar="KIND", help="What to export: assessments, actions, evidence, signoffs or due-changes."),
    ],
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
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            envvar="FRANCIS_AS_OF",
            show_envvar=True,
            help="Judge evidence records stale or current as on this day (YYYY-MM-DD). Default: today.",
        ),
    ] = None,
) -> int:
    from ..sheets import export as sheets_export

    when = day(as_of, "--as-of")
    chosen = sheets_export.export_format(output, format)
    what = "a Parquet file" if chosen == "parquet" else "an XLSX workbook"
    refuse_binary_on_terminal(output, binary=chosen != "csv", what=what)
    output_file(root(ctx), output)
    if chosen == "parquet":
        from ..sheets import parquet

        parquet.arrow()  # the missing extra said before the tracker is read
    count = sheets_export.export(load(ctx), kind.value, org or [], output, chosen, when)
    noun = _NOUNS.get(kind.value)
    print(f"wrote {plural(count, noun) if noun else f'{count} {kind.value}'} to {output}", file=sys.stderr)
    return 0
