"""The HTML paper in a real browser: axe-core's accessibility audit finds nothing, and at phone width
(375 px) nothing runs off the right edge and the charts' text stays readable.

tests/browser/audit.mjs drives the installed Chromium through puppeteer-core, injects axe-core
(WCAG 2.0, 2.1 and 2.2 A and AA, and best practice) at 375 and 1280 px, measures the page there and
takes a screenshot at each width. The papers are every golden HTML paper and the fixture whose text
tries to inject HTML. Each test skips, saying how to install it, where Chromium or the audit's node
packages are missing (CI installs both: see .ci/run).
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ASSESSMENT, CATALOGUE, ORGANISATIONS, REPO, Tracker
from ..papers import AS_OF, REPORT_CONFIG, WORKPLAN, injected

BROWSER = REPO / "tests" / "browser"
AUDIT = BROWSER / "audit.mjs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NODE = shutil.which("node")
PHONE, DESKTOP = 375, 1280
SMALLEST_TEXT = 12.0
GOLDEN_PAPERS = sorted(p.name for p in (REPO / "tests" / "golden").glob("report-*.html"))
INJECTION = "injection"


def _missing() -> str | None:
    if CHROMIUM is None:
        return "chromium not installed (apt-get install chromium)"
    if NODE is None or not (BROWSER / "node_modules" / "axe-core").is_dir():
        return "the audit's node packages are not installed (apt-get install nodejs npm; npm ci --prefix tests/browser)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


def audit(page: Path, out: Path) -> dict[str, Any]:
    """What audit.mjs measured of ``page``, with its screenshots in ``out``."""
    assert NODE is not None and CHROMIUM is not None
    run = subprocess.run(
        [NODE, str(AUDIT), str(page), str(out), CHROMIUM], capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _injection_paper(folder: Path) -> Path:
    """The fixture paper whose position and action title try to inject HTML, Markdown and Jinja."""
    from typer.testing import CliRunner

    from francis_cli.cli import app

    tracker = Tracker(folder / "tracker")
    for rel, text in (
        ("francis.yaml", REPORT_CONFIG),
        ("data/recommendations/test-set.yaml", CATALOGUE),
        ("data/organisations.yaml", ORGANISATIONS),
        ("data/assessments/org-a.yaml", ASSESSMENT),
        ("data/workplan/org-a.yaml", WORKPLAN),
    ):
        tracker.write(rel, text)
    out = folder / "injection.html"
    argv = ["--root", str(injected(tracker).root), "report", "--as-of", AS_OF, "-f", "html", "-o", str(out)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        result = CliRunner().invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module", params=[*GOLDEN_PAPERS, INJECTION])
def audited(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One audit per paper, shared by the tests below."""
    folder = tmp_path_factory.mktemp(str(request.param).replace(".", "-"))
    page = _injection_paper(folder) if request.param == INJECTION else REPO / "tests" / "golden" / request.param
    result = audit(page, folder / "shots")
    result["paper"] = request.param
    return result


def at(result: dict[str, Any], width: int) -> dict[str, Any]:
    found: dict[str, Any] = next(w for w in result["widths"] if w["width"] == width)
    return found


def readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}) at {v['width']} px: {v['help']}")
        lines += [f"    {n['target']}: {n['html']}\n      {n['summary']}" for n in v["nodes"]]
    return "\n".join(lines)


def test_audit_finds_violations_and_overflow(tmp_path: Path) -> None:
    """The audit can fail: a page with known faults shows them."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html><body><div style="width:900px">wide</div><img src="x.png">'
        '<svg viewBox="0 0 2000 100" style="width:100%"><text x="0" y="50" font-size="12">tiny</text></svg>'
        "</body></html>",
        encoding="utf-8",
    )
    result = audit(page, tmp_path / "shots")
    found = {(v["width"], v["id"]) for v in result["violations"]}
    assert {(PHONE, "image-alt"), (DESKTOP, "html-has-lang"), (DESKTOP, "document-title")} <= found
    phone = at(result, PHONE)
    assert phone["scrollWidth"] > phone["viewport"] == PHONE
    assert phone["chartText"]["px"] < 3


def test_no_accessibility_violations(audited: dict[str, Any]) -> None:
    assert audited["console"] == []
    assert {"wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"} <= set(audited["tags"])
    assert audited["violations"] == [], f"{audited['paper']}:\n{readable(audited['violations'])}"


def test_nothing_runs_off_a_phone(audited: dict[str, Any]) -> None:
    for width in (PHONE, DESKTOP):
        w = at(audited, width)
        assert w["viewport"] == width
        assert w["scrollWidth"] <= w["viewport"], (audited["paper"], w)


def test_chart_text_readable_on_a_phone(audited: dict[str, Any]) -> None:
    phone = at(audited, PHONE)
    assert phone["chartTexts"] > 0, audited["paper"]
    assert phone["chartText"]["px"] >= SMALLEST_TEXT, (audited["paper"], phone["chartText"])


def test_screenshots_at_each_width(audited: dict[str, Any]) -> None:
    for width in (PHONE, DESKTOP):
        data = Path(at(audited, width)["screenshot"]).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
        assert struct.unpack(">II", data[16:24])[0] == width
        assert len(data) > 10_000  # a rendered page, not a blank
