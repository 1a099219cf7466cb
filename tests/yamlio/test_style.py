"""How francis writes a value (`yamlio.style`): the first style that reads back exactly, ids always quoted,
folded text wrapped at WIDTH."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from francis_cli.errors import InternalError, UserError
from francis_cli.yamlio.read import parse
from francis_cli.yamlio.style import WIDTH, render_item, render_mapping, render_scalar, render_value

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STYLES = st.sampled_from([None, '"', "'", "|", ">"])


def reads_back(rendered: str, value: Any) -> bool:
    doc = parse(f"k: {rendered}\n")
    return doc.problems == [] and doc.data == {"k": value}


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        ("plain words", "plain words"),
        ("é – “quotes”", "é – “quotes”"),
        ("yes", "yes"),  # a string in YAML 1.2, so it may stay plain
        ("key:value", "key:value"),
        ("it's", "it's"),
        ("true", '"true"'),
        ("null", '"null"'),
        ("3.10", '"3.10"'),  # plain, it would read as the number 3.1
        ("2024", '"2024"'),
        ("a: b", '"a: b"'),
        ("# not a comment", '"# not a comment"'),
        ("- dash", '"- dash"'),
        ("[flow]", '"[flow]"'),
        ("*alias", '"*alias"'),
        ("trailing ", '"trailing "'),
        ("", '""'),
    ],
)
def test_short_text_is_plain_where_it_reads_back_else_double_quoted(value: str, rendered: str) -> None:
    assert render_scalar(value, 2) == rendered
    assert reads_back(rendered, value)


def test_numbers_and_booleans_are_written_as_yaml_reads_them() -> None:
    assert (render_scalar(3, 0), render_scalar(-12, 0), render_scalar(True, 0), render_scalar(False, 0)) == (
        "3",
        "-12",
        "true",
        "false",
    )


@pytest.mark.parametrize("value", [None, 1.5, [1], {"a": 1}, b"bytes"])
def test_other_types_are_a_bug_not_a_guess(value: object) -> None:
    with pytest.raises(InternalError, match="cannot write a"):
        render_scalar(value, 2)


def test_long_text_is_folded_and_wrapped_at_width() -> None:
    value = " ".join(f"word{i}" for i in range(60))
    rendered = render_scalar(value, 4, start_col=14)
    head, *lines = rendered.split("\n")
    assert head == ">-"  # no final line break in the value: strip it
    assert len(lines) > 1 and all(line.startswith("    word") for line in lines)
    assert all(len(line) <= WIDTH for line in lines)
    assert all(len(a) + 1 + len(b.split()[0]) > WIDTH for a, b in itertools.pairwise(lines))  # lines full
    assert " ".join(line.strip() for line in lines) == value
    assert reads_back(rendered, value)


def test_where_the_value_starts_decides_whether_it_is_long() -> None:
    value = " ".join(["word"] * 18)  # 89 characters
    assert render_scalar(value, 2, start_col=0) == value
    assert render_scalar(value, 2, start_col=20) == ">-\n  " + value


def test_a_word_longer_than_the_width_is_not_broken() -> None:
    assert render_scalar("x" * 150, 2) == ">-\n  " + "x" * 150


def test_paragraphs_are_folded_and_a_final_line_break_kept() -> None:
    rendered = render_scalar("para one\n\npara two\n", 2)
    assert rendered == ">\n  para one\n\n\n  para two"
    assert reads_back(rendered, "para one\n\npara two\n")


def test_a_more_indented_line_makes_it_literal() -> None:
    assert render_scalar("a\n  b", 2) == "|-\n  a\n    b"


def test_text_no_block_scalar_can_hold_is_double_quoted() -> None:
    assert render_scalar("ends\n\n", 2) == '"ends\\n\\n"'
    assert render_scalar("  leading", 2) == '"  leading"'
    assert render_scalar(" \n", 2) == '" \\n"'


def test_a_style_asked_for_is_kept_where_it_reads_back() -> None:
    assert render_scalar("line one\nline two", 4, style="|") == "|-\n    line one\n    line two"
    assert render_scalar("short", 2, style=">") == ">-\n  short"
    assert render_scalar("it's", 2, style="'") == "'it''s'"
    assert render_scalar("two\nlines", 2, style="'") == '"two\\nlines"'  # single quotes cannot hold a line break
    assert render_scalar("plain", 2, style='"') == '"plain"'


def test_quote_always_double_quotes() -> None:
    assert render_scalar("abc", 0, quote=True) == '"abc"'
    assert render_scalar("x" * 150, 0, quote=True) == '"' + "x" * 150 + '"'


@pytest.mark.parametrize("value", ["1", "3.2", "3.10", "S1", "plain", "1.1.1"])
def test_ids_are_always_double_quoted(value: str) -> None:
    assert render_value("id", value, 6) == [f'      id: "{value}"']
    assert render_item({"id": value, "title": "x"}, 4) == [f'    - id: "{value}"', "      title: x"]
    assert render_mapping({"id": value}, 2) == [f'  id: "{value}"']


def test_only_ids_are_quoted_for_being_ids() -> None:
    assert render_value("title", "S1", 0) == ["title: S1"]
    assert render_value("id", "S1", 0) == ['id: "S1"']


def test_a_list_of_scalars_is_a_flow_list_where_it_fits() -> None:
    assert render_value("evidence", ["Board minutes", "a, b", "3.10"], 4) == [
        '    evidence: [Board minutes, "a, b", "3.10"]'
    ]
    long = [f"item number {i}" for i in range(10)]
    assert render_value("evidence", long, 4) == ["    evidence:", *(f"      - {v}" for v in long)]
    assert render_value("evidence", [], 4) == ["    evidence: []"]


def test_a_mapping_leaves_out_none_and_nests() -> None:
    lines = render_mapping({"date": "2024-02-01", "note": "Done.", "by": None, "more": {"a": 1}}, 2)
    assert lines == ["  date: 2024-02-01", "  note: Done.", "  more:", "    a: 1"]  # dates are text to francis


# --- every rendering reads back: properties over text ------------------------------------------------------

_bmp = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)))
_printable = st.text(st.characters(exclude_categories=("Cc", "Cs")))


@given(_bmp, st.integers(0, 120), STYLES)
@PROPERTY
@example("para one\n\npara two\n", 0, None)
@example("\x85next line", 0, None)
@example("\x7f", 0, None)
@example("a\n  b\n", 0, ">")
def test_any_text_of_the_basic_plane_reads_back(value: str, start_col: int, style: str | None) -> None:
    rendered = render_scalar(value, 2, start_col=start_col, style=style)
    assert reads_back(rendered, value), rendered


@given(_printable, st.integers(0, 120), STYLES)
@PROPERTY
@example("emoji 😀 and more " * 8, 0, None)
def test_any_printable_text_reads_back(value: str, start_col: int, style: str | None) -> None:
    rendered = render_scalar(value, 2, start_col=start_col, style=style)
    assert reads_back(rendered, value), rendered


@given(_bmp, st.booleans())
@PROPERTY
@example("a, b", False)
@example("]", False)
def test_any_text_reads_back_in_a_flow_list(value: str, quote: bool) -> None:
    rendered = render_scalar(value, 0, flow=True, quote=quote)
    doc = parse(f"k: [{rendered}]\n")
    assert doc.problems == [] and doc.data == {"k": [value]}, rendered


_words = st.lists(st.from_regex(r"[a-z]{1,12}", fullmatch=True), min_size=1, max_size=60).map(" ".join)


@given(_words, st.integers(2, 12))
@PROPERTY
def test_folded_lines_never_pass_the_width(value: str, indent: int) -> None:
    rendered = render_scalar(value, indent, start_col=WIDTH)  # long wherever it would start
    head, *lines = rendered.split("\n")
    assert head == ">-"
    assert all(len(line) <= WIDTH for line in lines), rendered
    assert " ".join(line.strip() for line in lines) == value


def test_text_needing_escapes_and_an_emoji_reads_back() -> None:
    """The last resort escapes as YAML does: an emoji beside a DEL was once a surrogate pair (exit 3)."""
    for text in ("Delivered \x7f 😀", "a\u2028b \x85 x", 'q"\\ \x00 \ufeff', "\x9f 🏥\nnext"):
        rendered = render_scalar(text, 2)
        assert reads_back(rendered, text), rendered


def test_text_that_is_not_unicode_is_refused_in_one_line() -> None:
    with pytest.raises(UserError, match=r"is not valid text \(bytes that are not UTF-8\?\); nothing written"):
        render_scalar("bad \udcff", 2)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_any_text_an_edit_accepts_reads_back_exactly(text: str) -> None:
    """Whatever a note or a position holds (controls, line separators, emoji, a byte-order mark),
    what francis writes reads back as the same text."""
    rendered = render_scalar(text, 4, start_col=10)
    assert reads_back(rendered, text), rendered
