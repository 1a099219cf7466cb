"""Movement between two states of a tracker: terminal (rich), Markdown and JSON.

In the terminal a rating that got better is a green ▲, worse a red ▼; a changed position is
shown word by word, deletions in red and additions in green. Piped or with ``--no-color``
the same lines are plain, with ``[-deleted-]{+added+}`` as ``git diff --word-diff`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Any

from rich.console import Console
from rich.text import Text

from ..gitrev import SHALLOW_HINT
from ..history import Change, History, ItemHistory
from ..movement import (
    ActionChange,
    AssessmentItem,
    DueMove,
    Movement,
    OrgMovement,
    PositionChange,
    RatingMove,
    WordOp,
    word_diff,
)
from .tabular import md_cell

MARK = {"up": "▲", "down": "▼", "changed": "◆"}
STYLE = {"up": "bold green", "down": "bold red", "changed": "bold yellow"}
ACTION_WORDS = {"added": "added", "removed": "removed", "completed": "done", "dropped": "dropped",
                "reopened": "reopened", "status": "status"}  # fmt: skip


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _rec(set_id: str, number: int, title: str | None) -> str:
    return f"{number} {title}" if title else str(number)


def _rating_name(rating: str) -> str:
    return rating.replace("-", " ")


def _due_words(d: DueMove) -> str:
    if d.old is None:
        return f"due date set: {d.new}"
    if d.new is None:
        return f"due date removed (was {d.old})"
    if d.days == 0:
        return f"{d.old} → {d.new} (same end date)"
    assert d.days is not None
    return f"{d.old} → {d.new} ({abs(d.days)} days {'later' if d.days > 0 else 'earlier'})"


def _action_words(a: ActionChange) -> str:
    if a.kind == "added":
        return f"new action ({a.new_status})"
    if a.kind == "removed":
        return "removed from the workplan"
    if a.kind == "completed":
        return f"done{f' on {a.completed.isoformat()}' if a.completed else ''} (was {a.old_status})"
    return f"{a.old_status} → {a.new_status}"


def _lines(om: OrgMovement) -> Iterator[tuple[str, list[Any]]]:
    """(section title, items) in the order every format shows them."""
    yield "Ratings", list(om.ratings)
    yield "Newly assessed", list(om.assessed)
    yield "No longer assessed", list(om.unassessed)
    yield "Positions", list(om.positions)
    yield "Actions", list(om.actions)
    yield "Due dates", list(om.due)
    yield "Progress notes", list(om.notes)


def _heading(m: Movement) -> str:
    return f"Movement from {m.old.title} to {m.new.title}"


def _org_heading(om: OrgMovement) -> str:
    text = f"{om.name} ({om.organisation})"
    if om.change == "added":
        text += " — new organisation"
    if om.change == "removed":
        assessments, actions = om.removed_counts
        text += f" — removed, with {_plural(assessments, 'assessment')} and {_plural(actions, 'action')}"
    return text


def _errors_note(m: Movement) -> list[str]:
    notes = []
    for side in (m.old, m.new):
        if side.errors:
            notes.append(f"Note: {side.title} has {side.errors} error{'s' if side.errors != 1 else ''} "
                         "(what did not load is left out).")  # fmt: skip
    return notes


def console_movement(console: Console, m: Movement) -> None:
    plain = console.no_color or console.color_system is None
    console.print(Text(_heading(m), style="bold"))
    for note in _errors_note(m):
        console.print(Text(note, style="yellow"))
    if m.empty:
        console.print("No movement.")
        return
    colours = {r.id: r.colour for r in m.ratings}
    for om in m.organisations:
        console.print()
        console.print(Text(_org_heading(om), style="bold"))
        for title, items in _lines(om):
            if not items:
                continue
            console.print(Text(f"  {title}", style="underline"))
            for item in items:
                _indented(console, _console_item(item, colours, plain), 4)


def _indented(console: Console, text: Text, indent: int) -> None:
    """Print ``text`` wrapped to the console, every line indented, with no trailing spaces."""
    for line in text.wrap(console, max(20, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)


def _rating_text(rating: str, colours: dict[str, str | None], plain: bool) -> Text:
    colour = colours.get(rating)
    return Text(_rating_name(rating), style=f"bold {colour}" if colour and not plain else "")


def _console_item(item: Any, colours: dict[str, str | None], plain: bool) -> Text:
    text = Text()
    if isinstance(item, RatingMove):
        text.append(MARK[item.direction], style="" if plain else STYLE[item.direction])
        text.append(f" {_rec(item.set, item.recommendation, item.title)}: ")
        text.append_text(_rating_text(item.old, colours, plain))
        text.append(" → ")
        text.append_text(_rating_text(item.new, colours, plain))
    elif isinstance(item, AssessmentItem):
        text.append(f"{_rec(item.set, item.recommendation, item.title)}: ")
        text.append_text(_rating_text(item.rating, colours, plain))
    elif isinstance(item, PositionChange):
        text.append(f"{_rec(item.set, item.recommendation, item.title)}: ", style="bold")
        text.append_text(word_text(item.words, plain))
    elif isinstance(item, ActionChange):
        text.append(f"{item.id} {item.title}: {_action_words(item)}")
    elif isinstance(item, DueMove):
        style = "" if plain or item.days is None or item.days == 0 else ("red" if item.days > 0 else "green")
        text.append(f"{item.id} {item.title}: ")
        text.append(_due_words(item), style=style)
    else:
        text.append(f"{item.action} {item.date.isoformat()}{f' ({item.by})' if item.by else ''}: {item.note}")
    return text


def word_text(words: list[tuple[WordOp, str]], plain: bool) -> Text:
    text = Text()
    for i, (op, chunk) in enumerate(words):
        if i:
            text.append(" ")
        if op == "same":
            text.append(chunk)
        elif plain:
            text.append(f"[-{chunk}-]" if op == "del" else f"{{+{chunk}+}}")
        else:
            text.append(chunk, style="red strike" if op == "del" else "green")
    return text


def _md_words(words: list[tuple[WordOp, str]]) -> str:
    parts = []
    for op, chunk in words:
        cell = md_cell(chunk)
        parts.append(cell if op == "same" else f"~~{cell}~~" if op == "del" else f"**{cell}**")
    return " ".join(parts)


def markdown_movement(m: Movement, level: int = 2) -> str:
    """Markdown for a job summary or a board paper; ``level`` is the heading level of the title."""
    h = "#" * level
    out = [f"{h} {md_cell(_heading(m))}\n"]
    out += [f"\n{note}\n" for note in _errors_note(m)]
    if m.empty:
        out.append("\nNo movement.\n")
    for om in m.organisations:
        out.append(f"\n{h}# {md_cell(_org_heading(om))}\n")
        for title, items in _lines(om):
            if items:
                out.append(f"\n**{title}**\n\n")
                out += [f"- {_md_item(item)}\n" for item in items]
    return "".join(out)


def _md_item(item: Any) -> str:
    if isinstance(item, RatingMove):
        rec = md_cell(_rec(item.set, item.recommendation, item.title))
        return f"{MARK[item.direction]} {rec}: {_rating_name(item.old)} → **{_rating_name(item.new)}**"
    if isinstance(item, AssessmentItem):
        return f"{md_cell(_rec(item.set, item.recommendation, item.title))}: {_rating_name(item.rating)}"
    if isinstance(item, PositionChange):
        return f"{md_cell(_rec(item.set, item.recommendation, item.title))}: {_md_words(item.words)}"
    if isinstance(item, ActionChange):
        return f"{md_cell(item.id)} {md_cell(item.title)}: {md_cell(_action_words(item))}"
    if isinstance(item, DueMove):
        return f"{md_cell(item.id)} {md_cell(item.title)}: {md_cell(_due_words(item))}"
    by = f" ({md_cell(item.by)})" if item.by else ""
    return f"{md_cell(item.action)} {item.date.isoformat()}{by}: {md_cell(item.note)}"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def json_movement(m: Movement) -> str:
    doc = {"from": asdict(m.old), "to": asdict(m.new), "ratings": [asdict(r) for r in m.ratings],
           "organisations": []}  # fmt: skip
    for om in m.organisations:
        entry = asdict(om)
        entry["removed_counts"] = {"assessments": om.removed_counts[0], "actions": om.removed_counts[1]}
        for p in entry["positions"]:
            p["words"] = [{"op": op, "text": t} for op, t in p["words"]]
        for d, move in zip(entry["due"], om.due, strict=True):
            d["later"] = move.later
        doc["organisations"].append(entry)  # type: ignore[attr-defined]
    return json.dumps(_plain(doc), indent=2, ensure_ascii=False) + "\n"


def _change_text(ch: Change, plain: bool) -> Text:
    text = Text(f"{ch.field}: ")
    if ch.field == "note":
        return text.append(ch.new or "")
    if ch.old is None:
        return text.append(ch.new or "")
    if ch.new is None:
        return text.append(f"removed (was {ch.old})")
    if ch.field in ("position", "outcome", "reason", "evidence"):
        return text.append_text(word_text(word_diff(ch.old, ch.new), plain))
    text.append(f"{ch.old} → {ch.new}")
    if ch.direction:
        text.append(f" {MARK[ch.direction]}", style="" if plain else STYLE[ch.direction])
    if ch.days:
        text.append(f" ({abs(ch.days)} days {'later' if ch.days > 0 else 'earlier'})",
                    style="" if plain else ("red" if ch.days > 0 else "green"))  # fmt: skip
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
        console.print(Text(_item_heading(item), style="bold"))
        for rev in item.revisions:
            head = Text("  ")
            if rev.commit is None:
                head.append("(uncommitted)  work tree", style="bold")
            else:
                head.append(f"{rev.date}  {rev.commit}  {rev.author}", style="bold")
                head.append(f"  {rev.subject}", style="dim")
            if rev.kind != "changed":
                head.append(f"  [{rev.kind}]")
            console.print(head)
            for ch in rev.changes:
                _indented(console, _change_text(ch, plain), 6)
        slip = _slip_line(item)
        if slip:
            console.print(Text(f"  {slip}", style="bold"))
    if h.shallow:
        console.print(Text(f"Note: {SHALLOW_HINT} to see changes before the oldest commit here.", style="yellow"))


def json_history(h: History) -> str:
    return json.dumps(_plain(asdict(h)), indent=2, ensure_ascii=False) + "\n"
