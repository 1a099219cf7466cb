"""`francis check` (`cli.check`) as pre-commit runs it."""

from __future__ import annotations

from ruamel.yaml import YAML

from ..conftest import REPO


def test_pre_commit_hook_definition() -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [
        {
            "id": "francis-check",
            "name": "francis check",
            "description": "Validate the francis tracker (YAML, keys and values, references between files).",
            "entry": "francis check",
            "language": "python",
            "pass_filenames": False,
            "files": r"\.(ya?ml)$",
        }
    ]
