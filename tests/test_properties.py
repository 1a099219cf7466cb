"""Property-based tests (hypothesis) of the YAML reader and the due-period parser.

The YAML 1.2 core schema (YAML 1.2.2, section 10.3.2) is written out below as an independent
oracle, straight from the spec's regular expressions; francis must agree with it everywhere,
and with ruamel.yaml's own YAML 1.2 loader except where ruamel departs from the core schema.
"""

from __future__ import annotations

import calendar
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
from pydantic_core import PydanticCustomError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from francis_cli.yamlio import read as yamlio
from francis_cli.yamlio.values import resolve_plain
from francis_cli.problems import PROBLEM_CODES
from francis_cli.models.common import Period

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
    "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "fAlse",
    "null", "Null", "NULL", "nULL", "~", "~~", "",
    "no", "No", "NO", "yes", "Yes", "y", "n", "Y", "N", "on", "On", "off", "OFF",
    ".inf", ".Inf", ".INF", ".iNF", "+.inf", "-.inf", "-.Inf", "+.INF", "inf", "-inf", "Infinity",
    ".nan", ".NaN", ".NAN", ".nAn", "-.nan", "+.nan", "nan", "NaN",
    "0", "-0", "+0", "00", "010", "-010", "0o17", "0o8", "0O17", "0o", "-0o17", "+0o17",
    "0x1F", "0x1f", "0X1F", "0x", "0xG", "-0x1F", "0b101", "-0b1",
    ".5", "-.5", "+.5", "5.", "1.", "0.", ".", "+.", "-.", "1e3", "1E3", "1e+3", "1e-3", "1e", "e3",
    ".5e3", ".5e+3", "+.5e-3", "1.e3", "1.5e", "+1", "-1", "+-1", "1_000", "1__0", "0x_1f", "._1",
    "1_0.5", "1:30", "1:30:00", "2013-04-25", "2014-12", "2014", "2014-Q4", "2013-4-5",
    "2013-13-45", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "12:00",
    "yes please", "3.2", "3.10", "1.2.3", "+", "--", "-x", "~x", "x~", "0.5.", "1e3.0",
]  # fmt: skip

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
    st.sampled_from([
        "a", "k: ", ": ", "- ", "-", "?", "\n", "  ", "\t", "[", "]", "{", "}", ",", "#", "&x ", "*x",
        "!!python/object:os.system ", "!x ", "'", '"', "|", ">", "---\n", "...\n", "%YAML 1.2\n",
        "\ufeff", "\r\n", "0x" + "F" * 4000, "9" * 5000, "<<: ", "\x00", "\\", "~",
    ]),
    max_size=30,
).map("".join)  # fmt: skip


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
def test_a_repeated_key_is_one_problem_at_its_second_line(mapping: dict[str, str], data: st.DataObject,
                                                          parent: str) -> None:
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


# --- 6. due periods --------------------------------------------------------------------------

@given(st.dates())
@FAST
def test_a_day_is_a_one_day_period(d: date) -> None:
    p = Period.parse(d.isoformat())
    assert p.start == p.end == d
    assert str(p) == d.isoformat()


@given(st.dates())
@FAST
@example(date(2012, 2, 1))
@example(date(1900, 2, 1))
@example(date(2000, 2, 1))
def test_a_month_is_the_whole_month(d: date) -> None:
    p = Period.parse(f"{d.year:04d}-{d.month:02d}")
    assert p.start == date(d.year, d.month, 1)
    assert p.end.year == d.year and p.end.month == d.month
    assert p.end.day == calendar.monthrange(d.year, d.month)[1]
    if d.month == 2:
        assert p.end.day == (29 if calendar.isleap(d.year) else 28)
    assert p.start <= d <= p.end


@given(st.integers(1, 9999), st.integers(1, 4))
@FAST
def test_a_quarter_is_its_three_months(year: int, q: int) -> None:
    p = Period.parse(f"{year:04d}-Q{q}")
    first, last = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}[q]
    assert p.start == date(year, first, 1)
    assert p.end == date(year, last, 31 if last in (3, 12) else 30)


@given(st.integers(1, 9999))
@FAST
def test_a_year_is_the_whole_year(year: int) -> None:
    for written in (f"{year:04d}", year) if year >= 1000 else (f"{year:04d}",):
        p = Period.parse(written)
        assert (p.start, p.end) == (date(year, 1, 1), date(year, 12, 31))


periods = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 4)).map(lambda t: f"{t[0]:04d}-Q{t[1]}"),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
)


@given(periods)
@FAST
def test_str_of_a_period_parses_back_to_it(text: str) -> None:
    p = Period.parse(text)
    assert str(p) == text
    again = Period.parse(str(p))
    assert again == p
    assert Period.parse(p) is p


invalid_periods = st.one_of(
    st.tuples(st.integers(1, 9999), st.sampled_from(["00", "13", "14", "20", "99"])).map(
        lambda t: f"{t[0]:04d}-{t[1]}"
    ),
    st.tuples(st.integers(1, 9999), st.sampled_from(["0", "5", "9"])).map(lambda t: f"{t[0]:04d}-Q{t[1]}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(32, 99)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-00"),
    st.integers(1, 9999).map(lambda y: f"{y:04d}-02-30"),
    st.integers(1, 9999).filter(lambda y: not calendar.isleap(y)).map(lambda y: f"{y:04d}-02-29"),
    st.sampled_from(["0000", "0000-01", "0000-Q1", "0000-01-01", "", " ", "2014-", "2014-1", "14-12",
                     "20141", "2014/12", "2014-12-1", "2014-q4", "2014-Q", "December 2014", "2014-12-31T00:00",
                     "\u0662\u0660\u0661\u0664", "\uff12\uff10\uff11\uff14-\uff11\uff12", "2014-12\n\n", "2014\x00"]),
    st.text(),
)  # fmt: skip


@given(invalid_periods)
@FAST
def test_invalid_periods_raise_only_the_pydantic_error(text: str) -> None:
    try:
        p = Period.parse(text)
    except PydanticCustomError as err:
        assert err.type.startswith("period_")
        assert str(err)
        return
    # st.text() may hit a valid period by chance; then it must be exactly one
    assert re.fullmatch(r"[0-9]{4}(-([0-9]{2}(-[0-9]{2})?|Q[1-4]))?", text.strip()), (text, p)
    assert Period.parse(str(p)) == p


@pytest.mark.parametrize("value", [None, 3.5, True, [2014], {"due": 2014}, b"2014"])
def test_a_due_period_of_the_wrong_type_is_a_pydantic_error(value: object) -> None:
    with pytest.raises(PydanticCustomError) as info:
        Period.parse(value)
    assert info.value.type == "period_type"
