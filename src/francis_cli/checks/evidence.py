"""Rules of assurance: evidence recorded where it says it is, owned by a role, and current; the
assurance and the best rating it supports; and sign-offs bound to what they approved.

Why here and not in the assessment and workplan rules: evidence and sign-off are the same on an
assessment and on an action, and a board asks of both the one question "on what evidence, approved
by whom?". Staleness is judged on a day (today for ``check``), as the response clock is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path, PurePosixPath

from ..models.assessment import Evidence, SignOff, fingerprint
from ..models.vocab import ASSURANCE_LEVELS
from ..problems import Problem, hint
from ..tracker.corpus import ActionEntry, AssessmentEntry, Corpus

SUPPORTED = ("reasonable", "substantial")
"""Levels of assurance that need current recorded evidence (the board's "reasonable or better")."""


def evidence(corpus: Corpus, as_of: date | None = None) -> Iterator[Problem]:
    """Every rule of this family over the tracker, staleness judged on ``as_of`` (default today)."""
    day = as_of if as_of is not None else date.today()
    best = corpus.ratings[-1].id if len(corpus.ratings) > 1 else None
    for a in corpus.assessments:  # the tests before each call keep a national tracker's check cheap
        m = a.model
        if m.evidence and not all(isinstance(e, str) for e in m.evidence):
            yield from _records(corpus, a, day)
        if m.assurance in SUPPORTED or (best is not None and m.rating == best):
            yield from _assessment_assurance(a, day, best)
        if m.signoffs:
            yield from _signoffs(corpus, a)
    for act in corpus.actions:
        if act.model.evidence and not all(isinstance(e, str) for e in act.model.evidence):
            yield from _records(corpus, act, day)
        if act.model.signoffs:
            yield from _signoffs(corpus, act)
        if act.model.signoffs or (corpus.config.signoff.require_for_done and act.model.status == "done"):
            yield from _action_signoffs(corpus, act)


def _what(entry: AssessmentEntry | ActionEntry) -> str:
    if isinstance(entry, AssessmentEntry):
        return f"recommendation {entry.model.recommendation}"
    return f"action {entry.model.id!r}"


def tracker_root(corpus: Corpus, rel: str) -> Path:
    """The root of the tracker a file belongs to: this one, or an included one (``include:``)."""
    cut = max(rel.rfind("data/assessments/"), rel.rfind("data/workplan/"))
    return corpus.root / rel[:cut] if cut > 0 else corpus.root


def _records(corpus: Corpus, entry: AssessmentEntry | ActionEntry, day: date) -> Iterator[Problem]:
    """Each record's location exists (a path), its owner is a role, and it has not lapsed."""
    at, what = entry.at, _what(entry)
    org = corpus.organisation(entry.organisation)
    root = tracker_root(corpus, at.file.rel)
    for i, item in enumerate(entry.model.evidence):
        if isinstance(item, str):
            continue
        where = (*at.path, "evidence", i)
        missing = None if item.is_url else missing_path(root, item.location)
        if missing:
            yield at.file.problem((*where, "location"), "evidence-missing", f"evidence {item.title!r}: {missing}")
        if org is not None and item.owner is not None and item.owner not in org.roles:
            yield at.file.problem(
                (*where, "owner"),
                "unknown-role",
                f"{entry.organisation!r} has no role {item.owner!r} "
                f"(roles are listed in data/organisations.yaml){hint(item.owner, org.roles)}",
            )
        if item.stale(day):
            yield at.file.problem(
                (*where, _lapsing_key(item)), "evidence-stale", _stale_words(entry, item, what), severity="warning"
            )


def missing_path(root: Path, location: str) -> str | None:
    """What is wrong with a repository path, or None when it names a file or folder of the tracker."""
    path = PurePosixPath(location.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in location.split("/")[0]:
        return f"{location!r} is not a path inside the tracker nor a URL (https://...)"
    try:
        st = os.stat(root / path)
        inside = Path(os.path.realpath(root / path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return f"no file or folder {location!r} in the repository (a path from the tracker's root)"
    if not inside:  # a symlink: what it names is not the repository's, and may not be there tomorrow
        return f"{location!r} leads outside the tracker (through a symlink)"
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return f"{location!r} is not a file or folder"
    return None


def _lapsing_key(item: Evidence) -> str:
    return item.lapsing or "expires"


def _stale_words(entry: AssessmentEntry | ActionEntry, item: Evidence, what: str) -> str:
    lapses = item.lapses
    assert lapses is not None
    said = "was due for review" if _lapsing_key(item) == "review" else "expired"
    rests = ""
    if isinstance(entry, AssessmentEntry) and entry.model.rating is not None:
        rests = f"; the rating {entry.model.rating!r} rests on it"
    return (
        f"evidence {item.title!r} of {what} {said} on {lapses.isoformat()}{rests}: review it, and record the new date"
    )


def current(items: Sequence[str | Evidence], day: date) -> bool:
    """Whether any item is recorded evidence that has not lapsed on ``day`` (a description is not)."""
    return any(not isinstance(e, str) and not e.stale(day) for e in items)


def _assessment_assurance(entry: AssessmentEntry, day: date, best: str | None) -> Iterator[Problem]:
    """Reasonable assurance or better (an error), and the scheme's best rating (a warning), need
    current recorded evidence."""
    a, what = entry.model, _what(entry)
    if current(a.evidence, day):
        return
    lapsed = any(not isinstance(e, str) for e in a.evidence)
    why = "its recorded evidence has lapsed" if lapsed else "no evidence is recorded (title, location, dates)"
    if a.assurance in SUPPORTED:
        yield entry.at.problem(
            "assurance-without-evidence",
            f"{what} claims {ASSURANCE_LEVELS[a.assurance].lower()} but {why}: record current evidence, "
            "or lower the assurance",
            at="assurance",
        )
    if best is not None and a.rating == best:
        yield entry.at.problem(
            "rating-without-evidence",
            f"{what} is rated {best!r}, the best of the scheme, but {why}",
            at="rating",
            severity="warning",
        )


def _signoffs(corpus: Corpus, entry: AssessmentEntry | ActionEntry) -> Iterator[Problem]:
    """Each sign-off is by a role of the organisation; the content is what one of them approved.
    (Only an item with sign-offs is fingerprinted: the rest of a tracker costs nothing.)"""
    org_id, at, signoffs, what = entry.organisation, entry.at, entry.model.signoffs, _what(entry)
    org = corpus.organisation(org_id)
    for i, s in enumerate(signoffs):
        if org is not None and s.by not in org.roles:
            yield at.file.problem(
                (*at.path, "signoffs", i, "by"),
                "unknown-role",
                f"{org_id!r} has no role {s.by!r} (roles are listed in data/organisations.yaml){hint(s.by, org.roles)}",
            )
    if not approved(signoffs, fingerprint(entry.model)):
        last = signoffs[-1]
        yield at.file.problem(
            (*at.path, "signoffs", len(signoffs) - 1, "fingerprint"),
            "signoff-stale",
            f"{what} of {org_id!r} changed after {last.by} signed it off on {last.date.isoformat()}: "
            "it must be approved again (francis signoff)",
            severity="warning",
        )


def _action_signoffs(corpus: Corpus, entry: ActionEntry) -> Iterator[Problem]:
    """Segregation of duties: no sign-off by the action's own lead (unless francis.yaml allows it);
    and, when francis.yaml asks, a done action has a sign-off of its content as it stands."""
    act, rules = entry.model, corpus.config.signoff
    if not rules.allow_lead:
        for i, s in enumerate(act.signoffs):
            if s.by in act.lead:
                yield entry.at.file.problem(
                    (*entry.at.path, "signoffs", i, "by"),
                    "signoff-by-lead",
                    f"action {act.id!r} is signed off by {s.by}, its own lead: another role must approve it "
                    "(or set `signoff: allow_lead: true` in francis.yaml)",
                )
    if rules.require_for_done and act.status == "done" and not approved(act.signoffs, fingerprint(act)):
        yield entry.at.problem(
            "signoff-missing",
            f"action {act.id!r} is done but no sign-off approves it as it stands (francis signoff)",
            at="status",
            severity="warning",
        )


def approved(signoffs: Sequence[SignOff], now: str) -> bool:
    """Whether a sign-off approved exactly the content whose fingerprint is ``now``."""
    return any(s.fingerprint == now for s in signoffs)
