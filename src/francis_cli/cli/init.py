"""``francis init``: start a new tracker for one organisation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

HELP = """Start a new tracker in DIR (default: here) for one organisation.

Creates francis.yaml, a copy of the recommendation set, data/organisations.yaml, an assessment
skeleton listing every recommendation as a commented entry to fill in (or none, with --blank), an
empty workplan, GitHub Actions workflows (checks; the site published on a tag push), a pre-commit
configuration and a README; runs `git init` when DIR is not in a git repository.
Refuses to overwrite an existing tracker."""

EPILOG = """\b
Examples:
  francis init mid-staffs-tracker --org mid-staffs --name "Mid Staffordshire NHS Foundation Trust"
  francis init . --org merton-ccg --name "NHS Merton Clinical Commissioning Group" --blank"""


def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The new tracker's folder (created if missing).")
    ] = Path("."),
    org: Annotated[
        str, typer.Option("--org", metavar="ID", help="The organisation's id: lower-case letters, digits, hyphens.")
    ] = ...,  # type: ignore[assignment]
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The organisation's name.")] = ...,  # type: ignore[assignment]
    set_id: Annotated[
        str, typer.Option("--set", metavar="ID", help="The bundled recommendation set.")
    ] = "francis-2013",
    blank: Annotated[bool, typer.Option("--blank", help="An empty assessment, without the commented entries.")] = False,
) -> int:
    from ..edit import scaffold

    started = scaffold.init(folder, org, name, set_id, blank=blank)
    for rel in started.created:
        print(f"created {rel}")
    if started.repository:
        print(f"initialised a git repository in {folder}")
    print(
        f"next: add the roles that lead actions to data/organisations.yaml, then `francis assess {org} ...` "
        f"or `francis import assessments FILE --org {org}`",
        file=sys.stderr,
    )
    if not started.pip:
        print(
            f"CI checks pull requests and pushes to {started.branch!r}: set FRANCIS_PIP in "
            ".github/workflows/francis.yml and francis-site.yml to where they install francis from "
            "(francis is not on PyPI)",
            file=sys.stderr,
        )
    return 0
