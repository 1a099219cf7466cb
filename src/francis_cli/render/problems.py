"""Problems as text lines, JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem, plural, visible
from .formats import ProblemFormat

if TYPE_CHECKING:
    from ..checks.run import CheckResult
    from ..tracker.snapshot import Checked


def counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors


def summary(problems: Sequence[Problem], files: int) -> str:
    errors, warnings = counts(problems)
    if not problems:
        return f"no problems in {plural(files, 'file')}"
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m"}


def as_text(problems: Sequence[Problem], *, color: bool = False) -> str:
    """One line a problem; in a terminal, as ruff prints them: the place bold, the severity red or
    yellow, the code dim (the words are the same, only coloured)."""
    if not color:
        return "".join(p.format() + "\n" for p in problems)
    out = []
    for p in problems:
        place, rest = p.format().split(f": {p.severity} ", 1)
        code, _, message = rest.partition(" ")
        out.append(
            f"{_BOLD}{place}{_RESET}: {_SEVERITY[p.severity]}{p.severity}{_RESET} {_DIM}{code}{_RESET} {message}\n"
        )
    return "".join(out)


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


def _gh_data(text: str) -> str:
    # An escape sequence would recolour or hide the log's lines; line ends are GitHub's to encode.
    text = "\r".join(visible(part, newlines=True) for part in text.split("\r"))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem], prefix: str = "") -> str:
    """GitHub Actions workflow commands, one per problem, so each shows as an annotation on the
    pull request's diff. ``prefix`` is the tracker's folder inside the repository (GitHub wants
    paths from the repository's top). A whole-file problem (line 0) gets no line or column."""
    lines = []
    for p in problems:
        props = [f"file={_gh_property(prefix + p.path)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.col}"] if p.col else [f"line={p.line}"]
        props.append(f"title={_gh_property(p.code)}")
        lines.append(f"::{p.severity} {','.join(props)}::{_gh_data(p.message)}\n")
    return "".join(lines)


def print_problems(result: CheckResult | Checked, format: ProblemFormat, root: Path, *, color: bool = False) -> None:
    """``francis check``'s output: the problems on stdout, and (but for JSON) the summary on stderr;
    ``color`` (a terminal that wants colour) colours the text lines."""
    if format == "json":
        sys.stdout.write(as_json(result.problems))
        return
    if format == "github":
        from ..tracker.git import repo_prefix

        sys.stdout.write(as_github(result.problems, repo_prefix(root)))
    else:
        sys.stdout.write(as_text(result.problems, color=color))
    print(check_summary(result), file=sys.stderr)


def check_summary(result: CheckResult | Checked) -> str:
    """The summary line; with ``--changed-since``, it also says what it did not look at.

    Why: a push job that checked only what changed must not read "no problems" over a broken tracker."""
    if result.since is None:
        return summary(result.problems, result.files)
    line = summary(result.problems, result.files)
    if not result.problems:
        line = f"no new problems in {plural(result.files, 'file')}"
    line += f"; {plural(len(result.changed), 'file')} changed since {result.since}"
    if result.unreported_errors:
        line += f"; {plural(result.unreported_errors, 'error')} elsewhere — run francis check"
    return line
