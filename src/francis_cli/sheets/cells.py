"""What each column of an export holds, typed: the one home of the rows that the CSV and XLSX
export writes as text (``export.py``) and the Parquet export writes typed (``parquet.py``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from ..models.assessment import evidence_line
from ..models.common import Period
from ..models.workplan import ProgressNote
from ..tracker.corpus import Corpus

Cell = str | int | bool | date | Period | list[str] | list[ProgressNote] | None
"""A typed cell: what a column holds before it is written as text or as Parquet."""


def iter_cells(corpus: Corpus, kind: str, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    """The tracker's rows for ``kind`` with their values typed, in the order of ``COLUMNS[kind]``:
    the one home of what each column holds, written as text here and typed in ``parquet.py``."""
    if kind == "assessments":
        yield from _assessment_cells(corpus, orgs)
    else:
        yield from _action_cells(corpus, orgs)


def _assessment_cells(corpus: Corpus, orgs: Sequence[str]) -> Iterator[list[Cell]]:
    for e in sorted(corpus.assessments, key=lambda e: (e.organisation, e.model.recommendation)):
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
