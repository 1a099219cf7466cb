"""JSON Schema of each file kind, generated from the models, for editors that validate while typing."""

from __future__ import annotations

import json
from typing import Any

from .vocab import FileKind

SCHEMA_KINDS: tuple[FileKind, ...] = ("recommendations", "assessments", "workplan", "organisations", "config")
"""The kinds in the order ``francis schema`` lists them."""


def schema_for(kind: FileKind) -> dict[str, Any]:
    from .kinds import MODELS

    doc = MODELS[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **doc}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
