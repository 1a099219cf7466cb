"""The board paper's decisions, assurance and re-dated actions as view-models.

Why: a board asks "what is assured, by whom, on what evidence, and what has changed since it was
approved". The answer is already in the tracker: the organisation's decision on each recommendation,
the assurance level of its assessment, the evidence records and the day each lapses, and the
sign-offs whose fingerprint says whether the content is still what was approved. This module only
gathers it for one organisation; the rules are those of ``checks.evidence`` (``approved``, an
evidence record's ``stale``), the counts of decisions those of ``views.status``, and the late
decisions those of ``views.overdue``, so the paper never disagrees with ``check``, ``status`` or
``overdue``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..checks.evidence import approved
from ..models.assessment import Assessment, Evidence, SignOff, fingerprint
from ..models.numbers import RecNumber
from ..models.organisation import Organisation
from ..models.recommendation import RecommendationSet
from ..models.vocab import ASSURANCE_LEVELS, DECISIONS, STATUS_LABELS, due_label, long_date, number_ranges
from ..models.workplan import Action, is_overdue
from ..tracker.corpus import ActionEntry, Corpus
from .appendices import RatingKey
from .overdue import LateDecision
from .status import ScopeSummary

SignOffState = Literal["current", "stale", "missing"]
NOT_STATED = "not-stated"
"""The key of the count of assessments that state no assurance level."""


@dataclass(frozen=True, slots=True)
class Count:
    id: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One recommendation's decision, as recorded in its assessment."""

    number: RecNumber
    heading: str | None
    decision: str
    label: str
    """``Accepted in part``."""
    reason: str | None
    decided: date | None
    decided_by: str | None


@dataclass(frozen=True, slots=True)
class Decisions:
    """An organisation's decisions on the set's recommendations, and where its response stands."""

    rows: list[DecisionRow]
    counts: list[Count]
    """Each decision, in ``DECISIONS`` order, 0 included: the counts ``status`` prints."""
    in_scope: int | None
    """Recommendations its stock-take covers; None when it declares no scope."""
    undecided: int | None
    """In scope with no decision yet; None without a scope."""
    late: list[RecNumber]
    """Once the set's response clock has run: the recommendations still to decide (``overdue``'s)."""

    @property
    def late_numbers(self) -> str:
        """``123-130, 144``: the late recommendations as a list prints them."""
        return number_ranges(self.late)


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """An item of evidence: a record (title, location, dates, owner), or a line describing it."""

    title: str
    recorded: bool
    """False for evidence described in a line of text: nothing says where it is or when it lapses."""
    location: str | None = None
    produced: date | None = None
    owner: str | None = None
    owner_title: str | None = None
    review: date | None = None
    expires: date | None = None
    lapses: date | None = None
    """The earlier of ``review`` and ``expires``: stale from the day after."""
    stale: bool = False

    @property
    def facts(self) -> list[str]:
        """What the record says, in a board paper's words: where it is, when produced, whose, and until when."""
        if not self.recorded:
            return []
        out = [f"at {self.location}"]
        out += [f"produced {long_date(self.produced)}"] if self.produced else []
        if self.owner:
            out.append(f"owned by {self.owner}" + (f" ({self.owner_title})" if self.owner_title != self.owner else ""))
        out += [f"review by {long_date(self.review)}"] if self.review else []
        out += [f"expires after {long_date(self.expires)}"] if self.expires else []
        return out

    @property
    def standing(self) -> str:
        """``Current``, ``Stale: its review date has passed`` or ``Described, not recorded``: words, not colour."""
        if not self.recorded:
            return "Described, not recorded"
        if self.lapses is None:
            return "Current (no review or expiry date)"
        if not self.stale:
            return "Current"
        if self.review is not None and self.review == self.lapses:
            return "Stale: its review date has passed"
        return "Stale: it has expired"


@dataclass(frozen=True, slots=True)
class SignOffRow:
    by: str
    by_title: str
    date: date
    current: bool
    """Whether it approved the content as it stands (its fingerprint matches)."""


@dataclass(frozen=True, slots=True)
class AssuredItem:
    """An assessment or an action with its assurance level, evidence and sign-offs."""

    kind: Literal["assessment", "action"]
    ref: str
    """The recommendation's number, or the action's id."""
    title: str | None
    rating: RatingKey | None
    status_label: str | None
    """An action's status; None for an assessment."""
    level: str | None
    level_label: str | None
    """``Reasonable assurance``; None when the assessment states none (always, for an action)."""
    evidence: list[EvidenceRow]
    signoffs: list[SignOffRow]
    state: SignOffState

    @property
    def approval(self) -> str:
        """The sign-off in a board paper's words: who approved it, when, and whether it still holds."""
        if not self.signoffs:
            return "Not signed off."
        s = next((s for s in reversed(self.signoffs) if s.current), self.signoffs[-1])
        who = f"{s.by} ({s.by_title})" if s.by_title != s.by else s.by
        if s.current:
            return f"Approved by {who} on {long_date(s.date)}; unchanged since."
        return f"Changed since {who} approved it on {long_date(s.date)}: it must be approved again."


@dataclass(frozen=True, slots=True)
class Assurance:
    """An organisation's assurance: its counts, then the assessments and actions that have any."""

    assessed: int
    levels: list[Count]
    """Each assurance level, highest first, then ``not-stated``."""
    evidence_records: int
    evidence_stale: int
    evidence_described: int
    signoffs: list[Count]
    """Assessments signed off and current, stale, or not signed off."""
    items: list[AssuredItem]
    """The assessments with an assurance level, an evidence record or a sign-off, in the set's order."""
    action_signoffs: list[Count]
    """Actions signed off and current, stale, or done and not signed off."""
    actions: list[AssuredItem]
    """The actions with an evidence record or a sign-off, or done, in the workplan's order."""


@dataclass(frozen=True, slots=True)
class DueChangeRow:
    """One change of an action's due date: what it was, what it became, when and why."""

    date: date
    was: str
    now: str | None
    """The due date it became (the next change's ``was``, else the action's ``due``); None: removed."""
    days: int | None
    """Days the end of the due period moved (positive: later)."""
    reason: str
    by: str | None


@dataclass(frozen=True, slots=True)
class Redated:
    id: str
    title: str
    status_label: str
    overdue: bool
    changes: list[DueChangeRow]


def decisions(
    corpus: Corpus, rs: RecommendationSet, org: str, scope: ScopeSummary | None, late: Sequence[LateDecision]
) -> Decisions:
    """The decisions recorded in the organisation's assessments against ``rs``, in the set's order."""
    assessed = corpus.assessed.get((org, rs.set), {})
    rows = []
    for rec in rs.recommendations:
        entry = assessed.get(rec.number)
        a = entry.model if entry else None
        if a is not None and a.decision is not None:
            rows.append(
                DecisionRow(rec.number, rec.title, a.decision, DECISIONS[a.decision], a.reason, a.decided, a.decided_by)
            )
    made = scope.decisions if scope else dict.fromkeys(DECISIONS, 0)
    counts = [Count(d, label, made.get(d, 0)) for d, label in DECISIONS.items()]
    mine = next((x.numbers for x in late if x.organisation == org), [])
    return Decisions(rows, counts, scope.in_scope if scope else None, scope.undecided if scope else None, mine)


def _evidence(item: str | Evidence, org: Organisation | None, as_of: date) -> EvidenceRow:
    if isinstance(item, str):
        return EvidenceRow(item, recorded=False)
    return EvidenceRow(
        item.title,
        recorded=True,
        location=item.location,
        produced=item.produced,
        owner=item.owner,
        owner_title=org.role_title(item.owner) if org and item.owner else None,
        review=item.review,
        expires=item.expires,
        lapses=item.lapses,
        stale=item.stale(as_of),
    )


def _signoffs(item: Assessment | Action, org: Organisation | None) -> tuple[list[SignOffRow], SignOffState]:
    """Its sign-offs, each marked current or not, and its state; only an item with sign-offs is
    fingerprinted, as ``check`` does."""
    if not item.signoffs:
        return [], "missing"
    now = fingerprint(item)
    rows = [_signoff(s, org, s.fingerprint == now) for s in item.signoffs]
    return rows, "current" if approved(item.signoffs, now) else "stale"


def _signoff(s: SignOff, org: Organisation | None, current: bool) -> SignOffRow:
    return SignOffRow(s.by, org.role_title(s.by) if org else s.by, s.date, current)


def _assured(
    kind: Literal["assessment", "action"],
    ref: str,
    title: str | None,
    item: Assessment | Action,
    org: Organisation | None,
    as_of: date,
    rating: RatingKey | None = None,
) -> AssuredItem:
    level = item.assurance if isinstance(item, Assessment) else None
    rows, state = _signoffs(item, org)
    return AssuredItem(
        kind=kind,
        ref=ref,
        title=title,
        rating=rating,
        status_label=STATUS_LABELS[item.status] if isinstance(item, Action) else None,
        level=level,
        level_label=ASSURANCE_LEVELS[level] if level else None,
        evidence=[_evidence(e, org, as_of) for e in item.evidence],
        signoffs=rows,
        state=state,
    )


def _states(items: Sequence[AssuredItem], missing: str) -> list[Count]:
    words = {
        "current": "Signed off and unchanged since",
        "stale": "Changed since sign-off (to be approved again)",
        "missing": missing,
    }
    return [Count(s, label, sum(i.state == s for i in items)) for s, label in words.items()]


def _has_records(item: Assessment | Action) -> bool:
    return any(not isinstance(e, str) for e in item.evidence)


def assurance(
    corpus: Corpus, rs: RecommendationSet, org: Organisation, keys: dict[str, RatingKey], as_of: date
) -> Assurance:
    """The assurance of the organisation's assessments against ``rs`` and of its actions, on ``as_of``."""
    assessed = corpus.assessed.get((org.id, rs.set), {})
    every = [
        _assured("assessment", str(r.number), r.title, e.model, org, as_of, keys.get(e.model.rating or ""))
        for r in rs.recommendations
        if (e := assessed.get(r.number)) is not None and e.model.rated
    ]
    evidence = [x for i in every for x in i.evidence]
    levels = [Count(k, label, sum(i.level == k for i in every)) for k, label in ASSURANCE_LEVELS.items()]
    levels.append(Count(NOT_STATED, "No level stated", sum(i.level is None for i in every)))
    entries: list[ActionEntry] = [
        a
        for a in corpus.actions
        if a.organisation == org.id and (a.model.signoffs or _has_records(a.model) or a.model.status == "done")
    ]
    actions = [_assured("action", a.model.id, a.model.title, a.model, org, as_of) for a in entries]
    approvable = [i for i, a in zip(actions, entries, strict=True) if a.model.signoffs or a.model.status == "done"]
    return Assurance(
        assessed=len(every),
        levels=levels,
        evidence_records=sum(x.recorded for x in evidence),
        evidence_stale=sum(x.stale for x in evidence),
        evidence_described=sum(not x.recorded for x in evidence),
        signoffs=_states(every, "Not signed off"),
        items=[i for i in every if i.level or i.signoffs or any(x.recorded for x in i.evidence)],
        action_signoffs=_states(approvable, "Done and not signed off"),
        actions=actions,
    )


def headline(d: Decisions | None, a: Assurance | None) -> str | None:
    """The executive summary's sentence on decisions and assurance; None when neither a decision, a
    sign-off nor an evidence record is recorded (the sections then say so at length)."""
    parts = []
    if d is not None and d.rows:
        late = f", {len(d.late)} not decided in time" if d.late else ""
        of = f" of the {d.in_scope} in scope" if d.in_scope is not None else ""
        parts.append(f"{len(d.rows)}{of} decided{late}")
    states = {c.id: c.count for c in a.signoffs} if a is not None else {}
    if a is not None and (states["current"] or states["stale"] or a.evidence_records):
        parts.append(
            f"{states['current']} of the {a.assessed} assessed signed off as they stand, {states['stale']} changed "
            f"since sign-off; {a.evidence_stale} of {a.evidence_records} evidence records stale"
        )
    return f"Decisions and assurance: {'; '.join(parts)}." if parts else None


def redated(corpus: Corpus, org: str, as_of: date) -> list[Redated]:
    """The organisation's actions whose due date has changed, each change with its reason, in the
    workplan's order."""
    out = []
    for entry in corpus.actions:
        a = entry.model
        if entry.organisation != org or not a.due_changes:
            continue
        afters = [c.was for c in a.due_changes[1:]] + [a.due]
        changes = [
            DueChangeRow(
                c.date,
                due_label(c.was),
                due_label(after) if after else None,
                (after.end - c.was.end).days if after else None,
                c.reason,
                c.by,
            )
            for c, after in zip(a.due_changes, afters, strict=True)
        ]
        out.append(Redated(a.id, a.title, STATUS_LABELS[a.status], is_overdue(a, as_of), changes))
    return out
