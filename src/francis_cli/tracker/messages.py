"""The messages of validation: pydantic's errors as problems at a line and column, in plain words."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from ..problems import hint
from ..yamlio.values import DataPath, SourceMap

_CODES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "rating_required": "missing-key",
    "reason_required": "missing-key",
    "completed_required": "completed-status",
    "completed_forbidden": "completed-status",
    "period_type": "invalid-date",
    "period_format": "invalid-date",
    "period_date": "invalid-date",
    "date_format": "invalid-date",
    "date_type": "invalid-date",
    "date_parsing": "invalid-date",
    "date_from_datetime_parsing": "invalid-date",
    "date_from_datetime_inexact": "invalid-date",
}
# where a model-level rule points: the key most worth looking at
_RULE_KEY = {"reason_required": "applicable", "completed_required": "status", "completed_forbidden": "completed"}
_PATTERNS = {
    r"^[a-z0-9][a-z0-9-]*$": "an id in lower-case letters, digits and hyphens (like barnet-ccg)",
    r"^[A-Za-z0-9][A-Za-z0-9_.&/-]*$": "a role abbreviation (letters, digits, - _ . & /; no spaces)",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": 'an id of letters, digits, dots, - and _ (like "3.2")',
    r"^#[0-9a-fA-F]{6}$": 'a colour like "#005eb8"',
}


def describe(value: Any) -> str:
    """A value as a user would name what they wrote."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``list[X]``, ``X | None``, ``dict[str, X]`` etc., if any."""
    todo = [annotation]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        origin = typing.get_origin(item)
        if origin is typing.Annotated:
            todo.append(typing.get_args(item)[0])
        elif origin in (list, tuple, dict, typing.Union, types.UnionType):
            todo.extend(typing.get_args(item))
    return None


def model_at(model: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` in a file of ``model``."""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _unwrap(field.annotation) if field else None
    return current


def data_path(data: Any, loc: tuple[int | str, ...]) -> DataPath:
    """pydantic's ``loc`` less the union-branch names it adds, as a path into ``data``."""
    path: list[int | str] = []
    for i, part in enumerate(loc):
        in_dict = isinstance(data, dict) and part in data
        if in_dict or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(data, dict):
            path.append(part)  # a key that is missing or unknown
    return tuple(path)


_PYDANTIC_WORDS = ("Value error, ", "Assertion failed, ")


def _plain(message: str) -> str:
    """A validator's own words, without the prefix pydantic adds to them."""
    for prefix in _PYDANTIC_WORDS:
        message = message.removeprefix(prefix)
    return message


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "less_than_equal": ("at most", "le"),
    "greater_than": ("more than", "gt"),
    "less_than": ("less than", "lt"),
}
"""A number out of its range, in words: pydantic's "input should be ..." is not the user's language."""


def _message(error: Any, field: str | int | None, model: type[BaseModel] | None) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    label = f"{field}: " if isinstance(field, str) else ""
    if kind == "extra_forbidden":
        known = list(model.model_fields) if model else []
        close = hint(str(field), known)
        if close:
            return f"unknown key {field!r}{close}"
        return f"unknown key {field!r}" + (f"; expected one of: {', '.join(known)}" if known else "")
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind == "literal_error":
        allowed = [a.strip().strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return f"{label}{describe(value)} is not one of: {', '.join(allowed)}{hint(str(value), allowed)}"
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return f"{label}{describe(value)} is not {wanted}"
    if kind in (
        "string_type",
        "int_type",
        "int_parsing",
        "int_from_float",
        "bool_type",
        "bool_parsing",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "float_type",
        "float_parsing",
    ):
        wanted = {
            "string": "text",
            "int": "a whole number",
            "bool": "true or false",
            "list": "a list",
            "dict": "a mapping",
            "model": "a mapping",
            "float": "a number",
        }[kind.split("_")[0]]
        return f"{label}expected {wanted}, got {describe(value)}"
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str) or kind == "string_too_short":
            return f"{label}must not be empty"
        return f"{label}needs at least {ctx.get('min_length')} item(s)"
    if kind in ("string_too_long", "too_long"):
        return f"{label}is longer than the limit of {ctx.get('max_length')}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"{label}{describe(value)} is out of range (it must be {words} {ctx.get(key)})"
    if kind == "invalid_key":
        return f"a key must be text, not {describe(value)}: put it in quotes"
    if kind.startswith("date"):
        return f"{label}expected a date written YYYY-MM-DD, got {describe(value)}"
    return f"{label}{_plain(error['msg'])}"


def problems_from(
    err: ValidationError, data: Any, model: type[BaseModel], smap: SourceMap
) -> Iterator[tuple[int, int, str, str]]:
    """Each error of ``err`` as (line, col, code, message)."""
    for error in err.errors(include_url=False):
        kind = error["type"]
        path = data_path(data, tuple(error["loc"]))
        code = _CODES.get(kind, "invalid-value")
        if kind in ("extra_forbidden",):
            line, col = smap.locate(path, key=True)
            owner = model_at(model, path[:-1])
            message = _message(error, path[-1] if path else None, owner)
        elif kind == "missing":
            line, col = smap.locate(path[:-1])
            message = _message(error, path[-1] if path else None, None)
        elif kind in _RULE_KEY or kind == "rating_required":
            target = (*path, _RULE_KEY[kind]) if kind in _RULE_KEY else path
            line, col = smap.locate(target, key=True)
            message = _plain(error["msg"])
        else:
            line, col = smap.locate(path)
            field = next((p for p in reversed(path) if isinstance(p, str)), None)
            message = _message(error, field, None)
        yield line, col, code, message
