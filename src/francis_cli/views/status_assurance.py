"""``status``'s second axis: how assured the assessed recommendations are, whether their approvals
still hold, and what the organisation decided, as plain counts beside the ratings.

Why apart from the ratings: delivery and assurance are two questions ("delivered, not yet
evidenced" is not "evidenced and assured"), and a board asks both. The counts come from plain
``tracker.snapshot.Figures`` (fingerprints are compared at load time), so a warm ``status`` shows
them without building a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models.numbers import RecNumber, in_ranges
from ..models.vocab import ASSURANCE_LEVELS, DECISIONS
from ..tracker.snapshot import AssuranceFigures, Figures

NOT_RECORDED = "not-recorded"
"""An assessed recommendation whose assessment records no assurance level."""
NO_DECISION = "none"
"""An assessed recommendation with no decision recorded yet."""
SIGNOFF_STATES = ("current", "stale", "missing")
"""A sign-off approves the content as it stands (current), approved content since changed (stale),
or is absent where francis.yaml's ``signoff: require_for_done`` asks for one (missing)."""


@dataclass(frozen=True, slots=True)
class AssuranceSummary:
    """Of the recommendations a table counts, the assessed ones by assurance level and by decision,
    and the sign-offs of their assessments and of the organisation's actions."""

    assessed: int
    """Assessed recommendations among those shown (rated or not applicable)."""
    levels: dict[str, int]
    """Assurance level → how many, highest first, then ``not-recorded``; sums to ``assessed``."""
    signoffs: dict[str, int]
    """``current``, ``stale``, ``missing`` → how many assessments and actions (each counted once)."""
    decisions: dict[str, int]
    """Decision → how many, in ``DECISIONS`` order, then ``none`` (assessed, no decision); an entry
    decided but not yet assessed counts here and not in ``assessed``."""

    @property
    def recorded(self) -> bool:
        """Whether there is anything to say below a table: a level recorded, or a sign-off made or due."""
        return self.levels[NOT_RECORDED] < self.assessed or any(self.signoffs.values())


@dataclass(frozen=True, slots=True)
class ScopeSummary:
    """What an organisation's stock-take covers, and what it has decided, among the numbers shown.

    Why: a stock-take of 22 recommendations is complete when those 22 are assessed; the other 268
    are not yet considered, which is not the same as a gap."""

    in_scope: int | None
    """Recommendations in the scope its assessment files declare; None when none declares one."""
    assessed: int
    """Of those in scope (of all, without a scope), how many are assessed."""
    not_considered: int
    """Recommendations neither in scope nor assessed (0 without a scope)."""
    decisions: dict[str, int]
    """Decision → how many, in ``DECISIONS`` order, each shown (0 included)."""
    undecided: int | None
    """In scope with no decision yet; None without a scope."""


_NONE = AssuranceFigures({}, {}, (0, 0, 0))


def assurance_summary(f: Figures, org: str, numbers: Sequence[RecNumber]) -> AssuranceSummary:
    """The organisation's assurance among ``numbers`` (its actions' sign-offs counted whole, as the
    workplan line counts its actions)."""
    assessed = f.assessed.get(org, {})
    shown = [n for n in numbers if n in assessed]
    a, decided = f.assurance.get(org, _NONE), f.decisions.get(org, {})
    levels = dict.fromkeys([*ASSURANCE_LEVELS, NOT_RECORDED], 0)
    decisions = dict.fromkeys([*DECISIONS, NO_DECISION], 0)
    signoffs = dict(zip(SIGNOFF_STATES, a.actions, strict=True))
    for n in shown:
        levels[a.levels.get(n, NOT_RECORDED)] += 1
        decisions[decided.get(n, NO_DECISION)] += 1
        if n in a.signed:
            signoffs["current" if a.signed[n] else "stale"] += 1
    for n in numbers:  # decided, not yet assessed: its decision counts all the same
        if n not in assessed and n in decided:
            decisions[decided[n]] += 1
    return AssuranceSummary(len(shown), levels, signoffs, decisions)


def scope_summary(f: Figures, org: str, numbers: Sequence[RecNumber]) -> ScopeSummary | None:
    """The organisation's scope and decisions among ``numbers``; None when it has neither."""
    ranges, decided = f.scope.get(org), f.decisions.get(org, {})
    if ranges is None and not decided:
        return None
    assessed = f.assessed.get(org, {})
    counts = dict.fromkeys(DECISIONS, 0)
    for n in numbers:
        if n in decided:
            counts[decided[n]] += 1
    if ranges is None:
        return ScopeSummary(None, sum(n in assessed for n in numbers), 0, counts, None)
    inside = [n for n in numbers if in_ranges(n, ranges)]
    considered = set(inside) | {n for n in numbers if n in assessed}
    return ScopeSummary(
        len(inside),
        sum(n in assessed for n in inside),
        len(numbers) - len(considered),
        counts,
        sum(n not in decided for n in inside),
    )
