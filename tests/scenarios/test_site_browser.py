"""The register in a real browser, beyond the sample pages of test_site.py: axe-core on every kind of
page and a tenth of all pages of the bundled site, and on a small national tracker made by
bench/generate.py (tests/browser/axe-pages.mjs, one browser for all pages); and keyboard-only
navigation, Tab pressed through pages until every link is reached, each visibly focused
(tests/browser/keyboard.mjs)."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import REPO, RunCli
from .test_site import REAL, _missing, build

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


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` on a local web server (axe reads stylesheets only over http), its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def sample(folder: Path) -> list[str]:
    """Every page of a kind of which there is one, the first page of each folder (a recommendation,
    an action, a list of each filter), and every tenth of all pages in path order: deterministic."""
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    firsts = {p.rsplit("/", 1)[0]: p for p in reversed(pages) if "/" in p}
    chosen = {*KINDS, *firsts.values(), *pages[::10]}
    return [p for p in pages if p in chosen]


def node(script: str, *urls: str) -> list[dict[str, Any]]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    run = subprocess.run(["node", str(BROWSER / script), chromium, *urls], capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr
    result: list[dict[str, Any]] = json.loads(run.stdout)
    return result


def audited(folder: Path, pages: list[str]) -> None:
    with serve(folder) as origin:
        results = node("axe-pages.mjs", *(origin + p for p in pages))
    assert [r["url"] for r in results] == [origin + p for p in pages]
    for r in results:
        assert r["violations"] == [], (r["url"], r["violations"])
        assert not r["console"] and all(u.startswith(origin) for u in r["requests"]), r
        phone = next(w for w in r["widths"] if w["width"] == 375)
        assert phone["scrollWidth"] <= phone["viewport"], (r["url"], phone)


@pytest.fixture
def bundled_site(bundled: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    build(run_cli, bundled, tmp_path / "site")
    return tmp_path / "site"


def test_every_kind_of_page_and_a_tenth_of_the_bundled_site_pass_axe(bundled_site: Path) -> None:
    pages = sample(bundled_site)
    total = len(list(bundled_site.rglob("*.html")))
    assert len(pages) >= total // 10 and {"recommendations/1.html", "actions/overdue.html"} <= set(pages)
    assert any(p.startswith("actions/status/") for p in pages) and any(p.startswith("actions/lead/") for p in pages)
    assert any(p.startswith("recommendations/rating/") for p in pages)
    audited(bundled_site, pages)


def test_a_national_trackers_site_passes_axe(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "national"
    made = subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), str(root), "--orgs", "3", "--actions", "12"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    out = tmp_path / "site"
    build(run_cli, root, out)
    pages = sample(out)
    assert any(p.startswith("actions/trust-") for p in pages) and "recommendations/1.html" in pages
    audited(out, pages)


def test_keyboard_alone_reaches_every_link_and_shows_where_focus_is(bundled_site: Path) -> None:
    pages = ["index.html", "recommendations/132.html", "actions/merton-ccg/3.2.html"]
    with serve(bundled_site) as origin:
        results = node("keyboard.mjs", *(origin + p for p in pages))
    for r in results:
        assert len(r["links"]) >= 10, r["url"]  # the header's, the breadcrumbs, the page's own
        assert sorted(r["reached"]) == list(range(len(r["links"]))), (r["url"], r["links"], r["reached"])
        assert r["unseen"] == [], (r["url"], [r["links"][i] for i in r["unseen"]])
    home = results[0]
    assert home["links"][home["reached"][0]]["text"] == "Skip to main content"  # the first Tab
