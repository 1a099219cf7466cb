"""Board papers through Jinja: the one place the template environment is built (PDF: ``render.pdf``).

Templates are looked up in the tracker's own ``templates/`` folder first, then in the defaults
shipped with francis, so a trust can replace one partial (the cover sheet, say) and keep the rest.
The environment is sandboxed (a template cannot reach Python internals), strict (a typo is an
error naming the template and line, never a silent blank) and autoescapes HTML; Markdown output
escapes every value with the ``md`` filter.
"""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from markupsafe import Markup

from ..errors import UserError, reason
from ..models.common import Period
from ..models.vocab import due_label, long_date
from ..problems import plural
from ..tracker.paths import describe
from ..views.appendices import paragraphs
from ..views.paper import Paper
from ..views.rollup import Rollup
from .charts import chart_svg, text_on
from .markdown import md_cell
from .pdf import chart_figure
from .pdf import pdf_engine as pdf_engine
from .pdf import to_pdf as to_pdf

DEFAULT_TEMPLATES = {"markdown": "report.md.j2", "html": "report.html.j2", "pdf": "report.html.j2"}
SUFFIXES = {"markdown": (".md.j2", ".md"), "html": (".html.j2", ".html"), "pdf": (".html.j2", ".html")}
MAX_POWER = 100


def default_templates() -> Path:
    """The packaged templates (in a wheel), else the checkout's top-level ``templates/`` (editable install)."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here / "templates", here.parent.parent / "templates"):
        if (folder / "report.md.j2").is_file():
            return folder
    raise UserError("francis's default templates are missing from this installation; reinstall francis-cli")


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".html", ".htm", ".svg.j2", ".xml.j2"))


def _due(text: str) -> str:
    return due_label(Period.parse(text))


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with ``*`` and ``**`` bounded: ``{{ 'a' * 10**10 }}`` in a pull request's
    template would otherwise exhaust the CI runner's memory, and ``7 ** 99999999`` its time."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(f"a power above {MAX_POWER} is not allowed")
        if operator == "*":
            seq, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_RANGE:
                raise SecurityError(f"a repeated string or list longer than {MAX_RANGE:,} is not allowed")
        return super().call_binop(context, operator, left, right)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Refuse at once, rather than an Undefined that ``|map(attribute='__class__')|list`` prints."""
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")


class _Loader(jinja2.FileSystemLoader):
    """Templates from their folders only: a symlink in a tracker's ``templates/`` that leads
    outside it (to ``/proc/self/environ``, say) is refused, never read into the paper."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for folder in self.searchpath:  # what stands at the name shadows the default, whatever it is
            path = Path(folder, *jinja2.loaders.split_template_path(template))
            try:
                mode = os.stat(path).st_mode
            except FileNotFoundError:
                if not os.path.islink(path):
                    continue
                raise UserError(f"template {template!r}: broken symlink: nothing is at its target") from None
            except OSError as err:
                raise UserError(f"template {template!r} cannot be read: {reason(err)}") from None
            if not stat.S_ISREG(mode):
                raise UserError(f"template {template!r} is {describe(mode)}, not a file; not read")
            break
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except jinja2.TemplateNotFound:  # an OSError too, but one render() words itself
            raise
        except (OSError, UnicodeDecodeError) as err:  # a template is UTF-8 text, or it is refused
            raise UserError(f"template {template!r} cannot be read: {reason(err)}") from None
        folder = next(f for f in self.searchpath if Path(filename).is_relative_to(f))
        if not Path(filename).resolve().is_relative_to(Path(folder).resolve()):
            raise SecurityError(f"{template!r} is a symlink leading outside its templates folder; not read")
        return source, filename, uptodate


def _own_templates(root: Path | None) -> list[str]:
    """The tracker's own templates/ folder, if it has one; a one-line UserError when it is there
    but cannot be used (a file, a broken symlink, a loop, a symlink out of the tracker, no access)."""
    folder = root / "templates" if root is not None else None
    if folder is None or not os.path.lexists(folder):
        return []
    try:
        mode = os.stat(folder).st_mode
    except OSError as err:
        why = "broken symlink: nothing is at its target" if isinstance(err, FileNotFoundError) else reason(err)
        raise UserError(f"cannot read the templates/ folder: {why}") from None
    if not stat.S_ISDIR(mode):
        raise UserError("templates/ is not a folder: a tracker's own templates go in a folder of that name")
    if not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(folder.parent)):
        raise UserError("templates/ is a symlink leading outside the tracker; not read")
    return [str(folder)]


def environment(root: Path | None) -> SandboxedEnvironment:
    """The Jinja environment every report is rendered with (the only place one is built)."""
    folders = [*_own_templates(root), str(default_templates())]
    env = _Sandbox(
        loader=_Loader(folders, encoding="utf-8", followlinks=False),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        md=md_cell,
        longdate=long_date,
        plural=plural,
        text_on=text_on,
        due=_due,
        paragraphs=paragraphs,
        chart=lambda chart: Markup(chart_svg(chart)),
    )
    return env


def _check_name(name: str, fmt: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not name.strip():
        raise UserError(f"--template: {name!r} must be a file name inside the templates/ folder")
    if not name.endswith(SUFFIXES[fmt]):
        raise UserError(f"--template: a {fmt} template's name ends with {SUFFIXES[fmt][0]} (got {name!r})")
    return path.as_posix()


def _where(err: BaseException, folders: list[str]) -> str:
    """``template partials/cover.html.j2 line 12``: the innermost template frame of a rendering error."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        for folder in folders:
            try:
                rel = Path(frame.filename).relative_to(folder).as_posix()
            except ValueError:
                continue
            return f"template {rel} line {frame.lineno}"
    return "template"


def render(report: Paper | Rollup, fmt: str, *, root: Path | None, template: str | None = None) -> str:
    """The paper as Markdown or HTML (``pdf`` renders the HTML that :func:`to_pdf` prints)."""
    name = _check_name(template, fmt) if template else DEFAULT_TEMPLATES[fmt]
    env = environment(root)
    if fmt == "pdf":  # printed charts are images with their whole text alternative, which the tagged PDF keeps
        env.filters["chart"] = chart_figure
    return rendered(lambda: env.get_template(name).render(report=report, format=fmt), env, name, root)


def rendered(make: Callable[[], str], env: jinja2.Environment, name: str, root: Path | None) -> str:
    """``make()``'s text, or a one-line UserError naming the template and line that went wrong (the
    paper's and the site's alike). An exception raised in francis's own templates or code is a bug
    and is raised as it is; raised in the tracker's own templates/, it is the tracker's doing."""
    folders = list(env.loader.searchpath) if isinstance(env.loader, jinja2.FileSystemLoader) else []
    try:
        return make()
    except jinja2.TemplateNotFound as err:
        raise UserError(f"template {err.name!r} not found in templates/ or in francis's defaults") from None
    except jinja2.TemplateSyntaxError as err:
        raise UserError(f"template {err.name or name} line {err.lineno}: {err.message}") from None
    except SecurityError as err:
        where = _where(err, folders)
        where = f"template {name}" if where == "template" else where  # refused before any line of it ran
        raise UserError(f"{where}: not allowed in a template: {err}") from None
    except jinja2.UndefinedError as err:
        raise UserError(f"{_where(err, folders)}: {err.message}") from None
    except jinja2.TemplateError as err:
        raise UserError(f"{_where(err, folders)}: {err}") from None
    except (ArithmeticError, LookupError, ValueError, TypeError, RecursionError) as err:
        own = folders[:1] if root is not None and folders and Path(folders[0]) == root / "templates" else []
        where = _where(err, own)
        if where == "template":  # raised in francis's own templates or code: a bug, not the tracker's doing
            raise
        raise UserError(f"{where}: {type(err).__name__}: {' '.join(str(err).split())}") from None
