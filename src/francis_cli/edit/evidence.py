"""Recording evidence: an ``evidence`` record appended to an assessment's or an action's list,
checked as ``francis check`` would check it before anything is read back or written.

Why the checks are made here as well as by the edit's validation: a mistyped path or role is the
commonest slip, and the refusal should be one line saying what is wrong with the option given,
not a problem at a line of a file the user has not yet seen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..checks.evidence import missing_path, tracker_root
from ..errors import UserError
from ..models.assessment import Evidence
from ..problems import hint
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus
from .actions import ACTION_KEYS
from .assessments import ASSESSMENT_KEYS
from .files import FileChange, finish, read_doc
from .refs import find_item

Record = dict[str, str]
"""An evidence record as it is written: its keys in the order the format documents them."""


def evidence_record(
    title: str,
    location: str,
    *,
    produced: date | None = None,
    owner: str | None = None,
    expires: date | None = None,
    review: date | None = None,
) -> Record:
    """The record ``evidence add`` writes, from its options: each refused in one line when it is
    empty, when both a review and an expiry day are given, or when either comes before ``produced``."""
    title, location = " ".join(title.split()), location.strip()
    for option, text in (("--title", title), ("--location", location)):
        if not text:
            raise UserError(f"{option} is empty")
    if owner is not None and not owner.strip():
        raise UserError("--owner is empty")
    if expires is not None and review is not None:
        raise UserError("give --expires (the day it no longer holds) or --review (the day to look again), not both")
    for option, day in (("--expires", expires), ("--review", review)):
        if day is not None and produced is not None and day < produced:
            raise UserError(f"{option} ({day.isoformat()}) is before --produced ({produced.isoformat()})")
    values = {
        "title": title,
        "location": location,
        "produced": produced.isoformat() if produced is not None else None,
        "owner": owner.strip() if owner is not None else None,
        "review": review.isoformat() if review is not None else None,
        "expires": expires.isoformat() if expires is not None else None,
    }
    return {k: v for k, v in values.items() if v is not None}


def add_evidence(
    root: Path,
    corpus: Corpus,
    org: str,
    ref: str,
    record: Record,
    *,
    set_id: str | None = None,
    today: date | None = None,
    say: Callable[[str], None] = lambda line: None,
) -> FileChange:
    """Append ``record`` to the evidence of what ``ref`` names. A role the organisation lacks, a path
    not in the tracker and a record already there are usage errors; a record already lapsed on
    ``today`` is written, with a note that ``check`` will call it stale."""
    entry = find_item(corpus, org, ref, set_id)
    _refuse_unknown_owner(corpus, org, record.get("owner"))
    rel = entry.at.file.rel
    evidence = Evidence.model_construct(title=record["title"], location=record["location"])
    missing = None if evidence.is_url else missing_path(tracker_root(corpus, rel), evidence.location)
    if missing:
        raise UserError(f"--location: evidence {evidence.title!r}: {missing}")
    what = _what(entry, corpus)
    for item in entry.model.evidence:
        if isinstance(item, Evidence) and (item.title, item.location) == (evidence.title, evidence.location):
            raise UserError(
                f"{what} already has evidence {item.title!r} at {item.location}: nothing to change "
                "(edit the record in the file to change its dates)"
            )
    lapses = min((date.fromisoformat(record[k]) for k in ("review", "expires") if k in record), default=None)
    if lapses is not None and lapses < (today or date.today()):
        say(f"note: evidence {evidence.title!r} lapsed on {lapses.isoformat()}: `francis check` will call it stale")
    raw, doc = read_doc(root, rel)
    order = ASSESSMENT_KEYS if isinstance(entry, AssessmentEntry) else (*ACTION_KEYS, "evidence", "signoffs")
    doc.add_items((*entry.at.path, "evidence"), [record], order=order)
    return finish(rel, raw, doc, f"added evidence {evidence.title!r} to {what} in {rel}")


def _refuse_unknown_owner(corpus: Corpus, org: str, owner: str | None) -> None:
    organisation = corpus.organisation(org)
    roles = organisation.roles if organisation is not None else {}
    if owner is not None and owner not in roles:
        listed = ", ".join(roles) or "none yet"
        raise UserError(f"--owner {owner!r} is not a role of {org!r} (its roles: {listed}){hint(owner, roles)}")


def _what(entry: AssessmentEntry | ActionEntry, corpus: Corpus) -> str:
    """``merton-ccg 132`` (``merton-ccg other-set:4`` outside the default set), or ``merton-ccg action 3.2``."""
    if isinstance(entry, ActionEntry):
        return f"{entry.organisation} action {entry.model.id}"
    number = entry.model.recommendation
    return f"{entry.organisation} {number if entry.set == corpus.config.default_set else f'{entry.set}:{number}'}"
