"""``francis report``: the board paper, as Markdown, HTML or PDF, from Jinja templates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ..render.formats import PaperFormat
from .context import (
    AsOf,
    Orgs,
    day,
    load,
    movement_between,
    optional_day,
    output_file,
    refuse_binary_on_terminal,
    root,
    say,
    write_output,
)

HELP = """Write the board paper: cover sheet, executive summary, charts, overdue actions and appendices.

The figures are those of `francis status` and `francis overdue`. Cover-sheet values come from the
`report:` section of francis.yaml, overridden by --meeting, --date and --title. Templates are the
tracker's own templates/ folder first, then francis's defaults (report.md.j2, report.html.j2).
PDF needs the optional WeasyPrint extra: pip install 'francis-cli[pdf]'."""

EPILOG = """\b
Examples:
  francis report --org barnet-ccg > paper.md
  francis report --format html -o paper.html --as-of 2013-10-01
  francis report --format pdf -o paper.pdf --meeting "Trust Board (public)" --date 2013-10-24
  francis report --format html --template short.html.j2 -o short.html
  francis report --since board-2013-06 -o paper.md   # adds the movement since that tag"""


def report(
    ctx: typer.Context,
    org: Orgs = None,
    format: Annotated[PaperFormat, typer.Option("--format", "-f", help="Output format.")] = PaperFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically). Default: standard output."),
    ] = None,
    template: Annotated[
        str | None, typer.Option("--template", metavar="NAME", help="Template file to use instead of the default.")
    ] = None,
    as_of: AsOf = None,
    meeting: Annotated[str | None, typer.Option("--meeting", metavar="TEXT", help="The meeting.")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE", help="The meeting's date (YYYY-MM-DD).")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="The paper's title.")] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help=(
                "Add 'Movement since REV' (a git tag, branch or commit, e.g. the last board paper's tag): ratings, "
                "actions and due dates that moved since then."
            ),
        ),
    ] = None,
) -> int:
    from ..render.paper import pdf_engine, render, to_pdf
    from ..views.paper import build

    meeting_date = optional_day(date, "--date")
    if format is PaperFormat.pdf:
        pdf_engine()
    refuse_binary_on_terminal(output, binary=format is PaperFormat.pdf, what="a PDF")
    output = output_file(root(ctx), output)
    corpus = load(ctx)
    view = build(
        corpus, as_of=day(as_of, "--as-of"), orgs=org or [], meeting=meeting, meeting_date=meeting_date, title=title
    )
    if since is not None:
        view = replace(view, movement=movement_between(corpus.root, since, None, org or []))
    text = render(view, format.value, root=corpus.root, template=template)
    write_output(to_pdf(text) if format is PaperFormat.pdf else text, output)
    if output is not None:
        say(f"wrote the {format.value} paper to {output}")
    return 0
