"""`francis report --since`: the movement section lists every movement its summary sentence counts,
worded as a board paper words them, on a real repository with a scripted history."""

from __future__ import annotations

from ..conftest import RunCli
from ..gitrepo import GitRepo

BOARD_WORKPLAN = """\
organisation: org-a
title: Workplan
agreed: 2024-01-15
sections:
  - id: "1"
    title: Strategy
    actions:
      - id: "1.1"
        title: Write the strategy
        lead: DoQ
        due: 2024-03
        status: in-progress
      - id: "1.2"
        title: Agree the budget
        lead: CFO
        due: 2024-Q2
      - id: "1.3"
        title: Publish the staffing figures
        lead: DoQ
        due: 2024-01
        status: done
        completed: 2024-01-10
      - id: "1.4"
        title: Open the new ward
        lead: DoQ
        due: 2024-03
        status: in-progress
      - id: "1.6"
        title: Safe staffing review
        lead: DoQ
        due: 2024-09
"""

NOTE = "\n        progress:\n          - date: {day}\n            note: {text}\n            by: DoQ"


def march(repo: GitRepo) -> None:
    """After the January board: a rating up, a recommendation newly assessed, and an action
    completed, dropped (with a reason), reopened, re-dated (with a reason), started and added."""
    a, w = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"
    repo.edit(a, "rating: amber", "rating: green")
    with (repo.root / a).open("a", encoding="utf-8") as f:
        f.write("  - recommendation: 3\n    rating: red\n    position: Not started.\n")
    repo.edit(
        w,
        "due: 2024-03\n        status: in-progress",
        "due: 2024-03\n        status: done\n        completed: 2024-02-20",
    )
    repo.edit(
        w,
        "lead: CFO\n        due: 2024-Q2",
        "lead: CFO\n        due: 2024-Q2\n        status: dropped"
        + NOTE.format(day="2024-02-01", text="Superseded by the national budget process."),
    )
    repo.edit(w, "status: done\n        completed: 2024-01-10", "status: in-progress")
    repo.edit(
        w,
        'due: 2024-03\n        status: in-progress\n      - id: "1.6"',
        "due: 2024-06\n        status: in-progress"
        + NOTE.format(day="2024-03-01", text="Waiting for the builders")
        + '\n      - id: "1.6"',
    )
    repo.edit(w, "due: 2024-09\n", "due: 2024-09\n        status: in-progress\n")
    with (repo.root / w).open("a", encoding="utf-8") as f:
        f.write('      - id: "1.5"\n        title: Train the ward managers\n        lead: DoQ\n        due: 2024-09\n')
    repo.commit("March update", "2024-03-05T10:00:00+00:00")


def history(repo: GitRepo) -> None:
    repo.write("data/workplan/org-a.yaml", BOARD_WORKPLAN)
    repo.commit("Workplan for the January board", "2024-01-20T10:00:00+00:00")
    repo.git("tag", "board-2024-01")
    march(repo)


LINES = [
    "Recommendation 3, Third: newly assessed, Red (not met)",
    "Action 1.1, Write the strategy: completed on 20 February 2024",
    "Action 1.2, Agree the budget: dropped (was not started): Superseded by the national budget process.",
    "Action 1.3, Publish the staffing figures: reopened, now in progress (was done)",
    "Action 1.6, Safe staffing review: moved to in progress",
    "Action 1.5, Train the ward managers: added (not started)",
    "Action 1.4, Open the new ward: due date moved from March 2024 to June 2024 (91 days later): "
    "Waiting for the builders.",
]
SUMMARY = (
    ": 1 rating improved, 1 recommendation newly assessed, 1 action completed, 1 action dropped, "
    "1 action reopened, 1 action changed status, 1 action added, 1 due date moved later."
)


def test_markdown_lists_every_movement(repo: GitRepo, run_cli: RunCli) -> None:
    history(repo)
    result = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "--org", "org-a", root=repo.root)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    section = text[text.index("### Movements since board-2024-01 (") : text.index("## 2. Position")]
    assert "| 1 | First | Amber | Green | Improved |" in section
    listed = [line[2:] for line in section.splitlines() if line.startswith("- ")]
    assert listed == LINES
    summary = next(line for line in text.splitlines() if line.startswith("- Since board-2024-01"))
    assert summary.endswith(SUMMARY)


def test_html_lists_every_movement(repo: GitRepo, run_cli: RunCli) -> None:
    history(repo)
    result = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "-f", "html", root=repo.root)
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    section = html[html.index('<section id="movement">') : html.index('<section id="position">')]
    items = [part.split("</li>")[0] for part in section.split("<li>")[1:]]
    assert items == LINES
    assert '<th scope="row" class="num">1</th><td>First</td>' in section
    assert SUMMARY in html


def test_nothing_else_moved_and_a_date_set(repo: GitRepo, run_cli: RunCli) -> None:
    """A due date set where there was none, and moved earlier: each listed and counted."""
    repo.git("tag", "board-2024-01")
    repo.edit("data/workplan/org-a.yaml", "due: 2024-03", "due: 2024-02-15")
    repo.edit("data/workplan/org-a.yaml", "due: 2024-Q2\n", "")
    repo.commit("Dates", "2024-02-01T10:00:00+00:00")
    result = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "--org", "org-a", root=repo.root)
    assert "- Action 1.1, Write the strategy: due date moved from March 2024 to 15 February 2024 (45 days earlier)" in (
        result.stdout
    )
    assert "- Action 1.2, Agree the budget: due date removed (was Q2 2024)" in result.stdout
    assert ": 1 due date moved earlier, 1 due date set, removed or restated." in result.stdout
