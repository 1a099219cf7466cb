"""Finding recommendations in a report's text (tracker.report_text, tracker.extract): each layout a
report really uses, with known texts, read from plain text here (PDFs: tests/scenarios/test_catalogue_extract.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.errors import UserError
from francis_cli.tracker.extract import Extraction, extract
from francis_cli.tracker.report_text import read_report


def _extract(tmp_path: Path, text: str, pages: tuple[int, int] | None = None) -> Extraction:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return extract(read_report(path, pages), "report.txt")


def _texts(extraction: Extraction) -> dict[str, str]:
    return {f.number: f.text for f in extraction.found}


def _problems(extraction: Extraction) -> list[str]:
    return [p.format() for p in extraction.problems]


def test_recommendation_headings_with_a_lead_in_and_bullets_keep_their_structure(tmp_path: Path) -> None:
    found = _extract(
        tmp_path,
        "Chapter 1\n\nRecommendation 1\nIt is recommended that:\n• all trusts publish\ntheir response;\n"
        "• NHS England collates them.\n\nRecommendation 2: The Department should report\nyearly.\n",
    )
    assert _texts(found) == {
        "1": "It is recommended that:\n• all trusts publish their response;\n• NHS England collates them.",
        "2": "The Department should report yearly.",
    }
    assert [(f.page, f.where) for f in found.found] == [(None, 3), (None, 9)]
    assert _problems(found) == [
        "report.txt:1:1: error extract-unattached text not attached to a recommendation (1 line): 'Chapter 1 ...'"
    ]


@pytest.mark.parametrize(
    ("heading", "number"),
    [("1.", "1"), ("R1", "1"), ("R 1:", "1"), ("IEA 1", "1"), ("Recommendation 1 –", "1"), ("RECOMMENDATION 1.", "1")],
)
def test_each_numbering_form(tmp_path: Path, heading: str, number: str) -> None:
    second = heading.replace("1", "2")
    found = _extract(tmp_path, f"{heading} Trusts must act.\n\n{second} Boards must report.\n")
    assert _texts(found) == {number: "Trusts must act.", "2": "Boards must report."}
    assert found.problems == []


def test_a_short_heading_line_is_a_title(tmp_path: Path) -> None:
    found = _extract(tmp_path, "Recommendation 7: Candour\n\nStaff must be open with patients.\n")
    (item,) = found.found
    assert (item.number, item.title, item.text) == ("7", "Candour", "Staff must be open with patients.")


def test_bare_numbers_count_only_in_sequence(tmp_path: Path) -> None:
    text = "1. Trusts must:\n\n2013 was the year of the report.\n\n2. Boards must report.\n\n4. Regulators must act.\n"
    found = _extract(tmp_path, text)
    assert _texts(found) == {
        "1": "Trusts must:\n2013 was the year of the report.",
        "2": "Boards must report.",
        "4": "Regulators must act.",
    }
    assert _problems(found) == ["report.txt:7:1: error extract-missing recommendation 3 not found (between 2 and 4)"]


def test_inside_a_word_numbered_report_a_numbered_list_is_text(tmp_path: Path) -> None:
    text = "Recommendation 1\nThe trust should:\n\n1. publish;\n\n2. report.\n\nRecommendation 2\nAct.\n"
    assert _texts(_extract(tmp_path, text)) == {"1": "The trust should:\n1. publish;\n2. report.", "2": "Act."}


def test_sub_items_are_found_with_their_own_numbers(tmp_path: Path) -> None:
    found = _extract(tmp_path, "1. Trusts must:\n\n1(a) publish;\n\n1(b) report.\n\n2. Boards must act.\n")
    assert _texts(found) == {"1": "Trusts must:", "1(a)": "publish;", "1(b)": "report.", "2": "Boards must act."}


def test_hyphenated_words_are_joined(tmp_path: Path) -> None:
    text = "1. The trust must be account-\nable and well-\nled, as a well-led trust is, and re\u2010\nport.\n"
    assert _texts(_extract(tmp_path, text)) == {
        "1": "The trust must be account-able and well-led, as a well-led trust is, and report."
    }


def test_an_ascii_hyphen_is_dropped_where_the_word_is_found_whole(tmp_path: Path) -> None:
    text = "1. The trust must be account-\nable.\n\n2. Every accountable body reports.\n"
    assert _texts(_extract(tmp_path, text))["1"] == "The trust must be accountable."


def test_footnote_markers_are_stripped_and_recorded(tmp_path: Path) -> None:
    found = _extract(tmp_path, "1. Trusts must publish their response.12 See paragraph 4.2 of the R1 report.\n")
    (item,) = found.found
    assert item.text == "Trusts must publish their response. See paragraph 4.2 of the R1 report."
    assert item.footnotes == ["12"]


def test_running_headers_footers_and_page_numbers_go_and_a_recommendation_runs_across_pages(tmp_path: Path) -> None:
    pages = [
        "The Inquiry Report\n\n1. Trusts must publish\ntheir response to the\n\nPage 1 of 3\n",
        "The Inquiry Report\n\nreport within a year.\n\n2. Boards must act.\n\nPage 2 of 3\n",
        "The Inquiry Report\n\n3. Regulators must\ninspect.\n\nPage 3 of 3\n",
    ]
    found = _extract(tmp_path, "\f".join(pages))
    assert _texts(found) == {
        "1": "Trusts must publish their response to the report within a year.",
        "2": "Boards must act.",
        "3": "Regulators must inspect.",
    }
    assert [f.page for f in found.found] == [1, 2, 3]
    assert found.problems == []


def test_pages_choose_the_pages_of_a_text_with_form_feeds(tmp_path: Path) -> None:
    text = "1. Summary one.\n\n2. Summary two.\f1. Full one.\n\n2. Full two.\n"
    assert _texts(_extract(tmp_path, text, (2, 2))) == {"1": "Full one.", "2": "Full two."}
    found = _extract(tmp_path, text)
    assert _texts(found) == {"1": "Summary one.", "2": "Summary two."}
    assert _problems(found) == [
        "report.txt:3:1: error extract-duplicate recommendation 1 again (first on page 1): "
        "a second list from here is left out; --pages chooses one"
    ]
    with pytest.raises(UserError, match="no page breaks"):
        _extract(tmp_path, "1. One.\n", (1, 2))


def test_nothing_found_is_one_problem(tmp_path: Path) -> None:
    assert _problems(_extract(tmp_path, "\nA report without recommendations.\n")) == [
        "report.txt:2:1: error extract-unattached no numbered recommendations found"
    ]
