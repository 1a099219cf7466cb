"""A trust starts tracking a second inquiry beside the first: the board paper groups by set, and
`report --set` gives one set's paper alone."""

from __future__ import annotations

from ..conftest import RunCli, Tracker

AS_OF = "2024-06-10"


def _second_set(tracker: Tracker, run_cli: RunCli) -> None:
    """A small second catalogue, an assessment against it and an action citing both sets, all by the CLI."""
    new = ("catalogue", "new", "kirkup-2022", "--title", "Reading the signals", "--published", "2022-10-19")
    made = run_cli(*new, "--source", "https://example.org/kirkup.pdf", root=tracker.root)
    assert made.exit_code == 0, made.stderr
    for number, words in (("1", "Monitor outcomes."), ("2", "Listen to families.")):
        text = tracker.write(f"rec-{number}.txt", words + "\n")
        added = run_cli("catalogue", "add", "kirkup-2022", number, "--text-file", str(text), root=tracker.root)
        assert added.exit_code == 0, added.stderr
    tracker.write(
        "data/assessments/org-a-kirkup.yaml",
        "organisation: org-a\nset: kirkup-2022\nassessed: 2024-02-01\nassessments:\n"
        "  - recommendation: 2\n    rating: red\n    position: Not yet begun.\n",
    )
    action = ("action", "add", "org-a", "--section", "1", "--id", "1.9", "--title", "Joint review", "--due", "2024-05")
    cites = ("--recommendation", "test-set:1", "--recommendation", "kirkup-2022:2", "--date", "2024-01-20")
    added = run_cli(*action, *cites, root=tracker.root)
    assert added.exit_code == 0, added.stderr


def test_paper_grouped_by_set(tracker: Tracker, run_cli: RunCli) -> None:
    _second_set(tracker, run_cli)
    md = run_cli("report", "--as-of", AS_OF, root=tracker.root)
    assert md.exit_code == 0, md.stderr
    assert "- A test recommendation set: 2 of 3 recommendations assessed: " in md.stdout
    assert "- Reading the signals: 1 of 2 recommendations assessed: 1 Red (not met)" in md.stdout
    assert md.stdout.count("### Reading the signals") == 4  # position, decisions, assurance, Appendix A
    assert md.stdout.index("### A test recommendation set") < md.stdout.index("### Reading the signals")
    assert "| 1.9 | Joint review (recommendations 1, kirkup-2022:2) |" in md.stdout
    html = run_cli("report", "--as-of", AS_OF, "-f", "html", root=tracker.root)
    assert html.exit_code == 0, html.stderr
    assert '<h3 id="appendix-a-kirkup-2022">Reading the signals</h3>' in html.stdout
    assert 'aria-label="Recommendations by theme and rating, Organisation A, Reading the signals"' in html.stdout
    assert "Recommendations 1, kirkup-2022:2" in html.stdout


def test_paper_of_one_set(tracker: Tracker, run_cli: RunCli) -> None:
    _second_set(tracker, run_cli)
    one = run_cli("report", "--as-of", AS_OF, "--set", "kirkup-2022", root=tracker.root)
    assert one.exit_code == 0, one.stderr
    assert "# Progress against the recommendations of the Reading the signals" in one.stdout
    assert "### Reading the signals" not in one.stdout and "A test recommendation set" not in one.stdout
    assert "| 1.9 | Joint review |" in one.stdout and "Agree the budget" not in one.stdout
    unknown = run_cli("report", "--set", "ockenden", root=tracker.root)
    assert unknown.exit_code == 2
    assert unknown.stderr.strip().splitlines() == [
        "francis: --set: 'ockenden' is not a recommendation set of this tracker (known: test-set, kirkup-2022)"
    ]
