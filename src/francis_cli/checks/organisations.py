"""Rules on data/organisations.yaml: an organisation defined twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from ..tracker.corpus import Corpus
from .common import again


def organisations(corpus: Corpus) -> Iterator[Problem]:
    for org_id, entries in corpus.organisations.items():
        for dup in entries[1:]:
            yield dup.at.problem("duplicate-organisation", again("organisation", org_id, entries[0].at), at="id")
