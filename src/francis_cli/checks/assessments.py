"""Rules on gap assessments: their organisation, set, recommendation, rating and linked actions
exist; no recommendation is assessed twice; a rating has a position."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, hint
from ..tracker.corpus import Corpus
from .common import org_problem


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
            unknown = org_problem(corpus, entry.organisation, at)
            if unknown:
                yield unknown
            if entry.set not in corpus.sets and judge_recs:
                yield at.file.problem(("set",) if entry.file_model.set else ("organisation",), "unknown-set",
                                      f"no recommendation set {entry.set!r} in data/recommendations/"
                                      f"{hint(entry.set, corpus.sets)}")  # fmt: skip
        known_numbers = numbers.get(entry.set)
        if judge_recs and known_numbers is not None and a.recommendation not in known_numbers:
            yield at.problem("unknown-recommendation", f"set {entry.set!r} has no recommendation {a.recommendation}",
                             at="recommendation")  # fmt: skip
        first = corpus.assessed[(entry.organisation, entry.set)][a.recommendation]
        if first is not entry:
            line, _ = first.at.file.source.locate(first.at.path)
            yield at.problem("duplicate-assessment",
                             f"recommendation {a.recommendation} is already assessed for {entry.organisation!r} "
                             f"(in {first.at.file.rel}:{line})", at="recommendation")  # fmt: skip
        if a.rating is not None and a.rating not in rating_set:
            yield at.problem("unknown-rating", f"rating {a.rating!r} is not one of: {', '.join(ratings)}"
                             f"{hint(a.rating, ratings)}", at="rating")  # fmt: skip
        known = action_ids.get(entry.organisation, set())
        for i, action_id in enumerate(a.actions):
            if judge_actions and action_id not in known:
                yield at.problem("unknown-action", f"{entry.organisation!r} has no workplan action {action_id!r}"
                                 f"{hint(action_id, known)}", at="actions", item=i)  # fmt: skip
        if a.applicable and a.position is None:
            yield at.problem("missing-position", f"recommendation {a.recommendation} has a rating but no "
                             "`position` saying why", severity="warning")  # fmt: skip
