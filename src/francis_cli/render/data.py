"""Status, overdue, movement and history as JSON and CSV: the same figures as the tables.

The keys are stable and documented (the reference's "Machine-readable output").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from ..problems import defused, visible

if TYPE_CHECKING:  # types only: printing a status table must not import the history of git
    from ..tracker.movement_items import Movement
    from ..views.catalogue import CatalogueView
    from ..views.history import History
    from ..views.overdue import LapsingEvidence, LateAction, LateDecision, Overdue, Stale
    from ..views.status import Row, ScopeSummary, StatusTable, StatusView
    from ..views.status_assurance import AssuranceSummary


def _json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _row(row: Row) -> dict[str, Any]:
    return {"key": row.key, "label": row.label, "counts": dict(row.values)}


def _scope(s: ScopeSummary | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "in_scope": s.in_scope,
        "assessed": s.assessed,
        "not_considered": s.not_considered,
        "decisions": dict(s.decisions),
        "undecided": s.undecided,
    }


def _scope_cells(s: ScopeSummary | None) -> dict[str, Any]:
    """The scope's figures as CSV columns (on a table's total row)."""
    if s is None:
        return {}
    cells = {"in-scope": s.in_scope, "in-scope-assessed": s.assessed if s.in_scope is not None else None}
    cells |= {"not-considered": s.not_considered if s.in_scope is not None else None, "undecided": s.undecided}
    cells |= {f"in-scope-decision-{d}": n for d, n in s.decisions.items()}  # decision-*: all assessed
    return {k: ("" if v is None else v) for k, v in cells.items()}


def _assurance(a: AssuranceSummary | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"assessed": a.assessed, "levels": a.levels, "signoffs": a.signoffs, "decisions": a.decisions}


def _cells(t: StatusTable) -> dict[str, Any]:
    """A table's scope, assurance and decisions as CSV columns (on its total row)."""
    cells = _scope_cells(t.scope)
    if (a := t.assurance) is not None:
        cells |= {"assessed": a.assessed} | {f"assurance-{k}": n for k, n in a.levels.items()}
        cells |= {f"signoffs-{k}": n for k, n in a.signoffs.items()} | {
            f"decision-{k}": n for k, n in a.decisions.items()
        }
    return cells


def status_json(status: StatusView) -> str:
    return _json(
        {
            "by": status.by,
            "set": status.set,
            "as_of": status.as_of.isoformat(),
            "tables": [
                {
                    "title": t.title,
                    "organisation": t.organisation,
                    "columns": [{"id": c.id, "label": c.label} for c in t.columns],
                    "rows": [_row(r) for r in t.rows],
                    "total": _row(t.total) if t.total else None,
                    "workplan": None
                    if t.workplan is None
                    else {
                        "actions": t.workplan.actions,
                        "by_status": dict(t.workplan.by_status),
                        "overdue": t.workplan.overdue,
                        "due_soon": t.workplan.due_soon,
                        "due_soon_days": t.workplan.due_soon_days,
                    },
                    "scope": _scope(t.scope),
                    "assurance": _assurance(t.assurance),
                    "notes": list(t.notes),
                }
                for t in status.tables
            ],
        }
        | ({} if status.sets is None else {"sets": [_set_row(r, status.sets) for r in status.sets.rows]})
    )


def _set_row(r: Row, table: StatusTable) -> dict[str, Any]:
    """A set's row of ``status``: its id, title, recommendations, assessed by rating, and actions."""
    v, plain = r.values, ("total", "assessed", "actions", "overdue")
    by_rating = {c.id: v[c.id] for c in table.columns if c.id not in plain}
    head = {"set": r.key, "title": r.label, "recommendations": v["total"], "assessed": v["assessed"]}
    return head | {"by_rating": by_rating, "actions": v["actions"], "overdue": v["overdue"]}


class _Writer:
    """A CSV writer whose text cells show terminal control characters written out (``\\x1b``), as
    every other view does: CSV goes to terminals and logs as often as to programs; and a cell a
    spreadsheet would run as a formula is quoted (``defused``), as the spreadsheet export does."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow([defused(visible(c)) if isinstance(c, str) else c for c in row])


def status_csv(status: StatusView) -> str:
    """One row per table row (totals included), one column per count, ids as headers."""
    out = io.StringIO()
    writer = _Writer(out)
    ids: list[str] = []
    tables = [*status.tables, *([status.sets] if status.sets is not None else [])]
    for t in tables:
        ids.extend(c.id for c in t.columns if c.id not in ids)
    extra = [k for k in dict.fromkeys(k for t in status.tables for k in _cells(t)) if k not in ids]
    writer.writerow(["as_of", "set", "by", "organisation", "key", "label", *ids, *extra])
    for t in tables:
        scope, of_sets = _cells(t), t is status.sets
        for r in [*t.rows, *([t.total] if t.total else [])]:
            cells = [scope.get(i, "") if r is t.total else "" for i in [*ids, *extra]]
            where = (r.key, "sets") if of_sets else (status.set, status.by)
            head = [status.as_of.isoformat(), *where, t.organisation or "", r.key, r.label]
            writer.writerow([*head, *(r.values.get(i, c) for i, c in zip([*ids, *extra], cells, strict=True))])
    return out.getvalue()


def _late(item: LateAction) -> dict[str, Any]:
    return {
        "organisation": item.organisation,
        "id": item.id,
        "title": item.title,
        "lead": [{"role": r, "title": t} for r, t in item.leads],
        "due": item.due,
        "due_end": item.due_end.isoformat(),
        "days": item.days,
        "status": item.status,
        "last_progress": item.last_progress.isoformat() if item.last_progress else None,
        "path": item.path,
        "line": item.line,
    }


def _stale(s: Stale) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "organisation": s.organisation,
        "ref": s.ref,
        "title": s.title,
        "last": s.last.isoformat(),
        "age_days": s.age,
        "count": s.count,
    }


def _late_decision(d: LateDecision) -> dict[str, Any]:
    return {
        "organisation": d.organisation,
        "name": d.name,
        "recommendations": list(d.numbers),
        "in_scope": d.in_scope,
        "due": d.due.isoformat(),
        "days": d.days,
    }


def _lapsing(e: LapsingEvidence) -> dict[str, object]:
    """An evidence record past (or coming up to) its review or expiry day, in the overdue list's JSON:
    ``lapses`` that day and ``lapsing`` which it is (``review`` or ``expires``); ``review_by``, the
    same day whichever it is, is kept for the scripts that read it before."""
    keys = ("organisation", "kind", "ref", "title", "location", "owner", "days", "path", "line")
    day = e.lapses.isoformat()
    return {**{k: getattr(e, k) for k in keys}, "lapses": day, "lapsing": e.lapsing, "review_by": day}


def overdue_json(result: Overdue) -> str:
    return _json(
        {
            "as_of": result.as_of.isoformat(),
            "within_days": result.within,
            "stale_days": result.stale_days,
            "overdue": [_late(i) for i in result.overdue],
            "due_soon": [_late(i) for i in result.due_soon],
            "needs_review": [_stale(s) for s in result.stale],
            "respond_by": result.respond_by.isoformat() if result.respond_by else None,
            "decisions_overdue": [_late_decision(d) for d in result.decisions],
            "evidence_stale": [_lapsing(e) for e in result.evidence],
            "evidence_due": [_lapsing(e) for e in result.evidence_soon],
        }
    )


def overdue_csv(result: Overdue) -> str:
    out = io.StringIO()
    writer = _Writer(out)
    writer.writerow(
        ["list", "organisation", "id", "title", "lead", "due", "due_end", "days", "status", "last_progress"]
    )
    for name, items in (("overdue", result.overdue), ("due-soon", result.due_soon)):
        for i in items:
            writer.writerow(
                [
                    name,
                    i.organisation,
                    i.id,
                    i.title,
                    "; ".join(r for r, _ in i.leads),
                    i.due,
                    i.due_end.isoformat(),
                    i.days,
                    i.status,
                    i.last_progress.isoformat() if i.last_progress else "",
                ]
            )
    return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def json_movement(m: Movement) -> str:
    doc = {"from": asdict(m.old), "to": asdict(m.new), "ratings": [asdict(r) for r in m.ratings], "organisations": []}
    for om in m.organisations:
        entry = asdict(om)
        entry["removed_counts"] = {"assessments": om.removed_counts[0], "actions": om.removed_counts[1]}
        for p in entry["positions"]:
            p["words"] = [{"op": op, "text": t} for op, t in p["words"]]
        for d, move in zip(entry["due"], om.due, strict=True):
            d["later"] = move.later
        doc["organisations"].append(entry)  # type: ignore[attr-defined]
    return json.dumps(_plain(doc), indent=2, ensure_ascii=False) + "\n"


def json_history(h: History) -> str:
    return json.dumps(_plain(asdict(h)), indent=2, ensure_ascii=False) + "\n"


def catalogue_json(view: CatalogueView) -> str:
    """What a catalogue lacks: each gap's numbers under its key (``text`` for not transcribed)."""
    missing = {gap.key: gap.numbers for gap in view.gaps}
    doc = {"set": view.set, "title": view.title, "file": view.file, "recommendations": view.total}
    return _json(doc | {"transcribed": view.transcribed, "missing": missing, "summary": view.summary})


if TYPE_CHECKING:
    from ..views.evidence import EvidenceList, EvidenceRow


def _evidence(r: EvidenceRow) -> dict[str, Any]:
    return {
        "organisation": r.organisation,
        "kind": r.kind,
        "item": r.item,
        "title": r.title,
        "location": r.location,
        "produced": r.produced.isoformat() if r.produced else None,
        "owner": r.owner,
        "owner_title": r.owner_title,
        "lapses": r.lapses.isoformat() if r.lapses else None,
        "state": r.state,
        "path": r.path,
        "line": r.line,
    }


def evidence_json(view: EvidenceList) -> str:
    """The evidence register: each record, its counts by state, the items with evidence only in words."""
    return _json(
        {
            "as_of": view.as_of.isoformat(),
            "within_days": view.within,
            "stale_only": view.stale_only,
            "evidence": [_evidence(r) for r in view.rows],
            "counts": dict(view.counts),
            "described_only": view.described,
            "summary": view.summary,
        }
    )


def evidence_csv(view: EvidenceList) -> str:
    """One row per record shown, the columns of the table with the owner's title, the file and line."""
    out = io.StringIO()
    writer = _Writer(out)
    keys = ["organisation", "kind", "item", "title", "location", "produced", "owner", "owner_title", "lapses"]
    writer.writerow([*keys, "state", "path", "line"])
    for r in view.rows:
        row = _evidence(r)
        writer.writerow([*("" if row[k] is None else row[k] for k in keys), r.state, r.path, r.line])
    return out.getvalue()
