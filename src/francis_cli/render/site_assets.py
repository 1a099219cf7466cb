"""The NHS.UK frontend, found where package managers installed it: its components' markup from
nhsuk-frontend-jinja (PyPI, a dependency of francis), its compiled CSS and images from
nhsuk-frontend (npm), each pinned and the two paired release for release.

francis never ships nhsuk-frontend (an npm package, MIT): it is installed with npm, pinned, and
looked for in ``$FRANCIS_NHSUK_FRONTEND``, else in a ``node_modules/nhsuk-frontend`` at or above
the tracker or francis itself. Its stylesheet is copied into the built site with its
``@font-face`` rules left out (they load the Frutiger font from assets.nhs.uk, and no request
leaves the site; the pages fall back to Arial, as NHS.UK's own stack does) and its image URLs
made relative, so the site works from any folder, a file:// URL or a sub-path of a host.

Why no JavaScript of the frontend is copied: no component the register uses needs it, and its
scripts are ES modules, which browsers refuse to load from a file:// URL.

The components are the port's own macros (``nhsuk.tag({...})`` in a template, see
:func:`components`), rendered in an environment of their own: the port is written for Jinja's
``ChainableUndefined`` (a component reads ``params.backLink.id`` where no back link is given),
while the register's own templates stay strict, a typo in them an error naming the line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2

from ..errors import UserError, reason

PINNED = "10.6.1"
"""The nhsuk-frontend version the templates' class names are written for (its major must match)."""
PORTS = {
    "10.0.0": "0.4.1",
    "10.1.0": "0.5.0",
    "10.2.0": "0.6.0",
    "10.2.2": "0.6.1",
    "10.3.0": "0.7.0",
    "10.3.1": "0.7.2",
    "10.4.0": "0.8.0",
    "10.5.0": "0.9.0",
    "10.5.2": "0.9.1",
    "10.6.0": "0.10.0",
    "10.6.1": "0.10.2",
}
"""The nhsuk-frontend-jinja release that ports each nhsuk-frontend release (the port's compatibility table)."""
PORT = "nhsuk-frontend-jinja"
PORT_PINNED = PORTS[PINNED]
PORT_INSTALL = f"pip install {PORT}=={PORT_PINNED}"
ENV = "FRANCIS_NHSUK_FRONTEND"
INSTALL = f"npm install nhsuk-frontend@{PINNED} --save-exact"
CSS = "nhsuk-frontend.min.css"
TARGET = "assets/nhsuk"
_FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")
_VERSIONED = re.compile(r"nhsuk-frontend-(\d+)\.(\d+)\.(\d+)\.min\.css")


def _compiled(folder: Path) -> Path | None:
    """The folder holding the compiled stylesheet: ``folder`` itself, its ``nhsuk/`` or its ``dist/nhsuk/``."""
    for candidate in (folder, folder / "nhsuk", folder / "dist" / "nhsuk"):
        if (candidate / CSS).is_file() and (candidate / "assets" / "images").is_dir():
            return candidate
    return None


def _above(start: Path) -> list[Path]:
    start = start.resolve()
    return [p / "node_modules" / "nhsuk-frontend" for p in (start, *start.parents)]


def locate(root: Path) -> Path:
    """The compiled nhsuk-frontend to build with, or a one-line UserError saying how to install it."""
    given = os.environ.get(ENV)
    if given:
        found = _compiled(Path(given))
        if found is None:
            raise UserError(f"${ENV}={given}: no compiled nhsuk-frontend there ({CSS} and assets/images/)")
        return _checked(found)
    for folder in [*_above(root), *_above(Path(__file__).parent)]:
        found = _compiled(folder)
        if found is not None:
            return _checked(found)
    raise UserError(
        f"the site needs the NHS.UK frontend: run `{INSTALL}` in the tracker's folder (or set ${ENV} to its dist/)"
    )


def _checked(folder: Path) -> Path:
    """``folder``, once its nhsuk-frontend is of the pinned major and pairs with the installed port."""
    versions = [m.groups() for m in map(_VERSIONED.fullmatch, os.listdir(folder)) if m]
    if versions and all(v[0] != PINNED.split(".")[0] for v in versions):
        found = ".".join(versions[0])
        raise UserError(f"nhsuk-frontend {found} is found at {folder}; the site is made for {PINNED}: {INSTALL}")
    port = port_version()
    for found in (".".join(v) for v in versions):
        if PORTS.get(found, port) != port:
            raise UserError(
                f"nhsuk-frontend {found} at {folder} is not the release {PORT} {port} is made for ({PINNED}): {INSTALL}"
            )
    return folder


def port_version() -> str:
    """The installed nhsuk-frontend-jinja's version, or a one-line UserError when it is not the pinned one.

    Why its exact version: the port's markup is the frontend's release for release, and the
    stylesheet copied into the site is of :data:`PINNED`."""
    try:
        found = metadata.version(PORT)
    except metadata.PackageNotFoundError:
        raise UserError(
            f"the site needs {PORT} {PORT_PINNED}, the NHS.UK frontend's components: {PORT_INSTALL}"
        ) from None
    if found != PORT_PINNED:
        raise UserError(
            f"{PORT} {found} is installed; the site is made with {PORT_PINNED}, the release for"
            f" nhsuk-frontend {PINNED}: {PORT_INSTALL}"
        )
    return found


def stylesheet(css: str) -> str:
    """The frontend's stylesheet as the site serves it: no web font from elsewhere, image URLs relative."""
    css = _FONT_FACE.sub("", css)
    css = _SOURCE_MAP.sub("", css)
    return css.replace("url(/assets/images/", "url(images/")


def files(folder: Path) -> dict[str, bytes]:
    """The files to copy into the site, by their path there: the stylesheet and the images."""
    try:
        out = {f"{TARGET}/{CSS}": stylesheet((folder / CSS).read_text(encoding="utf-8")).encode("utf-8")}
        images = folder / "assets" / "images"
        for name in sorted(os.listdir(images)):
            if (images / name).is_file():
                out[f"{TARGET}/images/{name}"] = (images / name).read_bytes()
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"cannot read nhsuk-frontend at {folder}: {reason(err)}") from None
    return out


_MACRO_NAME = re.compile(r"[a-z][A-Za-z]*")
_FOLDERS = {"table": "tables", "image": "images", "list": "do-dont-list", "summaryListRow": "summary-list/row"}
"""The port's components whose folder is not their macro's name in kebab case."""


class Components:
    """The port's component macros by their names (``nhsuk.tag``, ``nhsuk.summaryList``), each
    loaded from its ``nhsuk/components/<name>/macro.jinja`` on first use; an unknown name is
    undefined (an error in the register's strict templates). Why not a mapping: a template sees
    no ``keys``, ``get`` or ``items`` of it, only the components."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._made: dict[str, _Remembered] = {}

    def __getitem__(self, name: str) -> _Remembered:
        if name not in self._made:
            if not _MACRO_NAME.fullmatch(name):
                raise KeyError(name)
            folder = _FOLDERS.get(name) or re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name)
            try:
                module = self._env.get_template(f"nhsuk/components/{folder}/macro.jinja").module
            except jinja2.TemplateNotFound:
                raise KeyError(name) from None
            made = getattr(module, name, None)
            if not callable(made):
                raise KeyError(name)
            self._made[name] = _Remembered(made)
        return self._made[name]


class _NotPlain(Exception):
    """A value a component's answer may not be remembered by (an undefined value, an object)."""


def _plain(value: Any) -> Any:
    """``value`` as a hashable key that tells ``"1"`` from ``1`` and text from markup."""
    if isinstance(value, dict):
        return dict, tuple((k, _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return type(value), tuple(_plain(v) for v in value)
    if isinstance(value, (str, int, float, bool, type(None))):
        return type(value), value
    raise _NotPlain


class _Remembered:
    """A component's macro that answers the same parameters once. Why: a component is the same
    markup for the same parameters, and the port's header is some thousand template calls; every
    page has one, and those of a folder have the same (a tag, the footer: one for the whole site)."""

    LIMIT = 4096

    def __init__(self, macro: Callable[..., Any]) -> None:
        self._macro = macro
        self._answers: dict[Any, Any] = {}

    def __call__(self, *args: Any) -> Any:
        try:
            key = _plain(args)
        except _NotPlain:  # called as it is: an undefined value is the template's error to raise
            return self._macro(*args)
        if key not in self._answers:
            if len(self._answers) >= self.LIMIT:
                self._answers.clear()
            self._answers[key] = self._macro(*args)
        return self._answers[key]


def components(env: jinja2.Environment) -> Components:
    """nhsuk-frontend-jinja's components, for the site's environment ``env`` to call as ``nhsuk``.

    They are rendered in an overlay of ``env``: the same sandbox, the tracker's ``templates/``
    first (a tracker overrides a component by its name there, ``nhsuk/components/tag/template.jinja``),
    then the port's package; but, as the port requires, every value autoescaped (its templates
    end ``.jinja``, which the paper's environment would not escape) and undefined values chainable."""
    port_version()
    assert env.loader is not None
    port = env.overlay(
        loader=jinja2.ChoiceLoader([env.loader, jinja2.PackageLoader("nhsuk_frontend_jinja")]),
        undefined=jinja2.ChainableUndefined,
        autoescape=True,
        keep_trailing_newline=False,
    )
    port.globals = dict(env.globals)
    return Components(port)
