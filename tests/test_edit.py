"""Editing commands: exact diffs on the bundled files, byte-exact round trips, refusals, crashes, races."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from francis_cli.edit import actions, files, transaction
from francis_cli.errors import EditRefused
from francis_cli.tracker.corpus import load_tracker
from francis_cli.yamlio.splice import TextDoc

from .conftest import REPO, RunCli, Tracker

BUNDLED = sorted((REPO / "data").rglob("*.yaml"))


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's tracker, edited at a fixed date."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "francis.yaml", root / "francis.yaml")
    return root


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_parse_and_splice_nothing_gives_identical_bytes(path: Path) -> None:
    raw = path.read_bytes()
    assert TextDoc(raw.decode("utf-8")).result().encode("utf-8") == raw


EDITS = {
    "edit-action-add.diff": ["action", "add", "merton-ccg", "--section", "3", "--title",
                             "Review the SI process with the CSU", "--lead", "DoQ", "--lead", "CSU",
                             "--due", "Q3 2013/14", "--recommendation", "132"],
    "edit-action-update.diff": ["action", "update", "merton-ccg", "3.7", "--status", "in-progress",
                                "--due", "Sept 13"],
    "edit-action-note.diff": ["action", "note", "merton-ccg", "3.2", "Scoped with the CSU; options paper in July.",
                              "--date", "2013-06-01"],
    "edit-action-done.diff": ["action", "done", "merton-ccg", "1.5", "--date", "2013-06-28", "--note",
                              "Children's workshop held; joint plan agreed."],
    "edit-assess-update.diff": ["assess", "barnet-ccg", "141", "--rating", "amber", "--position",
                                "Quarterly meetings with CQC and Monitor agreed in June 2013; the first was held "
                                "on 20 June and the next is booked for September."],
    "edit-assess-new.diff": ["assess", "barnet-ccg", "145", "--rating", "red", "--position", "Not yet considered."],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_edit_changes_only_its_lines(name: str, bundled: Path, run_cli: RunCli,
                                          golden: Callable[[str, str], None]) -> None:  # fmt: skip
    before = {p: p.read_bytes() for p in bundled.rglob("*.yaml")}
    dry = run_cli(*EDITS[name], "--dry-run", root=bundled)
    assert dry.exit_code == 0, dry.stderr
    golden(name, dry.stdout)
    assert {p: p.read_bytes() for p in bundled.rglob("*.yaml")} == before  # --dry-run writes nothing
    done = run_cli(*EDITS[name], root=bundled)
    assert done.exit_code == 0, done.stderr
    changed = [p for p in before if p.read_bytes() != before[p]]
    assert len(changed) == 1
    rel = changed[0].relative_to(bundled).as_posix()
    assert done.stdout == f"updated {rel}\n"
    assert files.FileChange(rel, before[changed[0]], changed[0].read_bytes()).diff() == dry.stdout
    assert run_cli("check", root=bundled).exit_code == 0


def test_next_free_id_in_the_section(bundled: Path, run_cli: RunCli) -> None:
    for expected in ("3.8", "3.9"):
        result = run_cli("action", "add", "merton-ccg", "--section", "3", "--title", "x", "--lead", "DoQ",
                         "--due", "2013-12", root=bundled)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        text = (bundled / "data/workplan/merton-ccg.yaml").read_text()
        assert f'      - id: "{expected}"\n        title: x\n' in text


def test_crlf_and_bom_are_kept(tracker: Tracker, run_cli: RunCli) -> None:
    path = tracker.root / "data/workplan/org-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run_cli("action", "note", "org-a", "1.2", "Budget paper drafted.", "--date", "2024-02-01",
                     root=tracker.root)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    expected = text.replace('        due: 2024-Q2\n', '        due: 2024-Q2\n        progress:\n'
                            '          - date: 2024-02-01\n            note: Budget paper drafted.\n')  # fmt: skip
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()


def test_invalid_edit_is_refused_and_nothing_is_touched(bundled: Path, run_cli: RunCli) -> None:
    path = bundled / "data/workplan/merton-ccg.yaml"
    raw, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = run_cli("action", "update", "merton-ccg", "3.2", "--lead", "Chiar", root=bundled)
    assert result.exit_code == 1
    assert result.stderr == (
        "francis: edit refused: it would add 1 error to the tracker; nothing written\n"
        "data/workplan/merton-ccg.yaml:164:15: error unknown-role 'merton-ccg' has no role 'Chiar' "
        "(roles are listed in data/organisations.yaml) (did you mean 'Chair'?)\n")  # fmt: skip
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (raw, mtime)
    assert sorted(p.name for p in path.parent.iterdir()) == ["merton-ccg.yaml"]


def test_unknown_action_and_bad_due_are_usage_errors(bundled: Path, run_cli: RunCli) -> None:
    result = run_cli("action", "note", "merton-ccg", "9.9", "x", root=bundled)
    assert result.exit_code == 2
    assert result.stderr.startswith("francis: 'merton-ccg' has no action '9.9' (its actions: 1.1, 1.2,")
    result = run_cli("action", "update", "merton-ccg", "3.2", "--due", "when pigs fly", root=bundled)
    assert result.exit_code == 2
    assert "cannot read a date in 'when pigs fly'" in result.stderr


def test_crash_before_rename_leaves_the_old_file(bundled: Path, run_cli: RunCli,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    path = bundled / "data/workplan/merton-ccg.yaml"
    raw = path.read_bytes()

    real = os.replace

    def crash(src: str, dst: str) -> None:
        if str(dst).endswith("merton-ccg.yaml"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    result = run_cli("action", "done", "merton-ccg", "2.4", "--date", "2013-06-01", root=bundled)
    assert result.exit_code == 2  # the user's problem (a full disk), said in one line: not a bug in francis
    assert result.stderr.startswith("francis: cannot write ") and result.stderr.count("\n") == 1
    assert "No space left on device" in result.stderr
    assert path.read_bytes() == raw
    assert sorted(p.name for p in path.parent.iterdir()) == ["merton-ccg.yaml"]


def test_killed_between_write_and_rename(bundled: Path, run_cli: RunCli) -> None:
    """A process killed after writing its temp file: the old file is whole, `check` ignores the
    leftover temp file, and the dead process's lock does not block the next edit."""
    path = bundled / "data/workplan/merton-ccg.yaml"
    raw = path.read_bytes()
    script = ("import os, signal, sys\n"
              "real = os.replace\n"
              "os.replace = lambda a, b: os.kill(os.getpid(), signal.SIGKILL) if str(b).endswith('merton-ccg.yaml') "
              "else real(a, b)\n"
              "from francis_cli.cli import main\n"
              "sys.argv = ['francis', '--root', sys.argv[1], 'action', 'done', 'merton-ccg', '2.4',\n"
              "            '--date', '2013-06-01']\n"
              "main()\n")  # fmt: skip
    proc = subprocess.run([sys.executable, "-c", script, str(bundled)], capture_output=True, check=False)
    assert proc.returncode == -9
    assert path.read_bytes() == raw
    leftovers = sorted(p.name for p in path.parent.iterdir() if p.name != "merton-ccg.yaml")
    assert len(leftovers) == 2 and all(n.startswith(".merton-ccg.yaml.") for n in leftovers)  # temp file, lock
    check = run_cli("check", root=bundled)
    assert check.exit_code == 0 and ".merton-ccg.yaml" not in check.stdout + check.stderr
    again = run_cli("action", "done", "merton-ccg", "2.4", "--date", "2013-06-01", root=bundled)
    assert again.exit_code == 0, again.stderr


def test_two_concurrent_edits_one_wins(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read the file before either writes: one writes, the other reports the conflict."""
    barrier = threading.Barrier(2)
    real_plan = transaction.plan

    def plan_then_wait(root: Path, changes: list[files.FileChange]) -> list[files.FileChange]:
        result = real_plan(root, changes)
        barrier.wait()
        return result

    monkeypatch.setattr(transaction, "plan", plan_then_wait)
    outcomes: list[str] = []

    def note(text: str) -> None:
        corpus = load_tracker(bundled)
        change = actions.edit_action(bundled, corpus, "merton-ccg", "3.2", {}, [{"date": "2013-06-01", "note": text}])
        try:
            transaction.run(bundled, [change])
            outcomes.append("written")
        except EditRefused as err:
            outcomes.append(str(err))

    threads = [threading.Thread(target=note, args=(t,)) for t in ("first", "second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[-1] == "written"
    assert sorted(outcomes)[0] in (
        "data/workplan/merton-ccg.yaml changed on disk since it was read; nothing written (run the command again)",
        "merton-ccg.yaml is being edited by another francis process (lock file .merton-ccg.yaml.lock); "
        "try again, or delete the lock file if no edit is running",
    )
    text = (bundled / "data/workplan/merton-ccg.yaml").read_text()
    assert ("note: first" in text) != ("note: second" in text)


def test_file_changed_on_disk_is_not_overwritten(bundled: Path) -> None:
    change = actions.edit_action(bundled, load_tracker(bundled), "merton-ccg", "3.2", {"status": "in-progress"})
    path = bundled / "data/workplan/merton-ccg.yaml"
    path.write_bytes(path.read_bytes() + b"# edited by hand meanwhile\n")
    with pytest.raises(EditRefused, match="changed on disk since it was read"):
        transaction.run(bundled, [change])
    assert path.read_bytes().endswith(b"# edited by hand meanwhile\n")


def test_a_held_lock_is_a_conflict(bundled: Path, run_cli: RunCli) -> None:
    with transaction.lock(bundled / "data/workplan/merton-ccg.yaml"):
        result = run_cli("action", "note", "merton-ccg", "3.2", "x", "--date", "2013-06-01", root=bundled)
    assert result.exit_code == 1
    assert "is being edited by another francis process" in result.stderr
    assert not (bundled / "data/workplan/.merton-ccg.yaml.lock").exists()


def test_assess_with_editor_and_file(bundled: Path, run_cli: RunCli, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'w').write('Written in the editor.\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert run_cli("assess", "barnet-ccg", "142", "--edit", root=bundled).exit_code == 0
    text = (bundled / "data/assessments/barnet-ccg.yaml").read_text()
    assert "    position: >\n      Written in the editor.\n  - recommendation: 143" in text
    position = tmp_path / "p.txt"
    position.write_text("From a file.\n\nSecond paragraph.\n")
    assert run_cli("assess", "barnet-ccg", "142", "--position-file", str(position), root=bundled).exit_code == 0
    text = (bundled / "data/assessments/barnet-ccg.yaml").read_text()
    assert "    position: >\n      From a file.\n\n      Second paragraph.\n  - recommendation: 143" in text


def test_assess_creates_the_file_when_there_is_none(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("assess", "org-b", "3", "--rating", "green", "--position", "Done: see minutes.", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "created data/assessments/org-b.yaml\n"
    assert (tracker.root / "data/assessments/org-b.yaml").read_text() == (
        'organisation: org-b\nassessments:\n  - recommendation: 3\n    rating: green\n'
        '    position: "Done: see minutes."\n')  # fmt: skip


@pytest.mark.parametrize("value", ["plain", "3.10", "yes", "a: b", "# not a comment", "- dash", "'quoted'",
                                   "x" * 150, "two\nlines", "para one\n\npara two\n", "  indented", "", "null",
                                   "trailing ", "tab\there", "[flow]", "é – “quotes”", "\u2028"])  # fmt: skip
def test_rendered_scalars_read_back(value: str) -> None:
    doc = TextDoc("a:\n  - k: old\n    n: 1\n")
    doc.set(("a", 0), "k", value)
    doc.set(("a", 0), "new", value, ("k", "new", "n"))
    from francis_cli.yamlio import read as yamlio

    assert yamlio.parse(doc.result()).data == {"a": [{"k": value, "new": value, "n": 1}]}
