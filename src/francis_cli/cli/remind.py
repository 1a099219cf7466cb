"""``francis remind``: one reminder digest per lead, as Markdown and as a message to send."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .context import AsOf, Orgs, day, figures, root, say

HELP = """One reminder digest per lead: overdue actions, those falling due soon, lapsing evidence; Markdown and email.

A digest per organisation and lead role lists the lead's open actions that are overdue (as
`francis overdue` counts them) and those falling due in the next --within days. An action led by
two roles is in both digests; actions with no lead get a digest of their own (_no-lead). A digest
also lists the evidence records its role owns whose review or expiry day has passed (stale) or
comes in the next --within days; evidence with no owner is in the _no-lead digest. Only leads with
something to report get one.

Without -o, the digests are printed as Markdown. With -o DIR, each is written as DIR/ORG/LEAD.md
and DIR/ORG/LEAD.eml, an RFC 5322 message for the organisation's own mail system to send (francis
sends nothing): a Subject, a Date (the --as-of day at 09:00 UTC) and the digest as UTF-8 text. It
has no To or From, since organisations' roles hold no email addresses: the mail system or a mail
merge adds them, and Outlook opens it as a draft. A role id's / is written %2F in its file name.
Unchanged files are not rewritten; digests an earlier run wrote that this one does not are removed
(DIR/.francis-remind lists what was written)."""

EPILOG = """\b
Examples:
  francis remind --as-of 2013-08-20
  francis remind --within 30 -o reminders/
  francis remind --org merton-ccg -o reminders/ --as-of 2013-10-01"""

MANIFEST = ".francis-remind"
"""The digests the last run wrote: a later run removes those it no longer makes, nothing else."""


def remind(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option("--within", metavar="DAYS", min=0, help="Remind of actions falling due in the next DAYS.")
    ] = 14,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="DIR", help="Write the digests into this folder.")
    ] = None,
    org: Orgs = None,
    as_of: AsOf = None,
) -> int:
    from ..render.remind import digest_files, reminders_markdown
    from ..views.remind import reminders

    folder = _folder(root(ctx), output) if output is not None else None
    found = reminders(figures(ctx), as_of=day(as_of, "--as-of"), within=within, orgs=org or [])
    if folder is None:
        sys.stdout.write(reminders_markdown(found))
    else:
        written, removed = write_digests(folder, digest_files(found))
        say(f"wrote {written} of {2 * len(found.digests)} files in {folder} ({removed} removed)")
    if not found.digests:
        from ..render.phrases import within_words

        say(f"nothing is overdue and nothing falls due {within_words(within)}")
    return 0


def _folder(tracker: Path, output: Path) -> Path:
    from .folder import output_folder

    return output_folder(
        tracker, output, what="the digests are written", own="write the digests in a folder of their own"
    )


def write_digests(folder: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Write the digests that differ, and remove those the last run wrote and this one does not make;
    only ``ORG/NAME.md`` and ``ORG/NAME.eml`` lines of its manifest are believed."""
    from .folder import write_folder

    return write_folder(folder, files, MANIFEST, lambda line: line.count("/") == 1 and line.endswith((".md", ".eml")))
