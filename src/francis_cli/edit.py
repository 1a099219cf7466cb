"""The only writer of data files: edits made as text splices at parser positions.

Re-dumping a hand-written YAML file re-indents it and moves its comments, so nothing here
dumps a whole file. Each edit replaces the exact span of one value, or inserts lines for a
new key or list item with the indentation of its siblings, so ``git diff`` shows only the
lines that must change; line endings and a byte-order mark stay as they were. The edited
text is re-parsed and must hold exactly the intended data, the whole tracker is validated
in memory, and only then is the file written: atomically, under a lock file, and only if
its bytes on disk are still the ones that were read.
"""

from __future__ import annotations

import copy
import difflib
import os
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
from .atomic import write_atomic
from .corpus import ActionEntry, Corpus
from .errors import ExitCode, FrancisError, InternalError, Problem, UserError
from .source import Discovery, FileTooLarge, WorkTree, classify, sort_files

BOM = "\ufeff"
WIDTH = 100
"""Wrap folded text at this column, as the bundled files do."""
QUOTED_KEYS = frozenset({"id"})
"""Keys whose values are always double-quoted: an unquoted 3.10 would read as the number 3.1."""
STALE_LOCK_SECONDS = 300

DataPath = tuple[str | int, ...]


@dataclass(slots=True)
class Node:
    """Where one value stands in the text: ``[start, end)``, its style, its children."""

    kind: str
    """"scalar", "map" or "seq"."""
    start: int
    end: int
    style: str | None = None
    """Scalars: None (plain), "'", '"', "|" or ">"; collections: "flow" or None (block)."""
    key_start: int = -1
    key_end: int = -1
    value: Any = None
    items: list[Node] = field(default_factory=list)
    keys: dict[Any, Node] = field(default_factory=dict)


def _nodes(text: str) -> Node:
    """The span of every value, from ruamel's pure-Python parser (its marks are character indices)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceStartEvent,  # fmt: skip
    )

    root: Node | None = None
    stack: list[list[Any]] = []  # [node, key, key_start, key_end, expecting_key]

    def place(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent: Node = frame[0]
        if parent.kind == "seq":
            parent.items.append(node)
        elif frame[4]:
            frame[1:] = [node.value, node.start, node.end, False]
        else:
            node.key_start, node.key_end = frame[2], frame[3]
            parent.keys[frame[1]] = node
            frame[4] = True

    for ev in YAML(typ="rt", pure=True).parse(text):
        if isinstance(ev, ScalarEvent):
            start, end = ev.start_mark.index, ev.end_mark.index
            style = ev.style or None
            if style in ("|", ">"):
                last = len(text[:end].rstrip(" \t\r\n")) - 1
                newline = text.find("\n", max(last, start))
                end = len(text) if newline < 0 else newline - (text[newline - 1] == "\r")
            value = ev.value if style else yamlio.resolve_plain(ev.value)
            place(Node("scalar", start, end, style, value=value))
        elif isinstance(ev, AliasEvent):
            place(Node("scalar", ev.start_mark.index, ev.end_mark.index, "*"))
        elif isinstance(ev, (MappingStartEvent, SequenceStartEvent)):
            kind = "map" if isinstance(ev, MappingStartEvent) else "seq"
            node = Node(kind, ev.start_mark.index, ev.start_mark.index, "flow" if ev.flow_style else None)
            stack.append([node, None, -1, -1, True])
        elif isinstance(ev, CollectionEndEvent):
            node = stack.pop()[0]
            children = node.items or list(node.keys.values())
            node.end = ev.end_mark.index if node.style == "flow" else max((c.end for c in children), default=node.start)
            place(node)
    return root if root is not None else Node("scalar", 0, 0)


def _at(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _double(value: str, indent: int) -> str | None:
    import json

    return json.dumps(value, ensure_ascii=False)


def _single(value: str, indent: int) -> str | None:
    return None if "\n" in value else "'" + value.replace("'", "''") + "'"


def _plain(value: str, indent: int) -> str | None:
    return value if value and "\n" not in value and value == value.strip() else None


def _wrap(paragraph: str, width: int) -> list[str]:
    if "  " in paragraph or paragraph.endswith(" ") or len(paragraph) <= width:
        return [paragraph]
    lines: list[str] = []
    for word in paragraph.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _folded(value: str, indent: int) -> str | None:
    import re

    if not value.strip() or value.endswith("\n\n") or value[:1] in " \t":
        return None
    chomp = "" if value.endswith("\n") else "-"
    out: list[str] = []
    for part in re.split(r"(\n+)", value[:-1] if not chomp else value):
        if part.startswith("\n"):
            out.extend([""] * len(part))
        elif part[:1] in " \t":
            return None
        else:
            out.extend(_wrap(part, WIDTH - indent))
    return f">{chomp}\n" + "\n".join(" " * indent + line if line else "" for line in out)


def _literal(value: str, indent: int) -> str | None:
    if not value.strip() or value.endswith("\n\n") or value[:1] in " \t":
        return None
    chomp = "" if value.endswith("\n") else "-"
    lines = (value[:-1] if not chomp else value).split("\n")
    return f"|{chomp}\n" + "\n".join(" " * indent + line if line else "" for line in lines)


def _reads_back(rendered: str, value: Any, flow: bool) -> bool:
    doc = yamlio.parse(f"k: [{rendered}]\n" if flow else f"k: {rendered}\n")
    return not doc.problems and doc.data == {"k": [value] if flow else value}


def render_scalar(value: Any, indent: int, *, start_col: int = 0, style: str | None = None, flow: bool = False,
                  quote: bool = False) -> str:  # fmt: skip
    """``value`` as YAML text starting at ``start_col``, in ``style`` where it reads back exactly.

    Block scalars' lines are indented by ``indent``. Every candidate is checked by parsing it.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise InternalError(f"cannot write a {type(value).__name__} value")
    long = start_col + len(value) > WIDTH or "\n" in value
    if flow:
        order = [_double] if quote else [_plain, _double]
    elif quote or style == '"':
        order = [_double]
    elif style == "'":
        order = [_single, _double]
    elif style in ("|", ">"):
        order = [_literal, _folded, _double] if style == "|" else [_folded, _literal, _double]
    elif long:
        order = [_folded, _plain, _literal, _double]
    else:
        order = [_plain, _double]
    for candidate in order:
        check, text = candidate(value, 2), candidate(value, indent)
        if check is not None and text is not None and _reads_back(check, value, flow):
            return text
    return __import__("json").dumps(value)


def render_value(key: str, value: Any, col: int, seq_offset: int = 2) -> list[str]:
    """The lines of ``key: value`` at column ``col`` in francis's style."""
    pad = " " * col
    if isinstance(value, dict):
        return [f"{pad}{key}:", *render_mapping(value, col + 2, seq_offset)]
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        if all(not isinstance(v, (dict, list)) for v in value):
            flow = ", ".join(render_scalar(v, 0, flow=True, quote=key in QUOTED_KEYS) for v in value)
            if col + len(key) + len(flow) + 4 <= WIDTH:
                return [f"{pad}{key}: [{flow}]"]
        return [f"{pad}{key}:", *(line for v in value for line in render_item(v, col + seq_offset, seq_offset))]
    text = render_scalar(value, col + 2, start_col=col + len(key) + 2, quote=key in QUOTED_KEYS)
    return f"{pad}{key}: {text}".split("\n")


def render_mapping(data: dict[str, Any], col: int, seq_offset: int = 2) -> list[str]:
    return [line for key, value in data.items() if value is not None
            for line in render_value(key, value, col, seq_offset)]  # fmt: skip


def render_item(value: Any, dash_col: int, seq_offset: int = 2) -> list[str]:
    """A block-sequence item: ``- key: value`` and its further keys two columns in."""
    if isinstance(value, dict):
        lines = render_mapping(value, dash_col + 2, seq_offset)
        lines[0] = " " * dash_col + "- " + lines[0][dash_col + 2 :]
        return lines
    return [" " * dash_col + "- " + render_scalar(value, dash_col + 2, start_col=dash_col + 2)]


class TextDoc:
    """A YAML file's text with edits queued as splices at parser positions.

    ``expected`` is the data the edited text must hold; ``result`` applies the splices.
    """

    def __init__(self, text: str) -> None:
        self.bom = text.startswith(BOM)
        self.text = text[1:] if self.bom else text
        self.nl = "\r\n" if "\r\n" in self.text else "\n"
        self.data = yamlio.parse(self.text).data
        self.expected = copy.deepcopy(self.data)
        self.root = _nodes(self.text)
        self.splices: list[tuple[int, int, int, str]] = []
        self.inserts: list[tuple[DataPath, int, int, Any]] = []
        self.opened: set[DataPath] = set()
        self.created: dict[DataPath, tuple[int, int, list[Any]]] = {}
        self.seq_offset = self._seq_offset(self.root) or 2

    def node(self, path: DataPath) -> Node:
        node = self.root
        for part in path:
            node = node.items[part] if isinstance(part, int) else node.keys[part]
        return node

    def result(self) -> str:
        for path, (at, col, values) in self.created.items():
            self._insert_lines(at, render_value(str(path[-1]), values, col, self.seq_offset))
        self.created = {}
        out, pos = [], 0
        for start, end, _, text in sorted(self.splices):
            if start < pos:
                raise InternalError("overlapping edits")
            out += [self.text[pos:start], text.replace("\n", self.nl) if self.nl != "\n" else text]
            pos = end
        out.append(self.text[pos:])
        expected = copy.deepcopy(self.expected)
        for path, before, _, value in sorted(self.inserts, key=lambda i: (-i[1], -i[2])):
            _at(expected, path).insert(before, value)
        self.expected_final = expected
        return (BOM if self.bom else "") + "".join(out)

    def set(self, path: DataPath, key: str, value: Any, order: Sequence[str] = ()) -> None:
        """Set ``key`` of the mapping at ``path`` (None deletes it); a new key goes after its predecessor in ``order``."""
        mapping, target = self.node(path), _at(self.expected, path)
        old = mapping.keys.get(key)
        if old is not None and old.style in ("|", ">") and isinstance(value, str) and isinstance(old.value, str):
            if old.value.endswith("\n") and not value.endswith("\n"):
                value += "\n"  # keep the block's header (`>`, not `>-`): the diff stays on the text
        if target.get(key) == value:
            return
        if value is None:
            target.pop(key, None)
            if old is not None:
                self._splice(self._line_start(old.key_start), self._after(old), "")
            return
        target[key] = value
        if old is None:
            pos, col = self._new_key(mapping, key, order)
            self._insert_lines(pos, render_value(key, value, col, self.seq_offset))
        elif old.kind == "scalar" and not isinstance(value, (list, dict)):
            self._replace_scalar(old, value)
        elif old.style == "flow" or old.kind == "scalar":
            col = self._col(old.key_start)
            lines = render_value(key, value, col, self.seq_offset)
            if len(lines) == 1:
                self._splice(old.key_start, old.end, lines[0][col:])
                return
            self._splice(self._line_start(old.key_start), self._after(old), "\n".join(lines) + "\n")
        else:
            col = self._col(old.key_start)
            self._splice(self._line_start(old.key_start), self._after(old),
                         "\n".join(render_value(key, value, col, self.seq_offset)) + "\n")  # fmt: skip

    def add_items(self, path: DataPath, values: list[Any], *, before: int | None = None,
                  order: Sequence[str] = (), replace: tuple[int, int] | None = None) -> None:  # fmt: skip
        """Insert ``values`` into the list at ``path`` before item ``before`` (default: at the end).

        A missing list is created after its predecessor in ``order``; an empty ``[]`` becomes a
        block list; ``replace`` (a span of comment lines) is where the items go instead.
        """
        if not values:
            return
        parent_path, key = path[:-1], path[-1]
        assert isinstance(key, str)
        parent = self.node(parent_path)
        seq = parent.keys.get(key)
        if seq is None:  # a new list: rendered whole in result(), whatever is added to it meanwhile
            if path not in self.created:
                pos, col = self._new_key(parent, key, order)
                self.created[path] = (pos, col, [])
                _at(self.expected, parent_path)[key] = self.created[path][2]
            self.created[path][2].extend(values)
            return
        current = _at(self.expected, path)
        at = len(current) if before is None else before
        for value in values:
            self.inserts.append((path, at, len(self.inserts), value))
        if seq.kind != "seq" or (seq.style == "flow" and seq.items):
            raise UserError(f"`{key}:` is not a block list here; write it as one to edit it with francis")
        if seq.style == "flow":
            dash_col = self._col(seq.key_start) + self.seq_offset
            if path not in self.opened:
                self.opened.add(path)
                self._splice(seq.key_end, seq.end, ":")
            pos = self._after(seq)
        else:
            dash = self.text.rfind("-", 0, seq.items[0].start)
            dash_col = self._col(dash)
            pos = self._after(seq.items[-1]) if at >= len(seq.items) else self._item_top(seq.items[at], dash_col)
        lines = [line for v in values for line in render_item(v, dash_col, self.seq_offset)]
        if replace is not None:
            self._splice(replace[0], replace[1], "\n".join(lines) + "\n")
        else:
            self._insert_lines(pos, lines)

    def _new_key(self, mapping: Node, key: str, order: Sequence[str]) -> tuple[int, int]:
        """Where a new key of ``mapping`` goes (after its predecessor in ``order``), and its column."""
        before = set(order[: order.index(key)]) if key in order else set(mapping.keys)
        prev = [n for k, n in mapping.keys.items() if k in before] or list(mapping.keys.values())
        return self._after(prev[-1]), self._col(next(iter(mapping.keys.values())).key_start)

    def _replace_scalar(self, old: Node, value: Any) -> None:
        style = old.style if old.style != "*" else None
        indent = self._col(old.key_start) + 2
        if style in ("|", ">"):
            first = self.text.find("\n", old.start) + 1
            content = self.text[first : old.end]
            indent = len(content) - len(content.lstrip(" ")) if content.strip() else indent
        rendered = render_scalar(value, indent, start_col=self._col(old.start), style=style)
        end = old.end
        if style not in ("|", ">") and rendered[:1] in ("|", ">"):
            line_end = self._line_end(old.end)
            rest = self.text[old.end : line_end]
            if rest.strip().startswith("#"):
                head, body = rendered.split("\n", 1)
                rendered, end = f"{head}{rest}\n{body}", line_end
        self._splice(old.start, end, rendered)

    def _splice(self, start: int, end: int, text: str) -> None:
        self.splices.append((start, end, len(self.splices), text))

    def _insert_lines(self, pos: int, lines: list[str]) -> None:
        body = "\n".join(lines)
        self._splice(pos, pos, "\n" + body if pos == len(self.text) and not self.text.endswith("\n") else body + "\n")

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        newline = self.text.find("\n", index)
        return len(self.text) if newline < 0 else newline - (self.text[newline - 1] == "\r")

    def _after(self, node: Node) -> int:
        newline = self.text.find("\n", node.end)
        return len(self.text) if newline < 0 else newline + 1

    def _col(self, index: int) -> int:
        return index - self._line_start(index)

    def _item_top(self, item: Node, dash_col: int) -> int:
        """Where an item's lines begin: its dash line, with the comment lines just above it."""
        top = self._line_start(item.start)
        while top > 0:
            prev = self._line_start(top - 1)
            line = self.text[prev:top].rstrip("\r\n")
            if not line.lstrip().startswith("#") or len(line) - len(line.lstrip()) < dash_col:
                break
            top = prev
        return top

    def _seq_offset(self, node: Node) -> int | None:
        """How far this file indents a block list's dashes under their key (2 in francis's files)."""
        for child in node.keys.values():
            if child.kind == "seq" and child.style is None and child.items:
                return self._col(self.text.rfind("-", 0, child.items[0].start)) - self._col(child.key_start)
        for child in [*node.items, *node.keys.values()]:
            found = self._seq_offset(child)
            if found is not None:
                return found
        return None



class EditRefused(FrancisError):
    """The edit would add errors to the tracker, or could not be made safely: nothing was written."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        lines = [message, *(p.format() for p in problems)]
        super().__init__("\n".join(lines))
        self.problems = list(problems)


@dataclass(slots=True)
class Change:
    """One file's new content, with the bytes it was computed from (None for a new file)."""

    rel: str
    old: bytes | None
    new: bytes
    summary: list[str] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff as ``git diff`` shows it (paths a/ and b/)."""
        old = _decode(self.old).splitlines(keepends=True) if self.old is not None else []
        new = _decode(self.new).splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{self.rel}" if self.old is not None else "/dev/null",
                                     f"b/{self.rel}", n=3)  # fmt: skip
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _decode(raw: bytes | None) -> str:
    return (raw or b"").decode("utf-8", "replace")


def read_doc(root: Path, rel: str) -> tuple[bytes, TextDoc]:
    """A data file's bytes and its editable text; a UserError if it cannot be edited safely."""
    try:
        raw = (root / rel).read_bytes()
    except OSError as err:
        raise UserError(f"{rel}: cannot read file: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{rel}: not UTF-8 text; fix it first (`francis check` says where)") from None
    doc = TextDoc(text)
    problems = yamlio.parse(text).problems
    if problems or not isinstance(doc.data, dict):
        where = f":{problems[0].line}:{problems[0].col}: {problems[0].message}" if problems else ": not a mapping"
        raise UserError(f"{rel}{where}; fix the file before editing it (`francis check`)")
    return raw, doc


def new_file(rel: str, data: dict[str, Any], header: str = "") -> Change:
    """A change creating ``rel`` holding ``data`` in francis's own style."""
    text = header + "\n".join(render_mapping(data, 0)) + "\n"
    if yamlio.parse(text).data != data:
        raise InternalError(f"{rel}: the new file does not read back as intended")
    return Change(rel, None, text.encode("utf-8"))


def finish(rel: str, raw: bytes, doc: TextDoc, summary: str) -> Change:
    """The change made by ``doc``'s splices, checked to hold exactly the intended data."""
    text = doc.result()
    if yamlio.parse(text).data != doc.expected_final:
        raise InternalError(f"{rel}: the edited file does not read back as intended; nothing written")
    return Change(rel, raw, text.encode("utf-8"), [summary])


@dataclass(slots=True)
class Overlay:
    """The work tree with some files replaced (or added) in memory: what the tracker would be."""

    base: WorkTree
    changes: dict[str, bytes]

    def discover(self) -> Discovery:
        found = self.base.discover()
        known = {rel for rel, _ in found.files}
        for rel in self.changes:
            kind = classify(rel)
            if rel not in known and kind is not None:
                found.files.append((rel, kind))
        sort_files(found.files)
        return found

    def read(self, rel: str, max_bytes: int) -> bytes:
        if rel in self.changes:
            data = self.changes[rel]
            if len(data) > max_bytes:
                raise FileTooLarge(len(data))
            return data
        return self.base.read(rel, max_bytes)


def _error_key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, "".join(c for c in p.message if not c.isdigit()))


def validate(root: Path, changes: Sequence[Change]) -> list[Problem]:
    """The errors the changes would add to the tracker (compared with it as it is on disk)."""
    from collections import Counter

    from .checks import run_checks
    from .corpus import load_tracker

    before = Counter(_error_key(p) for p in run_checks(load_tracker(root)) if p.severity == "error")
    after = [p for p in run_checks(load_tracker(root, Overlay(WorkTree(root), {c.rel: c.new for c in changes})))
             if p.severity == "error"]  # fmt: skip
    added: list[Problem] = []
    for p in after:
        key = _error_key(p)
        if before[key]:
            before[key] -= 1
        else:
            added.append(p)
    return added


def plan(root: Path, changes: Sequence[Change]) -> list[Change]:
    """Validate ``changes`` in memory; raise EditRefused listing the errors they would add."""
    real = [c for c in changes if c.old != c.new]
    added = validate(root, real)
    if added:
        n = len(added)
        raise EditRefused(f"edit refused: it would add {n} error{'s' if n != 1 else ''} to the tracker; "
                          "nothing written", added)  # fmt: skip
    return real


@contextmanager
def lock(path: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``path``: one francis edits a file at a time.

    A lock left by a process that died (same host, pid gone) or older than a few minutes is
    broken; any other is a conflict, reported, never waited on.
    """
    lock_path = path.with_name(f".{path.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        try:
            fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if attempt == 0 and _stale(lock_path):
                lock_path.unlink(missing_ok=True)
                continue
            raise EditRefused(f"{path.name} is being edited by another francis process (lock file "
                              f"{lock_path.name}); try again, or delete the lock file if no edit is running") from None  # fmt: skip
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()} {socket.gethostname()}\n")
        break
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)


def _stale(lock_path: Path) -> bool:
    try:
        if time.time() - lock_path.stat().st_mtime > STALE_LOCK_SECONDS:
            return True
        pid, host = lock_path.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError, OSError):
        return False
    return False


def commit(root: Path, changes: Sequence[Change]) -> list[Change]:
    """Write validated changes: each atomically, under its lock, only if unchanged on disk since read."""
    with ExitStack() as stack:
        for change in changes:
            stack.enter_context(lock(root / change.rel))
        for change in changes:
            path = root / change.rel
            try:
                current: bytes | None = path.read_bytes()
            except FileNotFoundError:
                current = None
            if current != change.old:
                what = "was created" if change.old is None else "changed on disk since it was read"
                raise EditRefused(f"{change.rel} {what}; nothing written (run the command again)")
        for change in changes:
            write_atomic(root / change.rel, change.new)
    return list(changes)


# --- the edits commands make -------------------------------------------------------------------

ASSESSMENT_KEYS = ("recommendation", "rating", "position", "evidence", "actions", "applicable", "reason")
ACTION_KEYS = ("id", "title", "lead", "outcome", "due", "timeline", "status", "completed", "recommendations",
               "progress")  # fmt: skip
SKELETON = r"^[ \t]*# ?- recommendation: {n}\b.*\n(?:[ \t]*#   .*\n)*"
"""A commented entry of the skeleton ``francis init`` writes; an assessment of that number replaces it."""


def _check_org(corpus: Corpus, org: str) -> None:
    if corpus.organisation(org) is None:
        known = ", ".join(sorted(corpus.organisations)) or "none yet"
        raise UserError(f"no organisation {org!r} in data/organisations.yaml (organisations: {known})")


def _free_rel(root: Path, folder: str, org: str, taken: set[str]) -> str:
    rel, n = f"data/{folder}/{org}.yaml", 2
    while rel in taken or (root / rel).exists():
        rel, n = f"data/{folder}/{org}-{n}.yaml", n + 1
    return rel


def edit_assessments(root: Path, corpus: Corpus, org: str, updates: Sequence[dict[str, Any]],
                     *, set_id: str | None = None) -> list[Change]:  # fmt: skip
    """Create or update assessments of ``org``; each update holds ``recommendation`` and the keys to set.

    An existing assessment is edited where it stands; a new one goes into the organisation's
    assessment file in number order (replacing its commented skeleton entry), or a new file.
    """
    import re

    _check_org(corpus, org)
    set_id = set_id or corpus.config.default_set
    where = {e.model.recommendation: (e.at.file.rel, e.at.path) for e in corpus.assessments
             if e.organisation == org and e.set == set_id}  # fmt: skip
    files = sorted(f.rel for f in corpus.files_of("assessments")
                   if f.model.organisation == org and (f.model.set or corpus.config.default_set) == set_id)  # fmt: skip
    docs: dict[str, tuple[bytes | None, TextDoc | None, list[dict[str, Any]]]] = {}
    home = files[0] if files else _free_rel(root, "assessments", org, set())
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
    changes: list[Change] = []
    for rel, (raw, doc, new) in docs.items():
        new.sort(key=lambda u: u["recommendation"])
        if doc is None:
            data = {"organisation": org, "set": set_id if set_id != corpus.config.default_set else None,
                    "assessments": new}  # fmt: skip
            changes.append(new_file(rel, {k: v for k, v in data.items() if v is not None}))
            continue
        items = doc.data.get("assessments")
        numbers = [a.get("recommendation") for a in items] if isinstance(items, list) else []
        for update in new:
            before = next((i for i, n in enumerate(numbers) if isinstance(n, int) and n > update["recommendation"]), None)
            skeleton = re.search(SKELETON.format(n=update["recommendation"]), doc.text.replace("\r\n", "\n"), re.M)
            span = None
            if skeleton is not None and doc.nl == "\n":
                span = skeleton.span()
            doc.add_items(("assessments",), [update], before=before, order=("organisation", "set", "assessed"),
                          replace=span)  # fmt: skip
        assert raw is not None
        changes.append(finish(rel, raw, doc, ""))
    return changes


def find_action(corpus: Corpus, org: str, action_id: str) -> ActionEntry:
    _check_org(corpus, org)
    found = [e for e in corpus.actions if e.organisation == org and e.model.id == action_id]
    if not found:
        ids = ", ".join(e.model.id for e in corpus.actions if e.organisation == org) or "none yet"
        raise UserError(f"{org!r} has no action {action_id!r} (its actions: {ids})")
    if len(found) > 1:
        raise UserError(f"{org!r} has action {action_id!r} twice; fix that first (`francis check`)")
    return found[0]


Docs = dict[str, tuple[bytes, TextDoc]]
"""Files being edited together, by path: several edits of one file make one change."""


def finish_all(docs: Docs) -> list[Change]:
    return [finish(rel, raw, doc, "") for rel, (raw, doc) in docs.items() if doc.splices or doc.created]


def edit_actions(root: Path, corpus: Corpus, org: str,
                 updates: Sequence[tuple[str, dict[str, Any], Sequence[dict[str, Any]]]],
                 docs: Docs | None = None) -> list[Change]:  # fmt: skip
    """Set (or, with None, remove) keys of actions, and append progress notes: (id, keys, notes) each.

    With ``docs``, the edits join those files' other edits and the caller finishes them.
    """
    mine = docs is None
    docs = {} if docs is None else docs
    for action_id, fields, notes in updates:
        entry = find_action(corpus, org, action_id)
        rel = entry.at.file.rel
        if rel not in docs:
            docs[rel] = read_doc(root, rel)
        doc = docs[rel][1]
        for key, value in fields.items():
            doc.set(entry.at.path, key, value, ACTION_KEYS)
        doc.add_items((*entry.at.path, "progress"), list(notes), order=ACTION_KEYS)
    return finish_all(docs) if mine else []


def edit_action(root: Path, corpus: Corpus, org: str, action_id: str, fields: dict[str, Any],
                notes: Sequence[dict[str, Any]] = ()) -> Change:  # fmt: skip
    changes = edit_actions(root, corpus, org, [(action_id, fields, notes)])
    if changes:
        return changes[0]
    entry = find_action(corpus, org, action_id)
    raw = (root / entry.at.file.rel).read_bytes()
    return Change(entry.at.file.rel, raw, raw)


def next_id(taken: set[str], section: str | None, siblings: Sequence[str]) -> str:
    """The id after the section's last one ("3.7" → "3.8"), or the section's first ("3" → "3.1")."""
    import re

    match = re.match(r"^(.*?)(\d+)$", siblings[-1]) if siblings else None
    prefix, n = (match.group(1), int(match.group(2)) + 1) if match else (f"{section}." if section else "", 1)
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def add_actions(root: Path, corpus: Corpus, org: str, new: Sequence[tuple[str | None, dict[str, Any]]],
                *, section_titles: dict[str, str] | None = None, docs: Docs | None = None) -> list[Change]:  # fmt: skip
    """Add actions to ``org``'s workplan: each (section id or None, action); an action without an
    ``id`` gets the next free one of its section. A section not yet in the workplan is created
    when ``section_titles`` names it; without a workplan, one is created."""
    _check_org(corpus, org)
    titles = section_titles or {}
    taken = {e.model.id for e in corpus.actions if e.organisation == org}
    plans = sorted(f.rel for f in corpus.files_of("workplan") if f.model.organisation == org)
    mine = docs is None
    docs = {} if docs is None else docs
    for rel in plans:
        if rel not in docs:
            docs[rel] = read_doc(root, rel)
    fresh: dict[str, Any] | None = None if plans else {"organisation": org}
    home = plans[0] if plans else _free_rel(root, "workplan", org, set())
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for section, action in new:
        groups.setdefault(section, []).append(dict(action))
    for section, actions in groups.items():
        found = _find_section(docs, fresh, home, section)
        siblings = found[2] if found else []
        for i, action in enumerate(actions):
            if not action.get("id"):
                actions[i] = action = {"id": next_id(taken, section, siblings), **action}
            if action["id"] in taken:
                raise UserError(f"{org!r} already has an action {action['id']!r}")
            taken.add(action["id"])
            siblings.append(action["id"])
        if found is None:
            if section not in titles:
                names = ", ".join(_section_ids(docs, fresh)) or "none yet"
                raise UserError(f"no section {section!r} in {org!r}'s workplan (sections: {names})")
            block = {"id": section, "title": titles[section], "actions": actions}
            if fresh is not None:
                fresh.setdefault("sections", []).append(block)
            else:
                docs[home][1].add_items(("sections",), [block], order=("organisation", "title", "agreed", "set"))
        elif fresh is not None:
            (_at(fresh, found[1])["actions"] if found[1] else fresh.setdefault("actions", [])).extend(actions)
        else:
            docs[found[0]][1].add_items((*found[1], "actions"), actions,
                                        order=("organisation", "title", "agreed", "set", "sections"))  # fmt: skip
    if fresh is not None:
        return [new_file(home, fresh)]
    return finish_all(docs) if mine else []


def _section_ids(docs: dict[str, tuple[bytes, TextDoc]], fresh: dict[str, Any] | None) -> list[str]:
    datas = [fresh] if fresh is not None else [doc.data for _, doc in docs.values()]
    return [str(s.get("id")) for data in datas for s in data.get("sections") or []]


def _find_section(docs: dict[str, tuple[bytes, TextDoc]], fresh: dict[str, Any] | None, home: str,
                  section: str | None) -> tuple[str, DataPath, list[str]] | None:  # fmt: skip
    """The file and path of ``section`` (None: the actions outside any section), with its action ids."""
    datas = [(home, fresh)] if fresh is not None else [(rel, doc.data) for rel, (_, doc) in docs.items()]
    for rel, data in datas:
        for i, sec in enumerate(data.get("sections") or []):
            if section is not None and str(sec.get("id")) == section:
                return rel, ("sections", i), [str(a.get("id")) for a in sec.get("actions") or []]
    if section is None:
        if _section_ids(docs, fresh):
            names = ", ".join(_section_ids(docs, fresh))
            raise UserError(f"the workplan has sections ({names}): say which with --section")
        rel, data = datas[0]
        return rel, (), [str(a.get("id")) for a in data.get("actions") or []]
    return None


def run(root: Path, changes: Sequence[Change], *, dry_run: bool = False) -> str:
    """Validate and write ``changes`` (or, with ``dry_run``, only show them): the text to print."""
    real = plan(root, changes)
    if not real:
        return "nothing to change\n"
    if dry_run:
        return "".join(c.diff() for c in real)
    commit(root, real)
    return "".join(f"{'created' if c.old is None else 'updated'} {c.rel}\n" for c in real)


def today(value: str | None) -> str:
    """``--date``: the given day, else FRANCIS_AS_OF, else today; always YYYY-MM-DD."""
    from datetime import date

    given = value or os.environ.get("FRANCIS_AS_OF") or None
    if given is None:
        return date.today().isoformat()
    try:
        return date.fromisoformat(given.strip()).isoformat()
    except ValueError:
        raise UserError(f"--date: {given!r} is not a date written YYYY-MM-DD") from None


def create(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write new files (``francis init``): refused, with nothing written, if any already exists."""
    clash = [rel for rel in files if (root / rel).exists()]
    if clash:
        raise UserError(f"{', '.join(clash)} already exist{'s' if len(clash) == 1 else ''}: nothing written")
    return [c.rel for c in commit(root, [Change(rel, None, data) for rel, data in files.items()])]
