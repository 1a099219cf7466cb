"""Reading a tracker at a git revision: real repositories built in tmp_path, scripted commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from francis_cli.errors import UserError
from francis_cli.tracker.corpus import load_tracker
from francis_cli.tracker.git import GitSource, Repo, TrackerMissing

from ..conftest import RunCli
from ..gitrepo import GitRepo


def test_loads_a_revision_without_touching_the_work_tree(repo: GitRepo) -> None:
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    repo.commit("Rating up", "2024-02-01T09:00:00+00:00", who="bob")
    repo.edit("data/assessments/org-a.yaml", "rating: green", "rating: red")
    (repo.root / "data/assessments/new.yaml").write_text("organisation: org-b\n", encoding="utf-8")
    before = repo.snapshot()
    with Repo(repo.root) as git:
        first = load_tracker(repo.root, GitSource.at(git, "HEAD~1"))
        second = load_tracker(repo.root, GitSource.at(git, "main"))
    assert [a.model.rating for a in first.assessments] == ["amber", "green"]
    assert [a.model.rating for a in second.assessments] == ["green", "green"]
    assert [f.rel for f in second.files] == [
        "data/assessments/org-a.yaml",
        "data/organisations.yaml",
        "data/recommendations/test-set.yaml",
        "data/workplan/org-a.yaml",
    ]
    assert first.problems == [] and second.config.default_set == "test-set"
    assert repo.snapshot() == before


def test_one_cat_file_process_serves_every_blob(repo: GitRepo) -> None:
    with Repo(repo.root) as git:
        load_tracker(repo.root, GitSource.at(git, "HEAD"))
        process = git._batch
        assert process is not None
        load_tracker(repo.root, GitSource.at(git, "HEAD"))
        assert git._batch is process and process.poll() is None
    assert process.poll() == 0


def test_tracker_in_a_sub_folder(tmp_path: Path) -> None:
    r = GitRepo(tmp_path / "nhs", sub="governance/francis")
    r.base()
    r.write("../../README.md", "other files of the repository\n")
    r.commit("Readme", "2024-01-16T10:00:00+00:00")
    with Repo(r.root) as git:
        assert git.prefix == "governance/francis/"
        corpus = load_tracker(r.root, GitSource.at(git, "HEAD"))
    assert corpus.files[0].rel == "data/assessments/org-a.yaml"
    assert len(corpus.files) == 4 and corpus.problems == []


def test_revision_errors_are_one_clear_line(repo: GitRepo, tmp_path: Path) -> None:
    with Repo(repo.root) as git, pytest.raises(UserError) as err:
        GitSource.at(git, "board-2013-06")
    assert str(err.value) == "unknown revision 'board-2013-06'"
    with pytest.raises(UserError) as err:
        Repo(tmp_path)
    assert str(err.value) == f"not a git repository: {tmp_path} (revisions are read from the tracker's git history)"


def test_a_revision_before_the_tracker_existed(tmp_path: Path) -> None:
    r = GitRepo(tmp_path / "t")
    r.write("README.md", "a tracker is coming\n")
    first = r.commit("Start", "2024-01-01T10:00:00+00:00")
    r.base()
    with Repo(r.root) as git, pytest.raises(TrackerMissing) as err:
        GitSource.at(git, "HEAD~1")
    assert str(err.value) == (
        f"there is no tracker at 'HEAD~1' ({first}, 2024-01-01): no francis.yaml or data/ folder yet"
    )


def test_shallow_clone_says_how_to_fetch_more(repo: GitRepo, tmp_path: Path, run_cli: RunCli) -> None:
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    repo.commit("Rating up", "2024-02-01T09:00:00+00:00", who="bob")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    result = run_cli("diff", "HEAD~1", root=clone)
    assert result.exit_code == 2
    assert result.stderr == (
        "francis: unknown revision 'HEAD~1': this is a shallow clone; fetch more history (git fetch --unshallow)\n"
    )
    result = run_cli("history", "1", root=clone)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:3] == [
        "  2024-02-01  " + repo.git("rev-parse", "--short", "HEAD").strip() + "  Bob Jones  Rating up  [added]",
        "      rating: green",
    ]
    assert " ".join(result.stdout.split()).endswith(
        "Note: this is a shallow clone; fetch more history (git fetch "
        "--unshallow) to see changes before the oldest commit here."
    )


def test_committed_symlink_inside_the_tracker_is_followed(repo: GitRepo) -> None:
    (repo.root / "data/workplan/current.yaml").symlink_to("org-a.yaml")
    (repo.root / "data/assessments/outside.yaml").symlink_to("../../../elsewhere.yaml")
    repo.commit("Links", "2024-01-20T10:00:00+00:00")
    with Repo(repo.root) as git:
        corpus = load_tracker(repo.root, GitSource.at(git, "HEAD"))
    assert [p.format() for p in corpus.problems] == [
        "data/assessments/outside.yaml:0:0: warning symlink-outside not read: this symlink leads outside the tracker"
    ]
    assert [f.rel for f in corpus.files if f.kind == "workplan"] == [
        "data/workplan/current.yaml",
        "data/workplan/org-a.yaml",
    ]
