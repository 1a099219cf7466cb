"""What a catalogue still lacks, in the terminal: a row per gap (its count and number ranges), then
the one-line summary. Piped, the same text is drawn without rich (``plain_catalogue``), as rich
would print it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...problems import visible
from ...views.catalogue import CatalogueView
from . import plain
from .common import plain_width

if TYPE_CHECKING:  # rich is imported by the function that draws: piped output never loads it
    from rich.console import Console
    from rich.table import Table

HEADERS = ("Missing", "Count", "Recommendations")


def _heading(view: CatalogueView) -> str:
    """The set above its table, at the terminal's width (a table's title would wrap at the table's)."""
    return visible(f"{view.set}: {view.title} ({view.file})")


def _rows(view: CatalogueView) -> list[list[str]]:
    return [[gap.label, str(len(gap.numbers)), gap.ranges] for gap in view.gaps]


def catalogue_table(console: Console, view: CatalogueView) -> None:
    from rich.text import Text

    console.print(Text(_heading(view)))
    console.print(_table(view))
    console.print(Text(visible(view.summary)))


def _table(view: CatalogueView) -> Table:
    from rich import box
    from rich.table import Table

    out = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        collapse_padding=True,
    )
    out.add_column(HEADERS[0])
    out.add_column(HEADERS[1], justify="right")
    out.add_column(HEADERS[2], overflow="fold")
    for row in _rows(view):
        out.add_row(*row)
    return out


def plain_catalogue(view: CatalogueView) -> str | None:
    """The table and summary as rich prints them where it prints no escape codes (piped output),
    drawn without rich; None where rich must draw them."""
    width = plain_width()
    return None if width is None else catalogue_text(view, width)


def catalogue_text(view: CatalogueView, width: int) -> str | None:
    """The plain table and summary at ``width`` columns, or None (see ``plain_catalogue``)."""
    columns = [
        plain.Column(HEADERS[0]),
        plain.Column(HEADERS[1], justify="right"),
        plain.Column(HEADERS[2], overflow="fold"),
    ]
    drawn = plain.table("", columns, _rows(view), width)
    heading, summary = _heading(view), visible(view.summary)
    if drawn is None or not plain.simple(heading, summary):
        return None
    lines = [*plain.paragraph(heading, width), *drawn, *plain.paragraph(summary, width)]
    return "".join(line + "\n" for line in lines)
