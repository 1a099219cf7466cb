"""Reading spreadsheets (`sheets.table`): hostile CSV and XLSX files are one line, never a crash or a leak."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker

# --- hostile spreadsheets for `francis import` ----------------------------------------------------------------


def test_a_csv_cell_too_long_is_one_problem_line(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    sheet.write_text('Ref,Action,Lead\n1.1,"' + "a" * 200_000 + '",DoQ\n', encoding="utf-8")
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        1,
        "francis: big.csv: over a limit; nothing imported\n"
        f"{sheet}:2:0: error sheet-cell-too-long a cell of more than 100,000 characters, the limit "
        "(limits.max_cell_chars in francis.yaml)\n",
    )


def _xlsx_with_doctype(path: Path, doctype: str, entity: str) -> Path:
    """A real workbook whose sheet XML declares ``doctype`` and uses ``entity`` as a cell's text."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Ref", "Action", "Lead"])
    book.active.append(["1.1", "PLACEHOLDER", "DoQ"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"^<\?xml[^>]*\?>", b"", data)
                data = doctype.encode() + data.replace(b">PLACEHOLDER<", f">{entity}<".encode())
            out.writestr(name, data)
    return path


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


@pytest.mark.parametrize(
    ("doctype", "entity"),
    [
        pytest.param(LAUGHS, "&lol9;", id="billion-laughs"),
        pytest.param('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;", id="external-entity"),
    ],
)
def test_xml_entity_attacks_in_an_xlsx_are_refused(
    doctype: str, entity: str, tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = _xlsx_with_doctype(tmp_path / "attack.xlsx", doctype, entity)
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--dry-run", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"francis: {sheet}: not a readable XLSX file (ParseError)\n"
    assert "root:" not in result.stdout + result.stderr
