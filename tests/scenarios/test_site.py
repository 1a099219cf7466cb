"""``francis site`` end to end: the built register crawled, compared with ``francis status``,
rebuilt byte for byte, built from a git tag, attacked with the injection fixture, and audited
in a real browser (axe-core in Chromium through tests/browser/audit.mjs).

Most tests build with a small stand-in for the NHS.UK frontend (a stylesheet and an image laid
out as the npm package lays them out): what they check does not depend on its styles. The audit
and the stylesheet test use the real package, pinned in tests/browser/package.json, and skip
saying how to install it where it is missing."""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import io
import json
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ..conftest import REPO, RunCli, Tracker
from ..gitrepo import GitRepo, february
from ..papers import AS_OF, INJECTION, injected
from ..records import AS_OF as RECORDS_AS_OF
from ..records import FORMULA, with_records

REAL = REPO / "tests" / "browser" / "node_modules" / "nhsuk-frontend" / "dist"
FAKE_CSS = (
    "@font-face{font-family:Frutiger W01;src:url(https://assets.nhs.uk/fonts/x.woff2)}"
    ".nhsuk-icon{background:url(/assets/images/nhsuk-icon-tick.svg)}\n/*# sourceMappingURL=x.map */\n"
)


@pytest.fixture
def frontend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for node_modules/nhsuk-frontend/dist, named by $FRANCIS_NHSUK_FRONTEND."""
    folder = tmp_path / "nhsuk-frontend" / "dist" / "nhsuk"
    (folder / "assets" / "images").mkdir(parents=True)
    (folder / "nhsuk-frontend.min.css").write_text(FAKE_CSS, encoding="utf-8")
    (folder / "nhsuk-frontend-10.6.1.min.css").write_text(FAKE_CSS, encoding="utf-8")
    (folder / "assets" / "images" / "nhsuk-icon-tick.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "assets" / "images" / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(folder.parent))
    return folder


class _Page(HTMLParser):
    """Every link and resource of a page, its tags with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.figures: dict[str, str] = {}
        self.ids: set[str] = set()
        self._figure: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append(str(a[key]))
        self._figure = a.get("data-figure")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._figure is not None and data.strip():
            self.figures[self._figure] = data.strip()
            self._figure = None


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def build(run_cli: RunCli, root: Path, out: Path, *args: str) -> None:
    result = run_cli("site", "-o", str(out), "--as-of", AS_OF, *args, root=root)
    assert result.exit_code == 0, result.stderr
    assert f"built the site in {out}" in result.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def crawl(out: Path, base_url: str | None = None) -> int:
    """Every link of every page of the site at ``out`` followed: it must stay in the site and lead
    to a file there (or to an id on its own page); the number of links followed. A page's canonical
    address (``--base-url``) is followed as the path it names in the site."""
    checked = 0
    for page in sorted(out.rglob("*.html")):
        parsed = parse(page)
        for link in parsed.links:
            own = base_url is not None and link.startswith(base_url)
            assert own or not re.match(r"^[a-z]+:|^//", link), f"{page}: {link} leaves the site"
            path, _, anchor = link.partition("#")
            if not path:
                assert anchor in parsed.ids, f"{page.relative_to(out)}: no #{anchor} on the page"
                continue
            target = (out / path.removeprefix(base_url or "")).resolve() if own else (page.parent / path).resolve()
            assert target.is_file(), f"{page.relative_to(out)}: {link} leads nowhere"
            assert target.is_relative_to(out.resolve())
            checked += 1
    return checked


def test_every_internal_link_resolves_and_none_leaves_the_site(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    assert len(list(out.rglob("*.html"))) > 20
    assert crawl(out) > 500
    css = (out / "assets" / "nhsuk" / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "https:" not in css and "sourceMappingURL" not in css
    assert "url(images/nhsuk-icon-tick.svg)" in css and (out / "assets/nhsuk/images/nhsuk-icon-tick.svg").is_file()


STATUSES = ("not-started", "in-progress", "done", "blocked")
URL = "https://example.nhs.uk/register/"


def many_actions(n: int) -> str:
    """org-a's workplan of ``n`` actions, statuses in turn, two in three led by DoQ, all due 2024-01."""
    lines = ["organisation: org-a", "title: A long workplan", "actions:"]
    for i in range(1, n + 1):
        status = STATUSES[i % 4]
        lines += [f'  - id: "{i}"', f"    title: Action number {i}", f"    lead: {'DoQ' if i % 3 else 'CFO'}"]
        lines += ["    due: 2024-01", f"    status: {status}"] + (
            ["    completed: 2024-01-20"] if status == "done" else []
        )
    return "\n".join(lines) + "\n"


def pages_of(out: Path, first: str) -> list[str]:
    """A list's pages, found by following each page's "next" link from the first; each page's
    "previous" link must lead back."""
    chain = [first]
    while True:
        links = {a.get("rel"): str(a["href"]) for t, a in parse(out / chain[-1]).tags if t == "a" and a.get("rel")}
        back = (
            posixpath.normpath(posixpath.join(posixpath.dirname(chain[-1]), links["prev"])) if "prev" in links else None
        )
        assert back == (chain[-2] if len(chain) > 1 else None), chain
        if "next" not in links:
            return chain
        chain.append(posixpath.normpath(posixpath.join(posixpath.dirname(chain[-1]), links["next"])))


def actions_on(out: Path, page: str) -> list[str]:
    """The action pages a list page links to, in its order."""
    found = [posixpath.normpath(posixpath.join(posixpath.dirname(page), link)) for link in parse(out / page).links]
    return [f for f in found if re.fullmatch(r"actions/org-a/[^/]+\.html", f)]


def test_long_lists_go_on_over_linked_pages(paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path) -> None:
    paper.write("data/workplan/org-a.yaml", many_actions(250))
    out = tmp_path / "site"
    build(run_cli, paper.root, out, "--base-url", URL)
    assert crawl(out, URL) > 5000
    every = [f"actions/org-a/{i}.html" for i in range(1, 251)]
    open_ = [f"actions/org-a/{i}.html" for i in range(1, 251) if STATUSES[i % 4] != "done"]
    doq = [f"actions/org-a/{i}.html" for i in range(1, 251) if i % 3]
    for first, rows in (
        ("actions/index.html", every),
        ("actions/overdue.html", open_),
        ("actions/lead/org-a/doq.html", doq),
    ):
        pages = pages_of(out, first)
        assert pages == [first] + [first.replace(".html", f".page-{n}.html") for n in range(2, len(pages) + 1)]
        on = [actions_on(out, p) for p in pages]
        assert [len(x) for x in on[:-1]] == [100] * (len(pages) - 1) and 0 < len(on[-1]) <= 100
        assert [a for x in on for a in x] == rows, first
    second = parse(out / "actions/index.page-2.html")
    current = [a for t, a in second.tags if t == "a" and a.get("aria-current") == "page"]
    assert [a.get("aria-label") for a in current] == ["Page 2"]
    text = " ".join("".join(second.text).split())
    assert "All actions (page 2 of 3)" in text and "250 actions, 101 to 200 on this page." in text
    assert (
        f"Overdue actions ({len(open_)})" in text and f"DoQ, Director of Quality (Organisation A) ({len(doq)})" in text
    )
    for single in ("actions/lead/org-a/cfo.html", "actions/status/done.html", "recommendations/index.html"):
        assert pages_of(out, single) == [single] and "nhsuk-pagination" not in (out / single).read_text()
    html = (out / "search.html").read_text(encoding="utf-8")
    index = json.loads(re.search(r'id="search-index">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    assert set(every) <= {e["path"] for e in index}
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"{URL}{p.relative_to(out).as_posix()}<" in sitemap for p in out.rglob("*.html"))
    paper.write("data/workplan/org-a.yaml", many_actions(150))
    build(run_cli, paper.root, out)
    assert pages_of(out, "actions/index.html") == ["actions/index.html", "actions/index.page-2.html"]
    assert not (out / "actions/index.page-3.html").exists()


def test_every_recommendation_and_action_has_its_page(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    for n in (1, 2, 3):
        text = "".join(parse(out / "recommendations" / f"{n}.html").text)
        assert f"Recommendation {n}" in text
    assert "The first recommendation." in "".join(parse(out / "recommendations/1.html").text)
    action = "".join(parse(out / "actions/org-a/1.1.html").text)
    assert "Write the strategy" in action and "DoQ (Director of Quality)" in action and "First draft shared." in action
    listed = "".join(parse(out / "actions/overdue.html").text)
    assert "Write the strategy" in listed  # due 2024-03, in progress on 2024-06-10
    assert "Publish the response" not in listed  # done


def test_home_figures_equal_status_json(paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    figures = parse(out / "index.html").figures
    status = json.loads(run_cli("status", "--format", "json", "--as-of", AS_OF, root=paper.root).stdout)
    compared = 0
    for table in status["tables"]:
        org, counts, wp = table["organisation"], table["total"]["counts"], table["workplan"]
        for key in ("total", "red", "amber", "green", "blue", "not-applicable", "not-assessed"):
            assert figures[f"{org}:{key}"] == str(counts[key]), (org, key)
        scope = table["scope"] or {}
        for key, figure in (("assessed", "in-scope-assessed"), ("not_considered", "not-considered")):
            if scope.get("in_scope") is None:
                assert f"{org}:{figure}" not in figures
            else:
                assert figures[f"{org}:{figure}"] == str(scope[key]), (org, key)
        assessed = counts["total"] - counts["not-assessed"]
        assert figures[f"{org}:assessed"] == str(assessed)
        assert figures[f"{org}:actions"] == str(wp["actions"])
        assert figures[f"{org}:overdue"] == str(wp["overdue"])
        for s, n in wp["by_status"].items():
            assert figures[f"{org}:{s}"] == str(n)
        compared += 1
    assert compared == 2 and figures["org-a:overdue"] == "1"


SCOPED = """\
organisation: org-a
assessed: 2024-01-15
scope: 1-2
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
"""


def test_home_scope_figures_are_the_words_and_figures_of_status(
    tracker: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    """A stock-take of 2 of the 3 recommendations, 1 assessed: 2 not assessed, of which 1 is not yet
    considered. The home page says both, in the words ``status`` says them in."""
    tracker.write("data/assessments/org-a.yaml", SCOPED)
    out = tmp_path / "site"
    build(run_cli, tracker.root, out)
    page = parse(out / "index.html")
    status = json.loads(run_cli("status", "--format", "json", "--as-of", AS_OF, root=tracker.root).stdout)
    table = next(t for t in status["tables"] if t["organisation"] == "org-a")
    counts, scope = table["total"]["counts"], table["scope"]
    assert (counts["not-assessed"], scope["in_scope"], scope["assessed"], scope["not_considered"]) == (2, 2, 1, 1)
    assert page.figures["org-a:not-assessed"] == str(counts["not-assessed"])
    assert page.figures["org-a:in-scope"] == str(scope["in_scope"])
    assert page.figures["org-a:in-scope-assessed"] == str(scope["assessed"])
    assert page.figures["org-a:not-considered"] == str(scope["not_considered"])
    text = " ".join(" ".join(page.text).split())
    said = run_cli("status", "--as-of", AS_OF, "--org", "org-a", root=tracker.root).stdout
    assert "1 of 2 in scope assessed; 1 not yet considered." in " ".join(said.split())
    assert "Not assessed 2" in text and "In scope assessed (of 2) 1" in text and "Not yet considered 1" in text
    assert "Not yet assessed" not in text


def test_rebuilds_are_byte_identical_and_unchanged_files_are_not_rewritten(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    build(run_cli, paper.root, a)
    build(run_cli, paper.root, b)
    assert files_of(a) == files_of(b)
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in a.rglob("*") if p.is_file()}
    time.sleep(0.01)
    result = run_cli("site", "-o", str(a), "--as-of", AS_OF, root=paper.root)
    assert "0 of" in result.stderr
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in a.rglob("*") if p.is_file()} == before
    paper.write(
        "data/assessments/org-a.yaml",
        (paper.root / "data/assessments/org-a.yaml").read_text().replace("rating: green", "rating: red"),
    )
    build(run_cli, paper.root, a)
    changed = {
        p.relative_to(a).as_posix()
        for p in a.rglob("*")
        if p.is_file() and before.get(p) != (p.stat().st_ino, p.stat().st_mtime_ns)
    }
    assert "recommendations/2.html" in changed and "index.html" in changed and "data/tracker.sqlite" in changed
    assert "recommendations/3.html" not in changed and "actions/org-a/1.1.html" not in changed
    assert "assets/nhsuk/nhsuk-frontend.min.css" not in changed


def test_the_sqlite_database_holds_the_whole_tracker(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    db = sqlite3.connect(out / "data" / "tracker.sqlite")
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        assert tables == [
            "actions",
            "assessments",
            "changes",
            "due_changes",
            "evidence",
            "progress",
            "recommendations",
            "signoffs",
        ]
        assert db.execute("SELECT count(*) FROM recommendations").fetchone() == (3,)
        assert db.execute("SELECT rating FROM assessments WHERE recommendation = 1").fetchone() == ("amber",)
        assert db.execute("SELECT status, overdue FROM actions WHERE id = '1.1'").fetchone() == ("in-progress", 1)
        assert db.execute("SELECT note FROM progress ORDER BY seq").fetchall()[0] == ("First draft shared.",)
    finally:
        db.close()
    rows = (out / "data" / "actions.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "organisation,id,section,title,lead,outcome,due,due_end,status,completed,overdue,recommendations"
    doc = json.loads((out / "data" / "tracker.json").read_text(encoding="utf-8"))
    assert doc["format"] == 1 and len(doc["tables"]["actions"]) == 3 and doc["as_of"] == AS_OF


def test_tracker_json_is_valid_against_the_schema_published_beside_it(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    schema = json.loads((out / "data" / "tracker.schema.json").read_text(encoding="utf-8"))
    doc = json.loads((out / "data" / "tracker.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(doc)) == []
    assert "tracker.schema.json" in parse(out / "data" / "index.html").links
    header = (out / "data" / "actions.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert list(schema["properties"]["tables"]["properties"]["actions"]["items"]["properties"]) == header
    doc["tables"]["actions"][0]["overdue"] = "yes"
    del doc["tables"]["progress"][0]["note"]
    doc["tables"]["assessments"][0]["organisation"] = None
    doc["tables"]["recommendations"][0]["colour"] = "red"
    assert len(list(validator.iter_errors(doc))) == 4


def test_evidence_signoffs_and_due_changes_are_open_data_that_joins(
    tracker: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    """The records made with francis's own commands (tests/records.py), as CSV, JSON valid against
    its schema, and SQLite tables that join to the assessments and actions."""
    with_records(tracker, run_cli)
    out = tmp_path / "site"
    result = run_cli("site", "-o", str(out), "--as-of", RECORDS_AS_OF, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    data = out / "data"
    doc = json.loads((data / "tracker.json").read_text(encoding="utf-8"))
    schema = json.loads((data / "tracker.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc)) == []
    index = parse(data / "index.html").links
    for name in ("evidence", "signoffs", "due_changes"):
        rows = list(csv.DictReader(io.StringIO((data / f"{name}.csv").read_text(encoding="utf-8"))))
        columns = schema["properties"]["tables"]["properties"][name]["items"]["properties"]
        assert rows and list(rows[0]) == list(columns) and len(rows) == len(doc["tables"][name])
        assert f"{name}.csv" in index
    evidence = list(csv.DictReader(io.StringIO((data / "evidence.csv").read_text(encoding="utf-8"))))
    assert [r["title"] for r in evidence] == ["Quality schedule 2013/14", "'-2 beds audit", "'" + FORMULA]
    assert [r["title"] for r in doc["tables"]["evidence"]] == ["Quality schedule 2013/14", "-2 beds audit", FORMULA]
    moves = (data / "due_changes.csv").read_text(encoding="utf-8")
    assert "'+1 month: the budget round slipped" in moves  # a spreadsheet shows it, never runs it
    db = sqlite3.connect(data / "tracker.sqlite")
    try:
        joined = db.execute(
            "SELECT a.recommendation, a.rating, e.title, e.lapses, e.stale FROM evidence AS e JOIN assessments AS a "
            'ON a.organisation = e.organisation AND a."set" = e."set" AND a.recommendation = e.recommendation '
            "ORDER BY e.seq"
        ).fetchall()
        assert joined == [
            (1, "amber", "Quality schedule 2013/14", "2024-04-30", 1),
            (1, "amber", "-2 beds audit", "2025-01-31", 0),
        ]
        of_actions = db.execute(
            "SELECT x.title, e.title, e.stale FROM evidence AS e JOIN actions AS x "
            "ON x.organisation = e.organisation AND x.id = e.action"
        ).fetchall()
        assert of_actions == [("Write the strategy", FORMULA, 0)]
        signed = db.execute(
            "SELECT s.item, s.by, s.date, s.current FROM signoffs AS s LEFT JOIN assessments AS a "
            'ON a.organisation = s.organisation AND a."set" = s."set" AND a.recommendation = s.recommendation '
            "LEFT JOIN actions AS x ON x.organisation = s.organisation AND x.id = s.action "
            "WHERE a.rating IS NOT NULL OR x.status IS NOT NULL ORDER BY s.date"
        ).fetchall()
        assert signed == [
            ("test-set:1", "CFO", "2024-02-01", 0),  # changed after it was approved
            ("test-set:2", "DoQ", "2024-03-01", 1),
            ("1.1", "CFO", "2024-03-02", 1),
        ]
        moved = db.execute(
            "SELECT d.seq, d.date, d.was, d.was_end, d.due, d.due_end, d.reason, x.due FROM due_changes AS d "
            "JOIN actions AS x ON x.organisation = d.organisation AND x.id = d.action ORDER BY d.seq"
        ).fetchall()
        assert moved == [
            (
                1,
                "2024-04-01",
                "2024-Q2",
                "2024-06-30",
                "2024-Q3",
                "2024-09-30",
                "+1 month: the budget round slipped",
                "2024-12",
            ),
            (2, "2024-05-01", "2024-Q3", "2024-09-30", "2024-12", "2024-12-31", "The board met later.", "2024-12"),
        ]
        schema_sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'signoffs'").fetchone()[0]
        assert 'PRIMARY KEY ("organisation", "item", "seq")' in schema_sql
    finally:
        db.close()


def test_a_site_from_a_tag_shows_that_revision_and_its_history_only(
    frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    repo = GitRepo(tmp_path / "tracker")
    repo.base()
    repo.git("tag", "board-2024-01")
    february(repo)
    out = tmp_path / "site"
    result = run_cli("site", "-o", str(out), "--rev", "board-2024-01", root=repo.root)
    assert result.exit_code == 0, result.stderr
    home = "".join(parse(out / "index.html").text)
    assert "board-2024-01" in home and "15 January 2024" in home  # the data's date: the tag's commit
    rec = "".join(parse(out / "recommendations" / "1.html").text)
    assert "Partly in place." in rec and "audited in January" not in rec
    assert "February update" not in rec and "Gap assessment and workplan agreed" in rec
    assert not (out / "actions" / "org-a" / "1.3.html").exists()  # added in February
    build(run_cli, repo.root, tmp_path / "now")
    now = "".join(parse(tmp_path / "now" / "recommendations" / "1.html").text)
    assert "In place and audited in January." in now and "rating amber → green" in now
    action = "".join(parse(tmp_path / "now" / "actions" / "org-a" / "1.2.html").text)
    assert "Q2 2024" in action and "Q3 2024" in action and "92 days later" in action
    for built in (out, tmp_path / "now"):  # with a commit, and with the changes git records
        doc = json.loads((built / "data/tracker.json").read_text(encoding="utf-8"))
        jsonschema.validate(doc, json.loads((built / "data/tracker.schema.json").read_bytes()))
    assert doc["tables"]["changes"] and json.loads((out / "data/tracker.json").read_bytes())["commit"]
    bad = run_cli("site", "-o", str(tmp_path / "x"), "--rev", "no-such-tag", root=repo.root)
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "unknown revision 'no-such-tag'" in bad.stderr


def test_the_injection_fixture_cannot_inject_markup(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, injected(paper).root, out)
    payload = INJECTION.split("\n")[0]
    found = 0
    for page in sorted(out.rglob("*.html")):
        p = parse(page)
        scripts = [a for t, a in p.tags if t == "script"]
        expected = [{"type": "application/json", "id": "search-index"}, {"src": "assets/search.js"}]
        assert scripts == (expected if page.name == "search.html" else []), page
        assert not [t for t, _ in p.tags if t in ("img", "iframe", "object", "embed")], page
        assert not [a for _, a in p.tags if any(k.startswith("on") for k in a)], page
        text = "".join(p.text)
        found += payload.strip() in " ".join(text.split())
    assert found >= 2  # the recommendation's page (a position) and the action's page (a title)


def test_refused_folders_and_a_missing_frontend(
    paper: Tracker, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("x")
    for out in (tmp_path / "file", paper.root / "data" / "site", paper.root):
        result = run_cli("site", "-o", str(out), root=paper.root)
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(tmp_path))
    result = run_cli("site", "-o", str(tmp_path / "s"), root=paper.root)
    assert result.exit_code == 2 and "no compiled nhsuk-frontend there" in result.stderr
    monkeypatch.delenv("FRANCIS_NHSUK_FRONTEND")
    result = run_cli("site", "-o", str(tmp_path / "s"), root=paper.root)
    assert result.exit_code == 2 and "npm install nhsuk-frontend@10.6.1 --save-exact" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "s").exists()


def test_the_trackers_own_template_overrides_and_stale_pages_go(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    assert (out / "actions/org-a/1.3.html").is_file()
    (out / "notes.txt").write_text("mine")
    paper.write(
        "templates/site/action.html.j2",
        '{% extends "site/base.html.j2" %}{% block content %}<p>Own: {{ page.title }}</p>{% endblock %}',
    )
    text = (paper.root / "data/workplan/org-a.yaml").read_text()
    paper.write("data/workplan/org-a.yaml", text[: text.index('      - id: "1.3"')])
    build(run_cli, paper.root, out)
    assert "Own: Write the strategy" in (out / "actions/org-a/1.1.html").read_text()
    assert not (out / "actions/org-a/1.3.html").exists() and (out / "notes.txt").read_text() == "mine"


ROWS = """{% macro recommendation(r, here, many) %}<tr><td>{{ r.number }}</td></tr>{% endmacro %}
{% macro action(a, here, many) %}<tr><td>{{ a.id }}</td></tr>{% endmacro %}
{% macro filter(f, here) %}<li>{{ f.text }}</li>{% endmacro %}
"""


@pytest.mark.parametrize(
    ("name", "template", "words"),
    [
        ("action", "{{ 1/0 }}", "template site/action.html.j2 line 1: ZeroDivisionError: division by zero"),
        ("action", "{{ nothing.here }}", "template site/action.html.j2 line 1: 'nothing' is undefined"),
        (
            "action",
            "{% if %}",
            "template site/action.html.j2 line 1: Expected an expression, got 'end of statement block'",
        ),
        (
            "rows",
            ROWS.replace("a.id", "a.nope"),
            "template site/rows.html.j2 line 2: 'francis_cli.views.site_lists.ActionRow object' has no attribute"
            " 'nope'",
        ),
        (
            "rows",
            ROWS.replace("filter", "f"),
            "template site/rows.html.j2 has no macro 'filter': a list page is made with it",
        ),
    ],
)
def test_a_broken_template_of_the_trackers_is_one_line(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path, name: str, template: str, words: str
) -> None:
    paper.write(f"templates/site/{name}.html.j2", template)
    result = run_cli("site", "-o", str(tmp_path / "site"), root=paper.root)
    assert (result.exit_code, result.stderr) == (2, f"francis: {words}\n")
    assert not (tmp_path / "site").exists()


def _missing() -> str | None:
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        return "chromium not installed (apt-get install chromium)"
    if shutil.which("node") is None or not (REPO / "tests/browser/node_modules/axe-core").is_dir():
        return "the audit's node packages are not installed (npm ci --prefix tests/browser)"
    if not REAL.is_dir():
        return "nhsuk-frontend is not installed (npm ci --prefix tests/browser)"
    return None


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` on a local web server (axe reads stylesheets only over http), its address. The
    server binds a port the system picks and keeps it: choosing a free port and starting a server on
    it later let another server take it in between, and the audit then read someone else's pages."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def served(bundled: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The bundled tracker's site, built with the real NHS.UK frontend and served on localhost."""
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    out = tmp_path / "site"
    build(run_cli, bundled, out)
    with serve(out) as url:
        yield out, url


def _audit(url: str, shots: Path) -> dict[str, Any]:
    """What tests/browser/audit.mjs measured of the page at ``url``."""
    node, chromium = shutil.which("node"), shutil.which("chromium") or shutil.which("chromium-browser")
    assert node is not None and chromium is not None
    audit = REPO / "tests" / "browser" / "audit.mjs"
    run = subprocess.run([node, str(audit), url, str(shots), chromium], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_the_bundled_site_passes_the_accessibility_audit(served: Any, tmp_path: Path) -> None:
    out, origin = served
    css = (out / "assets/nhsuk/nhsuk-frontend.min.css").read_text(encoding="utf-8")
    assert "assets.nhs.uk" not in css and not re.search(r"url\((?!images/|data:|\"data:)", css)
    pages = ("index.html", "recommendations/132.html", "actions/merton-ccg/3.2.html", "recommendations/index.html")
    for page in (*pages, "recommendations/index.page-2.html", "search.html?q=candour"):  # page 2: the pagination
        result = _audit(origin + page, tmp_path / "shots" / re.sub(r"[/?=]", "-", page))
        assert result["violations"] == [], (page, result["violations"])
        assert not result["console"], (page, result["console"])
        assert all(url.startswith(origin) for url in result["requests"]), (page, result["requests"])
        phone = next(w for w in result["widths"] if w["width"] == 375)
        assert phone["scrollWidth"] <= phone["viewport"], (page, phone)
    assert os.path.getsize(out / "data" / "tracker.sqlite") > 0
