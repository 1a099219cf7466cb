"""``francis catalogue new|add|show|extract``: make and fill in a set of recommendations."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from ..models.numbers import NumberError, parse_number
from ..render.formats import ViewFormat
from .context import DryRun, day, emit, handle_errors, load, read_text_option, root, say

HELP = """Make and fill in catalogues of recommendations: a new set, its texts one by one, what is missing.

`new` starts a set (data/recommendations/SET.yaml) with its numbers not yet transcribed; `add`
fills in one recommendation's text, verbatim from a file (or standard input), with the page of the
report it is on, touching only that recommendation's lines; `show` lists what is still missing.
Every edit is validated with the whole tracker first: one that would add an error is refused and
nothing is written (exit 1). `extract` finds the numbered recommendations in an inquiry report (its
PDF or its text) and writes them as a catalogue, each text verbatim with the page it starts on:
running headers, footers and page numbers left out, hyphenated words joined, footnote markers taken
out (and listed in the file's opening comment), two columns read in turn. What it could not place
is listed as problems: exit 1. A PDF is read with poppler's pdftotext (apt-get install poppler-utils)."""

EPILOG = """\b
Examples:
  francis catalogue new kirkup-2022 --title "Reading the signals" --published 2022-10-19 \
--source https://example.org/kirkup.pdf --count 5
  francis catalogue add kirkup-2022 3 --text-file r3.txt --page 12 --title "Listening to families"
  francis catalogue show francis-2013
  francis catalogue extract report.pdf --set kirkup-2022 --pages 5-12 -o data/recommendations/kirkup-2022.yaml"""

app = typer.Typer(help=HELP, epilog=EPILOG, no_args_is_help=True, rich_markup_mode=None)

SetId = Annotated[str, typer.Argument(metavar="SET", help="The set's id: lower-case letters, digits, hyphens.")]


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
    "new",
    epilog="""\b
Examples:
  francis catalogue new kirkup-2022 --title "Reading the signals" --published 2022-10-19 \
--source https://example.org/kirkup.pdf --count 5
  francis catalogue new ockenden-2022 --title "Ockenden review: final report" --published 2022-03-30 \
--source https://example.org/ockenden.pdf --licence "Open Government Licence v3.0\"""",
)
@handle_errors
def new(
    ctx: typer.Context,
    set_id: SetId,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The report's title.")],
    published: Annotated[str, typer.Option("--published", metavar="DATE", help="When it was published (YYYY-MM-DD).")],
    source: Annotated[str, typer.Option("--source", metavar="URL", help="Where the report is published.")],
    count: Annotated[
        int,
        typer.Option(
            "--count", metavar="N", min=0, max=100_000, help="Start with recommendations 1 to N, not yet transcribed."
        ),
    ] = 0,
    licence: Annotated[
        str | None, typer.Option("--licence", metavar="TEXT", help="The licence its text is reused under.")
    ] = None,
    dry_run: DryRun = False,
) -> int:
    """Start a new recommendation set: data/recommendations/SET.yaml, its numbers not yet transcribed."""
    from ..edit import catalogue
    from ..edit.transaction import edit

    if not published.strip():
        raise UserError("--published: give the date written YYYY-MM-DD")
    spec = catalogue.NewSet(
        catalogue.set_id_option(set_id, "SET"), title, day(published, "--published"), source, count, licence
    )
    tracker = root(ctx)
    sys.stdout.write(edit(tracker, lambda corpus: catalogue.new_set(tracker, corpus, spec), dry_run=dry_run))
    return 0


@app.command(
    "add",
    epilog="""\b
Examples:
  francis catalogue add kirkup-2022 3 --text-file r3.txt --page 12 --title "Listening to families"
  francis catalogue add kirkup-2022 3 --text-file r3.txt --addressee all-trusts --addressee nhs-england
  pbpaste | francis catalogue add francis-2013 84 --text-file - --page 1405 --source https://example.org/francis.pdf
  francis catalogue add francis-2013 83 --text-file r83.txt --force --dry-run""",
)
@handle_errors
def add(
    ctx: typer.Context,
    set_id: SetId,
    number: Annotated[str, typer.Argument(metavar="NUMBER", help="The recommendation's number, e.g. 84, 2(a) or 2ii.")],
    text_file: Annotated[
        Path,
        typer.Option(
            "--text-file",
            metavar="FILE",
            help="Its text, verbatim ('-' for standard input): lines of a paragraph are joined, each paragraph "
            "and list item (•, -, (a), 1.) is a line of its own.",
        ),
    ],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Its heading in the report.")] = None,
    page: Annotated[
        int | None,
        typer.Option("--page", metavar="N", min=1, max=100_000, help="The page it is on: source becomes URL#page=N."),
    ] = None,
    theme: Annotated[str | None, typer.Option("--theme", metavar="ID", help="One of the set's themes.")] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="URL", help="Where it is published. Default: the set's source.")
    ] = None,
    addressee: Annotated[
        list[str] | None,
        typer.Option(
            "--addressee",
            metavar="ID",
            help="Who it is addressed to (e.g. all-trusts, nhs-england); repeat for each. Replaces those it has.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a text it has already.")] = False,
    dry_run: DryRun = False,
) -> int:
    """Fill in one recommendation's text (or add the recommendation, in number order), with its page."""
    from ..edit import catalogue
    from ..edit.transaction import edit

    try:
        n = parse_number(number)
    except NumberError as e:
        raise UserError(f"NUMBER: {e}") from None
    text = catalogue.tidy_text(read_text_option(text_file, "--text-file"))
    entry = catalogue.Entry(n, text, title, page, theme, source, tuple(addressee or ()))
    tracker = root(ctx)
    build = lambda corpus: catalogue.add_recommendation(tracker, corpus, set_id, entry, force=force)  # noqa: E731
    sys.stdout.write(edit(tracker, build, dry_run=dry_run))
    return 0


@app.command(
    "show",
    epilog="""\b
Examples:
  francis catalogue show francis-2013
  francis catalogue show kirkup-2022 --format json | jq .missing.text""",
)
@handle_errors
def show(
    ctx: typer.Context,
    set_id: SetId,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format: table or json.")] = (
        ViewFormat.table
    ),
) -> int:
    """List what a set still lacks: numbers not transcribed, and those without theme, title, source or addressee."""
    from ..render.console.catalogue import plain_catalogue
    from ..render.console.common import print_plain
    from ..views.catalogue import catalogue

    result = catalogue(load(ctx), set_id)
    if format == "table" and (text := plain_catalogue(result)) is not None:
        print_plain(text)
        return 0
    from ..render import data
    from ..render.console.catalogue import catalogue_table

    emit(ctx, format, result, catalogue_table, json=data.catalogue_json)
    return 0


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

    catalogue.set_id_option(set_id, "--set")
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
