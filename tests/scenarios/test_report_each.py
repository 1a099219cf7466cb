"""`francis report --each -o DIR`: one paper per organisation, each with only its own figures."""

from __future__ import annotations

from pathlib import Path

from ..conftest import RunCli, Tracker
from ..gitrepo import GitRepo

ORG_B = """\
organisation: org-b
assessments:
  - recommendation: 2
    rating: red
    position: Nothing yet.
"""


def test_each_writes_one_paper_per_organisation(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    tracker.write("data/assessments/org-b.yaml", ORG_B)
    folder = tmp_path / "papers" / "june"
    result = run_cli("report", "--each", "-o", str(folder), "--as-of", "2024-06-01", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["org-a.md", "org-b.md"]
    assert result.stderr.splitlines() == [
        f"wrote the markdown paper for org-a to {folder / 'org-a.md'}",
        f"wrote the markdown paper for org-b to {folder / 'org-b.md'}",
    ]
    a, b = ((folder / name).read_text(encoding="utf-8") for name in ("org-a.md", "org-b.md"))
    assert "### Organisation A" in a and "Organisation B" not in a
    assert "### Organisation B" in b and "Organisation A" not in b
    assert "Write the strategy" in a and "Write the strategy" not in b
    single = run_cli("report", "--org", "org-b", "--as-of", "2024-06-01", root=tracker.root)
    assert single.stdout == b  # the same paper --org gives


def test_each_in_html_with_org_and_movement(repo: GitRepo, run_cli: RunCli, tmp_path: Path) -> None:
    repo.git("tag", "board-2024-01")
    repo.write("data/assessments/org-b.yaml", ORG_B)
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    repo.commit("Update", "2024-02-01T10:00:00+00:00")
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli(
        "report",
        "--each",
        "--org",
        "org-b",
        "--since",
        "board-2024-01",
        "-f",
        "html",
        "-o",
        str(folder),
        root=repo.root,
    )
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["org-b.html"]
    html = (folder / "org-b.html").read_text(encoding="utf-8")
    assert "Recommendation 2, Second: newly assessed, Red (not met)" in html
    assert "Organisation A" not in html  # org-a's own movement belongs to org-a's paper


def test_each_needs_a_folder(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("report", "--each", root=tracker.root)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "francis: --each writes one paper per organisation: name their folder with -o DIR\n",
    )
    file = tmp_path / "paper.md"
    file.write_text("kept\n", encoding="utf-8")
    result = run_cli("report", "--each", "-o", str(file), root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        f"francis: -o {file}: not a folder; --each writes one paper per organisation into a folder\n",
    )
    assert file.read_text(encoding="utf-8") == "kept\n"
