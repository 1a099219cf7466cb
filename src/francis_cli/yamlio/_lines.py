"""A reader of plain block YAML, line by line, for the lean path: the data libyaml gives, or ``Careful``.

Why: a cold load of a national tracker is mostly parsing, and most of the parse was the C parser
handing each event to Python as an object with two marks. The files francis writes and people
edit use a small part of YAML — block mappings and lists, one-line plain and quoted scalars,
one-line flow lists of scalars, folded and literal block scalars — which can be read a line at
a time with ``str`` methods at a fraction of that cost. Anything else, and anything that might
read differently (a tab, a CR, a control or non-printable character, a trailing space, a comment
after a value, a plain scalar running on to the next line, a key in quotes, an anchor, a tag, a
directive, a document marker, a duplicate key, nesting past the limit, a block scalar with an
indentation indicator, ``+`` chomping, a leading blank line or a more-indented line in a folded
one), raises ``Careful``, and the event builder reads the file instead. So for every text this
reader takes, the data is exactly the careful builder's; tests compare the two on the YAML test
suite, on generated trackers and on random documents.
"""

from __future__ import annotations

import re
from typing import Any

from .values import _MAYBE_NOT_STR, _SPECIAL, resolve_plain


class Careful(Exception):
    """The text is outside what this reader takes (see the module's docstring)."""


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,200}):(?: +|\Z)")
"""A plain key and its colon (libyaml takes a key of at most 1,024 characters)."""
_ENTRY = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_-]{0,200}):(?: +([^\n]*))?\n")
"""A whole line holding a plain key: its indentation, the key and what follows."""
_FLOW_ITEM = re.compile(r""" *(?:"([^"\\]*)"|'([^']*)'|([^-?:,\[\]{}#&*!|>'"%@` ][^,\[\]{}#:'"]*?)) *(,|\])""")
"""One item of a one-line flow list: double-quoted without escapes, single-quoted without
doubled quotes, or plain without a character that could mean something in a flow."""
_EMPTY_FLOW = re.compile(r"\[ *\]")
_DOUBLE = re.compile(r'"([^"\\]*)"')
"""A double-quoted scalar without escapes."""
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters that, first in a value, make it something other than a plain scalar."""
_ASCII_PRINTABLE = bytes([10, *range(32, 127)])
_BLOCK = {">": (True, "\n"), ">-": (True, ""), "|": (False, "\n"), "|-": (False, "")}
"""A block scalar's header: folded or not, and what clip or strip chomping leaves at its end."""

Line = tuple[int, int, str]
"""Where the next line holding a value ends (its line break), its indentation, and its content
after the indentation; ``(len(text), -1, "")`` past the last."""


def build_lines(text: str, max_depth: int) -> Any:
    """The plain data of ``text``, or ``Careful``."""
    if not text.endswith("\n") or " \n" in text or not _printable(text):
        raise Careful
    reader = _Reader(text, max_depth)
    end, indent, content = reader.next_content(0)
    if indent != 0:
        raise Careful  # empty, only comments, or indented
    value, (_, indent, _) = reader.node(end, 0, content, 0)
    if indent != -1:
        raise Careful
    return value


def _printable(text: str) -> bool:
    """No tab, CR, control character, NEL, line or paragraph separator, BOM or other character
    Python does not print (which libyaml prints or not; the event builder decides those)."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _ASCII_PRINTABLE)
    return text.replace("\n", "").isprintable()


_BLOCK_LINES: dict[tuple[int, bool], re.Pattern[str]] = {}


def _block_lines(width: int, folded: bool) -> re.Pattern[str]:
    """Lines indented by exactly ``width`` spaces (folded) or at least (literal), none blank."""
    pattern = _BLOCK_LINES.get((width, folded))
    if pattern is None:
        line = f" {{{width}}}[^ \n][^\n]*\n" if folded else f" {{{width}}}[^\n]+\n"
        pattern = _BLOCK_LINES[(width, folded)] = re.compile(f"(?:{line})+")
    return pattern


class _Reader:
    __slots__ = ("max_depth", "size", "text")

    def __init__(self, text: str, max_depth: int) -> None:
        self.text, self.size, self.max_depth = text, len(text), max_depth

    def next_content(self, pos: int) -> Line:
        """The next line from offset ``pos`` on that is neither blank nor a comment."""
        text, size = self.text, self.size
        while pos < size:
            end = text.find("\n", pos)
            line = text[pos:end]
            content = line.lstrip(" ")
            if content and content[0] != "#":
                return end, len(line) - len(content), content
            pos = end + 1
        return size, -1, ""

    def node(self, end: int, indent: int, content: str, depth: int) -> tuple[Any, Line]:
        """The block mapping or list whose first line ends at ``end``; and the next line after it."""
        if content == "-" or content.startswith("- "):
            value, after = self.sequence(end, indent, content, depth, False)
        elif _KEY.match(content) is not None:
            value, after = self.mapping(end, indent, content, depth)
        else:
            raise Careful  # a plain scalar on lines of its own, a quoted key, a marker, …
        return value, after

    def mapping(self, end: int, indent: int, content: str, depth: int) -> tuple[Any, Line]:
        """The block mapping at ``indent`` whose first key is ``content`` (its line ends at ``end``).

        A key with a plain value, the commonest line, is read without a call: one match gives the
        next line's indentation, key and value."""
        if depth >= self.max_depth:
            raise Careful
        out: dict[Any, Any] = {}
        text, entry, special, indicators, maybe = self.text, _ENTRY.match, _SPECIAL, _INDICATORS, _MAYBE_NOT_STR
        m = _KEY.match(content)
        if m is None:
            raise Careful
        key, rest = m.group(1), content[m.end() :]
        while True:
            if key in out or key in special:
                raise Careful  # a duplicate, or a key that is not a string
            if rest and rest[0] != "#":  # else nothing but a comment follows the key
                first = rest[0]
                if first not in indicators and " #" not in rest and ": " not in rest and rest[-1] != ":":
                    out[key] = rest if first not in maybe else resolve_plain(rest)
                    after = end + 1
                else:
                    out[key], after = self.inline(rest, end, indent, depth + 1)
                f = entry(text, after)
                if f is not None and f.end(1) - after == indent:
                    key, rest, end = f.group(2), f.group(3) or "", f.end() - 1
                    continue
                end, at, content = self.next_content(after)
            else:
                end, at, content = self.next_content(end + 1)
                if at > indent:
                    value, (end, at, content) = self.node(end, at, content, depth + 1)
                elif at == indent and (content == "-" or content.startswith("- ")):
                    value, (end, at, content) = self.sequence(end, at, content, depth + 1, True)
                else:
                    value = None
                out[key] = value
            if at != indent:
                if at > indent:
                    raise Careful  # a scalar running on, or a line indented wrongly
                return out, (end, at, content)
            m = _KEY.match(content)
            if m is None:
                raise Careful
            key, rest = m.group(1), content[m.end() :]

    def sequence(self, end: int, indent: int, content: str, depth: int, indentless: bool) -> tuple[Any, Line]:
        if depth >= self.max_depth:
            raise Careful
        out: list[Any] = []
        while True:
            if content == "-":
                end, at, content = self.next_content(end + 1)
                if at > indent:
                    value, (end, at, content) = self.node(end, at, content, depth + 1)
                else:
                    value = None
            else:
                rest = content[2:].lstrip(" ")
                if _KEY.match(rest) is not None:
                    column = indent + len(content) - len(rest)
                    value, (end, at, content) = self.mapping(end, column, rest, depth + 1)
                else:
                    value, after = self.inline(rest, end, indent, depth + 1)
                    end, at, content = self.next_content(after)
            out.append(value)
            if at != indent:
                if at > indent:
                    raise Careful
                return out, (end, at, content)
            if content != "-" and not content.startswith("- "):
                if indentless:
                    return out, (end, at, content)  # the mapping holding the list goes on
                raise Careful

    def inline(self, rest: str, end: int, indent: int, depth: int) -> tuple[Any, int]:
        """The value written after ``key:`` or ``-`` on the line ending at ``end`` (perhaps with a
        comment after it), and the offset of the line after it."""
        first = rest[0]
        if first not in _INDICATORS:
            hash_at = rest.find(" #")
            if hash_at >= 0:
                rest = rest[:hash_at].rstrip(" ")
            if ": " in rest or rest[-1] == ":":
                raise Careful
            return resolve_plain(rest), end + 1
        if first == '"' or first == "'":
            m = (_DOUBLE if first == '"' else _SINGLE).match(rest)
            if m is None or not _ends(rest, m.end()):
                raise Careful
            inner = m.group(1)
            return (inner if first == '"' else inner.replace("''", "'")), end + 1
        if first == "[":
            if depth >= self.max_depth:
                raise Careful
            return _flow_list(rest), end + 1
        head = rest.partition(" #")[0].rstrip(" ")
        if head in _BLOCK:
            return self.block_scalar(head, end + 1, indent)
        raise Careful

    def block_scalar(self, header: str, start: int, indent: int) -> tuple[str, int]:
        """A folded or literal scalar whose lines start at offset ``start``, inside a node at
        ``indent``; and the offset after it. Lines all indented alike, none blank, are one match
        of a pattern and one ``replace``; the rest are read a line at a time."""
        folded, chomped = _BLOCK[header]
        text = self.text
        first = text.find("\n", start)
        if first < 0:
            raise Careful
        line = text[start:first]
        body = line.lstrip(" ")
        width = len(line) - len(body)
        if not body or width <= indent:
            raise Careful  # a leading blank line, or no content
        m = _block_lines(width, folded).match(text, start)
        if m is None:
            raise Careful  # a folded scalar's first line more indented than it says
        after = m.end()
        pad = " " * width
        if after >= self.size or not (text[after] == "\n" or text.startswith(pad, after)):
            block = text[start + width : after - 1]
            return block.replace("\n" + pad, " " if folded else "\n") + chomped, after
        return self._block_slowly(folded, chomped, start, width)

    def _block_slowly(self, folded: bool, chomped: str, start: int, width: int) -> tuple[str, int]:
        """A block scalar with blank lines (or, literal, more-indented ones), a line at a time."""
        text, size, pad = self.text, self.size, " " * width
        parts: list[str] = []
        pos = start
        while pos < size:
            end = text.find("\n", pos)
            if end == pos:
                parts.append("")
            elif text.startswith(pad, pos):
                body = text[pos + width : end]
                if folded and body[0] == " ":
                    raise Careful  # a more-indented line: kept as it is, not folded
                parts.append(body)
            else:
                break
            pos = end + 1
        while not parts[-1]:
            parts.pop()
        if not folded:
            return "\n".join(parts) + chomped, pos
        return _fold(parts) + chomped, pos


def _fold(parts: list[str]) -> str:
    """Folded lines: one line break becomes a space; n blank lines between two lines, n breaks."""
    out = [parts[0]]
    blanks = 0
    for part in parts[1:]:
        if not part:
            blanks += 1
            continue
        out.append("\n" * blanks if blanks else " ")
        out.append(part)
        blanks = 0
    return "".join(out)


def _ends(line: str, at: int) -> bool:
    """Whether nothing but spaces and perhaps a comment follows ``at``."""
    tail = line[at:]
    return not tail or (tail[0] == " " and tail.lstrip(" ")[:1] in ("", "#"))


def _flow_list(rest: str) -> list[Any]:
    """A one-line flow list of scalars (``rest`` starts with its ``[``)."""
    m = _EMPTY_FLOW.match(rest)
    if m is not None:
        if not _ends(rest, m.end()):
            raise Careful
        return []
    out: list[Any] = []
    pos = 1
    while True:
        m = _FLOW_ITEM.match(rest, pos)
        if m is None:
            raise Careful
        double, single, plain, after = m.groups()
        if plain is not None:
            out.append(resolve_plain(plain))
        else:
            out.append(double if double is not None else single)
        pos = m.end()
        if after == "]":
            if not _ends(rest, pos):
                raise Careful
            return out
