"""The evidence register in the terminal: a row per record (what it is, where, whose, when it
lapses, its state), then the one-line count by state. Piped, the same text is drawn without rich
(``plain_evidence``), as rich would print it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...problems import visible
from ...views.evidence import EvidenceList
from . import plain
from .common import plain_width

if TYPE_CHECKING:  # rich is imported by the function that draws: piped output never loads it
    from rich.console import Console
    from rich.table import Table

HEADERS = ("Org", "Item", "Title", "Location", "Produced", "Owner", "Lapses", "State")
_NO_WRAP = (4, 6, 7)
"""The columns of dates, and the state: never wrapped."""


def _heading(view: EvidenceList) -> str:
    which = "Stale evidence" if view.stale_only else "Evidence"
    return visible(f"{which} as of {view.as_of.isoformat()} (review due within {view.within} days)")


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _rows(view: EvidenceList) -> list[list[str]]:
    return [
        [
            visible(r.organisation),
            visible(r.item),
            visible(r.title),
            visible(r.location),
            _day(r.produced),
            visible(r.owner or "—"),
            _day(r.lapses),
            r.state,
        ]
        for r in view.rows
    ]


def evidence_table(console: Console, view: EvidenceList) -> None:
    from rich.text import Text

    console.print(Text(_heading(view)))
    if view.rows:
        console.print(_table(view))
    console.print(Text(visible(view.summary)))


def _table(view: EvidenceList) -> Table:
    from rich import box
    from rich.table import Table

    out = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        collapse_padding=True,
    )
    for i, header in enumerate(HEADERS):
        if i in _NO_WRAP:
            out.add_column(header, no_wrap=True)
        elif header == "Location":
            out.add_column(header, overflow="fold")
        else:
            out.add_column(header)
    for row in _rows(view):
        out.add_row(*row)
    return out


def plain_evidence(view: EvidenceList) -> str | None:
    """The table and summary as rich prints them where it prints no escape codes (piped output),
    drawn without rich; None where rich must draw them."""
    width = plain_width()
    return None if width is None else evidence_text(view, width)


def evidence_text(view: EvidenceList, width: int) -> str | None:
    """The plain table and summary at ``width`` columns, or None (see ``plain_evidence``)."""
    columns = [
        plain.Column(h, no_wrap=i in _NO_WRAP, overflow="fold" if h == "Location" else "ellipsis")
        for i, h in enumerate(HEADERS)
    ]
    heading, summary = _heading(view), visible(view.summary)
    if not plain.simple(heading, summary):
        return None
    drawn: list[str] = []
    if view.rows:
        table = plain.table("", columns, _rows(view), width)
        if table is None:
            return None
        drawn = table
    lines = [*plain.paragraph(heading, width), *drawn, *plain.paragraph(summary, width)]
    return "".join(line + "\n" for line in lines)
