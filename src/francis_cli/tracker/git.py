"""Reading the tracker at a git revision, through git itself, without a checkout.

Only read-only plumbing is used (``rev-parse``, ``ls-tree``, ``cat-file``, ``log``,
``hash-object`` without ``-w``): the work tree and the index are never touched, so a command
can compare revisions in the middle of someone's unfinished edit. Blobs are read through one
long-lived ``git cat-file --batch`` process per repository, not one process per file.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import secrets
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..problems import Problem
from .paths import CONFIG_FILE, DATA_DIR, YAML_SUFFIXES, Discovery, collect, sort_files
from .sources import FileTooLarge

SHALLOW_HINT = "this is a shallow clone; fetch more history (git fetch --unshallow)"
FSCK = " (git fsck lists what is damaged)"
_LS_TREE = re.compile(rb"([0-7]{6}) ([a-z]+) ([0-9a-f]{40,64}) +(\d+|-|BAD)")
"""One ``ls-tree -l`` record before its tab: mode, kind, object id, size (``BAD`` when git cannot read it)."""


class TrackerMissing(UserError):
    """The revision exists but holds no tracker (before ``francis.yaml`` or ``data/`` was added)."""


class ObjectUnreadable(UserError):
    """A git object the tracker needs is missing or damaged; ``GitSource`` names the commit."""


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
        named = self._object_id(rev) if sha is None and not self.is_shallow() else None
        if named is not None and named != rev.lower() and self._run("cat-file", "-t", named, check=False).returncode:
            raise UserError(f"revision {rev!r} ({named[:7]}): its commit is missing or damaged{FSCK}")
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
            out = self._run("log", "-1", "-z", "--no-walk", f"--format={LOG_FORMAT}", sha, check=False)
            commits = parse_log(out.stdout) if out.returncode == 0 else []
            if not commits:
                raise UserError(f"revision {rev!r} ({sha[:7]}): git cannot read the commit: {_first_line(out.stderr)}")
            self._commits[sha] = commits[0]
        return self._commits[sha]

    def head(self) -> str | None:
        """The commit checked out, or None before the first commit."""
        return self._object_id("HEAD^{commit}")

    def log(self, paths: list[str], rev: str = "HEAD") -> list[Commit]:
        """Commits of ``rev``'s history that changed any of ``paths`` (relative to the tracker root), oldest first."""
        specs = [f":(literal){self.prefix}{p}" for p in paths]
        out = self._run(
            "log", "-z", "--reverse", "--date-order", f"--format={LOG_FORMAT}", rev, "--", *specs, check=False
        )
        if out.returncode != 0:
            if b"does not have any commits" in out.stderr or b"unknown revision" in out.stderr:
                return []
            raise UserError(f"git cannot read the history: {_first_line(out.stderr)}{FSCK}")
        return parse_log(out.stdout)

    def log_files(self, paths: list[str], rev: str = "HEAD") -> list[tuple[Commit, set[str]]]:
        """``log(paths)``, each commit with the files of ``paths`` it changed (relative to the tracker
        root, a rename as a deletion and an addition): one walk where many logs would each walk the
        history. A merge's files are not listed: a caller that needs them asks ``log`` per path."""
        mark = secrets.token_hex(8)
        specs = [f":(literal){self.prefix}{p}" for p in paths]
        fmt = f"--format={mark}%x1f{LOG_FORMAT}"
        args = ("log", "-z", "--reverse", "--date-order", "--root", "--no-renames", "--name-only", fmt, rev, "--")
        out = self._run(*args, *specs, check=False)
        if out.returncode != 0:
            if b"does not have any commits" in out.stderr or b"unknown revision" in out.stderr:
                return []
            raise UserError(f"git cannot read the history: {_first_line(out.stderr)}{FSCK}")
        found: list[tuple[Commit, set[str]]] = []
        for token in out.stdout.decode("utf-8", "surrogateescape").split("\0"):
            token = token.lstrip("\n")
            if token.startswith(f"{mark}\x1f"):
                record = token[len(mark) + 1 :].encode("utf-8", "surrogateescape")
                found.extend((c, set()) for c in parse_log(record))
            elif token and found and token.startswith(self.prefix):
                found[-1][1].add(token[len(self.prefix) :])
        return found

    def deleted(self, folder: str, rev: str = "HEAD") -> list[str]:
        """Files under ``folder`` (relative to the tracker root) that a commit of ``rev``'s history
        deleted, or renamed: paths that no longer hold what they held."""
        spec = f":(literal){self.prefix}{folder}"
        out = self._run("log", "-z", "--no-renames", "--diff-filter=D", "--name-only", "--format=", rev, "--", spec)
        if out.returncode != 0:
            raise UserError(f"git cannot read the history: {_first_line(out.stderr)}{FSCK}")
        names = (name.strip("\n") for name in out.stdout.decode("utf-8", "surrogateescape").split("\0"))
        return sorted({name[len(self.prefix) :] for name in names if name and name.startswith(self.prefix)})

    def ancestors(self, commit: str) -> set[str]:
        """Short (7-character) ids of the commits ``commit`` contains: itself and its ancestors."""
        out = self._run("rev-list", "--abbrev-commit", "--abbrev=7", commit, "--")
        return set(out.stdout.decode().split())

    def tags(self, pattern: str) -> list[tuple[str, str]]:
        """(tag, date YYYY-MM-DD) of the tags matching the glob ``pattern``, oldest first: an
        annotated tag's own date, else its commit's (``creatordate``), then by name."""
        fields = "--format=%(refname:strip=2)%00%(creatordate:iso-strict)"
        order = ("--sort=refname", "--sort=creatordate")
        out = self._run("for-each-ref", *order, fields, f"refs/tags/{pattern}", check=False)
        if out.returncode != 0:
            raise UserError(f"git cannot list the tags: {_first_line(out.stderr)}")
        rows = [line.split("\0") for line in out.stdout.decode("utf-8", "surrogateescape").splitlines()]
        return [(name, when[:10]) for name, when in rows]

    def tree(self, sha: str) -> list[Entry]:
        """The tracker's files at commit ``sha``: everything under its folder, recursively.

        Why: a damaged object is named with the commit that holds it, never misread; an entry
        whose size git cannot tell (``BAD``: its blob is missing or corrupt) is kept with size -1,
        so that only reading it fails, and a file the tracker never reads costs nothing."""
        spec = [self.prefix] if self.prefix else []
        out = self._run("ls-tree", "-r", "-z", "-l", "--full-tree", sha, "--", *spec, check=False)
        if out.returncode != 0:
            raise UserError(f"commit {sha[:7]}: git cannot list its files: {_first_line(out.stderr)}{FSCK}")
        entries = []
        for record in out.stdout.split(b"\0"):
            if not record:
                continue
            meta, tab, name = record.partition(b"\t")
            m = _LS_TREE.fullmatch(meta)
            if m is None or not tab:
                raise UserError(f"commit {sha[:7]}: git listed a file francis cannot read: {record[:80]!r}")
            mode, kind, blob, size = (g.decode("ascii") for g in m.groups())
            path = name.decode("utf-8", "surrogateescape")
            if kind != "blob" or not path.startswith(self.prefix):
                continue
            entries.append(Entry(path[len(self.prefix) :], blob, int(size) if size.isdigit() else -1, mode))
        return entries

    def read_blob(self, blob: str) -> bytes:
        """A blob's bytes through the one ``cat-file --batch`` process of this repository.

        Why: git answers a damaged object with a header it does not keep (a size its contents do
        not have, or nothing), so each request is followed by one for an object that cannot exist,
        whose ``missing`` line ends the answer: a wrong size can neither hang the read nor shift
        the next one; the bytes are checked against the id. Raises ObjectUnreadable."""
        end = f"\n{secrets.token_hex(len(blob) // 2)} missing\n".encode()
        fields, _, rest = self._ask(f"{blob}\n{end[1:-9].decode()}\n".encode(), end).partition(b"\n")
        header = fields.split()
        if header[1:] == [b"missing"] or len(header) != 3 or header[0] != blob.encode():
            raise ObjectUnreadable(f"git object {blob} is missing or damaged{FSCK}")
        if header[1] != b"blob":
            raise ObjectUnreadable(f"git object {blob} is a {header[1].decode('ascii', 'replace')}, not a file{FSCK}")
        data = rest[: -len(end)]
        if header[2] != str(len(data)).encode() or _blob_id(data, len(blob)) != blob:
            raise ObjectUnreadable(f"git object {blob} is damaged: its contents do not match its id{FSCK}")
        return data

    def _ask(self, request: bytes, end: bytes) -> bytes:
        """``cat-file --batch``'s answer to ``request`` up to ``end``; b"" (and the process stopped) when
        git stops first: its output is then no longer in step with the requests."""
        if self._batch is None or self._batch.poll() is not None:
            pipe, none = subprocess.PIPE, subprocess.DEVNULL
            command = ["git", "cat-file", "--batch"]
            self._batch = subprocess.Popen(command, cwd=self.root, env=_env(), stdin=pipe, stdout=pipe, stderr=none)
        stdin, stdout, answer = self._batch.stdin, self._batch.stdout, bytearray()
        assert stdin is not None and stdout is not None
        try:
            stdin.write(request)
            stdin.flush()
            while not answer.endswith(end) and (chunk := os.read(stdout.fileno(), 1 << 16)):
                answer += chunk
        except OSError:  # git stopped reading: a broken pipe
            pass
        if not answer.endswith(end):
            self._batch.kill()
            self.close()
            return b""
        return bytes(answer)

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


def _blob_id(data: bytes, length: int) -> str:
    """The id git gives a blob of ``data``: SHA-1, or SHA-256 in a repository of 64-digit ids."""
    digest = hashlib.sha256() if length == 64 else hashlib.sha1(usedforsecurity=False)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def _first_line(stderr: bytes) -> str:
    """What git said, in one line: its ``fatal:`` line (it names the damaged object), else its first."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith("fatal: ")]
    return (fatal or lines or ["no message"])[0].removeprefix("fatal: ")


LOG_FORMAT = "%H%x1f%h%x1f%aI%x1f%P%x1f%an%x1f%s"
"""One commit, with ``-z``: the fields git writes itself first, the author's name and subject
(which may hold anything) last."""


def parse_log(raw: bytes) -> list[Commit]:
    """Commits from ``git log -z --format=LOG_FORMAT``; a UserError for a record that is not one."""
    commits = []
    for record in raw.decode("utf-8", "replace").split("\0"):
        record = record.strip("\n")
        if not record:
            continue
        fields = record.split("\x1f", 5)
        if len(fields) != 6 or not re.fullmatch(r"[0-9a-f]{40,64}", fields[0]):
            raise UserError(f"git log gave a commit francis cannot read: {record[:80]!r}{FSCK}")
        sha, short, date, parents, author, subject = fields
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
        return self._read(rel, entry)

    def _read(self, rel: str, entry: Entry) -> bytes:
        try:
            return self.repo.read_blob(entry.blob)
        except ObjectUnreadable as err:
            raise UserError(f"commit {self.commit.short}: cannot read {rel}: {err}") from None

    def _link_target(self, link: Entry, hops: int = 0) -> Entry | None:
        """The file a committed symlink names, when it is inside the tracker at this revision."""
        if hops > 8:
            return None
        target = self._read(link.rel, link).decode("utf-8", "surrogateescape")
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(link.rel), target))
        entry = self.entries.get(rel)
        if target.startswith("/") or rel.startswith("..") or entry is None:
            return None
        return self._link_target(entry, hops + 1) if entry.mode == "120000" else entry


def repo_prefix(root: Path) -> str:
    """The tracker's folder inside its git repository ('' at the top, or when not in a repository):
    what paths need in front of them for tools that read them relative to the repository."""
    try:
        return Repo(root).prefix
    except UserError:
        return ""
