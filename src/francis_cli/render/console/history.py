"""History in the terminal: each commit that changed the item, and what changed."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ...problems import visible
from ...tracker.git import SHALLOW_HINT
from ...tracker.movement import word_diff
from ...views.history import FieldChange, History, ItemHistory
from ..phrases import MARK, STYLE
from .movement import indented, word_text


def _change_text(ch: FieldChange, plain: bool) -> Text:
    text = Text(visible(f"{ch.field}: "))
    if ch.field == "note" or ch.old is None:
        return text.append(visible(ch.new or ""))
    if ch.new is None:
        return text.append(visible(f"removed (was {ch.old})"))
    if ch.field in ("position", "outcome", "reason", "evidence"):
        return text.append_text(word_text(word_diff(ch.old, ch.new), plain))
    text.append(visible(f"{ch.old} → {ch.new}"))
    if ch.direction:
        text.append(f" {MARK[ch.direction]}", style="" if plain else STYLE[ch.direction])
    if ch.days:
        text.append(
            f" ({abs(ch.days)} days {'later' if ch.days > 0 else 'earlier'})",
            style="" if plain else ("red" if ch.days > 0 else "green"),
        )
    return text


def _item_heading(item: ItemHistory) -> str:
    if item.kind == "assessment":
        return f"{item.organisation}: recommendation {item.ref}{f' {item.title}' if item.title else ''}"
    return f"{item.organisation}:{item.ref}{f' {item.title}' if item.title else ''}"


def _slip_line(item: ItemHistory) -> str | None:
    if item.kind != "action" or item.original_due is None:
        return None
    now = f", now {item.current_due}" if item.current_due and item.current_due != item.original_due else ""
    if not item.slipped:
        return f"Due date never moved later; originally due {item.original_due}{now}."
    times = {1: "once", 2: "twice"}.get(item.slipped, f"{item.slipped} times")
    return f"Due date moved later {times}; originally due {item.original_due}{now}."


def console_history(console: Console, h: History) -> None:
    plain = console.no_color or console.color_system is None
    for i, item in enumerate(h.items):
        if i:
            console.print()
        console.print(Text(visible(_item_heading(item)), style="bold"))
        for rev in item.revisions:
            head = Text()
            if rev.commit is None:
                head.append("(uncommitted)  work tree", style="bold")
            else:
                head.append(visible(f"{rev.date}  {rev.commit}  {rev.author}"), style="bold")
                head.append(visible(f"  {rev.subject}"), style="dim")
            if rev.kind != "changed":
                head.append(f"  [{rev.kind}]")
            indented(console, head, 2)  # a long subject wraps under the date, never to column 0
            for ch in rev.changes:
                indented(console, _change_text(ch, plain), 6)
        slip = _slip_line(item)
        if slip:
            console.print(Text(visible(f"  {slip}"), style="bold"))
    if h.shallow:
        console.print(Text(f"Note: {SHALLOW_HINT} to see changes before the oldest commit here.", style="yellow"))
