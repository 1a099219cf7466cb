"""Writing a catalogue extracted from a report (``tracker.extract``) as a recommendations file.

The file is in the format of ``data/recommendations/*.yaml``: each recommendation's ``text`` as
found, its ``title`` where the report gives one, and ``source`` the report at its page
(``URL#page=N``). A number that format cannot hold (a sub-item such as ``2(a)``) is not written
but reported, with its place. Footnote markers taken out of a text are listed in the file's
opening comment, with the footnote's words where they were found.

Why refuse to replace a file without ``force``: a catalogue is checked and corrected by hand
after extraction; extracting again over it would throw that work away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InternalError, UserError, reason
from ..problems import Problem, visible
from ..tracker.extract import Extraction, Found
from .files import FileChange, new_file
from .transaction import commit

UNPLACED = "could not place {number} yet (sub-items are not supported by this catalogue format)"


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
        if not item.whole:
            problems.append(
                Problem(request.report, item.where, 1, "extract-unplaced", "error", UNPLACED.format(number=item.number))
            )
            continue
        recommendations.append(_entry(item, request.source))
    data: dict[str, Any] = {"set": request.set_id, "title": request.title, "source": request.source}
    data["recommendations"] = recommendations
    _validate(data)
    change = new_file(f"{request.set_id}.yaml", data, _header(extraction.found, request))
    return change, sorted(problems)


def _entry(item: Found, source: str) -> dict[str, Any]:
    entry = {
        "number": item.base,
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
