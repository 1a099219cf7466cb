"""Editing gap assessments: an assessment set where it stands, a new one in number order (in
place of its commented skeleton entry), a position tidied as the bundled files hold it, and the
values an assessment may take (a rating of the tracker's scheme, a number its set has)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..models.numbers import REF_DIGITS, NumberError, RecNumber, number_key, parse_number
from ..models.numbers import number_ranges as _ranges
from ..models.vocab import ASSURANCE_LEVELS, DECISIONS
from ..problems import hint
from ..tracker.corpus import Corpus
from ..yamlio.splice import TextDoc
from .files import FileChange, check_org, finish, free_rel, new_file, read_doc

ASSESSMENT_KEYS = (
    "recommendation",
    "rating",
    "position",
    "evidence",
    "actions",
    "applicable",
    "decision",
    "decided",
    "decided_by",
    "reason",
    "assurance",
    "signoffs",
)
SKELETON = r"^[ \t]*# ?- recommendation: {n}\b.*\n(?:[ \t]*#   .*\n)*"
"""A commented entry of the skeleton ``francis init`` writes; an assessment of that number replaces it."""


def edit_assessments(
    root: Path, corpus: Corpus, org: str, updates: Sequence[dict[str, Any]], *, set_id: str | None = None
) -> list[FileChange]:
    """Create or update assessments of ``org``; each update holds ``recommendation`` and the keys to set.

    An existing assessment is edited where it stands; a new one goes into the organisation's
    assessment file in number order (replacing its commented skeleton entry), or a new file.
    """
    check_org(corpus, org)
    set_id = set_id or corpus.config.default_set
    _refuse_unknown(corpus, set_id, updates)
    where = {
        e.model.recommendation: (e.at.file.rel, e.at.path)
        for e in corpus.assessments
        if e.organisation == org and e.set == set_id
    }
    updates = [_applicability(corpus, org, set_id, u) for u in updates]
    files = sorted(
        f.rel
        for f in corpus.files_of("assessments")
        if f.model.organisation == org and (f.model.set or corpus.config.default_set) == set_id
    )
    docs: dict[str, tuple[bytes | None, TextDoc | None, list[dict[str, Any]]]] = {}
    home = files[0] if files else free_rel(root, "assessments", org, set())
    for update in updates:
        number = update["recommendation"]
        rel = where[number][0] if number in where else home
        if rel not in docs:
            docs[rel] = (*read_doc(root, rel), []) if (root / rel).exists() else (None, None, [])
        raw, doc, new = docs[rel]
        if number in where:
            path = where[number][1]
            for key, value in update.items():
                if key != "recommendation":
                    assert doc is not None
                    doc.set(path, key, value, ASSESSMENT_KEYS)
        else:
            new.append(update)
            where[number] = (rel, ())
    changes: list[FileChange] = []
    for rel, (raw, doc, new) in docs.items():
        new.sort(key=lambda u: number_key(u["recommendation"]))
        if doc is None:
            data = {
                "organisation": org,
                "set": set_id if set_id != corpus.config.default_set else None,
                "assessments": new,
            }
            changes.append(new_file(rel, {k: v for k, v in data.items() if v is not None}))
            continue
        _insert_in_order(doc, new)
        assert raw is not None
        changes.append(finish(rel, raw, doc, ""))
    return changes


def _applicability(corpus: Corpus, org: str, set_id: str, update: dict[str, Any]) -> dict[str, Any]:
    """A decision of not-applicable goes with ``applicable: false`` (``decision-conflict``): written
    with it, and refused on an assessment that is, or would be, rated."""
    if update.get("decision") != "not-applicable":
        return update
    number = update["recommendation"]
    found = corpus.assessed.get((org, set_id), {}).get(number)
    rating = update.get("rating") or (found.model.rating if found is not None and found.model.applicable else None)
    if rating is not None:
        raise UserError(
            f"recommendation {number} is rated {rating}: a not-applicable one has no rating "
            "(remove the rating, or give another --decision)"
        )
    keys = list(update)
    values = {**update, "applicable": False}
    order = [k for k in ASSESSMENT_KEYS if k in keys or k == "applicable"]
    return {k: values[k] for k in order}


def _refuse_unknown(corpus: Corpus, set_id: str, updates: Sequence[dict[str, Any]]) -> None:
    for update in updates:
        unknown = unknown_number(corpus, set_id, update["recommendation"])
        if unknown:
            raise UserError(unknown)


def _insert_in_order(doc: TextDoc, new: Sequence[dict[str, Any]]) -> None:
    """New assessments into the file in number order, each in place of its skeleton entry if any."""
    items = doc.data.get("assessments")
    numbers = [a.get("recommendation") for a in items] if isinstance(items, list) else []
    text = doc.text.replace("\r\n", "\n")
    skeletons = [re.search(SKELETON.format(n=re.escape(str(u["recommendation"]))), text, re.M) for u in new]
    if doc.nl != "\n" or None in skeletons:  # one without its comment would land out of order: use none
        skeletons = [None] * len(new)
    for update, skeleton in zip(new, skeletons, strict=True):
        key = number_key(update["recommendation"])
        before = next((i for i, n in enumerate(numbers) if (k := _key_of(n)) is not None and k > key), None)
        span = skeleton.span() if skeleton is not None else None
        doc.add_items(
            ("assessments",), [update], before=before, order=("organisation", "set", "assessed"), replace=span
        )


def _key_of(value: object) -> tuple[str, int, int, int] | None:
    """The order of a number as a file holds it (None for one that is not a number)."""
    try:
        return number_key(parse_number(value))
    except NumberError:
        return None


def number_option(text: str) -> RecNumber:
    """``REC`` as a number (``132``, ``2(a)``, ``2ii``, ``IEA 1.3``); a UserError saying how to write one."""
    try:
        return parse_number(text, digits=REF_DIGITS)
    except NumberError as e:
        raise UserError(f"REC: {e}") from None


def current_position(corpus: Corpus, org: str, recommendation: RecNumber) -> str | None:
    """The position an organisation holds against a recommendation now (what ``--edit`` starts from)."""
    return next(
        (
            e.model.position
            for e in corpus.assessments
            if e.organisation == org and e.model.recommendation == recommendation
        ),
        None,
    )


def tidy_position(text: str) -> str:
    """A position written as prose: lines of a paragraph joined, paragraphs (blank-line separated)
    one line each, as the bundled assessments hold them."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    tidy = "\n".join(" ".join(line.strip() for line in p.split("\n") if line.strip()) for p in paragraphs).strip()
    if not tidy:
        raise UserError("the position is empty")
    return tidy


def number_ranges(numbers: Iterable[RecNumber]) -> str:
    """``1–290``, ``1–3, 5, 7–9``: the numbers a set has, as a reader scans them."""
    return _ranges(numbers).replace("-", "–")


def unknown_number(corpus: Corpus, set_id: str, number: RecNumber) -> str | None:
    """What is wrong with assessing ``number`` against ``set_id``, or None (also when the set did not load)."""
    rec_set = corpus.set(set_id)
    if rec_set is None or "recommendations" in corpus.incomplete or number in rec_set.numbers:
        return None
    return f"set {set_id!r} has no recommendation {number} (it has {number_ranges(rec_set.numbers)})"


def rating_option(root: Path, value: str | None) -> str | None:
    """``--rating`` as the id of a rating of francis.yaml's scheme (any case); a UserError naming them.

    Only francis.yaml is read, so that a mistyped rating is refused before any data file is.
    """
    if value is None:
        return None
    scheme = _scheme(root)
    ratings = [r.id for r in scheme] if scheme is not None else []
    word = value.strip().lower()
    if scheme is not None and word not in ratings:
        raise UserError(f"--rating {value!r} is not one of {', '.join(ratings)}{hint(word, ratings)}")
    return word


def _scheme(root: Path) -> Sequence[Any] | None:
    """The rating scheme of francis.yaml (the default one without it); None when francis.yaml does
    not validate: ``francis check`` says why, and the edit's own validation refuses what it must."""
    from pydantic import ValidationError

    from ..models.config import DEFAULT_RATINGS, TrackerConfig
    from ..tracker.paths import CONFIG_FILE
    from ..tracker.read import read_text
    from ..tracker.sources import WorkTree
    from ..yamlio.read import parse
    from ..yamlio.values import Limits

    config = root / CONFIG_FILE
    if not config.is_file() or (config.is_symlink() and root.resolve() not in config.resolve().parents):
        return DEFAULT_RATINGS  # as the loader: a settings file leading outside the tracker is not read
    text, _ = read_text(WorkTree(root), CONFIG_FILE, Limits())
    doc = parse(text) if text is not None else None
    if doc is None or doc.problems or not isinstance(doc.data, dict):
        return None
    try:
        return TrackerConfig.model_validate(doc.data).ratings
    except ValidationError:
        return None


def decision_option(value: str | None) -> str | None:
    """``--decision`` in any case, spaces for hyphens (``Accepted in part``); a UserError naming them."""
    if value is None:
        return None
    word = re.sub(r"[\s_]+", "-", value.strip().lower())
    if word not in DECISIONS:
        raise UserError(f"--decision {value!r} is not one of {', '.join(DECISIONS)}{hint(word, DECISIONS)}")
    return word


def assurance_option(value: str | None) -> str | None:
    """``--assurance`` in any case, spaces for hyphens; ``none`` for ``no-assurance``, as boards say it."""
    if value is None:
        return None
    word = re.sub(r"[\s_]+", "-", value.strip().lower())
    word = "no-assurance" if word in ("none", "no") else word
    if word not in ASSURANCE_LEVELS:
        levels = ", ".join(ASSURANCE_LEVELS)
        raise UserError(f"--assurance {value!r} is not one of {levels}{hint(word, ASSURANCE_LEVELS)}")
    return word


def assessment_update(
    recommendation: RecNumber,
    rating: str | None,
    position: str | None,
    *,
    decision: str | None = None,
    reason: str | None = None,
    decided: date | None = None,
    decided_by: str | None = None,
    assurance: str | None = None,
) -> dict[str, Any]:
    """What ``francis assess`` sets: the rating, the tidied position, the decision, when and by whom
    it was made, and the reason given (at least one). A decision other than accepted needs a reason,
    given now or already in the file: the edit's validation says so where it is missing."""
    words = {"reason": reason, "decided_by": decided_by}
    for key, text in words.items():
        if text is not None and not text.strip():
            raise UserError(f"--{key.replace('_', '-')} is empty")
    values: dict[str, Any] = {
        "rating": rating,
        "position": tidy_position(position) if position is not None else None,
        "decision": decision_option(decision),
        "decided": decided.isoformat() if decided is not None else None,
        "decided_by": decided_by.strip() if decided_by is not None else None,
        "reason": " ".join(reason.split()) if reason is not None else None,
        "assurance": assurance_option(assurance),
    }
    if all(v is None for v in values.values()):
        raise UserError(
            "nothing to change: give --rating, a position, --decision, --decided, --decided-by, --reason or --assurance"
        )
    return {"recommendation": recommendation, **{k: v for k, v in values.items() if v is not None}}
