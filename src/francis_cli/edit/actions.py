"""Editing workplans: keys of actions set or removed, progress notes appended, new actions added
with the next free id of their section, and the rules of an action's status, due date and
timeline. Option values are checked here before any data file is read: a mistyped status or lead
is a usage error, not a problem line pointing into a file that was never written."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EditRefused, UserError
from ..models.common import Period
from ..models.vocab import CLOSED, STATUSES, long_date
from ..problems import hint
from ..sheets import rows, timescale
from ..tracker.corpus import ActionEntry, Corpus
from ..yamlio.splice import TextDoc, value_at
from ..yamlio.values import DataPath
from .files import Docs, FileChange, check_org, finish_all, free_rel, new_file, read_doc

ACTION_KEYS = (
    "id",
    "title",
    "lead",
    "outcome",
    "due",
    "timeline",
    "due_changes",
    "status",
    "completed",
    "recommendations",
    "progress",
)


def find_action(corpus: Corpus, org: str, action_id: str) -> ActionEntry:
    check_org(corpus, org)
    found = [e for e in corpus.actions if e.organisation == org and e.model.id == action_id]
    if not found:
        ids = ", ".join(e.model.id for e in corpus.actions if e.organisation == org) or "none yet"
        raise UserError(f"{org!r} has no action {action_id!r} (its actions: {ids})")
    if len(found) > 1:
        raise UserError(f"{org!r} has action {action_id!r} twice; fix that first (`francis check`)")
    return found[0]


def edit_actions(
    root: Path,
    corpus: Corpus,
    org: str,
    updates: Sequence[tuple[str, dict[str, Any], Sequence[dict[str, Any]]]],
    docs: Docs | None = None,
) -> list[FileChange]:
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
            if key == "due_changes":  # a record: appended to, never rewritten
                doc.add_items((*entry.at.path, key), list(value), order=ACTION_KEYS)
            else:
                doc.set(entry.at.path, key, value, ACTION_KEYS)
        doc.add_items((*entry.at.path, "progress"), list(notes), order=ACTION_KEYS)
    return finish_all(docs) if mine else []


def edit_action(
    root: Path, corpus: Corpus, org: str, action_id: str, fields: dict[str, Any], notes: Sequence[dict[str, Any]] = ()
) -> FileChange:
    changes = edit_actions(root, corpus, org, [(action_id, fields, notes)])
    if changes:
        return changes[0]
    entry = find_action(corpus, org, action_id)
    raw = (root / entry.at.file.rel).read_bytes()
    return FileChange(entry.at.file.rel, raw, raw)


def next_id(taken: set[str], section: str | None, siblings: Sequence[str]) -> str:
    """The id after the section's last one ("3.7" → "3.8"), or the section's first ("3" → "3.1")."""
    match = re.match(r"^(.*?)(\d+)$", siblings[-1]) if siblings else None
    prefix, n = (match.group(1), int(match.group(2)) + 1) if match else (f"{section}." if section else "", 1)
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def add_actions(
    root: Path,
    corpus: Corpus,
    org: str,
    new: Sequence[tuple[str | None, dict[str, Any]]],
    *,
    section_titles: dict[str, str] | None = None,
    docs: Docs | None = None,
) -> list[FileChange]:
    """Add actions to ``org``'s workplan: each (section id or None, action); an action without an
    ``id`` gets the next free one of its section. A section not yet in the workplan is created
    when ``section_titles`` names it; without a workplan, one is created."""
    check_org(corpus, org)
    titles = section_titles or {}
    taken = {e.model.id for e in corpus.actions if e.organisation == org}
    plans = sorted(f.rel for f in corpus.files_of("workplan") if f.model.organisation == org)
    mine = docs is None
    docs = {} if docs is None else docs
    for rel in plans:
        if rel not in docs:
            docs[rel] = read_doc(root, rel)
    fresh: dict[str, Any] | None = None if plans else {"organisation": org}
    home = plans[0] if plans else free_rel(root, "workplan", org, set())
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
            _add_section(docs, fresh, home, {"id": section, "title": titles[section], "actions": actions})
        elif fresh is not None:
            (value_at(fresh, found[1])["actions"] if found[1] else fresh.setdefault("actions", [])).extend(actions)
        else:
            if not found[1]:
                _drop_empty(docs[found[0]][1], "sections")
            docs[found[0]][1].add_items(
                (*found[1], "actions"), actions, order=("organisation", "title", "agreed", "set", "sections")
            )
    if fresh is not None:
        return [new_file(home, fresh)]
    return finish_all(docs) if mine else []


def _add_section(docs: Docs, fresh: dict[str, Any] | None, home: str, block: dict[str, Any]) -> None:
    """A new section into the workplan ``home``: refused where it lists actions outside sections."""
    data = fresh if fresh is not None else docs[home][1].data
    if data.get("actions"):
        raise EditRefused(
            f"{home} lists its actions outside sections, so section {block['id']!r} cannot be added to it "
            "(a workplan holds sections or actions outside them, not both); nothing written"
        )
    if fresh is not None:
        fresh.setdefault("sections", []).append(block)
    else:
        _drop_empty(docs[home][1], "actions")
        docs[home][1].add_items(("sections",), [block], order=("organisation", "title", "agreed", "set"))


def _drop_empty(doc: TextDoc, key: str) -> None:
    """Remove an empty ``sections: []`` or ``actions: []``: a workplan holds one list or the other."""
    if doc.data.get(key) == [] and key in doc.node(()).keys:
        doc.set((), key, None)


def _section_ids(docs: dict[str, tuple[bytes, TextDoc]], fresh: dict[str, Any] | None) -> list[str]:
    datas = [fresh] if fresh is not None else [doc.data for _, doc in docs.values()]
    return [str(s.get("id")) for data in datas for s in data.get("sections") or []]


def _find_section(
    docs: dict[str, tuple[bytes, TextDoc]], fresh: dict[str, Any] | None, home: str, section: str | None
) -> tuple[str, DataPath, list[str]] | None:
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


Say = Callable[[str], None]
"""Where a command's notes to the user go (stderr): each due read from words, each warning."""


def due_fields(due: str | None, timeline: str | None, day: date, say: Say) -> dict[str, Any]:
    """``due`` and ``timeline`` from ``--due`` and ``--timeline``. A new due replaces the timeline:
    with its words ("Sept 13", kept verbatim), or with nothing for a date (2014-03); ``--timeline``
    sets the words itself ('' removes them). How words were read is said, for the user to check."""
    fields: dict[str, Any] = {}
    if due is not None:
        fields = {"due": None, "timeline": None}
        try:
            fields["due"] = Period.parse(due.strip()).text
        except ValueError:
            found = _due_words(due, day)
            fields = {"due": found.due, "timeline": found.text}
            if found.due is not None:
                say(timescale.reading(found))
    if timeline is not None:
        fields["timeline"] = timeline.strip() or None
    return fields


def _due_words(words: str, day: date) -> timescale.Timescale:
    if timescale.vague(words, day):
        iso, said = timescale.example(day)
        raise UserError(
            f"--due {words!r} does not say when it is due: write the date, e.g. --due {iso} or --due {said!r}"
        )
    found = timescale.parse(words, day)
    if found.due is None and found.text.lower() not in timescale.UNKNOWN:
        raise UserError(
            f"--due: cannot read a date in {words!r}; write 2014-03-31, 2014-03, 2014-Q1 or 2014, "
            "or words such as 'Sept 13' or 'Q3 2013/14'"
        )
    return found


def past_warning(due: str | None, day: date) -> str | None:
    """The warning for a new due already past on ``day``: the action would be overdue at once."""
    end = Period.parse(due).end if due else None
    if end is None or end >= day:
        return None
    return f"warning: due {due} is already past (it ended on {long_date(end)}): the action is overdue at once"


def status_option(value: str | None) -> str | None:
    """``--status`` in any case, spaces for hyphens (``Done``, ``In progress``); a UserError naming them."""
    if value is None:
        return None
    word = re.sub(r"[\s_]+", "-", value.strip().lower())
    if word not in STATUSES:
        raise UserError(f"--status {value!r} is not one of {', '.join(STATUSES)}{hint(word, STATUSES)}")
    return word


def lead_option(values: Sequence[str]) -> list[str]:
    """``--lead`` values, each of the form of a role id (whether it is one is the edit's check)."""
    for value in values:
        if not rows.ROLE_ID.fullmatch(value):
            raise UserError(
                f"--lead {value!r} cannot be a role id: write the role as data/organisations.yaml names it (e.g. DoQ)"
            )
    return list(values)


def recommendation_option(values: Sequence[str]) -> list[int | str]:
    """``--recommendation`` values: ``132`` or ``francis-2013:132``."""
    refs: list[int | str] = []
    for value in values:
        try:
            refs.append(rows.rec_ref(value.strip()))
        except ValueError as err:
            raise UserError(f"--recommendation {err}") from None
    return refs


def new_action(
    *,
    action_id: str | None,
    title: str,
    lead: Sequence[str],
    outcome: str | None,
    due: str | None,
    timeline: str | None = None,
    recommendations: Sequence[str],
    day: date,
    say: Say = lambda line: None,
) -> dict[str, Any]:
    """A new action as ``francis action add`` writes it: not started, with only the keys given."""
    if action_id is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}", action_id):
        raise UserError(f"--id {action_id!r} cannot be an action id: letters, digits, '.', '_' or '-', e.g. 3.8")
    action: dict[str, Any] = {"id": action_id, "title": title}
    leads = lead_option(lead)
    if leads:
        action["lead"] = leads[0] if len(leads) == 1 else leads
    action["outcome"] = outcome
    action.update(due_fields(due, timeline, day, say))
    action["status"] = "not-started"
    refs = recommendation_option(recommendations)
    if refs:
        action["recommendations"] = refs
    warning = past_warning(action.get("due"), day)
    if warning:
        say(warning)
    return {k: v for k, v in action.items() if v is not None}


def update_fields(
    *,
    status: str | None,
    due: str | None,
    lead: Sequence[str],
    title: str | None,
    outcome: str | None,
    day: date,
    timeline: str | None = None,
    say: Say = lambda line: None,
) -> dict[str, Any]:
    """The keys ``francis action update`` sets (None removes one); a UserError when nothing is given."""
    fields: dict[str, Any] = {}
    if title is not None:
        fields["title"] = title
    leads = lead_option(lead)
    if leads:
        fields["lead"] = leads[0] if len(leads) == 1 else leads
    if outcome is not None:
        fields["outcome"] = outcome
    fields.update(due_fields(due, timeline, day, say))
    if status is not None:
        fields["status"] = status_option(status)
    if not fields:
        raise UserError("nothing to change: give --status, --due, --timeline, --lead, --title or --outcome")
    return fields


def update_action(
    root: Path,
    corpus: Corpus,
    org: str,
    action_id: str,
    fields: dict[str, Any],
    day: date,
    say: Say = lambda line: None,
    reason: str | None = None,
) -> FileChange:
    """Set ``fields`` of an action. A status change decides the completion date: an action that
    becomes done is completed on ``day``; one that is not done has no completion date. A new due
    already past is warned of, unless the action is (or becomes) done or dropped. A due that
    replaces another is recorded in ``due_changes`` with ``reason`` (without one, warned of)."""
    fields = dict(fields)
    if reason is not None and "due" not in fields:
        raise UserError("--reason says why the due date changes: give --due too")
    status = fields.get("status")
    if status is not None or "due" in fields:
        current = find_action(corpus, org, action_id).model
        fields.update(due_change(current.due, fields, day, reason, say))
        if status == "done" and current.status != "done":
            fields["completed"] = day.isoformat()
        elif status is not None and status != "done":
            fields["completed"] = None
        warning = past_warning(fields.get("due"), day) if (status or current.status) not in CLOSED else None
        if warning:
            say(warning)
    return edit_action(root, corpus, org, action_id, fields)


def due_change(was: Period | None, fields: dict[str, Any], day: date, reason: str | None, say: Say) -> dict[str, Any]:
    """The ``due_changes`` entry for a due replacing ``was`` (none for a first due, or the same end)."""
    if "due" not in fields or was is None or (fields["due"] and Period.parse(fields["due"]).end == was.end):
        return {}
    if reason is None or not reason.strip():
        say(f"warning: due moved from {was} with no --reason: `francis check --changed-since` will report it")
        return {}
    return {"due_changes": [{"date": day.isoformat(), "was": str(was), "reason": " ".join(reason.split())}]}


def done_fields(day: date, note: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What ``francis action done`` sets, and its closing note if one is given."""
    notes = [{"date": day.isoformat(), "note": note.strip()}] if note else []
    return {"status": "done", "completed": day.isoformat()}, notes


def progress_note(text: str, by: str | None, day: date) -> dict[str, Any]:
    """A progress note as ``francis action note`` appends it."""
    note = {"date": day.isoformat(), "note": text.strip(), "by": by}
    return {k: v for k, v in note.items() if v is not None}
