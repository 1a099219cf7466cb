"""The overdue list in the terminal: open actions past their due, those due soon, what needs review."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ...views.overdue import LateAction, Overdue, Stale
from .common import leads_text


def overdue_list(console: Console, result: Overdue) -> None:
    free = max(console.width - 48, 30)  # what the fixed columns and their gaps leave
    widths = (free * 11 // 20, free - free * 11 // 20)
    console.print(_late_table(f"Overdue on {result.as_of.isoformat()}", result.overdue, "Days late", widths))
    if result.within is not None:
        console.print()
        console.print(_late_table(f"Due in the next {result.within} days", result.due_soon, "Days left", widths))
    console.print()
    console.print(_stale_table(result))


def _late_table(title: str, items: Sequence[LateAction], days_header: str, widths: tuple[int, int]) -> RichTable | Text:
    if not items:
        return Text(f"{title}: none.")
    out = RichTable(
        title=f"{title}: {len(items)}",
        title_justify="left",
        header_style="bold",
        pad_edge=False,
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
    )
    out.add_column(days_header, justify="right", width=5)
    out.add_column("Action", width=widths[0], overflow="fold")
    out.add_column("Lead", width=widths[1], overflow="fold")
    out.add_column("Due", width=10, no_wrap=True)
    out.add_column("Status", width=11, no_wrap=True)
    out.add_column("Last note", width=10, no_wrap=True)
    for item in items:
        last = item.last_progress.isoformat() if item.last_progress else "none"
        out.add_row(
            str(abs(item.days)),
            f"{item.organisation}:{item.id} {item.title}",
            leads_text(item.leads),
            item.due,
            item.status,
            last,
        )
    return out


def _stale_table(result: Overdue) -> RichTable | Text:
    title = f"Needs review (not updated for more than {result.stale_days} days)"
    if not result.stale:
        return Text(f"{title}: none.")
    out = RichTable(
        title=title,
        title_justify="left",
        header_style="bold",
        pad_edge=False,
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
    )
    out.add_column("Days", justify="right")
    out.add_column("What", ratio=1, overflow="fold")
    out.add_column("Last updated", no_wrap=True)
    for s in result.stale:
        out.add_row(str(s.age), _stale_what(s), s.last.isoformat())
    return out


def _stale_what(s: Stale) -> str:
    if s.kind == "assessment":
        return f"{s.organisation}: {s.title} in {s.ref}"
    return f"{s.organisation}:{s.ref} {s.title}"
