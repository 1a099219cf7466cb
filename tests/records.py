"""A small tracker whose records were made with francis's own commands: evidence records (one
stale on AS_OF, one current, one with no review date, and evidence in words), sign-offs (one
made stale by a later edit, two current), and two changes of an action's due date. Shared by the
export's tests and the site's open-data tests."""

from __future__ import annotations

from .conftest import RunCli, Tracker

AS_OF = "2024-06-15"
FORMULA = '=HYPERLINK("http://example.invalid","x")'
"""A title that a spreadsheet would run, from a pull request."""


def with_records(tracker: Tracker, run_cli: RunCli) -> Tracker:
    tracker.write("docs/audit.md", "# Bed audit\n")
    path = tracker.root / "data/assessments/org-a.yaml"
    text = path.read_text().replace(
        '    actions: ["1.1"]\n', '    actions: ["1.1"]\n    evidence:\n      - Board minutes\n'
    )
    path.write_text(text)
    steps = [
        (
            "evidence",
            "add",
            "org-a",
            "1",
            "--title",
            "Quality schedule 2013/14",
            "--location",
            "https://example.nhs.uk/qs.pdf",
            "--produced",
            "2024-01-10",
            "--owner",
            "DoQ",
            "--review",
            "2024-04-30",
        ),
        (
            "evidence",
            "add",
            "org-a",
            "1",
            "--title",
            "-2 beds audit",
            "--location",
            "docs/audit.md",
            "--owner",
            "CFO",
            "--expires",
            "2025-01-31",
        ),
        ("evidence", "add", "org-a", "1.1", "--title", FORMULA, "--location", "https://example.nhs.uk/draft"),
        ("signoff", "org-a", "1", "--by", "CFO", "--date", "2024-02-01"),
        ("signoff", "org-a", "2", "--by", "DoQ", "--date", "2024-03-01"),
        ("signoff", "org-a", "1.1", "--by", "CFO", "--date", "2024-03-02"),
        (
            "action",
            "update",
            "org-a",
            "1.2",
            "--due",
            "2024-Q3",
            "--reason",
            "+1 month: the budget round slipped",
            "--date",
            "2024-04-01",
        ),
        (
            "action",
            "update",
            "org-a",
            "1.2",
            "--due",
            "2024-12",
            "--reason",
            "The board met later.",
            "--date",
            "2024-05-01",
        ),
    ]
    for args in steps:
        result = run_cli(*args, root=tracker.root)
        assert result.exit_code == 0, (args, result.stderr)
    # a change of meaning after CFO approved recommendation 1: that sign-off is stale now
    path.write_text(path.read_text().replace("position: Partly in place.", "position: Mostly in place."))
    return tracker
