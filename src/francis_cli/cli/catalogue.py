"""``francis catalogue extract``: a recommendations file from an inquiry report's PDF or text."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from .context import handle_errors, say

HELP = """Make a catalogue of recommendations from an inquiry report: its PDF or its text.

`extract` finds the numbered recommendations (Recommendation 12, R12, IEA 3, 12., a table's
number column, sub-items 2(a)) and writes each text verbatim with the page it starts on, as a
recommendations file. Running headers, footers and page numbers are left out, hyphenated words
joined, footnote markers taken out (and listed in the file's opening comment), two columns read
in turn. What it could not place (numbers missing from the sequence, text belonging to no
recommendation, sub-items the format cannot hold yet) is listed as problems: exit 1.
A PDF is read with poppler's pdftotext (apt-get install poppler-utils)."""

EPILOG = """\b
Examples:
  francis catalogue extract report.pdf --set kirkup-2022 --pages 5-12 -o data/recommendations/kirkup-2022.yaml
  francis catalogue extract report.txt --set thirlwall-2025 --title "The Thirlwall Inquiry" > thirlwall.yaml"""

app = typer.Typer(help=HELP, epilog=EPILOG, no_args_is_help=True, rich_markup_mode=None)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def pages_option(value: str | None) -> tuple[int, int] | None:
    """``--pages 5-12`` (or ``7``) as (first, last); a UserError for anything else."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5}))?\s*", value)
    first, last = (int(match.group(1)), int(match.group(2) or match.group(1))) if match else (0, 0)
    if not match or first < 1 or last < first:
        raise UserError(f"--pages: {value!r} is not a page range such as 5-12 (first page 1, first ≤ last)")
    return first, last


@app.command(
    "extract",
    epilog="""\b
Examples:
  francis catalogue extract report.pdf --set kirkup-2022 --pages 5-12 -o data/recommendations/kirkup-2022.yaml
  francis catalogue extract report.pdf --set ockenden-2022 --source https://example.org/ockenden.pdf --force -o o.yaml
  francis catalogue extract report.txt --set thirlwall-2025 > thirlwall.yaml""",
)
@handle_errors
def extract(
    report: Annotated[
        Path, typer.Argument(metavar="REPORT", help="The report: a PDF, or its text (pages split by form feeds).")
    ],
    set_id: Annotated[
        str, typer.Option("--set", metavar="ID", help="The new set's id: lower-case letters, digits, hyphens.")
    ],
    pages: Annotated[
        str | None,
        typer.Option("--pages", metavar="A-B", help="Only these pages (of the PDF, or of the text's form feeds)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help="Write the catalogue here (default: standard output)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The set's title. Default: the report's file name.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="URL",
            help="Where the report is published: each text's source is URL#page=N. Default: the file's name.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it exists (it is refused otherwise).")
    ] = False,
) -> int:
    """Find the numbered recommendations in a report and write them as a catalogue, with their pages."""
    from ..edit import catalogue

    if not _SLUG.match(set_id):
        raise UserError(f"--set: {set_id!r} is not a set id (lower-case letters, digits and hyphens, e.g. kirkup-2022)")
    request = catalogue.Request(set_id, title or report.stem, source or report.name, str(report), pages_option(pages))
    change, problems, found = catalogue.from_report(report, request)
    if output is None:
        sys.stdout.write(change.new.decode("utf-8"))
    else:
        catalogue.write(change, output, force=force)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    written = f"wrote {output}" if output is not None else "written to standard output"
    say(f"{found} recommendations found, {len(problems)} not placed; {written}")
    return 1 if problems else 0
