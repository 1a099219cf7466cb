"""The public register as files: every page through the paper's Jinja environment, and the open data.

Templates are ``site/*.html.j2`` in francis's defaults, overridden by name by the tracker's own
``templates/site/``, in the same sandbox as the board paper's (``render.paper.environment``):
autoescaped, strict, bounded. Every link is relative (``rel``), so the site works from a folder,
a file:// URL or any sub-path of a host; nothing on a page loads from elsewhere.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from ..views.site import Site
from ..views.site_data import Table
from . import site_assets
from .paper import environment, rendered
from .site_data import SCHEMA, table_csv, tracker_json, tracker_schema, tracker_sqlite

RATING_TAGS = {"red": "red", "amber": "orange", "green": "green", "blue": "blue", "not-applicable": "white"}
STATUS_TAGS = {"not-started": "grey", "in-progress": "blue", "done": "green", "blocked": "red", "dropped": "white"}
STATIC = ("site.css", "search.js")
"""Files of templates/site/ copied as they are into the site's assets/."""


def rel(target: str, here: str) -> str:
    """The link from the page at ``here`` to ``target``, both paths from the site's top."""
    base = posixpath.dirname(here) or "."
    return posixpath.relpath(target, base)


def site_environment(root: Path | None) -> SandboxedEnvironment:
    """The paper's environment with the register's few filters."""
    env = environment(root)
    env.filters.update(
        rel=rel,
        rating_tag=lambda rating: RATING_TAGS.get(rating, "grey"),
        status_tag=lambda status: STATUS_TAGS.get(status, "grey"),
    )
    return env


class _Pages:
    """Renders templates into the site's files, each error a one-line UserError naming template and line."""

    def __init__(self, env: SandboxedEnvironment, view: Site, root: Path | None) -> None:
        self.env, self.view, self.root = env, view, root
        self.files: dict[str, bytes] = {}

    def page(self, name: str, here: str, **values: Any) -> None:
        self.files[here] = self._guard(lambda: self.env.get_template(name).render(site=self.view, here=here, **values))

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


def render_site(view: Site, tables: list[Table], frontend: Path, *, root: Path | None) -> dict[str, bytes]:
    """Every file of the site by its path there, forward slashes: pages, data, assets."""
    pages = _Pages(site_environment(root), view, root)
    pages.page("site/home.html.j2", "index.html")
    for r in view.recommendations:
        pages.page("site/recommendation.html.j2", r.path, page=r)
    for a in view.actions:
        pages.page("site/action.html.j2", a.path, page=a)
    for lst in view.lists:
        pages.page("site/list.html.j2", lst.path, page=lst)
    pages.page("site/search.html.j2", "search.html", index=search_index(view))
    pages.page("site/data.html.j2", "data/index.html", tables=tables)
    if view.base_url:
        pages.page("site/sitemap.xml.j2", "sitemap.xml", paths=sorted(p for p in pages.files if p.endswith(".html")))
    for name in STATIC:
        pages.static(name, f"assets/{name}")
    files = dict(pages.files)
    for t in tables:
        files[f"data/{t.name}.csv"] = table_csv(t)
    meta = {
        "set": view.set_id,
        "as_of": view.as_of.isoformat(),
        "revision": view.built.label,
        "commit": view.built.commit,
    }
    files["data/tracker.json"] = tracker_json(tables, meta)
    files[f"data/{SCHEMA}"] = tracker_schema(tables)
    files["data/tracker.sqlite"] = tracker_sqlite(tables)
    files.update(site_assets.files(frontend))
    return dict(sorted(files.items()))
