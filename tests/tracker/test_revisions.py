"""Loading the tracker at revisions costs what changed: real repositories, parses counted where they happen."""

from __future__ import annotations

from typing import Any

import pytest

from francis_cli.tracker import read
from francis_cli.tracker.corpus import load_tracker
from francis_cli.tracker.git import GitSource, Repo
from francis_cli.tracker.revisions import changed_files, load_side, load_sides
from francis_cli.tracker.sources import WorkTree

from ..conftest import RunCli
from ..gitrepo import GitRepo, february

W = "data/workplan/org-a.yaml"
B = "data/assessments/org-b.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every file parsed from here on (positions aside), in order."""
    seen: list[str] = []
    real = read.parse

    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(read, "parse", counted)
    return seen


def _damage(repo: GitRepo, name: str) -> None:
    """Overwrite the loose object ``name`` (a revision expression) with bytes git cannot read."""
    sha = repo.git("rev-parse", name).strip()
    path = repo.top / ".git" / "objects" / sha[:2] / sha[2:]
    path.chmod(0o644)
    path.write_bytes(b"this is not a git object")


def test_the_older_revision_parses_only_the_files_that_changed(repo: GitRepo, parses: list[str]) -> None:
    february(repo)
    with Repo(repo.root) as git:
        newer, _ = load_side(repo.root, git, "HEAD")
        parses.clear()
        older, side = load_side(repo.root, git, "HEAD~1", beside=newer)
    changed = {f.rel: f for f in older.files if f.rel in ("data/assessments/org-a.yaml", W)}
    assert sorted(changed) == ["data/assessments/org-a.yaml", W]
    assert len(parses) == 2 and all(text.startswith("organisation: org-a") for text in parses)
    shared = [f for f in older.files if f.rel not in changed]
    assert shared and all(any(f is g for g in newer.files) for f in shared)  # lent, the very same
    assert [a.model.rating for a in older.assessments] == ["amber", "green"]
    assert (side.label, side.commit) == ("HEAD~1", repo.git("rev-parse", "--short", "HEAD~1").strip())


def test_both_sides_of_a_comparison_equal_their_own_loads(repo: GitRepo) -> None:
    february(repo)
    repo.edit(
        "data/assessments/org-a.yaml", "rating: green\n    position: In place and", "rating: red\n    position: Not"
    )
    with Repo(repo.root) as git:
        (older, _), (newer, _) = load_sides(repo.root, git, "HEAD~1", None)
        alone = load_side(repo.root, git, "HEAD~1")[0]
    assert [(a.organisation, a.model.recommendation, a.model.rating) for a in older.assessments] == [
        (a.organisation, a.model.recommendation, a.model.rating) for a in alone.assessments
    ]
    assert older.problems == alone.problems
    assert [a.model.rating for a in newer.assessments] == [a.model.rating for a in load_tracker(repo.root).assessments]


def test_a_file_unchanged_since_the_revision_is_not_read_from_git(repo: GitRepo, run_cli: RunCli) -> None:
    february(repo)
    _damage(repo, "HEAD~1:data/recommendations/test-set.yaml")  # the same blob as in the work tree
    result = run_cli("diff", "HEAD~1", root=repo.root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "org-b" in result.stdout
    _damage(repo, "HEAD~1:data/workplan/org-a.yaml")  # changed since: read, and its damage said
    result = run_cli("diff", "HEAD~1", root=repo.root)
    assert result.exit_code == 2 and "org-a.yaml" in result.stderr


def test_different_limits_lend_nothing(repo: GitRepo, parses: list[str]) -> None:
    repo.write("francis.yaml", "default_set: test-set\nlimits:\n  max_depth: 32\n")
    repo.commit("Shallower files", "2024-02-01T09:00:00+00:00")
    with Repo(repo.root) as git:
        newer, _ = load_side(repo.root, git, None)
        parses.clear()
        older, _ = load_side(repo.root, git, "HEAD~1", beside=newer)
    assert not any(f is g for f in older.files for g in newer.files)
    assert len(parses) == 5  # the limits key the parses: none is shared


def test_changed_files_are_git_s_answer(repo: GitRepo) -> None:
    february(repo)
    repo.edit(B, "Nothing yet.", "Started.")
    repo.write("data/workplan/org-b.yaml", 'organisation: org-b\nactions:\n  - id: "1"\n    title: Start\n')
    repo.git("config", "core.autocrlf", "true")
    catalogue = repo.root / "data/recommendations/test-set.yaml"
    catalogue.write_bytes(catalogue.read_bytes().replace(b"\n", b"\r\n"))  # a checkout's line endings
    with Repo(repo.root) as git:
        now = load_tracker(repo.root)
        rels = [rel for rel, _ in WorkTree(repo.root).discover().files]
        changed = changed_files(git, GitSource.at(git, "HEAD~1"), rels, now)
    assert changed == {"data/assessments/org-a.yaml", B, W, "data/workplan/org-b.yaml"}
