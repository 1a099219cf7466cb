"""Status tables in the terminal: a row per theme (or organisation, rating, lead), a column per
rating, and a bar; fits 80 columns by wrapping text, never truncating it; plain (no escape codes)
when piped or with ``--no-color``/``NO_COLOR``, where the bars use letters instead of colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...models.vocab import NOT_APPLICABLE, NOT_ASSESSED
from ...problems import plural, visible
from ...views.status import TOTAL, Column, Row, StatusTable, StatusView

if TYPE_CHECKING:  # rich is imported by the functions that draw: plain formats never load it
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

BAR_WIDTH = 12
"""Cells of a row's bar on a wide terminal; on a narrow one (under ``WIDE`` columns) ``NARROW_BAR``,
so that the theme's name is not wrapped into five lines beside it."""
NARROW_BAR, WIDE = 8, 100


SHORT = {NOT_ASSESSED: "Not assessed", NOT_APPLICABLE: "N/A", TOTAL: "Total"}
"""Column headers kept short so that a status table fits 80 columns."""


def _allot(counts: Sequence[int], width: int) -> list[int]:
    """Cells per count, proportional, summing to ``width`` (largest remainder)."""
    total = sum(counts)
    if total == 0:
        return [0] * len(counts)
    exact = [c * width / total for c in counts]
    cells = [int(x) for x in exact]
    for i in sorted(range(len(counts)), key=lambda i: exact[i] - cells[i], reverse=True)[: width - sum(cells)]:
        cells[i] += 1
    return cells


def bar(row: Row, columns: Sequence[Column], bar_ids: Sequence[str], plain: bool, width: int = BAR_WIDTH) -> Text:
    from rich.text import Text

    by_id = {c.id: c for c in columns}
    cells = _allot([row.values.get(i, 0) for i in bar_ids], width)
    text = Text()
    for column_id, n in zip(bar_ids, cells, strict=True):
        if not n:
            continue
        column = by_id[column_id]
        if column_id == NOT_ASSESSED:
            text.append("·" * n, style="dim")
        elif plain:
            text.append(column.id[0].upper() * n)
        else:
            text.append("█" * n, style=column.colour or "")
    return text


def _header(column: Column, plain: bool) -> Text:
    from rich.text import Text

    label = SHORT.get(column.id) or (column.id.replace("-", " ").capitalize() if column.colour else column.label)
    return Text(visible(label), style="" if plain or not column.colour else f"bold {column.colour}")


def status_tables(console: Console, status: StatusView) -> None:
    from rich.text import Text

    plain = console.no_color or console.color_system is None
    for i, table in enumerate(status.tables):
        if i:
            console.print()
        console.print(_status_table(table, status, plain, BAR_WIDTH if console.width >= WIDE else NARROW_BAR))
        if table.workplan is not None:
            console.print(_workplan_line(table))
    if status.by in ("theme", "organisation") and status.tables:
        console.print(Text(_legend(status.tables[0].columns, plain), style="dim"))


def _status_table(table: StatusTable, status: StatusView, plain: bool, bar_width: int) -> RichTable:
    from rich import box
    from rich.table import Table as RichTable

    title = visible(f"{table.title} — {status.set}, as of {status.as_of.isoformat()}")
    out = RichTable(
        title=title,
        title_justify="left",
        show_footer=table.total is not None,
        box=box.SIMPLE_HEAD,
        header_style="bold",
        footer_style="bold",
        pad_edge=False,
        collapse_padding=True,
    )
    out.add_column(
        table.row_header,
        footer=visible(table.total.label) if table.total else "",
        ratio=1,
        overflow="fold",
        min_width=14,
    )
    for column in table.columns:
        footer = str(table.total.values[column.id]) if table.total else ""
        header = _header(column, plain)
        width = max(len(w) for w in [*header.plain.split(), footer or "0"])
        out.add_column(header, footer=footer, justify="right", width=max(width, 3))
    if table.bar_columns:
        footer_bar = bar(table.total, table.columns, table.bar_columns, plain, bar_width) if table.total else ""
        out.add_column("", footer=footer_bar, no_wrap=True, width=bar_width)
    for row in table.rows:
        cells: list[Text | str] = [visible(row.label), *(str(row.values[c.id]) for c in table.columns)]
        if table.bar_columns:
            cells.append(bar(row, table.columns, table.bar_columns, plain, bar_width))
        out.add_row(*cells)
    return out


def _workplan_line(table: StatusTable) -> Text:
    from rich.text import Text

    wp = table.workplan
    assert wp is not None
    if not wp.actions:
        return Text("Workplan: no actions.")
    parts = [f"{n} {s.replace('-', ' ')}" for s, n in wp.by_status.items() if n]
    text = Text(f"Workplan: {plural(wp.actions, 'action')} — {', '.join(parts)}; ")
    text.append(f"{wp.overdue} overdue", style="bold red" if wp.overdue else "")
    text.append(f", {wp.due_soon} due in the next {wp.due_soon_days} days.")
    return text


def _legend(columns: Sequence[Column], plain: bool) -> str:
    ratings = [c for c in columns if c.colour]
    keys = ", ".join(f"{c.id[0].upper() if plain else c.id} = {c.label.lower()}" for c in ratings)
    return visible(f"Ratings: {keys}; · = not assessed.")
