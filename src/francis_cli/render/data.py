"""Status and overdue results as JSON, CSV and GitHub-flavoured Markdown: the same figures as the table.

The keys are stable and documented in README.md ("Machine-readable output").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ..queries import LateAction, Overdue, Row, Stale, Status, Table


def _json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _row(row: Row) -> dict[str, Any]:
    return {"key": row.key, "label": row.label, "counts": dict(row.values)}


def status_json(status: Status) -> str:
    return _json({
        "by": status.by,
        "set": status.set,
        "as_of": status.as_of.isoformat(),
        "tables": [{
            "title": t.title,
            "organisation": t.organisation,
            "columns": [{"id": c.id, "label": c.label} for c in t.columns],
            "rows": [_row(r) for r in t.rows],
            "total": _row(t.total) if t.total else None,
            "workplan": None if t.workplan is None else {
                "actions": t.workplan.actions, "by_status": dict(t.workplan.by_status),
                "overdue": t.workplan.overdue, "due_soon": t.workplan.due_soon,
                "due_soon_days": t.workplan.due_soon_days,
            },
        } for t in status.tables],
    })  # fmt: skip


def status_csv(status: Status) -> str:
    """One row per table row (totals included), one column per count, ids as headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    ids: list[str] = []
    for t in status.tables:
        ids.extend(c.id for c in t.columns if c.id not in ids)
    writer.writerow(["as_of", "set", "by", "organisation", "key", "label", *ids])
    for t in status.tables:
        for r in [*t.rows, *([t.total] if t.total else [])]:
            writer.writerow([status.as_of.isoformat(), status.set, status.by, t.organisation or "", r.key, r.label,
                             *(r.values.get(i, "") for i in ids)])  # fmt: skip
    return out.getvalue()


def md_cell(value: object) -> str:
    """A Markdown table cell: pipes escaped, line breaks folded, markup characters neutralised."""
    text = " ".join(str(value).split())
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _md_table(header: Sequence[str], rows: Sequence[Sequence[object]], right: Sequence[bool]) -> str:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join("---:" if r else "---" for r in right) + "|"]  # fmt: skip
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md_status_table(t: Table) -> str:
    header = [t.row_header, *(c.label for c in t.columns)]
    rows = [[r.label, *(r.values[c.id] for c in t.columns)] for r in t.rows]
    if t.total:
        rows.append([t.total.label, *(t.total.values[c.id] for c in t.columns)])
    return _md_table(header, rows, [False] + [True] * len(t.columns))


def status_markdown(status: Status) -> str:
    parts = []
    for t in status.tables:
        parts.append(f"### {md_cell(t.title)} — {status.set}, as of {status.as_of.isoformat()}\n\n")
        parts.append(_md_status_table(t))
        if t.workplan is not None:
            wp = t.workplan
            counts = ", ".join(f"{n} {s.replace('-', ' ')}" for s, n in wp.by_status.items() if n) or "none"
            parts.append(f"\nWorkplan: {wp.actions} actions ({counts}); {wp.overdue} overdue, {wp.due_soon} due in "
                         f"the next {wp.due_soon_days} days.\n")  # fmt: skip
        parts.append("\n")
    return "".join(parts).rstrip("\n") + "\n"


def _late(item: LateAction) -> dict[str, Any]:
    return {
        "organisation": item.organisation, "id": item.id, "title": item.title,
        "lead": [{"role": r, "title": t} for r, t in item.leads], "due": item.due,
        "due_end": item.due_end.isoformat(), "days": item.days, "status": item.status,
        "last_progress": item.last_progress.isoformat() if item.last_progress else None,
        "path": item.path, "line": item.line,
    }  # fmt: skip


def _stale(s: Stale) -> dict[str, Any]:
    return {"kind": s.kind, "organisation": s.organisation, "ref": s.ref, "title": s.title,
            "last": s.last.isoformat(), "age_days": s.age, "count": s.count}  # fmt: skip


def overdue_json(result: Overdue) -> str:
    return _json({
        "as_of": result.as_of.isoformat(), "within_days": result.within, "stale_days": result.stale_days,
        "overdue": [_late(i) for i in result.overdue], "due_soon": [_late(i) for i in result.due_soon],
        "needs_review": [_stale(s) for s in result.stale],
    })  # fmt: skip


def overdue_csv(result: Overdue) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["list", "organisation", "id", "title", "lead", "due", "due_end", "days", "status",
                     "last_progress"])  # fmt: skip
    for name, items in (("overdue", result.overdue), ("due-soon", result.due_soon)):
        for i in items:
            writer.writerow([name, i.organisation, i.id, i.title, "; ".join(r for r, _ in i.leads), i.due,
                             i.due_end.isoformat(), i.days, i.status,
                             i.last_progress.isoformat() if i.last_progress else ""])  # fmt: skip
    return out.getvalue()


def overdue_markdown(result: Overdue) -> str:
    parts = [f"### Overdue on {result.as_of.isoformat()}: {len(result.overdue)}\n\n"]
    header = ["Days late", "Action", "Lead", "Due", "Status", "Last note"]
    right = [True, False, False, False, False, False]

    def rows(items: Sequence[LateAction]) -> list[list[object]]:
        return [[abs(i.days), f"{i.organisation}:{i.id} {i.title}", "; ".join(f"{r} ({t})" if r != t else r
                 for r, t in i.leads), i.due, i.status, i.last_progress or "none"] for i in items]  # fmt: skip

    parts.append(_md_table(header, rows(result.overdue), right) if result.overdue else "None.\n")
    if result.within is not None:
        parts.append(f"\n### Due in the next {result.within} days: {len(result.due_soon)}\n\n")
        parts.append(_md_table(["Days left", *header[1:]], rows(result.due_soon), right)
                     if result.due_soon else "None.\n")  # fmt: skip
    parts.append(f"\n### Needs review (not updated for more than {result.stale_days} days): {len(result.stale)}\n\n")
    stale_rows = [[s.age, f"{s.organisation}: {s.title} in {s.ref}" if s.kind == "assessment"
                   else f"{s.organisation}:{s.ref} {s.title}", s.last.isoformat()] for s in result.stale]  # fmt: skip
    parts.append(_md_table(["Days", "What", "Last updated"], stale_rows, [True, False, False])
                 if result.stale else "None.\n")  # fmt: skip
    return "".join(parts)
