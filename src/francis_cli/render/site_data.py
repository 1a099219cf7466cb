"""The register's open data as files: a CSV per table, one JSON document, and a SQLite database.

Why SQLite is written the way it is: the database is made in a temporary file, its rows inserted
in the tables' fixed order, then ``VACUUM``ed (the pages laid out afresh, no free pages, no
journal), so the same tables give the same bytes with the same SQLite library; a site in git
then shows a changed database only when the data changed. The file records the SQLite version
that wrote it, so a build with another SQLite may differ in those bytes alone.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence

from ..errors import UserError, reason
from ..views.site_data import Table, Value

FORMAT = 1
"""The version of the JSON document's shape: raised only if a column changes meaning."""


def table_csv(table: Table) -> bytes:
    """One table as CSV: a header of the column names, then its rows; empty values as empty cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows(["" if v is None else v for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def tracker_json(tables: Sequence[Table], meta: dict[str, str | None]) -> bytes:
    """Every table as a list of objects keyed by column name, with what the data is and where it came from.

    The bytes are those of ``json.dumps(doc, indent=1, ensure_ascii=False)``, laid out here row by
    row. Why: with an indent, ``json`` encodes in pure Python, value by value; a national tracker's
    tables have millions of values, and each row's lines are had far quicker from its scalars."""
    top = [f" {_scalar(k)}: {_scalar(v)}" for k, v in {"format": FORMAT, **meta}.items()]
    named = [f"  {_scalar(t.name)}: {_rows(t)}" for t in tables]
    top.append(' "tables": {\n' + ",\n".join(named) + "\n }" if named else ' "tables": {}')
    return ("{\n" + ",\n".join(top) + "\n}\n").encode("utf-8")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _scalar(value: Value | bool) -> str:
    if value is None:
        return "null"
    return str(value) if type(value) is int else _ENCODE(value)


def _rows(table: Table) -> str:
    if not table.rows:
        return "[]"
    names = [f"    {_scalar(c.name)}: " for c in table.columns]
    if not names:
        return "[\n" + ",\n".join("   {}" for _ in table.rows) + "\n  ]"
    objects = (
        "   {\n" + ",\n".join([n + _scalar(v) for n, v in zip(names, row, strict=True)]) + "\n   }"
        for row in table.rows
    )
    return "[\n" + ",\n".join(objects) + "\n  ]"


SCHEMA = "tracker.schema.json"
"""The JSON Schema of ``tracker.json``, published beside it."""
_JSON_TYPES = {"text": "string", "integer": "integer"}


def tracker_schema(tables: Sequence[Table]) -> bytes:
    """The JSON Schema (2020-12) of ``tracker.json``, from the same column definitions as the tables.

    Why generated: the document and its schema can then never disagree; a column added to a table
    appears in both. Key columns are never empty; every other value may be ``null``."""
    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "The register's open data (tracker.json)",
        "type": "object",
        "required": ["format", "set", "as_of", "revision", "commit", "tables"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT, "description": "The version of this shape."},
            "set": {"type": "string", "description": "The recommendation set's id."},
            "as_of": {"type": "string", "format": "date", "description": "The data's date (YYYY-MM-DD)."},
            "revision": {"type": "string", "description": "The git revision built from, or 'work tree'."},
            "commit": {"type": ["string", "null"], "description": "That revision's commit, when built from git."},
            "tables": {
                "type": "object",
                "required": [t.name for t in tables],
                "additionalProperties": False,
                "properties": {t.name: _table_schema(t) for t in tables},
            },
        },
    }
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _table_schema(table: Table) -> dict[str, object]:
    def column(name: str, type_: str, description: str) -> dict[str, object]:
        kind = _JSON_TYPES[type_]
        return {"type": kind if name in table.key else [kind, "null"], "description": description}

    row = {
        "type": "object",
        "required": [c.name for c in table.columns],
        "additionalProperties": False,
        "properties": {c.name: column(c.name, c.type, c.description) for c in table.columns},
    }
    return {"type": "array", "description": table.description, "items": row}


def _create(table: Table) -> str:
    """The table's statement, each column's description beside it as a comment.

    Why: SQLite keeps the statement as written, so the descriptions travel in the file and show
    wherever its schema is shown (Datasette's table pages, ``.schema``). A comment runs to the end
    of its line: the text is put on one line, so no description can end it and write SQL."""

    def note(text: str) -> str:
        return " ".join(text.replace("\0", " ").split())

    cols = "".join(f'\n  "{c.name}" {c.type.upper()}, -- {note(c.description)}' for c in table.columns)
    key = ", ".join(f'"{k}"' for k in table.key)
    return f'CREATE TABLE "{table.name}" ( -- {note(table.description)}{cols}\n  PRIMARY KEY ({key})\n)'


def tracker_sqlite(tables: Sequence[Table]) -> bytes:
    """The tables as one SQLite database (what Datasette or any SQLite client opens as it is)."""
    fd, name = tempfile.mkstemp(prefix="francis-site-", suffix=".sqlite")
    os.close(fd)
    try:
        db = sqlite3.connect(name, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("BEGIN")
            for t in tables:
                db.execute(_create(t))
                marks = ", ".join("?" for _ in t.columns)
                db.executemany(f'INSERT INTO "{t.name}" VALUES ({marks})', t.rows)
            db.execute("COMMIT")
            db.execute("VACUUM")
        finally:
            db.close()
        with open(name, "rb") as handle:
            return handle.read()
    except (OSError, sqlite3.Error) as err:
        why = reason(err) if isinstance(err, OSError) else " ".join(str(err).split())
        raise UserError(f"cannot make the site's SQLite database: {why}") from None
    finally:
        os.unlink(name)
