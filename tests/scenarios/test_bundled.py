"""The bundled tracker: real data that must stay valid, complete and faithful to its sources."""

from __future__ import annotations

import pytest

from francis_cli.checks.run import run_checks
from francis_cli.tracker.corpus import load_tracker

from ..conftest import REPO, RunCli


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_tracker(REPO)


def test_bundled_data_has_no_errors(corpus) -> None:  # type: ignore[no-untyped-def]
    problems = run_checks(corpus)
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert {p.code for p in problems} == {"not-transcribed", "no-due"}


def test_catalogue_has_all_290_numbers_in_order(corpus) -> None:  # type: ignore[no-untyped-def]
    rs = corpus.set("francis-2013").model
    assert [r.number for r in rs.recommendations] == list(range(1, 291))
    with_text = [r for r in rs.recommendations if r.text]
    assert len(with_text) == 218
    assert all(r.source for r in with_text)
    assert {r.number for r in rs.recommendations if r.theme == "commissioning-for-standards"} == set(range(123, 145))
    assert all(rs.recommendations[n - 1].text for n in range(123, 145))


def test_barnet_assesses_every_commissioning_standard(corpus) -> None:  # type: ignore[no-untyped-def]
    barnet = [a for a in corpus.assessments if a.organisation == "barnet-ccg"]
    assert [a.model.recommendation for a in barnet] == list(range(123, 145))
    assert all(a.model.position for a in barnet)
    assert barnet[0].model.position.startswith("The CCG has put a structure in place to actively engage with GPs")


def test_the_seed_papers_faults_are_mended(corpus) -> None:  # type: ignore[no-untyped-def]
    rs = corpus.set("francis-2013").model
    text = {r.number: r.text or "" for r in rs.recommendations}
    assert text[128].endswith(
        "When groups are too small to acquire such support, they should collaborate with others to do so.\n"
    )
    assert "including requiring the substitution of staff" in text[137]
    assert text[135].count("•") == 6 and "board.\n" in text[135]
    assert all(t.source for t in rs.themes)
    barnet = {a.model.recommendation: a for a in corpus.assessments if a.organisation == "barnet-ccg"}
    assert barnet[123].file_model.illustrative
    assert "monitoring role within the action plan." in (barnet[123].model.position or "")
    assert (barnet[124].model.position or "").startswith("The Quality Strategy for the CCG")
    assert (barnet[130].model.rating, barnet[137].model.rating) == ("amber", "amber")
    merton = {a.model.id: a.model for a in corpus.actions if a.organisation == "merton-ccg"}
    assert [(merton[i].due, bool(merton[i].timeline)) for i in ("2.1", "2.6", "3.1")] == [(None, True)] * 3
    org = corpus.organisation("merton-ccg")
    assert org.assumed_titles == ["AO", "CFO", "DoC", "PPI-mgr"]
    assert (
        org.role_title("AO") == "Accountable Officer, title assumed" and org.role_title("DoQ") == "Director of Quality"
    )


def test_merton_workplan_has_21_actions_in_4_sections(corpus) -> None:  # type: ignore[no-untyped-def]
    merton = [a for a in corpus.actions if a.organisation == "merton-ccg"]
    assert len(merton) == 21
    assert [s.title for s in merton[0].workplan.sections] == [
        "Strategy",
        "Capability and culture",
        "Processes and structure",
        "Measurement for quality",
    ]
    by_id = {a.model.id: a.model for a in merton}
    assert by_id["2.2"].timeline == "Summer 2013" and str(by_id["2.2"].due) == "2013-08"
    assert by_id["3.4"].timeline == "Immediate" and str(by_id["3.4"].due) == "2013-05-16"
    assert by_id["4.3"].timeline == "As above." and by_id["4.3"].due == by_id["4.2"].due


def test_bundled_check_command(run_cli: RunCli) -> None:
    result = run_cli("check", root=REPO)
    assert result.exit_code == 0
    assert result.stderr == "0 errors, 5 warnings in 5 files\n"  # not-transcribed; 2.1, 2.6, 3.1, 3.7 no-due
