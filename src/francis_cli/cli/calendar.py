"""``francis calendar``: open actions' due dates as an iCalendar feed, to subscribe to or import."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from ..problems import plural
from .context import Orgs, day, load, output_file, root, say, write_output

HELP = """Write open actions' due dates and evidence review dates as an iCalendar feed (.ics) for Outlook.

One all-day event per open action with a due date, on the day it is due: the last day of its due
period (an action due 2013-09 is on 30 September 2013, 2013-Q3 on 30 September, 2013 on 31
December). Its title is the action's id and title; its description gives the organisation, the
leads, the status, the due date as written, the recommendations it answers and its place in the
workplan. Each event's UID is made from the organisation's and the action's ids
(action.ORG.ID@francis), so when a due date moves, a calendar that imports the feed again, or
subscribes to it, moves the event rather than adding a second one.

Each evidence record's review day and expiry day is an all-day event too ("Review evidence: TITLE",
"Evidence expires: TITLE"), with the item it evidences, its location and owner; --lead keeps the
evidence that role owns. Its UID is made from the organisation, the item (SET:NUMBER or the action's
id), the kind of day and a hash of the record's title
(evidence.ORG.REF.review.HASH@francis), so reordering the evidence keeps every event and a new
date moves it; renaming the record makes a new event. Every event is stamped
(DTSTAMP) with the --as-of day, else the time of the tracker's last commit, never the clock: the
same tracker gives the same bytes."""

EPILOG = """\b
Examples:
  francis calendar -o due.ics
  francis calendar --lead DoQ -o doq.ics
  francis calendar --org merton-ccg --as-of 2013-08-20 -o -"""

Stamp = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        envvar="FRANCIS_AS_OF",
        show_envvar=True,
        help="Stamp the feed as made on this day (YYYY-MM-DD). Default: the time of the tracker's last commit.",
    ),
]


def calendar(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="The .ics file to write (- or none: stdout).")
    ] = None,
    lead: Annotated[
        list[str] | None,
        typer.Option(
            "--lead", metavar="ROLE", help="Only actions led by, and evidence owned by, this role (repeatable)."
        ),
    ] = None,
    org: Orgs = None,
    as_of: Stamp = None,
) -> int:
    from ..render.calendar import calendar_ics
    from ..views.remind import due_calendar

    tracker = root(ctx)
    target = output_file(tracker, None if output is None or str(output) == "-" else output)
    stamp = (
        datetime.combine(day(as_of, "--as-of"), time(0), tzinfo=UTC)
        if as_of and as_of.strip()
        else _last_commit(tracker)
    )
    feed = due_calendar(load(ctx), orgs=org or [], leads=lead or [])
    write_output(calendar_ics(feed, stamp), target)
    if target is not None:
        reviews = f" and {plural(len(feed.evidence), 'evidence date')}" if feed.evidence else ""
        say(f"wrote {plural(len(feed.events), 'due date')}{reviews} to {target}")
    return 0


def _last_commit(tracker: Path) -> datetime:
    """When the tracker's last commit was made, in UTC: what the feed is stamped with by default."""
    from ..tracker.git import Repo

    try:
        with Repo(tracker) as repo:
            when = repo.commit("HEAD").date
    except UserError:
        raise UserError("the tracker has no git commit to date the feed by: give --as-of DATE") from None
    return datetime.fromisoformat(when).astimezone(UTC)
