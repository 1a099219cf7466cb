"""Problems (`problems`): one line whatever the file held, the one "did you mean", counts in words."""

from __future__ import annotations

import pytest

from francis_cli.problems import HINTS_CUTOFF, ONE_HINT_CUTOFF, PROBLEM_CODES, Problem, hint, plural

from .conftest import RunCli, Tracker

CHOICES = ["org-abcde", "zzz", "org-abc", "org-ab", "org-abcd"]  # each one letter further from "org-a"


def test_hint_with_one_suggestion_names_the_closest() -> None:
    assert hint("ratng", ["position", "rating", "evidence"]) == " (did you mean 'rating'?)"
    assert hint("org-a", CHOICES) == " (did you mean 'org-ab'?)"


def test_hint_with_three_suggestions_names_the_closest_first_and_no_more() -> None:
    assert hint("org-a", CHOICES, n=3) == " (did you mean 'org-ab', 'org-abc', 'org-abcd'?)"
    assert hint("org-a", ["org-ab"], n=3) == " (did you mean 'org-ab'?)"


def test_hint_is_empty_when_nothing_is_close() -> None:
    assert hint("colour", ["rating", "position"]) == ""
    assert hint("colour", ["rating", "position"], n=3) == ""
    assert hint("anything", []) == ""


def test_a_list_of_suggestions_reaches_further_than_a_lone_one() -> None:
    """'abcd' and 'abxy' are half alike (difflib's ratio 0.5): close enough to offer among three
    for the user to pick from, not close enough to be the one suggestion of a problem line."""
    assert HINTS_CUTOFF <= 0.5 < ONE_HINT_CUTOFF
    assert hint("abcd", ["abxy"]) == ""
    assert hint("abcd", ["abxy"], n=3) == " (did you mean 'abxy'?)"


def test_hint_takes_any_iterable_of_choices() -> None:
    assert hint("green", (r for r in ("red", "amber", "gren"))) == " (did you mean 'gren'?)"
    assert hint("amber", {"amber": 1}.keys()) == " (did you mean 'amber'?)"


@pytest.mark.parametrize(("count", "expected"), [(0, "0 errors"), (1, "1 error"), (2, "2 errors"), (10, "10 errors")])
def test_plural_adds_an_s_except_for_one(count: int, expected: str) -> None:
    assert plural(count, "error") == expected


def test_plural_with_its_own_plural_word() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"


def test_format_is_path_line_col_severity_code_message() -> None:
    p = Problem("data/workplan/org-a.yaml", 12, 17, "invalid-value", "error", "status: 'x' is not one of: done")
    assert p.format() == "data/workplan/org-a.yaml:12:17: error invalid-value status: 'x' is not one of: done"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("line\nbreak", "line\\nbreak"),
        ("carriage\rreturn", "carriage\\rreturn"),
        ("tab\there", "tab\\there"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("nul\x00", "nul\\x00"),
        ("del\x7f", "del\\x7f"),
        ("next line\x85", "next line\\x85"),
        ("line separator\u2028", "line separator\\u2028"),
        ("paragraph separator\u2029", "paragraph separator\\u2029"),
    ],
)
def test_format_escapes_control_characters(raw: str, shown: str) -> None:
    p = Problem(f"data/{raw}.yaml", 1, 2, "yaml-syntax", "error", raw)
    line = p.format()
    assert line == f"data/{shown}.yaml:1:2: error yaml-syntax {shown}"
    assert len(line.splitlines()) == 1


def test_format_leaves_printable_text_as_it_is() -> None:
    message = "position: 'Café – “in place”' ends \\n with a backslash, not a line break"
    assert Problem("a.yaml", 0, 0, "x", "warning", message).format() == f"a.yaml:0:0: warning x {message}"


def test_problems_sort_by_place_then_code() -> None:
    found = [
        Problem("b.yaml", 1, 1, "a-code", "error", "m"),
        Problem("a.yaml", 10, 1, "a-code", "error", "m"),
        Problem("a.yaml", 2, 5, "z-code", "warning", "m"),
        Problem("a.yaml", 2, 5, "b-code", "error", "m"),
        Problem("a.yaml", 2, 1, "z-code", "error", "m"),
    ]
    assert [(p.path, p.line, p.col, p.code) for p in sorted(found)] == [
        ("a.yaml", 2, 1, "z-code"),
        ("a.yaml", 2, 5, "b-code"),
        ("a.yaml", 2, 5, "z-code"),
        ("a.yaml", 10, 1, "a-code"),
        ("b.yaml", 1, 1, "a-code"),
    ]


def test_as_dict_names_the_column_column() -> None:
    p = Problem("a.yaml", 3, 4, "no-due", "warning", "m")
    assert p.as_dict() == {
        "path": "a.yaml",
        "line": 3,
        "column": 4,
        "severity": "warning",
        "code": "no-due",
        "message": "m",
    }


def test_every_code_is_lower_case_words_with_a_meaning() -> None:
    assert all(code == code.lower() and " " not in code and meaning for code, meaning in PROBLEM_CODES.items())


def test_problem_lines_cannot_inject_workflow_commands_or_escapes(tracker: Tracker, run_cli: RunCli) -> None:
    """GitHub Actions runs any log line starting ``::`` as a workflow command: data that carried a
    line break into a problem message could add annotations or masks to the pull request's run."""
    due = r'"x\n::error file=evil::pwned \e[31mred\u2028z"'
    tracker.write(
        "data/workplan/org-a.yaml", f'organisation: org-a\nactions:\n  - id: "1"\n    title: t\n    due: {due}\n'
    )
    tracker.write("data/assessments/a\n::warning::named.yaml", "organisation: org-a\nassessments: oops\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert result.stdout == (
        "data/assessments/a\\n::warning::named.yaml:2:14: error invalid-value assessments: expected a list, "
        "got 'oops'\n"
        "data/workplan/org-a.yaml:5:10: error invalid-date due: 'x\\n::error file=evil::pwned \\x1b[31mred\\u2028z' "
        "is not a due date: write 2014-12-31, 2014-12, 2014-Q4 or 2014\n"
    )
