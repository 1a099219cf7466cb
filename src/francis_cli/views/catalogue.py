"""What a catalogue still lacks (``francis catalogue show``): the numbers not yet transcribed, and
those without a theme, a title, a source, an addressee or (where the set records any) the Government's
response.

Why: a catalogue is typed in over days, from a report of hundreds of pages; the person doing it
needs the list of what is left, as number ranges to work through, not the file read end to end.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserError
from ..models.numbers import RecNumber, number_key
from ..models.recommendation import Recommendation
from ..models.vocab import number_ranges
from ..problems import hint
from ..tracker.corpus import Corpus

GAPS = (
    ("text", "Not transcribed"),
    ("theme", "No theme"),
    ("title", "No title"),
    ("source", "No source"),
    ("addressees", "No addressee"),
    ("government_response", "No government response"),
)
"""What may be missing from a recommendation, as the table names it, in the order it lists them."""


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing missing: the key the file lacks, its label, and the numbers that lack it."""

    key: str
    label: str
    numbers: list[RecNumber]

    @property
    def ranges(self) -> str:
        """``4, 6, 11, 22–23``: the numbers as a reader scans them ('—' for none)."""
        return number_ranges(self.numbers).replace("-", "–") or "—"


@dataclass(frozen=True, slots=True)
class CatalogueView:
    """A set's figures: its recommendations, how many have a text, and each gap."""

    set: str
    title: str
    file: str
    total: int
    transcribed: int
    gaps: list[Gap]

    @property
    def summary(self) -> str:
        """The one line under the table: ``218 of 290 transcribed``, and whether anything else is missing."""
        line = f"{self.transcribed} of {self.total} transcribed"
        if not self.total:
            return f"{line}: no recommendations yet (francis catalogue add {self.set} NUMBER --text-file FILE)"
        rest = sum(1 for gap in self.gaps if gap.key != "text" and gap.numbers)
        return f"{line}; nothing else missing" if not rest else line


def catalogue(corpus: Corpus, set_id: str) -> CatalogueView:
    """What set ``set_id`` lacks; a UserError naming the sets there are when it is not in the tracker."""
    entries = corpus.sets.get(set_id)
    if not entries:
        known = ", ".join(sorted(corpus.sets)) or "none yet"
        raise UserError(f"no recommendation set {set_id!r} in this tracker (sets: {known}){hint(set_id, corpus.sets)}")
    entry = entries[0]
    recs = sorted(entry.numbers.values(), key=lambda r: number_key(r.number))
    recorded = any(r.government_response is not None for r in recs)
    gaps = [
        Gap(key, label, [r.number for r in recs if _lacks(r, key)])
        for key, label in GAPS
        if key != "government_response" or recorded
    ]
    transcribed = len(recs) - len(gaps[0].numbers)
    return CatalogueView(entry.model.set, entry.model.title, entry.at.file.rel, len(recs), transcribed, gaps)


def _lacks(rec: Recommendation, key: str) -> bool:
    value = getattr(rec, key)
    return value is None or value == [] or (isinstance(value, str) and not value.strip())
