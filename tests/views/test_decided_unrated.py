"""A decision recorded before any rating (decided, not yet assessed): counted as a decision and as
not assessed by every output, never printed as "None", never a crash."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ..conftest import RunCli
from ..gitrepo import GitRepo

A = "data/assessments/org-a.yaml"
DECIDED = """\
  - recommendation: 3
    decision: accepted-in-part
    decided: 2024-02-01
    decided_by: Governing Body
    reason: Only the audit part.
"""
AS_OF = ("--as-of", "2024-06-01")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The base tracker (1 amber, 2 green) and recommendation 3 decided, not yet rated, committed."""
    r = GitRepo(tmp_path / "repo")
    r.base()
    text = (r.root / A).read_text(encoding="utf-8")
    (r.root / A).write_text(text + DECIDED, encoding="utf-8", newline="")
    r.commit("Decision on recommendation 3", "2024-02-02T10:00:00+00:00")
    return r


@pytest.fixture
def frontend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in for the NHS.UK frontend's dist/ folder (the site copies its files)."""
    folder = tmp_path / "nhsuk-frontend" / "dist" / "nhsuk"
    (folder / "assets" / "images").mkdir(parents=True)
    for name in ("nhsuk-frontend.min.css", "nhsuk-frontend-10.6.1.min.css"):
        (folder / name).write_text(".x{}\n", encoding="utf-8")
    for name in ("nhsuk-icon-tick.svg", "favicon.svg"):
        (folder / "assets" / "images" / name).write_text("<svg/>", encoding="utf-8")
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(folder.parent))


def _ok(run_cli: RunCli, root: Path, *args: str) -> str:
    result = run_cli(*args, root=root)
    assert result.exit_code == 0, result.stderr
    assert "None" not in result.stdout.replace("None recorded", ""), result.stdout
    return result.stdout


def test_check_accepts_it_and_asks_no_position(repo: GitRepo, run_cli: RunCli) -> None:
    result = run_cli("check", root=repo.root)
    assert result.exit_code == 0 and "no problems" in result.stderr, result.stderr


def test_status_counts_it_as_not_assessed_and_counts_its_decision(repo: GitRepo, run_cli: RunCli) -> None:
    for _ in range(2):  # cold, then from the snapshot: the same figures
        table = " ".join(_ok(run_cli, repo.root, "status", "--org", "org-a", *AS_OF).split())
        assert "Candour 0 0 0 0 1 0 1" in table and "Total 0 1 1 0 1 0 3" in table, table
        assert "Decisions: 1 accepted in part." in table
        data = json.loads(_ok(run_cli, repo.root, "status", "--org", "org-a", *AS_OF, "--format", "json"))
        (t,) = data["tables"]
        total = next(r for r in t["rows"] if r["key"] == "candour")["counts"]
        assert (total["not-assessed"], total["total"]) == (1, 1)
        assert t["assurance"]["assessed"] == 2
        sheet = _ok(run_cli, repo.root, "status", "--org", "org-a", *AS_OF, "-f", "csv")
        row = next(r for r in csv.DictReader(io.StringIO(sheet)) if r["key"] == "total")
        assert (row["not-assessed"], row["decision-accepted-in-part"], row["assessed"]) == ("1", "1", "2")


def test_show_says_not_yet_assessed_with_the_decision(repo: GitRepo, run_cli: RunCli) -> None:
    out = _ok(run_cli, repo.root, "show", "3")
    assert "Organisation A: not yet assessed\n" in out
    assert "Decision: accepted in part (Governing Body, 2024-02-01): Only the audit part." in " ".join(out.split())


def test_overdue_and_history(repo: GitRepo, run_cli: RunCli) -> None:
    assert "Overdue on 2024-06-01" in _ok(run_cli, repo.root, "overdue", *AS_OF)
    out = _ok(run_cli, repo.root, "history", "3")
    assert "decision: accepted-in-part" in out and "rating" not in out, out


def test_the_paper_lists_the_decision_and_not_the_rating(repo: GitRepo, run_cli: RunCli, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    _ok(run_cli, repo.root, "report", "--org", "org-a", *AS_OF, "-o", str(paper))
    text = paper.read_text(encoding="utf-8")
    assert "2 of 3 recommendations assessed" in text and "1 not yet assessed" in text
    assert "| 3 | Third | Accepted in part | Only the audit part. | 1 February 2024 | Governing Body |" in text
    assert "Assurance of the 2 recommendations assessed" in text
    assert "| 3 | Third | The third recommendation." not in text  # appendix A: assessed ones only
    assert "Unrated" not in text
    html = tmp_path / "paper.html"
    _ok(run_cli, repo.root, "report", "--org", "org-a", *AS_OF, "-f", "html", "-o", str(html))
    page = html.read_text(encoding="utf-8")
    assert "Accepted in part" in page and "Unrated" not in page and ">None<" not in page


def test_the_site_shows_it_as_not_assessed_with_its_decision(
    repo: GitRepo, run_cli: RunCli, tmp_path: Path, frontend: None
) -> None:
    out = tmp_path / "site"
    _ok(run_cli, repo.root, "site", "-o", str(out), *AS_OF)
    page = " ".join((out / "recommendations" / "3.html").read_text(encoding="utf-8").split())
    assert "Not assessed" in page and "Accepted in part by Governing Body on 1 February 2024" in page
    assert "None</" not in page and "assessed 15 January 2024" not in page
    rows = list(csv.DictReader((out / "data" / "assessments.csv").open(encoding="utf-8")))
    three = next(r for r in rows if r["recommendation"] == "3")
    assert (three["rating"], three["decision"], three["assessed"]) == ("", "accepted-in-part", "")


def test_diff_sees_it_rated_as_newly_assessed(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(A, "  - recommendation: 3\n", "  - recommendation: 3\n    rating: red\n    position: Not yet.\n")
    repo.commit("Recommendation 3 rated", "2024-03-01T10:00:00+00:00")
    data = json.loads(_ok(run_cli, repo.root, "diff", "HEAD~1", "HEAD", "--format", "json"))
    (org,) = data["organisations"]
    assert [(a["recommendation"], a["rating"]) for a in org["assessed"]] == [(3, "red")]
    assert org["unassessed"] == [] and org["ratings"] == []
    back = json.loads(_ok(run_cli, repo.root, "diff", "HEAD", "HEAD~1", "--format", "json"))
    assert [(a["recommendation"], a["rating"]) for a in back["organisations"][0]["unassessed"]] == [(3, "red")]


def test_export_leaves_the_rating_empty_and_import_reads_it_back(
    repo: GitRepo, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "a.csv"
    _ok(run_cli, repo.root, "export", "assessments", "-o", str(sheet))
    rows = list(csv.DictReader(sheet.open(encoding="utf-8-sig")))
    three = next(r for r in rows if r["Rec no"] == "3")
    assert (three["RAG"], three["Decision"], three["Reason"]) == ("", "accepted-in-part", "Only the audit part.")
    _ok(run_cli, repo.root, "import", "assessments", str(sheet), "--org", "org-a")
    assert run_cli("check", root=repo.root).exit_code == 0
    assert "  - recommendation: 3\n    decision: accepted-in-part\n" in (repo.root / A).read_text(encoding="utf-8")
