"""Files as edits see them: a file's new bytes with the bytes they were computed from, read and
finished through the text splicer, so that an edit can be shown as a diff before it is written."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InternalError, UserError, reason
from ..tracker.corpus import Corpus
from ..yamlio.read import parse
from ..yamlio.splice import TextDoc
from ..yamlio.style import render_mapping


@dataclass(slots=True)
class FileChange:
    """One file's new content, with the bytes it was computed from (None for a new file)."""

    rel: str
    old: bytes | None
    new: bytes
    summary: list[str] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff as ``git diff`` shows it (paths a/ and b/)."""
        old = _decode(self.old).splitlines(keepends=True) if self.old is not None else []
        new = _decode(self.new).splitlines(keepends=True)
        lines = difflib.unified_diff(
            old, new, f"a/{self.rel}" if self.old is not None else "/dev/null", f"b/{self.rel}", n=3
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _decode(raw: bytes | None) -> str:
    return (raw or b"").decode("utf-8", "replace")


def read_doc(root: Path, rel: str) -> tuple[bytes, TextDoc]:
    """A data file's bytes and its editable text; a UserError if it cannot be edited safely."""
    try:
        raw = (root / rel).read_bytes()
    except OSError as err:
        raise UserError(f"{rel}: cannot read file: {reason(err)}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{rel}: not UTF-8 text; fix it first (`francis check` says where)") from None
    doc = TextDoc(text)
    problems = parse(text).problems
    if problems or not isinstance(doc.data, dict):
        where = f":{problems[0].line}:{problems[0].col}: {problems[0].message}" if problems else ": not a mapping"
        raise UserError(f"{rel}{where}; fix the file before editing it (`francis check`)")
    return raw, doc


def new_file(rel: str, data: dict[str, Any], header: str = "") -> FileChange:
    """A change creating ``rel`` holding ``data`` in francis's own style."""
    text = header + "\n".join(render_mapping(data, 0)) + "\n"
    if parse(text).data != data:
        raise InternalError(f"{rel}: the new file does not read back as intended")
    return FileChange(rel, None, text.encode("utf-8"))


def finish(rel: str, raw: bytes, doc: TextDoc, summary: str) -> FileChange:
    """The change made by ``doc``'s splices, checked to hold exactly the intended data."""
    text = doc.result()
    if parse(text).data != doc.expected_final:
        raise InternalError(f"{rel}: the edited file does not read back as intended; nothing written")
    return FileChange(rel, raw, text.encode("utf-8"), [summary])


Docs = dict[str, tuple[bytes, TextDoc]]
"""Files being edited together, by path: several edits of one file make one change."""


def finish_all(docs: Docs) -> list[FileChange]:
    return [finish(rel, raw, doc, "") for rel, (raw, doc) in docs.items() if doc.splices or doc.created]


def check_org(corpus: Corpus, org: str) -> None:
    if corpus.organisation(org) is None:
        known = ", ".join(sorted(corpus.organisations)) or "none yet"
        raise UserError(f"no organisation {org!r} in data/organisations.yaml (organisations: {known})")


def free_rel(root: Path, folder: str, org: str, taken: set[str]) -> str:
    rel, n = f"data/{folder}/{org}.yaml", 2
    while rel in taken or (root / rel).exists():
        rel, n = f"data/{folder}/{org}-{n}.yaml", n + 1
    return rel
