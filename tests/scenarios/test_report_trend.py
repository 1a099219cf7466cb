"""`francis report --trend PATTERN` on a real repository: the figures at each tagged board meeting,
in the order of the tags' dates, then now; and a one-line refusal when a tag cannot be used."""

from __future__ import annotations

import re

from ..conftest import RunCli
from ..gitrepo import GitRepo


def meetings(repo: GitRepo) -> None:
    """Three board meetings, tagged under names whose alphabetical order is not their date order;
    the last an annotated tag dated at the meeting, after its commit."""
    repo.git("tag", "board-q1")
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    repo.edit("data/workplan/org-a.yaml", "status: in-progress", "status: done\n        completed: 2024-03-01")
    repo.commit("March update", "2024-03-05T10:00:00+00:00")
    repo.git("tag", "board-march")
    with (repo.root / "data/assessments/org-a.yaml").open("a", encoding="utf-8") as f:
        f.write("  - recommendation: 3\n    rating: red\n    position: Not started.\n")
    with (repo.root / "data/workplan/org-a.yaml").open("a", encoding="utf-8") as f:
        f.write(
            '      - id: "1.3"\n        title: Train the ward managers\n        lead: DoQ\n        due: 2024-05-10\n'
        )
    repo.commit("May update", "2024-05-05T10:00:00+00:00")
    repo.git("tag", "-a", "board-may", "-m", "Board, 20 May 2024", when="2024-05-20T18:00:00+00:00")


ROWS = [
    "| board-q1, 15 January 2024 | 0 | 1 | 1 | 0 | 0 | 1 | 2 | 0 |",
    "| board-march, 5 March 2024 | 0 | 0 | 2 | 0 | 0 | 1 | 1 | 0 |",
    "| board-may, 20 May 2024 | 1 | 0 | 2 | 0 | 0 | 0 | 2 | 1 |",
    "| now, 10 July 2024 | 1 | 0 | 2 | 0 | 0 | 0 | 2 | 2 |",
]


def test_trend_in_markdown(repo: GitRepo, run_cli: RunCli) -> None:
    meetings(repo)
    result = run_cli("report", "--trend", "board-*", "--as-of", "2024-07-10", "--org", "org-a", root=repo.root)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "### Trend over the board meetings tagged board-\\*" in text
    header = next(line for line in text.splitlines() if line.endswith("| Of which overdue |"))
    assert header == (
        "| Meeting | Red (not met) | Amber (partially met) | Green (met) | Blue (met, assured and embedded) "
        "| Not applicable | Not assessed | Open actions | Of which overdue |"
    )
    assert [line for line in text.splitlines() if re.match(r"\| (board-|now)", line)] == ROWS
    assert text.index("### Trend over") < text.index("## 2. Position")


def test_trend_in_html_has_charts_tables_and_every_number_in_words(repo: GitRepo, run_cli: RunCli) -> None:
    meetings(repo)
    result = run_cli("report", "--trend", "board-*", "--as-of", "2024-07-10", "-f", "html", root=repo.root)
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    section = html[html.index('<section id="trend">') : html.index('<section id="position">')]
    assert section.count("<svg ") == 2 and section.count("<table ") == 4  # org-b: tables, but nothing to draw
    assert 'id="trend-ratings-org-a-title"' in section and "trend-ratings-org-b" not in section
    assert (
        '<desc id="trend-actions-org-a-desc">Open and overdue actions at each board meeting, Organisation A. '
        "board-q1, 15 January 2024: 2 open, of which 0 overdue. board-march, 5 March 2024: 1 open, of which 0 "
        "overdue. board-may, 20 May 2024: 2 open, of which 1 overdue. now, 10 July 2024: 2 open, of which 2 "
        "overdue.</desc>"
    ) in section
    assert (
        '<desc id="trend-ratings-org-a-desc">Ratings at each board meeting, Organisation A. board-q1, 15 January '
        "2024: 0 red, 1 amber, 1 green, 0 blue, 0 not applicable, 1 not assessed. board-march, 5 March 2024: 0 red, "
        "0 amber, 2 green, 0 blue, 0 not applicable, 1 not assessed. board-may, 20 May 2024: 1 red, 0 amber, "
        "2 green, 0 blue, 0 not applicable, 0 not assessed. now, 10 July 2024: 1 red, 0 amber, 2 green, 0 blue, "
        "0 not applicable, 0 not assessed.</desc>"
    ) in section
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td><td class="num">(\d+)</td></tr>', section
    )
    assert rows[:4] == [
        ("board-q1, 15 January 2024", "2", "0"),
        ("board-march, 5 March 2024", "1", "0"),
        ("board-may, 20 May 2024", "2", "1"),
        ("now, 10 July 2024", "2", "2"),
    ]
    overdue = re.findall(r'data-id="overdue" data-count="(\d+)"', section)
    assert overdue[:2] == ["1", "2"]  # org-a's bars with any overdue: May and now


def test_pattern_matching_nothing(repo: GitRepo, run_cli: RunCli) -> None:
    meetings(repo)
    result = run_cli("report", "--trend", "meeting-*", root=repo.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "francis: --trend 'meeting-*': no git tag matches (git tag --list 'meeting-*' lists them)\n"
    )


def test_tags_after_the_as_of_date_are_left_out(repo: GitRepo, run_cli: RunCli) -> None:
    """A paper as at 1 April shows the meetings up to then: a later tag is not yet history."""
    meetings(repo)
    result = run_cli("report", "--trend", "board-*", "--as-of", "2024-04-01", "--org", "org-a", root=repo.root)
    rows = [line for line in result.stdout.splitlines() if re.match(r"\| (board-|now)", line)]
    assert rows == [*ROWS[:2], "| now, 1 April 2024 | 1 | 0 | 2 | 0 | 0 | 0 | 2 | 0 |"]
    early = run_cli("report", "--trend", "board-*", "--as-of", "2024-01-01", root=repo.root)
    assert (early.exit_code, early.stderr) == (
        2,
        "francis: --trend 'board-*': every tag that matches is dated after 2024-01-01 (--as-of)\n",
    )


def test_tag_of_a_broken_tracker_is_named(repo: GitRepo, run_cli: RunCli) -> None:
    meetings(repo)
    good = (repo.root / "data/assessments/org-a.yaml").read_text(encoding="utf-8")
    repo.edit("data/assessments/org-a.yaml", "rating: red", "rating: [red")
    sha = repo.commit("A broken file", "2024-06-01T10:00:00+00:00")
    repo.git("tag", "board-june")
    (repo.root / "data/assessments/org-a.yaml").write_text(good, encoding="utf-8")
    repo.commit("Mended", "2024-06-02T10:00:00+00:00")
    result = run_cli("report", "--trend", "board-*", "--as-of", "2024-07-10", root=repo.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"francis: --trend: tag 'board-june' ({sha}, 2024-06-01): the tracker there has 1 error; "
        "a trend is not drawn from it\n"
    )
    assert run_cli("report", "--trend", "board-m*", "--as-of", "2024-07-10", root=repo.root).exit_code == 0


def test_tag_that_is_not_a_commit_is_named(repo: GitRepo, run_cli: RunCli) -> None:
    repo.git("tag", "board-tree", "HEAD^{tree}")
    result = run_cli("report", "--trend", "board-*", root=repo.root)
    assert result.exit_code == 2 and result.stderr.startswith("francis: --trend: tag 'board-tree': ")
    assert result.stderr.count("\n") == 1
