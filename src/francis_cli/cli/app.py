"""The typer app: global options, the commands registered by name, and the one error handler.

Exit codes (every command): 0 ok; 1 findings (errors in the tracker, or what a command's
``--fail`` option asks about); 2 usage error or unreadable tracker; 3 internal error.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .. import __version__
from ..errors import ExitCode, FrancisError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="francis",
    help=(
        "Track an NHS organisation's response to public inquiry recommendations: gap assessments, "
        "workplan actions and board papers kept as YAML in git.\n\n"
        "Exit codes: 0 ok, 1 problems or findings, 2 usage error or unreadable tracker, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(slots=True)
class State:
    root: Path | None = None
    color: bool = True


def _version(value: bool) -> None:
    if value:
        print(f"francis {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    root: Annotated[Path | None, typer.Option(
        "--root", metavar="DIR", envvar="FRANCIS_ROOT", show_envvar=True,
        help="The tracker folder. Default: the nearest folder at or above this one holding "
             "francis.yaml or data/.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour in output (also NO_COLOR=1).")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every file afresh; neither read nor write the "
                                           "cache (also FRANCIS_NO_CACHE=1).")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:  # fmt: skip
    ctx.obj = State(root=root, color=not no_color and "NO_COLOR" not in os.environ)
    if no_cache:
        os.environ["FRANCIS_NO_CACHE"] = "1"


def handle_errors(func: F) -> F:
    """Map francis errors to their exit code with a one-line message; never a traceback for bad input."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = func(*args, **kwargs)
        except FrancisError as err:
            print(f"francis: {err}", file=sys.stderr)
            raise typer.Exit(int(err.exit_code)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as err:  # a bug: say so, and how to report it
            if os.environ.get("FRANCIS_DEBUG"):
                traceback.print_exc()
            print(f"francis: internal error: {type(err).__name__}: {err}\n"
                  "This is a bug in francis; please report it (set FRANCIS_DEBUG=1 for details).",
                  file=sys.stderr)  # fmt: skip
            raise typer.Exit(int(ExitCode.INTERNAL)) from None
        raise typer.Exit(int(code or 0))

    return wrapper  # type: ignore[return-value]


def state(ctx: typer.Context) -> State:
    obj = ctx.find_object(State)
    return obj if obj is not None else State()


def _register() -> None:
    from . import check, diff, history, overdue, report, schema, show, status

    for module, name in ((status, "status"), (overdue, "overdue"), (show, "show"), (report, "report"),
                         (check, "check"), (diff, "diff"), (history, "history"), (schema, "schema")):  # fmt: skip
        app.command(name, help=module.HELP, epilog=module.EPILOG)(handle_errors(getattr(module, name)))
    from . import action, assess, init, spreadsheets

    for module, name in ((assess, "assess"), (init, "init")):
        app.command(name, help=module.HELP, epilog=module.EPILOG)(handle_errors(getattr(module, name)))
    for name, command, help_, epilog in (
        ("import", spreadsheets.import_, spreadsheets.IMPORT_HELP, spreadsheets.IMPORT_EPILOG),
        ("export", spreadsheets.export, spreadsheets.EXPORT_HELP, spreadsheets.EXPORT_EPILOG),
    ):
        app.command(name, help=help_, epilog=epilog)(handle_errors(command))
    app.add_typer(action.app, name="action", help=action.HELP, epilog=action.EPILOG)


_register()


def main() -> None:
    app(prog_name="francis")
