"""Any text through every edit command that takes text: it is stored so that the tracker reads it
back exactly (as the command says it tidies it: a note trimmed, a position's lines joined), or the
edit is refused cleanly: exit 2 on one line for text that is not UTF-8, exit 1 or 2 with a line
for what the tracker cannot hold. Never exit 3, never a traceback, never "does not read back".

Hypothesis draws from all of Unicode (unpaired surrogates, which is how Python hands on argv
bytes that are not UTF-8, among them), with controls, line and paragraph separators, byte-order
marks, tabs, spaces at either end, CRs and YAML's indicators mixed in. In-process for speed; the
path of real argv bytes that are not UTF-8 is also run through real processes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from francis_cli.cli import app
from francis_cli.edit.assessments import tidy_position
from francis_cli.tracker.corpus import Corpus, load_tracker

from ..conftest import ASSESSMENT, CATALOGUE, CONFIG, ORGANISATIONS, WORKPLAN, Tracker

PIECES = [
    *("- ", ": ", "#", " #", "&a", "*a", "!", "!!str ", "|", ">", "|-", ">+", "'", '"', "''", "\\", "%", "@", "`"),
    *("{", "}", "[", "]", ",", "?", "? ", "---", "...", "~", "null", "true", "no", "0o17", "1e3", "3.10", ".inf"),
    *("2024-01-01", "<<", "=", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"),
    *("\ufeff", "\x00", "\x07", "\x1b[31m", "\x7f", "\x9b", "\u202e", "\ufffe", "\uffff", "\U0001f600"),
    *("\ud800", "\udcff", "é", "日本", "\u0301", "\u00a0", "\u3000"),
]
"""What YAML, terminals and parsers treat specially, to mix into arbitrary text."""
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=()), max_size=4)), max_size=10
).map("".join)
PROBLEM = re.compile(r"^\S.*:\d+:\d+: (error|warning) [a-z-]+ .+$")
SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _action(corpus: Corpus, action_id: str) -> Any:
    return next(e.model for e in corpus.actions if e.organisation == "org-a" and e.model.id == action_id)


def _newest(corpus: Corpus) -> Any:
    return [e.model for e in corpus.actions if e.organisation == "org-a"][-1]


def _position(n: int) -> Callable[[Corpus], Any]:
    return lambda corpus: next(e.model.position for e in corpus.assessments if e.model.recommendation == n)


@dataclass(frozen=True)
class Edit:
    """An edit command with TEXT in one place, where the tracker keeps it, and how it tidies it."""

    argv: tuple[str, ...]
    stored: Callable[[Corpus], Any]
    tidy: Callable[[str], Any] = lambda text: text


def _strip(text: str) -> str:
    return text.strip()


EDITS = {
    "assess --position": Edit(("assess", "org-a", "1", "--position", "TEXT"), _position(1), tidy_position),
    "assess --position-file": Edit(
        ("assess", "org-a", "2", "--position-file", "FILE"),
        _position(2),
        lambda text: tidy_position(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")),
    ),
    "assess (new) --position": Edit(
        ("assess", "org-a", "3", "--rating", "red", "--position", "TEXT"), _position(3), tidy_position
    ),
    "add --title": Edit(("action", "add", "org-a", "--section", "1", "--title", "TEXT"), lambda c: _newest(c).title),
    "add --outcome": Edit(
        ("action", "add", "org-a", "--section", "1", "--title", "T", "--outcome", "TEXT"), lambda c: _newest(c).outcome
    ),
    "add --timeline": Edit(
        ("action", "add", "org-a", "--section", "1", "--title", "T", "--timeline", "TEXT"),
        lambda c: _newest(c).timeline,
        lambda text: text.strip() or None,
    ),
    "add --lead": Edit(("action", "add", "org-a", "--section", "1", "--title", "T", "--lead", "TEXT"), lambda c: None),
    "add --id": Edit(("action", "add", "org-a", "--section", "1", "--title", "T", "--id", "TEXT"), lambda c: None),
    "add --section": Edit(("action", "add", "org-a", "--section", "TEXT", "--title", "T"), lambda c: None),
    "update --title": Edit(("action", "update", "org-a", "1.1", "--title", "TEXT"), lambda c: _action(c, "1.1").title),
    "update --outcome": Edit(
        ("action", "update", "org-a", "1.1", "--outcome", "TEXT"), lambda c: _action(c, "1.1").outcome
    ),
    "update --timeline": Edit(
        ("action", "update", "org-a", "1.1", "--timeline", "TEXT"),
        lambda c: _action(c, "1.1").timeline,
        lambda text: text.strip() or None,
    ),
    "note": Edit(
        ("action", "note", "org-a", "1.1", "TEXT", "--date", "2024-02-01"),
        lambda c: _action(c, "1.1").progress[-1].note,
        _strip,
    ),
    "note --by": Edit(
        ("action", "note", "org-a", "1.1", "Drafted.", "--by", "TEXT", "--date", "2024-02-01"),
        lambda c: _action(c, "1.1").progress[-1].by,
    ),
    "done --note": Edit(
        ("action", "done", "org-a", "1.2", "--date", "2024-02-01", "--note", "TEXT"),
        lambda c: next((p.note for p in _action(c, "1.2").progress[-1:]), None),
        lambda text: text.strip() if text else None,  # --note '' is no note
    ),
}
"""``add --lead``, ``--id`` and ``--section`` name things: they land or are refused, never stored otherwise."""
NAMES = {"add --lead", "add --id", "add --section"}


def _tracker(folder: Path) -> Tracker:
    t = Tracker(folder)
    t.write("francis.yaml", CONFIG)
    t.write("data/recommendations/test-set.yaml", CATALOGUE)
    t.write("data/organisations.yaml", ORGANISATIONS)
    t.write("data/assessments/org-a.yaml", ASSESSMENT)
    t.write("data/workplan/org-a.yaml", WORKPLAN)
    return t


def _clean_refusal(code: int, stdout: str, stderr: str) -> None:
    """Exit 1 or 2, nothing on stdout, a ``francis:`` line and, for an edit refused, its problem lines."""
    assert code in (1, 2), (code, stderr)
    assert stdout == "", stdout
    first, *rest = stderr.splitlines()
    assert first.startswith("francis: "), stderr
    assert "read back" not in stderr and "internal error" not in stderr and "Traceback" not in stderr, stderr
    if code == 2:
        assert rest == [], stderr
    else:
        assert first.startswith("francis: edit refused: it would add"), stderr
        assert rest and all(PROBLEM.match(line) for line in rest), stderr


def _check(name: str, text: str) -> None:
    edit = EDITS[name]
    with tempfile.TemporaryDirectory(prefix="francis-text-") as tmp:
        root = _tracker(Path(tmp) / "tracker").root
        before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
        given = Path(tmp) / "position.txt"  # a file's bytes: text's, surrogates as WTF-8 (not UTF-8)
        given.write_bytes(text.encode("utf-8", "surrogatepass"))
        argv = ["--root", str(root), *({"TEXT": text, "FILE": str(given)}.get(a, a) for a in edit.argv)]
        result = CliRunner().invoke(app, argv, env={"NO_COLOR": "1", "COLUMNS": "80", "FRANCIS_ROOT": None})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        if result.exit_code != 0:
            _clean_refusal(result.exit_code, result.stdout, result.stderr)
            assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
            if re.search("[\ud800-\udfff]", text):
                assert result.exit_code == 2 and "not UTF-8 text" in result.stderr, result.stderr
            return
        assert not re.search("[\ud800-\udfff]", text), "text that is not UTF-8 was accepted"
        corpus = load_tracker(root, use_cache=False)
        assert [p for p in corpus.problems if p.severity == "error"] == [], corpus.problems
        if name not in NAMES:
            assert edit.stored(corpus) == edit.tidy(text)


@pytest.mark.parametrize("name", sorted(EDITS))
@SETTINGS
@given(text=TEXT)
def test_any_text_reads_back_exactly_or_is_refused_cleanly(name: str, text: str) -> None:
    _check(name, text)


@pytest.mark.parametrize(
    "text",
    [
        "- item",
        "key: value",
        "# not a comment",
        "&anchor *alias",
        "! tag",
        "| block",
        "> folded",
        "'single' \"double\"",
        "\ufeffBOM first",
        "tab\tinside",
        "  spaces at both ends  ",
        "NEL\x85LS\u2028PS\u2029",
        "bell\x07 escape\x1b[2J del\x7f c1\x9b",
        "line one\r\nline two\rthree",
        "null",
        "3.10",
        "\u202eevil",
    ],
)
@pytest.mark.parametrize("name", ["add --title", "note", "update --outcome", "assess --position", "note --by"])
def test_text_yaml_and_terminals_treat_specially(name: str, text: str) -> None:
    _check(name, text)


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["action", "note", "org-a", "1.1", b"caf\xe9", "--date", "2024-02-01"], "TEXT"),
        (["action", "add", "org-a", "--section", "1", "--title", b"\xff\xfe"], "--title"),
        (["action", "update", "org-a", "1.1", "--outcome", b"half \xed\xa0\x80 a surrogate"], "--outcome"),
        (["assess", "org-a", "1", "--position", b"\xc3"], "--position"),
        (["action", "done", "org-a", "1.2", "--note", b"\x80"], "--note"),
    ],
)
def test_argv_bytes_that_are_not_utf8_are_a_usage_error(tmp_path: Path, argv: list[Any], option: str) -> None:
    root = _tracker(tmp_path / "tracker").root
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    bad = next(a for a in argv if isinstance(a, bytes))
    command = [sys.executable, "-m", "francis_cli", "--root", str(root), *(os.fsencode(a) for a in argv)]
    env = {k: v for k, v in os.environ.items() if k != "FRANCIS_ROOT"}
    result = subprocess.run(command, capture_output=True, env={**env, "NO_COLOR": "1"}, check=False)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == f"francis: {option}: {bad!r} is not UTF-8 text\n".encode()
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
