"""The evidence register of a real tracker: records added with `francis evidence add` at dates
relative to today (as `check` and edits judge staleness), then listed as a table, JSON and CSV,
only the stale ones, and on later days as one record goes from current to review due to stale."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from ..conftest import RunCli
from ..gitrepo import GitRepo

TODAY = date.today()
EXPIRES = TODAY + timedelta(days=40)
REVIEW = TODAY - timedelta(days=1)


def _add(run_cli: RunCli, repo: GitRepo, org: str, ref: str, title: str, location: str, *more: str) -> str:
    added = run_cli("evidence", "add", org, ref, "--title", title, "--location", location, *more, root=repo.root)
    assert added.exit_code == 0, added.stderr
    return added.stderr


@pytest.fixture
def recorded(repo: GitRepo, run_cli: RunCli) -> GitRepo:
    """org-a's register: an audit report (assessment 2) expiring in 40 days, a strategy draft
    (action 1.1) whose review day was yesterday, board minutes (assessment 1) with no dates, and
    action 1.2 describing its evidence only in words."""
    repo.write("docs/audit.pdf", "%PDF-1.7\n")
    repo.edit(
        "data/workplan/org-a.yaml",
        "        due: 2024-Q2\n",
        "        due: 2024-Q2\n        evidence:\n          - Discussed at the finance committee.\n",
    )
    repo.commit("The audit report; evidence in words", "2024-02-01T09:00:00+00:00")
    produced = (TODAY - timedelta(days=30)).isoformat()
    audit = ("--produced", produced, "--owner", "CFO", "--expires", EXPIRES.isoformat())
    assert _add(run_cli, repo, "org-a", "2", "Audit report", "docs/audit.pdf", *audit) == ""
    draft = ("Strategy draft", "https://example.nhs.uk/s.pdf", "--review", REVIEW.isoformat())
    assert "lapsed on" in _add(run_cli, repo, "org-a", "1.1", *draft)
    assert _add(run_cli, repo, "org-a", "1", "Board minutes", "https://example.nhs.uk/minutes", "--owner", "DoQ") == ""
    checked = run_cli("check", root=repo.root)
    assert checked.exit_code == 0 and checked.stdout.count("warning evidence-stale") == 1  # the strategy draft
    return repo


def _json(run_cli: RunCli, repo: GitRepo, *args: str) -> dict[str, object]:
    result = run_cli("evidence", "list", "--format", "json", *args, root=repo.root)
    assert (result.exit_code, result.stderr) == (0, "")
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def _states(doc: dict[str, object]) -> list[tuple[str, str, str]]:
    rows = doc["evidence"]
    assert isinstance(rows, list)
    return [(r["item"], r["title"], r["state"]) for r in rows]


def test_the_table_lists_every_record_stale_first_then_counts_them(recorded: GitRepo, run_cli: RunCli) -> None:
    result = run_cli("evidence", "list", root=recorded.root)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == f"Evidence as of {TODAY.isoformat()} (review due within 30 days)"
    body = [line.split() for line in lines if line.startswith(" org-a")]
    assert [(cells[1], cells[-1]) for cells in body] == [("1.1", "stale"), ("2", "current"), ("1", "date")]
    assert body[1][-2] == EXPIRES.isoformat() and "CFO" in body[1]
    assert lines[-1].endswith("only in words") or lines[-2].endswith("only")
    assert " ".join(lines[-2:]) == (
        "3 evidence records: 1 stale, 0 review due, 1 current, 1 no review date; 1 item describes evidence"
        " only in words"
    )


def test_json_and_csv_hold_the_same_records(recorded: GitRepo, run_cli: RunCli) -> None:
    doc = _json(run_cli, recorded)
    assert _states(doc) == [
        ("1.1", "Strategy draft", "stale"),
        ("2", "Audit report", "current"),
        ("1", "Board minutes", "no review date"),
    ]
    rows = doc["evidence"]
    assert isinstance(rows, list)
    audit = rows[1]
    assert (audit["kind"], audit["owner"], audit["owner_title"]) == ("assessment", "CFO", "Chief Finance Officer")
    assert (audit["lapses"], audit["path"]) == (EXPIRES.isoformat(), "data/assessments/org-a.yaml")
    assert rows[0]["kind"] == "action" and rows[0]["lapses"] == REVIEW.isoformat() and rows[0]["owner"] is None
    assert doc["counts"] == {"stale": 1, "review due": 0, "current": 1, "no review date": 1}
    assert doc["described_only"] == 1

    result = run_cli("evidence", "list", "--format", "csv", root=recorded.root)
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["item"], r["title"], r["state"]) for r in table] == _states(doc)
    assert table[0]["owner"] == "" and table[1]["produced"] == (TODAY - timedelta(days=30)).isoformat()
    assert int(table[1]["line"]) == audit["line"]
    text = (recorded.root / "data/assessments/org-a.yaml").read_text(encoding="utf-8").splitlines()
    assert text[audit["line"] - 1].strip() == "- title: Audit report"


def test_stale_shows_only_stale_records_and_still_counts_every_one(recorded: GitRepo, run_cli: RunCli) -> None:
    doc = _json(run_cli, recorded, "--stale")
    assert _states(doc) == [("1.1", "Strategy draft", "stale")]
    assert doc["counts"] == {"stale": 1, "review due": 0, "current": 1, "no review date": 1}
    table = run_cli("evidence", "list", "--stale", root=recorded.root).stdout
    assert table.startswith("Stale evidence as of ") and "Audit report" not in table and "Strategy draft" in table


def test_as_of_moves_a_record_from_current_to_review_due_to_stale(recorded: GitRepo, run_cli: RunCli) -> None:
    def audit(*args: str) -> str:
        return {title: state for _, title, state in _states(_json(run_cli, recorded, *args))}["Audit report"]

    assert audit() == "current"
    assert audit("--within", "40") == "review due"
    assert audit("--as-of", (EXPIRES - timedelta(days=30)).isoformat()) == "review due"
    assert audit("--as-of", (EXPIRES - timedelta(days=31)).isoformat()) == "current"
    assert audit("--as-of", EXPIRES.isoformat()) == "review due"  # on its expiry day it still holds
    assert audit("--as-of", (EXPIRES + timedelta(days=1)).isoformat()) == "stale"
    later = _json(run_cli, recorded, "--as-of", (EXPIRES + timedelta(days=1)).isoformat(), "--stale")
    assert [title for _, title, _ in _states(later)] == ["Strategy draft", "Audit report"]  # lapsed first, first


def test_an_unknown_organisation_or_date_is_refused_in_one_line(recorded: GitRepo, run_cli: RunCli) -> None:
    result = run_cli("evidence", "list", "--org", "elsewhere", root=recorded.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "francis: no organisation 'elsewhere' (known: org-a, org-b)\n"
    result = run_cli("evidence", "list", "--as-of", "soon", root=recorded.root)
    assert result.exit_code == 2 and result.stderr == "francis: --as-of: 'soon' is not a date written YYYY-MM-DD\n"
    other = _json(run_cli, recorded, "--org", "org-b")
    assert other["evidence"] == [] and other["described_only"] == 0
