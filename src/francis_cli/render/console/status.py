"""Status tables in the terminal: a row per theme (or organisation, rating, lead), a column per
rating, and a bar; fits 80 columns by wrapping text, never truncating it; plain (no escape codes)
when piped or with ``--no-color``/``NO_COLOR``, where the bars use letters instead of colour.

Piped, the same text is drawn without rich (``plain_status``, through ``plain``): rich and its
layout cost more than the rest of a warm ``francis status``. Both are built from the same labels,
widths and bars here, and a property test holds them to the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...models.vocab import NOT_APPLICABLE, NOT_ASSESSED
from ...problems import plural, visible
from ...views.status import TOTAL, Column, Row, StatusTable, StatusView
from ...views.status_assurance import NOT_RECORDED, AssuranceSummary
from ..phrases import scope_words
from . import plain
from .common import plain_width

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


def _bar_parts(row: Row, columns: Sequence[Column], bar_ids: Sequence[str], width: int) -> list[tuple[Column, int]]:
    """The columns a row's bar shows, each with its cells, in order."""
    by_id = {c.id: c for c in columns}
    cells = _allot([row.values.get(i, 0) for i in bar_ids], width)
    return [(by_id[column_id], n) for column_id, n in zip(bar_ids, cells, strict=True) if n]


def _letter(column: Column) -> str:
    """What a bar shows for a column without colour: a dot for "not assessed", else its initial."""
    return "·" if column.id == NOT_ASSESSED else column.id[0].upper()


def bar(row: Row, columns: Sequence[Column], bar_ids: Sequence[str], plain: bool, width: int = BAR_WIDTH) -> Text:
    from rich.text import Text

    text = Text()
    for column, n in _bar_parts(row, columns, bar_ids, width):
        if column.id == NOT_ASSESSED:
            text.append(_letter(column) * n, style="dim")
        elif plain:
            text.append(_letter(column) * n)
        else:
            text.append("█" * n, style=column.colour or "")
    return text


def _plain_bar(row: Row, columns: Sequence[Column], bar_ids: Sequence[str], width: int) -> str:
    return "".join(_letter(column) * n for column, n in _bar_parts(row, columns, bar_ids, width))


def _label(column: Column) -> str:
    label = SHORT.get(column.id) or (column.id.replace("-", " ").capitalize() if column.colour else column.label)
    return visible(label)


def _header(column: Column, plain: bool) -> Text:
    from rich.text import Text

    return Text(_label(column), style="" if plain or not column.colour else f"bold {column.colour}")


def _number_width(header: str, footer: str) -> int:
    """A figure's column: as wide as the longest word of its header and its total, at least 3."""
    return max(*(len(w) for w in [*header.split(), footer or "0"]), 3)


def _title(table: StatusTable, status: StatusView) -> str:
    if table is status.sets:
        return visible(f"{table.title}, as of {status.as_of.isoformat()}")
    return visible(f"{table.title} — {status.set}, as of {status.as_of.isoformat()}")


def _row_label(table: StatusTable, status: StatusView, row: Row) -> str:
    """A row's label: a set's row is named by its id (the note below gives its title)."""
    return visible(row.key if table is status.sets else row.label)


def _bar_width(console_width: int) -> int:
    return BAR_WIDTH if console_width >= WIDE else NARROW_BAR


def status_tables(console: Console, status: StatusView) -> None:
    from rich.text import Text

    plain = console.no_color or console.color_system is None
    for i, table in enumerate(status.tables):
        if i:
            console.print()
        _print_table(console, table, status, plain)
    if status.by in ("theme", "organisation") and status.tables:
        console.print(Text(_legend(status.tables[0].columns, plain), style="dim"))
    if status.sets is not None:
        console.print()
        _print_table(console, status.sets, status, plain)


def _print_table(console: Console, table: StatusTable, status: StatusView, plain: bool) -> None:
    from rich.text import Text

    console.print(_status_table(table, status, plain, _bar_width(console.width)))
    for note in table.notes:
        console.print(Text(visible(note)))
    if table.scope is not None:
        console.print(Text(visible(scope_words(table.scope))))
    if table.assurance is not None and table.assurance.recorded:
        console.print(Text(assurance_words(table.assurance)))
    if table.workplan is not None:
        console.print(_workplan_line(table))


def _status_table(table: StatusTable, status: StatusView, plain: bool, bar_width: int) -> RichTable:
    from rich import box
    from rich.table import Table as RichTable

    out = RichTable(
        title=_title(table, status),
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
        out.add_column(header, footer=footer, justify="right", width=_number_width(header.plain, footer))
    if table.bar_columns:
        footer_bar = bar(table.total, table.columns, table.bar_columns, plain, bar_width) if table.total else ""
        out.add_column("", footer=footer_bar, no_wrap=True, width=bar_width)
    for row in table.rows:
        cells: list[Text | str] = [_row_label(table, status, row), *(str(row.values[c.id]) for c in table.columns)]
        if table.bar_columns:
            cells.append(bar(row, table.columns, table.bar_columns, plain, bar_width))
        out.add_row(*cells)
    return out


_SIGNOFF_WORDS = {
    "current": "current",
    "stale": "stale (changed since approved)",
    "missing": "missing (done, not signed off)",
}


def assurance_words(a: AssuranceSummary) -> str:
    """``Assurance of the 22 assessed: 2 reasonable, 20 not recorded. Sign-offs: 1 current, 1 stale
    (changed since approved).`` Only the counts that are not 0."""
    levels = [f"{n} {'not recorded' if k == NOT_RECORDED else k.replace('-', ' ')}" for k, n in a.levels.items() if n]
    signed = [f"{n} {_SIGNOFF_WORDS[k]}" for k, n in a.signoffs.items() if n]
    head = f"Assurance of the {a.assessed} assessed: {', '.join(levels) or 'none'}."
    return f"{head} Sign-offs: {', '.join(signed) or 'none'}."


def _workplan_parts(table: StatusTable) -> list[tuple[str, str]]:
    """The workplan's line under a table, as pieces of text and their style."""
    wp = table.workplan
    assert wp is not None
    if not wp.actions:
        return [("Workplan: no actions.", "")]
    parts = [f"{n} {s.replace('-', ' ')}" for s, n in wp.by_status.items() if n]
    return [
        (f"Workplan: {plural(wp.actions, 'action')} — {', '.join(parts)}; ", ""),
        (f"{wp.overdue} overdue", "bold red" if wp.overdue else ""),
        (f", {wp.due_soon} due in the next {wp.due_soon_days} days.", ""),
    ]


def _workplan_line(table: StatusTable) -> Text:
    from rich.text import Text

    text = Text()
    for part, style in _workplan_parts(table):
        text.append(part, style=style)
    return text


def _legend(columns: Sequence[Column], plain: bool) -> str:
    ratings = [c for c in columns if c.colour]
    keys = ", ".join(f"{c.id[0].upper() if plain else c.id} = {c.label.lower()}" for c in ratings)
    return visible(f"Ratings: {keys}; · = not assessed.")


def plain_status(status: StatusView) -> str | None:
    """The status tables as rich prints them where it prints no escape codes (piped output), drawn
    without rich; None where rich must draw them (a terminal, forced colour, text ``plain`` does
    not measure)."""
    width = plain_width()
    return None if width is None else status_text(status, width)


def status_text(status: StatusView, width: int) -> str | None:
    """The plain status tables at ``width`` columns, or None (see ``plain_status``)."""
    lines: list[str] = []
    for i, table in enumerate(status.tables):
        drawn = _plain_lines(table, status, width)
        if drawn is None:
            return None
        lines += ["", *drawn] if i else drawn
    if status.by in ("theme", "organisation") and status.tables:
        lines += plain.paragraph(_legend(status.tables[0].columns, True), width)
    if status.sets is not None:
        drawn = _plain_lines(status.sets, status, width)
        if drawn is None:
            return None
        lines += ["", *drawn]
    if not plain.simple(*lines):  # a line below a table said something plain does not measure
        return None
    return "".join(line + "\n" for line in lines)


def _plain_lines(table: StatusTable, status: StatusView, width: int) -> list[str] | None:
    """One table and the lines below it, or None where plain cannot draw it."""
    columns, rows = _plain_table(table, status, _bar_width(width))
    lines = plain.table(_title(table, status), columns, rows, width, footer=table.total is not None)
    if lines is None:
        return None
    for note in table.notes:
        lines += plain.paragraph(visible(note), width)
    if table.scope is not None:
        lines += plain.paragraph(visible(scope_words(table.scope)), width)
    if table.assurance is not None and table.assurance.recorded:
        lines += plain.paragraph(assurance_words(table.assurance), width)
    if table.workplan is not None:
        lines += plain.paragraph("".join(part for part, _ in _workplan_parts(table)), width)
    return lines


def _plain_table(table: StatusTable, status: StatusView, bar_width: int) -> tuple[list[plain.Column], list[list[str]]]:
    """The columns and rows of ``_status_table``, as plain text."""
    total = table.total
    columns = [plain.Column(table.row_header, visible(total.label) if total else "", min_width=14, overflow="fold")]
    for column in table.columns:
        footer = str(total.values[column.id]) if total else ""
        header = _label(column)
        columns.append(plain.Column(header, footer, "right", width=_number_width(header, footer)))
    if table.bar_columns:
        footer_bar = _plain_bar(total, table.columns, table.bar_columns, bar_width) if total else ""
        columns.append(plain.Column("", footer_bar, width=bar_width, no_wrap=True))
    rows = []
    for row in table.rows:
        cells = [_row_label(table, status, row), *(str(row.values[c.id]) for c in table.columns)]
        if table.bar_columns:
            cells.append(_plain_bar(row, table.columns, table.bar_columns, bar_width))
        rows.append(cells)
    return columns, rows
