"""The register's open data: the whole tracker as tables of stable, documented columns.

The same tables are written as CSV, as JSON and as a SQLite database (``render.site_data``), so an
analyst gets one shape whichever tool they use. Columns are only ever added at the end; a
column's meaning never changes (the manual's "Publish a site" lists them). Rows are in a fixed
order (the set's, then each organisation's files), so two builds of one revision are identical.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..checks.evidence import approved
from ..models.assessment import Evidence, evidence_line, fingerprint
from ..models.vocab import NOT_APPLICABLE
from ..models.workplan import due_moves, is_overdue
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from .history import ItemHistory
from .site import Site

Value = str | int | None


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    """``text`` or ``integer``: the SQLite column's type."""
    description: str


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    columns: list[Column]
    key: list[str]
    """The columns that identify a row (the SQLite primary key)."""
    rows: list[tuple[Value, ...]]


def _cols(*specs: tuple[str, str, str]) -> list[Column]:
    return [Column(*s) for s in specs]


RECOMMENDATIONS = _cols(
    ("set", "text", "The recommendation set's id, e.g. francis-2013."),
    ("number", "integer", "The recommendation's number in the set."),
    ("theme", "text", "The theme's id; empty when the set gives none."),
    ("theme_title", "text", "The theme's title."),
    ("title", "text", "The recommendation's short title."),
    ("text", "text", "The recommendation's text, verbatim; empty where not yet transcribed."),
    ("source", "text", "Where the text was taken from."),
    (
        "government_response",
        "text",
        "accepted, accepted-in-principle, accepted-in-part or not-accepted; empty if none.",
    ),
)
ASSESSMENTS = _cols(
    ("organisation", "text", "The organisation's id."),
    ("set", "text", "The recommendation set's id."),
    ("recommendation", "integer", "The recommendation's number."),
    ("rating", "text", "The rating's id (e.g. red, amber, green, blue), or not-applicable."),
    ("position", "text", "The organisation's position, verbatim."),
    ("evidence", "text", "The evidence cited, one item per line."),
    ("actions", "text", "The ids of the workplan actions named, separated by ', '."),
    ("reason", "text", "Why the recommendation does not apply, when it does not; else why the decision is what it is."),
    ("assessed", "text", "The date of the gap assessment (YYYY-MM-DD), if recorded."),
    ("decision", "text", "The organisation's decision: accepted, accepted-in-part, not-accepted or not-applicable."),
    ("decided", "text", "The date of the decision (YYYY-MM-DD)."),
    ("decided_by", "text", "Who decided: the board, a committee."),
    ("assurance", "text", "The assurance its evidence gives: substantial, reasonable, limited or no-assurance."),
)
ACTIONS = _cols(
    ("organisation", "text", "The organisation's id."),
    ("id", "text", "The action's id in its workplan, e.g. 3.2."),
    ("section", "text", "The workplan section's id."),
    ("title", "text", "What is to be done."),
    ("lead", "text", "The lead roles, separated by ', '."),
    ("outcome", "text", "The desired outcome."),
    ("due", "text", "When it is due: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY (due at the end of the period)."),
    ("due_end", "text", "The last day of the due period (YYYY-MM-DD)."),
    ("status", "text", "not-started, in-progress, done, blocked or dropped."),
    ("completed", "text", "The date it was completed (YYYY-MM-DD)."),
    ("overdue", "integer", "1 when open and its due period ended before the data's date, else 0."),
    ("recommendations", "text", "The numbers of the recommendations it answers, separated by ', '."),
)
PROGRESS = _cols(
    ("organisation", "text", "The organisation's id."),
    ("action", "text", "The action's id."),
    ("seq", "integer", "The note's place among the action's notes, from 1."),
    ("date", "text", "The note's date (YYYY-MM-DD)."),
    ("by", "text", "Who wrote it, if recorded."),
    ("note", "text", "The progress note, verbatim."),
)
CHANGES = _cols(
    ("organisation", "text", "The organisation's id."),
    ("item", "text", "SET:NUMBER of an assessment, or the action's id."),
    ("seq", "integer", "The change's place in the item's history, from 1."),
    ("commit", "text", "The git commit's short id."),
    ("date", "text", "The commit's date (YYYY-MM-DD)."),
    ("kind", "text", "added, changed or removed."),
    ("field", "text", "The field that changed (rating, status, due, note ...)."),
    ("old", "text", "Its value before."),
    ("new", "text", "Its value after."),
)


_NUMBER = next(c.type for c in ASSESSMENTS if c.name == "recommendation")
"""The type of a recommendation's number, the same in every table that joins to the assessments."""
_OWNER = (
    ("organisation", "text", "The organisation's id."),
    ("item", "text", "SET:NUMBER of the assessment, or the action's id, as in changes."),
    ("seq", "integer", "Its place among the item's, from 1."),
    ("set", "text", "The recommendation set's id, for an assessment's (joins assessments); else empty."),
    ("recommendation", _NUMBER, "The recommendation's number, for an assessment's (joins assessments); else empty."),
    ("action", "text", "The action's id, for an action's (joins actions: organisation, id); else empty."),
)
EVIDENCE = _cols(
    *_OWNER,
    ("title", "text", "What the evidence is."),
    ("location", "text", "Where it is: a URL, or a path in the tracker's repository."),
    ("produced", "text", "The day it was produced (YYYY-MM-DD)."),
    ("owner", "text", "The role that owns it."),
    ("review", "text", "The day by which it must be reviewed (YYYY-MM-DD)."),
    ("expires", "text", "The day after which it no longer holds (YYYY-MM-DD)."),
    ("lapses", "text", "The earlier of review and expires (YYYY-MM-DD): stale from the day after."),
    ("stale", "integer", "1 when it lapsed before the data's date, else 0 (current)."),
)
SIGNOFFS = _cols(
    *_OWNER,
    ("by", "text", "The role that approved."),
    ("date", "text", "The day it was approved (YYYY-MM-DD)."),
    ("fingerprint", "text", "sha256 of the content approved, as francis signoff wrote it."),
    ("current", "integer", "1 when the content is still what it approved (the fingerprint matches), else 0."),
)
DUE_CHANGES = _cols(
    ("organisation", "text", "The organisation's id."),
    ("action", "text", "The action's id (joins actions: organisation, id)."),
    ("seq", "integer", "The change's place among the action's changes of due date, from 1 (oldest first)."),
    ("date", "text", "The day the due date was changed (YYYY-MM-DD)."),
    ("was", "text", "The due date before the change, as written."),
    ("was_end", "text", "The last day of that due period (YYYY-MM-DD)."),
    ("due", "text", "The due date it was changed to, as written; empty when the action has none now."),
    ("due_end", "text", "The last day of that due period (YYYY-MM-DD)."),
    ("reason", "text", "Why it was changed, verbatim."),
    ("by", "text", "Who changed it, if recorded."),
)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def tables(corpus: Corpus, view: Site, histories: dict[str, list[ItemHistory]]) -> list[Table]:
    """The eight tables of the organisations the site shows."""
    entry = corpus.set()
    assert entry is not None
    rs, orgs = entry.model, {o.id for o in view.organisations}
    themes = {t.id: t.title for t in rs.themes}
    recs: list[tuple[Value, ...]] = [
        (rs.set, r.number, r.theme, themes.get(r.theme or ""), r.title, r.text, r.source, r.government_response)
        for r in rs.recommendations
    ]
    assessed: list[tuple[Value, ...]] = [
        (
            a.organisation,
            a.set,
            a.model.recommendation,
            a.model.rating if a.model.applicable else NOT_APPLICABLE,  # None: decided, not yet assessed
            a.model.position,
            "\n".join(map(evidence_line, a.model.evidence)) or None,
            ", ".join(a.model.actions) or None,
            a.model.reason,
            _text(a.file_model.assessed) if a.model.rated else None,
            a.model.decision,
            _text(a.model.decided),
            a.model.decided_by,
            a.model.assurance,
        )
        for a in corpus.assessments
        if a.organisation in orgs and a.set == rs.set
    ]
    actions, notes = _actions(corpus, orgs, view)
    return [
        Table("recommendations", f"The recommendations of {rs.title}.", RECOMMENDATIONS, ["set", "number"], recs),
        Table(
            "assessments",
            "Each organisation's gap assessment.",
            ASSESSMENTS,
            ["organisation", "set", "recommendation"],
            _unique(assessed, 3),
        ),
        Table("actions", "The workplan actions.", ACTIONS, ["organisation", "id"], _unique(actions, 2)),
        Table(
            "progress", "The actions' progress notes.", PROGRESS, ["organisation", "action", "seq"], _unique(notes, 3)
        ),
        Table(
            "changes",
            "What changed, commit by commit, from git.",
            CHANGES,
            ["organisation", "item", "seq"],
            _changes(histories),
        ),
        *_record_tables(corpus, orgs, rs.set, view),
    ]


def _record_tables(corpus: Corpus, orgs: set[str], set_id: str, view: Site) -> list[Table]:
    """Evidence records, sign-offs and due changes, a row each, keyed to the assessment or action
    they belong to (the first of an item given twice, as the assessments and actions tables)."""
    evidence: list[tuple[Value, ...]] = []
    signoffs: list[tuple[Value, ...]] = []
    moves: list[tuple[Value, ...]] = []
    for entry, owner in _owners(corpus, orgs, set_id):
        records = [x for x in entry.model.evidence if isinstance(x, Evidence)]
        evidence += [(*owner(i), *_evidence(x, view)) for i, x in enumerate(records, 1)]
        if entry.model.signoffs:
            now = fingerprint(entry.model)
            for i, s in enumerate(entry.model.signoffs, 1):
                signoffs.append((*owner(i), s.by, s.date.isoformat(), s.fingerprint, int(approved([s], now))))
        if isinstance(entry, ActionEntry):
            for i, (c, due) in enumerate(due_moves(entry.model), 1):
                ends = (c.was.end.isoformat(), str(due) if due else None, due.end.isoformat() if due else None)
                moves.append(
                    (entry.organisation, entry.model.id, i, c.date.isoformat(), str(c.was), *ends, c.reason, c.by)
                )
    key = ["organisation", "item", "seq"]
    return [
        Table("evidence", "The evidence records of assessments and actions.", EVIDENCE, key, evidence),
        Table("signoffs", "The sign-offs of assessments and actions.", SIGNOFFS, key, signoffs),
        Table(
            "due_changes", "Each change of an action's due date.", DUE_CHANGES, ["organisation", "action", "seq"], moves
        ),
    ]


Owner = Callable[[int], tuple[Value, ...]]
"""The owner columns (organisation, item, seq, set, recommendation, action) of an item's record ``seq``."""


def _owners(corpus: Corpus, orgs: set[str], set_id: str) -> list[tuple[AssessmentEntry | ActionEntry, Owner]]:
    """Each assessment of the set and each action of the organisations shown, once, with its owner columns."""
    out: list[tuple[AssessmentEntry | ActionEntry, Owner]] = []
    seen: set[tuple[str, str]] = set()

    def add(entry: AssessmentEntry | ActionEntry, item: str, keys: tuple[Value, Value, Value]) -> None:
        if entry.organisation in orgs and (entry.organisation, item) not in seen:
            seen.add((entry.organisation, item))
            out.append((entry, lambda seq: (entry.organisation, item, seq, *keys)))

    for a in corpus.assessments:
        if a.set == set_id:
            add(a, f"{a.set}:{a.model.recommendation}", (a.set, a.model.recommendation, None))
    for act in corpus.actions:
        add(act, act.model.id, (None, None, act.model.id))
    return out


def _evidence(x: Evidence, view: Site) -> tuple[Value, ...]:
    dates = (_text(x.produced), x.owner, _text(x.review), _text(x.expires), _text(x.lapses))
    return (x.title, x.location, *dates, int(x.stale(view.as_of)))


def _actions(corpus: Corpus, orgs: set[str], view: Site) -> tuple[list[tuple[Value, ...]], list[tuple[Value, ...]]]:
    actions: list[tuple[Value, ...]] = []
    notes: list[tuple[Value, ...]] = []
    for a in corpus.actions:
        if a.organisation not in orgs:
            continue
        m = a.model
        actions.append(
            (
                a.organisation,
                m.id,
                a.section.id if a.section else None,
                m.title,
                ", ".join(m.lead) or None,
                m.outcome,
                str(m.due) if m.due else None,
                m.due.end.isoformat() if m.due else None,
                m.status,
                _text(m.completed),
                int(is_overdue(m, view.as_of)),
                ", ".join(str(n) for n in m.recommendations) or None,
            )
        )
        for i, p in enumerate(m.progress, 1):
            notes.append((a.organisation, m.id, i, p.date.isoformat(), p.by, p.note))
    return actions, notes


def _unique(rows: Sequence[tuple[Value, ...]], width: int) -> list[tuple[Value, ...]]:
    """The first row of each key, as every view counts an item given twice (``francis check`` reports it)."""
    seen: dict[tuple[Value, ...], tuple[Value, ...]] = {}
    for row in rows:
        seen.setdefault(row[:width], row)
    return list(seen.values())


def _changes(histories: dict[str, list[ItemHistory]]) -> list[tuple[Value, ...]]:
    out: list[tuple[Value, ...]] = []
    seen = set()
    for ref in histories:
        for item in histories[ref]:
            if (item.organisation, item.ref) in seen:
                continue
            seen.add((item.organisation, item.ref))
            seq = 0
            for r in item.revisions:
                fields: list[tuple[str | None, str | None, str | None]] = [(c.field, c.old, c.new) for c in r.changes]
                fields = fields or [(None, None, None)]
                for field, old, new in fields:
                    seq += 1
                    out.append((item.organisation, item.ref, seq, r.commit, r.date, r.kind, field, old, new))
    return out
