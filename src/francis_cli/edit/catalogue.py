"""Writing catalogues: one extracted from a report (``tracker.extract``), a new empty set, and one
recommendation's text filled in or added (``francis catalogue extract``, ``new``, ``add``).

The file is in the format of ``data/recommendations/*.yaml``: each recommendation's ``text`` as
found, its ``title`` where the report gives one, and ``source`` the report at its page
(``URL#page=N``). A sub-item (``2(a)``, ``2ii``, ``1.3``) is written as a recommendation of its own,
a part of its parent (``models.numbers``); a number no catalogue can hold (``2(abc)``) is not written
but reported, with its place. Footnote markers taken out of a text are listed in the file's
opening comment, with the footnote's words where they were found.

A text given to ``add`` is stored as an extracted one is: the lines of a paragraph joined, each
paragraph and each list item (``•``, ``-``, ``(a)``, ``1.``) a line of its own, runs of spaces made
one (``tidy_text``). It goes in where the number stands, or in number order, by text splices, so
that ``git diff`` shows only that recommendation's lines.

Why refuse to replace a file, or a text, without ``force``: a catalogue is checked and corrected by
hand after extraction or transcription; writing again over it would throw that work away.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InternalError, UserError, reason
from ..models.common import SLUG
from ..models.numbers import NumberError, RecNumber, number_key, parse_number
from ..problems import Problem, hint, visible
from ..tracker.corpus import Corpus, SetEntry
from ..tracker.extract import Extraction, Found
from .files import FileChange, finish, new_file, read_doc
from .transaction import commit

UNPLACED = "could not place {number}: {why}"


@dataclass(frozen=True, slots=True)
class Request:
    """What to extract into: the set's id and title, the report's address, the report as named."""

    set_id: str
    title: str
    source: str
    report: str
    pages: tuple[int, int] | None = None


def catalogue(extraction: Extraction, request: Request) -> tuple[FileChange, list[Problem]]:
    """The new file's change (named by the set) and the problems of numbers it cannot hold."""
    problems = list(extraction.problems)
    recommendations = []
    for item in extraction.found:
        try:
            number = parse_number(f"IEA {item.number}" if extraction.style == "iea" else item.number)
        except NumberError as e:
            why = UNPLACED.format(number=item.number, why=e)
            problems.append(Problem(request.report, item.where, 1, "extract-unplaced", "error", why))
            continue
        recommendations.append(_entry(item, number, request.source))
    data: dict[str, Any] = {"set": request.set_id, "title": request.title, "source": request.source}
    data["recommendations"] = recommendations
    _validate(data)
    change = new_file(f"{request.set_id}.yaml", data, _header(extraction.found, request))
    return change, sorted(problems)


def _entry(item: Found, number: RecNumber, source: str) -> dict[str, Any]:
    entry = {
        "number": number,
        "title": item.title,
        "text": item.text or None,
        "source": f"{source}#page={item.page}" if item.page is not None else source,
    }
    return {key: value for key, value in entry.items() if value is not None}


def _header(found: list[Found], request: Request) -> str:
    pages = f" (pages {request.pages[0]}-{request.pages[1]})" if request.pages else ""
    lines = [
        f"Extracted from {request.report}{pages} by `francis catalogue extract`: check each text against the report."
    ]
    noted = [(item.number, note) for item in found for note in item.footnotes]
    if noted:
        lines.append("Footnote markers taken out of the texts (recommendation, marker: footnote):")
        lines.extend(f"- {number}, {note}" for number, note in noted)
    return "".join(f"# {visible(line)}\n" for line in lines)


def _validate(data: dict[str, Any]) -> None:
    from pydantic import ValidationError

    from ..models.recommendation import RecommendationSet

    try:
        RecommendationSet.model_validate(data)
    except ValidationError as err:
        raise InternalError(
            f"the extracted catalogue is not a valid recommendations file: {err.errors()[0]['msg']}"
        ) from None


def write(change: FileChange, output: Path, *, force: bool) -> None:
    """Write the catalogue to ``output`` (atomically, under its lock); an existing file only with ``force``."""
    try:
        old = output.read_bytes() if output.exists() else None
    except OSError as err:
        raise UserError(f"cannot read {output}: {reason(err)}") from None
    if old is not None and not force:
        raise UserError(f"{output} already exists: nothing written (--force replaces it)")
    commit(output.parent, [FileChange(output.name, old, change.new)])


def from_report(path: Path, request: Request) -> tuple[FileChange, list[Problem], int]:
    """Read the report, find its recommendations and make the catalogue: the change, the problems
    (sorted) and how many recommendations were found."""
    from ..tracker.extract import extract
    from ..tracker.report_text import read_report

    extraction = extract(read_report(path, request.pages), request.report)
    change, problems = catalogue(extraction, request)
    return change, problems, len(extraction.found)


RECOMMENDATION_KEYS = (
    "number",
    "theme",
    "title",
    "text",
    "government_response",
    "source",
    "addressees",
    "repeats",
    "related",
)
SET_KEYS = ("set", "title", "published", "licence", "source", "response_days", "respond_by", "themes")
_ITEM = re.compile(r"^(?:[•◦▪‣●○■□–—*-]|\(?(?:\d{1,3}|[a-z]|[ivxl]{1,6})[.)]|\([a-z0-9]{1,6}\))\s", re.I)
"""A line that begins a list item: a bullet or dash, ``(a)``, ``a)``, ``ii.``, ``1.``, ``1)``."""
NEW_HEADER = (
    "# Made by `francis catalogue new`. Fill in each text from the published report with\n"
    "# `francis catalogue add SET NUMBER --text-file FILE --page N`;\n"
    "# `francis catalogue show SET` says what is missing.\n"
    "# A recommendation without `text` is not yet transcribed.\n"
)


def set_id_option(value: str, option: str) -> str:
    """A set id as the recommendations file's model takes it; a UserError naming ``option`` otherwise."""
    if not re.fullmatch(SLUG, value) or len(value) > 80:
        raise UserError(
            f"{option}: {value!r} is not a set id (lower-case letters, digits and hyphens, e.g. kirkup-2022)"
        )
    return value


@dataclass(frozen=True, slots=True)
class NewSet:
    """What ``francis catalogue new`` makes: the set's id, title, date and address, and how many
    numbered entries not yet transcribed it starts with."""

    set_id: str
    title: str
    published: date
    source: str
    count: int = 0
    licence: str | None = None


def new_set(root: Path, corpus: Corpus, spec: NewSet) -> list[FileChange]:
    """The change creating ``data/recommendations/<set>.yaml``; refused when the set is in the
    tracker already (in any file, an included tracker's too) or the file is there."""
    if spec.set_id in corpus.sets:
        where = corpus.sets[spec.set_id][0].at.file.rel
        raise UserError(f"set {spec.set_id!r} is in the tracker already ({where}): nothing written")
    rel = f"data/recommendations/{spec.set_id}.yaml"
    for name in (rel, rel.removesuffix(".yaml") + ".yml"):
        if os.path.lexists(root / name):
            raise UserError(f"{name} exists already: nothing written")
    for option, value in (("--title", spec.title), ("--source", spec.source), ("--licence", spec.licence)):
        if value is not None and not value.strip():
            raise UserError(f"{option}: give some text")
    data: dict[str, Any] = {
        "set": spec.set_id,
        "title": spec.title.strip(),
        "published": spec.published.isoformat(),
        "licence": spec.licence.strip() if spec.licence else None,
        "source": spec.source.strip(),
        "recommendations": [{"number": n} for n in range(1, spec.count + 1)],
    }
    data = {key: value for key, value in data.items() if value is not None}
    _validate(data)
    return [new_file(rel, data, NEW_HEADER)]


def tidy_text(text: str) -> str:
    """A recommendation's text as catalogues store it: a line per paragraph and per list item."""
    lines: list[str] = []
    fresh = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            fresh = True
        elif fresh or _ITEM.match(line):
            lines.append(line)
            fresh = False
        else:
            lines[-1] += " " + line
    if not lines:
        raise UserError("--text-file: the text is empty")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Entry:
    """One recommendation as ``francis catalogue add`` gives it: its number and (tidied) text, and
    the title, theme, page of the set's source or address of its own that go with it."""

    number: RecNumber
    text: str
    title: str | None = None
    page: int | None = None
    theme: str | None = None
    source: str | None = None
    addressees: tuple[str, ...] = ()
    """Who it is addressed to (ids such as ``all-trusts``): they replace those it has; none keeps them."""


def set_entry(corpus: Corpus, set_id: str) -> SetEntry:
    """The set ``set_id`` as loaded; a UserError naming the sets there are."""
    found = corpus.set(set_id) if set_id in corpus.sets else None
    if found is None:
        known = ", ".join(sorted(corpus.sets)) or "none yet"
        raise UserError(f"no recommendation set {set_id!r} in this tracker (sets: {known}){hint(set_id, corpus.sets)}")
    return found


def add_recommendation(root: Path, corpus: Corpus, set_id: str, entry: Entry, *, force: bool) -> list[FileChange]:
    """The change filling in recommendation ``entry.number`` where it stands, or adding it in number
    order; an existing different text is replaced only with ``force``."""
    found = set_entry(corpus, set_id)
    themes = [t.id for t in found.model.themes]
    if entry.theme is not None and entry.theme not in themes:
        known = ", ".join(themes) or "none yet"
        raise UserError(
            f"--theme: {entry.theme!r} is not a theme of set {set_id!r} ({known}){hint(entry.theme, themes)}"
        )
    rel = found.at.file.rel
    raw, doc = read_doc(root, rel)
    items = doc.data.get("recommendations")
    items = items if isinstance(items, list) else []
    at = next((i for i, item in enumerate(items) if _number(item) == number_key(entry.number)), None)
    values = _values(found, entry, items, None if at is None else items[at])
    if at is None:
        order = number_key(entry.number)
        before = next((i for i, item in enumerate(items) if (k := _number(item)) is not None and k > order), None)
        doc.add_items(("recommendations",), [{"number": entry.number, **values}], before=before, order=SET_KEYS)
        return [finish(rel, raw, doc, f"added recommendation {entry.number}")]
    old = items[at].get("text")
    if isinstance(old, str) and old.strip() and old.strip() != entry.text and not force:
        raise UserError(
            f"recommendation {entry.number} of set {set_id!r} has a text already ({rel}): nothing written "
            "(--force replaces it)"
        )
    if doc.node(("recommendations", at)).style == "flow":
        raise UserError(f"{rel}: recommendation {entry.number} is written as {{...}}: write it as a block to edit it")
    for key in RECOMMENDATION_KEYS:
        if key in values:
            doc.set(("recommendations", at), key, values[key], RECOMMENDATION_KEYS)
    return [finish(rel, raw, doc, f"filled in recommendation {entry.number}")]


def _number(item: Any) -> tuple[str, int, int, int] | None:
    """The order of an item's number as the file holds it (``4``, ``"2(a)"``); None for one that is not."""
    try:
        return number_key(parse_number(item.get("number"))) if isinstance(item, dict) else None
    except NumberError:
        return None


def _values(found: SetEntry, entry: Entry, items: list[Any], old: dict[str, Any] | None) -> dict[str, Any]:
    """The keys ``add`` sets, in the file's order: the text ends in a line break as most of the
    file's texts do (``>`` rather than ``>-``), so that a filled-in entry looks like its neighbours."""
    texts = [item["text"] for item in items if isinstance(item, dict) and isinstance(item.get("text"), str)]
    ended = sum(text.endswith("\n") for text in texts) * 2 > len(texts)
    old_text = old.get("text") if old is not None else None
    same = isinstance(old_text, str) and old_text.strip() == entry.text
    values = {
        "theme": entry.theme,
        "title": " ".join(entry.title.split()) if entry.title is not None else None,
        "text": old_text if same else entry.text + ("\n" if ended else ""),
        "source": _source(found, entry),
        "addressees": _addressees(entry.addressees),
    }
    if values["title"] == "":
        raise UserError("--title: give some text")
    return {key: value for key, value in values.items() if value is not None}


def _addressees(given: tuple[str, ...]) -> list[str] | None:
    """``--addressee`` ids in the order given, each once; None when none is given."""
    for a in given:
        if not re.fullmatch(SLUG, a) or len(a) > 80:
            raise UserError(
                f"--addressee: {a!r} is not an addressee id (lower-case letters, digits and hyphens, e.g. all-trusts)"
            )
    return list(dict.fromkeys(given)) or None


def _source(found: SetEntry, entry: Entry) -> str | None:
    """``--source``, else the set's source; at ``#page=N`` with ``--page``; None when neither is given."""
    if entry.source is not None and not entry.source.strip():
        raise UserError("--source: give an address")
    if entry.page is None:
        return entry.source.strip() if entry.source is not None else None
    base = entry.source.strip() if entry.source is not None else found.model.source
    if base is None:
        raise UserError(f"--page: set {found.model.set!r} has no source to give the page of; give --source URL")
    return f"{base.split('#', 1)[0]}#page={entry.page}"
