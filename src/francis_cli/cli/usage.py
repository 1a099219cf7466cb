"""francis's command group: usage errors in francis's words, and commands built only when run.

Why: typer checks option values itself (an enum's choices, an integer's bounds) and words the
refusal in its validation library's terms ("Value error, 'colour' is not one of …", "Input should
be greater than or equal to 0") inside a usage block. The same refusal here reads as francis's
other usage errors do: ``francis: --by: 'colour' is not one of theme, organisation, rating, lead``.

Why lazy: building a command imports its module (and what that imports) and makes an object per
option; a run needs one command, ``francis -h`` and shell completion only the names and summaries.
"""

from __future__ import annotations

import difflib
import enum
import importlib
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, get_args

import typer

# typer 0.28 carries its own copy of click (pyproject pins it: see docs/reference/performance.md)
from typer._click import exceptions as click_errors
from typer._click.core import Command
from typer._click.formatting import HelpFormatter
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

from ..errors import ExitCode
from ..problems import ONE_HINT_CUTOFF, hint

_FRAMEWORK_WORDS = re.compile(r"^(Value error, |Assertion failed, )")


def _choices(param: Any) -> list[str] | None:
    """The values an enum-typed parameter takes, from click's Choice or typer's annotation."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return [str(getattr(c, "value", c)) for c in choices]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    for kind in (annotation, *get_args(annotation)):
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return [str(member.value) for member in kind]
    return None


def _is_int(param: Any) -> bool:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    kind = getattr(getattr(param, "type", None), "name", None)
    return annotation is int or int in get_args(annotation) or kind in ("integer", "int", "int range")


def _bound(param: Any, end: str) -> Any:
    """An integer option's ``min`` or ``max``: on click's IntRange type, or on the parameter."""
    value = getattr(getattr(param, "type", None), end, None)
    return value if value is not None else getattr(param, end, None)


def _given(param: Any, args: Sequence[str]) -> str | None:
    """The text given for an option on the command line (its last use), if it can be found."""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        for opt in opts:
            if arg == opt and i + 1 < len(args):
                found = args[i + 1]
            elif arg.startswith(opt + "=") and opt.startswith("--"):
                found = arg[len(opt) + 1 :]
    return found


def _name(param: Any) -> str:
    opts = [str(o) for o in getattr(param, "opts", []) if str(o).startswith("--")]
    if opts:
        return opts[0]
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "value").upper()


def _bad_value(err: Any, args: Sequence[str]) -> str:
    param = err.param
    name = _name(param)
    message = _FRAMEWORK_WORDS.sub("", err.message or "").strip()
    value = _given(param, args)
    if value is None:
        quoted = re.match(r"^'((?:[^'\\]|\\.)*)' is not one of", message)
        value = quoted.group(1) if quoted else None
    choices = _choices(param)
    if choices is not None and value is not None:
        return f"{name}: {value!r} is not one of {', '.join(choices)}{hint(value, choices)}"
    if _is_int(param) and value is not None:
        low, high = (_bound(param, end) for end in ("min", "max"))
        try:
            number = int(value)
        except ValueError:
            return f"{name}: {value!r} is not a whole number"
        if low is not None and number < low:
            return f"{name}: {number} is below {low}; give {low} or more"
        if high is not None and number > high:
            return f"{name}: {number} is above {high}; give {high} or less"
    return f"{name}: {message[:1].lower() + message[1:]}".rstrip(".")


def _no_such_option(err: Any) -> str:
    """Near misses compared without their dashes, which every option shares (``--bogus`` is not
    close to ``--org``); said back with them."""
    possible = {p.lstrip("-"): p for p in getattr(err, "possibilities", None) or []}
    close = difflib.get_close_matches(err.option_name.lstrip("-"), list(possible), n=1, cutoff=ONE_HINT_CUTOFF)
    said = f" (did you mean {possible[close[0]]!r}?)" if close else ""
    return f"no option {err.option_name}{said}"


def words(err: click_errors.UsageError, args: Sequence[str]) -> str:
    """The one line francis prints for a usage error the framework raised."""
    command = getattr(getattr(err, "ctx", None), "command_path", None) or "francis"
    if isinstance(err, click_errors.MissingParameter) and getattr(err, "param", None) is not None:
        line = f"{_name(err.param)} is missing"
    elif isinstance(err, click_errors.BadParameter) and getattr(err, "param", None) is not None:
        line = _bad_value(err, args)
    elif isinstance(err, click_errors.NoSuchOption):
        line = _no_such_option(err)
    else:
        line = _FRAMEWORK_WORDS.sub("", err.format_message()).rstrip(".")
        line = line[:1].lower() + line[1:]
    return f"francis: {line}; see '{command} -h'"


@dataclass(frozen=True, slots=True)
class Lazy:
    """A command known by name and summary until it is run (or its own help is shown).

    ``module`` (under this package) holds ``HELP``, ``EPILOG`` and either the command function,
    named as the module is, or ``app``, a typer app of subcommands. ``summary`` is the first
    paragraph of ``HELP``, which ``francis -h`` and shell completion shorten as for a built command."""

    module: str
    summary: str


def build(name: str, lazy: Lazy) -> Command:
    """The command ``name``, built as the app itself would build it."""
    from .context import handle_errors

    module = importlib.import_module(f"{__package__}.{lazy.module}")
    one = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    subcommands = getattr(module, "app", None)
    if isinstance(subcommands, typer.Typer):
        one.add_typer(subcommands, name=name, help=module.HELP, epilog=module.EPILOG)
    else:
        one.command(name, help=module.HELP, epilog=module.EPILOG)(handle_errors(getattr(module, lazy.module)))
    return typer.main.get_group(one).commands[name]


class Commands(TyperGroup):
    """francis's command group: usage errors are one line of francis's own words, exit 2; the
    commands of ``lazy`` are built when first asked for, the others are there from the start."""

    lazy: ClassVar[Mapping[str, Lazy]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.lazy, *(name for name in super().list_commands(ctx) if name not in self.lazy)]

    def get_command(self, ctx: Any, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.commands[cmd_name] = build(cmd_name, self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)

    def summary(self, ctx: Any, name: str, limit: int = 45) -> str | None:
        """A command's summary as ``-h`` lists it; None for a hidden or unknown one. Not built for it."""
        if name in self.lazy and name not in self.commands:
            return make_default_short_help(self.lazy[name].summary, limit).strip()
        command = self.get_command(ctx, name)
        return None if command is None or command.hidden else command.get_short_help_str(limit)

    def format_commands(self, ctx: Any, formatter: HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(name) for name in names), default=0)
        rows = [(name, text) for name in names if (text := self.summary(ctx, name, limit)) is not None]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[CompletionItem]:
        names = [name for name in self.list_commands(ctx) if name.startswith(incomplete)]
        items = [CompletionItem(name, help=text) for name in names if (text := self.summary(ctx, name)) is not None]
        return [*items, *super(TyperGroup, self).shell_complete(ctx, incomplete)]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As typer's, with "did you mean" looking among every command, built or not."""
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as err:
            matches = (
                difflib.get_close_matches(args[0], self.list_commands(ctx)) if args and self.suggest_commands else []
            )
            if err.message.startswith("No such command") and "Did you mean" not in err.message and matches:
                err.message = f"{err.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as err:
            if not standalone_mode:
                raise
            err.show()
            sys.exit(int(ExitCode.USAGE))
        except click_errors.UsageError as err:
            if not standalone_mode:
                raise
            print(words(err, argv), file=sys.stderr)
            sys.exit(int(ExitCode.USAGE))
        except click_errors.ClickException as err:
            if not standalone_mode:
                raise
            print(f"francis: {err.format_message()}", file=sys.stderr)
            sys.exit(err.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            print("francis: stopped", file=sys.stderr)
            sys.exit(1)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)
