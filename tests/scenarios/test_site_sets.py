"""``francis site`` of a tracker that follows two inquiries: the home page lists each set with its
figures (those of ``status --set``), each set has its own lists and pages (the default set's at the
addresses a one-set register has), every link resolves, and one set's register is unchanged by
a second set that nothing uses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ..conftest import RunCli, Tracker
from .test_site import AS_OF, REAL, _missing, build, crawl, files_of, frontend, parse
from .test_site_browser import audited, pages_of

__all__ = ["frontend"]  # the fixture, used by name

OTHER = """\
set: other-set
title: Another inquiry
themes:
  - id: safety
    title: Safety
recommendations:
  - number: 1
    theme: safety
    title: Other first
    text: The other first.
  - number: 2
    theme: safety
    title: Other second
    text: The other <b>second</b>.
"""

OTHER_ASSESSED = """\
organisation: org-a
set: other-set
assessed: 2024-02-01
assessments:
  - {recommendation: 2, rating: red, position: Not yet.}
"""

WORKPLAN = """\
organisation: org-a
title: Workplan
sections:
  - id: "1"
    title: Strategy
    actions:
      - {id: "1.1", title: Only the first set, lead: DoQ, due: 2024-03, status: in-progress, recommendations: [1]}
      - {id: "1.3", title: Both, lead: DoQ, due: 2024-03, status: in-progress, recommendations: [2, "other-set:1"]}
      - id: "1.4"
        title: Only the other
        lead: CFO
        due: 2024-12
        recommendations: ["other-set:2"]
"""


@pytest.fixture
def several(tracker: Tracker) -> Tracker:
    tracker.write("data/recommendations/other-set.yaml", OTHER)
    tracker.write("data/assessments/org-a-other.yaml", OTHER_ASSESSED)
    tracker.write("data/workplan/org-a.yaml", WORKPLAN)
    return tracker


def _status(run_cli: RunCli, root: Path, *args: str) -> dict[str, Any]:
    result = run_cli("status", "--format", "json", "--as-of", AS_OF, *args, root=root)
    assert result.exit_code == 0, result.stderr
    return {t["organisation"]: t for t in json.loads(result.stdout)["tables"]}


def test_each_set_has_its_figures_lists_and_pages(
    several: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, several.root, out)
    assert crawl(out) > 100
    figures = parse(out / "index.html").figures
    for set_id in ("test-set", "other-set"):
        tables = _status(run_cli, several.root, "--set", set_id)
        for org, table in tables.items():
            counts = table["total"]["counts"]
            for key in ("total", "red", "amber", "green", "not-applicable", "not-assessed"):
                assert figures[f"{set_id}:{org}:{key}"] == str(counts[key]), (set_id, org, key)
    assert figures["other-set:org-a:red"] == "1" and figures["other-set:org-a:total"] == "2"
    assert figures["test-set:org-a:amber"] == "1"
    ids = re.findall(r' id="([^"]+)"', (out / "index.html").read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids))  # each set's chart of the same organisation has ids of its own
    # the default set keeps a one-set register's addresses; the other has a folder of its own
    assert (out / "recommendations/1.html").is_file() and (out / "recommendations/theme/standards.html").is_file()
    other = out / "recommendations/other-set"
    assert sorted(p.name for p in other.glob("*.html")) == ["1.html", "2.html", "index.html"]
    assert (other / "theme/safety.html").is_file() and (other / "rating/red.html").is_file()
    page = (other / "2.html").read_text(encoding="utf-8")
    assert "Another inquiry" in page and "The other &lt;b&gt;second&lt;/b&gt;." in page and "<b>second" not in page
    assert 'href="../../actions/org-a/1.4.html"' in page and 'href="theme/safety.html"' in page
    whole = (out / "recommendations/index.html").read_text(encoding="utf-8")
    assert "Another inquiry" in whole and 'href="other-set/index.html"' in whole  # offered "By set"
    assert re.findall(r'href="(\d+)\.html"', whole) == ["1", "2", "3"]  # only the default set's
    action = (out / "actions/org-a/1.3.html").read_text(encoding="utf-8")
    assert 'href="../../recommendations/2.html"' in action
    assert 'href="../../recommendations/other-set/1.html">other-set:1 Other first</a>' in action


def test_a_set_nothing_uses_leaves_the_register_as_it_was(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    build(run_cli, paper.root, tmp_path / "one")
    paper.write("data/recommendations/other-set.yaml", OTHER)
    build(run_cli, paper.root, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    paper.write("data/assessments/org-a-other.yaml", OTHER_ASSESSED)
    build(run_cli, paper.root, tmp_path / "three")
    assert (tmp_path / "three/recommendations/other-set/2.html").is_file()
    home = (tmp_path / "three/index.html").read_text(encoding="utf-8")
    assert home.count('<section aria-labelledby="set-') == 2


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_every_page_of_a_register_of_two_sets_passes_axe(
    several: Tracker, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    out = tmp_path / "site"
    build(run_cli, several.root, out)
    pages = pages_of(out)
    both = ["index.html", "recommendations/other-set/index.html", "recommendations/other-set/2.html"]
    seen = audited(out, both, [p for p in pages if p not in both])
    assert sorted(seen) == pages
