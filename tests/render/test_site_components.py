"""The site's NHS.UK components, made by nhsuk-frontend-jinja: the pinned pair of releases, the
one-line refusals of a mismatched pair, escaping, strictness where it is ours, the tracker's
override of a component in the same sandbox, and markup that never leaves the site."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from francis_cli.errors import UserError
from francis_cli.render import site_assets
from francis_cli.render.site import site_environment

from ..conftest import REPO, RunCli, Tracker

SCRIPT = '<script>alert("x")</script>'


def render(source: str, root: Path | None = None, **values: Any) -> str:
    """``source`` rendered in the site's environment, importing the register's macros, escaped as a
    page is (a template made from a string has no name to be escaped by)."""
    env = site_environment(root)
    head = '{% from "site/macros.html.j2" import tag, breadcrumbs, pagination, summary_list, table %}'
    source = f"{head}{{% autoescape true %}}{source}{{% endautoescape %}}"
    return env.from_string(source).render(here="actions/org-a/1.1.html", **values)


def fake_frontend(tmp_path: Path, version: str) -> Path:
    """A compiled nhsuk-frontend laid out as npm lays it out, of ``version``."""
    folder = tmp_path / f"nhsuk-frontend-{version}" / "dist" / "nhsuk"
    (folder / "assets" / "images").mkdir(parents=True)
    (folder / "nhsuk-frontend.min.css").write_text("body{}", encoding="utf-8")
    (folder / f"nhsuk-frontend-{version}.min.css").write_text("body{}", encoding="utf-8")
    return folder.parent


def test_the_installed_port_is_the_release_paired_with_the_pinned_frontend() -> None:
    assert metadata.version("nhsuk-frontend-jinja") == site_assets.PORTS[site_assets.PINNED] == site_assets.PORT_PINNED
    assert site_assets.port_version() == site_assets.PORT_PINNED
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"nhsuk-frontend-jinja=={site_assets.PORT_PINNED}" in project["dependencies"]
    package = (REPO / "tests/browser/package.json").read_text(encoding="utf-8")
    assert f'"nhsuk-frontend": "{site_assets.PINNED}"' in package


@pytest.mark.parametrize(
    ("found", "words"),
    [
        ("0.9.0", "nhsuk-frontend-jinja 0.9.0 is installed; the site is made with 0.10.2, the release for"),
        (None, "the site needs nhsuk-frontend-jinja 0.10.2, the NHS.UK frontend's components"),
    ],
)
def test_another_port_is_refused_in_one_line(
    found: str | None, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def version(name: str) -> str:
        if found is None:
            raise metadata.PackageNotFoundError(name)
        return found if name == "nhsuk-frontend-jinja" else metadata.version(name)

    monkeypatch.setattr(site_assets.metadata, "version", version)
    monkeypatch.setenv(site_assets.ENV, str(fake_frontend(tmp_path, site_assets.PINNED)))
    for call in (site_assets.port_version, lambda: site_assets.locate(tmp_path), lambda: site_environment(None)):
        with pytest.raises(UserError) as err:
            call()
        message = str(err.value)
        assert words in message and "pip install nhsuk-frontend-jinja==0.10.2" in message and "\n" not in message


def test_a_frontend_paired_with_another_port_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(site_assets.ENV, str(fake_frontend(tmp_path, "10.5.0")))
    with pytest.raises(UserError) as err:
        site_assets.locate(tmp_path)
    assert "nhsuk-frontend 10.5.0 at" in str(err.value) and "npm install nhsuk-frontend@10.6.1" in str(err.value)
    for fine in (site_assets.PINNED, "10.9.0"):  # the pinned release; one the table does not know: its major
        monkeypatch.setenv(site_assets.ENV, str(fake_frontend(tmp_path, fine)))
        assert site_assets.locate(tmp_path).name == "nhsuk"


def test_the_site_refuses_a_mismatched_pair_before_building(
    paper: Tracker, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(site_assets.ENV, str(fake_frontend(tmp_path, site_assets.PINNED)))
    real = metadata.version
    monkeypatch.setattr(
        site_assets.metadata, "version", lambda name: "0.11.0" if name == site_assets.PORT else real(name)
    )
    result = run_cli("site", "-o", str(tmp_path / "site"), root=paper.root)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "nhsuk-frontend-jinja 0.11.0 is installed" in result.stderr and not (tmp_path / "site").exists()


def test_a_tag_is_the_ports_and_escapes_its_text() -> None:
    html = render('{{ tag(text, "red") }}|{{ tag(markup, "green") }}', text=SCRIPT, markup=Markup("<b>ok</b>"))
    red, green = html.split("|")
    assert red.startswith('<strong class="nhsuk-tag nhsuk-tag--red">') and red.endswith("</strong>")
    assert "<script>" not in red and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in red
    assert "<b>ok</b>" in green and "nhsuk-tag--green" in green  # markup made by a template is kept


def test_breadcrumbs_link_relatively_and_end_in_a_back_link() -> None:
    html = render('{{ breadcrumbs([("index.html", "Home"), ("actions/index.html", text)], here) }}', text=SCRIPT)
    assert html.startswith('<nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">')
    assert re.findall(r'class="nhsuk-breadcrumb__link" href="([^"]+)"', html) == ["../../index.html", "../index.html"]
    back = re.search(r'<a class="nhsuk-back-link" href="([^"]+)">(.*?)</a>', html, re.S)
    assert back is not None and back[1] == "../index.html"
    assert '<span class="nhsuk-u-visually-hidden">Back to </span>&lt;script&gt;' in back[2]
    assert "<script>" not in html


def test_pagination_links_pages_and_marks_the_current_one() -> None:
    link = SimpleNamespace
    pages = [f"actions/index{s}.html" for s in ("", ".page-2", ".page-3")]
    page = SimpleNamespace(
        pages=pages,
        number=2,
        links=[
            link(number=1, path=pages[0], current=False),
            link(number=2, path=pages[1], current=True),
            link(number=None, path="", current=False),
            link(number=3, path=pages[2], current=False),
        ],
    )
    html = render("{{ pagination(page, 'actions/index.page-2.html') }}", page=page)
    assert 'class="nhsuk-pagination nhsuk-pagination--numbered"' in html
    assert re.search(r'href="index.html" class="nhsuk-pagination__previous" rel="prev"', html)
    assert re.search(r'href="index.page-3.html" class="nhsuk-pagination__next" rel="next"', html)
    current = re.findall(r'aria-label="(Page \d)" aria-current="page"', html)
    assert current == ["Page 2"] and "nhsuk-pagination__item--ellipsis" in html
    one = SimpleNamespace(pages=[pages[0]], number=1, links=[])
    assert render("{{ pagination(page, 'actions/index.html') }}", page=one).strip() == ""


def test_summary_list_and_table_escape_text_and_keep_markup() -> None:
    html = render(
        '{{ summary_list([("Due", 0), (text, tag("Done", "green"))]) }}{{ table("Slips", ["Date", "Reason"], rows) }}',
        text=SCRIPT,
        rows=[["2024-01-01", SCRIPT]],
    )
    assert html.count('class="nhsuk-summary-list__row"') == 2 and "<script>" not in html
    assert re.search(r'<dd class="nhsuk-summary-list__value">\s*0\s*</dd>', html)  # a zero is shown, not left blank
    assert 'class="nhsuk-tag nhsuk-tag--green"' in html
    assert '<table class="nhsuk-table nhsuk-table--responsive" role="table">' in html
    assert 'class="nhsuk-table__caption nhsuk-u-visually-hidden"' in html and "&lt;script&gt;" in html


def test_the_registers_own_templates_stay_strict() -> None:
    for source in ('{{ tag(nothing, "red") }}', "{{ nhsuk.noSuchComponent }}", '{{ nhsuk["../../x"] }}'):
        with pytest.raises(jinja2.UndefinedError):
            render(source)


def test_the_same_parameters_are_made_once_and_text_is_not_taken_for_markup() -> None:
    env = site_environment(None)
    tag = env.globals["nhsuk"]["tag"]
    first, again = tag({"text": "Done", "colour": "green"}), tag({"text": "Done", "colour": "green"})
    assert first is again and isinstance(first, Markup)
    assert "<b>" not in tag({"text": "<b>x</b>"}) and "<b>x</b>" in tag({"text": Markup("<b>x</b>")})


def test_a_tracker_overrides_a_component_in_the_same_sandbox(tracker: Tracker) -> None:
    tracker.write("templates/nhsuk/components/tag/template.jinja", '<em class="own">{{ params.text }}</em>')
    assert (
        render('{{ tag(text, "red") }}', tracker.root, text=SCRIPT)
        == '<em class="own">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</em>'
    )
    tracker.write("templates/nhsuk/components/tag/template.jinja", "{{ params.__class__.__mro__ }}")
    with pytest.raises(SecurityError):
        render('{{ tag("x", "red") }}', tracker.root)


def _site(title: str) -> SimpleNamespace:
    built = SimpleNamespace(commit="abc1234", label="board-2024-06", date="2024-06-10")
    return SimpleNamespace(title=title, generator="francis", base_url=None, as_of=date(2024, 6, 10), built=built)


def test_every_page_has_the_ports_skip_link_header_and_footer_and_nothing_from_elsewhere() -> None:
    env = site_environment(None)
    page = '{% extends "site/base.html.j2" %}{% block title %}T{% endblock %}{% block content %}<p>x</p>{% endblock %}'
    html = env.from_string(page).render(site=_site(SCRIPT), here="search.html")
    assert html.startswith("<!DOCTYPE html>") and "<script>" not in html
    assert re.search(r'<a class="nhsuk-skip-link" [^>]*href="#maincontent">\s*Skip to main content\s*</a>', html)
    assert '<header class="nhsuk-header" data-module="nhsuk-header" role="banner">' in html
    assert 'aria-label="NHS &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; homepage"' in html
    current = re.findall(r'<a class="nhsuk-header__navigation-link" href="([^"]+)" aria-current="page">', html)
    assert current == ["search.html"]
    footer = html[html.index('<footer class="nhsuk-footer" role="contentinfo">') :]
    assert "revision board-2024-06 (commit abc1234, 2024-06-10) by francis." in " ".join(footer.split())
    assert "©" not in footer  # the port's default "© NHS England" is not the register's to claim
    links = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert links and not [u for u in links if re.match(r"[a-z]+:|//", u)], links
