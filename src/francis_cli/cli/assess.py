"""``francis assess``: create or update one assessment of an organisation against a recommendation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from .context import DefaultSet, DryRun, Org, optional_day, read_text_option, root, run_editor, say

HELP = """Create or update one assessment: an organisation's rating, position and decision on a recommendation.

The assessment is edited where it stands in the organisation's assessment file (a new one goes in
number order, replacing its commented skeleton entry; without a file, data/assessments/ORG.yaml is
created). Only the lines that change are touched. The edit is validated with the whole tracker
first: an edit that would add an error is refused and nothing is written (exit 1). An edit waits
for another francis edit of the same file to finish, up to 5 seconds (FRANCIS_LOCK_WAIT=SECONDS,
0 to 600), then is refused.

--decision records the organisation's decision (recommendation 1: "the extent to which it accepts
the recommendations"): accepted, accepted-in-part, not-accepted or not-applicable; every one but
accepted needs a --reason (or one already in the file). --decided and --decided-by say when and
by whom (the board, a committee). A decision may be recorded before any rating (decided, not yet
assessed). not-applicable writes `applicable: false` with the reason; it is refused on a rated
assessment (remove the rating, or give another decision).

--assurance records the assurance the evidence gives the board: substantial, reasonable, limited or
no-assurance (none); reasonable or better needs current evidence recorded (`check` says so), judged
as on today.

An edit that changes what a sign-off approved voids it: a note on stderr names the sign-off (its
role and day) and gives the `francis signoff` command that approves the assessment again."""

EPILOG = """\b
Examples:
  francis assess barnet-ccg 141 --rating amber
  francis assess barnet-ccg 141 --rating amber --position "Dialogue with CQC agreed in June."
  francis assess barnet-ccg 142 --position-file position.txt --dry-run
  francis assess merton-ccg 1 --rating red --edit
  francis assess barnet-ccg 123 --decision accepted --decided 2013-04-25 --decided-by "Governing Body"
  francis assess barnet-ccg 134 --decision accepted-in-part --reason "Awaits the national response."
  francis assess barnet-ccg 201 --decision not-applicable --reason "We commission no acute services."
  francis assess barnet-ccg 123 --assurance limited"""


def assess(
    ctx: typer.Context,
    org: Org,
    recommendation: Annotated[
        str, typer.Argument(metavar="REC", help="The recommendation's number: 132, or a part such as 2(a) or 2ii.")
    ],
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating", metavar="ID", help="The rating, any case (red, amber, green, blue, or the tracker's scheme)."
        ),
    ] = None,
    position: Annotated[str | None, typer.Option("--position", metavar="TEXT", help="The position narrative.")] = None,
    position_file: Annotated[
        Path | None,
        typer.Option("--position-file", metavar="FILE", help="Read the position from FILE ('-' for stdin)."),
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write the position in $VISUAL or $EDITOR.")] = False,
    decision: Annotated[
        str | None,
        typer.Option(
            "--decision",
            metavar="DECISION",
            help="The decision: accepted, accepted-in-part, not-accepted or not-applicable (any case).",
        ),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="Why: needed for every decision but accepted.")
    ] = None,
    decided: Annotated[
        str | None, typer.Option("--decided", metavar="DATE", help="The day it was decided (YYYY-MM-DD).")
    ] = None,
    decided_by: Annotated[
        str | None, typer.Option("--decided-by", metavar="WHO", help="Who decided: the board, a committee.")
    ] = None,
    assurance: Annotated[
        str | None,
        typer.Option(
            "--assurance", metavar="LEVEL", help="The assurance: substantial, reasonable, limited or no-assurance."
        ),
    ] = None,
    set_id: DefaultSet = None,
    dry_run: DryRun = False,
) -> int:
    from ..edit import assessments, transaction
    from ..tracker.corpus import load_tracker

    if sum(x is not None for x in (position, position_file, edit or None)) > 1:
        raise UserError("give the position one way: --position, --position-file or --edit")
    decision = assessments.decision_option(decision)
    assurance = assessments.assurance_option(assurance)
    when = optional_day(decided, "--decided")
    number = assessments.number_option(recommendation)
    tracker = root(ctx)
    rating = assessments.rating_option(tracker, rating)  # before any data file is read
    if position_file is not None:
        position = read_text_option(position_file, "--position-file")
    elif edit:
        current = assessments.current_position(load_tracker(tracker), org, number)
        position = run_editor((current or "").strip().replace("\n", "\n\n"))
    update = assessments.assessment_update(
        number,
        rating,
        position,
        decision=decision,
        reason=reason,
        decided=when,
        decided_by=decided_by,
        assurance=assurance,
    )
    sys.stdout.write(
        transaction.edit(
            tracker,
            lambda corpus: assessments.edit_assessments(tracker, corpus, org, [update], set_id=set_id),
            dry_run=dry_run,
            say=say,
        )
    )
    return 0
