"""Finding the numbered recommendations in a report's lines (``report_text``): each text verbatim,
the page it starts on, and what could not be placed, as problems.

A recommendation starts at a paragraph that opens with its number in one of the forms reports
use: ``Recommendation 12``, ``R12``, ``IEA 3`` (Ockenden's Immediate and Essential Actions), a
numbered paragraph ``12.`` or a table's number cell, and sub-items ``2(a)``. Where a report uses
a word form, only that form counts (``1.`` inside a text is then its own list);
a bare ``12.`` counts only as the next number, or a few past it. Everything up to the next
recommendation (or a heading printed larger than the text) is its text: one line per paragraph,
a bullet or ``(a)`` item a paragraph of its own, a lead-in ("It is recommended that:") kept, so
the text keeps its structure. Paragraphs are joined across page and column breaks where the
first ends mid-sentence or the next starts in lower case.

Numbers are strings here, as printed (``"2(a)"``, ``"1.3"``); a number's first integer orders it.
The catalogue writes each as a recommendation number (``models.numbers``: ``2(a)``, ``IEA 1.3``).

Whitespace: each paragraph's whitespace is collapsed to single spaces; paragraphs are joined by
one line break. Words split by a layout hyphen (U+2010, U+00AD) are joined; a plain hyphen at a
line's end is kept (``well-led``) unless the joined word appears unbroken elsewhere in the report.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ..problems import Problem
from .report_text import Line, ReportText

_WORD = re.compile(
    r"^(?:Recommendation|Rec\.)\s+(?P<n>\d{1,4}(?:\.\d{1,2})?(?:\([a-z]{1,4}\)|[a-z]{1,3}\b)?)(?P<rest>.*)$", re.I
)
_IEA = re.compile(r"^(?:IEA|Immediate\s+and\s+Essential\s+Action)\s*(?P<n>\d{1,3}(?:\.\d{1,2})?)\b(?P<rest>.*)$", re.I)
_R = re.compile(r"^R\s?(?P<n>\d{1,4}(?:\([a-z]{1,4}\))?)\b(?P<rest>.*)$")
_PLAIN = re.compile(r"^(?P<n>\d{1,4}(?:\([a-z]{1,4}\))?)(?:[.)]\s*|\s+(?=[A-Z(‘“'\"])|$)(?P<rest>.*)$")
_SUB = re.compile(r"^(?P<n>\d{1,4}\([a-z]{1,4}\))[.)]?\s+(?P<rest>.*)$")
STYLES = {"word": _WORD, "iea": _IEA, "r": _R, "plain": _PLAIN}
_LEAD = re.compile(r"^\s*[:.\-–—]\s*")
_ITEM = re.compile(r"^(?:[•●▪■◦‣∙·\-–—*]\s|\(?[a-z]{1,2}\)\s|\(?[ivx]{1,5}\)\s)")
_TERMINAL = (".", ":", ";", "?", "!", ")", "”", "’")
_LAYOUT_HYPHENS = ("\u2010", "\u00ad")
MAX_JUMP = 10
"""How far past the last number a bare numbered paragraph may be and still count as the next one."""


@dataclass(slots=True)
class Found:
    """One recommendation found: its number as printed, title (a short heading line), text and place."""

    number: str
    text: str
    page: int | None
    where: int
    title: str | None = None
    footnotes: list[str] = field(default_factory=list)

    @property
    def base(self) -> int:
        return _base(self.number)

    @property
    def whole(self) -> bool:
        return self.number.isdigit()


@dataclass(slots=True)
class Extraction:
    found: list[Found]
    problems: list[Problem]
    style: str = "plain"
    """How the report numbers its recommendations: one of ``STYLES`` (``iea``: ``IEA 3``, ``IEA 1.3``)."""


@dataclass(slots=True)
class _Para:
    lines: list[Line]

    @property
    def first(self) -> Line:
        return self.lines[0]


def extract(report: ReportText, path: str) -> Extraction:
    """The recommendations in ``report``, and problems at ``path`` for what could not be placed."""
    vocab = _vocabulary(report.lines)
    paras = _paragraphs(report.lines)
    style = _style(paras)
    found: list[Found] = []
    problems: list[Problem] = []
    current: Found | None = None
    ignoring = False
    loose: list[list[_Para]] = [[]]
    for para in paras:
        text = _join(para.lines, vocab)
        number, rest = _number(text, STYLES[style], para.first.label)
        if number is not None and _accepts(found, number, style, para.first.label):
            if found and _base(number) <= max(f.base for f in found) and not _sub_of(number, found[-1]):
                if not ignoring:
                    problems.append(_problem(path, para.first, "extract-duplicate", _again(number, found)))
                ignoring, current = True, None
                continue
            ignoring = False
            current = Found(number, "", para.first.page, para.first.where)
            found.append(current)
            _start(current, rest, style != "plain" and len(para.lines) == 1)
        elif para.first.heading or ignoring:
            current = None
            loose.append([])
        elif current is None:
            loose[-1].append(para)
        else:
            current.text = f"{current.text}\n{text}" if current.text else text
        if current is not None:
            current.footnotes.extend(_notes(report, para))
    problems.extend(_loose(path, loose, bool(found)))
    problems.extend(_gaps(path, found))
    problems.extend(_empty(path, found))
    return Extraction(found, problems, style)


def _start(item: Found, rest: str, titled: bool) -> None:
    """A heading's own words: a short line of its own without a full stop is a title (where the
    numbers are words, ``Recommendation 7: Candour``), else the text begins."""
    rest = _LEAD.sub("", rest, count=1).strip()
    if titled and rest and len(rest) <= 100 and not rest.endswith(_TERMINAL) and "\n" not in rest:
        item.title = rest
    elif rest:
        item.text = rest


def _number(text: str, pattern: re.Pattern[str], label: bool) -> tuple[str | None, str]:
    first = text.split("\n", 1)[0]
    match = pattern.match(first) or (_PLAIN.match(first) if label else None) or _SUB.match(first)
    if match is None:
        return None, ""
    return match.group("n").replace(" ", ""), match.group("rest") + text[len(first) :]


def _base(number: str) -> int:
    """A number's first integer, which orders it: 2 for ``2(a)``."""
    return int(re.sub(r"\D.*", "", number))


def _sub_of(number: str, item: Found) -> bool:
    return not number.isdigit() and _base(number) == item.base


def _accepts(found: list[Found], number: str, style: str, label: bool) -> bool:
    """Whether a number at a paragraph's start opens a recommendation (a bare one only in sequence)."""
    if style != "plain" or label or not found:
        return True
    last = found[-1].base
    return last < _base(number) <= last + MAX_JUMP or _sub_of(number, found[-1]) or _base(number) == 1


def _style(paras: list[_Para]) -> str:
    """The numbering the report uses: the word form found most, else bare numbers."""
    counts = Counter(name for para in paras for name in ("word", "iea", "r") if STYLES[name].match(para.first.text))
    return max(("word", "iea", "r"), key=lambda name: counts[name]) if counts else "plain"


def _paragraphs(lines: list[Line]) -> list[_Para]:
    paras: list[_Para] = []
    for line in lines:
        starts = line.gap or line.heading or line.label or bool(_ITEM.match(line.text))
        starts = starts or any(p.match(line.text) for p in STYLES.values() if p is not _PLAIN)
        if paras and line.broken and not starts:
            starts = not _runs_on(paras[-1], line)
        if not paras or starts or paras[-1].first.heading != line.heading:
            paras.append(_Para([line]))
        else:
            paras[-1].lines.append(line)
    return paras


def _runs_on(para: _Para, line: Line) -> bool:
    """Whether a line after a page or column break goes on with the paragraph before it: yes when
    it starts in lower case; else, in a PDF, when the line before the break is full (to within a
    short word after a full stop, or a fifth of the column without one: ragged lines fall short by
    a long word); in a text file, when that line ends without a full stop."""
    last = para.lines[-1]
    if line.text[:1].islower():
        return True
    ended = last.text.endswith(_TERMINAL)
    if last.room is None or last.span is None:
        return not ended
    return last.room < (2 if ended else 0.2 * last.span)


def _join(lines: list[Line], vocab: set[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith(_LAYOUT_HYPHENS) and text[-2:-1].isalpha() and line.text[:1].isalpha():
            text = text[:-1] + line.text
        elif text.endswith("-") and text[-2:-1].isalpha() and line.text[:1].isalpha():
            head = re.search(r"(\w+)-$", text)
            tail = re.match(r"\w+", line.text)
            joined = bool(head and tail and (head.group(1) + tail.group()).lower() in vocab)
            text = (text[:-1] if joined else text) + line.text
        else:
            text = f"{text}{'' if text.endswith('/') else ' '}{line.text}" if text else line.text
    return " ".join(text.split())


def _vocabulary(lines: list[Line]) -> set[str]:
    return {word.lower() for line in lines for word in re.findall(r"\w+", line.text)}


def _notes(report: ReportText, para: _Para) -> list[str]:
    out = []
    for line in para.lines:
        for mark in line.marks:
            note = report.footnotes.get((line.page, mark))
            out.append(f"{mark}: {note}" if note else mark)
    return out


def _problem(path: str, line: Line, code: str, message: str) -> Problem:
    return Problem(path, line.where, 1, code, "error", message)


def _again(number: str, found: list[Found]) -> str:
    first = next((f for f in found if f.number == number), None)
    where = f" (first on page {first.page})" if first and first.page else ""
    return f"recommendation {number} again{where}: a second list from here is left out; --pages chooses one"


def _loose(path: str, runs: list[list[_Para]], any_found: bool) -> list[Problem]:
    """One problem per run of text that belongs to no recommendation (none at all: one for the report)."""
    if not any_found:
        first = next((run[0].first for run in runs if run), Line("", None, 1))
        return [_problem(path, first, "extract-unattached", "no numbered recommendations found")]
    out = []
    for run in (r for r in runs if r):
        words = " ".join(_join(run[0].lines, set()).split()[:8])
        count = sum(len(p.lines) for p in run)
        message = f"text not attached to a recommendation ({count} {'line' if count == 1 else 'lines'}): '{words} ...'"
        out.append(_problem(path, run[0].first, "extract-unattached", message))
    return out


def _gaps(path: str, found: list[Found]) -> list[Problem]:
    problems = []
    whole = [f for f in found if f.whole]
    for before, after in itertools.pairwise(whole):
        if after.base > before.base + 1:
            missing = f"{before.base + 1}" if after.base == before.base + 2 else f"{before.base + 1}-{after.base - 1}"
            line = Line("", after.page, after.where)
            problems.append(
                _problem(
                    path,
                    line,
                    "extract-missing",
                    f"recommendation {missing} not found (between {before.base} and {after.base})",
                )
            )
    return problems


def _empty(path: str, found: list[Found]) -> list[Problem]:
    return [
        _problem(
            path,
            Line("", f.page, f.where),
            "extract-unattached",
            f"recommendation {f.number}: no text found after its number",
        )
        for f in found
        if not f.text
    ]
