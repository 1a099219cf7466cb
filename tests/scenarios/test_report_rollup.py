"""`francis report --by organisation`: the roll-up paper, as Markdown, HTML and PDF, its golden files, the
options it refuses, and axe-core's audit of a roll-up of many organisations in a real browser."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ..conftest import CATALOGUE, RunCli, Tracker
from ..papers import AS_OF
from .test_report_audit import DESKTOP, PHONE, SMALLEST_TEXT, _missing, at, audit, readable
from .test_report_browser import needs_poppler, needs_weasyprint

MANY = 15


def test_markdown_golden(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--by", "organisation", "--as-of", AS_OF, root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-rollup.md", result.stdout)
    assert "## Appendix" not in result.stdout and "`francis report --org ID`" in result.stdout


def test_html_golden(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--by", "organisation", "--as-of", AS_OF, "-f", "html", root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-rollup.html", result.stdout)
    html = result.stdout
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2  # one per organisation
    assert '<desc id="rollup-org-b-desc">Recommendations by rating, Organisation B: 3 in all; 3 not assessed.' in html
    assert "Appendix" not in html


def test_default_is_still_the_full_paper(paper: Tracker, run_cli: RunCli) -> None:
    full = run_cli("report", "--as-of", AS_OF, root=paper.root)
    rollup = run_cli("report", "--by", "organisation", "--as-of", AS_OF, root=paper.root)
    assert "## Appendix A" in full.stdout and full.stdout != rollup.stdout


def test_written_with_o(paper: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "rollup.html"
    result = run_cli("report", "--by", "organisation", "-f", "html", "-o", str(out), "--as-of", AS_OF, root=paper.root)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"wrote the html roll-up paper of 2 organisations to {out}\n"
    assert 'Organisation B <span class="id muted">(org-b)</span>' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "extra,words",
    [
        (["--each", "-o", "papers"], "--by organisation writes one roll-up paper of every organisation; it cannot"),
        (["--since", "HEAD"], "--since cannot be used with --by organisation"),
        (["--trend", "board-*"], "--trend cannot be used with --by organisation"),
    ],
)
def test_refused_combinations(paper: Tracker, run_cli: RunCli, tmp_path: Path, extra: list[str], words: str) -> None:
    out = tmp_path / "x.md"
    args = ["report", "--by", "organisation", *extra] + ([] if "-o" in extra else ["-o", str(out)])
    result = run_cli(*args, root=paper.root)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"francis: {words}") and result.stderr.count("\n") == 1
    assert not out.exists() and not (paper.root / "papers").exists()


def test_unknown_by_is_a_usage_error(paper: Tracker, run_cli: RunCli) -> None:
    result = run_cli("report", "--by", "theme", root=paper.root)
    assert result.exit_code == 2 and "theme" in result.stderr


def test_own_template_overrides(paper: Tracker, run_cli: RunCli) -> None:
    paper.write(
        "templates/rollup.md.j2", "{% for o in report.organisations %}{{ o.line.id }}={{ o.line.done }};{% endfor %}"
    )
    result = run_cli("report", "--by", "organisation", "--as-of", AS_OF, root=paper.root)
    assert (result.exit_code, result.stdout) == (0, "org-a=1;org-b=0;")


def many(root: Path) -> Tracker:
    """A tracker of MANY organisations, every other one with an assessment and a late action."""
    t = Tracker(root)
    t.write("francis.yaml", "default_set: test-set\n")
    t.write("data/recommendations/test-set.yaml", CATALOGUE)
    t.write(
        "data/organisations.yaml",
        "organisations:\n" + "".join(f"  - id: o{i:02d}\n    name: NHS Trust {i:02d}\n" for i in range(MANY)),
    )
    for i in range(0, MANY, 2):
        rating = ("red", "amber", "green", "blue")[i % 4]
        t.write(
            f"data/assessments/o{i:02d}.yaml",
            f"organisation: o{i:02d}\nassessments:\n  - recommendation: 1\n    rating: {rating}\n    position: Yes.\n"
            "  - recommendation: 3\n    applicable: false\n    reason: National.\n",
        )
        t.write(
            f"data/workplan/o{i:02d}.yaml",
            f'organisation: o{i:02d}\nactions:\n  - id: "1"\n    title: Do it\n    due: 2024-0{1 + i % 5}\n',
        )
    return t


@needs_weasyprint
@needs_poppler
def test_pdf_of_many(run_cli: RunCli, tmp_path: Path) -> None:
    t = many(tmp_path / "t")
    out = tmp_path / "rollup.pdf"
    result = run_cli("report", "--by", "organisation", "-f", "pdf", "-o", str(out), "--as-of", AS_OF, root=t.root)
    assert result.exit_code == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "15 organisations, each a row of the summary table" in text
    assert re.search(r"NHS Trust 13\s+0\s+0\s+0\s+0\s+0\s+0\s+3\s+0\s+0\s+0\s+\(o13\)", text)
    assert "francis report --org ID" in text and "Appendix" not in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 4  # type: ignore[union-attr]


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_audit_of_many(run_cli: RunCli, tmp_path: Path) -> None:
    t = many(tmp_path / "t")
    page = tmp_path / "rollup.html"
    result = run_cli("report", "--by", "organisation", "-f", "html", "-o", str(page), "--as-of", AS_OF, root=t.root)
    assert result.exit_code == 0, result.stderr
    found = audit(page, tmp_path / "shots")
    assert found["console"] == []
    assert found["violations"] == [], readable(found["violations"])
    for width in (PHONE, DESKTOP):
        w = at(found, width)
        assert w["scrollWidth"] <= w["viewport"] == width
    phone = at(found, PHONE)
    assert phone["chartTexts"] > 0 and phone["chartText"]["px"] >= SMALLEST_TEXT, phone["chartText"]


def test_warm_rollup_reads_no_position(
    paper: Tracker,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    golden,  # type: ignore[no-untyped-def]
) -> None:
    """After a load (here `francis status`), the roll-up builds from the snapshot: the tracker is not
    loaded again, and the paper is the same."""
    assert run_cli("status", root=paper.root).exit_code == 0

    def no_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tracker was loaded")

    monkeypatch.setattr("francis_cli.tracker.corpus.load_tracker", no_load)
    result = run_cli("report", "--by", "organisation", "--as-of", AS_OF, root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-rollup.md", result.stdout)


def test_cold_rollup_keeps_the_figures_not_the_text(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    """A cold roll-up loads and checks the tracker and keeps the snapshot's figures, so the next
    roll-up and `status` read no file; it keeps no copy of every model (the text part), which it
    never prints and which would be its peak of memory. A command that prints the text writes it."""
    from francis_cli.tracker import cache, snapshot

    result = run_cli("report", "--by", "organisation", "--as-of", AS_OF, root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-rollup.md", result.stdout)
    store = cache.Cache()
    assert store.get(snapshot.part(paper.root, "figures")) is not None
    assert store.get(snapshot.part(paper.root, "text")) is None
    assert run_cli("report", "--as-of", AS_OF, root=paper.root).exit_code == 0
    assert store.get(snapshot.part(paper.root, "text")) is not None


def test_settings_with_errors_refused_warm_and_cold(paper: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    paper.write("francis.yaml", "default_set: test-set\norganisation: org-z\n")
    out = tmp_path / "rollup.md"
    for _ in ("cold", "warm"):  # the first run leaves a snapshot with the problem; the second reads it
        result = run_cli("report", "--by", "organisation", "-o", str(out), root=paper.root)
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0] == (
            "francis: francis.yaml has 1 error, and a board paper is never made from settings with errors: "
            "nothing was written"
        )
        assert "unknown-organisation" in lines[1] and not out.exists()
