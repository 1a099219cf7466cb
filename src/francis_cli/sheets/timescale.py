"""Fuzzy timescales as NHS action plans write them → a francis ``due`` (due at the END of the period).

Action logs say "Summer 2013", "Sept 13", "Q3 2013/14", "end of March", "Immediate" or "TBC".
francis keeps the words verbatim in ``timeline`` and derives a ``due`` from them by the rules
the bundled Merton workplan documents: a month → that month; a season → its last month
(summer → August); NHS financial quarters (Q1 = April–June) and years (2013/14 → March 2014);
a month or season with no year → the first such month, or season's end, on or after the reference
date ("next spring" in July 2026 → May 2027); "Immediate" → the reference date; "year end" →
the end of the financial year; several dates → the last one named; nothing recognisable → no
due; a date of progress already made ("Paper written … May 13", "First meeting took place May
13") or of a first meeting ("Initial meeting May 13, to agreed plans.") is not a deadline → no
due, so that an action is not overdue from the month its work began. It never raises: any text
gives an answer.

Words that only say "soon" ("ASAP", "shortly", "next month") depend on the day they were
written, which a plan's cell does not record: they give no due, and ``vague`` names them so that
a command can refuse them rather than guess. ``describe`` says a due as a reader would.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

MONTHS: dict[str, int] = {}
for _n in range(1, 13):
    MONTHS[calendar.month_name[_n].lower()] = _n
    MONTHS[calendar.month_abbr[_n].lower()] = _n
MONTHS["sept"] = 9

SEASONS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
"""The season's last month; winter ends in February of the next year."""

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON = "|".join(SEASONS)
_YEAR = r"(?:'|’)?(\d{4}|\d{2})"
_FY = r"(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"(\d{4})-(\d{2})-(\d{2})"),
    ("period", r"(\d{4})-(?:q([1-4])|(\d{2}))(?![\d/])"),
    ("dmy", r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})"),
    ("fq", rf"q([1-4])\s*(?:of\s*)?{_FY}"),
    ("fq2", rf"{_FY}\s*q([1-4])"),
    ("cq", r"q([1-4])\s*(\d{4})"),
    ("dmonthy", rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+{_YEAR}"),
    ("monthy", rf"({_MONTH})\.?,?\s*(?:of\s+)?{_YEAR}"),
    ("seasony", rf"({_SEASON})\s*(?:of\s+)?(?:{_FY}|{_YEAR})"),
    ("fy", _FY),
    ("year", r"(\d{4})"),
    ("month", rf"({_MONTH})\.?"),
    ("season", rf"({_SEASON})"),
    ("now", r"immediate(?:ly)?"),
    ("fyend", r"through(?:out)? the year|(?:financial )?year[- ]end|end of (?:the )?(?:financial )?year"),
]
_SCAN = re.compile("|".join(rf"(?P<{name}>(?<![\w]){pattern}(?![\w]))" for name, pattern in _PATTERNS), re.IGNORECASE)
_GROUPS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _PATTERNS}
_VAGUE = re.compile(
    r"(?<![\w.])(?:a\.?s\.?a\.?p\.?|as soon as (?:possible|practicable)|soon(?:est)?|shortly|in due course"
    r"|when(?:ever)? possible|(?:next|this) (?:week|month)|tomorrow)(?![\w])",
    re.IGNORECASE,
)
_PROGRESS = re.compile(r"(?<![\w])(?:written|took place|held|initial meeting)(?![\w])", re.IGNORECASE)
"""Words saying that the dates beside them are of work done or begun, not when it is due."""
UNKNOWN = ("tbc", "tba", "tbd", "to be confirmed", "to be agreed")
"""Words saying the due is not known yet: no due, and the words kept (not a date misread)."""
RULES = {"fyend": "the end of the financial year"}
"""The readings a reader could take another way, and how they were taken."""


@dataclass(frozen=True, slots=True)
class Timescale:
    """What a timescale cell says: the derived ``due`` (or None) and the words as written."""

    due: str | None
    text: str
    rule: str | None = field(default=None, compare=False)
    """How the words were taken where they could be taken another way ("end of year")."""


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _month_end(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= year <= 9999 and 1 <= month <= 12 else None


def _fy_start(first: str, second: str) -> int | None:
    """The start year of the financial year "2013/14" (April 2013 to March 2014), if it is one."""
    start, end = _year(first), _year(second)
    if len(second) == 2:  # 2013/14, 1999/00: the end year's last two digits
        end = start - start % 100 + int(second)
        end += 100 if end <= start else 0
    return start if end == start + 1 else None


def _next_month(month: int, reference: date | None) -> str | None:
    if reference is None:
        return None
    year = reference.year + (1 if month < reference.month else 0)
    return _month_end(year, month)


def _candidate(kind: str, text: str, reference: date | None) -> str | None:
    groups = _GROUPS[kind].fullmatch(text)
    if groups is None:  # pragma: no cover - the scanner matched this pattern
        return None
    g = groups.groups()
    try:
        if kind == "iso":
            return date(int(g[0]), int(g[1]), int(g[2])).isoformat()
        if kind == "period":  # 2013-12, 2013-Q4; or 2013-14, the financial year
            if g[1]:
                return f"{int(g[0]):04d}-Q{g[1]}"
            start = _fy_start(g[0], g[2]) if int(g[2]) > 12 else None
            return _month_end(start + 1, 3) if start is not None else _month_end(int(g[0]), int(g[2]))
        if kind == "dmy":  # UK order: day/month/year
            return date(_year(g[2]), int(g[1]), int(g[0])).isoformat()
        if kind in ("fq", "fq2"):
            quarter, first, second = (g[0], g[1], g[2]) if kind == "fq" else (g[2], g[0], g[1])
            start = _fy_start(first, second)
            if start is None:
                return None
            q = int(quarter)
            return f"{start:04d}-Q{q + 1}" if q < 4 else f"{start + 1:04d}-Q1"
        if kind == "cq":
            return f"{int(g[1]):04d}-Q{g[0]}"
        if kind == "dmonthy":
            return date(_year(g[2]), MONTHS[g[1].lower()], int(g[0])).isoformat()
        if kind == "monthy":
            return _month_end(_year(g[1]), MONTHS[g[0].lower()])
        if kind == "seasony":
            month = SEASONS[g[0].lower()]
            if g[1] is not None:
                start = _fy_start(g[1], g[2])
                return None if start is None else _month_end(start + (month == 2), month)
            return _month_end(_year(g[3]) + (month == 2), month)
        if kind == "fy":
            start = _fy_start(g[0], g[1])
            return None if start is None else _month_end(start + 1, 3)
        if kind == "year":
            return f"{int(g[0]):04d}" if 1900 <= int(g[0]) <= 2199 else None
        if kind == "month":
            if not text[:1].isupper():  # "may" the verb; "May" the month
                return None
            return _next_month(MONTHS[g[0].lower()], reference)
        if kind == "season":  # the first to end on or after the reference: "next spring" is never past
            return _next_month(SEASONS[g[0].lower()], reference)
        if kind == "now":
            return reference.isoformat() if reference is not None else None
        if kind == "fyend":
            if reference is None:
                return None
            return _month_end(reference.year + (1 if reference.month > 3 else 0), 3)
    except (ValueError, KeyError, OverflowError):
        return None
    return None  # pragma: no cover


def parse(text: object, reference: date | None = None) -> Timescale:
    """The ``due`` a timescale's words give (the last date they name), and the words themselves.

    ``reference`` is the date "Immediate" means and the date a month or season without a
    year is counted from (the plan's date, or today).
    """
    words = "" if text is None else str(text).strip()
    due: str | None = None
    rule: str | None = None
    if _PROGRESS.search(words):
        return Timescale(None, words, "a date of progress or of a first meeting, not a deadline")
    for match in _SCAN.finditer(words):
        kind = match.lastgroup
        if kind is None:  # pragma: no cover
            continue
        found = _candidate(kind, match.group(kind), reference)
        if found is not None:
            due, rule = found, RULES.get(kind)
    return Timescale(due, words, rule)


def vague(text: str, reference: date | None = None) -> str | None:
    """``text`` when it says only "soon" ("ASAP", "shortly", "next month") and names no date."""
    words = text.strip()
    return words if _VAGUE.search(words) and parse(words, reference).due is None else None


def describe(due: str) -> str:
    """A due as a reader says it: ``end of May 2027``, ``end of 2014``, ``16 May 2013``."""
    from ..models.common import Period
    from ..models.vocab import MONTHS as NAMES
    from ..models.vocab import long_date

    period = Period.parse(due)
    if len(period.text) == 10:
        return long_date(period.end)
    if len(period.text) == 4:
        return f"end of {period.end.year}"
    return f"end of {NAMES[period.end.month - 1]} {period.end.year}"


def reading(found: Timescale, how: str = "") -> str:
    """What was read, for the user to check: ``due 2027-05 (end of May 2027, read from "next spring")``."""
    words = " ".join(found.text.split())
    if found.due is None:
        return f'no due date read from "{words}"'
    rule = "".join(f", {r}" for r in (found.rule, how) if r)
    return f'due {found.due} ({describe(found.due)}{rule}, read from "{words}")'


def example(day: date) -> tuple[str, str]:
    """A due a month after ``day``, as francis writes it and in words: ``("2026-08", "August 2026")``."""
    from ..models.vocab import MONTHS as NAMES

    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return f"{year:04d}-{month:02d}", f"{NAMES[month - 1]} {year}"
