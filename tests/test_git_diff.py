"""`francis diff` and the movement it computes, on real repositories with scripted commits."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from rich.console import Console

from francis_cli.cli.context import movement_between
from francis_cli.render.console.movement import console_movement
from francis_cli.tracker.movement import word_diff

from .conftest import RunCli
from .gitrepo import GitRepo

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
    repo.edit(a, "rating: amber\n    position: Partly in place.",
              "rating: green\n    position: In place and audited in January.")
    repo.edit(a, "rating: green\n    position: In place.", "rating: amber\n    position: In place.")
    (repo.root / a).write_text((repo.root / a).read_text() + "  - recommendation: 3\n    rating: red\n"
                               "    position: Not started.\n", encoding="utf-8")  # fmt: skip
    w = "data/workplan/org-a.yaml"
    repo.edit(w, "status: in-progress", "status: done\n        completed: 2024-01-31\n        progress:\n"
              "          - date: 2024-01-31\n            note: Strategy approved by the board.\n            by: DoQ")
    repo.edit(w, "due: 2024-Q2", "due: 2024-Q3")
    added = '      - id: "1.3"\n        title: Train the ward managers\n        lead: DoQ\n        due: 2024-09\n'
    (repo.root / w).write_text((repo.root / w).read_text() + added, encoding="utf-8")
    repo.write("data/assessments/org-b.yaml", ORG_B)
    return repo.commit("February update", "2024-02-01T09:30:00+00:00", who="bob")


def test_diff_between_two_commits(repo: GitRepo, run_cli: RunCli, golden: Callable[[str, str], None]) -> None:
    february(repo)
    before = repo.snapshot()
    for fmt, name in (("table", "diff-table.txt"), ("markdown", "diff-markdown.md"), ("json", "diff-json.json")):
        result = run_cli("diff", "HEAD~1", "HEAD", "--format", fmt, root=repo.root)
        assert (result.exit_code, result.stderr) == (0, "")
        golden(name, result.stdout)
    assert repo.snapshot() == before


def test_default_is_head_against_the_work_tree(repo: GitRepo, run_cli: RunCli) -> None:
    head = repo.git("rev-parse", "--short", "HEAD").strip()
    nothing = f"Movement from HEAD ({head}, 2024-01-15) to work tree\nNo movement.\n"
    assert run_cli("diff", root=repo.root).stdout == nothing
    repo.edit("data/workplan/org-a.yaml", "due: 2024-03", "due: 2024-06")
    repo.edit("data/workplan/org-a.yaml", "status: in-progress", "status: dropped")
    before = repo.snapshot()
    result = run_cli("diff", root=repo.root)
    assert result.stdout == (
        f"Movement from HEAD ({head}, 2024-01-15) to work tree\n\n"
        "Organisation A (org-a)\n"
        "  Actions\n"
        "    1.1 Write the strategy: in-progress → dropped\n"
        "  Due dates\n"
        "    1.1 Write the strategy: 2024-03 → 2024-06 (91 days later)\n"
    )  # fmt: skip
    assert repo.snapshot() == before


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
    )  # fmt: skip


def test_reopened_and_org_option(repo: GitRepo, run_cli: RunCli) -> None:
    february(repo)
    repo.edit("data/workplan/org-a.yaml", "status: done\n        completed: 2024-01-31", "status: in-progress")
    result = run_cli("diff", "--org", "org-a", "--format", "json", root=repo.root)
    doc = json.loads(result.stdout)
    assert [o["organisation"] for o in doc["organisations"]] == ["org-a"]
    assert doc["organisations"][0]["actions"][0] | {"place": None} == {
        "kind": "reopened", "id": "1.1", "title": "Write the strategy", "old_status": "done",
        "new_status": "in-progress", "completed": None, "new_notes": 0, "place": None}  # fmt: skip
    result = run_cli("diff", "--org", "org-z", root=repo.root)
    assert (result.exit_code, result.stderr) == (2, "francis: no organisation 'org-z' on either side "
                                                    "(known: org-a, org-b)\n")  # fmt: skip


def test_movement_since_for_the_board_paper(repo: GitRepo) -> None:
    repo.git("tag", "board-2024-01")
    february(repo)
    m = movement_between(repo.root, "board-2024-01", None, [])
    assert (m.old.title, m.new.title) == (f"board-2024-01 ({m.old.commit}, 2024-01-15)", "work tree")
    org_a = m.organisations[0]
    assert [(r.recommendation, r.old, r.new, r.direction) for r in org_a.ratings] == [
        (1, "amber", "green", "up"), (2, "green", "amber", "down")]
    assert [(d.id, d.old, d.new, d.days, d.later) for d in org_a.due] == [("1.2", "2024-Q2", "2024-Q3", 92, True)]


def test_word_diff_and_colour() -> None:
    assert word_diff("The CCG has a plan.", "The CCG has an agreed plan.") == [
        ("same", "The CCG has"), ("del", "a"), ("add", "an agreed"), ("same", "plan.")]
    assert word_diff("same  words\n wrapped", "same words wrapped") == [("same", "same words wrapped")]


@pytest.mark.parametrize("color", [True, False])
def test_console_markers(repo: GitRepo, color: bool) -> None:
    february(repo)
    out = io.StringIO()
    console = Console(file=out, force_terminal=color, color_system="standard" if color else None, width=100)
    console_movement(console, movement_between(repo.root, "HEAD~1", None, []))
    text = out.getvalue()
    if color:
        assert "\x1b[1;32m▲\x1b[0m" in text and "\x1b[1;31m▼\x1b[0m" in text
        assert "\x1b[9;31mPartly\x1b[0m \x1b[32mIn place and audited\x1b[0m" in text  # struck through red; green
    else:
        assert "\x1b" not in text
        assert "    1 First: [-Partly-] {+In place and audited+} in [-place.-] {+January.+}\n" in text


def test_a_revision_with_errors_is_said_so(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit("data/assessments/org-a.yaml", "rating: green", "rating: gren")
    repo.edit("data/workplan/org-a.yaml", "due: 2024-03", "due: 2024-04")
    broken = repo.commit("Typo", "2024-02-01T09:00:00+00:00")
    result = run_cli("diff", "HEAD~1", "HEAD", root=repo.root)
    note = f"Note: HEAD ({broken}, 2024-02-01) has 1 error (what did not load is left out)."
    assert result.stdout.splitlines()[1] == note
    assert "    1.1 Write the strategy: 2024-03 → 2024-04 (30 days later)" in result.stdout
