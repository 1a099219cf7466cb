"""`francis assess` (`cli.assess`): the position from an editor or from a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..conftest import RunCli


def test_assess_with_editor_and_file(
    bundled: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
