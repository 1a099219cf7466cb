"""``francis assess``: create or update one assessment of an organisation against a recommendation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

HELP = """Create or update one assessment: an organisation's rating and position against a recommendation.

The assessment is edited where it stands in the organisation's assessment file (a new one goes in
number order, replacing its commented skeleton entry; without a file, data/assessments/ORG.yaml is
created). Only the lines that change are touched. The edit is validated with the whole tracker
first: an edit that would add an error is refused and nothing is written (exit 1)."""

EPILOG = """\b
Examples:
  francis assess barnet-ccg 141 --rating amber
  francis assess barnet-ccg 141 --rating amber --position "Dialogue with CQC agreed in June."
  francis assess barnet-ccg 142 --position-file position.txt --dry-run
  francis assess merton-ccg 1 --rating red --edit"""


def assess(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(metavar="ORG", help="The organisation's id.")],
    recommendation: Annotated[int, typer.Argument(metavar="REC", help="The recommendation's number.")],
    rating: Annotated[str | None, typer.Option(
        "--rating", metavar="ID", help="The rating (red, amber, green, blue, or the tracker's scheme).")] = None,
    position: Annotated[str | None, typer.Option("--position", metavar="TEXT", help="The position narrative.")] = None,
    position_file: Annotated[Path | None, typer.Option(
        "--position-file", metavar="FILE", help="Read the position from FILE ('-' for stdin).")] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write the position in $VISUAL or $EDITOR.")] = False,
    set_id: Annotated[str | None, typer.Option(
        "--set", metavar="ID", help="The recommendation set. Default: francis.yaml's default_set.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the diff the edit would make; write nothing.")] = False,
) -> int:  # fmt: skip
    from .. import edit as editing
    from ..config import find_root
    from ..corpus import load_tracker
    from ..errors import UserError
    from .app import state

    if sum(x is not None for x in (position, position_file, edit or None)) > 1:
        raise UserError("give the position one way: --position, --position-file or --edit")
    root = find_root(state(ctx).root)
    corpus = load_tracker(root)
    current = next((e.model.position for e in corpus.assessments if e.organisation == org
                    and e.model.recommendation == recommendation), None)  # fmt: skip
    if position_file is not None:
        position = _read(position_file)
    elif edit:
        position = _editor((current or "").strip().replace("\n", "\n\n"))
    if rating is None and position is None:
        raise UserError("nothing to change: give --rating and/or a position")
    update: dict[str, object] = {"recommendation": recommendation}
    if rating is not None:
        update["rating"] = rating
    if position is not None:
        update["position"] = _tidy(position)
    changes = editing.edit_assessments(root, corpus, org, [update], set_id=set_id)
    sys.stdout.write(editing.run(root, changes, dry_run=dry_run))
    return 0


def _tidy(text: str) -> str:
    """A position written as prose: lines of a paragraph joined, paragraphs (blank-line separated)
    one line each, as the bundled assessments hold them."""
    import re

    from ..errors import UserError

    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    tidy = "\n".join(" ".join(line.strip() for line in p.split("\n") if line.strip()) for p in paragraphs).strip()
    if not tidy:
        raise UserError("the position is empty")
    return tidy


def _read(path: Path) -> str:
    from ..errors import UserError

    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"--position-file: cannot read {path}: {err}") from None


def _editor(current: str) -> str:
    """The text after the user's editor has been run on ``current``."""
    import os
    import shlex
    import subprocess
    import tempfile

    from ..errors import UserError

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UserError("--edit: set $EDITOR (or $VISUAL) to your editor, e.g. EDITOR=nano")
    fd, name = tempfile.mkstemp(prefix="francis-position-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(current)
        if subprocess.run([*shlex.split(command), name], check=False).returncode != 0:
            raise UserError("--edit: the editor exited with an error; nothing changed")
        return Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)
