"""What moved between two states (`tracker.movement`), on real repositories with scripted commits."""

from __future__ import annotations

import json

from francis_cli.cli.context import movement_between
from francis_cli.tracker.movement import word_diff

from ..conftest import RunCli
from ..gitrepo import GitRepo, february


def test_deleted_organisation_and_renamed_file(repo: GitRepo, run_cli: RunCli) -> None:
    february(repo)
    repo.edit("data/organisations.yaml", "  - id: org-b\n    name: Organisation B\n", "")
    (repo.root / "data/assessments/org-b.yaml").unlink()
    (repo.root / "data/assessments/2024").mkdir()
    (repo.root / "data/assessments/org-a.yaml").rename(repo.root / "data/assessments/2024/org-a.yaml")
    repo.edit("data/assessments/2024/org-a.yaml", "rating: red", "rating: amber")
    repo.commit("Org B merged away; assessments filed by year", "2024-03-01T12:00:00+00:00")
    result = run_cli("diff", "HEAD~1", "HEAD", "--format", "markdown", root=repo.root)
    c1, c2 = repo.git("log", "-2", "--format=%h").split()
    assert result.stdout == (
        f"## Movement from HEAD~1 ({c2}, 2024-02-01) to HEAD ({c1}, 2024-03-01)\n"
        "\n### Organisation A (org-a)\n\n**Ratings**\n\n- ▲ 3 Third: red → **amber**\n"
        "\n### Organisation B (org-b) — removed, with 1 assessment and 0 actions\n"
    )


def test_reopened_and_org_option(repo: GitRepo, run_cli: RunCli) -> None:
    february(repo)
    repo.edit("data/workplan/org-a.yaml", "status: done\n        completed: 2024-01-31", "status: in-progress")
    result = run_cli("diff", "--org", "org-a", "--format", "json", root=repo.root)
    doc = json.loads(result.stdout)
    assert [o["organisation"] for o in doc["organisations"]] == ["org-a"]
    assert doc["organisations"][0]["actions"][0] | {"place": None} == {
        "kind": "reopened",
        "id": "1.1",
        "title": "Write the strategy",
        "old_status": "done",
        "new_status": "in-progress",
        "completed": None,
        "new_notes": 0,
        "place": None,
    }
    result = run_cli("diff", "--org", "org-z", root=repo.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: no organisation 'org-z' on either side (known: org-a, org-b)\n",
    )


def test_movement_since_for_the_board_paper(repo: GitRepo) -> None:
    repo.git("tag", "board-2024-01")
    february(repo)
    m = movement_between(repo.root, "board-2024-01", None, [])
    assert (m.old.title, m.new.title) == (f"board-2024-01 ({m.old.commit}, 2024-01-15)", "work tree")
    org_a = m.organisations[0]
    assert [(r.recommendation, r.old, r.new, r.direction) for r in org_a.ratings] == [
        (1, "amber", "green", "up"),
        (2, "green", "amber", "down"),
    ]
    assert [(d.id, d.old, d.new, d.days, d.later) for d in org_a.due] == [("1.2", "2024-Q2", "2024-Q3", 92, True)]


def test_word_diff_and_colour() -> None:
    assert word_diff("The CCG has a plan.", "The CCG has an agreed plan.") == [
        ("same", "The CCG has"),
        ("del", "a"),
        ("add", "an agreed"),
        ("same", "plan."),
    ]
    assert word_diff("same  words\n wrapped", "same words wrapped") == [("same", "same words wrapped")]
