"""The snapshot's second part: the whole validated tracker, for the commands that print its text.

Why: ``show``, ``report`` and ``site`` read every model of the tracker, and on an unchanged tracker
they need not parse, validate and check it again. After a load made for one of them, every file's
validated model is kept beside the figures (in the cache, never in the tracker) as plain values in
``marshal`` form: a model as a tuple of its class's number, the fields it was given and its
fields' values; a date as its ordinal; a dataclass (a due period) as its class and fields. It is rebuilt into the
same models without running a validator (as pydantic's ``model_construct`` does), then indexed as a
load indexes it. It is read only when the head is fresh (``snapshot.read``: one freshness check for
both parts) and only by a command that needs it, and it is tied to the head by its token.

Positions are not kept: as after a load, a file's positions come from the cache, else from reading
the file again, when first asked for. A value of a type not listed here means no text part is
written; a part that is missing, damaged, from another run or made for other models means the
command loads the tracker, which writes a fresh one.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import marshal
from collections.abc import Callable
from dataclasses import astuple
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..models.config import TrackerConfig
from ..problems import Problem
from ..yamlio.values import Limits, SourceMap
from . import cache, snapshot
from .corpus import Corpus, index
from .validate import LoadedFile

FORMAT = 1
_DATE, _TUPLE, _DATACLASS = -1, -2, -3
_PLAIN = frozenset({str, int, bool, float, type(None)})
_MODELS = __name__.rsplit(".", 2)[0] + ".models."
_set = object.__setattr__


class Unkept(Exception):
    """A value the text part cannot hold exactly: no text part is written."""


class _Encoder:
    """Models → plain values, numbering each class (a model's, or a dataclass's such as a due
    period's) as it is first met."""

    def __init__(self) -> None:
        self.classes: dict[type, int] = {}

    def value(self, v: Any) -> Any:
        t = type(v)
        if t in _PLAIN:
            return v
        if t is list:
            return [self.value(x) for x in v]
        if t is dict:
            if any(type(k) not in _PLAIN for k in v):
                raise Unkept(t)
            return {k: self.value(x) for k, x in v.items()}
        if t is tuple:
            return (_TUPLE, *[self.value(x) for x in v])
        if t is date:
            return (_DATE, v.toordinal())
        if isinstance(v, BaseModel):
            return self.model(v)
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            names = _dataclass_fields(t)
            return (_DATACLASS, self._number(t), *[self.value(getattr(v, n)) for n in names])
        raise Unkept(t)

    def model(self, m: BaseModel) -> tuple[Any, ...]:
        cls = type(m)
        names = list(cls.model_fields)
        if m.__pydantic_extra__ or m.__pydantic_private__ or list(m.__dict__) != names:
            raise Unkept(cls)
        given = m.model_fields_set
        mask = sum(1 << i for i, n in enumerate(names) if n in given)
        fields = m.__dict__
        return (self._number(cls), mask, *[self.value(fields[n]) for n in names])

    def _number(self, cls: type) -> int:
        return self.classes.setdefault(cls, len(self.classes))

    def table(self) -> list[tuple[str, str, list[str]]]:
        return [
            (c.__module__, c.__qualname__, list(c.model_fields) if issubclass(c, BaseModel) else _dataclass_fields(c))
            for c in self.classes
        ]


def _dataclass_fields(cls: type) -> list[str]:
    """A dataclass's fields, all given to its constructor (else it cannot be rebuilt by calling it)."""
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        raise Unkept(cls)
    return [f.name for f in fields]


def _digest(packed: bytes) -> str:
    return hashlib.blake2b(packed, digest_size=16).hexdigest()


def write(root: Path, token: str | None, corpus: Corpus) -> None:
    """Keep the loaded tracker beside the head whose token is ``token`` (nothing when None)."""
    if token is None:
        return
    try:
        packed = marshal.dumps(_dump(corpus))
    except (Unkept, ValueError, RecursionError):
        return
    store = cache.Cache()
    store.put(
        snapshot.part(root, "text"), {"token": token, "format": FORMAT, "digest": _digest(packed), "data": packed}
    )
    store.prune()


def _dump(corpus: Corpus) -> dict[str, Any]:
    enc = _Encoder()
    files = []
    for f in corpus.files:
        kept = corpus.loaded.get(f.rel)
        if (kept is None and f.model is not None) or (kept is not None and kept[1] is not f):
            raise Unkept(f.rel)  # with the cache on, a file is in ``loaded`` exactly when it was read
        k, own = (kept[0], [astuple(p) for p in kept[2]]) if kept is not None else (None, None)
        model = marshal.dumps(enc.value(f.model))  # one file's at a time: a national tracker is large
        files.append((f.rel, f.kind, k, model, list(f.kept.items()), own))
    config_file = None
    if corpus.config_file is not None:
        c = corpus.config_file
        if corpus.config_key is None and c.model is not None:
            raise Unkept(c.rel)
        config_file = (c.rel, enc.value(c.model), list(c.kept.items()))
    config_model = corpus.config_file.model if corpus.config_file is not None else None
    return {
        "config": None if corpus.config is config_model else enc.value(corpus.config),
        "config_file": config_file,
        "config_key": corpus.config_key,
        "files": files,
        "problems": [astuple(p) for p in corpus.problems],
        "incomplete": sorted(corpus.incomplete),
        "classes": enc.table(),
    }


def corpus(snap: snapshot.Snapshot) -> Corpus | None:
    """The tracker as the load that made ``snap`` found it, or None when its text part cannot say."""
    part = cache.Cache().get(snapshot.part(snap.root, "text"))
    try:
        if not isinstance(part, dict) or part["token"] != snap.head["token"] or part["format"] != FORMAT:
            return None
        packed = part["data"]
        if not isinstance(packed, bytes) or _digest(packed) != part["digest"]:
            return None
        return _rebuilt(snap.root, marshal.loads(packed), snap.limits)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, EOFError, ImportError, RecursionError, Unkept):
        return None


def _rebuilt(root: Path, d: dict[str, Any], limits: Limits) -> Corpus:
    was_enabled = gc.isenabled()
    gc.disable()  # many objects and no cycles, as in a load
    try:
        value = _decoder(d["classes"])
        files, loaded = [], {}
        for rel, kind, k, model, kept, own in d["files"]:
            if k is None:
                files.append(LoadedFile(rel, kind, SourceMap()))
                continue
            f = LoadedFile(rel, kind, None, value(marshal.loads(model)), dict(kept), _lazy(root, rel, k, limits))
            files.append(f)
            loaded[rel] = (k, f, [Problem(*p) for p in own])
        config_file = None
        if d["config_file"] is not None:
            rel, model, kept = d["config_file"]
            k = d["config_key"]
            positions = _lazy(root, rel, k, Limits()) if k is not None else None
            config_file = LoadedFile(rel, "config", None if k else SourceMap(), value(model), dict(kept), positions)
        config = value(d["config"]) if d["config"] is not None else config_file.model if config_file else None
        if not isinstance(config, TrackerConfig):
            raise Unkept("config")
        problems = [Problem(*p) for p in d["problems"]]
        found = Corpus(root, config, config_file, files, problems, loaded=loaded, config_key=d["config_key"])
        found.incomplete = set(d["incomplete"])
        index(found)
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
    return found


def _lazy(root: Path, rel: str, k: str, limits: Limits) -> Callable[[], SourceMap]:
    return lambda: snapshot.positions(root, rel, k, limits)


def _decoder(table: list[tuple[str, str, list[str]]]) -> Callable[[Any], Any]:
    """What rebuilds a value ``_Encoder`` made, for the classes it numbered (refused unless they are
    francis's models and dataclasses, with the same fields)."""
    classes = [_class(module, name, names) for module, name, names in table]
    given: list[dict[int, frozenset[str]]] = [{} for _ in classes]
    plain, day, new = _PLAIN, date.fromordinal, object.__new__

    def value(v: Any) -> Any:
        t = type(v)
        if t is list:
            return [x if type(x) in plain else value(x) for x in v]
        if t is dict:
            return {k: x if type(x) in plain else value(x) for k, x in v.items()}
        if t is not tuple:
            return v
        number = v[0]
        if number < 0:
            return _special(v)
        cls, names = classes[number]
        m = new(cls)
        _set(m, "__dict__", {n: x if type(x) in plain else value(x) for n, x in zip(names, v[2:], strict=True)})
        fields_set = given[number].get(v[1])
        if fields_set is None:
            fields_set = given[number][v[1]] = frozenset(n for i, n in enumerate(names) if v[1] >> i & 1)
        _set(m, "__pydantic_fields_set__", set(fields_set))
        _set(m, "__pydantic_extra__", None)
        _set(m, "__pydantic_private__", None)
        return m

    def _special(v: tuple[Any, ...]) -> Any:
        if v[0] == _DATE:
            return day(v[1])
        if v[0] == _TUPLE:
            return tuple(value(x) for x in v[1:])
        if v[0] != _DATACLASS:
            raise Unkept(v[0])
        cls = classes[v[1]][0]
        if issubclass(cls, BaseModel):
            raise Unkept(cls)
        return cls(*[value(x) for x in v[2:]])

    return value


def _class(module: str, name: str, names: list[str]) -> tuple[type, list[str]]:
    if not module.startswith(_MODELS):
        raise Unkept(module)
    cls = getattr(importlib.import_module(module), name, None)
    if not isinstance(cls, type):
        raise Unkept(name)
    if issubclass(cls, BaseModel) and list(cls.model_fields) == names:
        return cls, names
    if dataclasses.is_dataclass(cls) and _dataclass_fields(cls) == names:
        return cls, names
    raise Unkept(name)
