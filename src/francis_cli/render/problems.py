"""Problems as text lines, JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..errors import Problem


def counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(problems: Sequence[Problem], files: int) -> str:
    errors, warnings = counts(problems)
    if not problems:
        return f"no problems in {_plural(files, 'file')}"
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"


def as_text(problems: Sequence[Problem]) -> str:
    return "".join(p.format() + "\n" for p in problems)


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


def _gh_data(text: str) -> str:
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
