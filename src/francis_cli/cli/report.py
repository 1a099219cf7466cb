"""``francis report``: the board paper, as Markdown, HTML or PDF, from Jinja templates."""

from __future__ import annotations

import datetime
import os
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import UserError, reason
from ..problems import plural
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

if TYPE_CHECKING:
    from ..models.config import TrackerConfig
    from ..tracker.corpus import Corpus
    from ..tracker.snapshot import Figures
    from ..views.cover import CoverOptions
    from ..views.paper import Paper
    from ..views.trend import Meeting, Trend

HELP = """Write the board paper: cover sheet, executive summary, charts, overdue actions and appendices.

The figures are those of `francis status` and `francis overdue`. Cover-sheet values come from the
`report:` section of francis.yaml, overridden by --meeting, --date, --title, --agenda-item and
--attachment; a francis.yaml with errors writes no paper (exit 1, its problems listed). Templates are
the tracker's own templates/ folder first, then francis's defaults (report.md.j2, report.html.j2).
PDF needs the optional WeasyPrint extra: pip install 'francis-cli[pdf]'."""

EPILOG = """\b
Examples:
  francis report --org barnet-ccg > paper.md
  francis report --format html -o paper.html --as-of 2013-10-01
  francis report --format pdf -o paper.pdf --meeting "Trust Board (public)" --date 2013-10-24
  francis report -f html -o paper.html --agenda-item 7.2 --attachment 05
  francis report --format html --template short.html.j2 -o short.html
  francis report --since board-2013-06 -o paper.md   # adds the movement since that tag
  francis report --trend 'board-*' -f html -o paper.html   # adds the trend over those tags
  francis report --each -f pdf -o papers/   # papers/barnet-ccg.pdf, papers/merton-ccg.pdf
  francis report --by organisation -f pdf -o rollup.pdf   # one row and chart per organisation"""


class PaperBy(StrEnum):
    """What ``--by`` rolls the paper up by: one row and one chart per organisation."""

    organisation = "organisation"


ROLLUP_TEMPLATES = {
    PaperFormat.markdown: "rollup.md.j2",
    PaperFormat.html: "rollup.html.j2",
    PaperFormat.pdf: "rollup.html.j2",
}


def report(
    ctx: typer.Context,
    org: Orgs = None,
    chosen: Annotated[
        PaperFormat | None,
        typer.Option(
            "--format", "-f", help="Output format. Default: -o FILE's (.html, .htm, .pdf, .md), else markdown."
        ),
    ] = None,
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
    agenda_item: Annotated[
        str | None, typer.Option("--agenda-item", metavar="TEXT", help="The paper's item on the agenda, e.g. 7.2.")
    ] = None,
    attachment: Annotated[
        str | None, typer.Option("--attachment", metavar="TEXT", help="Its attachment number in the pack, e.g. 05.")
    ] = None,
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
    trend: Annotated[
        str | None,
        typer.Option(
            "--trend",
            metavar="PATTERN",
            help=(
                "Add the trend over past board meetings: the git tags matching PATTERN (e.g. 'board-*'), oldest "
                "first, and now; at each, the spread of ratings and the open and overdue actions."
            ),
        ),
    ] = None,
    each: Annotated[
        bool,
        typer.Option(
            "--each", help="One paper per organisation (--org's, else every one), written into the folder -o DIR."
        ),
    ] = False,
    set_id: Annotated[
        str | None,
        typer.Option(
            "--set",
            metavar="ID",
            help=(
                "The paper of this recommendation set alone, and the actions citing it. Without it, a tracker "
                "with several sets in use has its paper grouped by set, the default set first."
            ),
        ),
    ] = None,
    by: Annotated[
        PaperBy | None,
        typer.Option(
            "--by",
            help=(
                "Roll the paper up instead: 'organisation' gives a cover sheet, an executive summary over every "
                "organisation, one summary table (a row each) and a chart each, and no appendices."
            ),
        ),
    ] = None,
) -> int:
    from ..render.paper import pdf_engine, render, to_pdf
    from ..views.cover import CoverOptions, refuse_bad_settings
    from ..views.paper_sets import build

    if by is not None:
        _refuse_with_rollup(each=each, since=since, trend=trend)
        if set_id is not None:
            raise UserError("--set cannot be used with --by organisation: the roll-up paper is of the default set")
    format = paper_format(chosen, None if each else output)
    meeting_date = optional_day(date, "--date")
    if each and output is None:
        raise UserError("--each writes one paper per organisation: name their folder with -o DIR")
    if format is PaperFormat.pdf:
        pdf_engine()
    refuse_binary_on_terminal(None if each else output, binary=format is PaperFormat.pdf and not each, what="a PDF")
    folder = _folder(output) if each else None
    output = None if each else output_file(root(ctx), output)
    if by is not None:
        given = CoverOptions(meeting, meeting_date, title, agenda_item, attachment)
        return _rollup(ctx, org or [], day(as_of, "--as-of"), given, format, template, output)
    corpus = load(ctx, refuse=refuse_bad_settings)
    given = CoverOptions(meeting, meeting_date, title, agenda_item, attachment)
    when = day(as_of, "--as-of")
    movement = movement_between(corpus.root, since, None, org or []) if since is not None else None
    meetings = _meetings(corpus, trend, when) if trend is not None else None
    groups = _each(corpus, org or []) if each else [org or []]
    if folder is not None:
        _make(folder)
    for ids in groups:
        view = build(corpus, as_of=when, orgs=ids, cover_options=given, set_id=set_id)
        view = replace(view, movement=_only(movement, ids) if each else movement)
        if meetings is not None and trend is not None:
            view = replace(view, trend=_trend(view, meetings, trend))
        text = render(view, format.value, root=corpus.root, template=template)
        path = output_file(corpus.root, folder / f"{ids[0]}{SUFFIX[format]}") if folder is not None else output
        write_output(to_pdf(text) if format is PaperFormat.pdf else text, path)
        if path is not None:
            say(f"wrote the {format.value} paper{f' for {ids[0]}' if each else ''} to {path}")
    return 0


SUFFIX = {PaperFormat.markdown: ".md", PaperFormat.html: ".html", PaperFormat.pdf: ".pdf"}


def _refuse_with_rollup(*, each: bool, since: str | None, trend: str | None) -> None:
    """The options the roll-up paper has no place for, refused before any work: the paper of each
    organisation (``--org ID``) has them."""
    if each:
        raise UserError(
            "--by organisation writes one roll-up paper of every organisation; it cannot be used with --each"
        )
    for name, value in (("--since", since), ("--trend", trend)):
        if value is not None:
            raise UserError(
                f"{name} cannot be used with --by organisation: the roll-up paper shows no movement or trend; "
                f"each organisation's paper does (francis report --org ID {name} ...)"
            )


def _rollup(
    ctx: typer.Context,
    orgs: list[str],
    when: datetime.date,
    given: CoverOptions,
    format: PaperFormat,
    template: str | None,
    output: Path | None,
) -> int:
    """The roll-up paper (``--by organisation``), written to ``output`` or standard output."""
    from ..render.paper import render, to_pdf
    from ..views import rollup

    source, settings = _rollup_source(ctx)
    view = rollup.build(source, report=settings.report, as_of=when, orgs=orgs, cover_options=given)
    text = render(view, format.value, root=root(ctx), template=template or ROLLUP_TEMPLATES[format])
    write_output(to_pdf(text) if format is PaperFormat.pdf else text, output)
    if output is not None:
        say(f"wrote the {format.value} roll-up paper of {plural(len(view.organisations), 'organisation')} to {output}")
    return 0


def _rollup_source(ctx: typer.Context) -> tuple[Corpus | Figures, TrackerConfig]:
    """The snapshot's plain figures and francis.yaml alone when no file changed since the last load,
    else a load's tracker. Why: the roll-up needs no position's text, so a warm one holds none
    of it and its memory stays a small fraction of the tracker's; a cold one loads and checks as
    ``status`` does, keeping the figures' snapshot but not the full text's (its copy of every model
    would be the peak, for a paper that prints none of it)."""
    from ..models.config import TrackerConfig
    from ..tracker import snapshot
    from ..tracker.paths import CONFIG_FILE
    from ..tracker.sources import WorkTree
    from ..tracker.validate import load_file
    from ..views.cover import refuse_bad_settings, refuse_settings
    from ..yamlio.values import Limits
    from .context import loaded, note_errors

    tracker = root(ctx)
    snap = snapshot.read(tracker)
    found = snap.figures() if snap is not None else None
    if snap is None or found is None:
        corpus, problems = loaded(tracker, refuse_bad_settings)
        note_errors(sum(1 for p in problems if p.severity == "error"))
        return corpus, corpus.config
    refuse_settings(snap.checked().problems)
    note_errors(snap.errors)
    config, _ = load_file(WorkTree(tracker), CONFIG_FILE, "config", Limits())
    return found, config.model if isinstance(config.model, TrackerConfig) else TrackerConfig()


NAMED = {".html": PaperFormat.html, ".htm": PaperFormat.html, ".pdf": PaperFormat.pdf, ".md": PaperFormat.markdown}
"""What a paper's file name says it holds: ``-o paper.html`` without ``--format`` writes HTML."""


def paper_format(given: PaperFormat | None, output: Path | None) -> PaperFormat:
    """``--format``, else the one ``-o``'s name gives, else Markdown."""
    if given is not None:
        return given
    return NAMED.get(output.suffix.lower(), PaperFormat.markdown) if output is not None else PaperFormat.markdown


def _folder(output: Path | None) -> Path:
    """``-o DIR`` of ``--each``, refused before any work when it is a file."""
    assert output is not None
    if os.path.lexists(output) and not output.is_dir():
        raise UserError(f"-o {output}: not a folder; --each writes one paper per organisation into a folder")
    return output


def _each(corpus: Corpus, orgs: list[str]) -> list[list[str]]:
    """The organisations of ``--each``, one paper each: ``--org``'s, else every one the tracker has."""
    ids = list(dict.fromkeys(orgs or corpus.organisations))
    if not ids:
        raise UserError("--each: the tracker has no organisations (data/organisations.yaml lists them)")
    return [[i] for i in ids]


def _make(folder: Path) -> None:
    """The folder of ``--each``, with its parents, when it is missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"-o {folder}: cannot make the folder: {reason(err)}") from None


def _meetings(corpus: Corpus, pattern: str, as_of: datetime.date) -> list[Meeting]:
    """The tracker at each tag matching ``pattern``, oldest first, then now: every one read whole,
    or a one-line error naming the tag that cannot be (a trend is never drawn from part of one)."""
    from ..checks.run import count_errors
    from ..tracker.git import Repo
    from ..tracker.revisions import load_side
    from ..views.trend import NOW, Meeting

    meetings = []
    with Repo(corpus.root) as repo:
        tags = repo.tags(pattern)
        if not tags:
            raise UserError(f"--trend {pattern!r}: no git tag matches (git tag --list {pattern!r} lists them)")
        tags = [(tag, when) for tag, when in tags if when <= as_of.isoformat()]  # the paper is as at --as-of
        if not tags:
            raise UserError(f"--trend {pattern!r}: every tag that matches is dated after {as_of} (--as-of)")
        for tag, when in tags:
            try:
                then, side = load_side(corpus.root, repo, tag)
            except UserError as err:
                raise UserError(f"--trend: tag {tag!r}: {err}") from None
            errors = count_errors(then)
            if errors:
                raise UserError(
                    f"--trend: tag {tag!r} ({side.commit}, {when}): the tracker there has {plural(errors, 'error')}; "
                    "a trend is not drawn from it"
                )
            meetings.append(Meeting(tag, datetime.date.fromisoformat(when), side.commit, then))
    return [*meetings, Meeting(NOW, as_of, None, corpus)]


def _trend(view: Paper, meetings: list[Meeting], pattern: str) -> Trend:
    from ..views.trend import trend

    keys = {k.id: k for k in view.ratings}
    return trend(meetings, keys, [(o.id, o.name) for o in view.organisations], pattern)


def _only(movement: Any, ids: list[str]) -> Any:
    """The movement of these organisations only: each organisation's paper shows its own."""
    if movement is None:
        return None
    return replace(movement, organisations=[o for o in movement.organisations if o.organisation in ids])
