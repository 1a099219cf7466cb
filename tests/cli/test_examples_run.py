"""The examples in the help of ``evidence``, ``signoff`` and check's of ``--as-of`` run as written
on the bundled tracker.

Why: an example is what a user copies first; one naming a file, a folder or a role the bundled
data lacks fails on the first try. Each is read from the command's own epilog, run against a copy
of the repository's tracker (its data, francis.yaml and the docs/ its paths point into), with
``--dry-run`` added where the command takes it, so that no example depends on another's edit.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from francis_cli.cli.app import Francis
from francis_cli.cli.usage import build

from ..conftest import RunCli

REPO = Path(__file__).resolve().parents[2]
COMMANDS = (("evidence",), ("evidence", "add"), ("evidence", "list"), ("signoff",))


def _command(path: tuple[str, ...]) -> Any:
    command = build(path[0], Francis.lazy[path[0]])
    for name in path[1:]:
        command = command.commands[name]
    return command


def _examples(epilog: str) -> list[str]:
    """The epilog's lines starting ``francis ``, each joined with the lines it continues onto (``\\``)."""
    found: list[str] = []
    carried = False
    for line in epilog.splitlines():
        text = line.strip()
        if carried:
            found[-1] = f"{found[-1][:-1].rstrip()} {text}"
        elif text.startswith("francis "):
            found.append(text)
        carried = bool(found) and found[-1].endswith("\\")
    return found


def _argv(example: str) -> list[str]:
    """The example's arguments after ``francis``, without a comment or an output redirection, and
    with ``--dry-run`` when the command it runs takes it."""
    words = shlex.split(example, comments=True)[1:]
    if ">" in words:
        words = words[: words.index(">")]
    command = build(words[0], Francis.lazy[words[0]])
    for word in words[1:]:
        if word not in getattr(command, "commands", {}):
            break
        command = command.commands[word]
    takes_dry_run = any("--dry-run" in getattr(p, "opts", ()) for p in command.params)
    return [*words, "--dry-run"] if takes_dry_run and "--dry-run" not in words else words


CASES = [(path, example) for path in COMMANDS for example in _examples(_command(path).epilog or "")]
CASES += [(("check",), e) for e in _examples(_command(("check",)).epilog or "") if "--as-of" in e]
"""And check's example of --as-of (its others need a remote, another tracker, or fail on warnings by design)."""


def test_every_command_has_examples_to_run() -> None:
    assert {path for path, _ in CASES} == {*COMMANDS, ("check",)}


@pytest.mark.parametrize(("path", "example"), CASES, ids=[example for _, example in CASES])
def test_the_example_runs_on_the_bundled_tracker(
    tmp_path: Path, run_cli: RunCli, path: tuple[str, ...], example: str
) -> None:
    """``path`` is the command whose help shows the example; the example may run one of its sub-commands."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "francis.yaml", root / "francis.yaml")
    argv = _argv(example)
    before = {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")}
    result = run_cli(*argv, root=root)
    assert (result.exit_code, result.stderr.count("Traceback")) == (0, 0), result.stderr
    assert result.stdout.strip() != ""
    if "--dry-run" in argv:
        assert {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")} == before
