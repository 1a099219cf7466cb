"""A progress bar on stderr for a long cold load: the callback ``tracker.read`` is given."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def progress_bar(total: int) -> Callable[[int], None]:
    """A rich progress bar over ``total`` bytes when stderr is a terminal (not in CI); else nothing."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda n: None
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("reading the tracker"),
        BarColumn(),
        DownloadColumn(),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    task = progress.add_task("read", total=total)
    progress.start()

    def advance(n: int) -> None:
        if n < 0:
            progress.stop()
        else:
            progress.advance(task, n)

    return advance
