"""How francis writes a value as YAML text: its style for new keys, list items and files.

Every scalar is rendered in the first style that parses back to exactly the same value, so
an edit can never change what a file means; folded text wraps at the column the bundled
files use, and ids are always double-quoted.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InternalError, UserError
from .read import parse

WIDTH = 100
"""Wrap folded text at this column, as the bundled files do."""
_SURROGATE = re.compile("[\ud800-\udfff]")
QUOTED_KEYS = frozenset({"id"})
"""Keys whose values are always double-quoted: an unquoted 3.10 would read as the number 3.1."""


def _double(value: str, indent: int) -> str | None:
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
    doc = parse(f"k: [{rendered}]\n" if flow else f"k: {rendered}\n")
    return not doc.problems and doc.data == {"k": [value] if flow else value}


def render_scalar(
    value: Any, indent: int, *, start_col: int = 0, style: str | None = None, flow: bool = False, quote: bool = False
) -> str:
    """``value`` as YAML text starting at ``start_col``, in ``style`` where it reads back exactly.

    Block scalars' lines are indented by ``indent``. Every candidate is checked by parsing it.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise InternalError(f"cannot write a {type(value).__name__} value")
    if _SURROGATE.search(value):  # from text that was not valid UTF-8: no file can hold it
        raise UserError(f"{describe_text(value)} is not valid text (bytes that are not UTF-8?); nothing written")
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
    return _escaped(value)


def describe_text(value: str) -> str:
    """A value as its first words, safe to print whatever it holds."""
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace"))


def _printable(code: int) -> bool:
    """What may stand unescaped inside double quotes: YAML's printable characters, less the ones a
    parser reads as a line break (tab, newline, NEL, U+2028, U+2029) and the byte-order mark."""
    return (
        0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    ) and code not in (0x2028, 0x2029, 0xFEFF)


def _escaped(value: str) -> str:
    """The last resort: a double-quoted scalar with every character YAML cannot carry plainly
    escaped as YAML writes it (``\\x7f``, ``\\u2028``, ``\\U0001f600`` never as a surrogate pair)."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _printable(code):
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


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
    return [
        line for key, value in data.items() if value is not None for line in render_value(key, value, col, seq_offset)
    ]


def render_item(value: Any, dash_col: int, seq_offset: int = 2) -> list[str]:
    """A block-sequence item: ``- key: value`` and its further keys two columns in."""
    if isinstance(value, dict):
        lines = render_mapping(value, dash_col + 2, seq_offset)
        lines[0] = " " * dash_col + "- " + lines[0][dash_col + 2 :]
        return lines
    return [" " * dash_col + "- " + render_scalar(value, dash_col + 2, start_col=dash_col + 2)]
