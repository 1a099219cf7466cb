"""`francis diff` end to end: real repositories, scripted commits, every format, nothing in git touched."""

from __future__ import annotations

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
