"""Problems as JSON and as GitHub Actions annotations (`render.problems`)."""

from __future__ import annotations

import json
from pathlib import Path

from francis_cli.problems import Problem
from francis_cli.render.problems import as_github

from ..conftest import ASSESSMENT, RunCli, Tracker
from ..gitrepo import GitRepo


def test_json_format(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT.replace("rating: green", "rating: gren"))
    result = run_cli("check", "--format", "json", root=tracker.root)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "data/assessments/org-a.yaml",
            "line": 9,
            "column": 13,
            "severity": "error",
            "code": "unknown-rating",
            "message": "rating 'gren' is not one of: red, amber, green, blue (did you mean 'green'?)",
        }
    ]


A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"


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
    )


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
