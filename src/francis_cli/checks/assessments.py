"""Rules on gap assessments: their organisation, set, recommendation, rating and linked actions
exist; no recommendation is assessed twice; a rating has a position; a decision says why when it
is not acceptance and agrees with ``applicable``; the file's scope is of the set's numbers."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date

from ..models.assessment import Scope
from ..models.numbers import counted
from ..models.vocab import number_ranges
from ..problems import Problem, hint, plural
from ..tracker.corpus import AssessmentEntry, Corpus, SetEntry
from ..tracker.validate import LoadedFile
from .common import org_problem, silenced


def assessments(corpus: Corpus, as_of: date | None = None) -> Iterator[Problem]:
    """Every rule of this family over the tracker, the response clock judged on ``as_of`` (default today)."""
    ratings = [r.id for r in corpus.ratings]
    rating_set = set(ratings)
    judge_recs = "recommendations" not in corpus.incomplete
    judge_actions = "workplan" not in corpus.incomplete
    action_ids: dict[str, set[str]] = {}
    for act in corpus.actions:
        action_ids.setdefault(act.organisation, set()).add(act.model.id)
    numbers = {set_id: entries[0].numbers for set_id, entries in corpus.sets.items()}
    parts = {set_id: entries[0].parts for set_id, entries in corpus.sets.items()}
    reported_files: set[str] = set()
    last_file = None
    for entry in corpus.assessments:
        a, at = entry.model, entry.at
        if at.file is not last_file and at.file.rel not in reported_files:
            last_file = at.file
            reported_files.add(at.file.rel)
            yield from _assessment_file(corpus, entry, judge_recs)
        known_numbers = numbers.get(entry.set)
        if judge_recs and known_numbers is not None and a.recommendation not in known_numbers:
            yield at.problem(
                "unknown-recommendation",
                f"set {entry.set!r} has no recommendation {a.recommendation}",
                at="recommendation",
            )
        its_parts = parts.get(entry.set, {}).get(a.recommendation)
        if its_parts and judge_recs:
            yield at.problem(
                "assessed-parent",
                f"recommendation {a.recommendation} has parts ({', '.join(map(str, its_parts))}): assess those; an "
                f"assessment of {a.recommendation} itself is not counted",
                at="recommendation",
                severity="warning",
            )
        first = corpus.assessed[(entry.organisation, entry.set)][a.recommendation]
        if first is not entry:
            line, _ = first.at.file.source.locate(first.at.path)
            yield at.problem(
                "duplicate-assessment",
                f"recommendation {a.recommendation} is already assessed for {entry.organisation!r} "
                f"(in {first.at.file.rel}:{line})",
                at="recommendation",
            )
        if a.rating is not None and a.rating not in rating_set:
            yield at.problem(
                "unknown-rating",
                f"rating {a.rating!r} is not one of: {', '.join(ratings)}{hint(a.rating, ratings)}",
                at="rating",
            )
        if judge_actions and a.actions:
            yield from _linked_actions(entry, action_ids.get(entry.organisation, set()))
        if a.decision is not None or a.decided is not None or a.decided_by is not None or not a.applicable:
            yield from _decision(entry)
        elif entry.file_model.scope is not None:  # the one rule left for an undecided, rated assessment
            yield from _outside_scope(entry)
        if a.rating is not None and a.applicable and a.position is None and not silenced(corpus, "missing-position"):
            yield at.problem(
                "missing-position",
                f"recommendation {a.recommendation} has a rating but no `position` saying why",
                severity="warning",
            )
    yield from scopes(corpus, as_of)


def _decision(entry: AssessmentEntry) -> Iterator[Problem]:
    """A decision other than acceptance says why; its date and maker go with a decision; a decision
    and ``applicable`` do not contradict each other; an assessment stays inside its file's scope."""
    a, at = entry.model, entry.at
    n = a.recommendation
    if a.decision not in (None, "accepted") and a.reason is None:
        yield at.problem(
            "decision-without-reason",
            f"recommendation {n} is decided {a.decision}: a `reason` must say why",
            at="decision",
        )
    if a.decision is None:
        for key in ("decided", "decided_by"):
            if getattr(a, key) is not None:
                yield at.problem(
                    "decided-without-decision", f"recommendation {n} has `{key}` but no `decision`", at=key, key=True
                )
    if not a.applicable and a.decision not in (None, "not-applicable"):
        yield at.problem(
            "decision-conflict",
            f"recommendation {n} is `applicable: false` but decided {a.decision}: "
            "write `decision: not-applicable`, or rate it",
            at="decision",
        )
    elif a.applicable and a.decision == "not-applicable":
        yield at.problem(
            "decision-conflict",
            f"recommendation {n} is decided not-applicable but rated: write `applicable: false` instead of a rating",
            at="decision",
        )
    yield from _outside_scope(entry)


def _outside_scope(entry: AssessmentEntry) -> Iterator[Problem]:
    scope, n = entry.file_model.scope, entry.model.recommendation
    if scope is not None and n not in scope:
        yield entry.at.problem(
            "outside-scope",
            f"recommendation {n} is outside this file's scope ({scope}): widen the scope or move it",
            at="recommendation",
            severity="warning",
        )


def _assessment_file(corpus: Corpus, entry: AssessmentEntry, judge_recs: bool) -> Iterator[Problem]:
    """Once per assessment file: its organisation and its recommendation set exist."""
    at = entry.at
    unknown = org_problem(corpus, entry.organisation, at)
    if unknown:
        yield unknown
    if entry.set not in corpus.sets and judge_recs:
        yield at.file.problem(
            ("set",) if entry.file_model.set else ("organisation",),
            "unknown-set",
            f"no recommendation set {entry.set!r} in data/recommendations/{hint(entry.set, corpus.sets)}",
        )


def _linked_actions(entry: AssessmentEntry, known: set[str]) -> Iterator[Problem]:
    for i, action_id in enumerate(entry.model.actions):
        if action_id not in known:
            yield entry.at.problem(
                "unknown-action",
                f"{entry.organisation!r} has no workplan action {action_id!r}{hint(action_id, known)}",
                at="actions",
                item=i,
            )


def scopes(corpus: Corpus, as_of: date | None = None) -> Iterator[Problem]:
    """Once per assessment file: its ``scope`` names numbers of its set; and, once the set's response
    clock has run (judged on ``as_of``, default today), the recommendations in scope with no decision.

    An organisation whose files declare no scope has the whole set in scope, said once at its
    first file: the clock runs for every recommendation of the set."""
    day = as_of if as_of is not None else date.today()
    judge = "recommendations" not in corpus.incomplete
    default = corpus.config.default_set
    files = list(corpus.files_of("assessments"))
    scoped = {(f.model.organisation, f.model.set or default) for f in files if f.model.scope is not None}
    told: set[tuple[str, str]] = set()
    for f in files:
        key = (f.model.organisation, f.model.set or default)
        entry = corpus.set(key[1])
        if entry is None:
            continue
        scope: Scope | None = f.model.scope
        if scope is not None and judge:
            yield from _scope_numbers(f, scope, entry)
        due = entry.model.response_due()
        if (
            due is None
            or due >= day
            or (scope is None and (key in scoped or key in told or key not in corpus.assessed))
        ):
            continue
        told.add(key)
        numbers = counted(scope.among(entry.numbers) if scope is not None else list(entry.numbers))
        decided = corpus.assessed.get(key, {})
        undecided = [n for n in numbers if n not in decided or decided[n].model.decision is None]
        if undecided:
            yield f.problem(
                ("scope",) if scope is not None else ("organisation",),
                "decision-overdue",
                f"{len(undecided)} of {plural(len(numbers), 'recommendation')} in scope have no decision, "
                f"due by {due.isoformat()} (the response clock of set {key[1]!r}): {number_ranges(undecided)}",
                severity="warning",
            )


def _scope_numbers(f: LoadedFile, scope: Scope, entry: SetEntry) -> Iterator[Problem]:
    """Each range of the scope holding numbers the set lacks: the first of them, and how many more."""
    numbers = sorted(n for n in entry.numbers if isinstance(n, int))  # a range holds plain numbers
    for lo, hi in dict.fromkeys(scope.ranges):
        start, end = bisect_left(numbers, lo), bisect_right(numbers, hi)
        lacking = hi - lo + 1 - (end - start)
        if not lacking:
            continue
        first, low, high = lo, start, end  # the first gap: numbers[i] == lo + (i - start) until it
        while low < high:
            mid = (low + high) // 2
            if numbers[mid] == lo + (mid - start):
                low = mid + 1
            else:
                high = mid
        first = lo + (low - start)
        more = f" (nor {lacking - 1} more of {lo}-{hi})" if lacking > 1 else ""
        yield f.problem(
            ("scope",), "unknown-recommendation", f"scope: set {entry.model.set!r} has no recommendation {first}{more}"
        )
