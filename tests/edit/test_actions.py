"""Workplan edits (`edit.actions`): the next free id, line endings kept, unknown actions and dates refused."""

from __future__ import annotations

from pathlib import Path

from ..conftest import RunCli, Tracker


def test_next_free_id_in_the_section(bundled: Path, run_cli: RunCli) -> None:
    for expected in ("3.8", "3.9"):
        result = run_cli(
            "action",
            "add",
            "merton-ccg",
            "--section",
            "3",
            "--title",
            "x",
            "--lead",
            "DoQ",
            "--due",
            "2013-12",
            root=bundled,
        )
        assert result.exit_code == 0, result.stderr
        text = (bundled / "data/workplan/merton-ccg.yaml").read_text()
        assert f'      - id: "{expected}"\n        title: x\n' in text


def test_crlf_and_bom_are_kept(tracker: Tracker, run_cli: RunCli) -> None:
    path = tracker.root / "data/workplan/org-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run_cli(
        "action", "note", "org-a", "1.2", "Budget paper drafted.", "--date", "2024-02-01", root=tracker.root
    )
    assert result.exit_code == 0, result.stderr
    expected = text.replace(
        "        due: 2024-Q2\n",
        "        due: 2024-Q2\n        progress:\n"
        "          - date: 2024-02-01\n            note: Budget paper drafted.\n",
    )
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()


def test_unknown_action_and_bad_due_are_usage_errors(bundled: Path, run_cli: RunCli) -> None:
    result = run_cli("action", "note", "merton-ccg", "9.9", "x", root=bundled)
    assert result.exit_code == 2
    assert result.stderr.startswith("francis: 'merton-ccg' has no action '9.9' (its actions: 1.1, 1.2,")
    result = run_cli("action", "update", "merton-ccg", "3.2", "--due", "when pigs fly", root=bundled)
    assert result.exit_code == 2
    assert "cannot read a date in 'when pigs fly'" in result.stderr
