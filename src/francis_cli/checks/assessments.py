"""Rules on gap assessments: their organisation, set, recommendation, rating and linked actions
exist; no recommendation is assessed twice; a rating has a position."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, hint
from ..tracker.corpus import AssessmentEntry, Corpus
from .common import org_problem, silenced


def assessments(corpus: Corpus) -> Iterator[Problem]:
    ratings = [r.id for r in corpus.ratings]
    rating_set = set(ratings)
    judge_recs = "recommendations" not in corpus.incomplete
    judge_actions = "workplan" not in corpus.incomplete
    action_ids: dict[str, set[str]] = {}
    for act in corpus.actions:
        action_ids.setdefault(act.organisation, set()).add(act.model.id)
    numbers = {set_id: entries[0].numbers for set_id, entries in corpus.sets.items()}
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
        if judge_actions:
            yield from _linked_actions(entry, action_ids.get(entry.organisation, set()))
        if a.applicable and a.position is None and not silenced(corpus, "missing-position"):
            yield at.problem(
                "missing-position",
                f"recommendation {a.recommendation} has a rating but no `position` saying why",
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
