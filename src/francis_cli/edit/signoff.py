"""Signing off an assessment or an action: a ``signoffs`` entry appended with who approved, when, and
the fingerprint of exactly what they approved (``models.assessment.fingerprint``).

Why the fingerprint is of the loaded, validated model: it is what ``check`` compares against, so a
sign-off stays valid through any edit of layout or comments and lapses at any change of meaning.
"""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

from ..checks.review import voided_signoffs
from ..errors import UserError
from ..models.assessment import fingerprint
from ..problems import hint
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from .actions import ACTION_KEYS
from .assessments import ASSESSMENT_KEYS
from .files import FileChange, finish, read_doc
from .refs import find_item, item_ref


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


def voided_notes(then: Corpus, now: Corpus, *, dry_run: bool = False) -> list[str]:
    """A note for each sign-off an edit voids (``then`` before it, ``now`` after), with the command
    that approves the item again.

    Why a note and not a refusal: editing approved content is allowed, and often the point; what
    must not happen is that nobody notices the approval no longer covers it until the next check."""
    notes = []
    for entry, s in voided_signoffs(then, now):
        what = _what(entry)
        command = shlex.join(["francis", "signoff", entry.organisation, item_ref(now, entry), "--by", s.by])
        said = (
            ("would change", "would no longer match it and would have to")
            if dry_run
            else ("changed", "no longer matches it and must")
        )
        notes.append(
            f"note: {what} of {entry.organisation!r} {said[0]}: the sign-off by {s.by} on {s.date.isoformat()} "
            f"{said[1]} be approved again with `{command}`"
        )
    return notes


def _what(entry: AssessmentEntry | ActionEntry) -> str:
    if isinstance(entry, AssessmentEntry):
        return f"recommendation {entry.model.recommendation}"
    return f"action {entry.model.id!r}"
