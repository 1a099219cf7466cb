"""The register's open data as files: a CSV per table, one JSON document, and a SQLite database.

Why SQLite is written the way it is: the database is made in a temporary file, its rows inserted
in the tables' fixed order, then ``VACUUM``ed (the pages laid out afresh, no free pages, no
journal), so the same tables give the same bytes with the same SQLite library; a site in git
then shows a changed database only when the data changed. The file records the SQLite version
that wrote it, so a build with another SQLite may differ in those bytes alone.

Why a rebuild may reuse them (``data_files``): at a national size the data files take a quarter of
a build, and a rebuild with nothing changed made them only to find the same bytes on disk. Their
bytes are a function of the tables, the document's header and this module's code alone; a record
beside them (``RECORD``) keeps a fingerprint of those and a hash of each file made, so a later
build whose fingerprint is the same takes the files from the folder instead, each only if it still
holds what was made.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import marshal
import os
import sqlite3
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..errors import UserError, reason
from ..problems import defused
from ..views.site_data import Table, Value

FORMAT = 1
"""The version of the JSON document's shape: raised only if a column changes meaning."""


def table_csv(table: Table) -> bytes:
    """One table as CSV: a header of the column names, then its rows; empty values as empty cells.

    A text a spreadsheet would run as a formula (a title ``=HYPERLINK(...)`` from a pull request)
    gets a leading quote, as every CSV francis writes; ``tracker.json`` and the database keep it as
    it is."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows(["" if v is None else defused(v) if isinstance(v, str) else v for v in row] for row in table.rows)
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


RECORD = ".francis-site-data"
"""What the site's data files were made from and what they held: JSON, {"inputs": fingerprint,
"files": {path: sha256}}; the same inputs give the same record, so it is as deterministic as the site."""
SQLITE = "data/tracker.sqlite"


def data_names(tables: Sequence[Table]) -> list[str]:
    """The paths of the data files in the site, as ``data_files`` makes them."""
    return sorted([*(f"data/{t.name}.csv" for t in tables), "data/tracker.json", f"data/{SCHEMA}", SQLITE])


def data_files(tables: Sequence[Table], meta: dict[str, str | None], folder: Path | None = None) -> dict[str, bytes]:
    """Every data file by its path in the site, and ``RECORD``; taken from ``folder`` (the last build
    of the site) when its record has the same fingerprint and each file there the hash recorded."""
    inputs = fingerprint(tables, meta)
    kept = _kept(folder, inputs, data_names(tables)) if folder is not None else None
    if kept is not None:
        return kept
    files = {f"data/{t.name}.csv": table_csv(t) for t in tables}
    files["data/tracker.json"] = tracker_json(tables, meta)
    files[f"data/{SCHEMA}"] = tracker_schema(tables)
    files[SQLITE] = tracker_sqlite(tables)
    files[RECORD] = _record(inputs, {k: hashlib.sha256(v).hexdigest() for k, v in files.items()})
    return files


def _record(inputs: str, hashes: dict[str, str]) -> bytes:
    return (json.dumps({"inputs": inputs, "files": hashes}, indent=1, sort_keys=True) + "\n").encode("utf-8")


def fingerprint(tables: Sequence[Table], meta: dict[str, str | None]) -> str:
    """A hash of all that the data files' bytes depend on: every table (its columns and rows), the
    document's header, the version of francis and of SQLite, and this module's own code (so that
    even an installation changed in place cannot reuse files made by other code).

    Why ``marshal`` version 2: it writes each value in full, never a reference to an equal object
    seen before (version 3 does, by identity), so equal tables always give equal bytes."""
    digest = hashlib.blake2b(digest_size=32)
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        code = b""
    head = (FORMAT, __version__, sqlite3.sqlite_version, json.dumps(meta, sort_keys=True))
    digest.update(marshal.dumps(head, 2))
    digest.update(hashlib.sha256(code).digest())
    for t in tables:
        columns = [(c.name, c.type, c.description) for c in t.columns]
        digest.update(marshal.dumps((t.name, t.description, columns, t.key, t.rows), 2))
    return digest.hexdigest()


def _kept(folder: Path, inputs: str, names: list[str]) -> dict[str, bytes] | None:
    """The data files of the last build in ``folder`` and their record, when made from ``inputs``
    and each unchanged since; None (build them) for anything else: no record, another fingerprint,
    another set of files, a file missing, changed or unreadable."""
    raw = _regular(folder / RECORD)
    if raw is None:
        return None
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    hashes = record.get("files") if isinstance(record, dict) and record.get("inputs") == inputs else None
    if not isinstance(hashes, dict) or sorted(hashes) != names:
        return None
    out: dict[str, bytes] = {}
    seen: dict[str, str] = {}
    for name in names:
        data = _regular(folder.joinpath(*name.split("/")))
        digest = hashlib.sha256(data).hexdigest() if data is not None else None
        if data is None or digest is None or digest != hashes[name]:
            return None
        out[name], seen[name] = data, digest
    out[RECORD] = _record(inputs, seen)
    return out


def _regular(path: Path) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (never following a link, never opening a
    device or a FIFO, which could block); None for anything else or an error."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, flags)
    except OSError:
        return None
    with open(fd, "rb") as handle:
        try:
            return handle.read() if stat.S_ISREG(os.fstat(fd).st_mode) else None
        except OSError:
            return None
