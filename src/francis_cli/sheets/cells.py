"""What each column of an export holds, typed: the one home of the rows that the CSV and XLSX
export writes as text (``export.py``) and the Parquet export writes typed (``parquet.py``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from ..models.assessment import Evidence, evidence_line, fingerprint
from ..models.common import Period
from ..models.numbers import number_key
from ..models.workplan import ProgressNote, due_moves
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus

Cell = str | int | bool | date | Period | list[str] | list[ProgressNote] | None
"""A typed cell: what a column holds before it is written as text or as Parquet."""


def iter_cells(corpus: Corpus, kind: str, orgs: Sequence[str], as_of: date | None = None) -> Iterator[list[Cell]]:
    """The tracker's rows for ``kind`` with their values typed, in the order of ``COLUMNS[kind]``:
    the one home of what each column holds, written as text here and typed in ``parquet.py``.
    ``as_of`` (default today) is the day an evidence record is judged stale or current on."""
    if kind == "assessments":
        yield from _assessment_cells(corpus, orgs)
    elif kind == "actions":
        yield from _action_cells(corpus, orgs)
    elif kind == "evidence":
        yield from _evidence_cells(corpus, orgs, as_of if as_of is not None else date.today())
    elif kind == "signoffs":
        yield from _signoff_cells(corpus, orgs)
    else:
        yield from _due_change_cells(corpus, orgs)


def _assessment_cells(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    for e in sorted(corpus.assessments, key=lambda e: (e.organisation, number_key(e.model.recommendation))):
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        rec_set = corpus.set(e.set)
        rec = rec_set.numbers.get(a.recommendation) if rec_set else None
        yield [
            e.organisation,
            a.recommendation,
            rec.title if rec else None,
            a.rating,
            a.position,
            [evidence_line(x) for x in a.evidence],
            list(a.actions),
            a.applicable,
            a.reason,
            a.decision,
            a.decided,
            a.decided_by,
            a.assurance,
        ]


def _action_cells(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    for e in corpus.actions:
        if orgs and e.organisation not in orgs:
            continue
        a = e.model
        yield [
            e.organisation,
            e.section.id if e.section else None,
            e.section.title if e.section else None,
            a.id,
            a.title,
            list(a.lead),
            a.outcome,
            a.due,
            a.timeline,
            a.status,
            a.completed,
            [str(r) for r in a.recommendations],
            list(a.progress),
        ]


Item = AssessmentEntry | ActionEntry


def _items(corpus: Corpus, orgs: Sequence[str]) -> list[tuple[Item, list[Cell]]]:
    """Each assessment and action of the organisations asked for, by organisation (its assessments
    in their files' order, then its actions), with the cells that key a record to it: Organisation,
    Set and Rec no for an assessment, Organisation and Ref for an action."""
    items: list[tuple[Item, list[Cell]]] = [
        (e, [e.organisation, e.set, e.model.recommendation, None]) for e in corpus.assessments
    ]
    items += [(a, [a.organisation, None, None, a.model.id]) for a in corpus.actions]
    return sorted(((i, key) for i, key in items if not orgs or i.organisation in orgs), key=lambda x: x[0].organisation)


def _evidence_cells(corpus: Corpus, orgs: Sequence[str], as_of: date) -> Iterator[list[Cell]]:
    """A row per evidence record (evidence described only in words stays in the Evidence column):
    stale past its review or expiry day, as ``check`` judges it, else current."""
    for item, key in _items(corpus, orgs):
        for x in item.model.evidence:
            if isinstance(x, Evidence):
                state = "stale" if x.stale(as_of) else "current"
                yield [*key, x.title, x.location, x.produced, x.owner, x.review, x.expires, x.lapses, state]


def _signoff_cells(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    """A row per sign-off, current while its fingerprint is that of the content as it stands (the
    comparison ``check`` makes; only an item with sign-offs is fingerprinted)."""
    for item, key in _items(corpus, orgs):
        if item.model.signoffs:
            now = fingerprint(item.model)
            for s in item.model.signoffs:
                yield [*key, s.by, s.date, s.fingerprint, s.fingerprint == now]


def _due_change_cells(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    """A row per change of an action's due date: when, from what, to what, why and by whom."""
    for e in corpus.actions:
        if not orgs or e.organisation in orgs:
            for change, moved_to in due_moves(e.model):
                yield [e.organisation, e.model.id, change.date, change.was, moved_to, change.reason, change.by]
