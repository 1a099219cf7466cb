"""Shell completion, as gh, ruff and uv offer it: commands, options and their choices complete."""

from __future__ import annotations

import os
import subprocess
import sys


def _complete(words: str) -> list[str]:
    env = {
        **os.environ,
        "_FRANCIS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    out = subprocess.run([sys.executable, "-m", "francis_cli"], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_commands_and_choices_complete() -> None:
    assert _complete("francis sta") == ["status"]
    assert _complete("francis status --by ") == ["theme", "organisation", "rating", "lead"]
    assert "add" in _complete("francis action ")


def test_the_completion_script_is_offered() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "francis_cli", "--show-completion", "bash"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0
    assert "_FRANCIS_COMPLETE=complete_bash" in out.stdout
