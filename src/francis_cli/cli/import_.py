"""``francis import`` and ``francis export``: the assessment and the workplan in and out of spreadsheets."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .app import state


class Kind(StrEnum):
    assessments = "assessments"
    actions = "actions"


class SheetFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


IMPORT_HELP = """Import a gap assessment or a workplan from a spreadsheet (CSV or XLSX) into one organisation.

Columns are recognised by their header: Rec no / Standard, Recommendation, Current position, RAG,
Evidence for assessments; Ref, Action, Lead, Desired outcome, Timeline / Timescale / Due, Status,
Progress for actions (a header row repeated per section, "2.Capability and culture | Action | ...",
starts a section). --map 'COLUMN=FIELD' names any other (FIELD 'ignore' skips a column). Fuzzy
timescales ("Summer 2013", "Sept 13", "Q3 2013/14" as an NHS financial quarter) give a `due` and
are kept verbatim in `timeline`. Entries already in the tracker are updated in place; leads that
are not yet roles of the organisation are added to data/organisations.yaml. Nothing is written
unless every row is valid (or --skip-invalid) and the tracker stays valid (exit 1 otherwise)."""

IMPORT_EPILOG = """\b
Examples:
  francis import assessments barnet-appendix-a.csv --org barnet-ccg --dry-run
  francis import actions workplan.xlsx --org merton-ccg --date 2013-05-16
  francis import actions log.csv --org merton-ccg --map "Owner=lead" --map "Notes=ignore" --skip-invalid"""

EXPORT_HELP = """Export the gap assessments or the workplan actions as a CSV or XLSX spreadsheet.

The columns are the ones `francis import` reads, so export → import gives the same tracker. In CSV,
a cell starting with = + - or @ gets a leading ' so that a spreadsheet shows it rather than runs it."""

EXPORT_EPILOG = """\b
Examples:
  francis export assessments --format xlsx -o assessments.xlsx
  francis export actions --format csv -o merton-actions.csv --org merton-ccg"""


def import_(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(metavar="assessments|actions", help="What the spreadsheet holds.")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv or .xlsx file.")],
    org: Annotated[str, typer.Option("--org", metavar="ID", help="The organisation the rows belong to.")],
    map_: Annotated[list[str] | None, typer.Option(
        "--map", metavar="COLUMN=FIELD", help="Read COLUMN as FIELD (repeatable).")] = None,
    sheet: Annotated[str | None, typer.Option(
        "--sheet", metavar="NAME", help="The XLSX sheet. Default: the first.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE", envvar="FRANCIS_AS_OF",
        help="The date of progress notes, and the day 'Immediate' means. Default: today.")] = None,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Import the valid rows and report the others.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the diff the import would make; write nothing.")] = False,
) -> int:  # fmt: skip
    from datetime import date as Date

    from .. import edit, sheetimport, spreadsheet
    from ..config import find_root
    from ..corpus import load_tracker
    from ..errors import UserError

    mapping: dict[str, str] = {}
    for item in map_ or []:
        column, sep, name = item.partition("=")
        known = {*spreadsheet.ALIASES[kind.value], *spreadsheet.IGNORED}
        if not sep or not column.strip() or name.strip() not in known:
            fields = ", ".join(spreadsheet.ALIASES[kind.value])
            raise UserError(f"--map {item!r}: write COLUMN=FIELD, FIELD one of {fields} or ignore")
        mapping[column.strip()] = name.strip()
    if not file.is_file():
        raise UserError(f"{file}: no such file")
    root = find_root(state(ctx).root)
    corpus = load_tracker(root)
    day = edit.today(date)
    table = spreadsheet.records(spreadsheet.read_table(file, sheet), kind.value, mapping)
    if kind is Kind.assessments:
        imported = sheetimport.read_assessments(table, org, corpus.ratings)
    else:
        imported = sheetimport.read_actions(table, org, day, Date.fromisoformat(day))
    for note in imported.notes:
        print(f"{file.name}: {note}", file=sys.stderr)
    if imported.errors and not skip_invalid:
        raise edit.EditRefused("\n".join([f"{file.name}: {len(imported.errors)} row(s) cannot be imported; "
                                          "nothing written (--skip-invalid imports the others)",
                                          *(f"{file.name}: {e}" for e in imported.errors)]))  # fmt: skip
    for error in imported.errors:
        print(f"{file.name}: skipped {error}", file=sys.stderr)
    changes = sheetimport.plan_import(root, corpus, kind.value, org, imported)
    sys.stdout.write(edit.run(root, changes, dry_run=dry_run))
    print(f"{file.name}: {len(imported.items)} row(s) read", file=sys.stderr)
    return 0


def export(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(metavar="assessments|actions", help="What to export.")],
    format: Annotated[SheetFormat, typer.Option("--format", "-f", help="csv or xlsx.")] = SheetFormat.csv,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The file to write.")] = ...,  # type: ignore[assignment]
    org: Annotated[list[str] | None, typer.Option(
        "--org", metavar="ID", help="Only this organisation (repeatable).")] = None,
) -> int:  # fmt: skip
    from .. import spreadsheet
    from .common import load

    corpus = load(ctx)
    rows = list(spreadsheet.iter_export(corpus, kind.value, org or []))
    spreadsheet.write_table(output, spreadsheet.COLUMNS[kind.value], rows, format.value)
    print(f"wrote {len(rows)} {kind.value} to {output}", file=sys.stderr)
    return 0
