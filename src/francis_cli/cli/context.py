"""What every command shares: the global state, the one error handler, the shared options and
their parsing, loading the tracker, and printing a view in the format asked for.

Why: a command should read its options, call one service and render; everything it would
otherwise repeat (finding the tracker, parsing a date option, mapping an exception to an exit
code) is written once here.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import ExitCode, FrancisError, UserError, reason
from ..problems import plural

if TYPE_CHECKING:
    from rich.console import Console

    from ..problems import Problem
    from ..render.formats import ViewFormat
    from ..tracker.corpus import Corpus
    from ..tracker.snapshot import Checked, Figures

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


@dataclass(slots=True)
class State:
    """The global options, for the command that runs."""

    root: Path | None = None
    color: bool = True


def say(line: str) -> None:
    """A line for the person at the terminal (notes, progress, what was written): on stderr."""
    print(line, file=sys.stderr)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_object(State)
    return obj if obj is not None else State()


def handle_errors(func: F) -> F:
    """Map francis errors to their exit code with a one-line message; never a traceback for bad input."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            refuse_undecodable(args, kwargs)
            code = func(*args, **kwargs)
        except FrancisError as err:
            print(f"francis: {err}", file=sys.stderr)
            raise typer.Exit(int(err.exit_code)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as err:  # a bug: say so, and how to report it
            if os.environ.get("FRANCIS_DEBUG"):
                traceback.print_exc()
            print(
                f"francis: internal error: {type(err).__name__}: {err}\n"
                "This is a bug in francis; please report it (set FRANCIS_DEBUG=1 for details).",
                file=sys.stderr,
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None
        raise typer.Exit(int(code or 0))

    return wrapper  # type: ignore[return-value]


def refuse_undecodable(args: tuple[Any, ...], values: dict[str, Any]) -> None:
    """A UserError naming the option (or environment variable) whose text is not UTF-8.

    Why: on Linux Python hands on bytes that are not UTF-8 as lone surrogates, which only fail
    later, wherever the text is first encoded (a path opened, a message printed); checked once
    here, for every command and for the global ``--root``, they end where they came in."""
    given: list[tuple[Any, dict[str, Any]]] = [(None, values)]
    ctx = next((v for v in (*args, *values.values()) if hasattr(v, "get_parameter_source")), None)
    if ctx is not None:  # typer's own Context, or the click one it is built on
        given = [(ctx, values), (ctx.find_root(), {"root": state(ctx).root})]
    for where, named in given:
        for key, value in named.items():
            for text in value if isinstance(value, list | tuple) else [value]:
                if isinstance(text, str | Path) and not _utf8(str(text)):
                    raise UserError(f"{_option_name(where, key)}: {_bytes(str(text))!r} is not UTF-8 text")


def _bytes(text: str) -> bytes:
    """The bytes ``text`` was decoded from; a surrogate no decoder makes (Windows' UTF-16) as WTF-8."""
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _option_name(ctx: Any, key: str) -> str:
    """How the user gave the parameter ``key``: ``--as-of``, ``$FRANCIS_AS_OF`` or an argument's metavar."""
    param = next((p for p in ctx.command.params if p.name == key), None) if ctx is not None else None
    if param is None:
        return key
    source = ctx.get_parameter_source(key)
    if source is not None and source.name == "ENVIRONMENT" and isinstance(param.envvar, str):
        return f"${param.envvar}"
    return str(param.opts[0] if param.param_type_name == "option" else (param.metavar or key.upper()).strip("[]"))


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        envvar="FRANCIS_AS_OF",
        show_envvar=True,
        help="Judge due dates as on this day (YYYY-MM-DD). Default: today.",
    ),
]
Orgs = Annotated[
    list[str] | None,
    typer.Option("--org", metavar="ID", help="Only this organisation (repeatable). Default: francis.yaml's, else all."),
]
Org = Annotated[str, typer.Argument(metavar="ORG", help="The organisation's id.")]
Ref = Annotated[str, typer.Argument(metavar="REF", help="132 or SET:132 (its assessment), 3.2 or ORG:3.2 (an action).")]
REF_TEXT = """REF is ORG's assessment of a recommendation, written 132 or SET:132, or one of its actions,
written 3.2 or ORG:3.2. A bare id that is both an assessed recommendation and an action id is
refused as ambiguous: write SET:NUMBER or ORG:ID."""
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", envvar="FRANCIS_AS_OF", help="The day (YYYY-MM-DD). Default: today."),
]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Print the diff the edit would make; write nothing.")]
DefaultSet = Annotated[
    str | None,
    typer.Option("--set", metavar="ID", help="The recommendation set. Default: francis.yaml's default_set."),
]
"""The options every edit command shares, declared once."""


def day(value: str | None, option: str, default: date | None = None) -> date:
    """A date option (``--as-of``, ``--date``) written YYYY-MM-DD; blank or absent gives ``default``
    (today when none is given)."""
    if value is None or not value.strip():
        return default if default is not None else date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{option}: {value!r} is not a date written YYYY-MM-DD") from None


def optional_day(value: str | None, option: str) -> date | None:
    """A date option that may be left out (``report --date``): None when it is."""
    return None if value is None else day(value, option)


def root(ctx: typer.Context) -> Path:
    """The tracker's folder: ``--root``, ``$FRANCIS_ROOT``, or the nearest one above here."""
    from ..tracker.paths import find_root

    return find_root(state(ctx).root)


def load(ctx: typer.Context, refuse: Callable[[Corpus], None] | None = None) -> Corpus:
    """The whole tracker, with a note on stderr when it has errors: figures then leave out what did
    not load. ``refuse`` raises first for errors the command must not go on with (``report``:
    francis.yaml's). When no file changed since the last load made for a command like this one,
    its snapshot's full text is the tracker: nothing is parsed, validated or checked again."""
    from ..tracker import snapshot, snapshot_text

    tracker = root(ctx)
    snap = snapshot.read(tracker)
    found = snapshot_text.corpus(snap) if snap is not None else None
    if snap is None or found is None:
        return _load(tracker, refuse, text=True)
    if refuse is not None:
        refuse(found)
    note_errors(snap.errors)
    return found


def _load(tracker: Path, refuse: Callable[[Corpus], None] | None = None, *, text: bool = False) -> Corpus:
    corpus, problems, _ = _loaded(tracker, refuse, text=text)
    note_errors(sum(1 for p in problems if p.severity == "error"))
    return corpus


def loaded(
    tracker: Path, refuse: Callable[[Corpus], None] | None = None, *, text: bool = False
) -> tuple[Corpus, list[Problem]]:
    """Load the tracker and run every check once; keep what was found as the tracker's snapshot
    (with its full text for ``text``: the commands that print the tracker's text read it)."""
    corpus, problems, _ = _loaded(tracker, refuse, text=text)
    return corpus, problems


def _loaded(
    tracker: Path, refuse: Callable[[Corpus], None] | None = None, *, text: bool = False, figures: bool = False
) -> tuple[Corpus, list[Problem], Figures | None]:
    """As ``loaded``, with the figures the snapshot keeps when ``figures`` (worked out once for both)."""
    from ..checks.run import run_checks
    from ..render.console.progress import progress_bar
    from ..tracker import snapshot
    from ..tracker.corpus import load_tracker

    before = snapshot.stamp(tracker)
    corpus = load_tracker(tracker, progress=progress_bar)
    problems = run_checks(corpus)
    found = snapshot.figures_of(corpus) if figures else None
    token = snapshot.write(tracker, before, corpus, problems, _strict(problems), found)
    if text:
        from ..tracker import snapshot_text

        snapshot_text.write(tracker, token, corpus)
    if refuse is not None:
        refuse(corpus)
    return corpus, problems, found


def _strict(problems: list[Problem]) -> list[Problem]:
    """What ``run_checks(strict=True)`` gives, from what it gives without."""
    from dataclasses import replace

    from ..checks.run import NEVER_STRICT

    return sorted(
        {
            replace(p, severity="error") if p.severity == "warning" and p.code not in NEVER_STRICT else p
            for p in problems
        }
    )


def figures(ctx: typer.Context) -> Figures:
    """What ``status`` and ``overdue`` compute from: the snapshot when no file changed since it was
    made (no models, no YAML parser), else the loaded tracker's, with the same note on errors."""
    from ..tracker import snapshot

    tracker = root(ctx)
    snap = snapshot.read(tracker)
    found = snap.figures() if snap is not None else None
    if snap is None or found is None:
        corpus, problems, kept = _loaded(tracker, figures=True)
        note_errors(sum(1 for p in problems if p.severity == "error"))
        return kept if kept is not None else snapshot.figures_of(corpus)
    note_errors(snap.errors)
    return found


def checked(ctx: typer.Context, strict: bool, as_of: date | None = None) -> Checked:
    """What ``francis check`` lists for the whole tracker, judged on ``as_of`` (default today): the
    snapshot's when its findings hold on that day, else a load's. Only today's findings are kept as
    the snapshot: a check as at another day never replaces what a plain ``check`` reads."""
    from ..tracker import snapshot

    tracker = root(ctx)
    snap = snapshot.read(tracker, as_of)
    if snap is not None:
        return snap.checked(strict)
    if as_of is not None and as_of != date.today():
        from ..checks.run import check_tracker
        from ..render.console.progress import progress_bar

        result = check_tracker(tracker, strict=strict, progress=progress_bar, as_of=as_of)
        return snapshot.Checked(result.problems, result.files)
    corpus, problems = loaded(tracker)
    return snapshot.Checked(_strict(problems) if strict else problems, snapshot.file_count(corpus))


def note_errors(errors: int) -> None:
    if errors:
        print(
            f"francis: the tracker has {plural(errors, 'error')} (`francis check` lists them); "
            "what did not load is left out here",
            file=sys.stderr,
        )


def drop_unusable_terminal_size() -> None:
    """Forget ``$COLUMNS`` and ``$LINES`` unless each is a plain number of a terminal's size: rich
    reads them itself, and turns ``²`` or a number of thousands of digits into a crash."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.isascii() and value.isdigit() and 0 < int(value[:6]) < 100_000):
            del os.environ[name]


def console(ctx: typer.Context) -> Console:
    from ..render.console.common import make_console, requested_width

    return make_console(color=state(ctx).color, width=requested_width())


def emit(
    ctx: typer.Context, format: ViewFormat, result: T, table: Callable[[Any, T], None], **others: Callable[[T], str]
) -> None:
    """Print a view: a rich table on the console, or the same figures in another format
    (``json=``, ``csv=``, ``markdown=``); a format the view has none of is a usage error."""
    if format == "table":
        table(console(ctx), result)
        return
    render = others.get(format.value)
    if render is None:
        known = ", ".join(["table", *others])
        raise UserError(f"--format {format.value}: not available here (use {known})")
    sys.stdout.write(render(result))


def run_editor(text: str) -> str:
    """The text after the user's editor (``$VISUAL`` or ``$EDITOR``) has been run on ``text``."""
    import shlex
    import subprocess
    import tempfile

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UserError("--edit: set $EDITOR (or $VISUAL) to your editor, e.g. EDITOR=nano")
    fd, name = tempfile.mkstemp(prefix="francis-position-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if subprocess.run([*shlex.split(command), name], check=False).returncode != 0:
            raise UserError("--edit: the editor exited with an error; nothing changed")
        return Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)


def read_text_option(path: Path, option: str) -> str:
    """The text of a file option (``-`` for standard input)."""
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"{option}: cannot read {path}: {reason(err)}") from None


def movement_between(root: Path, rev_a: str, rev_b: str | None, orgs: list[str]) -> Any:
    """What moved from revision ``rev_a`` to ``rev_b`` (None: the work tree), each side with the
    number of errors ``check`` would list for it: the one service ``diff`` and ``report --since`` share.

    Against an unchanged work tree whose snapshot is fresh, only the files that differ are loaded
    (``tracker.narrow``); else both sides are loaded whole, the work tree's snapshot is kept and the
    revision's count of errors remembered, so that the next comparison is the narrow one."""
    from dataclasses import replace

    from ..checks.run import count_errors
    from ..tracker import narrow
    from ..tracker.git import GitSource, Repo
    from ..tracker.movement import compare
    from ..tracker.movement_items import Side
    from ..tracker.revisions import load_at, load_side

    with Repo(root) as repo:
        sides = narrow.narrow_sides(root, repo, rev_a, orgs) if rev_b is None else None
        if sides is None:
            source = GitSource.at(repo, rev_a)  # an unknown older revision is said first, before any loading
            if rev_b is None:
                now, problems = loaded(root)
                newer = now, Side("work tree", None, None, sum(1 for p in problems if p.severity == "error"))
            else:
                now, side = load_side(root, repo, rev_b)
                newer = now, replace(side, errors=count_errors(now))
            then = load_at(root, source, now)
            errors = count_errors(then)
            narrow.remember(source, errors)
            older = then, Side(rev_a, source.commit.short, source.commit.date[:10], errors)
            sides = [older, newer]
    (old, old_side), (new, new_side) = sides
    return compare(old, new, old_side, new_side, orgs=orgs)


def refuse_binary_on_terminal(output: Path | None, *, binary: bool, what: str) -> None:
    """A UserError before any work when binary output (a PDF, a workbook) would reach a terminal."""
    if not binary or not sys.stdout.isatty():
        return
    if output is None or os.path.realpath(output) == os.path.realpath(f"/proc/self/fd/{sys.stdout.fileno()}"):
        raise UserError(f"{what} is binary: write it to a file with -o FILE")


def output_file(root: Path, output: Path | None) -> Path | None:
    """``-o FILE``, refused before any work when it names one of the tracker's own files."""
    from ..tracker.paths import refuse_tracker_file

    if output is not None:
        refuse_tracker_file(root, output)
    return output


def write_output(content: str | bytes, output: Path | None) -> None:
    """What a command writes: into ``-o FILE`` (whatever is there: see ``atomic``), else on standard output."""
    from ..atomic import write_atomic

    if output is not None:
        write_atomic(output, content.encode("utf-8") if isinstance(content, str) else content)
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)
