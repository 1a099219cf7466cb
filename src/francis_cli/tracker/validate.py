"""One file → its model and its problems, each at a line and column.

Every file is validated on its own; one broken file never stops the others, and a list item
with an error is left out so that the rest of its file still counts. Cross-file rules are in
``checks``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..models.kinds import MODELS
from ..models.vocab import FileKind
from ..problems import Problem
from ..yamlio.read import parse
from ..yamlio.values import DataPath, Limits, SourceMap
from . import cache
from .messages import data_path, problems_from
from .read import Parsed, _limits_salt, parse_text, read_raw
from .sources import Source


class LoadedFile:
    """One file of the tracker: where it is, what it held, and where each value was.

    ``model`` is the validated model, or None when the file could not be read or validated.
    ``kept``, for a file validated without its invalid list items: list path → original indices.
    ``source`` (line and column of every value) is worked out only when first asked for, by
    reading the file again: a clean tracker never needs it, and reading without it is faster.
    """

    __slots__ = ("_reparse", "_source", "kept", "kind", "model", "rel")

    def __init__(
        self,
        rel: str,
        kind: FileKind,
        source: SourceMap | None = None,
        model: Any = None,
        kept: dict[DataPath, list[int]] | None = None,
        reparse: Callable[[], SourceMap] | None = None,
    ) -> None:
        self.rel, self.kind, self.model = rel, kind, model
        self.kept = kept if kept is not None else {}
        self._source, self._reparse = source, reparse

    @property
    def source(self) -> SourceMap:
        if self._source is None:
            self._source = self._reparse() if self._reparse is not None else SourceMap()
        return self._source

    @source.setter
    def source(self, value: SourceMap) -> None:
        self._source = value

    def item_path(self, list_path: DataPath, index: int) -> DataPath:
        """The source path of item ``index`` of the (possibly pruned) list at ``list_path``."""
        kept = self.kept.get(list_path)
        return (*list_path, kept[index] if kept is not None else index)

    def problem(
        self, path: DataPath, code: str, message: str, *, severity: str = "error", key: bool = False
    ) -> Problem:
        line, col = self.source.locate(path, key=key)
        return Problem(self.rel, line, col, code, severity, message)  # type: ignore[arg-type]


_EXPECTED = {
    "config": "settings",
    "organisations": "`organisations:`",
    "recommendations": "a recommendation set (`set:`, `title:`, `recommendations:`)",
    "assessments": "a gap assessment (`organisation:`, `assessments:`)",
    "workplan": "a workplan (`organisation:`, `sections:` or `actions:`)",
}


def load_file(
    source: Source,
    rel: str,
    kind: FileKind,
    limits: Limits,
    parsed: Parsed | None = None,
    text: str | None = None,
    cache_key: str | None = None,
) -> tuple[LoadedFile, list[Problem]]:
    """Read, parse and validate one file; every problem it has, at its line and column.

    ``parsed`` (with the file's ``text``) is passed in when the caller already parsed it or
    found it in the cache; ``cache_key`` lets the file's positions be cached too.
    """
    problems: list[Problem] = []
    if parsed is None:
        text, _, problems = read_raw(source, rel, limits)
        if text is None:
            return LoadedFile(rel, kind, SourceMap()), problems
        parsed = parse_text(text, limits)

    loaded = LoadedFile(rel, kind, reparse=_positions(source, rel, limits, cache_key))
    data, raw_problems = parsed
    problems.extend(Problem(rel, line, col, code, "error", msg) for line, col, code, msg in raw_problems)
    if raw_problems and data is None:
        return loaded, problems
    if data is None and kind == "config":
        data = {}
    shape = _shape_problem(loaded, data)
    if shape is not None:
        return loaded, [*problems, shape]
    model = MODELS[kind]
    try:
        loaded.model = model.model_validate(data)
    except ValidationError as err:
        problems.extend(
            Problem(rel, line, col, code, "error", msg)
            for line, col, code, msg in problems_from(err, data, model, loaded.source)
        )
        loaded.model, loaded.kept = _salvage(data, err, model)
    return loaded, problems


def _positions(source: Source, rel: str, limits: Limits, cache_key: str | None) -> Callable[[], SourceMap]:
    """How the file's positions are worked out when first needed: from the cache, else by reading
    it again with positions (and caching them). Why the text is read again rather than kept: a
    tracker's text is as large as its YAML (200 MB at 1,000 organisations), and only a file with a
    problem is ever asked for its positions. Bytes that changed since the load are not cached under
    the old key."""

    def positions() -> SourceMap:
        store = cache.Cache() if cache_key and cache.enabled() else None
        hit = store.get(cache_key + "p") if store and cache_key else None
        if hit is not None:
            return SourceMap(*hit)
        again, raw, _ = read_raw(source, rel, limits)
        smap = parse(again, limits).source if again is not None else SourceMap()
        if store and cache_key and cache.key(raw, *_limits_salt(limits)) == cache_key:
            store.put(cache_key + "p", (smap.values, smap.keys))
        return smap

    return positions


def _shape_problem(loaded: LoadedFile, data: Any) -> Problem | None:
    """An empty file, or one holding a list or a single value where a mapping of keys belongs."""
    expected = _EXPECTED[loaded.kind]
    if data is None:
        return Problem(loaded.rel, 1, 1, "empty-file", "error", f"empty file: expected {expected}")
    if isinstance(data, dict):
        return None
    line, col = loaded.source.locate(())
    what = "list" if isinstance(data, list) else "single value"
    return Problem(
        loaded.rel, line, col, "not-mapping", "error", f"expected a mapping of keys ({expected}), got a {what}"
    )


def _salvage(
    data: dict[str, Any], err: ValidationError, model: type[BaseModel]
) -> tuple[Any, dict[DataPath, list[int]]]:
    """The file validated without the list items that hold errors, so that the rest still counts.

    Commands other than ``check`` answer for the parts that loaded; the problems are
    reported all the same. A file whose error is outside any list item gives nothing.
    """
    drop: dict[DataPath, set[int]] = {}
    for error in err.errors(include_url=False):
        path = data_path(data, tuple(error["loc"]))
        node: Any = data
        item: tuple[DataPath, int] | None = None
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


def _at(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _pruned(node: Any, path: DataPath, kept: dict[DataPath, list[int]], prefixes: set[DataPath]) -> Any:
    """``node`` without the dropped list items; only the containers on the way to them are copied."""
    if path not in prefixes:
        return node
    if isinstance(node, dict):
        return {k: _pruned(v, (*path, k), kept, prefixes) for k, v in node.items()}
    indices = kept.get(path, range(len(node)))
    return [_pruned(node[i], (*path, i), kept, prefixes) for i in indices]
