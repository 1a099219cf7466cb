"""Markdown for pull-request comments, job summaries and papers: status and overdue tables, and
movement; every value escaped so that what a tracker holds is shown, never read as markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..problems import visible
from .phrases import due_soon_title, lapsed_evidence_title, lapsing_evidence_title

if TYPE_CHECKING:
    from ..tracker.movement_items import Movement, WordOp
    from ..views.overdue import LapsingEvidence, LateAction, Overdue
    from ..views.status import StatusTable, StatusView


def md_cell(value: object) -> str:
    """A Markdown table cell: pipes escaped, line breaks folded, markup characters neutralised, and
    terminal controls and bidi overrides written out as escapes (``\\x1b``), shown as text."""
    text = visible(" ".join(str(value).split()))
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _md_table(header: Sequence[str], rows: Sequence[Sequence[object]], right: Sequence[bool]) -> str:
    lines = [
        "| " + " | ".join(md_cell(h) for h in header) + " |",
        "|" + "|".join("---:" if r else "---" for r in right) + "|",
    ]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md_status_table(t: StatusTable, *, by_key: bool = False) -> str:
    """``by_key``: rows named by their id (a set's row; the note below gives its title)."""
    header = [t.row_header, *(c.label for c in t.columns)]
    rows = [[r.key if by_key else r.label, *(r.values[c.id] for c in t.columns)] for r in t.rows]
    if t.total:
        rows.append([t.total.label, *(t.total.values[c.id] for c in t.columns)])
    return _md_table(header, rows, [False] + [True] * len(t.columns))


def status_markdown(status: StatusView) -> str:
    parts = []
    for t in status.tables:
        parts.append(f"### {md_cell(t.title)} — {status.set}, as of {status.as_of.isoformat()}\n\n")
        parts.append(_md_status_table(t))
        parts += [f"\n{md_cell(note)}\n" for note in t.notes]
        if t.workplan is not None:
            wp = t.workplan
            counts = ", ".join(f"{n} {s.replace('-', ' ')}" for s, n in wp.by_status.items() if n) or "none"
            parts.append(
                f"\nWorkplan: {wp.actions} actions ({counts}); {wp.overdue} overdue, {wp.due_soon} due in "
                f"the next {wp.due_soon_days} days.\n"
            )
        parts.append("\n")
    if status.sets is not None:
        parts.append(f"### {md_cell(status.sets.title)}, as of {status.as_of.isoformat()}\n\n")
        parts.append(_md_status_table(status.sets, by_key=True))
        parts += [f"\n{md_cell(note)}\n" for note in status.sets.notes]
    return "".join(parts).rstrip("\n") + "\n"


def overdue_markdown(result: Overdue) -> str:
    parts = [f"### Overdue on {result.as_of.isoformat()}: {len(result.overdue)}\n\n"]
    header = ["Days late", "Action", "Lead", "Due", "Status", "Last note"]
    right = [True, False, False, False, False, False]

    def rows(items: Sequence[LateAction]) -> list[list[object]]:
        return [
            [
                abs(i.days),
                f"{i.organisation}:{i.id} {i.title}",
                "; ".join(f"{r} ({t})" if r != t else r for r, t in i.leads),
                i.due,
                i.status,
                i.last_progress or "none",
            ]
            for i in items
        ]

    parts.append(_md_table(header, rows(result.overdue), right) if result.overdue else "None.\n")
    if result.within is not None:
        parts.append(f"\n### {due_soon_title(result.within)}: {len(result.due_soon)}\n\n")
        parts.append(
            _md_table(["Days left", *header[1:]], rows(result.due_soon), right) if result.due_soon else "None.\n"
        )
    if result.evidence or result.evidence_soon:  # as in the terminal: only where a record has lapsed or soon will
        parts.append(_md_evidence(lapsed_evidence_title(result.as_of), result.evidence))
        if result.within is not None:
            parts.append(_md_evidence(lapsing_evidence_title(result.within), result.evidence_soon))
    parts.append(f"\n### Needs review (not updated for more than {result.stale_days} days): {len(result.stale)}\n\n")
    stale_rows = [
        [
            s.age,
            f"{s.organisation}: {s.title} in {s.ref}"
            if s.kind == "assessment"
            else f"{s.organisation}:{s.ref} {s.title}",
            s.last.isoformat(),
        ]
        for s in result.stale
    ]
    parts.append(
        _md_table(["Days", "What", "Last updated"], stale_rows, [True, False, False]) if result.stale else "None.\n"
    )
    return "".join(parts)


def _md_evidence(title: str, items: Sequence[LapsingEvidence]) -> str:
    from ..views.overdue import LAPSING_HEADER, lapsing_cell

    rows = [
        [
            abs(e.days),
            f"{e.organisation} {'recommendation' if e.kind == 'assessment' else 'action'} {e.ref}: "
            f"{e.title} ({e.location})",
            e.owner or "—",
            lapsing_cell(e),
        ]
        for e in items
    ]
    table = _md_table(["Days", "Evidence", "Owner", LAPSING_HEADER], rows, [True, False, False, False])
    return f"\n### {title}: {len(items)}\n\n" + (table if items else "None.\n")


def _md_words(words: list[tuple[WordOp, str]]) -> str:
    parts = []
    for op, chunk in words:
        cell = md_cell(chunk)
        parts.append(cell if op == "same" else f"~~{cell}~~" if op == "del" else f"**{cell}**")
    return " ".join(parts)


def markdown_movement(m: Movement, level: int = 2) -> str:
    """Markdown for a job summary or a board paper; ``level`` is the heading level of the title."""
    from .phrases import errors_note, heading, org_heading, sections

    h = "#" * level
    out = [f"{h} {md_cell(heading(m))}\n"]
    out += [f"\n{note}\n" for note in errors_note(m)]
    if m.empty:
        out.append("\nNo movement.\n")
    for om in m.organisations:
        out.append(f"\n{h}# {md_cell(org_heading(om))}\n")
        for title, items in sections(om):
            if items:
                out.append(f"\n**{title}**\n\n")
                out += [f"- {_md_item(item)}\n" for item in items]
    return "".join(out)


def _md_item(item: Any) -> str:
    from ..tracker.movement import word_diff
    from ..tracker.movement_items import ActionChange, AssessmentItem, DueMove, FieldEdit, PositionChange, RatingMove
    from .phrases import MARK, WORDED, action_words, due_words, edit_label, edit_words, rating_words, rec_label

    if isinstance(item, RatingMove):
        rec = md_cell(rec_label(item.set, item.recommendation, item.title))
        return f"{MARK[item.direction]} {rec}: {rating_words(item.old)} → **{rating_words(item.new)}**"
    if isinstance(item, AssessmentItem):
        return f"{md_cell(rec_label(item.set, item.recommendation, item.title))}: {rating_words(item.rating)}"
    if isinstance(item, PositionChange):
        return f"{md_cell(rec_label(item.set, item.recommendation, item.title))}: {_md_words(item.words)}"
    if isinstance(item, ActionChange):
        return f"{md_cell(item.id)} {md_cell(item.title)}: {md_cell(action_words(item))}"
    if isinstance(item, DueMove):
        return f"{md_cell(item.id)} {md_cell(item.title)}: {md_cell(due_words(item))}"
    if isinstance(item, FieldEdit):
        if item.old is not None and item.new is not None and item.field in WORDED:
            return f"{md_cell(edit_label(item))}: {item.field}: {_md_words(word_diff(item.old, item.new))}"
        return f"{md_cell(edit_label(item))}: {md_cell(edit_words(item))}"
    by = f" ({md_cell(item.by)})" if item.by else ""
    return f"{md_cell(item.action)} {item.date.isoformat()}{by}: {md_cell(item.note)}"
