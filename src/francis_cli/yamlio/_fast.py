"""The builder for a clean file: ``_events.build`` without positions, in one lean loop (after the
line reader, ``_lines``, which takes the plain block style francis writes for less still).

Why: a cold load of a national tracker parses hundreds of megabytes, nearly all of it in files
with no problem, and the careful builder's bookkeeping (positions, node counts for aliases, a
problem for every irregular thing) was a third of that parse. This one builds the same data from
the same events, and gives up (``Careful``) at the first thing that is, or may be, a problem —
a duplicate key, a key that is a mapping or a list, a tag, an alias, nesting past the limit, a
second document, NEL/LS/PS in the text, or no C parser — so that ``parse`` reads the file again
with the careful builder and positions, which says exactly what.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ._events import FAST_PARSER
from ._lines import Careful
from .values import Limits, resolve_plain

if FAST_PARSER:
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

__all__ = ["Careful", "build_fast"]


_NO_KEY = object()
"""A mapping waiting for its next key (else the key waiting for its value)."""


def build_fast(text: str, limits: Limits) -> Any:
    """The plain data of a clean file; ``Careful`` at anything else; a parser's error as it comes."""
    if not FAST_PARSER or "\x85" in text or "\u2028" in text or "\u2029" in text:
        raise Careful
    parser = _CParser(text)
    check, get = parser.check_event, parser.get_event
    containers: list[Any] = []
    keys: list[Any] = []
    depth, documents, root = limits.max_depth, 0, None
    scalar, mapping, sequence, ends = (
        ScalarEvent,
        MappingStartEvent,
        SequenceStartEvent,
        (MappingEndEvent, SequenceEndEvent),
    )
    while check():
        ev = get()
        kind = type(ev)
        if kind is scalar:
            if ev.ctag is not None:  # `tag` is a property made from it
                raise Careful
            value = ev.value if ev.style else resolve_plain(ev.value)
        elif kind is mapping or kind is sequence:
            if (
                ev.tag is not None
                or len(containers) >= depth
                or (keys and keys[-1] is _NO_KEY and type(containers[-1]) is dict)
            ):
                raise Careful  # a tag, too deep, or a mapping or list as a key
            containers.append({} if kind is mapping else [])
            keys.append(_NO_KEY)
            continue
        elif kind in ends:
            value = containers.pop()
            keys.pop()
        elif kind is AliasEvent:
            raise Careful
        else:
            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Careful
            continue
        if not containers:
            root = value
            continue
        top = containers[-1]
        if type(top) is list:
            top.append(value)
        elif keys[-1] is _NO_KEY:
            if value in top:
                raise Careful  # a duplicate key
            keys[-1] = value
        else:
            top[keys[-1]] = value
            keys[-1] = _NO_KEY
    return root
