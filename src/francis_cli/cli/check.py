"""``francis check``: validate every file of the tracker and report every problem at once."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import ExitCode

HELP = """Validate every file of the tracker: YAML, keys and values, and references between files.

Prints one line per problem, `path:line:col: severity code message`, sorted, then a summary.
Exits 0 when there are no errors (warnings allowed), 1 when there are errors."""

EPILOG = """\b
Examples:
  francis check
  francis check --strict --format json > problems.json
  francis check --changed-since origin/main --format github
  francis --root ../barnet-tracker check"""


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def check(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text lines, a JSON list, or GitHub Actions "
                                           "annotations (::error file=...::message).")] = Format.text,
    changed_since: Annotated[str | None, typer.Option(
        "--changed-since", metavar="REV", help="Validate everything, but report only problems in files changed "
        "since REV (a git revision), new problems they cause elsewhere, and the review rules on what moved.")] = None,
) -> int:
    from ..checks import run_checks
    from ..config import find_root
    from ..corpus import load_tracker
    from ..render.problems import as_json, as_text, counts, summary
    from .app import state

    root = find_root(state(ctx).root)
    note = ""
    if changed_since is not None:
        from ..review import check_changed_since

        result = check_changed_since(root, changed_since, strict=strict)
        problems, files = result.problems, result.files
        n = len(result.changed)
        note = f"; {n} file{'' if n == 1 else 's'} changed since {result.since}"
    else:
        corpus = load_tracker(root)
        problems = run_checks(corpus, strict=strict)
        files = len(corpus.files) + (corpus.config_file is not None)
    if format is Format.json:
        sys.stdout.write(as_json(problems))
    else:
        if format is Format.github:
            from ..gitrev import repo_prefix
            from ..render.problems import as_github

            sys.stdout.write(as_github(problems, repo_prefix(root)))
        else:
            sys.stdout.write(as_text(problems))
        print(summary(problems, files) + note, file=sys.stderr)
    errors, _ = counts(problems)
    return ExitCode.FINDINGS if errors else ExitCode.OK
