"""The register in a real browser, beyond the sample pages of test_site.py: axe-core on every page of
the bundled site at a phone's width (375 px, no horizontal scrolling either) and on every kind of page
and a tenth of all pages at a desktop's too, and on a sample of a national tracker of 20
organisations made by bench/generate.py (tests/browser/axe-pages.mjs, one browser for all pages);
and keyboard-only navigation at both widths, Tab pressed through pages until every link is reached,
each visibly focused (tests/browser/keyboard.mjs).

Why not every page at both widths: a page's content is what differs from page to page, its layout
what differs from width to width; every page at 375 px and every kind of page at 1280 px covers
both, at half the cost of the whole site twice."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from ..conftest import REPO, RunCli
from .test_site import REAL, _missing, build, serve

pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))

BROWSER = REPO / "tests" / "browser"
KINDS = (
    "index.html",
    "search.html",
    "data/index.html",
    "recommendations/index.html",
    "actions/index.html",
    "actions/overdue.html",
)
"""Pages of which there is one; every other kind is sampled by its folder (see ``sample``)."""
PHONE, BOTH = "--widths=375", "--widths=375,1280"
BROKEN = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head><body><main>'
    '<h1>Broken</h1><img src="assets/nhsuk/images/favicon.svg"><div style="width:800px">Too wide</div>'
    "</main></body></html>\n"
)
"""A page with an image without alternative text and a block wider than a phone: the audit must see both."""


def pages_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def sample(folder: Path, every: int = 10, kind: Callable[[str], str] = str) -> list[str]:
    """Every page of a kind of which there is one, the first page of each kind of folder (``kind``
    of its path: a recommendation, an action, a list of each filter), the first second page of a
    list, and every ``every``-th of all pages in path order: deterministic."""
    pages = pages_of(folder)
    firsts = {kind(p.rsplit("/", 1)[0]): p for p in reversed(pages) if "/" in p}
    paged = [p for p in pages if p.endswith(".page-2.html")][:1]
    chosen = {*KINDS, *firsts.values(), *paged, *pages[::every]}
    return [p for p in pages if p in chosen]


def node(script: str, *args: str) -> list[dict[str, Any]]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    run = subprocess.run(["node", str(BROWSER / script), chromium, *args], capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr
    result: list[dict[str, Any]] = json.loads(run.stdout)
    return result


def audited(folder: Path, both: Sequence[str], phone: Sequence[str] = ()) -> dict[str, list[int]]:
    """Audits ``both`` at 375 and 1280 px and ``phone`` at 375 px, in one browser, with the broken
    page first (each run proves it sees a violation and a page too wide); the widths each page was seen at."""
    (folder / "_broken.html").write_text(BROKEN, encoding="utf-8")
    with serve(folder) as origin:
        results = node(
            "axe-pages.mjs",
            PHONE,
            origin + "_broken.html",
            BOTH,
            *(origin + p for p in both),
            PHONE,
            *(origin + p for p in phone),
        )
    (folder / "_broken.html").unlink()
    broken, *results = results
    assert {v["id"] for v in broken["violations"]} >= {"image-alt"}
    assert broken["widths"][0]["scrollWidth"] > broken["widths"][0]["viewport"] == 375
    assert [r["url"] for r in results] == [origin + p for p in (*both, *phone)]
    for r in results:
        assert r["violations"] == [], (r["url"], r["violations"])
        assert not r["console"] and all(u.startswith(origin) for u in r["requests"]), r
        for w in r["widths"]:
            assert w["scrollWidth"] <= w["viewport"] == w["width"], (r["url"], w)
    return {r["url"].removeprefix(origin): [w["width"] for w in r["widths"]] for r in results}


@pytest.fixture
def bundled_site(bundled: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    build(run_cli, bundled, tmp_path / "site")
    return tmp_path / "site"


def test_every_page_of_the_bundled_site_passes_axe_on_a_phone_and_every_kind_on_a_desktop_too(
    bundled_site: Path,
) -> None:
    pages = pages_of(bundled_site)
    both = sample(bundled_site)
    assert len(both) >= len(pages) // 10 and {"recommendations/1.html", "actions/overdue.html"} <= set(both)
    assert any(p.startswith("actions/status/") for p in both) and any(p.startswith("actions/lead/") for p in both)
    assert any(p.startswith("recommendations/rating/") for p in both)
    seen = audited(bundled_site, both, [p for p in pages if p not in both])
    assert sorted(seen) == pages and len(pages) > 300
    assert all(seen[p] == [375, 1280] for p in both) and all(seen[p][0] == 375 for p in pages)


def national(tmp_path: Path, orgs: int, actions: int) -> Path:
    """A tracker of ``orgs`` organisations made by bench/generate.py, run as the benchmarks run it."""
    root = tmp_path / "national"
    made = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "generate.py"),
            str(root),
            "--orgs",
            str(orgs),
            "--actions",
            str(actions),
        ],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    return root


def test_a_national_trackers_site_passes_axe(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = national(tmp_path, 20, 12)
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    out = tmp_path / "site"
    build(run_cli, root, out)
    pages = sample(out, every=50, kind=lambda f: re.sub(r"trust-\d+", "trust", f))  # one organisation's as any other's
    assert {"actions/trust-001/1.1.html", "recommendations/1.html", "recommendations/index.html"} <= set(pages)
    assert any(p.startswith("actions/lead/") for p in pages) and any(
        p.startswith("recommendations/rating/") for p in pages
    )
    assert len(pages_of(out)) > 600 and 20 <= len(pages) <= 40
    audited(out, pages)


KEYBOARD = (
    "index.html",
    "recommendations/132.html",
    "actions/merton-ccg/3.2.html",
    "actions/overdue.html",
    "data/index.html",
    "search.html",
)


def test_keyboard_alone_reaches_every_link_at_both_widths_and_shows_where_focus_is(bundled_site: Path) -> None:
    with serve(bundled_site) as origin:
        results = node("keyboard.mjs", "--widths=1280,375", *(origin + p for p in KEYBOARD))
    assert [(r["url"], r["width"]) for r in results] == [(origin + p, w) for p in KEYBOARD for w in (1280, 375)]
    for r in results:
        assert len(r["links"]) >= 7, r["url"]  # the skip link, the header's, the page's own
        assert sorted(r["reached"]) == list(range(len(r["links"]))), (r["url"], r["width"], r["links"], r["reached"])
        assert r["unseen"] == [], (r["url"], r["width"], [r["links"][i] for i in r["unseen"]])
        assert r["links"][r["reached"][0]]["text"] == "Skip to main content", r  # the first Tab, at each width
    for desktop, phone in zip(results[::2], results[1::2], strict=True):
        # a phone shows fewer links (the breadcrumbs become one "Back to"), but goes everywhere a desktop goes
        assert {x["href"] for x in phone["links"]} >= {x["href"] for x in desktop["links"]}, desktop["url"]
