"""The overdue list in the terminal: open actions past their due, those due soon, decisions not
made in time (when the set has a response clock), what needs review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...models.vocab import number_ranges
from ...problems import visible
from ...views.overdue import LAPSING_HEADER, LapsingEvidence, LateAction, Overdue, Stale, lapsing_cell
from ..phrases import due_soon_title, lapsed_evidence_title, lapsing_evidence_title

if TYPE_CHECKING:  # rich is imported by the functions that draw: plain formats never load it
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

WIDE = 100
"""From this many columns the list also shows each action's last progress note."""


def overdue_list(console: Console, result: Overdue) -> None:
    from rich.text import Text

    items = [*result.overdue, *result.due_soon]
    notes = console.width >= WIDE  # "Last note" only where there is room for the action beside it
    lead = min(max((len(_roles(i)) for i in items), default=4), 12)
    lead = max(lead, 4)
    fixed = 5 + 10 + 11 + (10 if notes else 0) + 2 * (6 if notes else 5)  # the other columns, 2 a column
    widths = (max(console.width - fixed - lead, 16), lead)
    console.print(_late_table(f"Overdue on {result.as_of.isoformat()}", result.overdue, "Days late", widths, notes))
    if result.within is not None:
        console.print()
        console.print(_late_table(due_soon_title(result.within), result.due_soon, "Days left", widths, notes))
    titles = dict.fromkeys(f"{role} = {title}" for i in items for role, title in i.leads if role != title)
    if titles:
        console.print(Text(visible(f"Leads: {'; '.join(titles)}."), style="dim"))
    if result.respond_by is not None:
        console.print()
        console.print(_decisions_table(result))
    if result.evidence or result.evidence_soon:  # said only where a record has lapsed or soon will
        console.print()
        console.print(_evidence_table(lapsed_evidence_title(result.as_of), result.evidence))
        if result.within is not None:
            console.print(_evidence_table(lapsing_evidence_title(result.within), result.evidence_soon))
    console.print()
    console.print(_stale_table(result))


def _roles(item: LateAction) -> str:
    """The leads as their role ids: the titles are said once, under the table."""
    return visible("; ".join(role for role, _ in item.leads) or "—")


def _list_table(title: str) -> RichTable:
    """The shape every list of ``overdue`` takes: titled on the left, a rule under bold headers."""
    from rich import box
    from rich.table import Table as RichTable

    return RichTable(
        title=title,
        title_justify="left",
        header_style="bold",
        pad_edge=False,
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
    )


def _late_table(
    title: str, items: Sequence[LateAction], days_header: str, widths: tuple[int, int], notes: bool
) -> RichTable | Text:
    from rich.text import Text

    if not items:
        return Text(f"{title}: none.")
    out = _list_table(f"{title}: {len(items)}")
    out.add_column(days_header, justify="right", width=5)
    out.add_column("Action", width=widths[0], overflow="fold")
    out.add_column("Lead", width=widths[1], overflow="fold")
    out.add_column("Due", width=10, no_wrap=True)
    out.add_column("Status", width=11, no_wrap=True)
    if notes:
        out.add_column("Last note", width=10, no_wrap=True)
    for item in items:
        last = item.last_progress.isoformat() if item.last_progress else "none"
        cells = [
            str(abs(item.days)),
            visible(f"{item.organisation}:{item.id} {item.title}"),
            _roles(item),
            visible(item.due),
            visible(item.status),
        ]
        out.add_row(*cells, *([last] if notes else []))
    return out


def _decisions_table(result: Overdue) -> RichTable | Text:
    from rich.text import Text

    assert result.respond_by is not None
    title = f"Decisions due by {result.respond_by.isoformat()}, not made"
    if not result.decisions:
        return Text(f"{title}: none.")
    out = _list_table(f"{title}: {len(result.decisions)}")
    out.add_column("Days late", justify="right", width=5)
    out.add_column("Organisation", ratio=1, overflow="fold")
    out.add_column("Recommendations without a decision", ratio=2, overflow="fold")
    for d in result.decisions:
        what = f"{len(d.numbers)} of {d.in_scope} in scope: {number_ranges(d.numbers)}"
        out.add_row(str(d.days), visible(d.organisation), what)
    return out


def _evidence_table(title: str, items: Sequence[LapsingEvidence]) -> RichTable | Text:
    from rich.text import Text

    if not items:
        return Text(f"{title}: none.")
    out = _list_table(f"{title}: {len(items)}")
    out.add_column("Days", justify="right")
    out.add_column("Evidence", ratio=1, overflow="fold")
    out.add_column("Owner", no_wrap=True)
    out.add_column(LAPSING_HEADER, no_wrap=True)
    for e in items:
        of = f"recommendation {e.ref}" if e.kind == "assessment" else f"action {e.ref}"
        what = visible(f"{e.organisation} {of}: {e.title} ({e.location})")
        out.add_row(str(abs(e.days)), what, visible(e.owner or "—"), lapsing_cell(e))
    return out


def _stale_table(result: Overdue) -> RichTable | Text:
    from rich.text import Text

    title = f"Needs review (not updated for more than {result.stale_days} days)"
    if not result.stale:
        return Text(f"{title}: none.")
    out = _list_table(title)
    out.add_column("Days", justify="right")
    out.add_column("What", ratio=1, overflow="fold")
    out.add_column("Last updated", no_wrap=True)
    for s in result.stale:
        out.add_row(str(s.age), _stale_what(s), s.last.isoformat())
    return out


def _stale_what(s: Stale) -> str:
    if s.kind == "assessment":
        return visible(f"{s.organisation}: {s.title} in {s.ref}")
    return visible(f"{s.organisation}:{s.ref} {s.title}")
