"""What every terminal view shares: the console francis prints through, and how leads are named."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import IO, cast

from rich.console import Console


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


def make_console(color: bool = True, width: int | None = None) -> Console:
    """The console every terminal view prints through; when output is piped, lines carry no
    trailing spaces."""
    out = sys.stdout
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
