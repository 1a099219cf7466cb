"""Property-based tests (hypothesis) of the YAML reader, and the cases the fuzzers found.

The YAML 1.2 core schema (YAML 1.2.2, section 10.3.2) is written out below as an independent
oracle, straight from the spec's regular expressions; francis must agree with it everywhere,
and with ruamel.yaml's own YAML 1.2 loader except where ruamel departs from the core schema.
Either of ruamel's parsers (its C one, and the pure-Python one used where ruamel.yaml.clib has
no wheel) must give the same data, positions and problems."""

from __future__ import annotations

import inspect
import io
import math
import re
import sys
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from francis_cli.problems import PROBLEM_CODES
from francis_cli.yamlio import read as yamlio
from francis_cli.yamlio.values import resolve_plain

from ..conftest import SHARED

# parse(text, positions=False), where this version of yamlio has it: a faster read with no source map
_FAST_PATH = "positions" in inspect.signature(yamlio.parse).parameters


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the YAML 1.2 core schema, from the spec ------------------------------------------------

_NAN = object()  # stands for any NaN: NaN != NaN


def core_schema(s: str) -> Any:
    """What the YAML 1.2 core schema resolves an untagged plain scalar ``s`` to."""
    if re.fullmatch(r"null|Null|NULL|~|", s):
        return None
    if re.fullmatch(r"true|True|TRUE", s):
        return True
    if re.fullmatch(r"false|False|FALSE", s):
        return False
    if re.fullmatch(r"[-+]?[0-9]+", s):
        return int(s, 10)
    if re.fullmatch(r"0o[0-7]+", s):
        return int(s[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", s):
        return int(s[2:], 16)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", s):
        return float(s)
    if re.fullmatch(r"[-+]?\.(inf|Inf|INF)", s):
        return -math.inf if s.startswith("-") else math.inf
    if re.fullmatch(r"\.(nan|NaN|NAN)", s):
        return _NAN
    return s


def same(a: Any, b: Any) -> bool:
    """Equal, of exactly the same type (True is not 1), NaN equal to NaN, -0.0 not 0.0."""
    if a is _NAN or b is _NAN:
        return isinstance(a if b is _NAN else b, float) and math.isnan(a if b is _NAN else b)
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return bool(a == b)


# Forms ruamel.yaml's "1.2" resolver reads as numbers although the core schema makes them strings
# (underscores, binary, a sign before 0o/0x: YAML 1.1 habits), and one form it reads as a string
# although the core schema makes it a float (.5e3: ruamel wants a signed exponent after a leading
# dot). In each case francis follows the spec.
_RUAMEL_DEVIATIONS = [
    re.compile(r"[-+]?[0-9_.a-fA-FxobeE]*_[0-9_.a-fA-FxobeE+-]*"),  # underscores in a number
    re.compile(r"[-+]?0b[01_]+"),  # binary
    re.compile(r"[-+]0[ox][0-9a-fA-F_]+"),  # signed octal or hex
    re.compile(r"[-+]?\.[0-9]+[eE][0-9]+"),  # leading dot, unsigned exponent
]


# ruamel's timestamp resolver (it is the same in YAML 1.1 and 1.2 mode)
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)


def ruamel_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def ruamel_dump(data: Any, *, flow: bool) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- 1. plain scalars: francis vs the core schema vs ruamel ---------------------------------

SPELLINGS = [
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "False",
    "FALSE",
    "fAlse",
    "null",
    "Null",
    "NULL",
    "nULL",
    "~",
    "~~",
    "",
    "no",
    "No",
    "NO",
    "yes",
    "Yes",
    "y",
    "n",
    "Y",
    "N",
    "on",
    "On",
    "off",
    "OFF",
    ".inf",
    ".Inf",
    ".INF",
    ".iNF",
    "+.inf",
    "-.inf",
    "-.Inf",
    "+.INF",
    "inf",
    "-inf",
    "Infinity",
    ".nan",
    ".NaN",
    ".NAN",
    ".nAn",
    "-.nan",
    "+.nan",
    "nan",
    "NaN",
    "0",
    "-0",
    "+0",
    "00",
    "010",
    "-010",
    "0o17",
    "0o8",
    "0O17",
    "0o",
    "-0o17",
    "+0o17",
    "0x1F",
    "0x1f",
    "0X1F",
    "0x",
    "0xG",
    "-0x1F",
    "0b101",
    "-0b1",
    ".5",
    "-.5",
    "+.5",
    "5.",
    "1.",
    "0.",
    ".",
    "+.",
    "-.",
    "1e3",
    "1E3",
    "1e+3",
    "1e-3",
    "1e",
    "e3",
    ".5e3",
    ".5e+3",
    "+.5e-3",
    "1.e3",
    "1.5e",
    "+1",
    "-1",
    "+-1",
    "1_000",
    "1__0",
    "0x_1f",
    "._1",
    "1_0.5",
    "1:30",
    "1:30:00",
    "2013-04-25",
    "2014-12",
    "2014",
    "2014-Q4",
    "2013-4-5",
    "2013-13-45",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10",
    "12:00",
    "yes please",
    "3.2",
    "3.10",
    "1.2.3",
    "+",
    "--",
    "-x",
    "~x",
    "x~",
    "0.5.",
    "1e3.0",
]


_words = st.from_regex(r"\A[A-Za-z][A-Za-z0-9 .+-]{0,10}[A-Za-z0-9]\Z")


_number_soup = st.text(alphabet="0123456789+-.eExXoObB_abcdfinINaA~", min_size=1, max_size=8).filter(
    lambda s: s != "-"  # a lone "-" is a sequence entry, not a scalar
)


_two_digits = st.integers(0, 99).map(lambda i: f"{i:02d}")


plain_scalars = st.one_of(
    st.sampled_from(SPELLINGS),
    st.integers().map(str),
    st.integers().map(lambda i: f"{i:+d}"),
    st.integers().map(hex),
    st.integers(min_value=0).map(lambda i: f"0o{i:o}"),
    st.integers(min_value=0).map(lambda i: f"0{i:o}"),
    st.floats().map(repr),
    st.floats().map(lambda f: f"{f:e}"),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: f"{f:.3f}"),
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    st.datetimes().map(lambda d: d.isoformat()),
    st.tuples(st.integers(0, 9999), _two_digits, _two_digits).map(lambda t: f"{t[0]:04d}-{t[1]}-{t[2]}"),
    _words,
    _number_soup,
)


@given(plain_scalars)
@FAST
@example("1_000")
@example(".5e3")
@example("2013-04-25")
@example("010")
def test_plain_scalars_follow_the_yaml_1_2_core_schema(s: str) -> None:
    check_plain_scalar(s)


@pytest.mark.parametrize("s", SPELLINGS)
def test_each_listed_spelling_follows_the_core_schema(s: str) -> None:
    check_plain_scalar(s)  # every one, not only those hypothesis happens to draw


def check_plain_scalar(s: str) -> None:
    text = f"k: {s}\n"
    doc = yamlio.parse(text)
    assert doc.problems == []
    ours = doc.data["k"]
    expected = core_schema(s)
    assert same(ours, expected), f"{s!r}: francis {ours!r}, YAML 1.2 core schema {expected!r}"
    assert same(resolve_plain(s), expected)

    try:
        theirs = ruamel_load(text)["k"]
    except ValueError:  # a timestamp-shaped scalar that is no real date: ruamel gives up
        assert _TIMESTAMP.fullmatch(s), s
        assert ours == s
        return
    if isinstance(theirs, (date, datetime)):  # ruamel resolves timestamps; francis keeps the text
        assert _TIMESTAMP.fullmatch(s), s
        assert ours == s
        return
    if not same(ours, theirs):
        assert any(p.fullmatch(s) for p in _RUAMEL_DEVIATIONS), (
            f"{s!r}: francis {ours!r}, ruamel {theirs!r}, and this is not a known ruamel deviation"
        )


def test_the_deviations_from_ruamel_are_real() -> None:
    """Each known deviation does show up, so the allowance above is not dead code."""
    for s in ["1_000", "0b101", "-0x1F", "+0o17", ".5e3"]:
        ours = yamlio.parse(f"k: {s}\n").data["k"]
        theirs = ruamel_load(f"k: {s}\n")["k"]
        assert not same(ours, theirs)
        assert same(ours, core_schema(s))


def test_numbers_too_long_for_python_stay_strings() -> None:
    """Python refuses to convert ints of more than 4300 decimal digits to or from text (by default).

    Such a number stays a string: int() would raise, and a huge hex int, though it reads, would
    raise when a message (duplicate key, invalid value) printed it.
    """
    limit = sys.get_int_max_str_digits()
    if not limit:
        pytest.skip("this interpreter converts ints of any length")
    digits = "1" * (limit + 1)
    for s in [digits, "-" + digits, "0x" + "F" * limit, "0o" + "7" * (2 * limit)]:
        assert resolve_plain(s) == s
        doc = yamlio.parse(f"? {s}\n: 1\n? {s}\n: 2\n")
        assert [p.code for p in doc.problems] == ["duplicate-key"]
        assert doc.data == {s: 1}
    assert resolve_plain("0x" + "F" * 100) == 16**100 - 1
    assert resolve_plain("9" * limit) == 10**limit - 1


# --- 2. round trip of generated data ---------------------------------------------------------


def _dumpable_str(s: str) -> bool:
    # Strings ruamel's own loader cannot read back from ruamel's dumper, or reads differently
    # from the YAML 1.2 core schema:
    # .5e3: ruamel's resolver says string, so its dumper leaves it unquoted, and the core
    # schema (so francis) reads it back as a float.
    return not re.fullmatch(r"[-+]?\.[0-9]+[eE][0-9]+", s)


# U+0085 (NEL) is left out: ruamel's scanner (like libyaml) still treats it as a line break, as
# YAML 1.1 did, and folds it to a space inside quotes, while its emitter writes it unescaped; so
# ruamel cannot round-trip it either. YAML 1.2 makes NEL ordinary content.
_text = st.text(st.characters(codec="utf-8", exclude_characters="\x85"), max_size=20)


_strings = st.one_of(_text, plain_scalars).filter(_dumpable_str)


_leaves = st.one_of(st.none(), st.booleans(), st.integers(), _strings)


plain_data = st.recursive(
    _leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(_strings, children, max_size=4),
    ),
    max_leaves=12,
)


@given(plain_data, st.booleans())
@SLOW
@example({"a": ["010", "no", "1_000", "2013-04-25", 10, None, True]}, False)
@example({"k": "a: b #c", "": [[], {}], "multi\nline": "  lead\n\ntrail  "}, True)
def test_dumped_data_reads_back_equal(data: Any, flow: bool) -> None:
    text = ruamel_dump(data, flow=flow)
    # ruamel's emitter writes a few things in flow style that the parser francis reads with
    # (libyaml's, through ruamel.yaml.clib, or ruamel's own) rejects: {:0: null}, {0:0: null},
    # [:0]. YAML 1.2 allows ':' before a non-space in a plain scalar; these scanners keep
    # YAML 1.1's rule. Not francis's to fix: skip what ruamel's loader with the same parser
    # (typ="safe" picks the C one when it is installed, as francis does) cannot read back.
    try:
        assume(YAML(typ="safe").load(text) == data)
    except YAMLError:
        assume(False)
    doc = yamlio.parse(text)
    assert doc.problems == [], repr(text)
    assert doc.data == data, repr(text)
    assert _types(doc.data) == _types(data)  # True is not 1, "1" is not 1
    if _FAST_PATH:
        quick = yamlio.parse(text, positions=False)
        assert quick.problems == [] and quick.data == data and _types(quick.data) == _types(data)


def _types(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _types(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_types(v) for v in x]
    return type(x).__name__


# --- 3. positions ---------------------------------------------------------------------------

_simple_keys = st.from_regex(r"\A[a-z][a-z0-9_]{0,7}\Z")


_simple_values = st.one_of(st.from_regex(r"\A[a-z][a-z0-9]{0,7}\Z"), st.integers(-(10**6), 10**6))


nested_mappings = st.recursive(
    st.dictionaries(_simple_keys, _simple_values, min_size=1, max_size=5),
    lambda children: st.dictionaries(
        _simple_keys,
        st.one_of(_simple_values, children, st.lists(st.one_of(_simple_values, children), min_size=1, max_size=3)),
        min_size=1,
        max_size=4,
    ),
    max_leaves=20,
)


def _leaves_with_paths(x: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else None
    if items is None:
        return [(path, x)]
    return [leaf for k, v in items for leaf in _leaves_with_paths(v, (*path, k))]


def _mapping_paths(x: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(x, dict):
        for k, v in x.items():
            out += [(*path, k), *_mapping_paths(v, (*path, k))]
    elif isinstance(x, list):
        for i, v in enumerate(x):
            out += _mapping_paths(v, (*path, i))
    return out


def _at(lines: list[str], pos: tuple[int, int]) -> str:
    line, col = pos
    assert line >= 1 and col >= 1
    return lines[line - 1][col - 1 :]


def _written(value: Any) -> tuple[str, ...]:
    """How a dumper may write ``value``: plain, or quoted when it would otherwise not be a string."""
    shown = str(value)
    return (shown,) if isinstance(value, int) else (shown, f"'{shown}", f'"{shown}')


def _starts_with_token(rest: str, token: str) -> bool:
    return rest.startswith(token) and rest[len(token) :][:1] in ("", " ", ":", "'", '"', ",")


@given(nested_mappings)
@FAST
@example({"a": {"b": [1, {"c": "true"}]}, "null": "no"})
def test_positions_point_at_keys_and_values(data: dict[str, Any]) -> None:
    text = ruamel_dump(data, flow=False)
    doc = yamlio.parse(text)
    assert doc.problems == [] and doc.data == data
    lines = text.splitlines()
    for path, value in _leaves_with_paths(data):
        rest = _at(lines, doc.source.values[path])
        assert any(_starts_with_token(rest, w) for w in _written(value)), (path, value, rest, repr(text))
    for path in _mapping_paths(data):
        rest = _at(lines, doc.source.keys[path])
        assert any(_starts_with_token(rest, w) for w in _written(path[-1])), (path, rest, repr(text))
        assert doc.source.locate(path, key=True) == doc.source.keys[path]
    assert doc.source.values[()] == (1, 1)


# --- 4. robustness ---------------------------------------------------------------------------


def _assert_sane(text: str) -> None:
    doc = yamlio.parse(text)
    assert isinstance(doc, yamlio.Document)
    assert isinstance(doc.problems, list)
    for p in doc.problems:
        assert p.line >= 1 and p.col >= 1, p
        assert p.code in PROBLEM_CODES, p
        assert isinstance(p.message, str) and p.message, p
    if _FAST_PATH:  # reading without positions gives the same data and the same problems
        quick = yamlio.parse(text, positions=False)
        assert quick.problems == doc.problems
        assert repr(quick.data) == repr(doc.data)  # repr: NaN, and True is not 1


_yamlish = st.lists(
    st.sampled_from(
        [
            "a",
            "k: ",
            ": ",
            "- ",
            "-",
            "?",
            "\n",
            "  ",
            "\t",
            "[",
            "]",
            "{",
            "}",
            ",",
            "#",
            "&x ",
            "*x",
            "!!python/object:os.system ",
            "!x ",
            "'",
            '"',
            "|",
            ">",
            "---\n",
            "...\n",
            "%YAML 1.2\n",
            "\ufeff",
            "\r\n",
            "0x" + "F" * 4000,
            "9" * 5000,
            "<<: ",
            "\x00",
            "\\",
            "~",
        ]
    ),
    max_size=30,
).map("".join)


@given(st.one_of(st.text(), _yamlish))
@FAST
@example("\ufeff\ufeff")
@example("k: " + "1" * 5000)
@example("a: 1\na: 2\nb: [\n")  # a duplicate key, then a syntax error: positions=False must agree
def test_any_text_parses_without_raising(text: str) -> None:
    _assert_sane(text)


@given(st.binary())
@FAST
def test_any_bytes_parse_without_raising(raw: bytes) -> None:
    _assert_sane(raw.decode("utf-8", errors="replace"))


# --- 5. duplicate keys ----------------------------------------------------------------------

_dup_keys = st.from_regex(r"\A[a-z][a-z0-9_]{0,7}\Z")


@given(
    st.dictionaries(_dup_keys, st.from_regex(r"\A[a-z0-9]{1,6}\Z"), min_size=1, max_size=6),
    st.data(),
    st.sampled_from(["", "outer:\n", "outer:\n  - x\n  -\n"]),
)
@FAST
def test_a_repeated_key_is_one_problem_at_its_second_line(
    mapping: dict[str, str], data: st.DataObject, parent: str
) -> None:
    keys = list(mapping)
    i = data.draw(st.integers(0, len(keys) - 1), label="repeated key")
    j = data.draw(st.integers(i + 1, len(keys)), label="insert the repeat before")
    repeated = (keys[i], data.draw(st.from_regex(r"\A[a-z0-9]{1,6}\Z"), label="repeat's value"))
    rows = [*mapping.items()]
    rows.insert(j, repeated)
    indent = " " * (4 if parent.endswith("-\n") else 2 if parent else 0)
    head = parent.count("\n")
    text = parent + "".join(f"{indent}{k}: {v}\n" for k, v in rows)

    doc = yamlio.parse(text)
    assert [(p.code, p.line, p.col) for p in doc.problems] == [("duplicate-key", head + j + 1, len(indent) + 1)]
    assert f"first at line {head + i + 1}" in doc.problems[0].message
    expected = {k: resolve_plain(v) for k, v in mapping.items()}
    got = doc.data
    if parent.startswith("outer"):
        got = got["outer"][-1] if parent.endswith("-\n") else got["outer"]
    assert got == {resolve_plain(k): v for k, v in expected.items()}


def test_reads_the_same_without_the_c_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ruamel.yaml.clib has no wheel, the pure-Python parser gives the same data and positions."""
    from francis_cli.yamlio import _events as _yamlevents
    from francis_cli.yamlio import read as yamlio

    from ..conftest import REPO

    for rel in ("data/assessments/barnet-ccg.yaml", "data/workplan/merton-ccg.yaml", "francis.yaml"):
        text = (REPO / rel).read_text(encoding="utf-8")
        fast = yamlio.parse(text)
        monkeypatch.setattr(_yamlevents, "FAST_PARSER", False)
        monkeypatch.setattr(_yamlevents, "_events", lambda t, fast=False, f=_yamlevents._events: f(t, False))
        pure = yamlio.parse(text)
        monkeypatch.undo()
        assert (pure.data, pure.source, pure.problems) == (fast.data, fast.source, [])
    monkeypatch.setattr(_yamlevents, "_events", lambda t, fast=False, f=_yamlevents._events: f(t, False))
    doc = yamlio.parse("a: 1\na: 2\nb: !!python/object:os.system x\n")
    assert [(p.line, p.col, p.code) for p in doc.problems] == [(2, 1, "duplicate-key"), (3, 4, "yaml-tag")]


# --- the reader: cases the fuzzers found ----------------------------------------------------------------------


def test_a_yaml_1_3_directive_is_a_problem_with_either_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """ruamel's pure-Python parser (used where ruamel.yaml.clib has no wheel) raised AssertionError."""
    from francis_cli.yamlio import _events as _yamlevents
    from francis_cli.yamlio import read as yamlio

    events = _yamlevents._events
    monkeypatch.setattr(_yamlevents, "_events", lambda text, fast=False: events(text, False))
    doc = yamlio.parse("%YAML 1.3\n---\norganisation: org-a\n")
    assert [(p.line, p.col, p.code) for p in doc.problems] == [(1, 1, "yaml-syntax")]


def test_the_fast_read_and_the_full_read_agree_after_two_byte_order_marks() -> None:
    from francis_cli.yamlio import read as yamlio

    text = "\ufeff\ufeff\x1f"
    assert yamlio.parse(text, positions=False).problems == yamlio.parse(text).problems


# --- the official YAML test suite's inputs, beside the project (see scenarios/test_corpus_yaml_suite.py) ------

CORPUS = SHARED / "corpora" / "yaml-test-suite"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/yaml-test-suite is not here")
@pytest.mark.parametrize("fast", [True, False], ids=["c-parser", "pure-parser"])
def test_both_parsers_read_every_input_without_raising(fast: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ruamel.yaml.clib has no wheel francis parses with ruamel's pure-Python parser: it
    must turn every input into data or problems too (it once raised AssertionError on BEC7's
    `%YAML 1.3`)."""
    from francis_cli.yamlio import _events as _yamlevents
    from francis_cli.yamlio import read as yamlio

    if fast and not _yamlevents.FAST_PARSER:
        pytest.skip("ruamel.yaml.clib is not installed")
    events = _yamlevents._events
    monkeypatch.setattr(_yamlevents, "_events", lambda text, fast_=fast: events(text, fast_))
    for case in sorted(CORPUS.glob("*.yaml")):
        doc = yamlio.parse(case.read_text(encoding="utf-8"))
        assert all(p.code in PROBLEM_CODES and p.line >= 1 for p in doc.problems), case.name
