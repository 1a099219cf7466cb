"""``francis init``: the files of a new tracker, from the templates beside this module.

The catalogue is the bundled ``data/recommendations/<set>.yaml``: shipped in the wheel as
``francis_cli/catalogues/``, read from the repository's ``data/`` in a source checkout.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from ... import __version__
from ...errors import UserError, reason
from ...yamlio.read import parse
from ...yamlio.style import render_scalar
from ..transaction import create

HERE = Path(__file__).resolve().parent
NHSUK_FRONTEND = "10.6.1"
"""The nhsuk-frontend the site workflow installs: the version ``francis site`` is written for."""


def catalogue(set_id: str) -> bytes:
    """The bundled catalogue ``set_id``'s bytes; a UserError naming the sets there are."""
    folders = [Path(str(resources.files("francis_cli") / "catalogues")), HERE.parents[3] / "data" / "recommendations"]
    for folder in folders:
        if (folder / f"{set_id}.yaml").is_file():
            return (folder / f"{set_id}.yaml").read_bytes()
    known = sorted({p.stem for f in folders if f.is_dir() for p in f.glob("*.yaml")})
    raise UserError(f"no bundled recommendation set {set_id!r} (bundled: {', '.join(known) or 'none'})")


def _template(file: str, **values: str) -> bytes:
    return Template((HERE / file).read_text(encoding="utf-8")).substitute(values).encode("utf-8")


def _skeleton(org: str, name: str, catalogue_data: dict[str, object], blank: bool) -> str:
    set_id = str(catalogue_data.get("set"))
    lines = [
        f"# Gap assessment: {name} against {catalogue_data.get('title')}.",
        "# One entry per recommendation: a rating (red, amber, green, blue) and the position behind it.",
        f'# Add or change one with: francis assess {org} NUMBER --rating amber --position "..."',
        "# (which replaces the commented entry below), or by hand: uncomment an entry, fill it in, and",
        "# remove the `[]` after `assessments:`.",
        f"organisation: {org}",
        f"set: {set_id}",
        "assessments: []",
    ]
    recs = catalogue_data.get("recommendations")
    if not blank and isinstance(recs, list):
        for rec in recs:
            if isinstance(rec, dict) and isinstance(rec.get("number"), int):
                title = str(rec.get("title") or "not yet transcribed").replace("\n", " ")
                lines += [f"  # - recommendation: {rec['number']}  # {title}", "  #   rating:", "  #   position:"]
    return "\n".join(lines) + "\n"


REPORT_SETTINGS = """
# The board paper's cover sheet (francis report): every key is optional; the manual's board
# paper page lists them all (implications, committees, strategic risks, extra rows ...).
# report:
#   meeting: Trust Board (public)
#   agenda_item: "7.2"
#   report_of: Chief Nurse
#   author: Head of Quality Governance
#   purpose: assurance  # decision, assurance or information
#   assurance_level: reasonable  # substantial, reasonable, limited or no-assurance
#   cqc_key_questions: [safe, well-led]
"""
"""A commented example of the cover sheet's settings, so a board secretary finds them where they go."""


def tracker_files(
    org: str, name: str, set_id: str, *, blank: bool = False, branch: str = "main", pip: str = ""
) -> dict[str, bytes]:
    """Every file of a new tracker, by path relative to its root. ``branch`` is the repository's
    default branch, which CI checks on each push; ``pip`` what CI installs francis with (see ``install_spec``)."""
    raw = catalogue(set_id)
    data = parse(raw.decode("utf-8-sig")).data
    set_title = str(data.get("title", set_id)) if isinstance(data, dict) else set_id
    quoted = render_scalar(name, 4, start_col=10)
    return {
        "francis.yaml": (
            f"# francis settings: the recommendation set and the organisation commands use by default.\n"
            f"default_set: {set_id}\norganisation: {org}\n" + REPORT_SETTINGS
        ).encode(),
        "data/organisations.yaml": (
            "# The organisations of this tracker and the roles their workplan actions are led by.\n"
            f"organisations:\n  - id: {org}\n    name: {quoted}\n"
            "    # roles:  # the abbreviations its actions are led by, as its papers print them\n"
            "    #   DoQ: Director of Quality\n"
        ).encode(),
        f"data/recommendations/{set_id}.yaml": raw,
        f"data/assessments/{org}.yaml": _skeleton(org, name, data if isinstance(data, dict) else {}, blank).encode(),
        f"data/workplan/{org}.yaml": (
            f"# The workplan of {name}: actions with a lead, a due date and progress notes.\n"
            f'# Add one with: francis action add {org} --title "..." --lead ROLE --due "Sept 13"\n'
            f"organisation: {org}\ntitle: Francis Report action plan\nactions: []\n"
        ).encode(),
        ".github/workflows/francis.yml": _template(
            "francis.yml", version=__version__, branch=render_scalar(branch, 6, flow=True), pip=json.dumps(pip)
        ),
        ".github/workflows/francis-site.yml": _template("francis-site.yml", pip=json.dumps(pip), nhsuk=NHSUK_FRONTEND),
        ".pre-commit-config.yaml": _template("pre-commit-config.yaml", version=__version__, hook=_hook(pip)),
        "README.md": _template("README.md", name=name, org=org, set_id=set_id, set_title=set_title, branch=branch),
        ".gitignore": GITIGNORE.encode(),
    }


GITIGNORE = """\
# What an interrupted francis edit can leave beside a data file (the next edit there removes it):
# a temp copy of the file, .<name>.<random>.tmp, and its lock file, .<name>.lock.
.*.tmp
.*.lock
# The NHS.UK frontend `francis site` copies into the site, installed with npm (its package.json stays).
node_modules/
"""


def _hook(pip: str) -> str:
    """How pre-commit runs francis: the one on PATH, or one it installs itself from ``pip``."""
    if not pip:
        return "language: system"
    return f"language: python\n        additional_dependencies: [{json.dumps(pip)}]"


def install_spec() -> str:
    """pip's argument for the francis running now, when it was installed from a public git
    repository (``pip install git+https://...``): that repository at that commit; else ''.

    Why: francis has no release on an index, so CI must be told where it comes from; a copy
    installed from a folder of this machine says nothing another machine can use."""
    from importlib.metadata import PackageNotFoundError, distribution
    from urllib.parse import urlsplit

    try:
        record = json.loads(distribution("francis-cli").read_text("direct_url.json") or "{}")
    except (PackageNotFoundError, OSError, ValueError):
        return ""
    vcs = record.get("vcs_info") if isinstance(record, dict) else None
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git":
        return ""
    url, commit, sub = str(record.get("url", "")), str(vcs.get("commit_id", "")), record.get("subdirectory")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "ssh") or (parts.username or "git") != "git" or parts.password:
        return ""
    if not re.fullmatch(r"[0-9a-f]{40}", commit) or any(c in url for c in " \"'#"):
        return ""
    return f"git+{url}@{commit}" + (
        f"#subdirectory={sub}" if isinstance(sub, str) and re.fullmatch(r"[\w./-]+", sub) else ""
    )


def _git(folder: Path, *args: str) -> str | None:
    """``git args`` in ``folder``: its output, or None where git failed or is not there."""
    try:
        out = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def _nearest(folder: Path) -> Path:
    here = folder.absolute()
    while not here.is_dir() and here != here.parent:
        here = here.parent
    return here


def default_branch(folder: Path) -> tuple[str, bool]:
    """The branch CI should treat as the default, and whether ``folder`` is in a repository already.

    In a repository: its remote's default (``origin/HEAD``), else the branch checked out. Else
    the user's ``init.defaultBranch``, else ``main``: the branch ``git_init`` will make."""
    where = _nearest(folder)
    if _git(where, "rev-parse", "--is-inside-work-tree") == "true":
        remote = _git(where, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
        if remote and remote.startswith("origin/"):
            return remote.removeprefix("origin/"), True
        return _git(where, "symbolic-ref", "--quiet", "--short", "HEAD") or "main", True
    configured = _git(where, "config", "--get", "init.defaultBranch")
    if configured and _git(where, "check-ref-format", "--branch", configured) == configured:
        return configured, False
    return "main", False


def git_init(folder: Path, branch: str) -> bool:
    """``git init`` on ``branch`` (so that the branch the workflow names is the one there is);
    False if git is not there or failed."""
    return _git(folder, "init", "-q") is not None and (
        _git(folder, "symbolic-ref", "HEAD", f"refs/heads/{branch}") is not None
    )


@dataclass(frozen=True, slots=True)
class Started:
    """What ``francis init`` did."""

    created: list[str]
    repository: bool
    """Whether a git repository was made (False inside one already, or without git)."""
    branch: str
    """The default branch the workflow checks pushes to."""
    pip: str
    """What CI installs francis with; '' until the workflow's FRANCIS_PIP is set."""


def init(folder: Path, org: str, name: str, set_id: str, *, blank: bool = False) -> Started:
    """Start a tracker in ``folder``. Refused, with nothing written, for a bad id or name or
    where a tracker already is; a folder that cannot be written (read-only, not this user's) is
    one line, and what was made before the write failed is removed again."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", org):
        raise UserError(f"--org: {org!r} is not an id: use lower-case letters, digits and hyphens (merton-ccg)")
    if not name.strip():
        raise UserError("--name: the organisation's name is empty")
    try:
        return _start(folder, org, name.strip(), set_id, blank)
    except OSError as err:
        raise UserError(f"cannot start a tracker in {folder}: {reason(err)}; nothing written") from None


def _start(folder: Path, org: str, name: str, set_id: str, blank: bool) -> Started:
    from ...tracker.paths import is_tracker

    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder")
    if folder.is_dir() and is_tracker(folder):
        raise UserError(f"{folder} is already a francis tracker: nothing written")
    branch, inside = default_branch(folder)
    pip = install_spec()
    files = tracker_files(org, name, set_id, blank=blank, branch=branch, pip=pip)
    if (folder / ".gitignore").exists():  # the repository's own: left as it is, not a reason to refuse
        del files[".gitignore"]
    folders = _folders_to_make(folder, files)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        created = create(folder, files)
    except BaseException:
        for made in folders:  # deepest first; a folder something else has put a file in stays
            with contextlib.suppress(OSError):
                made.rmdir()
        raise
    return Started(created, not inside and git_init(folder, branch), branch, pip)


def _folders_to_make(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """The folders writing ``files`` into ``folder`` would make (it among them), deepest first:
    what to remove again if the writing fails."""
    wanted = {folder.absolute(), *folder.absolute().parents}
    for rel in files:
        wanted.update(p for p in (folder.absolute() / rel).parents if folder.absolute() in (p, *p.parents))
    return sorted((p for p in wanted if not p.exists()), key=lambda p: len(p.parts), reverse=True)
