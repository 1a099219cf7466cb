"""``francis schema``: JSON Schema for each file kind, for editors that validate while typing."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError

HELP = """Print the JSON Schema of a file kind (generated from francis's own models).

Point your editor at it so YAML is checked while you type, e.g. with this first line in an
assessment file:  # yaml-language-server: $schema=../../schemas/assessments.schema.json"""

EPILOG = """\b
Examples:
  francis schema assessments
  francis schema --write schemas/"""


class SchemaKind(StrEnum):
    """The file kinds ``francis schema`` describes, in the order it lists them."""

    recommendations = "recommendations"
    assessments = "assessments"
    workplan = "workplan"
    organisations = "organisations"
    config = "config"


def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            metavar="KIND",
            help="File kind: recommendations, assessments, workplan, organisations or config; all with --write.",
        ),
    ] = None,
    write: Annotated[
        Path | None, typer.Option("--write", metavar="DIR", help="Write <kind>.schema.json for every kind into DIR.")
    ] = None,
) -> int:
    from ..atomic import write_atomic
    from ..models.schema import SCHEMA_KINDS, dumps, schema_for

    if write is not None:
        write.mkdir(parents=True, exist_ok=True)
        for k in SCHEMA_KINDS:
            target = write / f"{k}.schema.json"
            write_atomic(target, dumps(schema_for(k)).encode("utf-8"))
            print(target.as_posix())
        return 0
    if kind is None:
        raise UserError(f"name a file kind ({', '.join(SCHEMA_KINDS)}) or use --write DIR")
    print(dumps(schema_for(kind.value)), end="")
    return 0
