"""Rules on francis.yaml that need the rest of the tracker: the default set and organisation exist,
and no rating is listed twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, hint
from ..tracker.corpus import Corpus


def settings(corpus: Corpus) -> Iterator[Problem]:
    f = corpus.config_file
    if f is None or f.model is None:
        return
    raw = f.source.values
    if (
        ("default_set",) in raw
        and corpus.config.default_set not in corpus.sets
        and "recommendations" not in corpus.incomplete
    ):
        yield f.problem(
            ("default_set",),
            "unknown-set",
            f"no recommendation set {corpus.config.default_set!r} in data/recommendations/"
            f"{hint(corpus.config.default_set, corpus.sets)}",
        )
    org = corpus.config.organisation
    if org is not None and org not in corpus.organisations and "organisations" not in corpus.incomplete:
        yield f.problem(
            ("organisation",),
            "unknown-organisation",
            f"no organisation {org!r} in data/organisations.yaml{hint(org, corpus.organisations)}",
        )
    seen: set[str] = set()
    for i, level in enumerate(corpus.config.ratings):
        if level.id in seen:
            yield f.problem(("ratings", i, "id"), "duplicate-rating", f"rating {level.id!r} is listed twice")
        seen.add(level.id)
