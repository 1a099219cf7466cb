"""The typer app: the global options and the explicit list of commands, nothing else.

Exit codes (every command): 0 ok; 1 findings (errors in the tracker, or what a command's
``--fail`` option asks about); 2 usage error or unreadable tracker; 3 internal error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from . import action, assess, check, diff, export, history, import_, init, overdue, report, schema, show, site, status
from .context import State, drop_unusable_terminal_size, handle_errors
from .usage import Commands

app = typer.Typer(
    name="francis",
    cls=Commands,
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


app.command("status", help=status.HELP, epilog=status.EPILOG)(handle_errors(status.status))
app.command("overdue", help=overdue.HELP, epilog=overdue.EPILOG)(handle_errors(overdue.overdue))
app.command("show", help=show.HELP, epilog=show.EPILOG)(handle_errors(show.show))
app.command("report", help=report.HELP, epilog=report.EPILOG)(handle_errors(report.report))
app.command("check", help=check.HELP, epilog=check.EPILOG)(handle_errors(check.check))
app.command("diff", help=diff.HELP, epilog=diff.EPILOG)(handle_errors(diff.diff))
app.command("history", help=history.HELP, epilog=history.EPILOG)(handle_errors(history.history))
app.command("schema", help=schema.HELP, epilog=schema.EPILOG)(handle_errors(schema.schema))
app.command("assess", help=assess.HELP, epilog=assess.EPILOG)(handle_errors(assess.assess))
app.command("init", help=init.HELP, epilog=init.EPILOG)(handle_errors(init.init))
app.command("import", help=import_.HELP, epilog=import_.EPILOG)(handle_errors(import_.import_))
app.command("export", help=export.HELP, epilog=export.EPILOG)(handle_errors(export.export))
app.command("site", help=site.HELP, epilog=site.EPILOG)(handle_errors(site.site))
app.add_typer(action.app, name="action", help=action.HELP, epilog=action.EPILOG)


def main() -> None:
    app(prog_name="francis")
