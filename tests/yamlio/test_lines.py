"""The line reader of the lean path (``yamlio._lines``): the careful builder's data, or it gives up.

Every text it takes must read exactly as the careful builder (positions, problems, libyaml) reads
it; everything else it must leave (``Careful``). Random documents are built from the pieces of
the style francis writes and from the pieces next to it that mean something else in YAML (a
comment, a colon, a quote, a more-indented or blank line, a tab, a trailing space, a marker), so
that both sides of every boundary of what it takes are drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from francis_cli.yamlio import read as yamlio
from francis_cli.yamlio._lines import Careful, build_lines

from ..conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
SUITE = SHARED / "corpora" / "yaml-test-suite"
MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _agrees(text: str) -> bool:
    """Whether the line reader gives the careful builder's data for ``text`` (True), or leaves it
    (False); fails if it takes a text and reads it differently, or takes one with a problem."""
    careful = yamlio.parse(text)
    try:
        got = build_lines(text.removeprefix("\ufeff"), 64)
    except Careful:
        return False
    assert careful.problems == [], (text, careful.problems)
    assert repr(got) == repr(careful.data), text  # repr: True is not 1, 1.0 is not 1
    assert yamlio.parse(text, positions=False).data == got
    return True


# --- the pieces random documents are made of ---------------------------------------------------

_WORDS = """a|b c|Board minutes 11/2014|2014-05|2013-04-25|1|-1|0x1F|1.5|1e3|.inf|~|null|true|No|yes|é–’|a:b
|http://x|a#b|10:30|[x]|x [y]|a, b|{x}|x}|a - b|a -|%|@x|`x|<<|=|?x|-x|:x|&a x|*a|!x y|x !y"""
_words = st.sampled_from(_WORDS.replace("\n", "").split("|"))
_tails = st.sampled_from(["", "", "", "  # note", " #", ":", ": x", " ", "\t", "'", '"'])
_keys = st.sampled_from(["a", "b", "key", "id", "due_date", "x-y", "null", "true", "_", "a b", "'q'", '"q"', "1"])


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    word = draw(_words)
    kind = draw(st.sampled_from(["plain", "plain", "double", "single", "flow"]))
    if kind == "double":
        word = '"' + draw(st.sampled_from([word, word + '\\"', word + "'", ""])) + '"'
    elif kind == "single":
        word = "'" + draw(st.sampled_from([word, word + "''s", word + "'", ""])) + "'"
    elif kind == "flow":
        items = draw(st.lists(st.sampled_from([word, '"4.7"', "'x'", "183", "", " ", "a b", "[y]", "a:"]), max_size=3))
        word = "[" + draw(st.sampled_from([", ", ",", " , "])).join(items) + draw(st.sampled_from(["]", ",]", " ]"]))
    return word + draw(_tails)


@st.composite
def _block_body(draw: st.DrawFn, indent: int) -> list[str]:
    width = indent + draw(st.integers(0, 3))
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        extra = draw(st.sampled_from([0, 0, 0, 0, 1, 2, -1]))
        body = draw(st.sampled_from(["text", "more words", "# not a comment", "a: b", "- x", "", "  ", "x\t"]))
        lines.append(" " * max(0, width + extra) + body if body else "")
    return lines


@st.composite
def _node(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """The lines of a block mapping or list at ``indent``."""
    pad = " " * indent
    out: list[str] = []
    as_list = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        lead = pad + ("-" + draw(st.sampled_from([" ", " ", "  "])) if as_list else "")
        entry = "" if as_list and draw(st.booleans()) else draw(_keys) + draw(st.sampled_from([":", ": ", ":  "]))
        what = draw(st.sampled_from(["scalar", "scalar", "block", "nested", "empty", "comment"]))
        if what == "scalar" or (what == "nested" and depth > 2):
            out.append(lead + entry + (" " if entry.endswith(":") else "") + draw(_scalar()))
        elif what == "block":
            header = draw(st.sampled_from([">", "|", ">-", "|-", ">+", "|2", "> # c", ">x"]))
            out.append(lead + entry + (" " if entry.endswith(":") else "") + header)
            out += draw(_block_body(indent + 1 + (len(lead) - indent if as_list else 0)))
        elif what == "nested":
            out.append((lead + entry).rstrip(" ") or lead + "-")
            step = draw(st.sampled_from([0, 1, 2, 2, 4]))
            out += draw(_node(indent + step + (2 if as_list else 0), depth + 1))
        elif what == "empty":
            out.append((lead + entry).rstrip(" "))
        else:
            out.append(pad + draw(st.sampled_from(["# a comment", "#", ""])))
    return out


@st.composite
def _document(draw: st.DrawFn) -> str:
    lines = draw(_node(0, 0))
    if draw(st.integers(0, 9)) == 0:
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["---", "...", "%YAML 1.2", "  x", "\r"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", "", "\n\n", "\n# end\n"]))


@given(_document())
@MANY
@example("a: >\n  one\n  two\n\n  three\nb: 1\n")
@example("a:\n- x\n- y: 1\n  z: [2, '3']\nb: |-\n  kept\n    as\n  is\n")
@example("a: x  # a comment\nb:   # another\n  c: 'it''s'\n")
@example("a: x\n  y\n")  # a plain scalar running on: the careful builder reads "x y"
@example("a: >\n\n  x\n")  # a leading blank line
def test_a_document_it_takes_reads_as_the_careful_builder_reads_it(text: str) -> None:
    _agrees(text)


@pytest.mark.skipif(not SUITE.is_dir(), reason="../shared/corpora/yaml-test-suite is not here")
def test_every_yaml_test_suite_input_it_takes_reads_alike() -> None:
    taken = [path for path in sorted(SUITE.glob("*.yaml")) if _agrees(path.read_bytes().decode("utf-8", "replace"))]
    assert len(taken) >= 10  # it takes the plain ones


def test_the_bundled_tracker_is_read_a_line_at_a_time() -> None:
    files = [ROOT / "francis.yaml", *sorted((ROOT / "data").rglob("*.yaml"))]
    assert len(files) >= 4
    for path in files:
        assert _agrees(path.read_text(encoding="utf-8")), path


def test_a_generated_national_tracker_is_read_a_line_at_a_time(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    generate(tmp_path / "t", 2)
    files = sorted((tmp_path / "t" / "data").rglob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        assert _agrees(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key
        "a: &x 1\nb: *x\n",  # an anchor and an alias
        "a: !!str 1\n",  # a tag
        "a: 1\n---\nb: 2\n",  # a second document
        "a:\tb\n",  # a tab
        "a: b \n",  # a trailing space
        "a: b\r\n",  # CR LF
        "a: b\x85c\n",  # NEL
        "a: b",  # no line break at the end
        "a: x\n  y\n",  # a plain scalar on two lines
        "a: >\n  x\n    y\n",  # a more-indented line in a folded scalar
        "a: >+\n  x\n\n",  # keep chomping
        "null: 1\n",  # a key that is not a string
        "'a': 1\n",  # a quoted key
        "a: {b: 1}\n",  # a flow mapping
        "a: [b: 1]\n",  # a colon in a flow list
        'a: "x\\ty"\n',  # an escape
        "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 80)),  # past the nesting limit
    ],
)
def test_what_might_read_differently_is_left_to_the_other_builders(text: str) -> None:
    with pytest.raises(Careful):
        build_lines(text, 64)
    assert repr(yamlio.parse(text, positions=False).data) == repr(yamlio.parse(text).data)
