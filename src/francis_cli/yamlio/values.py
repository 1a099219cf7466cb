"""The plain values the YAML reader works with: limits, positions, problems, core-schema scalars.

Kept apart from the reader so that the event builder (``_events``) and the reader (``read``)
both import them without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

PathKey = str | int
DataPath = tuple[PathKey, ...]
"""Where a value is inside a document: mapping keys and list indices from the top."""
Pos = tuple[int, int]

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one file may ask of the reader (overridable in ``francis.yaml``)."""

    max_file_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_alias_nodes: int = 10_000


@dataclass(frozen=True, slots=True)
class RawProblem:
    """A problem found while reading, before it is tied to a file path."""

    line: int
    col: int
    code: str
    message: str


@dataclass(slots=True)
class SourceMap:
    """Where each value (and each mapping key) of a document starts, 1-based."""

    values: dict[DataPath, Pos] = field(default_factory=dict)
    keys: dict[DataPath, Pos] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Pos:
        """Position of ``path``; of its key when ``key``; else of the nearest ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class Stop(Exception):
    """Reading cannot go on; the problem explaining why is already recorded."""


CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL = {
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_MAYBE_NOT_STR = frozenset("0123456789-+.~nNtTfF")


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    if not text:
        return None
    if text[0] not in _MAYBE_NOT_STR:
        return text
    if text in _SPECIAL:
        return _SPECIAL[text]
    if _INT.match(text):
        return _int(text, 10)
    if _FLOAT.match(text) and text not in {".", "+.", "-."}:
        return float(text)
    if _OCT.match(text):
        return _int(text, 8)
    if _HEX.match(text):
        return _int(text, 16)
    return text


def _int(text: str, base: int) -> int | str:
    """An int, or the text itself if Python could not convert the number to or from decimal
    (more than ``sys.get_int_max_str_digits()`` digits, 4300 by default): a crash otherwise."""
    try:
        value = int(text if base == 10 else text[2:], base)
        if base != 10:
            str(value)
    except ValueError:
        return text
    return value
