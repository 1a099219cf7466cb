"""`francis report --since` on a real repository: the movement section and the summary sentence."""

from __future__ import annotations


def test_report_since_a_board_tag_adds_the_movement(repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    """`francis report --since board-…` on a real repository: the movement section and the summary sentence."""
    repo.git("tag", "board-2024-01")  # the fixture tracker as committed: the position the board saw
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    repo.edit(
        "data/workplan/org-a.yaml",
        "        status: in-progress\n",
        "        status: done\n        completed: 2024-03-01\n",
    )
    repo.commit("March update", "2024-03-05T10:00:00+00:00")
    result = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "--org", "org-a", root=repo.root)
    assert result.exit_code == 0, result.stderr
    assert "### Movements since board-2024-01 (" in result.stdout
    assert "Since board-2024-01 (" in result.stdout
    summary = next(line for line in result.stdout.splitlines() if line.startswith("- Since board-2024-01"))
    assert summary.endswith(": 1 rating improved, 1 action completed.")
    assert "| 1 | First | Amber | Green | Improved |" in result.stdout
    html = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "-f", "html", root=repo.root)
    assert html.exit_code == 0 and "1 rating improved, 1 action completed." in html.stdout
    assert "<h2>Movements since board-2024-01 (" in html.stdout
    unknown = run_cli("report", "--since", "board-1999", root=repo.root)
    assert unknown.exit_code == 2 and unknown.stderr.startswith("francis: unknown revision 'board-1999'")
    plain = run_cli("report", "--as-of", "2024-03-10", root=repo.root)
    assert "Movements since" not in plain.stdout and "- Since " not in plain.stdout
