"""Views as Markdown (`render.markdown`): cells escaped, no terminal codes."""

from __future__ import annotations

from ..conftest import RunCli, Tracker


def test_markdown_tables_escape_cells(dated: Tracker, run_cli: RunCli) -> None:
    dated.write(
        "data/organisations.yaml",
        "organisations:\n  - id: org-a\n    name: 'A | B <b>*x*</b>'\n"
        "    roles: {DoQ: Director of Quality, CFO: Chief Finance Officer}\n",
    )
    text = run_cli("status", "--as-of", "2024-06-15", "-f", "markdown", root=dated.root).stdout
    assert text.startswith("### A \\| B \\<b\\>\\*x\\*\\</b\\> — test-set, as of 2024-06-15\n\n| Theme | Not met |")
    assert "\x1b[" not in text
    overdue_md = run_cli("overdue", "--as-of", "2024-06-15", "-f", "markdown", root=dated.root).stdout
    assert "| 167 | org-a:y-last Action y-last | DoQ (Director of Quality) | 2023 | not-started | none |" in overdue_md
