"""`francis site --rev REV` where REV is ahead of the commit checked out: its history is REV's own.

A board tag is often pushed from another clone, or built by CI from a branch that is not the one
checked out; the register must still show every change up to the tag, not stop at HEAD.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..conftest import RunCli
from ..gitrepo import GitRepo, february
from .test_site import frontend  # noqa: F401  (the stand-in frontend, as a fixture)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(path: Path) -> str:
    page = _Text()
    page.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(page.parts).split())


@pytest.mark.usefixtures("frontend")
def test_a_tag_ahead_of_head_has_its_whole_history(repo: GitRepo, run_cli: RunCli, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "-b", "update")
    february(repo)
    repo.git("tag", "board-2024-02")
    repo.git("checkout", "-q", "main")
    out = tmp_path / "site"
    result = run_cli("site", "-o", str(out), "--rev", "board-2024-02", root=repo.root)
    assert result.exit_code == 0, result.stderr
    rec = _text(out / "recommendations" / "1.html")
    assert "In place and audited in January." in rec
    assert "rating amber → green" in rec and "February update" in rec
    action = _text(out / "actions" / "org-a" / "1.2.html")
    assert "92 days later" in action
    changes = (out / "data" / "changes.csv").read_text(encoding="utf-8")
    assert "February update" in changes or "2024-02-01" in changes
