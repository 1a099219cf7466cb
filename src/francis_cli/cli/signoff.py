"""``francis signoff``: record who approved an assessment or an action, when, and what exactly."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .context import REF_TEXT, DateOpt, DefaultSet, DryRun, Org, Ref, day, root

HELP = f"""Sign off an assessment or an action: who approved it, when, and a fingerprint of what they approved.

{REF_TEXT}

The sign-off is appended to the item's `signoffs:` with a fingerprint of its content's meaning, so
that comments, key order and quoting can change without voiding it, and any change of meaning
does: `francis check` then warns that it must be approved again (signoff-stale), and
`check --changed-since` refuses a change to approved content without a new sign-off. --by is a
role of the organisation; an action's own lead cannot sign it off unless francis.yaml says
`signoff: allow_lead: true`. The edit is validated with the whole tracker first and touches only
the lines it adds."""

EPILOG = """\b
Examples:
  francis signoff merton-ccg 1.1 --by AO --date 2013-07-01   # action 1.1, approved by the AO
  francis signoff merton-ccg 1.1 --by AO --dry-run           # the lines it would add
  francis signoff merton-ccg merton-ccg:2.2 --by AO          # ORG:ID: always an action, never an assessment"""


def signoff(
    ctx: typer.Context,
    org: Org,
    ref: Ref,
    by: Annotated[str, typer.Option("--by", metavar="ROLE", help="The role that approves: a role of ORG.")],
    date: DateOpt = None,
    set_id: DefaultSet = None,
    dry_run: DryRun = False,
) -> int:
    from ..edit import transaction
    from ..edit.signoff import sign_off

    when = day(date, "--date")
    tracker = root(ctx)
    sys.stdout.write(
        transaction.edit(
            tracker,
            lambda corpus: [sign_off(tracker, corpus, org, ref, by.strip(), when, set_id=set_id)],
            dry_run=dry_run,
        )
    )
    return 0
