"""Lines and columns as editors, git and GitHub count them: only LF, CRLF and CR end a line.

NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) are line breaks to YAML 1.1,
and so to both of ruamel's parsers; to YAML 1.2 and to every editor they are ordinary characters.
"""

from __future__ import annotations

import pytest

from francis_cli.yamlio import _events
from francis_cli.yamlio.read import parse

from ..conftest import RunCli, Tracker

NOT_BREAKS = ["\x85", "\u2028", "\u2029"]
PARSERS = [pytest.param(True, id="c-parser"), pytest.param(False, id="pure-parser")]


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = request.param
    if fast and not _events.FAST_PARSER:
        pytest.skip("ruamel.yaml.clib is not installed")
    events = _events._events
    monkeypatch.setattr(_events, "_events", lambda text, fast_=fast: events(text, fast_))


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("char", NOT_BREAKS, ids=["NEL", "LS", "PS"])
def test_a_problem_after_one_is_at_the_line_an_editor_shows(char: str) -> None:
    text = f"a: x{char}y\nb: '{char}'\n# note{char} more\nc: 1\nc: 2\n"
    doc = parse(text)
    assert [(p.line, p.col, p.code) for p in doc.problems] == [(5, 1, "duplicate-key")]
    assert doc.source.locate(("c",)) == (4, 4)


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("char", NOT_BREAKS, ids=["NEL", "LS", "PS"])
def test_values_keep_them_as_written(char: str) -> None:
    text = f"plain: one{char}two\nquoted: \"a{char}b\"\nsingle: 'c{char}d'\nblock: |\n  e{char}f\n{char}key: 1\n"
    doc = parse(text)
    assert doc.problems == []
    assert doc.data == {
        "plain": f"one{char}two",
        "quoted": f"a{char}b",
        "single": f"c{char}d",
        "block": f"e{char}f\n",
        f"{char}key": 1,
    }


@pytest.mark.usefixtures("parser")
def test_a_syntax_error_after_them_is_at_its_line() -> None:
    text = "a: \u2028\u2029\x85\nb: [1, 2\nc: 3\n"
    assert [(p.line, p.col) for p in parse(text).problems] == [(3, 2)]


@pytest.mark.usefixtures("parser")
def test_private_use_characters_beside_them_are_not_mistaken_for_them() -> None:
    text = "a: \ue000\ue001\ue002\u2028\ue003\n"
    assert parse(text).data == {"a": "\ue000\ue001\ue002\u2028\ue003"}


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_a_control_character_is_at_its_line_whatever_ends_the_lines(ending: str) -> None:
    text = ending.join(["a: 1", "b: \u2028", "c: x\x07"]) + ending
    assert [(p.line, p.col, p.code) for p in parse(text).problems] == [(3, 5, "yaml-syntax")]


def test_check_reports_line_11_of_an_11_line_file_cold_and_warm(tracker: Tracker, run_cli: RunCli) -> None:
    """The issue's case: four separators in an 11-line file put its last line's problem at line 15."""
    tracker.write(
        "data/assessments/org-a.yaml",
        "organisation: org-a\n"
        "assessed: 2024-01-15\n"
        "assessments:\n"
        "  - recommendation: 1\n"
        "    rating: amber\n"
        "    position: Partly\u2028in place\u2029(see\x85the minutes).\n"
        "    evidence:\n"
        "      - Board minutes\u2028March\n"
        "  - recommendation: 2\n"
        "    rating: green\n"
        "    positon: In place.\n",
    )
    cold = run_cli("check", root=tracker.root)
    warm = run_cli("check", root=tracker.root)
    line = "data/assessments/org-a.yaml:11:5: error unknown-key unknown key 'positon' (did you mean 'position'?)"
    assert line in cold.stdout.split("\n")
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout) == (1, cold.stdout)
