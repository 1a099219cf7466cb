"""What several families of checks share: how a second definition and an unknown organisation are told."""

from __future__ import annotations

from ..problems import Problem, hint
from ..tracker.corpus import Corpus, Located


def silenced(corpus: Corpus, code: str) -> bool:
    """Whether francis.yaml's ``silence:`` asks not to report this warning."""
    return code in corpus.config.silence


def again(kind: str, ident: object, first: Located) -> str:
    line, _ = first.file.source.locate(first.path)
    return f"{kind} {ident!r} is defined twice (first in {first.file.rel}:{line})"


def org_problem(corpus: Corpus, org: str, at: Located) -> Problem | None:
    if org in corpus.organisations or "organisations" in corpus.incomplete:
        return None
    return at.file.problem(
        ("organisation",),
        "unknown-organisation",
        f"no organisation {org!r} in data/organisations.yaml{hint(org, corpus.organisations)}",
    )
