"""The site's SQLite database served by the real Datasette, as it is: no metadata file, no setup.
Each request is made with ``datasette serve DB --get PATH`` (Datasette's own client, no server
started) against the site of the bundled tracker, with a history in git, and of a national tracker
of 3 organisations made by bench/generate.py. The tables and their row counts are checked against
the tracker's own exports, and the example queries of the manual's "Explore it with Datasette"
are run as they are written there."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from francis_cli.render.site_data import tracker_sqlite
from francis_cli.views.site_data import Column, Table

from ..conftest import REPO, RunCli
from ..gitrepo import GitRepo
from ..papers import AS_OF

DATASETTE = Path(sys.executable).with_name("datasette")
GUIDE = REPO / "docs" / "guide" / "publish-a-site.md"
TABLES = ["actions", "assessments", "changes", "due_changes", "evidence", "progress", "recommendations", "signoffs"]

pytestmark = pytest.mark.skipif(not DATASETTE.exists(), reason="datasette not installed (pip install -e '.[test]')")


def get(db: Path, path: str) -> Any:
    """What Datasette answers to GET ``path`` on ``db``: JSON decoded, else the page's text."""
    run = subprocess.run(
        [str(DATASETTE), "serve", "--immutable", str(db), "--get", path], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, (path, run.stdout[-2000:], run.stderr[-2000:])
    return json.loads(run.stdout) if ".json" in path else run.stdout


def documented_queries() -> list[str]:
    """The SQL blocks of the manual's section on Datasette, as written there."""
    section = GUIDE.read_text(encoding="utf-8").split("## Explore it with Datasette", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def site_of(run_cli: RunCli, root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site's database, built with a stand-in for the NHS.UK frontend (its styles are not read here)."""
    dist = out.parent / "frontend" / "dist" / "nhsuk"
    (dist / "assets" / "images").mkdir(parents=True)
    for css in ("nhsuk-frontend.min.css", "nhsuk-frontend-10.6.1.min.css"):
        (dist / css).write_text("body{}", encoding="utf-8")
    (dist / "assets" / "images" / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(dist.parent))
    result = run_cli("site", "-o", str(out), "--as-of", AS_OF, root=root)
    assert result.exit_code == 0, result.stderr
    return out / "data" / "tracker.sqlite"


def expected_counts(run_cli: RunCli, root: Path, tmp_path: Path) -> dict[str, int]:
    """The rows each table should hold, from the tracker's exports and its catalogue, not the site."""
    counts = {}
    for kind in ("assessments", "actions"):
        out = tmp_path / f"{kind}.parquet"
        assert run_cli("export", kind, "-o", str(out), root=root).exit_code == 0
        rows = pq.read_table(out).to_pylist()
        counts[kind] = len(rows)
        if kind == "actions":
            counts["progress"] = sum(len(r["Progress"]) for r in rows)
    for kind in ("evidence", "signoffs", "due-changes"):
        out = tmp_path / f"{kind}.parquet"
        assert run_cli("export", kind, "-o", str(out), root=root).exit_code == 0
        counts[kind.replace("-", "_")] = pq.read_table(out).num_rows
    catalogue = (root / "data" / "recommendations" / "francis-2013.yaml").read_text(encoding="utf-8")
    counts["recommendations"] = len(re.findall(r"^  - number: ", catalogue, re.M))
    return counts


def served_as_is(db: Path, counts: dict[str, int], *, every_row: bool = True) -> dict[str, int]:
    """Datasette lists the eight tables with their keys and the rows expected; and serves every row
    of each as SQLite holds it (one request a table: asked of one site only)."""
    doc = get(db, "/tracker.json")
    tables = {t["name"]: t for t in doc["tables"]}
    assert sorted(tables) == TABLES and doc["hidden_count"] == 0
    assert tables["actions"]["primary_keys"] == ["organisation", "id"]
    assert tables["assessments"]["primary_keys"] == ["organisation", "set", "recommendation"]
    served = {name: t["count"] for name, t in tables.items()}
    assert {k: served[k] for k in counts} == counts
    with sqlite3.connect(db) as direct:
        for name in TABLES if every_row else ():
            rows = get(db, f"/tracker/{name}.json?_shape=array&_size=max")  # in the order of the key
            assert len(rows) == served[name]
            key = ", ".join(f'"{k}"' for k in tables[name]["primary_keys"])
            cursor = direct.execute(f'SELECT * FROM "{name}" ORDER BY {key}')
            names = [c[0] for c in cursor.description]
            assert [tuple(r[n] for n in names) for r in rows] == cursor.fetchall(), name
    return served


def test_datasette_serves_the_bundled_sites_tables_and_the_manuals_queries(
    bundled: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(bundled)
    repo.commit("The gap assessment", "2014-01-15T10:00:00+00:00")
    repo.edit("data/assessments/barnet-ccg.yaml", "rating: red  # illustrative", "rating: green  # illustrative")
    repo.commit("Reassessed", "2014-03-12T10:00:00+00:00")
    db = site_of(run_cli, bundled, tmp_path / "site", monkeypatch)
    served = served_as_is(db, expected_counts(run_cli, bundled, tmp_path))
    assert served["changes"] > 0 and served["progress"] > 0
    moved = get(db, "/tracker/changes.json?_shape=array&field=rating&old=red&new=green&date=2014-03-12")
    assert [(r["organisation"], r["item"]) for r in moved] == [("barnet-ccg", "francis-2013:141")], moved
    queries = documented_queries()
    assert len(queries) == 2
    with sqlite3.connect(db) as direct:
        for sql in queries:
            answer = get(db, "/tracker.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"}))
            assert answer and [tuple(r.values()) for r in answer] == direct.execute(sql).fetchall(), sql
    themes = get(db, "/tracker.json?" + urllib.parse.urlencode({"sql": queries[0], "_shape": "array"}))
    assert sum(r["assessments"] for r in themes) == served["assessments"]
    page = get(db, "/tracker/actions")  # the schema at the table page's foot, each column described
    assert "The last day of the due period (YYYY-MM-DD)." in page.replace("&#39;", "'")
    facet = get(db, "/tracker/assessments.json?_facet=rating&_size=0")
    ratings = {r["value"]: r["count"] for r in facet["facet_results"]["rating"]["results"]}
    assert sum(ratings.values()) == served["assessments"] and "green" in ratings


def test_datasette_serves_a_national_trackers_site(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "national"
    made = subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), str(root), "--orgs", "3", "--actions", "20"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    db = site_of(run_cli, root, tmp_path / "site", monkeypatch)
    counts = expected_counts(run_cli, root, tmp_path)
    assert counts["assessments"] == 3 * 290 and counts["actions"] == 3 * 20
    served_as_is(db, counts, every_row=False)
    per_org = get(db, "/tracker.json?" + urllib.parse.urlencode({"sql": documented_queries()[1], "_shape": "array"}))
    assert {r["organisation"] for r in per_org} <= {"trust-001", "trust-002", "trust-003"} and per_org


def test_no_description_can_end_its_comment_and_write_sql(tmp_path: Path) -> None:
    evil = "x\n) ; CREATE TABLE evil (a) ; --\r\n\0"
    table = Table("t", evil, [Column("a", "text", evil)], ["a"], [("1",)])
    db = tmp_path / "t.sqlite"
    db.write_bytes(tracker_sqlite([table]))
    with sqlite3.connect(db) as direct:
        assert [r[0] for r in direct.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["t"]
        assert direct.execute("SELECT a FROM t").fetchall() == [("1",)]
