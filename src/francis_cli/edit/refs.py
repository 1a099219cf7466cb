"""What ``REF`` names among one organisation's items, for every edit that takes ``ORG REF``
(``signoff``, ``evidence add``): its assessment of a recommendation, or one of its actions.

Why one function: a workplan may number its actions 1, 2, … like the recommendations, and a
command that read a bare ``1`` differently from its neighbour would sign off or record evidence on
the wrong item without a word. So ``SET:NUMBER`` is always the assessment, ``ORG:ID`` always the
action, and a bare id that could be either is refused rather than guessed.
"""

from __future__ import annotations

from ..errors import UserError
from ..models.vocab import recommendation_number
from ..problems import hint
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from .files import check_org


def find_item(corpus: Corpus, org: str, ref: str, set_id: str | None = None) -> AssessmentEntry | ActionEntry:
    """What ``ref`` names for ``org``: ``132`` or ``SET:132`` its assessment of that recommendation
    (in ``set_id``, default the tracker's set), ``3.2`` or ``ORG:3.2`` its action of that id. A bare
    id that is both an assessed number and an action id is refused as ambiguous."""
    check_org(corpus, org)
    ref = ref.strip()
    prefix, sep, rest = ref.partition(":")
    if not sep:
        return _bare(corpus, org, ref, set_id)
    if prefix == org:
        return _action(corpus, org, rest.strip())
    if prefix in corpus.organisations:
        raise UserError(f"{ref!r} is of organisation {prefix!r}, not of ORG {org!r}: give one organisation")
    if prefix not in corpus.sets:
        raise UserError(
            f"{prefix!r} in {ref!r} is neither a recommendation set nor {org!r}: write 132, SET:132, 3.2 or "
            f"{org}:3.2{hint(prefix, list(corpus.sets))}"
        )
    if set_id is not None and set_id != prefix:
        raise UserError(f"{ref!r} is of set {prefix!r}, not --set {set_id!r}: give one of them")
    number = recommendation_number(rest)
    if number is None:
        raise UserError(f"{ref!r}: a recommendation is written SET:NUMBER, like {prefix}:132")
    found = corpus.assessed.get((org, prefix), {}).get(number)
    if found is None:
        raise UserError(f"{org!r} has no assessment of recommendation {number} in set {prefix!r}")
    return found


def _bare(corpus: Corpus, org: str, ref: str, set_id: str | None) -> AssessmentEntry | ActionEntry:
    """A ref without a prefix: the assessment or the action, whichever exists; both is ambiguous."""
    set_id = set_id or corpus.config.default_set
    number = recommendation_number(ref)
    assessed = corpus.assessed.get((org, set_id), {}).get(number) if number is not None else None
    actions = [e for e in corpus.actions_of.get(org, []) if e.model.id == ref]
    if assessed is not None and actions:
        raise UserError(
            f"{ref!r} is both an assessment of recommendation {number} and an action of {org!r}: "
            f"write {set_id}:{number} for the assessment or {org}:{ref} for the action"
        )
    if assessed is not None:
        return assessed
    if not actions and number is not None:
        raise UserError(
            f"{org!r} has no assessment of recommendation {number} in set {set_id!r}, nor an action {ref!r}"
        )
    return _action(corpus, org, ref)


def _action(corpus: Corpus, org: str, action_id: str) -> ActionEntry:
    found = [e for e in corpus.actions_of.get(org, []) if e.model.id == action_id]
    if len(found) > 1:
        raise UserError(f"{org!r} has action {action_id!r} twice; fix that first (`francis check`)")
    if not found:
        ids = [e.model.id for e in corpus.actions_of.get(org, [])]
        raise UserError(f"{org!r} has no action {action_id!r}{hint(action_id, ids, n=3)}")
    return found[0]


def item_ref(corpus: Corpus, entry: AssessmentEntry | ActionEntry) -> str:
    """What to write as ``REF`` for ``entry`` so that ``find_item`` reads it back: the bare number or
    id where that names only it, else ``SET:NUMBER`` or ``ORG:ID``."""
    org, default = entry.organisation, corpus.config.default_set
    if isinstance(entry, AssessmentEntry):
        number = str(entry.model.recommendation)
        clash = any(a.model.id == number for a in corpus.actions_of.get(org, []))
        return number if entry.set == default and not clash else f"{entry.set}:{number}"
    action_id = entry.model.id
    number_of = recommendation_number(action_id)
    assessed = number_of is not None and number_of in corpus.assessed.get((org, default or ""), {})
    return f"{org}:{action_id}" if assessed or ":" in action_id else action_id
