"""`francis report`'s options (`cli.report`): usage errors in one line, the cover overridden, output atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker
from ..papers import AS_OF


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--template", "../secret.md.j2"],
            "--template: '../secret.md.j2' must be a file name inside the templates/ folder",
        ),
        (
            ["--template", "report.html.j2"],
            "--template: a markdown template's name ends with .md.j2 (got 'report.html.j2')",
        ),
        (["--template", "nope.md.j2"], "template 'nope.md.j2' not found in templates/ or in francis's defaults"),
        (["--date", "27/06/2024"], "--date: '27/06/2024' is not a date written YYYY-MM-DD"),
        (["--org", "org-c"], "no organisation 'org-c' (did you mean 'org-b', 'org-a'?)"),
    ],
)
def test_usage_errors(paper: Tracker, run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli("report", *args, root=paper.root)
    assert (result.exit_code, result.stderr) == (2, f"francis: {message}\n")


def test_options_override_cover_and_output_is_atomic(paper: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out" / "paper.md"
    result = run_cli(
        "report",
        "--org",
        "org-a",
        "--as-of",
        AS_OF,
        "--meeting",
        "Board | part 1",
        "--date",
        "2024-07-04",
        "--title",
        "Francis: annual report",
        "-o",
        str(out),
        root=paper.root,
    )
    assert (result.exit_code, result.stdout) == (0, "")
    text = out.read_text(encoding="utf-8")
    for row in ("| Meeting | Board \\| part 1 |\n", "| Date | 4 July 2024 |\n", "| Title | Francis: annual report |\n"):
        assert row in text
    assert "Organisation B" not in text
    before = out.stat().st_mtime_ns
    run_cli(
        "report",
        "--org",
        "org-a",
        "--as-of",
        AS_OF,
        "--meeting",
        "Board | part 1",
        "--date",
        "2024-07-04",
        "--title",
        "Francis: annual report",
        "-o",
        str(out),
        root=paper.root,
    )
    assert out.stat().st_mtime_ns == before
    assert [p.name for p in out.parent.iterdir()] == ["paper.md"]


@pytest.mark.parametrize(
    ("name", "args", "starts"),
    [
        ("paper.html", [], "<!DOCTYPE html>"),
        ("paper.HTM", [], "<!DOCTYPE html>"),
        ("paper.md", [], "# "),
        ("paper.txt", [], "# "),
        ("paper.html", ["--format", "markdown"], "# "),  # --format is never overruled
    ],
)
def test_the_file_name_chooses_the_format_when_format_is_not_given(
    paper: Tracker, run_cli: RunCli, tmp_path: Path, name: str, args: list[str], starts: str
) -> None:
    out = tmp_path / name
    result = run_cli("report", "--as-of", AS_OF, "-o", str(out), *args, root=paper.root)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith(starts)
    kind = "html" if starts.startswith("<") else "markdown"
    assert f"wrote the {kind} paper to {out}" in result.stderr
