"""Terminal rendering with rich: status tables, overdue lists, recommendation and action pages.

Fits 80 columns by wrapping text, never truncating it; plain (no escape codes) when piped or
with ``--no-color``/``NO_COLOR``, where the bars use letters instead of colour.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from ..lookup import ActionView, RecommendationView
from ..queries import NOT_APPLICABLE, NOT_ASSESSED, TOTAL, Column, LateAction, Overdue, Row, Stale, Status, Table

BAR_WIDTH = 12
SHORT = {NOT_ASSESSED: "Not assessed", NOT_APPLICABLE: "N/A", TOTAL: "Total"}
"""Column headers kept short so that a status table fits 80 columns."""


def make_console(color: bool = True, width: int | None = None) -> Console:
    return Console(no_color=not color or "NO_COLOR" in os.environ, highlight=False, emoji=False, markup=False,
                   width=width, soft_wrap=False)  # fmt: skip


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


def bar(row: Row, columns: Sequence[Column], bar_ids: Sequence[str], plain: bool) -> Text:
    by_id = {c.id: c for c in columns}
    cells = _allot([row.values.get(i, 0) for i in bar_ids], BAR_WIDTH)
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
    label = SHORT.get(column.id) or (column.id.replace("-", " ").capitalize() if column.colour else column.label)
    return Text(label, style="" if plain or not column.colour else f"bold {column.colour}")


def status_tables(console: Console, status: Status) -> None:
    plain = console.no_color or console.color_system is None
    for i, table in enumerate(status.tables):
        if i:
            console.print()
        console.print(_status_table(table, status, plain))
        if table.workplan is not None:
            console.print(_workplan_line(table))
    if status.by in ("theme", "organisation") and status.tables:
        console.print(Text(_legend(status.tables[0].columns, plain), style="dim"))


def _status_table(table: Table, status: Status, plain: bool) -> RichTable:
    title = f"{table.title} — {status.set}, as of {status.as_of.isoformat()}"
    out = RichTable(title=title, title_justify="left", show_footer=table.total is not None, box=box.SIMPLE_HEAD,
                    header_style="bold", footer_style="bold", pad_edge=False, collapse_padding=True)  # fmt: skip
    out.add_column(table.row_header, footer=table.total.label if table.total else "", ratio=1,
                   overflow="fold", min_width=14)  # fmt: skip
    for column in table.columns:
        footer = str(table.total.values[column.id]) if table.total else ""
        header = _header(column, plain)
        width = max(len(w) for w in [*header.plain.split(), footer or "0"])
        out.add_column(header, footer=footer, justify="right", width=max(width, 3))
    if table.bar_columns:
        footer_bar = bar(table.total, table.columns, table.bar_columns, plain) if table.total else ""
        out.add_column("", footer=footer_bar, no_wrap=True, width=BAR_WIDTH)
    for row in table.rows:
        cells: list[Text | str] = [row.label, *(str(row.values[c.id]) for c in table.columns)]
        if table.bar_columns:
            cells.append(bar(row, table.columns, table.bar_columns, plain))
        out.add_row(*cells)
    return out


def _workplan_line(table: Table) -> Text:
    wp = table.workplan
    assert wp is not None
    if not wp.actions:
        return Text("Workplan: no actions.")
    parts = [f"{n} {s.replace('-', ' ')}" for s, n in wp.by_status.items() if n]
    text = Text(f"Workplan: {wp.actions} action{'s' if wp.actions != 1 else ''} — {', '.join(parts)}; ")
    text.append(f"{wp.overdue} overdue", style="bold red" if wp.overdue else "")
    text.append(f", {wp.due_soon} due in the next {wp.due_soon_days} days.")
    return text


def _legend(columns: Sequence[Column], plain: bool) -> str:
    ratings = [c for c in columns if c.colour]
    keys = ", ".join(f"{c.id[0].upper() if plain else c.id} = {c.label.lower()}" for c in ratings)
    return f"Ratings: {keys}; · = not assessed."


def _leads(leads: Sequence[tuple[str, str]]) -> str:
    return "; ".join(role if role == title else f"{role} ({title})" for role, title in leads) or "—"


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
    out = RichTable(title=f"{title}: {len(items)}", title_justify="left", header_style="bold", pad_edge=False,
                    box=box.SIMPLE_HEAD, collapse_padding=True)  # fmt: skip
    out.add_column(days_header, justify="right", width=5)
    out.add_column("Action", width=widths[0], overflow="fold")
    out.add_column("Lead", width=widths[1], overflow="fold")
    out.add_column("Due", width=10, no_wrap=True)
    out.add_column("Status", width=11, no_wrap=True)
    out.add_column("Last note", width=10, no_wrap=True)
    for item in items:
        last = item.last_progress.isoformat() if item.last_progress else "none"
        out.add_row(str(abs(item.days)), f"{item.organisation}:{item.id} {item.title}", _leads(item.leads),
                    item.due, item.status, last)
    return out


def _stale_table(result: Overdue) -> RichTable | Text:
    title = f"Needs review (not updated for more than {result.stale_days} days)"
    if not result.stale:
        return Text(f"{title}: none.")
    out = RichTable(title=title, title_justify="left", header_style="bold", pad_edge=False, box=box.SIMPLE_HEAD,
                    collapse_padding=True)  # fmt: skip
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


def _para(text: str, indent: int = 2) -> Padding:
    """Prose re-flowed to the terminal, indented; list items (•, -, *) each start a line."""
    out: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        items: list[str] = []
        for line in paragraph.splitlines():
            if line.strip().startswith(("•", "- ", "* ")) or not items:
                items.append(line.strip())
            else:
                items[-1] += " " + line.strip()
        out.append("\n".join(" ".join(item.split()) for item in items))
    return Padding(Text("\n\n".join(out)), (0, 0, 0, indent))


def recommendation_page(console: Console, view: RecommendationView) -> None:
    rec = view.recommendation
    head = Text(f"{view.set}:{rec.number}", style="bold")
    if rec.title:
        head.append(f"  {rec.title}", style="bold")
    parts: list[Text | str | Padding] = [head]
    facts = [f"Theme: {view.theme_title}" if view.theme_title else "Theme: none recorded"]
    if rec.government_response:
        facts.append(f"Government response: {rec.government_response.replace('-', ' ')}")
    parts.append(Text(" · ".join(facts), style="dim"))
    parts.append(_para(rec.text) if rec.text else Text("  Not yet transcribed: add its text from the "
                                                              "published report.", style="italic"))  # fmt: skip
    if rec.source:
        parts.append(Text(f"Source: {rec.source}", style="dim", overflow="fold"))
    parts.append(Text(f"\nAssessments ({len(view.positions)})", style="bold"))
    if not view.positions:
        parts.append("  No organisation has assessed it yet.")
    for p in view.positions:
        a = p.assessment
        rating = (f"{a.rating} ({p.rating_label})" if p.rating_label else str(a.rating)) if a.applicable \
            else "not applicable"  # fmt: skip
        when = f", assessed {p.assessed.isoformat()}" if p.assessed else ""
        parts.append(Padding(Text(f"{p.organisation_name}: {rating}{when}", style="bold"), (0, 0, 0, 2)))
        body = a.position if a.applicable else a.reason
        if body:
            parts.append(_para(body, 4))
        if a.evidence:
            parts.append(Padding(Text("Evidence: " + "; ".join(a.evidence)), (0, 0, 0, 4)))
    parts.append(Text(f"\nActions ({len(view.actions)})", style="bold"))
    if not view.actions:
        parts.append("  No action cites it.")
    for link in view.actions:
        act = link.action
        late = " — OVERDUE" if link.overdue else ""
        parts.append(f"  {link.organisation}:{act.id} [{act.status}, due {act.due or 'not set'}{late}] {act.title}")
    console.print(Group(*parts))


def action_page(console: Console, view: ActionView) -> None:
    act = view.action
    parts: list[Text | str | Padding | RichTable] = [Text(f"{view.organisation}:{act.id}  {act.title}", style="bold")]
    if view.section:
        parts.append(Text(f"{view.organisation_name} · section {view.section[0]}: {view.section[1]}", style="dim"))
    due = str(act.due) if act.due else "not set"
    if view.overdue_days is not None:
        due += f" — {view.overdue_days} days overdue"
    rows = [("Lead", _leads(view.leads)), ("Outcome", act.outcome or "—"), ("Due", due),
            ("Timeline", " ".join((act.timeline or "—").split())), ("Status", act.status)]  # fmt: skip
    if act.completed:
        rows.append(("Completed", act.completed.isoformat()))
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in rows:
        grid.add_row(key, value)
    parts.append(grid)
    parts.append(Text(f"\nProgress ({len(act.progress)})", style="bold"))
    parts.extend(f"  {p.date.isoformat()}{f' ({p.by})' if p.by else ''}: {' '.join(p.note.split())}"
                 for p in act.progress)  # fmt: skip
    if not act.progress:
        parts.append("  No progress notes yet.")
    if view.recommendations:
        parts.append(Text("\nRecommendations", style="bold"))
        parts.extend(f"  {s}:{n}{f' {t}' if t else ''}" for s, n, t in view.recommendations)
    if view.cited_by:
        parts.append(Text("\nLinked from assessments", style="bold"))
        parts.extend(f"  recommendation {n}: {rating or 'not applicable'}" for n, rating in view.cited_by)
    parts.append(Text(f"\n{view.path}:{view.line}", style="dim"))
    console.print(Group(*parts))
