"""``status`` across the tracker's sets: a row per set below the default set's tables.

Why apart from ``status``: one set's tables are what most trackers show; a tracker that follows
several inquiries also needs to see them side by side, and how many actions answer each (an action
citing recommendations of several sets counts in each, so the actions column does not add up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..models.vocab import NOT_ASSESSED, StatusBy
from ..tracker.snapshot import Figures, OrgFigures
from .parts import counted
from .status import TOTAL, Column, Row, StatusTable, StatusView, _count, _rating_columns, figures, overdue
from .status import organisation_figures as organisation_figures
from .status import status as one_set

if TYPE_CHECKING:
    from ..tracker.corpus import Corpus

SEVERAL = "An action citing recommendations of several sets counts in each."


def status(
    corpus: Corpus | Figures,
    *,
    by: StatusBy = StatusBy.theme,
    orgs: Sequence[str] = (),
    theme: str | None = None,
    addressee: str | None = None,
    set_id: str | None = None,
    as_of: date,
) -> StatusView:
    """``views.status.status``, with a row per set below (``sets_summary``) without ``set_id``."""
    f = figures(corpus)
    view = one_set(f, by=by, orgs=orgs, theme=theme, addressee=addressee, set_id=set_id, as_of=as_of)
    if set_id is not None:
        return view
    return replace(view, sets=sets_summary(f, organisation_figures(f, orgs), as_of))


def active(f: Figures) -> list[str]:
    """The sets with an assessment, or an action citing one of their recommendations."""
    cited = {s for a in f.actions for s in a.sets}
    out = []
    for set_id in f.set_ids:
        part = f.part(set_id)
        if set_id in cited or (part is not None and any(part.assessed.values())):
            out.append(set_id)
    return out


def sets_summary(f: Figures, organisations: Sequence[OrgFigures], as_of: date) -> StatusTable | None:
    """A row per set (the default, and each other with an assessment or a cited action): its
    recommendations, the assessments of ``organisations`` by rating, and their actions counting for
    it (``snapshot_figures.counts_for``) with the overdue ones. None unless several sets are active."""
    if len(f.set_ids) < 2 or len(shown := active(f)) < 2:
        return None
    wanted = sorted(o.id for o in organisations)
    every = _rating_columns(f.ratings)
    ratings = [c for c in every if c.id not in (NOT_ASSESSED, TOTAL)]
    rows = []
    for set_id in [s for s in f.set_ids if s in shown or s == f.default_set]:
        g = f.of_set(set_id)
        assert g.set is not None  # a set of f.set_ids
        numbers = counted([n for n, _ in g.set.recommendations])
        counts = [_count(numbers, g.assessed.get(o, {}), every) for o in wanted]
        by_rating = {c.id: sum(n[c.id] for n in counts) for c in ratings}
        actions = [a for a in g.actions if a.organisation in wanted]
        assessed = sum(n in g.assessed.get(o, {}) for o in wanted for n in numbers)  # rated or not
        values = {TOTAL: len(numbers), "assessed": assessed, **by_rating}
        values |= {"actions": len(actions), "overdue": sum(overdue(a, as_of) for a in actions)}
        rows.append(Row(set_id, g.set.title, values))
    columns = [Column(TOTAL, "Recommendations"), Column("assessed", "Assessed"), *ratings]
    columns += [Column("actions", "Actions"), Column("overdue", "Overdue")]
    titles = "; ".join(f"{r.key}: {r.label}" for r in rows)
    return StatusTable("Every recommendation set", None, "Set", columns, rows, None, notes=[f"{titles}.", SEVERAL])
