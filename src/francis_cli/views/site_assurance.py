"""The register's assurance: each organisation's decision on a recommendation, the assurance level
its assessment claims, the evidence with its dates, the sign-offs and whether each still approves
the content as it stands, and every recorded change of an action's due date with its reason.

Why a module of its own: these are the facts ``francis show`` gives, by the same rules (an
evidence record's ``stale``, ``checks.evidence.approved`` on the content's ``fingerprint``), so
the published register never says "approved" where ``francis check`` says "approve again".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..checks.evidence import approved
from ..models.assessment import Assessment, Evidence, SignOff, fingerprint
from ..models.common import Period
from ..models.numbers import RecNumber
from ..models.vocab import ASSURANCE_LEVELS, DECISIONS, due_label, long_date
from ..models.workplan import Action
from ..tracker.corpus import Corpus

ILLUSTRATIVE = "Illustrative rating: a reading made for demonstration, not the organisation's own assessment."
"""Said beside a rating from an assessment file marked ``illustrative`` (as ``status`` and the paper say it)."""
LINKED = ("https://", "http://", "mailto:")
"""The locations a page links; any other (a path in the repository, another scheme) is shown as text."""


@dataclass(frozen=True, slots=True)
class Decision:
    value: str
    """A decision id (``accepted-in-part``)."""
    label: str
    reason: str | None
    """Why (a not-applicable assessment's reason is shown as its own, not again here)."""
    decided: date | None
    decided_by: str | None


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """An item of evidence: a record, or a line of text that describes evidence (``recorded`` False)."""

    title: str
    recorded: bool
    location: str | None = None
    link: bool = False
    """Whether ``location`` is a web address the page links to."""
    produced: date | None = None
    owner: str | None = None
    """The owning role, with its title."""
    review: date | None = None
    expires: date | None = None
    stale: bool = False
    """Past its review or expiry day on the data's date."""

    @property
    def details(self) -> str:
        """``Produced 1 May 2013; owner DoQ (Director of Quality); review by 1 May 2014``."""
        facts = [f"produced {long_date(self.produced)}"] if self.produced else []
        facts += [f"owner {self.owner}"] if self.owner else []
        facts += [f"review by {long_date(self.review)}"] if self.review else []
        facts += [f"expires {long_date(self.expires)}"] if self.expires else []
        text = "; ".join(facts)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Approval:
    by: str
    """The approving role, with its title."""
    date: date
    current: bool
    """Whether it approved the content as it stands; False: it changed after, and must be approved again."""


@dataclass(frozen=True, slots=True)
class Assurance:
    """What an assessment or action says of its assurance: decision, level, evidence, sign-offs."""

    decision: Decision | None
    level: str | None
    """An assurance level id (``reasonable``), or None when none is stated."""
    level_label: str | None
    evidence: list[EvidenceItem]
    approvals: list[Approval]


@dataclass(frozen=True, slots=True)
class DueChange:
    """A recorded change of an action's due date (``due_changes``): when, from and to what, and why."""

    date: date
    old: str
    new: str
    days: int | None
    reason: str
    by: str | None


def _role(role: str, roles: dict[str, str]) -> str:
    title = roles.get(role, role)
    return role if title == role else f"{role} ({title})"


def evidence_item(item: str | Evidence, as_of: date, roles: dict[str, str]) -> EvidenceItem:
    if isinstance(item, str):
        return EvidenceItem(item, recorded=False)
    return EvidenceItem(
        item.title,
        recorded=True,
        location=item.location,
        link=item.location.startswith(LINKED),
        produced=item.produced,
        owner=_role(item.owner, roles) if item.owner else None,
        review=item.review,
        expires=item.expires,
        stale=item.stale(as_of),
    )


def approvals(signoffs: Sequence[SignOff], item: Assessment | Action, roles: dict[str, str]) -> list[Approval]:
    """Each sign-off, current when it approved exactly the content as it stands (fingerprinted only when signed)."""
    if not signoffs:
        return []
    now = fingerprint(item)
    return [Approval(_role(s.by, roles), s.date, approved([s], now)) for s in signoffs]


def assurance(item: Assessment | Action, as_of: date, roles: dict[str, str]) -> Assurance:
    decision = None
    level = None
    if isinstance(item, Assessment):
        level = item.assurance
        if item.decision is not None:
            reason = item.reason if item.applicable else None
            decision = Decision(item.decision, DECISIONS[item.decision], reason, item.decided, item.decided_by)
    return Assurance(
        decision,
        level,
        ASSURANCE_LEVELS[level] if level else None,
        [evidence_item(e, as_of, roles) for e in item.evidence],
        approvals(item.signoffs, item, roles),
    )


def due_changes(action: Action) -> list[DueChange]:
    """Each recorded change, oldest first; the date it moved to is the next change's ``was``, the
    last one's the action's ``due``."""
    out = []
    for i, c in enumerate(action.due_changes):
        new = action.due_changes[i + 1].was if i + 1 < len(action.due_changes) else action.due
        days = (new.end - c.was.end).days if new is not None else None
        out.append(DueChange(c.date, due_label(c.was), _label(new), days, c.reason, c.by))
    return out


def _label(period: Period | None) -> str:
    return due_label(period) if period is not None else "no due date"


def assurance_counts(corpus: Corpus, org: str, set_id: str, numbers: Sequence[RecNumber]) -> list[tuple[str, str, int]]:
    """(level, label, count) of the organisation's assessments among ``numbers``, highest level first;
    empty when none states a level (nothing to show)."""
    assessed = corpus.assessed.get((org, set_id), {})
    counts = dict.fromkeys(ASSURANCE_LEVELS, 0)
    for n in numbers:
        found = assessed.get(n)
        if found is not None and found.model.rated and found.model.assurance is not None:
            counts[found.model.assurance] += 1
    if not any(counts.values()):
        return []
    return [(k, ASSURANCE_LEVELS[k], counts[k]) for k in ASSURANCE_LEVELS]
