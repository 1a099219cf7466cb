"""``francis evidence add|list``: record a piece of evidence on an assessment or an action, and
list every record with the state of its review or expiry."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..render.formats import ViewFormat
from .context import (
    REF_TEXT,
    AsOf,
    DefaultSet,
    DryRun,
    Org,
    Orgs,
    Ref,
    day,
    emit,
    handle_errors,
    load,
    optional_day,
    root,
    say,
)

if TYPE_CHECKING:
    from ..edit.files import FileChange
    from ..tracker.corpus import Corpus

HELP = f"""Record evidence on an assessment or an action: what it is, where, who owns it, when it lapses; list it.

{REF_TEXT}

The record is appended to the item's `evidence:` (created after its position, or its progress, if
it has none), keeping comments and every other line. --location is a URL (https://...) or a path
from the tracker's root, which must exist; --owner is a role of the organisation. A record lapses
after its --review or --expires day: `francis check` then warns that it is stale, `overdue` lists
it, and an assurance of reasonable or better resting on it is an error. The edit is validated with
the whole tracker first: an edit that would add an error is refused and nothing is written (exit 1).
`list` shows every record with its state: stale, review due, current or no review date."""

EPILOG = """\b
Examples:
  francis evidence add barnet-ccg 132 --title "Performance Framework" --location https://example.nhs.uk/pf.pdf
  francis evidence add merton-ccg 3.2 --title "Quality alerts report" --location https://example.nhs.uk/qa.pdf \\
    --produced 2013-09-30 --owner DoQ --review 2014-03-31
  francis evidence add merton-ccg merton-ccg:3.2 --title "Board paper guide" --location docs/guide/ --dry-run
  francis evidence list --stale"""

app = typer.Typer(help=HELP, epilog=EPILOG, no_args_is_help=True, rich_markup_mode=None)


@app.command(
    "add",
    help=f"Append an evidence record to an assessment's or an action's `evidence:`.\n\n{REF_TEXT}",
    epilog="""\b
Examples:
  francis evidence add barnet-ccg 132 --title "Performance Framework" --location https://example.nhs.uk/pf.pdf
  francis evidence add barnet-ccg francis-2013:132 --title "Quality Strategy" --location https://example.nhs.uk/qs.pdf
  francis evidence add merton-ccg 3.2 --title "Board paper guide" --location docs/guide/board-paper.md \\
    --produced 2013-09-30 --owner DoQ --expires 2014-09-30""",
)
@handle_errors
def add(
    ctx: typer.Context,
    org: Org,
    ref: Ref,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="What the evidence is.")],
    location: Annotated[
        str, typer.Option("--location", metavar="URL|PATH", help="A URL, or a path from the tracker's root.")
    ],
    produced: Annotated[
        str | None, typer.Option("--produced", metavar="DATE", help="The day it was produced (YYYY-MM-DD).")
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="ROLE", help="The role that owns it.")] = None,
    expires: Annotated[
        str | None, typer.Option("--expires", metavar="DATE", help="The day after which it no longer holds.")
    ] = None,
    review: Annotated[
        str | None, typer.Option("--review", metavar="DATE", help="The day by which it must be reviewed.")
    ] = None,
    set_id: DefaultSet = None,
    dry_run: DryRun = False,
) -> int:
    """Append an evidence record to an assessment's or an action's `evidence:`."""
    from ..edit import evidence, transaction

    record = evidence.evidence_record(
        title,
        location,
        produced=optional_day(produced, "--produced"),
        owner=owner,
        expires=optional_day(expires, "--expires"),
        review=optional_day(review, "--review"),
    )
    tracker = root(ctx)
    made: list[FileChange] = []

    def build(corpus: Corpus) -> list[FileChange]:
        made[:] = [evidence.add_evidence(tracker, corpus, org, ref, record, set_id=set_id, say=say)]
        return made

    out = transaction.edit(tracker, build, dry_run=dry_run, say=say)
    sys.stdout.write(out if dry_run else "".join(f"{line}\n" for c in made for line in c.summary))
    return 0


LIST_HELP = """List every evidence record: organisation, item, title, location, produced, owner, lapse day, state.

A record lapses on the earlier of its review and expiry day. It is stale the day after (on the
day itself it still holds), review due when that day comes within --within days of --as-of,
current after that, and "no review date" when it has neither. Rows are sorted by organisation,
then state (stale first), then lapse day. The last line counts the records by state, and the
items that describe their evidence only in words (lines of text, no record)."""


@app.command(
    "list",
    help=LIST_HELP,
    epilog="""\b
Examples:
  francis evidence list
  francis evidence list --org barnet-ccg --stale
  francis evidence list --within 60 --as-of 2014-03-01 --format csv > evidence.csv""",
)
@handle_errors
def list_(
    ctx: typer.Context,
    org: Orgs = None,
    stale: Annotated[bool, typer.Option("--stale", help="Only records past their review or expiry day.")] = False,
    within: Annotated[
        int,
        typer.Option("--within", metavar="DAYS", min=0, help="Review due when the record lapses within DAYS."),
    ] = 30,
    as_of: AsOf = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")] = (
        ViewFormat.table
    ),
) -> int:
    from ..render.console.common import print_plain
    from ..render.console.evidence import plain_evidence
    from ..views.evidence import evidence_list

    result = evidence_list(load(ctx), as_of=day(as_of, "--as-of"), within=within, orgs=org or [], stale_only=stale)
    if format == "table" and (text := plain_evidence(result)) is not None:
        print_plain(text)
        return 0
    from ..render import data
    from ..render.console.evidence import evidence_table

    emit(ctx, format, result, evidence_table, json=data.evidence_json, csv=data.evidence_csv)
    return 0
