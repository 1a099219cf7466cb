"""What every terminal view shares: the console francis prints through, when what it prints is plain
text (and how wide), and how leads are named."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, cast

if TYPE_CHECKING:  # rich is imported by make_console: plain output never loads it
    from rich.console import Console

MAX_WIDTH = 1000
"""The widest ``$COLUMNS`` honoured: a larger number would only make every line a screen of spaces."""


class _LinesWithoutTrailingSpace(io.TextIOBase):
    """A stream that passes text on line by line with the spaces rich pads lines with taken off:
    piped output (a file, a pull-request comment, a diff of two runs) has no trailing spaces."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.pending = out, ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.out.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.out.write(self.pending)
            self.pending = ""
        self.out.flush()

    def isatty(self) -> bool:
        return False


def requested_width() -> int | None:
    """The width ``$COLUMNS`` asks for (a plain number, or gone: the app drops any other value)."""
    columns = os.environ.get("COLUMNS")
    return min(int(columns), MAX_WIDTH) if columns else None


def plain_width() -> int | None:
    """The width rich lays piped output out at, when what it prints has no escape codes (stdout is
    not a terminal and no ``FORCE_COLOR`` or ``TTY_COMPATIBLE`` says otherwise); None when rich must
    draw. As rich measures it: ``$COLUMNS``, else the terminal on stdin, stdout or stderr, else 80.
    Windows is left to rich, whose consoles there have widths and borders of their own."""
    env = os.environ
    compatible = env.get("TTY_COMPATIBLE", "")
    forced = compatible == "1" or (compatible != "0" and env.get("FORCE_COLOR", "") != "")
    if forced or sys.platform == "win32" or sys.stdout.isatty():
        return None
    width = requested_width()
    if width is not None:
        return width
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def print_plain(text: str) -> None:
    """Print text drawn without rich; on a pipe closed early (``francis status | head -1``) stop
    quietly with exit code 1, as rich does."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        raise SystemExit(1) from None


def make_console(color: bool = True, width: int | None = None, out: IO[str] | None = None) -> Console:
    """The console every terminal view prints through (on ``out``, by default stdout); when output
    is piped, lines carry no trailing spaces."""
    from rich.console import Console

    out = out or sys.stdout
    file = out if out.isatty() else cast(IO[str], _LinesWithoutTrailingSpace(out))
    return Console(
        file=file,
        no_color=not color or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        markup=False,
        width=width,
        soft_wrap=False,
    )


def leads_text(leads: Sequence[tuple[str, str]]) -> str:
    return "; ".join(role if role == title else f"{role} ({title})" for role, title in leads) or "—"
