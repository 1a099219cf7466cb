"""Running the checks: every rule family over a loaded tracker, or over what a change is answerable for.

Each family is a module of pure functions ``corpus → Iterator[Problem]``; adding a rule means
adding a function to its family and to ``CHECKS``. The result is a ``CheckResult``: every
problem, sorted, with what was checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..problems import Problem
from ..tracker.corpus import Corpus, load_tracker
from ..tracker.read import Progress
from . import actions, assessments, catalogue, evidence, organisations, settings

Check = Callable[[Corpus], Iterator[Problem]]
DatedCheck = Callable[[Corpus, date], Iterator[Problem]]

NEVER_STRICT = frozenset({"not-transcribed"})
"""Warnings that ``--strict`` leaves as warnings: a catalogue is allowed to be incomplete."""

CHECKS: tuple[Check, ...] = (
    catalogue.catalogue,
    organisations.organisations,
    organisations.organisations_file,
    settings.settings,
    actions.actions,
)
DATED: tuple[DatedCheck, ...] = (assessments.assessments, evidence.evidence)
"""The families with rules judged on a day: the response clock (``decision-overdue``) and the
staleness of evidence (``evidence-stale``, and the assurance and rating it supports)."""


def run_checks(corpus: Corpus, *, strict: bool = False, as_of: date | None = None) -> list[Problem]:
    """Every problem of the tracker, loading and cross-file alike, sorted by place; what depends on
    the day (``DATED``) judged on ``as_of``, default today."""
    day = as_of if as_of is not None else date.today()
    problems = list(corpus.problems)
    for check in CHECKS:
        problems.extend(check(corpus))
    for dated in DATED:
        problems.extend(dated(corpus, day))
    if strict:
        problems = [
            replace(p, severity="error") if p.severity == "warning" and p.code not in NEVER_STRICT else p
            for p in problems
        ]
    return sorted(set(problems))


def count_errors(corpus: Corpus) -> int:
    """How many errors ``francis check`` would list for the tracker."""
    return sum(1 for p in run_checks(corpus) if p.severity == "error")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What ``francis check`` found, and over what."""

    problems: list[Problem]
    files: int
    """Files of the work tree's tracker that were validated."""
    changed: list[str] = field(default_factory=list)
    """With ``--changed-since``: tracker files added, edited or removed since the revision."""
    since: str | None = None
    """With ``--changed-since``: the revision, as ``REV (short id, date)``."""
    unreported_errors: int = 0
    """With ``--changed-since``: errors of the tracker that were not reported, being in files the
    change left alone and already there at the revision; ``francis check`` lists them."""


def check_tracker(
    root: Path,
    *,
    strict: bool = False,
    changed_since: str | None = None,
    progress: Progress | None = None,
    as_of: date | None = None,
) -> CheckResult:
    """Every problem of the tracker at ``root``, or (``changed_since``) what a change since that
    revision is answerable for; judged on ``as_of`` (default today)."""
    if changed_since is not None:
        return check_changed_since(root, changed_since, strict=strict, progress=progress, as_of=as_of)
    corpus = load_tracker(root, progress=progress)
    return CheckResult(run_checks(corpus, strict=strict, as_of=as_of), _file_count(corpus))


def _file_count(corpus: Corpus) -> int:
    return len(corpus.files) + (corpus.config_file is not None)


def check_changed_since(
    root: Path, rev: str, *, strict: bool = False, progress: Progress | None = None, as_of: date | None = None
) -> CheckResult:
    """``francis check --changed-since``: the whole tracker is validated (references need it), but
    only what the change is answerable for is reported: every problem in a changed file, problems
    elsewhere that were not there at ``rev`` (a renamed role breaking an unchanged workplan), and
    the review rules on the movement since ``rev``. Both sides are judged on ``as_of``: a record
    that merely lapsed in between is not the change's doing."""
    from ..tracker.git import GitSource, Repo, TrackerMissing
    from ..tracker.movement import compare
    from ..tracker.movement_items import Side
    from ..tracker.revisions import changed_files, load_at
    from ..tracker.sources import WorkTree
    from .review import review, signoffs

    now = load_tracker(root, progress=progress)
    found = run_checks(now, strict=strict, as_of=as_of)
    rels = [rel for rel, _ in WorkTree(root).discover().files]
    with Repo(root) as repo:
        try:
            source: GitSource | None = GitSource.at(repo, rev)
        except TrackerMissing:
            source = None
        if source is None:
            since, then, changed = f"{rev} (no tracker yet)", None, set(rels)
        else:
            since = f"{rev} ({source.label})"
            then = load_at(root, source, now)
            changed = changed_files(repo, source, rels, now)
    reported = _answerable(found, changed, run_checks(then, strict=strict, as_of=as_of) if then else [])
    unreported = _errors(found) - _errors(reported)
    if then is not None:
        movement = compare(then, now, Side(rev, None, None), Side("work tree", None, None))
        reported.extend(replace(p, severity="error") if strict else p for p in review(movement))
        reported.extend(signoffs(then, now))
    return CheckResult(sorted(set(reported)), _file_count(now), sorted(changed), since, unreported)


def _errors(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")


def _answerable(found: list[Problem], changed: set[str], before_problems: list[Problem]) -> list[Problem]:
    """Problems in changed files, and those elsewhere that were not there before."""
    before = Counter((p.path, p.code, p.message) for p in before_problems)
    reported = []
    for p in found:
        key = (p.path, p.code, p.message)
        if p.path in changed:
            reported.append(p)
        elif before[key] > 0:
            before[key] -= 1
        else:
            reported.append(p)
    return reported
