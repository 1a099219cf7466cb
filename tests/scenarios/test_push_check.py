"""`check --changed-since` on a tracker already broken: it reports what the change is answerable for,
exits 0 when that is clean, and its summary says what it left out; `francis check` finds it."""

from __future__ import annotations

from ..conftest import RunCli
from ..gitrepo import GitRepo

A, ORGS = "data/assessments/org-a.yaml", "data/organisations.yaml"


def _broken_on_main(repo: GitRepo) -> str:
    repo.edit(A, "rating: green", "rating: gren")
    return repo.commit("A typo merged", "2024-01-20T10:00:00+00:00")


def test_nothing_changed_on_a_broken_tracker(repo: GitRepo, run_cli: RunCli) -> None:
    head = _broken_on_main(repo)
    since = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert (since.exit_code, since.stdout) == (0, "")
    assert since.stderr == (
        f"no new problems in 5 files; 0 files changed since HEAD ({head}, 2024-01-20); "
        "1 error elsewhere — run francis check\n"
    )
    whole = run_cli("check", "--format", "github", root=repo.root)
    assert whole.exit_code == 1 and whole.stdout.startswith("::error file=data/assessments/org-a.yaml,line=9,col=13,")
    assert whole.stderr == "1 error, 0 warnings in 5 files\n"


def test_a_new_problem_and_an_old_one_elsewhere(repo: GitRepo, run_cli: RunCli) -> None:
    head = _broken_on_main(repo)
    repo.edit(ORGS, "      CFO: Chief Finance Officer\n", "")
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.exit_code == 1
    assert [line.split(" ")[:3] for line in result.stdout.splitlines()] == [
        ["data/workplan/org-a.yaml:16:21:", "error", "unknown-role"]
    ]
    assert result.stderr == (
        f"1 error, 0 warnings in 5 files; 1 file changed since HEAD ({head}, 2024-01-20); "
        "1 error elsewhere — run francis check\n"
    )


def test_strict_counts_old_warnings_elsewhere_as_errors(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit("data/workplan/org-a.yaml", "        due: 2024-Q2\n", "")
    head = repo.commit("No due date for the budget yet", "2024-01-20T10:00:00+00:00")
    plain = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert plain.stderr == f"no new problems in 5 files; 0 files changed since HEAD ({head}, 2024-01-20)\n"
    strict = run_cli("check", "--changed-since", "HEAD", "--strict", root=repo.root)
    assert strict.exit_code == 0
    assert strict.stderr.endswith("; 1 error elsewhere — run francis check\n")
