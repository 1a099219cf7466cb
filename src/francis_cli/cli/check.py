"""``francis check``: validate every file of the tracker and report every problem at once."""

from __future__ import annotations

import sys
from enum import Enum
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
  francis --root ../barnet-tracker check"""


class Format(str, Enum):
    text = "text"
    json = "json"


def check(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text lines, or a JSON list.")] = Format.text,
) -> int:
    from ..checks import run_checks
    from ..corpus import load_tracker
    from ..config import find_root
    from ..render.problems import as_json, as_text, counts, summary
    from .app import state

    corpus = load_tracker(find_root(state(ctx).root))
    problems = run_checks(corpus, strict=strict)
    if format is Format.json:
        sys.stdout.write(as_json(problems))
    else:
        sys.stdout.write(as_text(problems))
        files = len(corpus.files) + (corpus.config_file is not None)
        print(summary(problems, files), file=sys.stderr)
    errors, _ = counts(problems)
    return ExitCode.FINDINGS if errors else ExitCode.OK
