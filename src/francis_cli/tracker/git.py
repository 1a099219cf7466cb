"""Reading the tracker at a git revision, through git itself, without a checkout.

Only read-only plumbing is used (``rev-parse``, ``ls-tree``, ``cat-file``, ``log``,
``hash-object`` without ``-w``): the work tree and the index are never touched, so a command
can compare revisions in the middle of someone's unfinished edit. Blobs are read through one
long-lived ``git cat-file --batch`` process per repository, not one process per file.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import UserError
from ..problems import Problem
from .paths import CONFIG_FILE, DATA_DIR, YAML_SUFFIXES, Discovery, collect, sort_files
from .sources import FileTooLarge

SHALLOW_HINT = "this is a shallow clone; fetch more history (git fetch --unshallow)"


class TrackerMissing(UserError):
    """The revision exists but holds no tracker (before ``francis.yaml`` or ``data/`` was added)."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_PAGER="cat")
    return env


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    short: str
    date: str
    """Author date, ISO 8601 with the author's offset."""
    author: str
    subject: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """One tracker file in a revision's tree."""

    rel: str
    """Relative to the tracker root, forward slashes."""
    blob: str
    size: int
    mode: str


class Repo:
    """The git repository holding a tracker; the tracker may be a sub-folder of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        out = self._run("rev-parse", "--show-toplevel", "--show-prefix", check=False)
        if out.returncode != 0:
            if b"not a git repository" in out.stderr:
                raise UserError(f"not a git repository: {root} (revisions are read from the tracker's git history)")
            raise UserError(f"git cannot read {root}: {_first_line(out.stderr)}")
        top, _, prefix = out.stdout.decode("utf-8", "surrogateescape").partition("\n")
        self.top = Path(top.strip())
        self.prefix = prefix.strip()
        """The tracker's folder inside the repository, '' or ending in '/'."""
        self._batch: subprocess.Popen[bytes] | None = None
        self._commits: dict[str, Commit] = {}

    def _run(self, *args: str, check: bool = True, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            out = subprocess.run(
                ["git", "-c", "core.quotepath=off", *args],
                cwd=self.root,
                env=_env(),
                input=input,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise UserError("git is not installed (or not on PATH): it is needed to read revisions") from None
        if check and out.returncode != 0:
            raise UserError(f"git {args[0]} failed: {_first_line(out.stderr)}")
        return out

    def is_shallow(self) -> bool:
        out = self._run("rev-parse", "--is-shallow-repository", check=False)
        return out.stdout.strip() == b"true"

    def resolve(self, rev: str) -> str:
        """The full commit id of ``rev`` (commit, tag, branch, ``HEAD~3``), or a clear UserError."""
        if not rev or rev.startswith("-"):
            raise UserError(f"not a revision: {rev!r}")
        sha = self._object_id(f"{rev}^{{commit}}")
        if sha is None:
            raise UserError(f"unknown revision {rev!r}{self._why_unknown(rev)}")
        return sha

    def _object_id(self, name: str) -> str | None:
        out = self._run("rev-parse", "--verify", "--quiet", "--end-of-options", name, check=False)
        return out.stdout.decode().strip() if out.returncode == 0 else None

    def _why_unknown(self, rev: str) -> str:
        """What follows "unknown revision" for a ``rev`` that did not resolve.

        Why: a shallow clone is blamed only where a deeper one could hold the revision; a CI
        checkout is always shallow, and "fetch more history" for a branch that was never fetched,
        or a typo, sends the reader the wrong way."""
        if self.is_shallow() and self._beyond_boundary(rev):
            return f": {SHALLOW_HINT}"
        remote, _, branch = rev.partition("/")
        plain = re.fullmatch(r"[^~^:?*\[\\\s@{]+", branch) is not None
        if plain and remote in self._run("remote", check=False).stdout.decode().split():
            return f": {remote}'s branch {branch!r} is not in this clone (git fetch {remote} {branch})"
        return ""

    def _beyond_boundary(self, rev: str) -> bool:
        """Whether ``rev`` names history this shallow clone may lack: ancestors (``HEAD~5``) of a
        commit whose history reaches the shallow boundary, a commit id, or a ref whose commit is missing."""
        ancestry = re.fullmatch(r"(.+?)((?:[~^][0-9]*)+)", rev)
        if ancestry:
            base = self._object_id(f"{ancestry.group(1)}^{{commit}}")
            return base is not None and self._reaches_boundary(base)
        if re.fullmatch(r"[0-9a-fA-F]{7,40}", rev):
            return True
        return self._object_id(rev) is not None

    def _reaches_boundary(self, sha: str) -> bool:
        out = self._run("rev-parse", "--git-path", "shallow", check=False)
        try:
            boundary = set((self.root / out.stdout.decode().strip()).read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            return True
        reachable = self._run("rev-list", sha, check=False).stdout.decode().split()
        return not boundary.isdisjoint(reachable)

    def commit(self, rev: str) -> Commit:
        sha = self.resolve(rev)
        if sha not in self._commits:
            out = self._run("log", "-1", "--no-walk", f"--format={LOG_FORMAT}", sha)
            self._commits[sha] = parse_log(out.stdout)[0]
        return self._commits[sha]

    def log(self, paths: list[str]) -> list[Commit]:
        """Commits that changed any of ``paths`` (relative to the tracker root), oldest first."""
        specs = [self.prefix + p for p in paths]
        out = self._run("log", "--reverse", "--date-order", f"--format={LOG_FORMAT}", "HEAD", "--", *specs, check=False)
        if out.returncode != 0:
            if b"does not have any commits" in out.stderr or b"unknown revision" in out.stderr:
                return []
            raise UserError(f"git log failed: {_first_line(out.stderr)}")
        return parse_log(out.stdout)

    def tree(self, sha: str) -> list[Entry]:
        """The tracker's files at commit ``sha``: everything under its folder, recursively."""
        spec = [self.prefix] if self.prefix else []
        out = self._run("ls-tree", "-r", "-z", "-l", "--full-tree", sha, "--", *spec)
        entries = []
        for record in out.stdout.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, kind, blob, size = meta.decode().split()
            path = name.decode("utf-8", "surrogateescape")
            if kind != "blob" or not path.startswith(self.prefix):
                continue
            entries.append(Entry(path[len(self.prefix) :], blob, int(size), mode))
        return entries

    def read_blob(self, blob: str) -> bytes:
        """A blob's bytes through the one ``cat-file --batch`` process of this repository."""
        proc = self._batch
        if proc is None or proc.poll() is not None:
            proc = self._batch = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.root,
                env=_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        stdin, stdout = proc.stdin, proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(blob.encode() + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:
            raise OSError(f"object {blob} is missing from the repository")
        return _read_exact(stdout, int(header[2]))

    def hash_files(self, rels: list[str]) -> dict[str, str]:
        """Blob ids the work-tree files would have if added (clean filters applied; nothing written)."""
        if not rels:
            return {}
        paths = "".join(f"{self.top / (self.prefix + rel)}\n" for rel in rels)
        out = self._run("hash-object", "--stdin-paths", input=paths.encode("utf-8", "surrogateescape"))
        return dict(zip(rels, out.stdout.decode().split(), strict=True))

    def close(self) -> None:
        if self._batch is not None:
            if self._batch.stdin:
                self._batch.stdin.close()
            self._batch.wait()
            if self._batch.stdout:
                self._batch.stdout.close()
            self._batch = None

    def __enter__(self) -> Repo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    stream.read(1)  # the newline after the contents
    if len(data) != size:
        raise OSError("git cat-file stopped early")
    return data


def _first_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0].removeprefix("fatal: ") if lines else "no message"


LOG_FORMAT = "%H%x1f%h%x1f%aI%x1f%an%x1f%s%x1f%P%x1e"


def parse_log(raw: bytes) -> list[Commit]:
    commits = []
    for record in raw.decode("utf-8", "replace").split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        sha, short, date, author, subject, parents = record.split("\x1f")
        commits.append(Commit(sha, short, date, author, subject, tuple(parents.split())))
    return commits


@dataclass(slots=True)
class GitSource:
    """The tracker as it was at one commit: a ``Source`` for ``corpus.load_tracker``."""

    repo: Repo
    commit: Commit
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def at(cls, repo: Repo, rev: str) -> GitSource:
        """The tracker at ``rev``; TrackerMissing when the revision has no tracker yet."""
        source = cls(repo, repo.commit(rev))
        source.entries = {e.rel: e for e in repo.tree(source.commit.sha)}
        if not any(rel == CONFIG_FILE or rel.startswith(DATA_DIR + "/") for rel in source.entries):
            where = f" in {repo.prefix.rstrip('/')}/" if repo.prefix else ""
            raise TrackerMissing(
                f"there is no tracker at {rev!r} ({source.commit.short}, {source.commit.date[:10]}): "
                f"no {CONFIG_FILE} or {DATA_DIR}/ folder{where} yet"
            )
        return source

    @property
    def label(self) -> str:
        return f"{self.commit.short}, {self.commit.date[:10]}"

    def discover(self) -> Discovery:
        found = Discovery(problems=list(self.problems))
        for rel, entry in sorted(self.entries.items()):
            if rel != CONFIG_FILE and not rel.startswith(DATA_DIR + "/"):
                continue
            if any(part.startswith(".") for part in rel.split("/")) or not rel.endswith(YAML_SUFFIXES):
                continue
            if entry.mode == "120000" and self._link_target(entry) is None:
                found.problems.append(
                    Problem(rel, 0, 0, "symlink-outside", "warning", "not read: this symlink leads outside the tracker")
                )
                continue
            if rel == CONFIG_FILE:
                found.files.append((rel, "config"))
            else:
                collect(found, rel)
        sort_files(found.files)
        return found

    def blob(self, rel: str) -> Entry:
        entry = self.entries[rel]
        if entry.mode == "120000":
            target = self._link_target(entry)
            if target is None:
                raise OSError("symlink leads outside the tracker")
            entry = target
        return entry

    def read(self, rel: str, max_bytes: int) -> bytes:
        entry = self.blob(rel)
        if entry.size > max_bytes:
            raise FileTooLarge(entry.size)
        return self.repo.read_blob(entry.blob)

    def _link_target(self, link: Entry, hops: int = 0) -> Entry | None:
        """The file a committed symlink names, when it is inside the tracker at this revision."""
        if hops > 8:
            return None
        target = self.repo.read_blob(link.blob).decode("utf-8", "surrogateescape")
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(link.rel), target))
        entry = self.entries.get(rel)
        if target.startswith("/") or rel.startswith("..") or entry is None:
            return None
        return self._link_target(entry, hops + 1) if entry.mode == "120000" else entry


def changed_files(repo: Repo, source: GitSource, worktree_files: list[str]) -> set[str]:
    """Tracker files that differ between the revision and the work tree (added, removed or edited)."""
    then = {rel: source.blob(rel).blob for rel, _ in source.discover().files if _safe(source, rel)}
    now = repo.hash_files([rel for rel in worktree_files if (repo.root / rel).is_file()])
    return {rel for rel in set(then) | set(now) if then.get(rel) != now.get(rel)}


def _safe(source: GitSource, rel: str) -> bool:
    try:
        source.blob(rel)
    except OSError:
        return False
    return True


def repo_prefix(root: Path) -> str:
    """The tracker's folder inside its git repository ('' at the top, or when not in a repository):
    what paths need in front of them for tools that read them relative to the repository."""
    try:
        return Repo(root).prefix
    except UserError:
        return ""
