"""Terminal controls in tracker text are shown, never obeyed: escape sequences, other C0 and C1
controls and bidi overrides are written out as escapes in the terminal and in Markdown."""

from __future__ import annotations

import re

import pytest

from francis_cli.problems import visible
from francis_cli.render.markdown import md_cell

from ..conftest import CATALOGUE, ORGANISATIONS, WORKPLAN, RunCli, Tracker
from ..gitrepo import GitRepo

NASTY = r"\e[2J\e]0;owned\a\u202eevil\u202c\x9b31m\u2066x\u2069\x7f"
"""As a YAML double-quoted scalar: clear-screen, set-title, a bidi override and isolate, a C1 CSI, DEL."""
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SHOWN = r"\x1b[2J"


def _nasty(tracker: Tracker | GitRepo) -> None:
    tracker.write(
        "data/recommendations/test-set.yaml",
        CATALOGUE.replace("title: Standards", f'title: "Standards {NASTY}"')
        .replace("title: First", f'title: "First {NASTY}"')
        .replace("text: The first recommendation.", f'text: "The first {NASTY} recommendation."'),
    )
    tracker.write(
        "data/organisations.yaml",
        ORGANISATIONS.replace("name: Organisation A", f'name: "Organisation A {NASTY}"').replace(
            "DoQ: Director of Quality", f'DoQ: "Director {NASTY}"'
        ),
    )
    tracker.write(
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessed: 2024-01-15\nassessments:\n"
        f'  - {{recommendation: 1, rating: amber, position: "Partly {NASTY}", evidence: ["Minutes {NASTY}"],'
        ' actions: ["1.1"]}\n',
    )
    tracker.write(
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("title: Write the strategy", f'title: "Write {NASTY}"').replace(
            "status: in-progress",
            f'status: in-progress\n        outcome: "Out {NASTY}"\n'
            f'        progress: [{{date: 2024-02-01, note: "Note {NASTY}", by: "Bob {NASTY}"}}]',
        ),
    )


def _assert_shown(text: str) -> None:
    assert not RAW.findall(text), RAW.findall(text)
    assert SHOWN in text


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("status", "--by", "organisation"),
        ("status", "--by", "lead"),
        ("overdue", "--as-of", "2025-01-01", "--within", "3000"),
        ("show", "1"),
        ("show", "org-a:1.1"),
    ],
    ids=lambda a: "-".join(a),
)
def test_terminal_views_show_controls_escaped(args: tuple[str, ...], tracker: Tracker, run_cli: RunCli) -> None:
    _nasty(tracker)
    result = run_cli(*args, root=tracker.root)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    _assert_shown(result.stdout)


@pytest.mark.parametrize(
    "args",
    [("status", "--format", "markdown"), ("overdue", "--as-of", "2025-01-01", "--format", "markdown")],
    ids=lambda a: "-".join(a),
)
def test_markdown_shows_controls_as_text(args: tuple[str, ...], tracker: Tracker, run_cli: RunCli) -> None:
    _nasty(tracker)
    result = run_cli(*args, root=tracker.root)
    assert not RAW.findall(result.stdout)
    assert r"\\x1b\[2J" in result.stdout  # renders as \x1b[2J


def test_diff_and_history_show_controls_escaped(repo: GitRepo, run_cli: RunCli) -> None:
    _nasty(repo)
    repo.commit(f"Subject \x1b[2J {visible('x')}\u202e", "2024-02-10T10:00:00+00:00")
    for args in (("diff", "HEAD~1", "HEAD"), ("history", "1"), ("history", "org-a:1.1")):
        result = run_cli(*args, root=repo.root)
        assert result.exit_code == 0, result.stdout + result.stderr
        _assert_shown(result.stdout)
    markdown = run_cli("diff", "HEAD~1", "HEAD", "--format", "markdown", root=repo.root).stdout
    assert not RAW.findall(markdown)


def test_visible_escapes_controls_and_keeps_the_rest() -> None:
    assert visible("a\x1b[31mb\u202ec\u2066d\x85e\x00f") == r"a\x1b[31mb\u202ec\u2066d\x85e\x00f"
    assert visible("line\nnext\ttab") == r"line\nnext\ttab"
    assert visible("line\nnext", newlines=True) == "line\nnext"
    assert visible("é — “quoted” ▲ 中文") == "é — “quoted” ▲ 中文"


def test_md_cell_neutralises_controls() -> None:
    assert md_cell("a\x1b[2Jb\u202ec") == r"a\\x1b\[2Jb\\u202ec"


@pytest.mark.parametrize(
    "args",
    [("status", "--format", "csv"), ("overdue", "--as-of", "2025-01-01", "--within", "3000", "--format", "csv")],
    ids=lambda a: "-".join(a),
)
def test_csv_shows_controls_written_out(args: tuple[str, ...], tracker: Tracker, run_cli: RunCli) -> None:
    _nasty(tracker)
    result = run_cli(*args, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    _assert_shown(result.stdout.replace("\n", ""))


def test_github_annotations_show_controls_written_out(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("status: in-progress", 'status: in-progress\n        "colour \\e[2J\\u202e": red'),
    )
    result = run_cli("check", "--format", "github", root=tracker.root)
    assert result.exit_code == 1 and "::error " in result.stdout, result.stdout
    _assert_shown(result.stdout.replace("\n", ""))
