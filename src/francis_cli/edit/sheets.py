"""Bringing a spreadsheet into the tracker: the rows ``sheets.rows`` read, judged against the
tracker (the organisation first, then each row's recommendations, leads and section), as edits of
the organisation's assessment or workplan (entries already there updated in place). Every problem
of every row is reported, and the import is refused whole when a row has one, unless the user
asks to skip such rows. Each due read from words is said, and new dues already past are warned of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EditRefused, UserError
from ..models.assessment import evidence_line
from ..models.common import Period
from ..models.vocab import CLOSED
from ..models.workplan import split_ref
from ..problems import Problem, hint
from ..sheets import rows, table
from ..sheets.limits import OverLimit, Progress, SheetLimits
from ..sheets.rows import Imported
from ..tracker.corpus import Corpus
from .actions import add_actions, edit_actions
from .assessments import edit_assessments, unknown_number
from .files import Docs, FileChange, check_org, finish, finish_all, read_doc


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What ``francis import`` was asked: the sheet, whose rows it holds, and how to take them."""

    kind: str
    org: str
    file: Path
    day: date
    sheet: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    skip_invalid: bool = False
    add_roles: bool = False
    section: str | None = None
    """The section of new actions whose row names none."""

    def __post_init__(self) -> None:
        given = [o for o, v in (("--section", self.section is not None), ("--add-roles", self.add_roles)) if v]
        if self.kind != "actions" and given:
            raise UserError(f"{' and '.join(given)}: only for `francis import actions`")


EXPORT_ONLY = {
    "evidence": "record evidence with `francis evidence add`, and change a record in its file",
    "signoffs": "approve with `francis signoff`",
    "due-changes": "`francis action update --due DUE --reason TEXT` records a change of due date",
}
"""The kinds ``francis export`` writes that ``francis import`` refuses, and what to use instead."""


def export_only(kind: str, file: Path) -> Problem | None:
    """The problem of importing ``kind`` when it is one that only goes out (about the whole file,
    0:0), or None for a kind import reads.

    Why these are not imported: a sign-off is an approval bound by its fingerprint to what was
    approved, which a row of a sheet must not be able to make; a due change is the record of a
    decision made, appended to and never rewritten; and an evidence record is added by `evidence
    add`, which checks its location and owner, while a row cannot say which record it replaces."""
    instead = EXPORT_ONLY.get(kind)
    if instead is None:
        return None
    message = f"{kind} is an export-only kind: francis import reads assessments or actions; {instead}"
    return Problem(str(file), 0, 0, "sheet-export-only", "error", message)


def import_sheet(
    root: Path,
    corpus: Corpus,
    request: ImportRequest,
    say: Callable[[str], None],
    progress: Progress | None = None,
) -> tuple[list[FileChange], int]:
    """The changes a spreadsheet makes to the organisation's assessment or workplan, and how many rows
    it brings; ``say`` is told each note (columns not imported, rows skipped, dues read, roles added),
    ``progress`` follows the reading of a large sheet."""
    check_org(corpus, request.org)
    if request.kind == "actions" and request.section is not None:
        _check_section(corpus, request.org, request.section)
    sheet_rows = table.records(read_bounded(request, sheet_limits(corpus), progress), request.kind, request.mapping)
    new_roles: dict[str, str] = {}
    if request.kind == "assessments":
        known = corpus.sets.get(corpus.config.default_set, [])
        imported = rows.read_assessments(sheet_rows, request.org, corpus.ratings, known[0].numbers if known else ())
        _judge_assessments(corpus, imported)
    else:
        imported = rows.read_actions(sheet_rows, request.org, request.day.isoformat(), request.day)
        new_roles = _judge_actions(corpus, request, imported)
    name = request.file.name
    for note in imported.notes:
        say(f"{name}: {note}")
    for line in refuse_invalid(imported, name, skip_invalid=request.skip_invalid):
        say(line)
    items = imported.valid()
    kept = {item["_row"] for item in items}
    new_roles = {r: p for r, p in new_roles.items() if any(r in item.get("_printed", {}) for item in items)}
    for row, reading in imported.readings:
        if row in kept:
            say(f"{name}: row {row}: {reading}")
    for line in _past_dues(corpus, request, items) + _listed(corpus, request.org, new_roles, name):
        say(line)
    return plan_import(root, corpus, request.kind, request.org, imported, items, new_roles), len(items)


def sheet_limits(corpus: Corpus) -> SheetLimits:
    """The spreadsheet limits of the tracker's francis.yaml (its defaults where it has none, or bad ones)."""
    given = corpus.config.limits
    return SheetLimits(given.max_sheet_bytes, given.max_sheet_rows, given.max_sheet_cells, given.max_cell_chars)


def read_bounded(request: ImportRequest, limits: SheetLimits, progress: Progress | None) -> list[tuple[int, list[str]]]:
    """The sheet's rows; a sheet over a limit refuses the import with one problem line, at the row
    (and column) where the limit was passed, or 0:0 for the file as a whole."""
    try:
        return table.read_table(request.file, request.sheet, limits, progress)
    except OverLimit as over:
        problem = Problem(str(request.file), over.row, over.col, over.code, "error", over.message)
        raise EditRefused(f"{request.file.name}: over a limit; nothing imported", [problem]) from None


def refuse_invalid(imported: Imported, name: str, *, skip_invalid: bool) -> list[str]:
    """Refuse the import (nothing written) when a row has a problem, unless ``skip_invalid``: then
    the lines saying which rows were skipped, and why."""
    errors = sorted(imported.errors, key=lambda e: e[0])
    lines = [f"{name}: row {row}: {message}" for row, message in errors]
    if errors and not skip_invalid:
        raise EditRefused(
            "\n".join(
                [
                    f"{name}: {len(imported.bad_rows())} row(s) cannot be imported; "
                    "nothing written (--skip-invalid imports the others)",
                    *lines,
                ]
            )
        )
    return [f"{name}: skipped {line.removeprefix(name + ': ')}" for line in lines]


def _check_section(corpus: Corpus, org: str, section: str) -> None:
    ids = [s.id for s in _plans(corpus, org) for s in s.sections]
    if section not in ids:
        raise UserError(
            f"--section {section!r}: {org!r}'s workplan has no such section "
            f"(sections: {', '.join(ids) or 'none yet'}){hint(section, ids)}"
        )


def _plans(corpus: Corpus, org: str) -> list[Any]:
    return [f.model for f in corpus.files_of("workplan") if f.model.organisation == org]


def _judge_assessments(corpus: Corpus, imported: Imported) -> None:
    """Each row's recommendation is one its set has."""
    for item in imported.items:
        unknown = "recommendation" in item and unknown_number(corpus, corpus.config.default_set, item["recommendation"])
        if unknown:
            imported.errors.append((item["_row"], unknown))


def _judge_actions(corpus: Corpus, request: ImportRequest, imported: Imported) -> dict[str, str]:
    """Each row's leads are roles (or, asked, new roles: returned), its recommendations exist, and
    a new action has a section exactly when the workplan holds sections."""
    existing = {e.model.id for e in corpus.actions if e.organisation == request.org}
    plans = _plans(corpus, request.org)
    flat = any(p.actions for p in plans)
    planned = {s.id for p in plans for s in p.sections}
    new = [item for item in imported.items if item.get("id") not in existing]
    if request.section is not None:
        for item in new:
            item.setdefault("_section", request.section)
    sections = [s.id for p in plans for s in p.sections]
    sections += [s for s in dict.fromkeys(i["_section"] for i in new if "_section" in i) if s not in sections]
    for item in new:
        section = item.get("_section")
        if flat and section is not None and section not in planned:
            imported.errors.append((item["_row"], _FLAT.format(section=section)))
        elif sections and section is None:
            imported.errors.append((item["_row"], _NEEDS_SECTION.format(sections=", ".join(sections))))
    new_roles: dict[str, str] = {}
    for item in imported.items:
        errors = _lead_problems(corpus, request, item, new_roles)
        errors += _reference_problems(corpus, item)
        imported.errors += [(item["_row"], e) for e in errors]
    return new_roles


_FLAT = (
    "section {section!r} cannot be added: the workplan lists its actions outside sections (a workplan holds "
    "sections or actions outside them, not both); leave the Section empty"
)
_NEEDS_SECTION = (
    "a new action needs a section, as the workplan has sections ({sections}): fill in a Section column, "
    "or give --section"
)


def _lead_problems(
    corpus: Corpus, request: ImportRequest, item: dict[str, Any], new_roles: dict[str, str]
) -> list[str]:
    """A lead not a role of the organisation: a near miss of one is an error with a hint; another is
    a new role with ``--add-roles`` (or when the organisation has no roles yet), else an error."""
    organisation = corpus.organisation(request.org)
    roles = list(organisation.roles) if organisation is not None else []
    errors: list[str] = []
    for role, printed in item.get("_printed", {}).items():
        if role in roles or not rows.ROLE_ID.fullmatch(role):
            continue
        same = [r for r in roles if r.lower() == role.lower()]
        close = f" (did you mean {same[0]!r}?)" if same else hint(role, roles)
        if close:
            by_hand = "; a new role this close to one is added by hand, in data/organisations.yaml"
            errors.append(
                f"lead {printed!r} is not a role of {request.org!r}{close}{by_hand if request.add_roles else ''}"
            )
        elif roles and not request.add_roles:
            known = ", ".join(roles)
            errors.append(
                f"lead {printed!r} is not a role of {request.org!r} (its roles: {known}); --add-roles adds it"
            )
        else:
            new_roles.setdefault(role, printed)
    return errors


def _reference_problems(corpus: Corpus, item: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    for ref in item.get("recommendations", []):
        set_id, number = split_ref(ref)
        unknown = unknown_number(corpus, set_id or corpus.config.default_set, number)
        if unknown:
            errors.append(unknown)
    return errors


def _past_dues(corpus: Corpus, request: ImportRequest, items: list[dict[str, Any]]) -> list[str]:
    """One warning naming the rows whose new or changed due is already past on the import's day."""
    if request.kind != "actions":
        return []
    old = {e.model.id: e.model.due for e in corpus.actions if e.organisation == request.org}
    late = [
        item["_row"]
        for item in items
        if item.get("due")
        and item.get("status") not in CLOSED
        and (item.get("id") not in old or str(old[item["id"]]) != item["due"])
        and Period.parse(item["due"]).end < request.day
    ]
    if not late:
        return []
    which = f"row {late[0]} is" if len(late) == 1 else f"rows {', '.join(map(str, late))} are"
    those = "that action is" if len(late) == 1 else "those actions are"
    dates = "the due date" if len(late) == 1 else "the due dates"
    return [
        f"{request.file.name}: warning: {dates} of {which} already past on {request.day.isoformat()}: "
        f"{those} overdue at once"
    ]


def _listed(corpus: Corpus, org: str, new_roles: dict[str, str], name: str) -> list[str]:
    """A line per role the import adds, with a hint where two new roles are alike (a typo?)."""
    if not new_roles:
        return []
    rel = corpus.organisations[org][0].at.file.rel
    return [
        f"{name}: new role {role!r} of {org!r} ({rel}){hint(role, [r for r in new_roles if r != role])}"
        for role in new_roles
    ]


def plan_import(
    root: Path,
    corpus: Corpus,
    kind: str,
    org: str,
    imported: Imported,
    items: list[dict[str, Any]],
    new_roles: dict[str, str],
) -> list[FileChange]:
    """The changes that bring the tracker in line with the rows (existing entries updated)."""
    items = [{k: v for k, v in item.items() if k not in ("_row", "_printed")} for item in items]
    if kind == "assessments":
        return edit_assessments(root, corpus, org, [_keep_records(corpus, org, i) for i in items]) if items else []
    existing = {e.model.id: e for e in corpus.actions if e.organisation == org}
    new: list[tuple[str | None, dict[str, Any]]] = []
    changes: list[Any] = []
    for item in items:
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
    docs: Docs = {}
    edit_actions(root, corpus, org, changes, docs)
    fresh = add_actions(root, corpus, org, new, section_titles=imported.sections, docs=docs) if new else []
    return (_add_roles(root, corpus, org, new_roles) if new_roles else []) + finish_all(docs) + fresh


def _keep_records(corpus: Corpus, org: str, item: dict[str, Any]) -> dict[str, Any]:
    """An evidence line that reads as one of the assessment's records (``title (location)``, as
    export writes it) stays that record, with its dates and owner; any other line is text.

    Why: a spreadsheet cell holds a line per item of evidence, not a record's fields, so without
    this an export edited and imported again would turn every record into its line."""
    if "evidence" not in item:
        return item
    entry = next(
        (
            e
            for e in corpus.assessments
            if e.organisation == org
            and e.set == corpus.config.default_set
            and e.model.recommendation == item.get("recommendation")
        ),
        None,
    )
    records = [x for x in entry.model.evidence if not isinstance(x, str)] if entry is not None else []
    kept: list[Any] = []
    for line in item["evidence"]:
        same = next((r for r in records if evidence_line(r) == line), None)
        if same is not None:
            records.remove(same)
        kept.append(same.model_dump(mode="json", exclude_defaults=True) if same is not None else line)
    return {**item, "evidence": kept}


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
