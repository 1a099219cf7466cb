"""Text edits at parser positions (`yamlio.splice.TextDoc`): on the bundled files and on each kind of value."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.errors import InternalError, UserError
from francis_cli.yamlio.read import parse
from francis_cli.yamlio.splice import TextDoc

from ..conftest import REPO

BUNDLED = sorted((REPO / "data").rglob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_parse_and_splice_nothing_gives_identical_bytes(path: Path) -> None:
    raw = path.read_bytes()
    assert TextDoc(raw.decode("utf-8")).result().encode("utf-8") == raw


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "3.10",
        "yes",
        "a: b",
        "# not a comment",
        "- dash",
        "'quoted'",
        "x" * 150,
        "two\nlines",
        "para one\n\npara two\n",
        "  indented",
        "",
        "null",
        "trailing ",
        "tab\there",
        "[flow]",
        "é – “quotes”",
        "\u2028",
    ],
)
def test_rendered_scalars_read_back(value: str) -> None:
    doc = TextDoc("a:\n  - k: old\n    n: 1\n")
    doc.set(("a", 0), "k", value)
    doc.set(("a", 0), "new", value, ("k", "new", "n"))
    from francis_cli.yamlio import read as yamlio

    assert yamlio.parse(doc.result()).data == {"a": [{"k": value, "new": value, "n": 1}]}


# --- each kind of edit changes its own bytes, and nothing else ---------------------------------------------

TEXT = """\
# top comment
organisation: org-a   # trailing comment
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating:  amber    # odd spacing
    position: >
      Partly in place,
      with a plan.
  # a comment above the second item
  - recommendation: 2
    rating: green
    position: |
      In place.
      Audited.
    actions: []
"""
ORDER = ("recommendation", "rating", "position", "evidence", "actions")


def edited(doc: TextDoc) -> str:
    """The edited text, checked to hold exactly the data the edits meant."""
    text = doc.result()
    assert parse(text).data == doc.expected_final
    return text


def test_setting_a_scalar_changes_only_its_bytes() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 0), "rating", "green")
    assert edited(doc) == TEXT.replace("rating:  amber    # odd spacing", "rating:  green    # odd spacing")


def test_setting_the_value_it_has_changes_nothing() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 1), "rating", "green")
    assert doc.splices == [] and edited(doc) == TEXT


def test_a_new_key_goes_after_its_predecessor_in_order() -> None:
    doc = TextDoc(TEXT)
    doc.set((), "set", "test-set", ("organisation", "set", "assessed", "assessments"))
    assert edited(doc) == TEXT.replace("assessed:", "set: test-set\nassessed:")
    assert list(doc.expected_final)[-1] == "set"  # the data's order is the parser's business, not the text's


def test_a_new_key_goes_after_its_predecessors_whole_value() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 0), "evidence", ["Board minutes", "Audit report"], ORDER)
    evidence = "    evidence: [Board minutes, Audit report]\n"
    assert edited(doc) == TEXT.replace("      with a plan.\n", "      with a plan.\n" + evidence)
    doc = TextDoc(TEXT)
    doc.set((), "title", "Gap assessment", ("organisation", "assessed", "assessments", "title"))
    assert edited(doc) == TEXT + "title: Gap assessment\n"


def test_a_key_not_in_the_order_goes_last() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 1), "reason", "Checked.", ORDER)
    assert edited(doc) == TEXT + "    reason: Checked.\n"


def test_deleting_a_key_removes_its_line() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 0), "rating", None)
    assert edited(doc) == TEXT.replace("    rating:  amber    # odd spacing\n", "")


def test_a_block_scalar_keeps_its_style() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 0), "position", "All in place now.")
    doc.set(("assessments", 1), "position", "In place.\nAudited twice.")
    text = edited(doc)
    assert text == TEXT.replace("      Partly in place,\n      with a plan.\n", "      All in place now.\n").replace(
        "      Audited.\n", "      Audited twice.\n"
    )
    assert "    position: >\n" in text and "    position: |\n" in text  # `>` and `|`, not `>-` or `|-`
    assert doc.expected_final["assessments"][0]["position"] == "All in place now.\n"  # the block's line break kept


def test_items_are_added_at_the_end_of_a_block_list() -> None:
    doc = TextDoc(TEXT)
    doc.add_items(("assessments",), [{"recommendation": 3, "rating": "red"}])
    assert edited(doc) == TEXT + "  - recommendation: 3\n    rating: red\n"


def test_an_item_added_before_another_goes_above_that_ones_comment() -> None:
    doc = TextDoc(TEXT)
    doc.add_items(("assessments",), [{"recommendation": 0, "rating": "red"}], before=1)
    item = "  - recommendation: 0\n    rating: red\n"
    assert edited(doc) == TEXT.replace("  # a comment above", item + "  # a comment above")
    assert [a["recommendation"] for a in doc.expected_final["assessments"]] == [1, 0, 2]


def test_items_added_to_an_empty_flow_list_make_it_a_block_list() -> None:
    doc = TextDoc(TEXT)
    doc.add_items(("assessments", 1, "actions"), ["1.1", "3.10"])
    assert edited(doc) == TEXT.replace("    actions: []\n", '    actions:\n      - "1.1"\n      - "3.10"\n')
    assert doc.expected_final["assessments"][1]["actions"] == ["1.1", "3.10"]


def test_a_missing_list_is_created_after_its_predecessor() -> None:
    doc = TextDoc(TEXT)
    doc.add_items(("assessments", 0, "evidence"), ["Minutes"], order=ORDER)
    doc.add_items(("assessments", 0, "evidence"), ["Audit"], order=ORDER)
    evidence = "    evidence: [Minutes, Audit]\n"
    assert edited(doc) == TEXT.replace("      with a plan.\n", "      with a plan.\n" + evidence)


def test_a_flow_list_with_items_is_not_edited() -> None:
    doc = TextDoc("organisation: org-a\nactions: [a, b]\n")
    with pytest.raises(UserError, match=r"`actions:` is not a block list here"):
        doc.add_items(("actions",), ["c"])


def test_crlf_and_a_byte_order_mark_are_kept() -> None:
    windows = "\ufeff" + TEXT.replace("\n", "\r\n")
    doc = TextDoc(windows)
    doc.set(("assessments", 0), "rating", "red")
    doc.set(("assessments", 1), "position", "In place.\nAudited twice.")
    doc.add_items(("assessments",), [{"recommendation": 3, "rating": "blue"}])
    doc.set((), "set", "test-set", ("organisation", "set", "assessed"))
    text = doc.result()
    expected = TEXT.replace("rating:  amber", "rating:  red").replace("      Audited.\n", "      Audited twice.\n")
    expected = expected.replace("assessed:", "set: test-set\nassessed:") + "  - recommendation: 3\n    rating: blue\n"
    assert text == "\ufeff" + expected.replace("\n", "\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_a_line_added_to_a_file_without_a_final_line_break_ends_without_one_too() -> None:
    doc = TextDoc("organisation: org-a\nassessments: []")
    doc.set((), "assessed", "2024-01-15")
    assert edited(doc) == "organisation: org-a\nassessments: []\nassessed: 2024-01-15"


def test_overlapping_edits_are_a_bug() -> None:
    doc = TextDoc(TEXT)
    doc.set(("assessments", 0), "rating", "green")
    doc.set(("assessments", 0), "rating", "red")
    with pytest.raises(InternalError, match="overlapping edits"):
        doc.result()
    doc = TextDoc(TEXT)
    doc.set(("assessments", 0), "position", "Short now.")
    doc.set(("assessments", 0), "position", None)
    with pytest.raises(InternalError, match="overlapping edits"):
        doc.result()


def test_an_edit_keeps_line_separators_that_are_not_line_breaks() -> None:
    """NEL, U+2028 and U+2029 do not end a line in YAML 1.2: a comment or value holding one is
    edited like any other (it once ended the edit in a parser error, exit 3)."""
    text = "a: 1  # note\u2028 more\nb: old\u0085 text\n"
    doc = TextDoc(text)
    doc.set((), "a", 2)
    assert doc.result() == "a: 2  # note\u2028 more\nb: old\u0085 text\n"
