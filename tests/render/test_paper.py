"""The board paper (`render.paper`): golden papers, escaping, template overrides, and the sandbox.

A pull request can change any file of a tracker, including its templates/ folder, and CI runs
francis on it. Each template test here is one way such content could break out, exfiltrate a
secret or hang CI, and shows it is refused with one line and a documented exit code."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..conftest import REPO, RunCli, Tracker
from ..papers import AS_OF, INJECTION, injected
from ..views.test_paper_assurance import assured


def test_markdown_golden(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", AS_OF, root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-fixture.md", result.stdout)


def test_html_golden(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", AS_OF, "--format", "html", root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-fixture.html", result.stdout)


@pytest.mark.parametrize("fmt,ext", [("markdown", "md"), ("html", "html")])
def test_bundled_golden(run_cli: RunCli, golden, fmt: str, ext: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", "2013-10-01", "--format", fmt, root=REPO)
    assert result.exit_code == 0, result.stderr
    golden(f"report-bundled.{ext}", result.stdout)


@pytest.mark.parametrize("fmt,ext", [("markdown", "md"), ("html", "html")])
def test_assurance_golden(paper: Tracker, run_cli: RunCli, golden, fmt: str, ext: str) -> None:  # type: ignore[no-untyped-def]
    """Decisions, assurance, evidence, sign-offs (one voided) and a due date moved with its reason."""
    result = run_cli("report", "--as-of", AS_OF, "--format", fmt, root=assured(paper, run_cli).root)
    assert result.exit_code == 0, result.stderr
    golden(f"report-assurance.{ext}", result.stdout)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_injection_is_inert_in_html(paper: Tracker, run_cli: RunCli) -> None:
    result = run_cli("report", "--as-of", AS_OF, "--format", "html", root=injected(paper).root)
    assert result.exit_code == 0, result.stderr
    parser = _Text()
    parser.feed(result.stdout)
    assert not [t for t, _ in parser.tags if t in ("script", "img", "a", "iframe")]
    assert not [a for _, a in parser.tags if any(k.startswith("on") for k in a)]
    text = "".join(parser.text)
    assert '<script>alert("x")</script> a | b {{ 7*7 }} {% if true %}x{% endif %}' in text
    assert "[link](javascript:alert(1))" in text and "49" not in text


def test_injection_is_inert_in_markdown(paper: Tracker, run_cli: RunCli) -> None:
    from markdown_it import MarkdownIt

    result = run_cli("report", "--as-of", AS_OF, root=injected(paper).root)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    cells = 0
    for line in md.splitlines():
        if not line.startswith("|"):
            cells = 0
            continue
        pipes = len(re.findall(r"(?<!\\)\|", line))
        cells = cells or pipes
        assert pipes == cells, line
    assert md.count('\\<script\\>alert("x")\\</script\\> a \\| b {{ 7\\*7 }}') == 3
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.split("href=")[-1][:20]
    assert not re.search(r'<a href="javascript', html)
    assert "&lt;script&gt;" in html and "{{ 7*7 }}" in html


def test_injection_in_decisions_evidence_and_reasons_is_inert(paper: Tracker, run_cli: RunCli) -> None:
    """A decision's reason, an evidence title and a due date's reason are the tracker's text: shown, never run."""
    import json

    from markdown_it import MarkdownIt

    root = assured(paper, run_cli).root
    for rel, old in (
        ("data/assessments/org-a.yaml", "reason: Only the audit part applies to a community trust."),
        ("data/assessments/org-a.yaml", "title: Audit report 2023"),
        ("data/workplan/org-a.yaml", "reason: The executive asked for a second consultation with the staff side."),
    ):
        path = root / rel
        key = old.split(":")[0]
        path.write_text(path.read_text().replace(old, f"{key}: {json.dumps(INJECTION)}"), encoding="utf-8")
    md = run_cli("report", "--as-of", AS_OF, root=root).stdout
    assert len([line for line in md.splitlines() if '\\<script\\>alert("x")' in line]) == 4  # and Appendix A
    cells = 0
    for line in md.splitlines():  # every row of a table has as many cells as its header: none was split
        if not line.startswith("|"):
            cells = 0
            continue
        pipes = len(re.findall(r"(?<!\\)\|", line))
        cells = cells or pipes
        assert pipes == cells, line
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "<img" not in html
    page = run_cli("report", "--as-of", AS_OF, "-f", "html", root=root).stdout
    parser = _Text()
    parser.feed(page)
    assert not [t for t, _ in parser.tags if t in ("script", "img", "a", "iframe")]
    assert "".join(parser.text).count('<script>alert("x")</script> a | b {{ 7*7 }}') == 4


def test_template_override_and_errors(paper: Tracker, run_cli: RunCli) -> None:
    paper.write("templates/partials/cover.md.j2", "# {{ report.cover.title | md }} (local cover)\n")
    result = run_cli("report", "--as-of", AS_OF, root=paper.root)
    assert result.stdout.startswith(
        "# Progress against the recommendations of the A test recommendation set (local cover)\n"
    )
    assert "## Appendix A" in result.stdout
    paper.write("templates/typo.md.j2", "line one\n{{ report.cover.titel }}\n")
    result = run_cli("report", "--template", "typo.md.j2", root=paper.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: template typo.md.j2 line 2: 'francis_cli.views.cover.Cover object' has no attribute 'titel'\n",
    )
    paper.write("templates/evil.html.j2", "<p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}</p>\n")
    result = run_cli("report", "--format", "html", "--template", "evil.html.j2", root=paper.root)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("francis: template evil.html.j2 line 2: not allowed in a template: ")
    assert "__class__" in result.stderr and result.stderr.count("\n") == 1
    paper.write("templates/broken.md.j2", "{% for x in %}\n")
    result = run_cli("report", "--template", "broken.md.j2", root=paper.root)
    assert result.exit_code == 2 and result.stderr.startswith("francis: template broken.md.j2 line 1: ")


def test_pdf_without_weasyprint_says_how(
    paper: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed: import raises ImportError
    result = run_cli("report", "--format", "pdf", "-o", str(tmp_path / "p.pdf"), root=paper.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: PDF output needs WeasyPrint: pip install 'francis-cli[pdf]'\n",
    )
    assert not (tmp_path / "p.pdf").exists()


def test_markdown_blocks_are_separated(paper: Tracker, run_cli: RunCli) -> None:
    """A heading or paragraph glued to a table would render as one paragraph of pipes."""
    for root, as_of in ((paper.root, AS_OF), (REPO, "2013-10-01")):
        lines = run_cli("report", "--as-of", as_of, root=root).stdout.split("\n")
        for before, after in itertools.pairwise(lines):
            assert not (before.startswith("#") and after.strip()), before
            assert before.startswith("|") == after.startswith("|") or "" in (before.strip(), after.strip()), after
            assert (before, after) != ("", "")


# --- the sandbox: a template from a pull request cannot break out, leak or hang CI -----------------------

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
    assert result.stderr == (
        "francis: template partials/cover.html.j2 line 1: not allowed in a template: access to "
        "attribute '__init__' of 'type' object is unsafe.\n"
    )


def test_an_error_inside_a_template_expression_is_the_templates_not_franciss(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("templates/report.md.j2", "# Paper\n\n{{ report.cover.title }}\n{{ 1 / 0 }}\n")
    result = run_cli("report", root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: template report.md.j2 line 4: ZeroDivisionError: division by zero\n",
    )


# --- template names and symlinks cannot leave the templates folder ------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.md.j2"
    path.parent.mkdir()
    path.write_text("SECRET=hunter2\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "../secret.md.j2",
        "../../outside/secret.md.j2",
        "/etc/passwd.md.j2",
        "sub/../../secret.md.j2",
        "..\\secret.md.j2",
        "C:\\Windows\\x.md.j2",
        " ",
    ],
)
def test_template_option_cannot_leave_the_folder(name: str, tracker: Tracker, run_cli: RunCli, secret: Path) -> None:
    result = run_cli("report", "--template", name, root=tracker.root)
    assert result.exit_code == 2 and "hunter2" not in result.stdout
    assert result.stderr.startswith("francis: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("how", ["default-name", "template-option", "include", "folder-link"])
def test_symlinks_out_of_the_templates_folder_are_not_read(
    how: str, tracker: Tracker, run_cli: RunCli, secret: Path
) -> None:
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
    assert re.fullmatch(
        r"francis: template [^\n]*: not allowed in a template: '[\w/.]+' is a symlink leading "
        r"outside its templates folder; not read\n",
        result.stderr,
    ), result.stderr


def test_a_templates_folder_that_is_a_symlink_out_of_the_tracker_is_not_read(
    tracker: Tracker, run_cli: RunCli, secret: Path
) -> None:
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


# --- PDF: a template cannot make WeasyPrint fetch a URL or embed a local file ----------------------------------


def _pdf_text(pdf: bytes) -> bytes:
    streams = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    return b"".join(streams)


def test_pdf_fetches_nothing_and_embeds_no_local_file(
    tracker: Tracker, run_cli: RunCli, secret: Path, tmp_path: Path, no_network: list[str]
) -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # not installed, or its system libraries (Pango) are missing
        pytest.skip("WeasyPrint is not usable here")
    url = secret.as_uri()
    tracker.write(
        "templates/leak.html.j2",
        f'<html><body><p>paper</p><a rel="attachment" href="{url}">a</a>'
        f'<img src="{url}"><img src="https://example.invalid/x.png">'
        '<link rel="stylesheet" href="http://example.invalid/x.css">'
        "</body></html>\n",
    )
    out = tmp_path / "paper.pdf"
    result = run_cli("report", "--format", "pdf", "--template", "leak.html.j2", "-o", str(out), root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, f"wrote the pdf paper to {out}\n")  # no refused fetch leaks
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF") and b"hunter2" not in _pdf_text(pdf)
    assert no_network == []
