"""The only writer of data files: the edits commands make, validated, then written safely.

Each edit is a text splice at parser positions (``splice``), so ``git diff`` shows only the
lines that must change. The whole tracker is validated in memory with the edited files, and
only then is a file written: atomically, under a lock file, and only if its bytes on disk are
still the ones that were read.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .corpus import ActionEntry, Corpus
from .errors import ExitCode, FrancisError, Problem, UserError
from .source import Discovery, FileTooLarge, WorkTree, classify, sort_files
from .splice import BOM, Change, DataPath, Docs, Node, TextDoc, finish, finish_all, new_file, read_doc, value_at
from .yamlstyle import QUOTED_KEYS, WIDTH, render_item, render_mapping, render_scalar, render_value

__all__ = [
    "ACTION_KEYS", "ASSESSMENT_KEYS", "BOM", "QUOTED_KEYS", "SKELETON", "STALE_LOCK_SECONDS", "WIDTH", "Change",
    "DataPath", "Docs", "EditRefused", "Node", "Overlay", "TextDoc", "add_actions", "commit", "create",
    "edit_action", "edit_actions", "edit_assessments", "find_action", "finish", "finish_all", "lock", "new_file",
    "next_id", "plan", "read_doc", "render_item", "render_mapping", "render_scalar", "render_value", "run",
    "today", "validate",
]  # fmt: skip

STALE_LOCK_SECONDS = 300


class EditRefused(FrancisError):
    """The edit would add errors to the tracker, or could not be made safely: nothing was written."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        lines = [message, *(p.format() for p in problems)]
        super().__init__("\n".join(lines))
        self.problems = list(problems)


@dataclass(slots=True)
class Overlay:
    """The work tree with some files replaced (or added) in memory: what the tracker would be."""

    base: WorkTree
    changes: dict[str, bytes]

    def discover(self) -> Discovery:
        found = self.base.discover()
        known = {rel for rel, _ in found.files}
        for rel in self.changes:
            kind = classify(rel)
            if rel not in known and kind is not None:
                found.files.append((rel, kind))
        sort_files(found.files)
        return found

    def read(self, rel: str, max_bytes: int) -> bytes:
        if rel in self.changes:
            data = self.changes[rel]
            if len(data) > max_bytes:
                raise FileTooLarge(len(data))
            return data
        return self.base.read(rel, max_bytes)


def _error_key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, "".join(c for c in p.message if not c.isdigit()))


def validate(root: Path, changes: Sequence[Change]) -> list[Problem]:
    """The errors the changes would add to the tracker (compared with it as it is on disk)."""
    from collections import Counter

    from .checks import run_checks
    from .corpus import load_tracker

    before = Counter(_error_key(p) for p in run_checks(load_tracker(root)) if p.severity == "error")
    after = [p for p in run_checks(load_tracker(root, Overlay(WorkTree(root), {c.rel: c.new for c in changes})))
             if p.severity == "error"]  # fmt: skip
    added: list[Problem] = []
    for p in after:
        key = _error_key(p)
        if before[key]:
            before[key] -= 1
        else:
            added.append(p)
    return added


def plan(root: Path, changes: Sequence[Change]) -> list[Change]:
    """Validate ``changes`` in memory; raise EditRefused listing the errors they would add."""
    real = [c for c in changes if c.old != c.new]
    added = validate(root, real)
    if added:
        n = len(added)
        raise EditRefused(f"edit refused: it would add {n} error{'s' if n != 1 else ''} to the tracker; "
                          "nothing written", added)  # fmt: skip
    return real


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``path``: one francis edits a file at a time.

    A lock left by a process that died (same host, pid gone) or older than a few minutes is
    broken; any other is a conflict, reported, never waited on.
    """
    lock_path = path.with_name(f".{path.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        try:
            fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if attempt == 0 and _stale(lock_path):
                lock_path.unlink(missing_ok=True)
                continue
            raise EditRefused(f"{path.name} is being edited by another francis process (lock file {lock_path.name}); "
                              "try again, or delete the lock file if no edit is running") from None  # fmt: skip
        except OSError as err:
            raise UserError(f"cannot create the lock file {lock_path}: {err.strerror or err}; "
                            "nothing written") from None
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()} {socket.gethostname()}\n")
        except OSError as err:  # a full disk: an empty lock left behind would block every later edit
            lock_path.unlink(missing_ok=True)
            raise UserError(f"cannot write the lock file {lock_path}: {err.strerror or err}; nothing written") from None
        break
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)


def _stale(lock_path: Path) -> bool:
    try:
        if time.time() - lock_path.stat().st_mtime > STALE_LOCK_SECONDS:
            return True
        pid, host = lock_path.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError, OSError):
        return False
    return False


def commit(root: Path, changes: Sequence[Change]) -> list[Change]:
    """Write validated changes: each atomically, under its lock, only if unchanged on disk since read."""
    with ExitStack() as stack:
        for change in changes:
            stack.enter_context(lock(root / change.rel))
        for change in changes:
            path = root / change.rel
            try:
                current: bytes | None = path.read_bytes()
            except FileNotFoundError:
                current = None
            if current != change.old:
                what = "was created" if change.old is None else "changed on disk since it was read"
                raise EditRefused(f"{change.rel} {what}; nothing written (run the command again)")
        for change in changes:
            write_atomic(root / change.rel, change.new)
    return list(changes)


# --- the edits commands make -------------------------------------------------------------------

ASSESSMENT_KEYS = ("recommendation", "rating", "position", "evidence", "actions", "applicable", "reason")
ACTION_KEYS = ("id", "title", "lead", "outcome", "due", "timeline", "status", "completed", "recommendations",
               "progress")  # fmt: skip
SKELETON = r"^[ \t]*# ?- recommendation: {n}\b.*\n(?:[ \t]*#   .*\n)*"
"""A commented entry of the skeleton ``francis init`` writes; an assessment of that number replaces it."""


def _check_org(corpus: Corpus, org: str) -> None:
    if corpus.organisation(org) is None:
        known = ", ".join(sorted(corpus.organisations)) or "none yet"
        raise UserError(f"no organisation {org!r} in data/organisations.yaml (organisations: {known})")


def _free_rel(root: Path, folder: str, org: str, taken: set[str]) -> str:
    rel, n = f"data/{folder}/{org}.yaml", 2
    while rel in taken or (root / rel).exists():
        rel, n = f"data/{folder}/{org}-{n}.yaml", n + 1
    return rel


def edit_assessments(root: Path, corpus: Corpus, org: str, updates: Sequence[dict[str, Any]],
                     *, set_id: str | None = None) -> list[Change]:  # fmt: skip
    """Create or update assessments of ``org``; each update holds ``recommendation`` and the keys to set.

    An existing assessment is edited where it stands; a new one goes into the organisation's
    assessment file in number order (replacing its commented skeleton entry), or a new file.
    """
    import re

    _check_org(corpus, org)
    set_id = set_id or corpus.config.default_set
    where = {e.model.recommendation: (e.at.file.rel, e.at.path) for e in corpus.assessments
             if e.organisation == org and e.set == set_id}  # fmt: skip
    files = sorted(f.rel for f in corpus.files_of("assessments")
                   if f.model.organisation == org and (f.model.set or corpus.config.default_set) == set_id)  # fmt: skip
    docs: dict[str, tuple[bytes | None, TextDoc | None, list[dict[str, Any]]]] = {}
    home = files[0] if files else _free_rel(root, "assessments", org, set())
    for update in updates:
        number = update["recommendation"]
        rel = where[number][0] if number in where else home
        if rel not in docs:
            docs[rel] = (*read_doc(root, rel), []) if (root / rel).exists() else (None, None, [])
        raw, doc, new = docs[rel]
        if number in where:
            path = where[number][1]
            for key, value in update.items():
                if key != "recommendation":
                    assert doc is not None
                    doc.set(path, key, value, ASSESSMENT_KEYS)
        else:
            new.append(update)
            where[number] = (rel, ())
    changes: list[Change] = []
    for rel, (raw, doc, new) in docs.items():
        new.sort(key=lambda u: u["recommendation"])
        if doc is None:
            data = {"organisation": org, "set": set_id if set_id != corpus.config.default_set else None,
                    "assessments": new}  # fmt: skip
            changes.append(new_file(rel, {k: v for k, v in data.items() if v is not None}))
            continue
        items = doc.data.get("assessments")
        numbers = [a.get("recommendation") for a in items] if isinstance(items, list) else []
        for update in new:
            number = update["recommendation"]
            before = next((i for i, n in enumerate(numbers) if isinstance(n, int) and n > number), None)
            skeleton = re.search(SKELETON.format(n=number), doc.text.replace("\r\n", "\n"), re.M)
            span = None
            if skeleton is not None and doc.nl == "\n":
                span = skeleton.span()
            doc.add_items(("assessments",), [update], before=before, order=("organisation", "set", "assessed"),
                          replace=span)  # fmt: skip
        assert raw is not None
        changes.append(finish(rel, raw, doc, ""))
    return changes


def find_action(corpus: Corpus, org: str, action_id: str) -> ActionEntry:
    _check_org(corpus, org)
    found = [e for e in corpus.actions if e.organisation == org and e.model.id == action_id]
    if not found:
        ids = ", ".join(e.model.id for e in corpus.actions if e.organisation == org) or "none yet"
        raise UserError(f"{org!r} has no action {action_id!r} (its actions: {ids})")
    if len(found) > 1:
        raise UserError(f"{org!r} has action {action_id!r} twice; fix that first (`francis check`)")
    return found[0]


def edit_actions(root: Path, corpus: Corpus, org: str,
                 updates: Sequence[tuple[str, dict[str, Any], Sequence[dict[str, Any]]]],
                 docs: Docs | None = None) -> list[Change]:  # fmt: skip
    """Set (or, with None, remove) keys of actions, and append progress notes: (id, keys, notes) each.

    With ``docs``, the edits join those files' other edits and the caller finishes them.
    """
    mine = docs is None
    docs = {} if docs is None else docs
    for action_id, fields, notes in updates:
        entry = find_action(corpus, org, action_id)
        rel = entry.at.file.rel
        if rel not in docs:
            docs[rel] = read_doc(root, rel)
        doc = docs[rel][1]
        for key, value in fields.items():
            doc.set(entry.at.path, key, value, ACTION_KEYS)
        doc.add_items((*entry.at.path, "progress"), list(notes), order=ACTION_KEYS)
    return finish_all(docs) if mine else []


def edit_action(root: Path, corpus: Corpus, org: str, action_id: str, fields: dict[str, Any],
                notes: Sequence[dict[str, Any]] = ()) -> Change:  # fmt: skip
    changes = edit_actions(root, corpus, org, [(action_id, fields, notes)])
    if changes:
        return changes[0]
    entry = find_action(corpus, org, action_id)
    raw = (root / entry.at.file.rel).read_bytes()
    return Change(entry.at.file.rel, raw, raw)


def next_id(taken: set[str], section: str | None, siblings: Sequence[str]) -> str:
    """The id after the section's last one ("3.7" → "3.8"), or the section's first ("3" → "3.1")."""
    import re

    match = re.match(r"^(.*?)(\d+)$", siblings[-1]) if siblings else None
    prefix, n = (match.group(1), int(match.group(2)) + 1) if match else (f"{section}." if section else "", 1)
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def add_actions(root: Path, corpus: Corpus, org: str, new: Sequence[tuple[str | None, dict[str, Any]]],
                *, section_titles: dict[str, str] | None = None, docs: Docs | None = None) -> list[Change]:  # fmt: skip
    """Add actions to ``org``'s workplan: each (section id or None, action); an action without an
    ``id`` gets the next free one of its section. A section not yet in the workplan is created
    when ``section_titles`` names it; without a workplan, one is created."""
    _check_org(corpus, org)
    titles = section_titles or {}
    taken = {e.model.id for e in corpus.actions if e.organisation == org}
    plans = sorted(f.rel for f in corpus.files_of("workplan") if f.model.organisation == org)
    mine = docs is None
    docs = {} if docs is None else docs
    for rel in plans:
        if rel not in docs:
            docs[rel] = read_doc(root, rel)
    fresh: dict[str, Any] | None = None if plans else {"organisation": org}
    home = plans[0] if plans else _free_rel(root, "workplan", org, set())
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for section, action in new:
        groups.setdefault(section, []).append(dict(action))
    for section, actions in groups.items():
        found = _find_section(docs, fresh, home, section)
        siblings = found[2] if found else []
        for i, action in enumerate(actions):
            if not action.get("id"):
                actions[i] = action = {"id": next_id(taken, section, siblings), **action}
            if action["id"] in taken:
                raise UserError(f"{org!r} already has an action {action['id']!r}")
            taken.add(action["id"])
            siblings.append(action["id"])
        if found is None:
            if section not in titles:
                names = ", ".join(_section_ids(docs, fresh)) or "none yet"
                raise UserError(f"no section {section!r} in {org!r}'s workplan (sections: {names})")
            block = {"id": section, "title": titles[section], "actions": actions}
            if fresh is not None:
                fresh.setdefault("sections", []).append(block)
            else:
                docs[home][1].add_items(("sections",), [block], order=("organisation", "title", "agreed", "set"))
        elif fresh is not None:
            (value_at(fresh, found[1])["actions"] if found[1] else fresh.setdefault("actions", [])).extend(actions)
        else:
            docs[found[0]][1].add_items((*found[1], "actions"), actions,
                                        order=("organisation", "title", "agreed", "set", "sections"))  # fmt: skip
    if fresh is not None:
        return [new_file(home, fresh)]
    return finish_all(docs) if mine else []


def _section_ids(docs: dict[str, tuple[bytes, TextDoc]], fresh: dict[str, Any] | None) -> list[str]:
    datas = [fresh] if fresh is not None else [doc.data for _, doc in docs.values()]
    return [str(s.get("id")) for data in datas for s in data.get("sections") or []]


def _find_section(docs: dict[str, tuple[bytes, TextDoc]], fresh: dict[str, Any] | None, home: str,
                  section: str | None) -> tuple[str, DataPath, list[str]] | None:  # fmt: skip
    """The file and path of ``section`` (None: the actions outside any section), with its action ids."""
    datas = [(home, fresh)] if fresh is not None else [(rel, doc.data) for rel, (_, doc) in docs.items()]
    for rel, data in datas:
        for i, sec in enumerate(data.get("sections") or []):
            if section is not None and str(sec.get("id")) == section:
                return rel, ("sections", i), [str(a.get("id")) for a in sec.get("actions") or []]
    if section is None:
        if _section_ids(docs, fresh):
            names = ", ".join(_section_ids(docs, fresh))
            raise UserError(f"the workplan has sections ({names}): say which with --section")
        rel, data = datas[0]
        return rel, (), [str(a.get("id")) for a in data.get("actions") or []]
    return None


def run(root: Path, changes: Sequence[Change], *, dry_run: bool = False) -> str:
    """Validate and write ``changes`` (or, with ``dry_run``, only show them): the text to print."""
    real = plan(root, changes)
    if not real:
        return "nothing to change\n"
    if dry_run:
        return "".join(c.diff() for c in real)
    commit(root, real)
    return "".join(f"{'created' if c.old is None else 'updated'} {c.rel}\n" for c in real)


def today(value: str | None) -> str:
    """``--date``: the given day, else FRANCIS_AS_OF, else today; always YYYY-MM-DD."""
    from datetime import date

    given = value or os.environ.get("FRANCIS_AS_OF") or None
    if given is None:
        return date.today().isoformat()
    try:
        return date.fromisoformat(given.strip()).isoformat()
    except ValueError:
        raise UserError(f"--date: {given!r} is not a date written YYYY-MM-DD") from None


def create(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write new files (``francis init``): refused, with nothing written, if any already exists."""
    clash = [rel for rel in files if (root / rel).exists()]
    if clash:
        raise UserError(f"{', '.join(clash)} already exist{'s' if len(clash) == 1 else ''}: nothing written")
    return [c.rel for c in commit(root, [Change(rel, None, data) for rel, data in files.items()])]
