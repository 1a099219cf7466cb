"""The public register as files: every page through the paper's Jinja environment, and the open data.

Templates are ``site/*.html.j2`` in francis's defaults, overridden by name by the tracker's own
``templates/site/``, in the same sandbox as the board paper's (``render.paper.environment``):
autoescaped, strict, bounded. Every link is relative (``rel``), so the site works from a folder,
a file:// URL or any sub-path of a host; nothing on a page loads from elsewhere.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import UserError
from ..views.site import Site
from ..views.site_data import Table
from ..views.site_lists import ListPage, RecRow
from . import site_assets
from .paper import environment, rendered
from .site_data import data_files

RATING_TAGS = {"red": "red", "amber": "orange", "green": "green", "blue": "blue", "not-applicable": "white"}
STATUS_TAGS = {"not-started": "grey", "in-progress": "blue", "done": "green", "blocked": "red", "dropped": "white"}
ROWS = "site/rows.html.j2"
"""The macros a list page's rows and filter links are made with (``recommendation``, ``action``, ``filter``)."""
STATIC = ("site.css", "search.js")
"""Files of templates/site/ copied as they are into the site's assets/."""


def rel(target: str, here: str) -> str:
    """The link from the page at ``here`` to ``target``, both paths from the site's top.

    Why not ``posixpath.relpath`` alone: a national site makes hundreds of thousands of links, and
    relpath makes both paths absolute first; for the site's own plain paths (no ``.``, ``..`` or
    empty part) the same answer is had from their parts, and anything else goes to relpath."""
    base, parts = _folder_of(here), _parts(target)
    if base is None or parts is None:
        return posixpath.relpath(target, posixpath.dirname(here) or ".")
    i, n = 0, min(len(base), len(parts))
    while i < n and base[i] == parts[i]:
        i += 1
    up = [".."] * (len(base) - i)
    return "/".join([*up, *parts[i:]]) or "."


@functools.lru_cache(maxsize=1024)
def _folder_of(here: str) -> tuple[str, ...] | None:
    parts = _parts(here)
    return None if parts is None else parts[:-1]


def _parts(path: str) -> tuple[str, ...] | None:
    """The parts of a plain relative path, None for any other (which relpath then answers)."""
    parts = tuple(path.split("/"))
    return None if any(p in ("", ".", "..") for p in parts) else parts


def site_environment(root: Path | None) -> SandboxedEnvironment:
    """The paper's environment with the register's few filters."""
    env = environment(root)
    env.filters.update(
        rel=rel,
        rating_tag=lambda rating: RATING_TAGS.get(rating, "grey"),
        status_tag=lambda status: STATUS_TAGS.get(status, "grey"),
    )
    env.globals["nhsuk"] = site_assets.components(env)  # the NHS.UK frontend's components, nhsuk.tag({...})
    return env


class _Pages:
    """Renders templates into the site's files, each error a one-line UserError naming template and line.

    Each template is compiled once and kept for every page made with it; a list's rows and filter
    links are made once for all the list pages that link them alike (``rows``, ``filters``)."""

    def __init__(self, env: SandboxedEnvironment, view: Site, root: Path | None) -> None:
        self.env, self.view, self.root = env, view, root
        self.files: dict[str, bytes] = {}
        self.templates: dict[str, Template] = {}
        self.made: dict[tuple[Any, ...], Markup] = {}

    def template(self, name: str) -> Template:
        if name not in self.templates:
            self.templates[name] = self.env.get_template(name)
        return self.templates[name]

    def page(self, name: str, here: str, **values: Any) -> None:
        self.files[here] = self._guard(lambda: self.template(name).render(site=self.view, here=here, **values))

    def rows(self, page: ListPage, here: str) -> list[Markup]:
        """The rows of a list page, each made by ``ROWS`` once for every page that links it alike.

        Why: a row's one link (to its item's page) is relative, so a row is the same on every list
        page whose link to the item is the same (all the pages of a folder, and of its sibling
        folders but the item's own); nothing else of the page goes into it."""
        many = len(self.view.organisations) > 1
        out = []
        for row in page.recommendations or page.actions:
            macro = "recommendation" if isinstance(row, RecRow) else "action"
            out.append(self._fragment((macro, row.path, rel(row.path, here)), macro, row, here, many))
        return out

    def filters(self, page: ListPage, here: str) -> list[tuple[str, Markup]]:
        """Each filter group of a list page: its title and its links, one a line, each link made once
        for every page that links it alike (and once more where it is the page itself, marked).
        Why: every list page carries every filter of its kind, a national site's thousand leads on
        each of its thousand list pages."""
        out = []
        for group in page.filters:
            items = [
                self._fragment(("filter", f.path, rel(f.path, here), f.path == here), "filter", f, here)
                for f in group.filters
            ]
            out.append((group.title, Markup("".join(f"{item}\n" for item in items))))
        return out

    def _fragment(self, key: tuple[Any, ...], macro: str, *args: Any) -> Markup:
        """A macro of ``ROWS`` called once for ``key``, kept for every later page that asks."""
        if key not in self.made:

            def make() -> str:
                try:  # called from here, not in a render: Jinja's lines put back in the traceback
                    found = getattr(self.template(ROWS).module, macro, None)
                    made = found(*args) if callable(found) else None
                except Exception:
                    self.env.handle_exception()
                if made is None:
                    raise UserError(f"template {ROWS} has no macro {macro!r}: a list page is made with it")
                return str(made)

            self.made[key] = Markup(rendered(make, self.env, "site", self.root))
        return self.made[key]

    def static(self, name: str, here: str) -> None:
        assert self.env.loader is not None
        loader = self.env.loader
        self.files[here] = self._guard(lambda: loader.get_source(self.env, f"site/{name}")[0])

    def _guard(self, make: Callable[[], str]) -> bytes:
        return rendered(make, self.env, "site", self.root).encode("utf-8")


def search_index(view: Site) -> list[dict[str, str]]:
    """What the search page matches: every recommendation and action, with the words a reader may type."""
    out = []
    for r in view.recommendations:
        words = [r.title or "", r.text or "", r.theme, *(p.position or "" for p in r.positions)]
        out.append(
            {
                "path": r.path,
                "title": f"Recommendation {r.number}: {r.title or ''}".rstrip(": "),
                "text": " ".join(words),
            }
        )
    for a in view.actions:
        words = [a.title, a.outcome or "", a.org_name, *(n.note for n in a.notes), *(t for _, t in a.leads)]
        out.append({"path": a.path, "title": f"Action {a.id}: {a.title} ({a.org_name})", "text": " ".join(words)})
    return out


def render_site(
    view: Site, tables: list[Table], frontend: Path, *, root: Path | None, folder: Path | None = None
) -> dict[str, bytes]:
    """Every file of the site by its path there, forward slashes: pages, data, assets. ``folder``:
    where the site was last built, whose data files are reused when made from the same tables."""
    pages = _Pages(site_environment(root), view, root)
    pages.page("site/home.html.j2", "index.html")
    for r in view.recommendations:
        pages.page("site/recommendation.html.j2", r.path, page=r)
    for a in view.actions:
        pages.page("site/action.html.j2", a.path, page=a)
    for lst in view.lists:
        rows, filters = pages.rows(lst, lst.path), pages.filters(lst, lst.path)
        pages.page("site/list.html.j2", lst.path, page=lst, rows=rows, filters=filters)
    pages.page("site/search.html.j2", "search.html", index=search_index(view))
    pages.page("site/data.html.j2", "data/index.html", tables=tables)
    if view.base_url:
        pages.page("site/sitemap.xml.j2", "sitemap.xml", paths=sorted(p for p in pages.files if p.endswith(".html")))
    for name in STATIC:
        pages.static(name, f"assets/{name}")
    files = dict(pages.files)
    meta = {
        "set": view.set_id,
        "as_of": view.as_of.isoformat(),
        "revision": view.built.label,
        "commit": view.built.commit,
    }
    files.update(data_files(tables, meta, folder))
    files.update(site_assets.files(frontend))
    return dict(sorted(files.items()))
