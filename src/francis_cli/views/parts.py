"""Recommendations with parts (``2i``, ``2ii`` of 2): which numbers a table counts, and each parent's parts.

Why the parts are counted and not their parent: a recommendation with parts is answered part by
part (the Government counted Kirkup's five East Kent recommendations as their parts), so a table
counts each part once and the parent not at all, and a parent's own row (``status``) or heading
(the paper) shows its parts' ratings beside it: both levels, and no item counted twice. A set
without parts (the Francis Report's) counts every recommendation, as it always did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models.numbers import RecNumber, counted, parent_of, parts_of

__all__ = ["counted", "parts_note", "parts_of", "span", "with_parents_themes"]


def with_parents_themes(recommendations: Iterable[tuple[RecNumber, str | None]]) -> list[tuple[RecNumber, str | None]]:
    """(number, theme) with a part that records no theme given its parent's: a part sits under its
    parent's heading unless its catalogue says otherwise."""
    recs = list(recommendations)
    if not any(isinstance(n, str) for n, _ in recs):
        return recs
    themes = dict(recs)
    return [(n, t if t is not None else themes.get(p) if (p := parent_of(n)) is not None else None) for n, t in recs]


def span(parts: Sequence[RecNumber]) -> str:
    """``2i–2ii``: a parent's parts, first to last (one part: itself)."""
    return f"{parts[0]}–{parts[-1]}" if len(parts) > 1 else str(parts[0])


def parts_note(parts: dict[RecNumber, list[RecNumber]]) -> str | None:
    """What a table's note says of recommendations counted by their parts (None when none has parts)."""
    if not parts:
        return None
    listed = [f"{n} ({span(p)})" for n, p in parts.items()]
    items = sum(len(p) for p in parts.values())
    if len(listed) == 1:
        return f"Recommendation {listed[0]} is counted by its {items} parts, each once."
    return f"Recommendations {', '.join(listed[:-1])} and {listed[-1]} are counted by their {items} parts, each once."
