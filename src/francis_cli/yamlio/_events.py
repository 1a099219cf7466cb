"""The event-stream builder behind ``yamlio.read.parse``: kept apart so that ruamel.yaml is imported
only when a file has to be parsed (a warm cache needs no parser at all)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, StringMark, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import ScannerError

try:  # the C parser: about 20x faster than the pure-Python one, same events
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    FAST_PARSER = True
except ImportError:  # pragma: no cover - depends on the platform's wheels
    FAST_PARSER = False


from .values import CORE_TAGS as _CORE_TAGS
from .values import DataPath, Limits, Pos, RawProblem, SourceMap, Stop, resolve_plain

__all__ = ["FAST_PARSER", "YAMLError", "build", "stand_ins", "syntax_problem"]


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _scalar(ev: ScalarEvent, problems: list[RawProblem]) -> Any:
    tag = ev.tag
    plain = not ev.style  # '' from the C parser, None from the pure one
    if tag is not None and tag not in _CORE_TAGS:
        mark = ev.start_mark
        problems.append(
            RawProblem(
                mark.line + 1,
                mark.column + 1,
                "yaml-tag",
                f"tag {_short_tag(tag)} is not allowed: francis files hold plain data",
            )
        )
        tag = None
    if tag == "tag:yaml.org,2002:str" or tag == "!" or (tag is None and not plain):
        return ev.value
    value = resolve_plain(ev.value)
    if tag is None or tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        return value
    kinds: dict[str, type | tuple[type, ...]] = {
        "tag:yaml.org,2002:int": int,
        "tag:yaml.org,2002:float": (int, float),
        "tag:yaml.org,2002:bool": bool,
        "tag:yaml.org,2002:null": type(None),
    }
    fits = isinstance(value, kinds[tag]) and not (tag.endswith("int") and isinstance(value, bool))
    if fits:
        return float(value) if tag.endswith("float") else value
    mark = ev.start_mark
    problems.append(
        RawProblem(mark.line + 1, mark.column + 1, "yaml-tag", f"{ev.value!r} is not a valid {_short_tag(tag)}")
    )
    return ev.value


@dataclass(slots=True)
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: DataPath
    pos: Pos
    anchor: str | None
    nodes: int = 1
    key: Any = None
    key_pos: Pos | None = None
    has_key: bool = False
    skip_value: bool = False


def _line_col(text: str, index: int) -> Pos:
    """The 1-based line and column of ``text[index]``, where LF, CRLF and CR alone end a line."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    if "\r" in text:
        line += text.count("\r", 0, index) - text.count("\r\n", 0, index)
        start = max(start, text.rfind("\r", 0, index) + 1)
    return line, index - start + 1


_NOT_BREAKS = "\x85\u2028\u2029"
"""NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to YAML 1.1 and so to both of ruamel's
parsers, ordinary characters to YAML 1.2, editors, git and GitHub."""


def stand_ins(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with each of ``_NOT_BREAKS`` replaced by a private-use character it does not hold,
    and the table (for ``str.translate``) that puts them back in a value; ``(text, {})`` when it holds
    none, the only cost to a file without one.

    Why: the parsers would count them as line breaks, so every problem after one would be reported
    lines too far down (and a comment holding one would end there). A stand-in of the same length
    keeps every index, line and column where an editor shows it, and the values as written.
    """
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return text, {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    there = {ord(char): next(free) for char in _NOT_BREAKS}
    return text.translate(there), {ord(stand_in): chr(char) for char, stand_in in there.items()}


def _put_back(events: Iterator[Any], back: dict[int, str]) -> Iterator[Any]:
    for ev in events:
        if type(ev) is ScalarEvent:
            ev.value = ev.value.translate(back)
        yield ev


_LIBYAML_WORDS = [
    (re.compile(pattern), words)
    for pattern, words in (
        (r"expected the node content, but found .*", "did not find expected node content"),
        (r"expected ('[,]' or '[]}]'), but got .*", r"did not find expected \1"),
        (r"(block collection) expected <block end>, but found .*", r"\1 did not find expected '-' indicator"),
        (r"(block mapping) expected <block end>, but found .*", r"\1 did not find expected key"),
        (r"expected '<document start>', but found .*", "did not find expected <document start>"),
        (r"mapping values are not allowed here", "mapping values are not allowed in this context"),
    )
]
"""The pure parser's wording of a syntax error, as the C parser (libyaml) words the same error at the
same place: a problem line reads the same whichever parser is installed."""


def syntax_problem(text: str, err: YAMLError) -> RawProblem:
    if isinstance(err, ReaderError):
        char = err.character
        code = ord(char) if isinstance(char, str) else char
        # the C parser's position counts UTF-8 bytes; the reader stops at the first such character
        found = text.find(chr(code)) if isinstance(code, int) and 0 <= code < 0x110000 else -1
        line, col = _line_col(text, found if found >= 0 else err.position)
        shown = f"U+{code:04X}"
        return RawProblem(line, col, "yaml-syntax", f"control character {shown} is not allowed in YAML")
    if isinstance(err, MarkedYAMLError) and err.problem_mark is not None:
        mark = err.problem_mark
        line, col = mark.line + 1, mark.column + 1
        index = getattr(mark, "index", None)
        if isinstance(index, int) and 0 <= index < len(text) and text[index] == "\t":
            return RawProblem(line, col, "yaml-syntax", "tab character: YAML indentation must use spaces")
        what = " ".join(" ".join(x for x in (err.context, err.problem) if x).split()) or "invalid YAML"
        for pattern, words in _LIBYAML_WORDS:
            what = pattern.sub(words, what)
        if "found unexpected ':'" in what:
            what += " (put quotes round a value holding ':' inside [...] or {...})"
        return RawProblem(line, col, "yaml-syntax", what)
    return RawProblem(1, 1, "yaml-syntax", " ".join(str(err).split()) or "invalid YAML")


def _events(text: str, fast: bool = FAST_PARSER) -> Iterator[Any]:
    """The parser's events: the C parser's where ruamel.yaml.clib is installed, else ruamel's own,
    made to refuse what the C parser refuses (``_as_strict_as_libyaml``), so that a file means the
    same, and has the same problems, whichever parser is installed. NEL, LS and PS do not end a line
    (``stand_ins``)."""
    masked, back = stand_ins(text)
    events = _parser_events(masked, fast)
    return _put_back(events, back) if back else events


def _parser_events(text: str, fast: bool) -> Iterator[Any]:
    if fast:
        parser = _CParser(text)
        while parser.check_event():
            yield parser.get_event()
    else:
        from ruamel.yaml import YAML

        yield from _as_strict_as_libyaml(text, YAML(typ="safe", pure=True).parse(text))


def _as_strict_as_libyaml(text: str, events: Iterator[Any]) -> Iterator[Any]:
    """The pure parser's events, stopped where libyaml (the C parser) stops.

    libyaml refuses a ``:`` that is not followed by a space inside a plain scalar in a flow
    collection (``[other:1]``, ``{x: a:b}``), where YAML 1.2 and the pure parser read one scalar;
    without this, ``recommendations: [other:1]`` would be an error or a value depending on which
    parser is installed. The error raised is the one libyaml raises, at the same place.
    """
    flow: list[bool] = []
    for ev in events:
        kind = type(ev)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            flow.append(bool(ev.flow_style) or (bool(flow) and flow[-1]))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            flow.pop()
        elif kind is ScalarEvent and not ev.style and flow and flow[-1]:
            start, end = ev.start_mark.index, ev.end_mark.index
            colon = text.find(":", start, end)
            while colon >= 0:
                after = text[colon + 1 : colon + 2]
                if after not in ("", " ", "\t", "\n", "\r"):
                    line, col = _line_col(text, colon)
                    mark = StringMark(None, colon, line - 1, col - 1, text, colon)
                    raise ScannerError("while scanning a plain scalar", ev.start_mark, "found unexpected ':'", mark)
                colon = text.find(":", colon + 1, end)
        yield ev


def build(text: str, limits: Limits, smap: SourceMap | None, problems: list[RawProblem]) -> Any:
    anchors: dict[str, tuple[Any, int]] = {}
    alias_budget = limits.max_alias_nodes
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    def place(value: Any, pos: Pos, nodes: int) -> None:
        nonlocal root
        if not stack:
            root = value
            if smap is not None:
                smap.values[()] = pos
            return
        top = stack[-1]
        top.nodes += nodes
        if isinstance(top.container, list):
            if smap is not None:
                smap.values[top.path + (len(top.container),)] = pos
            top.container.append(value)
        elif not top.has_key:
            top.has_key, top.key_pos, top.skip_value = True, pos, False
            if isinstance(value, (dict, list)):
                problems.append(RawProblem(*pos, "yaml-key", "a key must be a plain value, not a mapping or list"))
                top.skip_value = True
            elif value in top.container:
                first = smap.keys.get(top.path + (value,), pos) if smap is not None else pos
                problems.append(
                    RawProblem(*pos, "duplicate-key", f"duplicate key {value!r} (first at line {first[0]})")
                )
                top.skip_value = True
            top.key = value
        else:
            top.has_key = False
            if not top.skip_value:
                if smap is not None:
                    path = top.path + (top.key,)
                    smap.values[path] = pos
                    assert top.key_pos is not None
                    smap.keys[path] = top.key_pos
                top.container[top.key] = value

    def child_path() -> DataPath:
        if not stack or smap is None:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return top.path + (len(top.container),)
        if top.has_key and not top.skip_value:
            return top.path + (top.key,)
        return top.path + ("<key>",)

    for ev in _events(text):
        kind = type(ev)
        if kind is ScalarEvent:
            value = _scalar(ev, problems)
            if ev.anchor:
                anchors[ev.anchor] = (value, 1)
            place(value, (ev.start_mark.line + 1, ev.start_mark.column + 1), 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            pos = (ev.start_mark.line + 1, ev.start_mark.column + 1)
            if ev.tag is not None and ev.tag not in _CORE_TAGS:
                message = f"tag {_short_tag(ev.tag)} is not allowed: francis files hold plain data"
                problems.append(RawProblem(*pos, "yaml-tag", message))
            if len(stack) >= limits.max_depth:
                problems.append(RawProblem(*pos, "yaml-too-deep", f"nesting deeper than {limits.max_depth} levels"))
                raise Stop
            container: dict[Any, Any] | list[Any] = {} if kind is MappingStartEvent else []
            stack.append(_Frame(container, child_path(), pos, ev.anchor))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (frame.container, frame.nodes)
            place(frame.container, frame.pos, frame.nodes)
        elif kind is AliasEvent:
            pos = (ev.start_mark.line + 1, ev.start_mark.column + 1)
            if ev.anchor not in anchors:
                problems.append(RawProblem(*pos, "yaml-syntax", f"alias *{ev.anchor} refers to no anchor before it"))
                raise Stop
            value, nodes = anchors[ev.anchor]
            alias_budget -= nodes
            if alias_budget < 0:
                problems.append(
                    RawProblem(
                        *pos,
                        "yaml-alias",
                        f"aliases expand to more than {limits.max_alias_nodes} values (an alias bomb?)",
                    )
                )
                raise Stop
            place(value, pos, nodes)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                pos = (ev.start_mark.line + 1, ev.start_mark.column + 1)
                problems.append(
                    RawProblem(
                        *pos, "multiple-documents", "a francis file holds one YAML document; found a second here"
                    )
                )
                return root
    return root
