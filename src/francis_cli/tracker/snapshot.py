"""The validated snapshot: what the last successful load found, kept as plain data in the cache.

Why: a warm ``status``, ``overdue`` or ``check`` on an unchanged tracker should not validate again
what was valid the last time, nor import the models or the YAML parser to do it. After a load, the
figures those commands need (``snapshot_figures``: organisations, every set's numbers and themes,
each assessment's rating, each action's dates, leads and cited sets) and every problem ``check``
lists are written to the cache (never to the tracker) in ``marshal`` form, which holds only plain
types.

It is never stale: it names every file it was made from with its stat (size, mtime_ns, inode,
ctime_ns) and blob id. A file whose stat differs, or whose mtime is not older than the snapshot's
time less the timestamp granularity (git's "racy" rule), is hashed again; any difference, a file
added or gone, another version, or an entry that cannot be read back sends the command to the
normal load, which writes a fresh snapshot. Nothing here imports pydantic or a YAML parser.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import astuple, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import __version__
from ..problems import Problem
from ..yamlio.values import Limits, SourceMap
from . import cache
from .snapshot_figures import (
    NOT_APPLICABLE,
    ActionFigures,
    AssessmentFileFigures,
    AssuranceFigures,
    EvidenceFigures,
    Figures,
    OrgFigures,
    SetFigures,
    figures_of,
)
from .snapshot_figures import dump_figures as _dump_figures  # the names tests knew them by
from .snapshot_figures import load_figures as _load_figures
from .sources import WorkTree

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = [  # the figures were first defined here: other modules import them from here too
    "NOT_APPLICABLE",
    "ActionFigures",
    "AssessmentFileFigures",
    "AssuranceFigures",
    "EvidenceFigures",
    "Figures",
    "OrgFigures",
    "SetFigures",
    "figures_of",
]

FORMAT = 7
GRANULARITY_NS = 2_000_000_000
"""The coarsest file timestamps francis expects (FAT's two seconds); finer ones are safe too."""


@dataclass(frozen=True, slots=True)
class Checked:
    """What ``francis check`` found on the whole tracker, as ``checks.run.CheckResult`` says it."""

    problems: list[Problem]
    files: int
    changed: list[str] = field(default_factory=list)
    since: str | None = None
    unreported_errors: int = 0


def file_count(corpus: Corpus) -> int:
    """The files ``check`` says it validated."""
    return len(corpus.files) + (corpus.config_file is not None)


Stat = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


class Stamp(NamedTuple):
    """The tracker's files and their stat, taken before a load reads them."""

    time_ns: int
    discovered: Any
    stats: dict[str, Stat]


def _key(root: Path) -> str:
    where = hashlib.blake2b(os.path.realpath(root).encode("utf-8", "surrogatepass"), digest_size=16)
    return f"snapshot-{where.hexdigest()}"


def part(root: Path, name: str) -> str:
    """The cache key of one part of the tracker's snapshot: ``head``, ``figures`` or ``text``."""
    return f"{_key(root)}-{name}"


def _stat(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


def _discovered(root: Path) -> Any:
    found = WorkTree(root).discover()
    return [list(x) for x in found.files], [astuple(p) for p in found.problems]


def stamp(root: Path) -> Stamp | None:
    """The files as they stand before a load; None when one cannot be stat'ed (no snapshot then)."""
    if not cache.enabled():
        return None
    now = time.time_ns()
    discovered = _discovered(root)
    stats: dict[str, Stat] = {}
    for rel, _ in discovered[0]:
        st = _stat(root / rel)
        if st is None:
            return None
        stats[rel] = st
    return Stamp(now, discovered, stats)


def write(
    root: Path,
    before: Stamp | None,
    corpus: Corpus,
    problems: list[Problem],
    strict: list[Problem],
    figures: Figures | None = None,
) -> str | None:
    """Keep what this load found, when its files are still those ``before`` saw (else keep nothing);
    ``figures``, when the command worked them out already, are the corpus's. The token it returns
    ties other parts (``snapshot_text``) to this head."""
    if before is None or corpus.config.include or _discovered(root) != before.discovered:
        return None
    keys = {rel: k for rel, (k, _, _) in corpus.loaded.items()}
    if corpus.config_key is not None and corpus.config_file is not None:
        keys[corpus.config_file.rel] = corpus.config_key
    if set(keys) - set(before.stats):
        return None
    files = [(rel, *before.stats[rel], keys.get(rel)) for rel in before.stats]
    token = f"{before.time_ns}-{os.getpid()}"
    kept = _dump_figures(figures if figures is not None else figures_of(corpus))
    limits = corpus.config.limits.model_dump()
    head = {
        "format": FORMAT,
        "version": __version__,
        "token": token,
        "time_ns": before.time_ns,
        "discovered": before.discovered,
        "files": files,
        "file_count": file_count(corpus),
        "problems": [astuple(p) for p in problems],
        "strict": [astuple(p) for p in strict],
        "limits": limits,
        "day": date.today().toordinal()
        if any(e[0].model.response_due() for e in corpus.sets.values()) or kept["evidence"]
        else None,
    }
    store = cache.Cache()
    store.put(part(root, "figures"), {"token": token, "figures": kept})
    store.put(part(root, "head"), head)
    store.prune()
    return token


@dataclass(slots=True)
class Snapshot:
    """A fresh snapshot: what ``check`` lists, and the figures (read from the cache when first asked for)."""

    root: Path
    head: dict[str, Any]
    problems: list[Problem]
    strict: list[Problem]
    limits: Limits
    keys: dict[str, str | None]  # file → the cache key of its bytes
    _figures: Figures | None = None

    def checked(self, strict: bool = False) -> Checked:
        return Checked(self.strict if strict else self.problems, int(self.head["file_count"]))

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    def figures(self) -> Figures | None:
        """The figures, or None when their part is missing or does not match the head."""
        if self._figures is None:
            kept = cache.Cache().get(part(self.root, "figures"))
            try:
                if not isinstance(kept, dict) or kept.get("token") != self.head["token"]:
                    return None
                self._figures = _load_figures(kept["figures"], self._line_of)
            except (KeyError, TypeError, ValueError, IndexError, OverflowError):
                return None
        return self._figures

    def _line_of(self, action: ActionFigures) -> int:
        return positions(self.root, action.path, self.keys.get(action.path), self.limits).locate(action.at)[0]


def positions(root: Path, rel: str, k: str | None, limits: Limits) -> SourceMap:
    """A file's positions: from the cache, else by reading it with positions (as a full load would)."""
    store = cache.Cache()
    hit = store.get(k + "p") if k else None
    if hit is not None:
        return SourceMap(*hit)
    from ..yamlio.read import parse
    from .read import read_text

    text, _ = read_text(WorkTree(root), rel, limits)
    smap = parse(text, limits).source if text is not None else SourceMap()
    if k:
        store.put(k + "p", (smap.values, smap.keys))
    return smap


def read(root: Path, day: date | None = None) -> Snapshot | None:
    """The tracker's snapshot when every file is as it was and its findings hold on ``day`` (default
    today); None at any doubt. Findings that depend on no day (no response clock, no dated evidence)
    hold on every day; the others only on the day they were made, which is always a today."""
    if not cache.enabled():
        return None
    head = cache.Cache().get(part(root, "head"))
    try:
        if not isinstance(head, dict) or head["format"] != FORMAT or head["version"] != __version__:
            return None
        if head["day"] not in (None, (day if day is not None else date.today()).toordinal()):
            return None
        if not _fresh(root, head):
            return None
        problems, strict = ([Problem(*p) for p in head[name]] for name in ("problems", "strict"))
        keys = {f[0]: f[5] for f in head["files"]}
        return Snapshot(root, head, problems, strict, Limits(**head["limits"]), keys)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def _fresh(root: Path, head: dict[str, Any]) -> bool:
    files = head["files"]
    if _discovered(root) != head["discovered"] or len(files) != len(head["discovered"][0]):
        return False
    racy_after = head["time_ns"] - GRANULARITY_NS
    for rel, size, mtime, ino, ctime, k in files:
        now = _stat(root / rel)
        if now is None:
            return False
        if now == (size, mtime, ino, ctime) and mtime < racy_after:
            continue
        try:
            if k is None or cache.blob_id((root / rel).read_bytes()) != cache.blob_of(k):
                return False
        except OSError:
            return False
    return True
