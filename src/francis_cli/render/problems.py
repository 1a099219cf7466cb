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
