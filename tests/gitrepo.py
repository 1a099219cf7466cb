"""A scripted git repository holding a francis tracker, for the tests of git features (nothing mocked)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from .conftest import ASSESSMENT, CATALOGUE, CONFIG, ORGANISATIONS, WORKPLAN

PEOPLE = {"alice": ("Alice Smith", "alice@example.nhs.uk"), "bob": ("Bob Jones", "bob@example.nhs.uk")}


class GitRepo:
    """A git repository with a francis tracker at ``root`` (the top, or a sub-folder)."""

    def __init__(self, top: Path, sub: str = "") -> None:
        self.top = top
        self.root = top / sub if sub else top
        self.root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, who: str = "alice", when: str = "2024-01-15T10:00:00+00:00", check: bool = True) -> str:
        name, email = PEOPLE[who]
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": when,
        }
        out = subprocess.run(["git", *args], cwd=self.top, env=env, capture_output=True, text=True, check=check)
        return out.stdout

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8", newline="")

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")

    def commit(self, message: str, when: str, who: str = "alice") -> str:
        self.git("add", "-A", who=who, when=when)
        self.git("commit", "-q", "-m", message, who=who, when=when)
        return self.git("rev-parse", "--short", "HEAD").strip()

    def base(self) -> None:
        self.write("francis.yaml", CONFIG)
        self.write("data/recommendations/test-set.yaml", CATALOGUE)
        self.write("data/organisations.yaml", ORGANISATIONS)
        self.write("data/assessments/org-a.yaml", ASSESSMENT)
        self.write("data/workplan/org-a.yaml", WORKPLAN)
        self.commit("Gap assessment and workplan agreed", "2024-01-15T10:00:00+00:00")

    def snapshot(self) -> tuple[str, str]:
        """`git status` and the index file's hash: equal before and after a command that touches neither."""
        index = (self.top / ".git" / "index").read_bytes()
        return self.git("status", "--porcelain", "--untracked-files=all"), hashlib.sha256(index).hexdigest()


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git settings, for francis's git as for the tests'."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def base_repo(tmp_path: Path) -> GitRepo:
    r = GitRepo(tmp_path / "tracker")
    r.base()
    return r


ORG_B = """\
organisation: org-b
assessments:
  - recommendation: 2
    rating: red
    position: Nothing yet.
"""


def february(repo: GitRepo) -> str:
    """Bob's February update: one rating up with a new position, one down, one newly assessed, an action
    done, a due date moved, an action added, and a second organisation's first assessment."""
    a = "data/assessments/org-a.yaml"
    repo.edit(
        a,
        "rating: amber\n    position: Partly in place.",
        "rating: green\n    position: In place and audited in January.",
    )
    repo.edit(a, "rating: green\n    position: In place.", "rating: amber\n    position: In place.")
    (repo.root / a).write_text(
        (repo.root / a).read_text() + "  - recommendation: 3\n    rating: red\n    position: Not started.\n",
        encoding="utf-8",
    )
    w = "data/workplan/org-a.yaml"
    repo.edit(
        w,
        "status: in-progress",
        "status: done\n        completed: 2024-01-31\n        progress:\n"
        "          - date: 2024-01-31\n            note: Strategy approved by the board.\n            by: DoQ",
    )
    repo.edit(w, "due: 2024-Q2", "due: 2024-Q3")
    added = '      - id: "1.3"\n        title: Train the ward managers\n        lead: DoQ\n        due: 2024-09\n'
    (repo.root / w).write_text((repo.root / w).read_text() + added, encoding="utf-8")
    repo.write("data/assessments/org-b.yaml", ORG_B)
    return repo.commit("February update", "2024-02-01T09:30:00+00:00", who="bob")
