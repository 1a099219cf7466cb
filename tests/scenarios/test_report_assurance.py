"""A board's question answered by `francis report` on a real repository: what is assured, by whom, on
what evidence, and what has changed since it was approved.

The journey: decisions and an assurance level recorded with `francis assess`, an evidence record
added to the file, sign-offs with `francis signoff`, a board tag; then a due date moved with
`francis action update --reason` and a signed-off rating changed, which `check --changed-since`
refuses and the paper shows as no longer approved; then approved again."""

from __future__ import annotations

from html.parser import HTMLParser

from ..conftest import CATALOGUE, RunCli
from ..gitrepo import GitRepo

A = "data/assessments/org-a.yaml"
REASON = "The executive asked for a second consultation with the staff side."
EVIDENCE = """\
    evidence:
      - title: Quality schedule 2024/25
        location: evidence/quality-schedule.txt
        produced: 2024-01-10
        owner: DoQ
        review: 2099-12-31
"""


class _Text(HTMLParser):
    """The text of an HTML page, each element's text apart (tags dropped, spaces folded)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return parser.text()


def _ok(run_cli: RunCli, repo: GitRepo, *args: str) -> str:
    result = run_cli(*args, root=repo.root)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _approved_at_the_board(repo: GitRepo, run_cli: RunCli) -> None:
    """February: the decisions, the evidence and the sign-offs the board saw, tagged board-2024-02."""
    repo.write("data/recommendations/test-set.yaml", CATALOGUE.replace("themes:", "respond_by: 2024-03-31\nthemes:"))
    repo.write("evidence/quality-schedule.txt", "The quality schedule.\n")
    repo.edit(A, "    position: Partly in place.\n", "    position: Partly in place.\n" + EVIDENCE)
    _ok(run_cli, repo, "assess", "org-a", "1", "--decision", "accepted", "--decided", "2024-02-01")
    _ok(run_cli, repo, "assess", "org-a", "1", "--decided-by", "Trust Board", "--assurance", "reasonable")
    why = "The trust commissions no such service."
    _ok(run_cli, repo, "assess", "org-a", "2", "--decision", "not-accepted", "--reason", why, "--decided", "2024-02-01")
    _ok(run_cli, repo, "signoff", "org-a", "1", "--by", "CFO", "--date", "2024-02-05")
    _ok(run_cli, repo, "signoff", "org-a", "2", "--by", "CFO", "--date", "2024-02-05")
    repo.commit("Decisions, evidence and sign-off for the February board", "2024-02-05T10:00:00+00:00")
    repo.git("tag", "board-2024-02")


def test_the_paper_says_what_is_assured_and_what_changed_since(repo: GitRepo, run_cli: RunCli) -> None:
    _approved_at_the_board(repo, run_cli)
    _ok(
        run_cli,
        repo,
        "action",
        "update",
        "org-a",
        "1.1",
        "--due",
        "2024-06",
        "--reason",
        REASON,
        "--date",
        "2024-03-20",
    )
    _ok(run_cli, repo, "assess", "org-a", "1", "--rating", "green")
    repo.commit("March update", "2024-03-20T10:00:00+00:00", who="bob")

    refused = run_cli("check", "--changed-since", "board-2024-02", root=repo.root)
    assert refused.exit_code == 1 and "signed-off-changed recommendation 1 of 'org-a'" in refused.stdout

    md = _ok(run_cli, repo, "report", "--as-of", "2024-06-10", "--org", "org-a")
    assert "| 1 | First | Accepted | — | 1 February 2024 | Trust Board |" in md
    assert (
        "| 2 | Second | Not accepted | The trust commissions no such service. | 1 February 2024 | Not recorded |" in md
    )
    assert "- Decisions recorded: 1 accepted, 0 accepted in part, 1 not accepted, 0 not applicable." in md
    assert "- Not decided by 31 March 2024, when the response was due: 1 recommendation (3)." in md
    assert "that day has passed" in md
    row = next(
        line for line in md.splitlines() if line.startswith("| 1 | First | Green (met) | Reasonable assurance |")
    )
    assert (
        "(1) Quality schedule 2024/25, at evidence/quality-schedule.txt, produced 10 January 2024, owned by DoQ" in row
    )
    assert row.endswith(
        "| Changed since CFO (Chief Finance Officer) approved it on 5 February 2024: it must be approved again. |"
    )
    assert "Approved by CFO (Chief Finance Officer) on 5 February 2024; unchanged since." in md  # recommendation 2
    assert "- Sign-off: 1 signed off and unchanged since; 1 changed since sign-off (to be approved again);" in md
    assert f"| 1.1 Write the strategy | March 2024 | June 2024 | 91 days later | 20 March 2024 | {REASON} |" in md
    assert "| 1.1 Write the strategy | DoQ | June 2024 (was March 2024) |" in md

    html = _html_text(_ok(run_cli, repo, "report", "--as-of", "2024-06-10", "--org", "org-a", "-f", "html"))
    assert (
        "Changed since CFO (Chief Finance Officer) approved it on 5 February 2024: it must be approved again." in html
    )
    assert f"March 2024 June 2024 91 days later 20 March 2024 {REASON}" in html
    assert "Not decided by 31 March 2024 , when the response was due: 1 recommendation (3)." in html
    assert "Quality schedule 2024/25 , at evidence/quality-schedule.txt, produced 10 January 2024" in html

    _ok(run_cli, repo, "signoff", "org-a", "1", "--by", "CFO", "--date", "2024-06-01")
    repo.commit("Approved again", "2024-06-01T10:00:00+00:00")
    again = _ok(run_cli, repo, "report", "--as-of", "2024-06-10", "--org", "org-a")
    assert "Approved by CFO (Chief Finance Officer) on 1 June 2024; unchanged since." in again
    assert "must be approved again" not in again
    assert "- Sign-off: 2 signed off and unchanged since; 0 changed since sign-off" in again
    assert run_cli("check", "--changed-since", "board-2024-02", root=repo.root).exit_code == 0


def test_evidence_past_its_review_is_stale_in_the_paper(repo: GitRepo, run_cli: RunCli) -> None:
    """The same evidence is current on the day of its review and stale the day after, as `check` judges it.
    (A review day far ahead: an edit is validated as of today, and refuses reasonable assurance on lapsed evidence.)"""
    _approved_at_the_board(repo, run_cli)
    on_the_day = _ok(run_cli, repo, "report", "--as-of", "2099-12-31", "--org", "org-a")
    after = _ok(run_cli, repo, "report", "--as-of", "2100-01-01", "--org", "org-a")
    assert "owned by DoQ (Director of Quality), review by 31 December 2099: Current." in on_the_day
    assert "owned by DoQ (Director of Quality), review by 31 December 2099: Stale: its review date has passed." in after
    assert "- Evidence: 1 record, of which 1 stale;" in after
