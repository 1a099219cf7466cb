"""Usage errors in francis's words: one line, exit 2, whatever the command-line framework says.

Why: typer checks option values itself (an enum's choices, an integer's bounds) and words the
refusal in its validation library's terms ("Value error, 'colour' is not one of …", "Input should
be greater than or equal to 0") inside a usage block. The same refusal here reads as francis's
other usage errors do: ``francis: --by: 'colour' is not one of theme, organisation, rating, lead``.
"""

from __future__ import annotations

import difflib
import enum
import re
import sys
from collections.abc import Sequence
from typing import Any, get_args

import typer
from typer.core import TyperGroup

from ..errors import ExitCode
from ..problems import ONE_HINT_CUTOFF, hint

try:  # typer 0.29 carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - typer before 0.29 uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef,unused-ignore]

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
    return annotation is int or int in get_args(annotation) or kind == "integer"


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
        low, high = getattr(param, "min", None), getattr(param, "max", None)
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


class Commands(TyperGroup):
    """francis's command group: usage errors are one line of francis's own words, exit 2."""

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
