"""Problems: findings about a tracker, as data, with the codes they may carry.

A Problem is data, never an exception: every loader and check yields them, the CLI sorts and
prints them all at once. ``hint`` is the one "did you mean" of the package, ``plural`` the one
way a count is put into words.

Why: a governance lead fixing a tracker wants every problem in one run, each at a line and
column their editor can jump to, in wording that does not change from one command to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LF = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, newlines: bool = False) -> str:
    """``text`` with every terminal control character written out as its escape (``\\x1b``, ``\\u202e``):
    C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional overrides and
    isolates. With ``newlines``, line feeds are kept (prose printed over several lines).

    Why: tracker text comes from pull requests. An escape sequence printed raw can recolour, hide or
    rewrite what a terminal shows, and a bidi override can make a line read other than it is.
    """
    pattern = _CONTROL_BUT_LF if newlines else _CONTROL
    return pattern.sub(lambda m: repr(m.group())[1:-1], text)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would run as a formula starts (OWASP's CSV injection list)."""


def defused(cell: str) -> str:
    """A CSV cell that a spreadsheet shows as the text it is: one that would run as a formula
    (``=HYPERLINK(...)`` in an action's title, from a pull request) gets a leading quote."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One finding at a place in a file: ``path:line:col: severity code message``.

    ``path`` is relative to the tracker root with forward slashes; line and column are
    1-based (0 means "the whole file"). Field order gives the sort order of reports.
    """

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str

    def format(self) -> str:
        """One line, whatever the file held: a line break or escape sequence from a pull request's
        data would otherwise start a line of its own (``::error ...`` is a GitHub workflow command)."""
        return visible(f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


PROBLEM_CODES: dict[str, str] = {
    # reading files
    "file-unreadable": "the file or folder cannot be read (permissions, I/O error, a broken symlink or a symlink loop)",
    "file-too-large": "the file is larger than limits.max_file_bytes (16 MiB by default)",
    "encoding": "the file is not UTF-8 text",
    "yaml-syntax": "the file is not valid YAML (tabs for indentation, unclosed brackets, control characters)",
    "yaml-tag": "a YAML tag (!!python/..., !custom) was used: francis files hold plain data only",
    "yaml-alias": "aliases expand to more values than limits.max_alias_nodes (an alias bomb)",
    "yaml-too-deep": "nesting deeper than limits.max_depth",
    "yaml-key": "a mapping key is itself a mapping or list",
    "duplicate-key": "the same key twice in one mapping",
    "multiple-documents": "more than one YAML document (---) in a file",
    "empty-file": "a data file with nothing in it",
    "not-mapping": "the file holds a list or a single value instead of a mapping of keys",
    "unknown-file": "a YAML file under data/ that francis does not read (warning)",
    "symlink-outside": "a symlink leading outside the tracker, not followed (warning)",
    "not-a-file": "a folder, FIFO, socket or device where francis reads a file (never opened)",
    "not-a-folder": "a file where francis reads a folder of files (data/, data/assessments/, ...)",
    "missing-file": "data/organisations.yaml is missing while assessments or workplans name organisations",
    # a spreadsheet given to `francis import` (nothing is imported)
    "sheet-too-large": "the spreadsheet is larger than limits.max_sheet_bytes (32 MiB by default; an XLSX inflated)",
    "sheet-too-many-rows": "the sheet has more rows than limits.max_sheet_rows (10,000 by default; empty rows count)",
    "sheet-too-many-cells": "the sheet has more cells than limits.max_sheet_cells (1,000,000 by default)",
    "sheet-cell-too-long": "a cell is longer than limits.max_cell_chars characters (100,000 by default)",
    "sheet-export-only": "`francis import` of evidence, signoffs or due-changes: records that are exported only",
    # one file's keys and values
    "unknown-key": "a key the file kind does not have (with a 'did you mean' for near misses)",
    "missing-key": "a required key is missing (including `rating`, or `reason` when not applicable)",
    "invalid-value": "a value of the wrong type or form",
    "invalid-date": "a date or due period that is malformed or not a real date",
    "completed-status": "`completed` without `status: done`, or `status: done` without `completed`",
    # references between files
    "unknown-organisation": "an organisation not defined in data/organisations.yaml",
    "unknown-set": "a recommendation set not in data/recommendations/",
    "unknown-recommendation": "a recommendation number the set does not have",
    "unknown-theme": "a theme the set does not list",
    "unknown-role": "an action lead that is not a role of its organisation",
    "unknown-action": "an assessment linking to an action id its organisation's workplan lacks",
    "unknown-rating": "a rating not in the rating scheme",
    "duplicate-set": "a recommendation set defined in two files",
    "duplicate-organisation": "an organisation defined twice",
    "duplicate-recommendation": "a recommendation number listed twice in a set",
    "duplicate-theme": "a theme listed twice in a set",
    "duplicate-link": "a `repeats` or `related` link given twice for one recommendation (warning)",
    "self-link": "a recommendation linked to itself in `repeats` or `related` (warning)",
    "assessed-parent": "an assessment of a recommendation with parts (2 of 2i, 2ii): its parts count instead (warning)",
    "missing-parent": "a part of a recommendation (2(a), 2ii) whose recommendation (2) the set does not list (warning)",
    "duplicate-addressee": "an addressee listed twice for one recommendation (warning)",
    "duplicate-assessment": "a recommendation assessed twice for one organisation",
    "duplicate-action": "an action id used twice in one organisation",
    "duplicate-section": "a section id used twice in one workplan",
    "duplicate-rating": "a rating listed twice in the scheme",
    "include-not-found": "an `include:` folder that is outside the tracker or holds no tracker",
    "catalogue-mismatch": "an included tracker's recommendation set differs from this tracker's",
    # decisions, scopes and clocks
    "decision-without-reason": "a decision other than accepted with no `reason` saying why",
    "decided-without-decision": "`decided` or `decided_by` on an assessment with no `decision`",
    "decision-conflict": "`applicable: false` with a decision other than not-applicable, or the reverse",
    "response-clock": "a set with both `respond_by` and `response_days`, or `response_days` without `published`",
    # evidence, assurance and sign-off
    "evidence-missing": "an evidence record whose location is a path that is not in the repository (nor a URL)",
    "assurance-without-evidence": "reasonable or substantial assurance with no current evidence record",
    "signoff-by-lead": "an action signed off by its own lead (unless francis.yaml's `signoff: allow_lead`)",
    # a report given to `francis catalogue extract` (at the text file's line, or the PDF's page)
    "extract-missing": "a recommendation number missing from the sequence found in the report",
    "extract-unattached": "text in the report that belongs to no recommendation, or a number with no text after it",
    "extract-duplicate": "a recommendation number found again (a second list of them): the first is kept",
    "extract-unplaced": "a number the catalogue format cannot hold yet (a sub-item such as 2(a)): not written",
    # warnings
    "not-transcribed": "recommendations without text yet (warning, never an error, even with --strict)",
    "missing-position": "an assessment with a rating but no position narrative (warning)",
    "no-due": "an open action with no due date, so never overdue (warning)",
    "outside-scope": "an assessment of a recommendation outside its file's `scope` (warning)",
    "decision-overdue": "recommendations in scope with no decision after the set's response clock ran (warning)",
    "evidence-stale": "an evidence record past its `review` or `expires` day, judged on today (warning)",
    "rating-without-evidence": "the scheme's best rating with no current evidence record (warning)",
    "signoff-stale": "a sign-off whose fingerprint no longer matches: the content changed after approval (warning)",
    "signoff-missing": "a done action no sign-off approves, when francis.yaml requires one (warning)",
    # review rules of `check --changed-since REV`, on what moved since REV (warnings unless said)
    "rating-improved-without-evidence": "a rating got better with the same position and no new evidence (warning)",
    "done-without-note": "an action marked done with no new progress note saying what was delivered (warning)",
    "due-changed-without-reason": "a due date changed or removed with no `due_changes` entry saying why (an error)",
    "signed-off-changed": "signed-off content changed with no new sign-off of it (an error)",
    "completed-without-signoff": "an action completed with no sign-off, when francis.yaml requires one (an error)",
}
"""Every problem code francis reports, with what it means. Codes are stable: never renamed."""


ONE_HINT_CUTOFF, HINTS_CUTOFF = 0.6, 0.5
"""How alike a known word must be to be suggested (difflib's ratio): a lone suggestion in a problem
line must be close; a usage error offering up to three may reach further, as the user picks."""


def hint(word: str, choices: Iterable[str], *, n: int = 1) -> str:
    """`` (did you mean 'x'?)`` (up to ``n`` suggestions, closest first), or '' when nothing is close."""
    import difflib

    cutoff = ONE_HINT_CUTOFF if n == 1 else HINTS_CUTOFF
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``1 error``, ``2 errors``; ``many`` for words that do not just take an s."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"
