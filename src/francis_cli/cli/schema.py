"""``francis schema``: JSON Schema for each file kind, for editors that validate while typing."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

HELP = """Print the JSON Schema of a file kind (generated from francis's own models).

Point your editor at it so YAML is checked while you type, e.g. with this first line in an
assessment file:  # yaml-language-server: $schema=../../schemas/assessments.schema.json"""

EPILOG = """\b
Examples:
  francis schema assessments
  francis schema --write schemas/"""


class Kind(StrEnum):
    recommendations = "recommendations"
    assessments = "assessments"
    workplan = "workplan"
    organisations = "organisations"
    config = "config"


def schema_for(kind: str) -> dict[str, Any]:
    from ..load import MODELS

    model = MODELS[kind]  # type: ignore[index]
    doc = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **doc}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def schema(
    kind: Annotated[Kind | None, typer.Argument(help="File kind; all kinds with --write.")] = None,
    write: Annotated[Path | None, typer.Option("--write", metavar="DIR",
                                               help="Write <kind>.schema.json for every kind into DIR.")] = None,
) -> int:  # fmt: skip
    from ..atomic import write_atomic
    from ..errors import UserError

    if write is not None:
        write.mkdir(parents=True, exist_ok=True)
        for k in Kind:
            target = write / f"{k.value}.schema.json"
            write_atomic(target, dumps(schema_for(k.value)).encode("utf-8"))
            print(target.as_posix())
        return 0
    if kind is None:
        raise UserError("name a file kind (recommendations, assessments, workplan, organisations, config) "
                        "or use --write DIR")
    print(dumps(schema_for(kind.value)), end="")
    return 0
