"""Signing off an assessment or an action: a ``signoffs`` entry appended with who approved, when, and
the fingerprint of exactly what they approved (``models.assessment.fingerprint``).

Why the fingerprint is of the loaded, validated model: it is what ``check`` compares against, so a
sign-off stays valid through any edit of layout or comments and lapses at any change of meaning.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import UserError
from ..models.assessment import fingerprint
from ..problems import hint
from ..tracker.corpus import AssessmentEntry, Corpus
from .actions import ACTION_KEYS
from .assessments import ASSESSMENT_KEYS
from .files import FileChange, finish, read_doc
from .refs import find_item


def sign_off(
    root: Path, corpus: Corpus, org: str, ref: str, by: str, day: date, *, set_id: str | None = None
) -> FileChange:
    """Append ``by``'s sign-off of ``ref`` as it stands on ``day``. A role the organisation lacks is a
    usage error; a sign-off by the action's own lead is left to the edit's validation to refuse
    (``signoff-by-lead``), where francis.yaml's setting is judged with the rest of the tracker."""
    entry = find_item(corpus, org, ref, set_id)
    organisation = corpus.organisation(org)
    roles = organisation.roles if organisation is not None else {}
    if by not in roles:
        listed = ", ".join(roles) or "none yet"
        raise UserError(f"--by {by!r} is not a role of {org!r} (its roles: {listed}){hint(by, roles)}")
    content = fingerprint(entry.model)
    if any(s.by == by and s.fingerprint == content for s in entry.model.signoffs):
        raise UserError(f"{by} has already signed off {ref} of {org!r} as it stands: nothing to change")
    rel = entry.at.file.rel
    raw, doc = read_doc(root, rel)
    order = (*ASSESSMENT_KEYS, "signoffs") if isinstance(entry, AssessmentEntry) else (*ACTION_KEYS, "signoffs")
    item = {"by": by, "date": day.isoformat(), "fingerprint": content}
    doc.add_items((*entry.at.path, "signoffs"), [item], order=order)
    return finish(rel, raw, doc, "")
