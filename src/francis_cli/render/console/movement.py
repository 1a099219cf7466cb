"""Movement in the terminal: a rating that got better is a green ▲, worse a red ▼; a changed
position is shown word by word, deletions in red and additions in green. Piped or with
``--no-color`` the same lines are plain, with ``[-deleted-]{+added+}`` as ``git diff
--word-diff`` prints."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from ...problems import visible
from ...tracker.movement import word_diff
from ...tracker.movement_items import (
    ActionChange,
    AssessmentItem,
    DueMove,
    FieldEdit,
    Movement,
    PositionChange,
    RatingMove,
    WordOp,
)
from ..phrases import (
    MARK,
    STYLE,
    WORDED,
    action_words,
    due_words,
    edit_label,
    edit_words,
    errors_note,
    heading,
    org_heading,
    rating_words,
    rec_label,
    sections,
)


def console_movement(console: Console, m: Movement) -> None:
    plain = console.no_color or console.color_system is None
    console.print(Text(visible(heading(m)), style="bold"))
    for note in errors_note(m):
        console.print(Text(visible(note), style="yellow"))
    if m.empty:
        console.print("No movement.")
        return
    colours = {r.id: r.colour for r in m.ratings}
    for om in m.organisations:
        console.print()
        console.print(Text(visible(org_heading(om)), style="bold"))
        for title, items in sections(om):
            if not items:
                continue
            console.print(Text(f"  {title}", style="underline"))
            for item in items:
                indented(console, _console_item(item, colours, plain), 4)


def indented(console: Console, text: Text, indent: int) -> None:
    """Print ``text`` wrapped to the console, every line indented, with no trailing spaces."""
    for line in text.wrap(console, max(20, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)


def _rating_text(rating: str, colours: dict[str, str | None], plain: bool) -> Text:
    colour = colours.get(rating)
    return Text(visible(rating_words(rating)), style=f"bold {colour}" if colour and not plain else "")


def _console_item(item: Any, colours: dict[str, str | None], plain: bool) -> Text:
    text = Text()
    if isinstance(item, RatingMove):
        text.append(MARK[item.direction], style="" if plain else STYLE[item.direction])
        text.append(visible(f" {rec_label(item.set, item.recommendation, item.title)}: "))
        text.append_text(_rating_text(item.old, colours, plain))
        text.append(" → ")
        text.append_text(_rating_text(item.new, colours, plain))
    elif isinstance(item, AssessmentItem):
        text.append(visible(f"{rec_label(item.set, item.recommendation, item.title)}: "))
        text.append_text(_rating_text(item.rating, colours, plain))
    elif isinstance(item, PositionChange):
        text.append(visible(f"{rec_label(item.set, item.recommendation, item.title)}: "), style="bold")
        text.append_text(word_text(item.words, plain))
    elif isinstance(item, ActionChange):
        text.append(visible(f"{item.id} {item.title}: {action_words(item)}"))
    elif isinstance(item, DueMove):
        style = "" if plain or item.days is None or item.days == 0 else ("red" if item.days > 0 else "green")
        text.append(visible(f"{item.id} {item.title}: "))
        text.append(visible(due_words(item)), style=style)
    elif isinstance(item, FieldEdit):
        text.append(visible(f"{edit_label(item)}: "))
        if item.old is not None and item.new is not None and item.field in WORDED:
            text.append(f"{item.field}: ")
            text.append_text(word_text(word_diff(item.old, item.new), plain))
        else:
            text.append(visible(edit_words(item)))
    else:
        text.append(visible(f"{item.action} {item.date.isoformat()}{f' ({item.by})' if item.by else ''}: {item.note}"))
    return text


def word_text(words: list[tuple[WordOp, str]], plain: bool) -> Text:
    text = Text()
    for i, (op, chunk) in enumerate(words):
        if i:
            text.append(" ")
        chunk = visible(chunk)
        if op == "same":
            text.append(chunk)
        elif plain:
            text.append(f"[-{chunk}-]" if op == "del" else f"{{+{chunk}+}}")
        else:
            text.append(chunk, style="red strike" if op == "del" else "green")
    return text
