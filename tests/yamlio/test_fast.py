"""The lean builder for clean files (``yamlio._fast``): the careful builder's data, or it gives up.

A read without positions goes through it; anything it does not take is read again by the careful
builder. So the two reads of every input must agree, and on real trackers the lean one must be the
one that ran (else the cold load is not faster at all).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.yamlio import read as yamlio
from francis_cli.yamlio._fast import Careful, build_fast
from francis_cli.yamlio.values import Limits

from ..conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
SUITE = SHARED / "corpora" / "yaml-test-suite"


def _same(text: str) -> None:
    careful, quick = yamlio.parse(text), yamlio.parse(text, positions=False)
    assert quick.problems == careful.problems, text
    assert repr(quick.data) == repr(careful.data), text  # repr: NaN, and True is not 1


@pytest.mark.skipif(not SUITE.is_dir(), reason="../shared/corpora/yaml-test-suite is not here")
def test_every_yaml_test_suite_input_reads_alike_without_positions() -> None:
    inputs = sorted(SUITE.glob("*.yaml"))
    assert len(inputs) > 300
    for path in inputs:
        _same(path.read_bytes().decode("utf-8", "replace"))


def test_the_bundled_tracker_is_read_by_the_lean_builder() -> None:
    files = [ROOT / "francis.yaml", *sorted((ROOT / "data").rglob("*.yaml"))]
    assert len(files) >= 4
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert build_fast(text, Limits()) == yamlio.parse(text).data, path


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key
        "? [x]\n: 1\n",  # a list as a key
        "a: !!str 1\n",  # a tag
        "a: &x [1]\nb: *x\n",  # an alias
        "a: 1\n---\nb: 2\n",  # a second document
        "a: b\x85c\n",  # NEL, which the parser would take for a line break
        "[" * 80 + "]" * 80,  # past the nesting limit
        "a: [1, 2\n",  # a syntax error: the parser's own
    ],
)
def test_what_may_be_a_problem_is_left_to_the_careful_builder(text: str) -> None:
    with pytest.raises(Exception) as raised:
        build_fast(text, Limits())
    assert raised.type is Careful or "YAMLError" in [c.__name__ for c in raised.type.__mro__]
    _same(text)
