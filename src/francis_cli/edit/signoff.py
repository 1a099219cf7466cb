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
from ..models.vocab import recommendation_number
from ..problems import hint
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from .actions import ACTION_KEYS
from .assessments import ASSESSMENT_KEYS
from .files import FileChange, check_org, finish, read_doc


def find_signed(corpus: Corpus, org: str, ref: str, set_id: str | None = None) -> AssessmentEntry | ActionEntry:
    """What ``REF`` names for ``org``: a recommendation number is its assessment (against ``set_id``,
    default the tracker's set) when it has one, else an action of that id; anything else an action id."""
    check_org(corpus, org)
    ref = ref.strip()
    set_id = set_id or corpus.config.default_set
    number = recommendation_number(ref)
    if number is not None:
        assessed = corpus.assessed.get((org, set_id), {}).get(number)
        if assessed is not None:
            return assessed
    found = [e for e in corpus.actions_of.get(org, []) if e.model.id == ref]
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(f"{org!r} has action {ref!r} twice; fix that first (`francis check`)")
    if number is not None:
        raise UserError(
            f"{org!r} has no assessment of recommendation {number} in set {set_id!r}, nor an action {ref!r}"
        )
    ids = [e.model.id for e in corpus.actions_of.get(org, [])]
    raise UserError(f"{org!r} has no action {ref!r}{hint(ref, ids, n=3)}")


def sign_off(
    root: Path, corpus: Corpus, org: str, ref: str, by: str, day: date, *, set_id: str | None = None
) -> FileChange:
    """Append ``by``'s sign-off of ``ref`` as it stands on ``day``. A role the organisation lacks is a
    usage error; a sign-off by the action's own lead is left to the edit's validation to refuse
    (``signoff-by-lead``), where francis.yaml's setting is judged with the rest of the tracker."""
    entry = find_signed(corpus, org, ref, set_id)
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
