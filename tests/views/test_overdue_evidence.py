"""Evidence in `francis overdue` (`views.overdue.lapsing`): stale the day after its review or expiry
day, not on it; coming up within --within days; the same from a fresh load and from the snapshot."""

from __future__ import annotations

import json

import pytest

from ..conftest import RunCli, Tracker

A = "data/assessments/org-a.yaml"
RECORD = """\
    evidence:
      - title: Quality schedule
        location: francis.yaml
        owner: DoQ
        review: 2014-03-31
"""


@pytest.fixture
def evidenced(tracker: Tracker) -> Tracker:
    text = (tracker.root / A).read_text(encoding="utf-8")
    tracker.write(A, text.replace("    position: In place.\n", "    position: In place.\n" + RECORD))
    return tracker


def _lists(run_cli: RunCli, tracker: Tracker, as_of: str, *more: str) -> tuple[list[int], list[int]]:
    result = run_cli("overdue", "--as-of", as_of, "-f", "json", *more, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return [e["days"] for e in data["evidence_stale"]], [e["days"] for e in data["evidence_due"]]


@pytest.mark.parametrize(("as_of", "stale"), [("2014-03-30", []), ("2014-03-31", []), ("2014-04-01", [1])])
def test_stale_from_the_day_after(evidenced: Tracker, run_cli: RunCli, as_of: str, stale: list[int]) -> None:
    assert _lists(run_cli, evidenced, as_of)[0] == stale
    assert _lists(run_cli, evidenced, as_of)[0] == stale  # again, from the snapshot


def test_evidence_coming_up_and_the_whole_entry(evidenced: Tracker, run_cli: RunCli) -> None:
    assert _lists(run_cli, evidenced, "2014-03-01", "--within", "30") == ([], [-30])
    assert _lists(run_cli, evidenced, "2014-03-01", "--within", "29") == ([], [])
    assert _lists(run_cli, evidenced, "2014-04-01", "--lead", "CFO") == ([], [])  # another owner's
    data = json.loads(run_cli("overdue", "--as-of", "2014-05-01", "-f", "json", root=evidenced.root).stdout)
    assert data["evidence_stale"] == [
        {
            "organisation": "org-a",
            "kind": "assessment",
            "ref": "2",
            "title": "Quality schedule",
            "location": "francis.yaml",
            "owner": "DoQ",
            "days": 31,
            "path": A,
            "line": 12,
            "lapses": "2014-03-31",
            "lapsing": "review",
            "review_by": "2014-03-31",
        }
    ]
    table = run_cli("overdue", "--as-of", "2014-05-01", root=evidenced.root).stdout
    assert "Evidence past its review or expiry date on 2014-05-01: 1" in table
    assert "org-a recommendation 2: Quality schedule" in " ".join(table.split())
    assert "Review or expiry" in table and "2014-03-31 review" in table


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_date_column_says_whether_it_is_a_review_or_an_expiry(
    evidenced: Tracker, run_cli: RunCli, fmt: str
) -> None:
    """A record that expires is not "to review by" its day: the list says which date each one is."""
    text = (evidenced.root / A).read_text(encoding="utf-8")
    evidenced.write(A, text.replace("        review: 2014-03-31\n", "        expires: 2014-03-31\n"))
    for _ in range(2):  # from a fresh load, then from the snapshot
        out = run_cli("overdue", "--as-of", "2014-05-01", "--within", "30", "-f", fmt, root=evidenced.root)
        assert out.exit_code == 0, out.stderr
        assert "Review by" not in out.stdout and "2014-03-31 review" not in out.stdout
        assert "Review or expiry" in out.stdout and "2014-03-31 expiry" in out.stdout
    data = json.loads(run_cli("overdue", "--as-of", "2014-05-01", "-f", "json", root=evidenced.root).stdout)
    assert [(e["lapses"], e["lapsing"]) for e in data["evidence_stale"]] == [("2014-03-31", "expires")]


def test_the_markdown_list_has_the_evidence_sections_of_the_terminal(evidenced: Tracker, run_cli: RunCli) -> None:
    out = run_cli("overdue", "--as-of", "2014-03-20", "--within", "30", "-f", "markdown", root=evidenced.root).stdout
    assert "### Evidence past its review or expiry date on 2014-03-20: 0\n\nNone.\n" in out
    assert "### Evidence to review in the next 30 days: 1\n" in out
    assert "| -11 |" not in out and "| 11 | org-a recommendation 2: Quality schedule (francis.yaml) | DoQ |" in out
