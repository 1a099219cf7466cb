"""Assurance in `status` (`views.status_assurance`): assessed recommendations by assurance level,
sign-offs current, stale and missing, decisions by value; the same from a warm snapshot as from a
full load, in the table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from francis_cli.tracker import corpus as corpus_mod
from francis_cli.tracker import snapshot
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import status as queries
from francis_cli.views.status_assurance import AssuranceSummary

from ..boundaries import AS_OF
from ..conftest import WORKPLAN, RunCli, Tracker

ASSESSED = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    assurance: limited
    actions: ["1.1"]
  - recommendation: 2
    rating: green
    position: In place.
    decision: accepted
"""

LINE = (
    "Assurance of the 2 assessed: 1 limited, 1 not recorded. Sign-offs: 1 current, 1 stale (changed since "
    "approved), 1 missing (done, not signed off)."
)


@pytest.fixture
def assured(tracker: Tracker, run_cli: RunCli) -> Tracker:
    """Recommendation 2 signed off as it stands; action 1.1 signed off and changed since; action 1.2
    done with no sign-off, which francis.yaml requires."""
    tracker.write("francis.yaml", "default_set: test-set\nsignoff:\n  require_for_done: true\n")
    tracker.write("data/assessments/org-a.yaml", ASSESSED)
    done = WORKPLAN.replace("due: 2024-Q2\n", "due: 2024-Q2\n        status: done\n        completed: 2024-05-01\n")
    tracker.write("data/workplan/org-a.yaml", done)
    for ref in ("2", "1.1"):
        assert run_cli("signoff", "org-a", ref, "--by", "CFO", "--date", "2024-02-01", root=tracker.root).exit_code == 0
    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Write the strategy", "Write the new strategy"))
    return tracker


def test_levels_signoffs_and_decisions_are_counted(assured: Tracker) -> None:
    (table,) = queries.status(load_tracker(assured.root), as_of=AS_OF, orgs=["org-a"]).tables
    assert table.assurance == AssuranceSummary(
        assessed=2,
        levels={"substantial": 0, "reasonable": 0, "limited": 1, "no-assurance": 0, "not-recorded": 1},
        signoffs={"current": 1, "stale": 1, "missing": 1},
        decisions={"accepted": 1, "accepted-in-part": 0, "not-accepted": 0, "not-applicable": 0, "none": 1},
    )


def test_a_theme_counts_its_own_assessments_and_every_action(assured: Tracker) -> None:
    (table,) = queries.status(load_tracker(assured.root), as_of=AS_OF, orgs=["org-a"], theme="candour").tables
    assert table.assurance is not None
    assert (table.assurance.assessed, table.assurance.signoffs) == (0, {"current": 0, "stale": 1, "missing": 1})


def test_a_signoff_made_again_is_current(assured: Tracker, run_cli: RunCli) -> None:
    assert run_cli("signoff", "org-a", "1.1", "--by", "CFO", "--date", "2024-03-01", root=assured.root).exit_code == 0
    (table,) = queries.status(load_tracker(assured.root), as_of=AS_OF, orgs=["org-a"]).tables
    assert table.assurance is not None and table.assurance.signoffs == {"current": 2, "stale": 0, "missing": 1}


def test_the_snapshot_keeps_the_same_figures(assured: Tracker) -> None:
    corpus = load_tracker(assured.root)
    f = snapshot.figures_of(corpus)
    kept = snapshot._load_figures(snapshot._dump_figures(f), f.line_of)
    assert kept.assurance == f.assurance
    assert f.assurance["org-a"] == snapshot.AssuranceFigures({1: "limited"}, {2: True}, (0, 1, 1))
    assert queries.status(kept, as_of=AS_OF).tables == queries.status(corpus, as_of=AS_OF).tables


def test_the_table_says_it_only_where_there_is_something_to_say(assured: Tracker, run_cli: RunCli) -> None:
    out = run_cli("status", "--as-of", AS_OF.isoformat(), root=assured.root).stdout
    assert out.count("Assurance of the") == 1  # org-b records nothing: no line
    assert LINE in " ".join(out.split())  # wrapped at 80 columns
    plain = run_cli("status", "--org", "org-b", "--as-of", AS_OF.isoformat(), root=assured.root).stdout
    assert "Assurance" not in plain


def test_json_and_csv_carry_every_count(assured: Tracker, run_cli: RunCli) -> None:
    args = ("status", "--org", "org-a", "--as-of", AS_OF.isoformat(), "--format")
    doc = json.loads(run_cli(*args, "json", root=assured.root).stdout)
    assert doc["tables"][0]["assurance"] == {
        "assessed": 2,
        "levels": {"substantial": 0, "reasonable": 0, "limited": 1, "no-assurance": 0, "not-recorded": 1},
        "signoffs": {"current": 1, "stale": 1, "missing": 1},
        "decisions": {"accepted": 1, "accepted-in-part": 0, "not-accepted": 0, "not-applicable": 0, "none": 1},
    }
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "csv", root=assured.root).stdout)))
    total = rows[-1]
    assert total["key"] == "total" and rows[0]["assurance-limited"] == ""
    got = {k: total[k] for k in ("assessed", "assurance-limited", "assurance-not-recorded", "signoffs-stale")}
    assert got == {"assessed": "2", "assurance-limited": "1", "assurance-not-recorded": "1", "signoffs-stale": "1"}
    assert (total["signoffs-missing"], total["decision-accepted"], total["decision-none"]) == ("1", "1", "1")


def test_a_warm_status_answers_the_same_without_a_load(
    assured: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("check", root=assured.root).exit_code in (0, 1)  # a load: it keeps the snapshot
    for fmt in ("table", "json", "csv"):
        args = ("status", "--as-of", AS_OF.isoformat(), "--format", fmt)
        with monkeypatch.context() as m:
            m.setenv("FRANCIS_NO_CACHE", "1")
            expected = run_cli(*args, root=assured.root)
        with monkeypatch.context() as m:
            m.setattr(corpus_mod, "load_tracker", lambda *a, **k: pytest.fail("the tracker was loaded"))
            got = run_cli(*args, root=assured.root)
        assert (got.exit_code, got.stdout) == (expected.exit_code, expected.stdout)
        assert "1 stale" in " ".join(got.stdout.split()) or '"stale": 1' in got.stdout or "signoffs-stale" in got.stdout
