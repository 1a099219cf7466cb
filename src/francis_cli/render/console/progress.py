"""Progress bars on stderr: for a long cold load (the callback ``tracker.read`` is given) and a long import."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

Advance = Callable[[int], None]
Progress = Callable[[int], Advance]
"""The shape of ``sheets.limits.Progress``: given how much there is to read, the callback that follows it."""


def progress_bar(total: int) -> Callable[[int], None]:
    """A rich progress bar over ``total`` bytes when stderr is a terminal (not in CI); else nothing."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda n: None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("reading the tracker"),
        BarColumn(),
        DownloadColumn(),
        console=Console(file=sys.stderr),  # the output itself may be on stdout, piped or not
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


@contextlib.contextmanager
def import_progress(name: str) -> Iterator[Progress | None]:
    """What follows a long import on a terminal (stderr, not in CI): a bar while the sheet is read,
    then a pulse with the time taken while the edit is prepared and checked. Nothing elsewhere."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
    )

    def start(total: int) -> Advance:
        task = bar.add_task(f"reading {name}", total=total)
        bar.start()

        def advance(n: int) -> None:
            if n >= 0:
                bar.advance(task, n)
            elif task in bar.task_ids:  # read; how far the edit has got cannot be told
                bar.remove_task(task)
                bar.add_task(f"preparing the edit from {name}", total=None)

        return advance

    try:
        yield start
    finally:
        bar.stop()
