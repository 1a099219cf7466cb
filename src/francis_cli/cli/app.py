"""The typer app: the global options and the explicit list of commands, nothing else.

Each command's module is imported only when that command runs (see ``usage.Commands``), so the
list holds what ``francis -h`` shows without it: the name, the module and the summary (the first
paragraph of the module's ``HELP``; tests/cli/test_startup.py checks they agree).

Exit codes (every command): 0 ok; 1 findings (errors in the tracker, or what a command's
``--fail`` option asks about); 2 usage error or unreadable tracker; 3 internal error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, ClassVar

import typer

from .. import __version__
from .context import State, drop_unusable_terminal_size
from .usage import Commands, Lazy


class Francis(Commands):
    """Every command, in the order ``francis -h`` lists them."""

    lazy: ClassVar[dict[str, Lazy]] = {
        "status": Lazy("status", "Show where each organisation stands against the recommendations, and its workplan."),
        "overdue": Lazy(
            "overdue",
            "List open actions whose due period has ended, most overdue first, and what needs review.",
        ),
        "remind": Lazy(
            "remind",
            (
                "One reminder digest per lead: overdue actions, those falling due soon, lapsing evidence; "
                "Markdown and email."
            ),
        ),
        "calendar": Lazy(
            "calendar",
            "Write open actions' due dates and evidence review dates as an iCalendar feed (.ics) for Outlook.",
        ),
        "show": Lazy(
            "show",
            (
                "Show one recommendation with every organisation's rating and position and the actions that cite "
                "it; or one action with its lead, due date, progress history and recommendations."
            ),
        ),
        "report": Lazy(
            "report",
            "Write the board paper: cover sheet, executive summary, charts, overdue actions and appendices.",
        ),
        "check": Lazy(
            "check",
            "Validate every file of the tracker: YAML, keys and values, and references between files.",
        ),
        "diff": Lazy(
            "diff",
            (
                "Show what moved between two revisions: ratings (▲ better, ▼ worse), assessments added or "
                "removed, changed positions word by word, actions added, done, dropped or reopened, due dates "
                "moved, new progress notes, and other changes (an action's lead, title, outcome or timeline; an "
                "assessment's evidence, linked actions or reason), per organisation."
            ),
        ),
        "history": Lazy(
            "history",
            (
                "Show each commit where a recommendation's assessment (per organisation) or an action changed: "
                "date, author, commit and what changed (rating, position, status, due date, progress notes), "
                "then uncommitted changes in the work tree. For an action, how many times its due date moved later "
                "and what it was originally due."
            ),
        ),
        "schema": Lazy("schema", "Print the JSON Schema of a file kind (generated from francis's own models)."),
        "assess": Lazy(
            "assess",
            "Create or update one assessment: an organisation's rating, position and decision on a recommendation.",
        ),
        "signoff": Lazy(
            "signoff",
            "Sign off an assessment or an action: who approved it, when, and a fingerprint of what they approved.",
        ),
        "evidence": Lazy(
            "evidence",
            "Record evidence on an assessment or an action: what it is, where, who owns it, when it lapses; list it.",
        ),
        "init": Lazy("init", "Start a new tracker in DIR (default: here) for one organisation."),
        "import": Lazy(
            "import_",
            "Import a gap assessment or a workplan from a spreadsheet (CSV or XLSX) into one organisation.",
        ),
        "export": Lazy(
            "export",
            "Export the gap assessments or the workplan actions as a CSV or XLSX spreadsheet, or as Parquet; or "
            "their evidence records, sign-offs or due changes, one row each.",
        ),
        "site": Lazy("site", "Build the public register: a static website of the response, with its data to download."),
        "action": Lazy(
            "action",
            "Add and update workplan actions: new actions, status, due dates, leads, progress notes.",
        ),
        "catalogue": Lazy(
            "catalogue",
            "Make and fill in catalogues of recommendations: a new set, its texts one by one, what is missing.",
        ),
    }


app = typer.Typer(
    name="francis",
    cls=Francis,
    help=(
        "Track an NHS organisation's response to public inquiry recommendations: gap assessments, "
        "workplan actions and board papers kept as YAML in git.\n\n"
        "Exit codes: 0 ok, 1 problems or findings, 2 usage error or unreadable tracker, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"francis {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="DIR",
            envvar="FRANCIS_ROOT",
            show_envvar=True,
            help="The tracker folder. Default: the nearest folder at or above this one holding francis.yaml or data/.",
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour in output (also NO_COLOR=1).")] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Parse every file afresh; neither read nor write the cache (also FRANCIS_NO_CACHE=1)."
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    drop_unusable_terminal_size()
    ctx.obj = State(root=root, color=not no_color and "NO_COLOR" not in os.environ)
    if no_cache:
        os.environ["FRANCIS_NO_CACHE"] = "1"


def main() -> None:
    app(prog_name="francis")
