"""Rules on data/organisations.yaml: it is there when anything names an organisation, and no
organisation is defined twice."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from ..tracker.corpus import Corpus
from ..tracker.paths import DATA_DIR, ORGANISATIONS_FILE
from .common import again

ORGANISATIONS_REL = f"{DATA_DIR}/{ORGANISATIONS_FILE}"


def organisations(corpus: Corpus) -> Iterator[Problem]:
    for org_id, entries in corpus.organisations.items():
        for dup in entries[1:]:
            yield dup.at.problem("duplicate-organisation", again("organisation", org_id, entries[0].at), at="id")


def organisations_file(corpus: Corpus) -> Iterator[Problem]:
    """Assessments and workplans name organisations: without the file that defines them, that is
    one problem (the file is missing), not one unknown organisation per file."""
    if any(f.kind == "organisations" for f in corpus.files):
        return
    if any(f.kind in ("assessments", "workplan") for f in corpus.files):
        yield Problem(
            ORGANISATIONS_REL,
            0,
            0,
            "missing-file",
            "error",
            "missing: the tracker's organisations and the roles that lead their actions (francis init writes it)",
        )
