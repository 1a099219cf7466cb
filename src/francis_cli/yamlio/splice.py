"""Edits of one YAML file's text as splices at parser positions.

Re-dumping a hand-written YAML file re-indents it and moves its comments, so nothing here
dumps a whole file. Each edit replaces the exact span of one value, or inserts lines for a
new key or list item with the indentation of its siblings, so ``git diff`` shows only the
lines that must change; line endings and a byte-order mark stay as they were. The edited
text is re-parsed and must hold exactly the intended data before it becomes a change (``edit.files``).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InternalError, UserError
from .read import parse
from .style import render_item, render_scalar, render_value
from .values import BOM, DataPath, resolve_plain


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
        SequenceStartEvent,
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

    from ._events import stand_ins

    masked, back = stand_ins(text)  # NEL, U+2028, U+2029 are no line breaks: same length, same marks
    for ev in YAML(typ="rt", pure=True).parse(masked):
        if back and isinstance(ev, ScalarEvent):
            ev.value = ev.value.translate(back)
        if isinstance(ev, ScalarEvent):
            start, end = ev.start_mark.index, ev.end_mark.index
            style = ev.style or None
            if style in ("|", ">"):
                last = len(text[:end].rstrip(" \t\r\n")) - 1
                newline = text.find("\n", max(last, start))
                end = len(text) if newline < 0 else newline - (text[newline - 1] == "\r")
            value = ev.value if style else resolve_plain(ev.value)
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


def value_at(data: Any, path: DataPath) -> Any:
    """The value at ``path`` in parsed data: mapping keys and list indices."""
    for part in path:
        data = data[part]
    return data


class TextDoc:
    """A YAML file's text with edits queued as splices at parser positions.

    ``expected`` is the data the edited text must hold; ``result`` applies the splices.
    """

    def __init__(self, text: str) -> None:
        self.bom = text.startswith(BOM)
        self.text = text[1:] if self.bom else text
        self.nl = "\r\n" if "\r\n" in self.text else "\n"
        self.data = parse(self.text).data
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
            value_at(expected, path).insert(before, value)
        self.expected_final = expected
        return (BOM if self.bom else "") + "".join(out)

    def set(self, path: DataPath, key: str, value: Any, order: Sequence[str] = ()) -> None:
        """Set ``key`` of the mapping at ``path`` (None deletes it).

        A new key goes after its predecessor in ``order``.
        """
        mapping, target = self.node(path), value_at(self.expected, path)
        old = mapping.keys.get(key)
        if (
            old is not None
            and old.style in ("|", ">")
            and isinstance(value, str)
            and isinstance(old.value, str)
            and old.value.endswith("\n")
            and not value.endswith("\n")
        ):
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
            self._splice(
                self._line_start(old.key_start),
                self._after(old),
                "\n".join(render_value(key, value, col, self.seq_offset)) + "\n",
            )

    def add_items(
        self,
        path: DataPath,
        values: list[Any],
        *,
        before: int | None = None,
        order: Sequence[str] = (),
        replace: tuple[int, int] | None = None,
    ) -> None:
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
                value_at(self.expected, parent_path)[key] = self.created[path][2]
            self.created[path][2].extend(values)
            return
        current = value_at(self.expected, path)
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
