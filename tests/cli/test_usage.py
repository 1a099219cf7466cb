"""A usage error the command-line framework finds (a choice not on the list, a number out of range,
an unknown option, a missing argument) is one line in francis's words, exit 2: never the framework's
usage block, never its validation library's wording."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..conftest import RunCli, Tracker

FOREIGN = ("Value error", "Input should", "Usage:", "Error:", "Traceback", "Try '")

CASES = [
    (
        ["status", "--by", "colour"],
        "francis: --by: 'colour' is not one of theme, organisation, rating, lead; see 'francis status -h'",
    ),
    (
        ["status", "--by", "orgnisation"],
        "francis: --by: 'orgnisation' is not one of theme, organisation, rating, lead "
        "(did you mean 'organisation'?); see 'francis status -h'",
    ),
    (["overdue", "--within", "-3"], "francis: --within: -3 is below 0; give 0 or more; see 'francis overdue -h'"),
    (["overdue", "--within=abc"], "francis: --within: 'abc' is not a whole number; see 'francis overdue -h'"),
    (
        ["report", "-f", "docx"],
        "francis: --format: 'docx' is not one of markdown, html, pdf; see 'francis report -h'",
    ),
    (
        ["export", "bogus"],
        "francis: KIND: 'bogus' is not one of assessments, actions, evidence, signoffs, due-changes; "
        "see 'francis export -h'",
    ),
    (["status", "--bogus"], "francis: no option --bogus; see 'francis status -h'"),
    (["status", "--ogr", "x"], "francis: no option --ogr (did you mean '--org'?); see 'francis status -h'"),
    (["assess"], "francis: ORG is missing; see 'francis assess -h'"),
    (["action", "update", "org-a"], "francis: ID is missing; see 'francis action update -h'"),
    (["bogus"], "francis: no such command 'bogus'; see 'francis -h'"),
    (["action", "frob"], "francis: no such command 'frob'; see 'francis action -h'"),
]


@pytest.mark.parametrize(("argv", "line"), CASES, ids=[" ".join(argv) for argv, _ in CASES])
def test_a_usage_error_is_one_line_of_francis_words(
    tracker: Tracker, run_cli: RunCli, argv: list[str], line: str
) -> None:
    result = run_cli(*argv, root=tracker.root)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


@pytest.mark.parametrize("argv", [["status", "--org"], ["diff", "a", "b", "c"], ["check", "--changed-since"]])
def test_every_other_usage_error_is_one_line_too(tracker: Tracker, run_cli: RunCli, argv: list[str]) -> None:
    result = run_cli(*argv, root=tracker.root)
    assert result.exit_code == 2
    assert result.stderr.startswith("francis: ") and result.stderr.count("\n") == 1
    assert not any(word in result.stderr for word in FOREIGN)


def test_the_installed_command_says_the_same(tracker: Tracker) -> None:
    """The console script, not only the in-process runner, goes through the same words."""
    run = subprocess.run(
        [sys.executable, "-m", "francis_cli", "--root", str(tracker.root), "status", "--by", "colour"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert (
        run.stderr
        == "francis: --by: 'colour' is not one of theme, organisation, rating, lead; see 'francis status -h'\n"
    )


def test_help_and_a_good_command_are_untouched(tracker: Tracker, run_cli: RunCli) -> None:
    helped = run_cli("status", "-h", root=tracker.root)
    assert helped.exit_code == 0 and "Examples:" in helped.stdout
    assert run_cli("status", "--by", "rating", root=tracker.root).exit_code == 0
    bare = run_cli("action", root=tracker.root)  # a group without a command shows its help
    assert bare.exit_code == 2 and "Commands:" in bare.stdout + bare.stderr
