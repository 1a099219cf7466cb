"""The paper in real tools: headless Chromium renders the HTML cleanly; WeasyPrint's PDF reads back right.

Each test skips, saying why, where its tool is missing (CI installs chromium, poppler-utils and
WeasyPrint's libraries).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from ..conftest import REPO, RunCli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AS_OF = "2013-10-01"
BUNDLED_NUMBERS = list(range(123, 145))


def _weasyprint_missing() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as err:  # OSError: installed without its system libraries
        return f"WeasyPrint unavailable ({type(err).__name__}): pip install 'francis-cli[pdf]' and Pango"
    return None


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo not installed (apt-get install poppler-utils)",
)
needs_weasyprint = pytest.mark.skipif(_weasyprint_missing() is not None, reason=str(_weasyprint_missing()))


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def bundled_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from francis_cli.cli import app

    out = tmp_path_factory.mktemp("paper") / "paper.html"
    result = CliRunner().invoke(app, ["--root", str(REPO), "report", "--as-of", AS_OF, "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_html_is_self_contained(bundled_html: Path) -> None:
    html = bundled_html.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|iframe|object|embed|img)\b", html)
    assert not re.search(r"\b(src|href)=", html) and "url(" not in html and "@import" not in html


@needs_chromium
def test_chromium_renders_without_console_errors(bundled_html: Path, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text("<!DOCTYPE html><p>x</p><script>console.error('control')</script>", encoding="utf-8")
    assert console_lines(chromium(control, tmp_path / "p0", "--dump-dom").stderr), "console detection is broken"
    shot = tmp_path / "paper.png"
    run = chromium(bundled_html, tmp_path / "p1", "--window-size=1000,1400", f"--screenshot={shot}")
    assert console_lines(run.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1000, 1400)
    dom = chromium(bundled_html, tmp_path / "p2", "--dump-dom")
    assert dom.returncode == 0 and console_lines(dom.stderr) == []
    assert len(re.findall(r'<svg[^>]*role="img"', dom.stdout)) == 2
    assert all(f'id="rec-barnet-ccg-{n}"' in dom.stdout for n in BUNDLED_NUMBERS)


@needs_weasyprint
@needs_poppler
def test_pdf_pages_and_text(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "paper.pdf"
    result = run_cli("report", "--as-of", AS_OF, "--format", "pdf", "-o", str(out), root=REPO)
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 10 <= pages <= 30, pages
    assert "A4" in info
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Response to the Francis Report: progress against the recommendations" in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    appendix = text[text.index("Appendix A: Current position") : text.index("Appendix B: Workplan")]
    missing = [n for n in BUNDLED_NUMBERS if not re.search(rf"^\s*{n}\s", appendix, re.M)]
    assert missing == []
    workplan = text[text.index("Appendix B: Workplan") :]
    assert all(re.search(rf"^\s*{re.escape(i)}\s", workplan, re.M) for i in ("1.1", "2.6", "3.7", "4.3"))


@needs_weasyprint
@needs_poppler
def test_pdf_injection_is_text(tmp_path: Path) -> None:
    from francis_cli.render.paper import render, to_pdf
    from francis_cli.tracker.corpus import load_tracker
    from francis_cli.views.paper import build

    from ..conftest import ASSESSMENT, CATALOGUE, CONFIG, ORGANISATIONS, WORKPLAN, Tracker

    t = Tracker(tmp_path / "t")
    t.write("francis.yaml", CONFIG)
    t.write("data/recommendations/test-set.yaml", CATALOGUE)
    t.write("data/organisations.yaml", ORGANISATIONS)
    t.write("data/workplan/org-a.yaml", WORKPLAN)
    t.write(
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace(
            "position: Partly in place.", "position: '<script>alert(1)</script> | {{ 7*7 }} [link](javascript:x)'"
        ),
    )
    from datetime import date

    html = render(build(load_tracker(t.root), as_of=date(2024, 6, 10)), "pdf", root=t.root)
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(to_pdf(html))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script> | {{ 7*7 }} [link](javascript:x)" in " ".join(text.split())
    assert "/JavaScript" not in pdf.read_bytes().decode("latin-1")
