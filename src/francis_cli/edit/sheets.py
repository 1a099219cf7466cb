"""Bringing a spreadsheet into the tracker: the rows ``sheets.rows`` read, as edits of the
organisation's assessment or workplan (entries already there updated in place), refused whole
when a row cannot be read unless the user asks to skip such rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EditRefused
from ..sheets import rows, table
from ..sheets.rows import Imported
from ..tracker.corpus import Corpus
from .actions import add_actions, edit_actions
from .assessments import edit_assessments
from .files import Docs, FileChange, finish, finish_all, read_doc


def import_sheet(
    root: Path,
    corpus: Corpus,
    kind: str,
    org: str,
    file: Path,
    *,
    sheet: str | None,
    mapping: dict[str, str],
    day: date,
    skip_invalid: bool,
    say: Callable[[str], None],
) -> tuple[list[FileChange], int]:
    """The changes a spreadsheet makes to ``org``'s assessment or workplan, and how many rows it
    had; ``say`` is told each note (columns not imported, rows skipped) as it is found."""
    sheet_rows = table.records(table.read_table(file, sheet), kind, mapping)
    if kind == "assessments":
        imported = rows.read_assessments(sheet_rows, org, corpus.ratings)
    else:
        imported = rows.read_actions(sheet_rows, org, day.isoformat(), day)
    for note in imported.notes:
        say(f"{file.name}: {note}")
    for line in refuse_invalid(imported, file.name, skip_invalid=skip_invalid):
        say(line)
    return plan_import(root, corpus, kind, org, imported), len(imported.items)


def refuse_invalid(imported: Imported, name: str, *, skip_invalid: bool) -> list[str]:
    """Refuse the import (nothing written) when a row cannot be read, unless ``skip_invalid``: then
    the lines saying which rows were skipped."""
    if imported.errors and not skip_invalid:
        raise EditRefused(
            "\n".join(
                [
                    f"{name}: {len(imported.errors)} row(s) cannot be imported; "
                    "nothing written (--skip-invalid imports the others)",
                    *(f"{name}: {e}" for e in imported.errors),
                ]
            )
        )
    return [f"{name}: skipped {error}" for error in imported.errors]


def plan_import(root: Path, corpus: Corpus, kind: str, org: str, imported: Imported) -> list[FileChange]:
    """The changes that bring the tracker in line with the spreadsheet (existing entries updated)."""
    if kind == "assessments":
        return edit_assessments(root, corpus, org, imported.items) if imported.items else []
    existing = {e.model.id: e for e in corpus.actions if e.organisation == org}
    printed: dict[str, str] = {}
    new: list[tuple[str | None, dict[str, Any]]] = []
    changes: list[Any] = []
    for item in imported.items:
        printed |= item.pop("_printed", {})
        section = item.pop("_section", None)
        if item.get("id") in existing:
            old = existing[item["id"]].model
            have = {(n.date.isoformat(), n.note) for n in old.progress}
            notes = [n for n in item.pop("progress", []) if (n["date"], n["note"]) not in have]
            fields = {k: v for k, v in item.items() if k not in ("id",)}
            fields |= {
                k: None for k in ("lead", "outcome", "due", "timeline", "completed", "recommendations") if k not in item
            }
            changes.append((item["id"], fields, notes))
        else:
            new.append((section, item))
    organisation = corpus.organisation(org)
    roles = organisation.roles if organisation is not None else {}
    missing = {r: p for r, p in printed.items() if r not in roles}
    docs: Docs = {}
    edit_actions(root, corpus, org, changes, docs)
    fresh = add_actions(root, corpus, org, new, section_titles=imported.sections, docs=docs) if new else []
    return (_add_roles(root, corpus, org, missing) if missing else []) + finish_all(docs) + fresh


def _add_roles(root: Path, corpus: Corpus, org: str, roles: dict[str, str]) -> list[FileChange]:
    entry = corpus.organisations[org][0]
    rel, path = entry.at.file.rel, entry.at.path
    raw, doc = read_doc(root, rel)
    if "roles" in doc.node(path).keys:
        for role, printed in sorted(roles.items()):
            doc.set((*path, "roles"), role, printed)
    else:
        doc.set(path, "roles", dict(sorted(roles.items())), ("id", "name", "roles"))
    return [finish(rel, raw, doc, "")]
