"""Reading a whole tracker fast: the cache first, then parsing what it lacks, across cores when that pays.

Parsing dominates a cold load. Files the cache holds are not parsed at all; the rest are parsed
in worker processes when there are enough bytes to repay starting them (measured: below a few
megabytes one process is quicker). A cold load expected to take more than a second shows a
progress bar on stderr when stderr is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from . import cache as cache_mod
from . import yamlio
from .errors import Problem
from .load import Parsed, parse_text, read_raw
from .source import Kind, Source

PARALLEL_BYTES = 3_000_000
"""Below this many bytes to parse, one process is as fast as a pool (measured on 2 cores: even at
2 MB; at 4.6 MB the pool takes 0.22 s to one process's 0.25 s, at 45 MB 1.7 s to 2.4 s)."""
PROGRESS_BYTES = 8_000_000
"""About a second of parsing: past this a cold load shows progress on a terminal."""


@dataclass(slots=True)
class ReadFile:
    rel: str
    kind: Kind
    text: str | None
    problems: list[Problem]
    parsed: Parsed | None = None
    key: str | None = None
    """The cache key of the file's bytes, when the cache is in use."""


def _limits_salt(limits: yamlio.Limits) -> tuple[int, int, int]:
    return limits.max_file_bytes, limits.max_depth, limits.max_alias_nodes


def read_all(source: Source, items: Sequence[tuple[str, Kind]], limits: yamlio.Limits,
             use_cache: bool | None = None) -> list[ReadFile]:  # fmt: skip
    """Every file's text and parsed content, from the cache where it can be."""
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
            f.parsed = hit
        else:
            todo.append((f, k))
    for (f, k), parsed in zip(todo, _parse_many([f.text or "" for f, _ in todo], limits), strict=True):
        f.parsed = parsed
        if store is not None:
            store.put(k, parsed)
    if store is not None:
        store.prune()
    return files


def _parse_many(texts: list[str], limits: yamlio.Limits) -> Iterator[Parsed]:
    size = sum(len(t) for t in texts)
    bar = _progress(size)
    workers = min(os.cpu_count() or 1, 4)
    if size >= PARALLEL_BYTES and workers > 1 and sys.platform.startswith("linux"):
        import multiprocessing

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for text, parsed in zip(texts, pool.map(parse_text, texts, [limits] * len(texts), chunksize=2),
                                    strict=True):  # fmt: skip
                bar(len(text))
                yield parsed
    else:
        for text in texts:
            parsed = parse_text(text, limits)
            bar(len(text))
            yield parsed
    bar(-1)


def _progress(total: int):  # type: ignore[no-untyped-def]
    """A callback advancing a rich progress bar on stderr, or doing nothing."""
    if total < PROGRESS_BYTES or not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda n: None
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    progress = Progress(TextColumn("reading the tracker"), BarColumn(), DownloadColumn(), transient=True,
                        redirect_stdout=False, redirect_stderr=False)  # fmt: skip
    task = progress.add_task("read", total=total)
    progress.start()

    def advance(n: int) -> None:
        if n < 0:
            progress.stop()
        else:
            progress.advance(task, n)

    return advance
