"""Review rules: what a board would question in a change, judged on its movement.

Each rule is a pure function of a ``Movement`` yielding warnings at the newer file's line
and column (``--strict`` makes them errors); a due date changed without a reason is an error.
They look at a change, not at a state: a green rating is fine; a rating that became green with
nothing said about why is worth a question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..models.assessment import SignOff, fingerprint
from ..problems import Problem
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from ..tracker.movement_items import DueMove, Movement, Place
from .evidence import approved

Rule = Callable[[Movement], Iterator[Problem]]


def _at(place: Place, code: str, message: str) -> Problem:
    return Problem(place.path, place.line, place.col, code, "warning", message)


def rating_improved(movement: Movement) -> Iterator[Problem]:
    """A better rating needs a changed position or new evidence: otherwise nothing says why."""
    for om in movement.organisations:
        for r in om.ratings:
            if r.direction == "up" and not r.position_changed and not r.new_evidence:
                yield _at(
                    r.place,
                    "rating-improved-without-evidence",
                    f"recommendation {r.recommendation} moved {r.old} → {r.new} for {om.organisation!r} "
                    "with the same position and no new evidence: say what changed",
                )


def done_without_note(movement: Movement) -> Iterator[Problem]:
    """An action closed as done should say what was delivered, in a progress note added with it."""
    for om in movement.organisations:
        for a in om.actions:
            if a.kind == "completed" and a.new_notes == 0 and a.place is not None:
                yield _at(
                    a.place,
                    "done-without-note",
                    f"action {a.id!r} of {om.organisation!r} is marked done with no new progress note "
                    "saying what was delivered",
                )


def due_changed_without_reason(movement: Movement) -> Iterator[Problem]:
    """A due date moved or removed must say why (HM Treasury's rule for the Public Accounts
    Committee's recommendations: no unilateral deferral), in a ``due_changes`` entry added with the
    change, whose ``was`` is the old due. An error, not a question: a board cannot see a slip nobody
    explained. A due set for the first time, or written more precisely, is not a change."""
    for om in movement.organisations:
        for d in om.due:
            if d.old is None or d.days == 0 or d.reason is not None:
                continue
            if d.new is None or d.days is None:
                moved = f"no longer has a due date (it was {d.old})"
            else:
                moved = f"is now due {d.new}, {abs(d.days)} days {'later' if d.days > 0 else 'earlier'} than {d.old}"
            yield Problem(
                d.place.path,
                d.place.line,
                d.place.col,
                "due-changed-without-reason",
                "error",
                f"action {d.id!r} of {om.organisation!r} {moved}, with no reason: {_remedy(om.organisation, d)}",
            )


def _remedy(org: str, d: DueMove) -> str:
    """How to record the reason for a due date already changed by hand (the edit command cannot
    re-date an action to the date it already has)."""
    entry = f"add to its `due_changes` an entry with `date`, `was: {d.old}` and `reason`"
    if d.new is None:
        return entry
    return (
        f"{entry}, or put `due` back to {d.old} and run francis action update {org} {d.id} --due {d.new} --reason WHY"
    )


RULES: tuple[Rule, ...] = (rating_improved, done_without_note, due_changed_without_reason)


def review(movement: Movement) -> list[Problem]:
    return [p for rule in RULES for p in rule(movement)]


def signoffs(then: Corpus, now: Corpus) -> Iterator[Problem]:
    """A change may not quietly change approved content: an assessment or action whose content a
    sign-off approved at the revision, changed since with no sign-off of the new content, is an
    error; so is, when francis.yaml requires sign-off of completed actions, an action the change
    completes without one. Judged on the two loaded trackers, not on the movement: what counts is
    the fingerprint, not the fields a diff shows."""
    before: dict[tuple[str, ...], AssessmentEntry | ActionEntry] = {_key(e): e for e in _entries(then)}
    require = now.config.signoff.require_for_done
    yield from _deleted(before, now)
    for entry in _entries(now):
        old = before.get(_key(entry))
        was_done = isinstance(old, ActionEntry) and old.model.status == "done"
        signed = old is not None and bool(old.model.signoffs) and approved(old.model.signoffs, fingerprint(old.model))
        completes = require and isinstance(entry, ActionEntry) and entry.model.status == "done" and not was_done
        if not (signed or completes):
            continue
        content = fingerprint(entry.model)
        if approved(entry.model.signoffs, content):
            continue
        what = _what(entry)
        if signed and old is not None and fingerprint(old.model) != content:
            yield entry.at.problem(
                "signed-off-changed",
                f"{what} of {entry.organisation!r} was signed off, and this change alters it with no new sign-off: "
                "have it approved again (francis signoff)",
            )
        elif completes:
            yield entry.at.problem(
                "completed-without-signoff",
                f"{what} of {entry.organisation!r} is completed by this change with no sign-off of it (francis "
                "signoff); francis.yaml's `signoff: require_for_done` asks for one",
                at="status",
            )


def voided_signoffs(then: Corpus, now: Corpus) -> Iterator[tuple[AssessmentEntry | ActionEntry, SignOff]]:
    """Each sign-off that approved an item as it stood in ``then`` and does not approve it as it
    stands in ``now`` (the latest of each role, in the order they were made): what a change voids.
    Only items with sign-offs are fingerprinted."""
    before = {_key(e): e for e in _entries(then) if e.model.signoffs}
    if not before:
        return
    for entry in _entries(now):
        old = before.get(_key(entry))
        if old is None:
            continue
        was, content = fingerprint(old.model), fingerprint(entry.model)
        if was == content:
            continue
        current = {s.by: s for s in old.model.signoffs if s.fingerprint == was}
        again = {s.by for s in entry.model.signoffs if s.fingerprint == content}
        for s in current.values():
            if s.by not in again:
                yield entry, s


_KEEP = {
    "assessment": "keep it (`applicable: false` with a `reason`, if it no longer applies)",
    "action": "keep it (`status: dropped`, with a progress note saying why)",
}


def _deleted(before: dict[tuple[str, ...], AssessmentEntry | ActionEntry], now: Corpus) -> Iterator[Problem]:
    """A signed-off item the change deletes is a change of approved content that no new sign-off can
    approve: reported at the list that held it (or, with its file gone, where it stood)."""
    gone = before.keys() - {_key(e) for e in _entries(now)}
    files = {f.rel: f for f in now.files}
    for key in sorted(gone):
        old = before[key]
        if not (old.model.signoffs and approved(old.model.signoffs, fingerprint(old.model))):
            continue
        message = (
            f"{_what(old)} of {old.organisation!r} was signed off, and this change deletes it: {_KEEP[key[0]]} "
            "and have the change approved (francis signoff)"
        )
        file = files.get(old.at.file.rel)
        if file is None:
            yield old.at.problem("signed-off-changed", message)
        else:
            yield file.problem(old.at.path[:-1], "signed-off-changed", message, key=True)


def _entries(corpus: Corpus) -> Iterator[AssessmentEntry | ActionEntry]:
    yield from corpus.assessments
    yield from corpus.actions


def _key(entry: AssessmentEntry | ActionEntry) -> tuple[str, ...]:
    if isinstance(entry, AssessmentEntry):
        return ("assessment", entry.organisation, entry.set, str(entry.model.recommendation))
    return ("action", entry.organisation, entry.model.id)


def _what(entry: AssessmentEntry | ActionEntry) -> str:
    if isinstance(entry, AssessmentEntry):
        return f"recommendation {entry.model.recommendation}"
    return f"action {entry.model.id!r}"
