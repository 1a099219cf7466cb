"""``francis init``: the files of a new tracker, from the templates beside this module.

The catalogue is the bundled ``data/recommendations/<set>.yaml``: shipped in the wheel as
``francis_cli/catalogues/``, read from the repository's ``data/`` in a source checkout.
"""

from __future__ import annotations

import re
import subprocess
from importlib import resources
from pathlib import Path
from string import Template

from ... import __version__
from ...errors import UserError
from ...yamlio.read import parse
from ...yamlio.style import render_scalar
from ..transaction import create

HERE = Path(__file__).resolve().parent


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


def tracker_files(org: str, name: str, set_id: str, *, blank: bool = False) -> dict[str, bytes]:
    """Every file of a new tracker, by path relative to its root."""
    raw = catalogue(set_id)
    data = parse(raw.decode("utf-8-sig")).data
    set_title = str(data.get("title", set_id)) if isinstance(data, dict) else set_id
    quoted = render_scalar(name, 4, start_col=10)
    return {
        "francis.yaml": (
            f"# francis settings: the recommendation set and the organisation commands use by default.\n"
            f"default_set: {set_id}\norganisation: {org}\n"
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
        ".github/workflows/francis.yml": _template("francis.yml", version=__version__),
        ".pre-commit-config.yaml": _template("pre-commit-config.yaml"),
        "README.md": _template("README.md", name=name, org=org, set_id=set_id, set_title=set_title),
    }


def git_init(folder: Path) -> bool:
    """``git init`` unless ``folder`` is already inside a repository; False if git is not there."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True, check=False
        )
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            return False
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def init(folder: Path, org: str, name: str, set_id: str, *, blank: bool = False) -> tuple[list[str], bool]:
    """Start a tracker in ``folder``: the files written, and whether a git repository was made.
    Refused, with nothing written, for a bad id or name or where a tracker already is."""
    from ...tracker.paths import is_tracker

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", org):
        raise UserError(f"--org: {org!r} is not an id: use lower-case letters, digits and hyphens (merton-ccg)")
    if not name.strip():
        raise UserError("--name: the organisation's name is empty")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder")
    if folder.is_dir() and is_tracker(folder):
        raise UserError(f"{folder} is already a francis tracker: nothing written")
    files = tracker_files(org, name.strip(), set_id, blank=blank)
    folder.mkdir(parents=True, exist_ok=True)
    created = create(folder, files)
    return created, git_init(folder)
