"""``francis action add|update|note|done``: change one organisation's workplan from the command line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .context import DateOpt, DryRun, Org, day, handle_errors, root, say

if TYPE_CHECKING:
    from ..edit.files import FileChange
    from ..tracker.corpus import Corpus

HELP = """Add and update workplan actions: new actions, status, due dates, leads, progress notes.

Every edit touches only the lines that change, keeps comments and layout, and is validated with the
whole tracker first: an edit that would add an error is refused and nothing is written (exit 1).
Option values are checked before any file is read (a mistyped --status is exit 2, with a "did you
mean"). A --due in words is read aloud ("due 2027-05 (end of May 2027, read from "next spring")"),
words that do not say when ("ASAP", "soon") are refused, and a due already past is warned of.
--dry-run prints the diff instead of writing. An edit waits for another francis edit of the same
file to finish, up to 5 seconds (FRANCIS_LOCK_WAIT=SECONDS, 0 to 600), then is refused. An edit
that changes what a sign-off approved voids it: a note on stderr names the sign-off (its role and
day) and gives the `francis signoff` command that approves the action again."""

EPILOG = """\b
Examples:
  francis action add merton-ccg --section 3 --title "Review SI process" --lead DoQ --due "Sept 13"
  francis action update merton-ccg 3.7 --status in-progress --due 2013-12
  francis action note merton-ccg 3.2 "Scoped with the CSU." --date 2013-06-01
  francis action done merton-ccg 2.4 --date 2013-05-30 --note "Host role agreed." """

app = typer.Typer(help=HELP, epilog=EPILOG, no_args_is_help=True, rich_markup_mode=None)

Id = Annotated[str, typer.Argument(metavar="ID", help="The action's id, e.g. 3.2.")]
Due = Annotated[
    str | None,
    typer.Option(
        "--due",
        metavar="WHEN",
        help=(
            "Due date: 2014-03-31, 2014-03, 2014-Q1, 2014, or words such as 'Sept 13', 'Summer 2013', "
            "'Q3 2013/14' (NHS financial quarter), kept verbatim in `timeline`. A new due replaces the "
            "timeline: with its words, or with none for a date."
        ),
    ),
]
Timeline = Annotated[
    str | None,
    typer.Option(
        "--timeline",
        metavar="TEXT",
        help="The timescale in the plan's words (default: --due's words); '' removes it. It never sets `due`.",
    ),
]
Lead = Annotated[list[str] | None, typer.Option("--lead", metavar="ROLE", help="A lead role (repeatable).")]


def _apply(ctx: typer.Context, build: Callable[[Path, Corpus], Sequence[FileChange]], dry_run: bool) -> int:
    from ..edit.transaction import edit

    tracker = root(ctx)
    sys.stdout.write(edit(tracker, lambda corpus: build(tracker, corpus), dry_run=dry_run, say=say))
    return 0


@app.command(
    "add",
    epilog="""\b
Examples:
  francis action add merton-ccg --section 3 --title "Review SI process" --lead DoQ --due "Sept 13"
  francis action add merton-ccg --section 4 --id 4.9 --title "Dashboard for GPs" --lead CSU --lead DoQ \
--due 2014-Q1 --recommendation 132""",
)
@handle_errors
def add(
    ctx: typer.Context,
    org: Org,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="What is to be done.")],
    lead: Lead = None,
    due: Due = None,
    timeline: Timeline = None,
    outcome: Annotated[str | None, typer.Option("--outcome", metavar="TEXT", help="The desired outcome.")] = None,
    section: Annotated[str | None, typer.Option("--section", metavar="ID", help="The workplan section.")] = None,
    action_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The id. Default: the section's next (3.7 → 3.8).")
    ] = None,
    recommendation: Annotated[
        list[str] | None,
        typer.Option(
            "--recommendation", metavar="N", help="A recommendation it answers (repeatable): 132 or francis-2013:132."
        ),
    ] = None,
    date: DateOpt = None,
    dry_run: DryRun = False,
) -> int:
    """Add an action to an organisation's workplan (the next free id in its section by default)."""
    from ..edit import actions

    action = actions.new_action(
        action_id=action_id,
        title=title,
        lead=lead or [],
        outcome=outcome,
        due=due,
        timeline=timeline,
        recommendations=recommendation or [],
        day=day(date, "--date"),
        say=say,
    )
    return _apply(ctx, lambda root, corpus: actions.add_actions(root, corpus, org, [(section, action)]), dry_run)


@app.command(
    "update",
    epilog="""\b
Examples:
  francis action update merton-ccg 3.7 --status in-progress --due 2013-12
  francis action update merton-ccg 3.3 --due 2014-03 --reason "The CSU's data feed slipped to February."
  francis action update merton-ccg 3.2 --lead DoQ --lead CSU --due "Q4 2014/15"
  francis action update merton-ccg 1.2 --due 2014-03 --timeline "Q4 2013/14\"""",
)
@handle_errors
def update(
    ctx: typer.Context,
    org: Org,
    action_id: Id,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", metavar="STATUS", help="not-started, in-progress, done, blocked or dropped (any case)."
        ),
    ] = None,
    due: Due = None,
    timeline: Timeline = None,
    lead: Lead = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="A new title.")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", metavar="TEXT", help="A new desired outcome.")] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="Why the due date changes: kept in `due_changes`."),
    ] = None,
    date: DateOpt = None,
    dry_run: DryRun = False,
) -> int:
    """Change an action's status, due date and timeline, leads, title or outcome."""
    from ..edit import actions

    when = day(date, "--date")
    fields = actions.update_fields(
        status=status, due=due, timeline=timeline, lead=lead or [], title=title, outcome=outcome, day=when, say=say
    )
    return _apply(
        ctx,
        lambda root, corpus: [actions.update_action(root, corpus, org, action_id, fields, when, say, reason)],
        dry_run,
    )


@app.command(
    "note",
    epilog="""\b
Examples:
  francis action note merton-ccg 3.2 "Scoped with the CSU." --date 2013-06-01
  francis action note merton-ccg 3.5 "Register reviewed by the exec team." --by DoQ""",
)
@handle_errors
def note(
    ctx: typer.Context,
    org: Org,
    action_id: Id,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The progress note.")],
    by: Annotated[str | None, typer.Option("--by", metavar="WHO", help="Who reports it.")] = None,
    date: DateOpt = None,
    dry_run: DryRun = False,
) -> int:
    """Append a dated progress note to an action."""
    from ..edit import actions

    note = actions.progress_note(text, by, day(date, "--date"))
    return _apply(ctx, lambda root, corpus: [actions.edit_action(root, corpus, org, action_id, {}, [note])], dry_run)


@app.command(
    "done",
    epilog="""\b
Examples:
  francis action done merton-ccg 2.4 --date 2013-05-30
  francis action done merton-ccg 2.4 --note "Host role agreed at the May meeting." """,
)
@handle_errors
def done(
    ctx: typer.Context,
    org: Org,
    action_id: Id,
    note_text: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A closing progress note.")] = None,
    date: DateOpt = None,
    dry_run: DryRun = False,
) -> int:
    """Mark an action done on a day (today by default), optionally with a closing note."""
    from ..edit import actions

    fields, notes = actions.done_fields(day(date, "--date"), note_text)
    return _apply(ctx, lambda root, corpus: [actions.edit_action(root, corpus, org, action_id, fields, notes)], dry_run)
