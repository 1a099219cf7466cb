"""Review rules: what a board would question in a change, judged on its movement.

Each rule is a pure function of a ``Movement`` yielding warnings at the newer file's line
and column (``--strict`` makes them errors). They look at a change, not at a state: a green
rating is fine; a rating that became green with nothing said about why is worth a question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..problems import Problem
from ..tracker.movement_items import Movement, Place

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


def due_moved_without_note(movement: Movement) -> Iterator[Problem]:
    """A due date moved later is slippage: the board needs a progress note saying why."""
    for om in movement.organisations:
        for d in om.due:
            if d.later and d.new_notes == 0:
                yield _at(
                    d.place,
                    "due-moved-without-note",
                    f"action {d.id!r} of {om.organisation!r} is now due {d.new}, {d.days} days later "
                    f"than {d.old}, with no new progress note saying why",
                )


RULES: tuple[Rule, ...] = (rating_improved, done_without_note, due_moved_without_note)


def review(movement: Movement) -> list[Problem]:
    return [p for rule in RULES for p in rule(movement)]
