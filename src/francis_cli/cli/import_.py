"""``francis import``: a gap assessment or a workplan from a spreadsheet into one organisation."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode, UserError, reason
from ..models.vocab import ExportKind
from .context import day, root, say

if TYPE_CHECKING:
    from ..edit.files import FileChange
    from ..tracker.corpus import Corpus

HELP = """Import a gap assessment or a workplan from a spreadsheet (CSV or XLSX) into one organisation.

Columns are recognised by their header: Rec no / Standard, Recommendation, Current position, RAG,
Evidence for assessments; Ref, Action, Lead, Desired outcome, Timeline / Timescale / Due, Status,
Progress for actions (a header row repeated per section, "2.Capability and culture | Action | ...",
starts a section). --map 'COLUMN=FIELD' names any other (FIELD 'ignore' skips a column). Fuzzy
timescales ("Summer 2013", "Sept 13", "Q3 2013/14" as an NHS financial quarter) give a `due` and
are kept verbatim in `timeline`; each reading is printed ("due 2013-09 (end of September 2013, read
from "Sept 13")"), and words that do not say when ("ASAP", "soon") are refused. Rows already in the
tracker are updated in place. A new action goes into its row's Section, else --section's; a
workplan holds sections or actions outside them, never both. A lead must be a role of the
organisation: a near miss ("CNN" beside "CN") is refused with a hint, and a new role is added to
data/organisations.yaml only with --add-roles (or while the organisation has no roles yet), each
one listed. Every problem of every row is reported; nothing is written unless every row is valid
(or --skip-invalid) and the tracker stays valid (exit 1 otherwise). A spreadsheet over one of the
limits in francis.yaml (its size, an XLSX's as it inflates; its rows; its cells; a cell's length) is
refused at once with one problem line. On a terminal, a long import shows a progress bar. What
`francis export` writes as evidence, signoffs or due-changes is not imported (exit 2): record
evidence with `francis evidence add`, approvals with `francis signoff`, a moved due with `francis
action update --due --reason`."""

EPILOG = """\b
Examples:
  francis import assessments barnet-appendix-a.csv --org barnet-ccg --dry-run
  francis import actions workplan.xlsx --org merton-ccg --date 2013-05-16
  francis import actions new-actions.csv --org merton-ccg --section 3 --add-roles
  francis import actions log.csv --org merton-ccg --map "Owner=lead" --map "Notes=ignore" --skip-invalid"""


def import_(
    ctx: typer.Context,
    kind: Annotated[
        ExportKind,
        typer.Argument(
            metavar="KIND",
            help="What the spreadsheet holds: assessments or actions (evidence, signoffs and due-changes are "
            "exported only).",
        ),
    ],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv or .xlsx file.")],
    org: Annotated[str, typer.Option("--org", metavar="ID", help="The organisation the rows belong to.")],
    map_: Annotated[
        list[str] | None, typer.Option("--map", metavar="COLUMN=FIELD", help="Read COLUMN as FIELD (repeatable).")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", help="The XLSX sheet. Default: the first.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            envvar="FRANCIS_AS_OF",
            help=(
                "The date of progress notes, the day 'Immediate' means, and the day a due is already past on. "
                "Default: today."
            ),
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option("--section", metavar="ID", help="The workplan section of new actions whose row names none."),
    ] = None,
    add_roles: Annotated[
        bool, typer.Option("--add-roles", help="Add leads that are not yet roles of the organisation as new roles.")
    ] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the valid rows and report the others.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff the import would make; write nothing.")
    ] = False,
) -> int:
    from ..edit.sheets import ImportRequest, export_only, import_sheet
    from ..edit.transaction import edit
    from ..render.console.progress import import_progress
    from ..sheets.table import parse_map

    refused = export_only(kind.value, file)
    if refused is not None:
        print(refused.format(), file=sys.stderr)
        return ExitCode.USAGE
    request = ImportRequest(
        kind=kind.value,
        org=org,
        file=file,
        day=day(date, "--date"),
        sheet=sheet,
        mapping=parse_map(map_ or [], kind.value),
        skip_invalid=skip_invalid,
        add_roles=add_roles,
        section=section,
    )
    _regular_file(file)
    tracker = root(ctx)
    counted: list[int] = []
    with import_progress(file.name) as progress:

        def build(corpus: Corpus) -> list[FileChange]:  # again from the new files if an edit landed first
            changes, count = import_sheet(tracker, corpus, request, say, progress)
            counted[:] = [count]
            return list(changes)

        diff = edit(tracker, build, dry_run=dry_run)
    sys.stdout.write(diff)
    say(f"{file.name}: {counted[0]} row(s) read")
    return 0


def _regular_file(file: Path) -> None:
    """Refuse a FILE that cannot be a spreadsheet before the tracker is loaded, with the reason the
    system gives (a name too long, a link loop, no permission), never Python's wording."""
    try:
        mode = file.stat().st_mode
    except OSError as err:
        raise UserError(f"{file}: cannot read the spreadsheet: {reason(err)}") from None
    if not stat.S_ISREG(mode):
        raise UserError(f"{file}: not a regular file" + (" but a folder" if stat.S_ISDIR(mode) else ""))
