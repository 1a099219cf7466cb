"""Rules on the recommendation sets: duplicate sets, themes and numbers, unknown themes, what is
not yet transcribed, a response clock that cannot be worked out, an included tracker whose
catalogue differs, and a link (``repeats``, ``related``) to a recommendation the tracker lacks."""

from __future__ import annotations

from collections.abc import Iterator

from ..models.numbers import RecNumber, parent_of
from ..models.recommendation import Recommendation, split_link
from ..models.vocab import number_ranges
from ..problems import Problem, hint
from ..tracker.corpus import Corpus, Located, SetEntry
from .common import again, silenced


def catalogue(corpus: Corpus) -> Iterator[Problem]:
    included = list(corpus.config.include)
    for set_id, entries in corpus.sets.items():
        first = entries[0]
        for dup in entries[1:]:
            if _tracker_of(dup.at.file.rel, included) == _tracker_of(first.at.file.rel, included):
                yield dup.at.problem("duplicate-set", again("set", set_id, first.at), at="set")
            elif dup.model != first.model:
                yield dup.at.problem(
                    "catalogue-mismatch",
                    f"set {set_id!r} differs from the one in "
                    f"{first.at.file.rel}: an included tracker must use the same catalogue",
                    at="set",
                )
        same = [
            e
            for e in entries[1:]
            if e.model == first.model
            and _tracker_of(e.at.file.rel, included) != _tracker_of(first.at.file.rel, included)
        ]
        for entry in (e for e in entries if not any(e is x for x in same)):  # an included copy: judged once
            themes: dict[str, int] = {}
            for i, theme in enumerate(entry.model.themes):
                if theme.id in themes:
                    yield entry.at.problem(
                        "duplicate-theme", f"theme {theme.id!r} is listed twice in this set", at="themes", item=i
                    )
                themes.setdefault(theme.id, i)
            yield from _clock(entry)
            seen: set[RecNumber] = set()
            missing: list[RecNumber] = []
            for i, rec in enumerate(entry.model.recommendations):
                path = entry.at.file.item_path(("recommendations",), i)
                at = Located(entry.at.file, path)
                if rec.number in seen:
                    yield at.problem(
                        "duplicate-recommendation",
                        f"recommendation {rec.number} is listed twice in set {set_id!r}",
                        at="number",
                    )
                seen.add(rec.number)
                if rec.theme is not None and rec.theme not in themes and "recommendations" not in corpus.incomplete:
                    yield at.problem(
                        "unknown-theme",
                        f"theme {rec.theme!r} is not among this set's themes{hint(rec.theme, themes)}",
                        at="theme",
                    )
                if (rec.repeats or rec.related) and "recommendations" not in corpus.incomplete:
                    yield from _links(corpus, at, rec)
                if rec.repeats or rec.related or len(rec.addressees) > 1:
                    yield from _twice(at, set_id, rec)
                if rec.text is None:
                    missing.append(rec.number)
                if (parent := parent_of(rec.number)) is not None and parent not in entry.numbers:
                    yield at.problem(
                        "missing-parent",
                        f"recommendation {rec.number} is a part of {parent}, which set {set_id!r} does not list",
                        at="number",
                        severity="warning",
                    )
            if missing and not silenced(corpus, "not-transcribed"):
                yield entry.at.problem(
                    "not-transcribed",
                    f"{len(missing)} of {len(entry.model.recommendations)} recommendations have no text yet: "
                    f"{number_ranges(missing)}",
                    at="recommendations",
                    severity="warning",
                    key=True,
                )


def _twice(at: Located, set_id: str, rec: Recommendation) -> Iterator[Problem]:
    """A link to the recommendation itself, a link or an addressee given twice: harmless to the
    figures, but ``show`` would list the link twice, and a self-link says nothing."""
    own = (set_id, rec.number)
    links: dict[object, str] = {}
    for key in ("repeats", "related"):
        for i, link in enumerate(getattr(rec, key)):
            target = split_link(link)  # so that 0173 and 173 are one number
            if target == own:
                yield at.problem(
                    "self-link",
                    f"`{key}` links recommendation {set_id}:{rec.number} to itself",
                    at=key,
                    item=i,
                    severity="warning",
                )
            elif target in links:
                yield at.problem(
                    "duplicate-link",
                    f"`{key}` lists {link} again (already in `{links[target]}`)",
                    at=key,
                    item=i,
                    severity="warning",
                )
            links.setdefault(target, key)
    addressees: set[str] = set()
    for i, addressee in enumerate(rec.addressees):
        if addressee in addressees:
            yield at.problem(
                "duplicate-addressee",
                f"addressee {addressee!r} is listed twice",
                at="addressees",
                item=i,
                severity="warning",
            )
        addressees.add(addressee)


def _links(corpus: Corpus, at: Located, rec: Recommendation) -> Iterator[Problem]:
    """Each link names a set of the tracker and a number that set has: a link to nowhere would be
    listed by ``show`` as if it led somewhere."""
    for key in ("repeats", "related"):
        for i, link in enumerate(getattr(rec, key)):
            set_id, number = split_link(link)
            target = corpus.sets.get(set_id)
            if not target:
                yield at.problem(
                    "unknown-set",
                    f"`{key}` links to {link}, but set {set_id!r} is not in this tracker{hint(set_id, corpus.sets)}",
                    at=key,
                    item=i,
                )
            elif number not in target[0].numbers:
                yield at.problem(
                    "unknown-recommendation",
                    f"`{key}` links to {link}, but set {set_id!r} has no recommendation {number}",
                    at=key,
                    item=i,
                )


def _clock(entry: SetEntry) -> Iterator[Problem]:
    """A set's response clock is one of ``respond_by`` or ``response_days`` (counted from ``published``)."""
    rs = entry.model
    if rs.response_days is not None and rs.respond_by is not None:
        yield entry.at.problem(
            "response-clock", "give `respond_by` or `response_days`, not both", at="response_days", key=True
        )
    elif rs.response_days is not None and rs.published is None:
        yield entry.at.problem(
            "response-clock",
            f"`response_days: {rs.response_days}` counts from `published`, which this set does not give",
            at="response_days",
            key=True,
        )


def _tracker_of(rel: str, included: list[str]) -> str:
    return next((p for p in included if rel.startswith(p.rstrip("/") + "/")), "")
