"""Reading a whole tracker fast: the cache first, then parsing what it lacks, across cores when that pays.

Parsing dominates a cold load. Files the cache holds are not parsed at all; the rest are parsed
in worker processes when there are enough bytes to repay starting them (measured: below a few
megabytes one process is quicker). A worker sends back its parse in the cache's own form
(``marshal``), which the cache stores as it is: unpickling it and encoding it again for the cache
would cost the main process more than reading it back. A cold load expected to take more than a second reports its
progress to a callback the command passes down (a bar on a terminal; nothing here draws it).
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from ..errors import reason
from ..models.vocab import FileKind
from ..problems import Problem
from ..yamlio.read import parse
from ..yamlio.values import Limits
from . import cache as cache_mod
from .paths import NotAFile
from .sources import FileTooLarge, Source

PARALLEL_BYTES = 3_000_000
"""Below this many bytes to parse, one process is as fast as a pool (measured on 2 cores: even at
2 MB; at 4.6 MB the pool takes 0.22 s to one process's 0.25 s, at 45 MB 1.7 s to 2.4 s)."""
PROGRESS_BYTES = 8_000_000
"""About a second of parsing: past this a cold load reports its progress."""

Advance = Callable[[int], None]
"""Told how many bytes were parsed since it was last called; -1 when reading is over."""
Progress = Callable[[int], Advance]
"""Given the bytes a load will parse, returns the callback that follows it (a progress bar)."""


Parsed = tuple[Any, list[tuple[int, int, str, str]]]
"""What parsing a file gives and the cache keeps: the plain data and the reader's problems."""


def parse_text(text: str, limits: Limits) -> Parsed:
    """Parse without positions (they are worked out again only for a file that needs them)."""
    doc = parse(text, limits, positions=False)
    return doc.data, [(p.line, p.col, p.code, p.message) for p in doc.problems]


def _parse_packed(text: str, limits: Limits) -> bytes:
    """A worker's parse, as the cache keeps it."""
    return marshal.dumps(parse_text(text, limits))


def read_text(source: Source, rel: str, limits: Limits) -> tuple[str | None, list[Problem]]:
    """A file's text: size-bounded, strict UTF-8 (a BOM is fine), or a problem saying why not."""
    text, _, problems = read_raw(source, rel, limits)
    return text, problems


def read_raw(source: Source, rel: str, limits: Limits) -> tuple[str | None, bytes, list[Problem]]:
    """As ``read_text``, with the bytes too (they key the cache)."""
    raw = b""
    try:
        raw = source.read(rel, limits.max_file_bytes)
    except FileTooLarge as err:
        return (
            None,
            raw,
            [
                Problem(
                    rel,
                    0,
                    0,
                    "file-too-large",
                    "error",
                    f"file is {err.size:,} bytes; the limit is {limits.max_file_bytes:,} "
                    "(limits.max_file_bytes in francis.yaml)",
                )
            ],
        )
    except NotAFile as err:
        return None, raw, [Problem(rel, 0, 0, "not-a-file", "error", f"expected a file, found {err.what}; not read")]
    except OSError as err:
        return None, raw, [Problem(rel, 0, 0, "file-unreadable", "error", f"cannot read file: {reason(err)}")]
    try:
        return raw.decode("utf-8-sig"), raw, []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8"
        return None, raw, [Problem(rel, line, col, "encoding", "error", message)]


@dataclass(slots=True)
class ReadFile:
    rel: str
    kind: FileKind
    text: str | None
    problems: list[Problem]
    parsed: Parsed | None = None
    key: str | None = None
    """The cache key of the file's bytes, when the cache is in use."""


def _limits_salt(limits: Limits) -> tuple[int, int, int]:
    return limits.max_file_bytes, limits.max_depth, limits.max_alias_nodes


def read_all(
    source: Source,
    items: Sequence[tuple[str, FileKind]],
    limits: Limits,
    use_cache: bool | None = None,
    progress: Progress | None = None,
) -> Iterator[ReadFile]:
    """Every file's text and parsed content, from the cache where it can be, in the order of
    ``items``. A generator: each file is handed on as soon as it is parsed, and its text let go,
    so the caller validates one file while the workers parse the next, and the whole tracker's
    parsed data is never alive at once (at 1,000 organisations that was the load's peak)."""
    use_cache = cache_mod.enabled() if use_cache is None else use_cache
    store = cache_mod.Cache() if use_cache else None
    salt = _limits_salt(limits)
    files: list[ReadFile] = []
    todo: list[tuple[ReadFile, str]] = []
    for rel, kind in items:
        text, raw, problems = read_raw(source, rel, limits)
        f = ReadFile(rel, kind, text, problems)
        files.append(f)
        if text is None:
            continue
        k = cache_mod.key(raw, *salt) if store else ""
        f.key = k or None
        hit = store.get(k) if store else None
        if hit is not None:
            f.parsed, f.text = hit, None  # validation needs the parse, not the text
        else:
            todo.append((f, k))
    parses = _parse_many([f.text or "" for f, _ in todo], limits, progress)
    pending = iter(todo)
    for f in files:
        if f.parsed is None and f.text is not None:
            _, k = next(pending)
            f.parsed, packed = next(parses)
            f.text = None
            if store is not None and packed is not None:
                store.put_packed(k, packed)
            elif store is not None:
                store.put(k, f.parsed)
        yield f
    for _ in parses:  # ends the pool and the progress bar
        pass
    if store is not None:
        store.prune()


def _quiet(n: int) -> None:
    return None


def _parse_many(texts: list[str], limits: Limits, progress: Progress | None) -> Iterator[tuple[Parsed, bytes | None]]:
    """Each text's parse, and from a worker the same in ``marshal`` form. ``texts`` is emptied as
    it goes, so that no text outlives its parse."""
    sizes = [len(t) for t in texts]
    size = sum(sizes)
    bar = progress(size) if progress is not None and size >= PROGRESS_BYTES else _quiet
    workers = min(os.cpu_count() or 1, 4)
    if size >= PARALLEL_BYTES and workers > 1 and sys.platform.startswith("linux"):
        import multiprocessing

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_parse_packed, texts, repeat(limits), chunksize=2)
            texts.clear()  # each is held by the pool until parsed, then let go
            for n, packed in zip(sizes, results, strict=True):
                bar(n)
                yield marshal.loads(packed), packed
    else:
        for i, n in enumerate(sizes):
            text, texts[i] = texts[i], ""
            parsed = parse_text(text, limits)
            del text
            bar(n)
            yield parsed, None
    bar(-1)
