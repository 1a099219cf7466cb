"""The NHS.UK frontend's compiled CSS and images, found where a package manager installed them.

francis never ships nhsuk-frontend (an npm package, MIT): it is installed with npm, pinned, and
looked for in ``$FRANCIS_NHSUK_FRONTEND``, else in a ``node_modules/nhsuk-frontend`` at or above
the tracker or francis itself. Its stylesheet is copied into the built site with its
``@font-face`` rules left out (they load the Frutiger font from assets.nhs.uk, and no request
leaves the site; the pages fall back to Arial, as NHS.UK's own stack does) and its image URLs
made relative, so the site works from any folder, a file:// URL or a sub-path of a host.

Why no JavaScript of the frontend is copied: no component the register uses needs it, and its
scripts are ES modules, which browsers refuse to load from a file:// URL.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import UserError, reason

PINNED = "10.6.1"
"""The nhsuk-frontend version the templates' class names are written for (its major must match)."""
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
    versions = [m.groups() for m in map(_VERSIONED.fullmatch, os.listdir(folder)) if m]
    if versions and all(v[0] != PINNED.split(".")[0] for v in versions):
        found = ".".join(versions[0])
        raise UserError(f"nhsuk-frontend {found} is found at {folder}; the site is made for {PINNED}: {INSTALL}")
    return folder


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
