"""`francis diff` end to end: real repositories, scripted commits, every format, nothing in git touched."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..conftest import RunCli
from ..gitrepo import GitRepo, february


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
    )
    assert repo.snapshot() == before


def test_a_file_that_does_not_load_is_not_read_as_its_items_removed(repo: GitRepo, run_cli: RunCli) -> None:
    """A stray top-level key makes the whole file an error; a number that is not one drops one item. Neither
    is movement: what only one side has of such a file is left out, and the note names the file."""
    february(repo)
    a, b = "data/assessments/org-a.yaml", "data/assessments/org-b.yaml"
    repo.write(a, (repo.root / a).read_text(encoding="utf-8") + "colour: blue\n")
    repo.edit(b, "recommendation: 2", "recommendation: two")
    repo.edit("data/workplan/org-a.yaml", "due: 2024-Q3", "due: 2024-Q4")
    result = run_cli("diff", "HEAD", root=repo.root)
    assert result.exit_code == 0, result.stderr
    assert "No longer assessed" not in result.stdout and "Newly assessed" not in result.stdout
    assert "1.2" in result.stdout.split("Due dates")[1]  # what did load still moves
    for rel in (a, b):
        assert f"Note: {rel} did not load whole in the work tree: what only one side has of it is not compared." in (
            " ".join(result.stdout.split())
        )
    doc = json.loads(run_cli("diff", "HEAD", "--format", "json", root=repo.root).stdout)
    assert (doc["from"]["partial"], doc["to"]["partial"]) == ([], [a, b])
    assert [o["organisation"] for o in doc["organisations"]] == ["org-a"]
    # Committed, the file stays an error on both sides: an edit that fixes it later is movement again.
    repo.commit("Broken", "2024-03-01T09:00:00+00:00")
    repo.edit(b, "recommendation: two", "recommendation: 2")
    fixed = json.loads(run_cli("diff", "HEAD", "--format", "json", root=repo.root).stdout)
    assert (fixed["from"]["partial"], fixed["to"]["partial"]) == ([a, b], [a])
    assert fixed["organisations"] == []
