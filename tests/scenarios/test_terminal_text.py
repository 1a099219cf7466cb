"""What a person reads in the terminal and in piped output: no trailing spaces, a URL never broken
mid-word, a long commit subject wrapping under its date rather than back to column 0."""

from __future__ import annotations

from ..conftest import REPO, RunCli
from ..gitrepo import GitRepo


def test_piped_output_has_no_trailing_spaces(run_cli: RunCli) -> None:
    for args in (
        ["status", "--as-of", "2013-10-01"],
        ["overdue", "--as-of", "2013-10-01", "--within", "30"],
        ["show", "132"],
        ["show", "merton-ccg:3.2"],
    ):
        result = run_cli(*args, root=REPO)
        assert result.exit_code == 0, result.stderr
        assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == [], args


def test_a_source_url_is_printed_whole(run_cli: RunCli) -> None:
    out = run_cli("show", "132", root=REPO).stdout
    url = "https://engage.dhsc.gov.uk/francisresponse/recommendation/commissioners-monitoring-contract-performance/"
    assert f"Source: {url}\n" in out


def test_a_long_commit_subject_wraps_under_its_date(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    subject = "Rating of recommendation one raised after the quality committee reviewed the evidence in full"
    repo.commit(subject, "2024-02-01T09:00:00+00:00")
    out = run_cli("history", "1", root=repo.root).stdout
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("  2024-02-01"))
    assert lines[head + 1].startswith("  ") and not lines[head + 1].startswith("      rating")
    assert subject in " ".join(line.strip() for line in lines[head : head + 2])


def _run(args: list[str], columns: int) -> str:
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(columns)}
    command = [sys.executable, "-m", "francis_cli", "--root", str(REPO), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout


def test_tables_use_the_width_they_have() -> None:
    """At 80 columns a theme's name takes at most three lines and an overdue action's title is not
    squeezed beside a lead column repeating each role's title; at 140 the text columns grow."""
    narrow = _run(["status", "--org", "barnet-ccg", "--as-of", "2013-10-01"], 80).splitlines()
    first = next(i for i, line in enumerate(narrow) if line.startswith(" Accountability"))
    second = next(i for i, line in enumerate(narrow) if line.startswith(" Putting the patient"))
    assert second - first <= 3
    assert max(len(line) for line in narrow) <= 80
    late = _run(["overdue", "--as-of", "2013-10-01"], 80)
    assert "DoQ (Director" not in late and "Leads: DoQ = Director of Quality" in late
    assert max(len(line) for line in late.splitlines()) <= 80
    wide = _run(["overdue", "--as-of", "2013-10-01"], 140).splitlines()
    assert any("merton-ccg:3.4 SI process to be established and tested" in line for line in wide)
    assert "Last note" in "\n".join(wide) and max(len(line) for line in wide) <= 140
