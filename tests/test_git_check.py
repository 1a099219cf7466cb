"""Pull-request checks: `check --changed-since`, `--format github`, the review rules, the pre-commit hook."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from francis_cli.problems import Problem
from francis_cli.render.problems import as_github

from .conftest import REPO, RunCli
from .gitrepo import GitRepo

A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"




def test_only_problems_the_change_is_answerable_for(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(W, "due: 2024-Q2\n", "")  # an old warning in a file the change leaves alone
    repo.commit("No due date for the budget yet", "2024-01-20T10:00:00+00:00")
    assert run_cli("check", root=repo.root).stdout == (
        "data/workplan/org-a.yaml:14:9: warning no-due action '1.2' has no `due` date, so it can never be overdue\n")
    repo.edit(A, "rating: green", "rating: gren")
    before = repo.snapshot()
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.exit_code == 1
    assert result.stdout == ("data/assessments/org-a.yaml:9:13: error unknown-rating rating 'gren' is not one of: "
                             "red, amber, green, blue (did you mean 'green'?)\n")  # fmt: skip
    head = repo.git("rev-parse", "--short", "HEAD").strip()
    assert result.stderr == f"1 error, 0 warnings in 5 files; 1 file changed since HEAD ({head}, 2024-01-20)\n"
    # a change elsewhere that breaks the unchanged workplan is reported there
    repo.edit("data/organisations.yaml", "      CFO: Chief Finance Officer\n", "")
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.stdout.splitlines() == [
        "data/assessments/org-a.yaml:9:13: error unknown-rating rating 'gren' is not one of: red, amber, green, "
        "blue (did you mean 'green'?)",
        "data/workplan/org-a.yaml:16:21: error unknown-role 'org-a' has no role 'CFO' (roles are listed in "
        "data/organisations.yaml)",
    ]  # fmt: skip
    assert repo.snapshot()[1] == before[1]  # the index was not touched (the status differs: we edited a file)


def test_review_rules(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(A, "rating: amber", "rating: green")
    repo.edit(W, "status: in-progress", "status: done\n        completed: 2024-02-01")
    repo.edit(W, "due: 2024-Q2", "due: 2024-Q4")
    new_file = repo.root / "data/assessments/org-b.yaml"
    new_file.write_text("organisation: org-b\nassessments:\n  - recommendation: 3\n    rating: blue\n",
                        encoding="utf-8")  # fmt: skip
    expected = [
        "data/assessments/org-a.yaml:5:13: warning rating-improved-without-evidence recommendation 1 moved amber "
        "→ green for 'org-a' with the same position and no new evidence: say what changed",
        "data/assessments/org-b.yaml:3:5: warning missing-position recommendation 3 has a rating but no "
        "`position` saying why",
        "data/workplan/org-a.yaml:12:17: warning done-without-note action '1.1' of 'org-a' is marked done with no "
        "new progress note saying what was delivered",
        "data/workplan/org-a.yaml:18:14: warning due-moved-without-note action '1.2' of 'org-a' is now due "
        "2024-Q4, 184 days later than 2024-Q2, with no new progress note saying why",
    ]  # fmt: skip
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert (result.exit_code, result.stdout.splitlines()) == (0, expected)
    assert result.stderr.startswith("0 errors, 4 warnings in 6 files; 3 files changed since HEAD (")
    strict = run_cli("check", "--changed-since", "HEAD", "--strict", root=repo.root)
    assert strict.exit_code == 1
    assert strict.stdout.splitlines() == [line.replace(": warning ", ": error ", 1) for line in expected]
    # a changed position and a note on the done action answer two questions; the budget's slip is still unexplained
    repo.edit(A, "position: Partly in place.", "position: In place since the January audit.")
    repo.edit(W, "completed: 2024-02-01", "completed: 2024-02-01\n        progress:\n          - date: 2024-02-01\n"
              "            note: Approved; budget waits for NHS England's allocation.")  # fmt: skip
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.stdout.splitlines() == [expected[1], expected[3].replace(":18:14:", ":21:14:")]


def test_github_annotations(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(A, "rating: green", "rating: gren")
    repo.write("data/stray.yaml", "a: 1\n")
    result = run_cli("check", "--format", "github", root=repo.root)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=data/assessments/org-a.yaml,line=9,col=13,title=unknown-rating::rating 'gren' is not one of: "
        "red, amber, green, blue (did you mean 'green'?)\n"
        "::warning file=data/stray.yaml,title=unknown-file::not read: francis reads data/organisations.yaml and "
        "YAML files under data/recommendations/, data/assessments/ and data/workplan/\n"
    )  # fmt: skip


def test_github_paths_start_at_the_repository_top(tmp_path: Path, run_cli: RunCli) -> None:
    r = GitRepo(tmp_path / "nhs", sub="francis")
    r.base()
    r.edit(A, "rating: green", "rating: gren")
    result = run_cli("check", "--format", "github", "--changed-since", "HEAD", root=r.root)
    assert result.stdout.startswith("::error file=francis/data/assessments/org-a.yaml,line=9,col=13,")


def test_github_escaping() -> None:
    p = Problem("data/a,b:c%.yaml", 3, 0, "x", "warning", "50% done,\r\nnext: line")
    assert as_github([p]) == "::warning file=data/a%2Cb%3Ac%25.yaml,line=3,title=x::50%25 done,%0D%0Anext: line\n"
    assert as_github([p], "sub/").startswith("::warning file=sub/data/a%2Cb")


def test_a_new_tracker_has_every_file_changed(tmp_path: Path, run_cli: RunCli) -> None:
    r = GitRepo(tmp_path / "t")
    r.write("README.md", "soon a tracker\n")
    r.commit("Start", "2024-01-01T10:00:00+00:00")
    r.base()
    r.edit(A, "rating: green", "rating: gren")
    result = run_cli("check", "--changed-since", "HEAD~1", root=r.root)
    assert result.exit_code == 1
    assert result.stderr.endswith("; 5 files changed since HEAD~1 (no tracker yet)\n")


def test_pre_commit_hook_definition() -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [{
        "id": "francis-check", "name": "francis check",
        "description": "Validate the francis tracker (YAML, keys and values, references between files).",
        "entry": "francis check", "language": "python", "pass_filenames": False, "files": r"\.(ya?ml)$",
    }]  # fmt: skip
