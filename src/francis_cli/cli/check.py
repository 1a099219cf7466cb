"""``francis check``: validate every file of the tracker and report every problem at once."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from ..render.formats import ProblemFormat
from .context import AsOf, checked, day, root, state

if TYPE_CHECKING:
    from ..checks.run import CheckResult
    from ..tracker.snapshot import Checked

HELP = """Validate every file of the tracker: YAML, keys and values, and references between files.

Prints one line per problem, `path:line:col: severity code message`, sorted, then a summary.
Exits 0 when there are no errors (warnings allowed), 1 when there are errors, 2 for a usage error
(a --as-of that is not a date written YYYY-MM-DD).

What depends on the day (evidence past its review or expiry date, the assurance and ratings that
rest on it, decisions overdue on a set's response clock) is judged on --as-of, so that a board can
check the tracker as at its meeting; by default, today. The edit commands (assess, action,
evidence add, signoff) check the tracker as on today whatever --as-of says."""

EPILOG = """\b
Examples:
  francis check
  francis check --as-of 2013-10-01     # as at the board meeting of 1 October 2013
  francis check --strict --format json > problems.json
  francis check --changed-since origin/main --format github
  francis --root ../barnet-tracker check"""


def check(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format", "-f", help="text lines, a JSON list, or GitHub Actions annotations (::error file=...::message)."
        ),
    ] = ProblemFormat.text,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Validate everything, but report only problems in files changed "
            "since REV (a git revision), new problems they cause elsewhere, and the review rules on what moved.",
        ),
    ] = None,
    as_of: AsOf = None,
) -> int:
    from ..render.problems import counts, print_problems

    when = day(as_of, "--as-of") if as_of is not None else None
    tracker = root(ctx)
    if changed_since is None:
        result: Checked | CheckResult = checked(ctx, strict, when)
    else:
        from ..checks.run import check_tracker
        from ..render.console.progress import progress_bar

        result = check_tracker(tracker, strict=strict, changed_since=changed_since, progress=progress_bar, as_of=when)
    print_problems(result, format, tracker, color=state(ctx).color and sys.stdout.isatty())
    errors, _ = counts(result.problems)
    return ExitCode.FINDINGS if errors else ExitCode.OK
