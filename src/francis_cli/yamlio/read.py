"""The one module that reads YAML.

Reading builds plain Python data (dict, list, str, int, float, bool, None) straight from the
parser's event stream, using ruamel.yaml's C parser when ``ruamel.yaml.clib`` is installed.
Building from events rather than from ruamel's constructors gives, in one pass:

* a ``SourceMap`` from every value's path to its line and column, so a pydantic error
  location becomes ``file:line:col``;
* YAML 1.2 core-schema scalars (``no`` is a string, ``010`` is 10); dates stay strings
  for the models to parse, so ``2014-12`` and ``2013-04-25`` read the same way;
* safety: no tag constructs anything, aliases are bounded by the size of what they expand
  to, nesting depth is bounded, and duplicate keys are problems, not silent overwrites.

Nothing is recursive, so hostile nesting cannot overflow the stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .values import BOM, Limits, RawProblem, SourceMap, Stop


@dataclass(slots=True)
class Document:
    data: Any
    source: SourceMap
    problems: list[RawProblem]


def parse(text: str, limits: Limits = Limits(), *, positions: bool = True) -> Document:
    """Parse one YAML document into plain data plus its source map and problems.

    ``text`` may start with a byte-order mark. On a syntax error the problems say where,
    and ``data`` is whatever was read before it (``None`` if nothing useful).
    With ``positions=False`` the source map stays empty and a clean file is read by a lean builder:
    a line at a time for the plain block style francis writes (``_lines``), else from the parser's
    events (``_fast``); a file with any problem, or anything that might be one, is read again with
    positions, so problems always carry the same details.
    """
    if not positions:
        return _lean(text, limits)
    from ._events import YAMLError, build, syntax_problem  # ruamel only when there is parsing to do

    if text.startswith(BOM):
        text = text[1:]
    problems: list[RawProblem] = []
    smap = SourceMap()
    try:
        data = build(text, limits, smap, problems)
    except Stop:
        data = None
    except (YAMLError, AssertionError) as err:  # ruamel's pure-Python parser asserts on `%YAML 1.3`
        problems.append(syntax_problem(text, err))  # type: ignore[arg-type]
        data = None
    except RecursionError:  # pragma: no cover - the builder is iterative; belt and braces
        problems.append(RawProblem(1, 1, "yaml-too-deep", "nesting is too deep to read"))
        data = None
    return Document(data, smap, problems)


def _lean(given: str, limits: Limits) -> Document:
    """``parse`` without positions: the first of the lean builders that takes the text, else the
    careful one (``given``: a second byte-order mark stays, and is its problem)."""
    from ._lines import Careful, build_lines

    text = given[1:] if given.startswith(BOM) else given
    try:
        return Document(build_lines(text, limits.max_depth), SourceMap(), [])
    except (Careful, RecursionError):
        pass
    from ._events import YAMLError
    from ._fast import build_fast

    try:
        return Document(build_fast(text, limits), SourceMap(), [])
    except (Careful, YAMLError, AssertionError, RecursionError):
        return parse(given, limits)
