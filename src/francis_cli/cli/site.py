"""``francis site``: the public register, a static NHS.UK website of the response, with open data."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UserError
from .context import Orgs, day, load, root, say

if TYPE_CHECKING:
    from ..tracker.corpus import Corpus
    from ..tracker.git import Repo
    from ..views.site import Built

HELP = """Build the public register: a static website of the response, with its data to download.

A home page (the figures and charts of the board paper, the data's date and the git revision it
was built from), a page per recommendation (its text, each organisation's rating, position and
evidence, the actions answering it, its history from git), a page per action (lead, outcome, due
date and every move of it, status, progress notes), lists by theme, rating, status and lead, a
search page, and the whole tracker as CSV, JSON and SQLite. Pages use the NHS.UK frontend, which
npm installs (npm install nhsuk-frontend); nothing on them loads from elsewhere, and every page
works without JavaScript. The same revision gives the same bytes; only changed files are written.
Templates: the tracker's own templates/site/ first, then francis's defaults."""

EPILOG = """\b
Examples:
  francis site                          # the work tree, into site/
  francis site --rev board-2026-11 -o public/
  francis site --org barnet-ccg --base-url https://example.nhs.uk/francis/
  FRANCIS_NHSUK_FRONTEND=node_modules/nhsuk-frontend/dist francis site"""

AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        envvar="FRANCIS_AS_OF",
        show_envvar=True,
        help="Judge due dates as on this day (YYYY-MM-DD). Default: the date of --rev's commit, else today.",
    ),
]
MANIFEST = ".francis-site"
"""The list of files the last build wrote: a later build removes those it no longer makes, nothing else."""


def site(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="The folder to build the site in.")
    ] = Path("site"),
    rev: Annotated[
        str | None,
        typer.Option("--rev", metavar="REV", help="Build from this git revision (a tag such as board-2026-11)."),
    ] = None,
    org: Orgs = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", metavar="URL", help="Where the site is published: adds canonical links and a sitemap."
        ),
    ] = None,
    as_of: AsOf = None,
) -> int:
    from ..render.site import render_site
    from ..render.site_assets import locate
    from ..views.site import site as build
    from ..views.site_data import tables
    from ..views.site_history import trail
    from ..views.status import organisations_for

    tracker = root(ctx)
    folder = _folder(tracker, output)
    url = _base_url(base_url)
    frontend = locate(tracker)
    with contextlib.ExitStack() as stack:
        repo = _repo(tracker, required=rev is not None)
        if repo is not None:
            stack.enter_context(repo)
        corpus, built = _load(ctx, tracker, repo, rev)
        when = day(as_of, "--as-of", date.fromisoformat(built.date) if built.date else None)
        orgs = [o.id for o in organisations_for(corpus, org or [])]
        found = trail(corpus, repo, orgs, built.commit if rev is not None else None)
    view = build(corpus, as_of=when, orgs=orgs, built=built, trail=found, base_url=url)
    files = render_site(view, tables(corpus, view, found.items), frontend, root=corpus.root, folder=folder)
    written, removed = write_site(folder, files)
    say(f"built the site in {folder}: {written} of {len(files)} files written, {removed} removed")
    return 0


def _folder(tracker: Path, output: Path) -> Path:
    from .folder import output_folder

    return output_folder(tracker, output, what="the site is built", own="build the site in a folder of its own")


def _base_url(url: str | None) -> str | None:
    if url is None:
        return None
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise UserError(f"--base-url: {url!r} is not a web address starting https://")
    return url if url.endswith("/") else url + "/"


def _repo(tracker: Path, *, required: bool) -> Repo | None:
    """The tracker's git repository; None when it has none and no revision was asked for (no history then)."""
    from ..tracker.git import Repo

    try:
        return Repo(tracker)
    except UserError:
        if required:
            raise
        return None


def _load(ctx: typer.Context, tracker: Path, repo: Repo | None, rev: str | None) -> tuple[Corpus, Built]:
    from ..tracker.revisions import load_side
    from ..views.site import Built

    if rev is None or repo is None:
        return load(ctx), Built("work tree", None, None)
    try:
        corpus, side = load_side(tracker, repo, rev)
    except UserError as err:
        raise UserError(f"--rev: {err}") from None
    return corpus, Built(rev, side.commit, side.date)


def write_site(folder: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Write the files that differ from what ``folder`` holds, and remove those the last build wrote
    and this one does not make (``folder.write_folder``)."""
    from .folder import write_folder

    return write_folder(folder, files, MANIFEST, lambda line: True)
