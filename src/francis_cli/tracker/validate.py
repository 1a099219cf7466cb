"""Files → models + problems: discover a tracker's files, read each safely, validate it.

Every file is read and validated on its own; one broken file never stops the others.
Cross-file rules are in ``checks``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from . import cache, yamlio
from .errors import Problem
from .explain import data_path, problems_from
from .models import AssessmentFile, OrganisationsFile, RecommendationSet, TrackerConfig, Workplan
from .source import FileTooLarge, Kind, Source

MODELS: dict[Kind, type[BaseModel]] = {
    "config": TrackerConfig,
    "organisations": OrganisationsFile,
    "recommendations": RecommendationSet,
    "assessments": AssessmentFile,
    "workplan": Workplan,
}


class LoadedFile:
    """One file of the tracker: where it is, what it held, and where each value was.

    ``model`` is the validated model, or None when the file could not be read or validated.
    ``kept``, for a file validated without its invalid list items: list path → original indices.
    ``source`` (line and column of every value) is worked out only when first asked for, by
    reading the file again: a clean tracker never needs it, and reading without it is faster.
    """

    __slots__ = ("_reparse", "_source", "kept", "kind", "model", "rel")

    def __init__(self, rel: str, kind: Kind, source: yamlio.SourceMap | None = None, model: Any = None,
                 kept: dict[yamlio.Path, list[int]] | None = None,
                 reparse: Callable[[], yamlio.SourceMap] | None = None) -> None:  # fmt: skip
        self.rel, self.kind, self.model = rel, kind, model
        self.kept = kept if kept is not None else {}
        self._source, self._reparse = source, reparse

    @property
    def source(self) -> yamlio.SourceMap:
        if self._source is None:
            self._source = self._reparse() if self._reparse is not None else yamlio.SourceMap()
        return self._source

    @source.setter
    def source(self, value: yamlio.SourceMap) -> None:
        self._source = value

    def item_path(self, list_path: yamlio.Path, index: int) -> yamlio.Path:
        """The source path of item ``index`` of the (possibly pruned) list at ``list_path``."""
        kept = self.kept.get(list_path)
        return (*list_path, kept[index] if kept is not None else index)

    def problem(self, path: yamlio.Path, code: str, message: str, *, severity: str = "error",
                key: bool = False) -> Problem:  # fmt: skip
        line, col = self.source.locate(path, key=key)
        return Problem(self.rel, line, col, code, severity, message)  # type: ignore[arg-type]


def read_text(source: Source, rel: str, limits: yamlio.Limits) -> tuple[str | None, list[Problem]]:
    """A file's text: size-bounded, strict UTF-8 (a BOM is fine), or a problem saying why not."""
    text, _, problems = read_raw(source, rel, limits)
    return text, problems


def read_raw(source: Source, rel: str, limits: yamlio.Limits) -> tuple[str | None, bytes, list[Problem]]:
    """As ``read_text``, with the bytes too (they key the cache)."""
    raw = b""
    try:
        raw = source.read(rel, limits.max_file_bytes)
    except FileTooLarge as err:
        return None, raw, [Problem(rel, 0, 0, "file-too-large", "error",
                                   f"file is {err.size:,} bytes; the limit is {limits.max_file_bytes:,} "
                                   "(limits.max_file_bytes in francis.yaml)")]  # fmt: skip
    except OSError as err:
        return None, raw, [Problem(rel, 0, 0, "file-unreadable", "error",
                                   f"cannot read file: {err.strerror or err}")]  # fmt: skip
    try:
        return raw.decode("utf-8-sig"), raw, []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8"
        return None, raw, [Problem(rel, line, col, "encoding", "error", message)]


_EXPECTED = {
    "config": "settings",
    "organisations": "`organisations:`",
    "recommendations": "a recommendation set (`set:`, `title:`, `recommendations:`)",
    "assessments": "a gap assessment (`organisation:`, `assessments:`)",
    "workplan": "a workplan (`organisation:`, `sections:` or `actions:`)",
}


Parsed = tuple[Any, list[tuple[int, int, str, str]]]
"""What parsing a file gives and the cache keeps: the plain data and the reader's problems."""


def parse_text(text: str, limits: yamlio.Limits) -> Parsed:
    """Parse without positions (they are worked out again only for a file that needs them)."""
    doc = yamlio.parse(text, limits, positions=False)
    return doc.data, [(p.line, p.col, p.code, p.message) for p in doc.problems]


def load_file(source: Source, rel: str, kind: Kind, limits: yamlio.Limits, parsed: Parsed | None = None,
              text: str | None = None, cache_key: str | None = None) -> tuple[LoadedFile, list[Problem]]:  # fmt: skip
    """Read, parse and validate one file; every problem it has, at its line and column.

    ``parsed`` (with the file's ``text``) is passed in when the caller already parsed it or
    found it in the cache; ``cache_key`` lets the file's positions be cached too.
    """
    problems: list[Problem] = []
    if parsed is None:
        text, _, problems = read_raw(source, rel, limits)
        if text is None:
            return LoadedFile(rel, kind, yamlio.SourceMap()), problems
        parsed = parse_text(text, limits)

    def positions() -> yamlio.SourceMap:
        store = cache.Cache() if cache_key and cache.enabled() else None
        hit = store.get(cache_key + "p") if store and cache_key else None
        if hit is not None:
            return yamlio.SourceMap(*hit)
        again, _ = read_text(source, rel, limits) if text is None else (text, [])
        smap = yamlio.parse(again, limits).source if again is not None else yamlio.SourceMap()
        if store and cache_key:
            store.put(cache_key + "p", (smap.values, smap.keys))
        return smap

    loaded = LoadedFile(rel, kind, reparse=positions)
    data, raw_problems = parsed
    problems.extend(Problem(rel, line, col, code, "error", msg) for line, col, code, msg in raw_problems)
    if raw_problems and data is None:
        return loaded, problems
    if data is None:
        if kind == "config":
            data = {}
        else:
            problems.append(Problem(rel, 1, 1, "empty-file", "error", f"empty file: expected {_EXPECTED[kind]}"))
            return loaded, problems
    if not isinstance(data, dict):
        line, col = loaded.source.locate(())
        problems.append(Problem(rel, line, col, "not-mapping", "error",
                                f"expected a mapping of keys ({_EXPECTED[kind]}), got a "
                                f"{'list' if isinstance(data, list) else 'single value'}"))  # fmt: skip
        return loaded, problems
    model = MODELS[kind]
    try:
        loaded.model = model.model_validate(data)
    except ValidationError as err:
        problems.extend(Problem(rel, line, col, code, "error", msg)
                        for line, col, code, msg in problems_from(err, data, model, loaded.source))  # fmt: skip
        loaded.model, loaded.kept = _salvage(data, err, model)
    return loaded, problems


def _salvage(data: dict[str, Any], err: ValidationError,
             model: type[BaseModel]) -> tuple[Any, dict[yamlio.Path, list[int]]]:  # fmt: skip
    """The file validated without the list items that hold errors, so that the rest still counts.

    Commands other than ``check`` answer for the parts that loaded; the problems are
    reported all the same. A file whose error is outside any list item gives nothing.
    """
    drop: dict[yamlio.Path, set[int]] = {}
    for error in err.errors(include_url=False):
        path = data_path(data, tuple(error["loc"]))
        node: Any = data
        item: tuple[yamlio.Path, int] | None = None
        for i, part in enumerate(path):
            if isinstance(node, list) and isinstance(part, int):
                item = (path[:i], part)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if item is None:
            return None, {}
        drop.setdefault(item[0], set()).add(item[1])
    kept = {path: [i for i in range(len(_at(data, path))) if i not in gone] for path, gone in drop.items()}
    prefixes = {path[:n] for path in kept for n in range(len(path) + 1)}
    try:
        return model.model_validate(_pruned(data, (), kept, prefixes)), kept
    except ValidationError:
        return None, {}


def _at(data: Any, path: yamlio.Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _pruned(node: Any, path: yamlio.Path, kept: dict[yamlio.Path, list[int]], prefixes: set[yamlio.Path]) -> Any:
    """``node`` without the dropped list items; only the containers on the way to them are copied."""
    if path not in prefixes:
        return node
    if isinstance(node, dict):
        return {k: _pruned(v, (*path, k), kept, prefixes) for k, v in node.items()}
    indices = kept.get(path, range(len(node)))
    return [_pruned(node[i], (*path, i), kept, prefixes) for i in indices]
