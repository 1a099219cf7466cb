"""Coverage-guided fuzzing of the loader with atheris: bytes → reader → models, nothing may escape.

The first byte picks the file kind (settings, organisations, recommendation set, assessment,
workplan); the rest is the file. Every input must come back as a loaded file plus problems:
any exception raised out of ``load_file`` is a crash, and so is a problem whose code is not
documented in ``errors.PROBLEM_CODES`` or whose line or column is negative; and the fast read
(no positions) must report exactly the problems the full read does.

Run it (atheris is not a dependency of francis: ``pip install 'francis-cli[fuzz]'``)::

    python fuzz/fuzz_loader.py --seeds fuzz/corpus        # writes the seed corpus, then exits
    python fuzz/fuzz_loader.py fuzz/corpus -max_total_time=600 -timeout=10 -rss_limit_mb=2048

Everything after the script's own options is passed to libFuzzer. ``FRANCIS_FUZZ_PURE=1`` fuzzes
with ruamel.yaml's pure-Python parser, which francis uses where ruamel.yaml.clib has no wheel.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

PURE = os.environ.get("FRANCIS_FUZZ_PURE") == "1"

with atheris.instrument_imports(include=["francis_cli", "ruamel"] if PURE else ["francis_cli"]):
    if PURE:
        import ruamel.yaml  # noqa: F401 - the pure-Python parser, instrumented so that coverage guides into it

    from francis_cli.models.vocab import FileKind as Kind
    from francis_cli.problems import PROBLEM_CODES
    from francis_cli.tracker.paths import Discovery
    from francis_cli.tracker.sources import FileTooLarge
    from francis_cli.tracker.validate import load_file
    from francis_cli.yamlio import _events as _yamlevents  # imported here so that it is instrumented too
    from francis_cli.yamlio import read as yamlio
    from francis_cli.yamlio.values import Limits

if PURE:
    _fast_events = _yamlevents._events
    _yamlevents._events = lambda text, fast=False: _fast_events(text, False)

KINDS: tuple[tuple[Kind, str], ...] = (
    ("config", "francis.yaml"),
    ("organisations", "data/organisations.yaml"),
    ("recommendations", "data/recommendations/fuzz.yaml"),
    ("assessments", "data/assessments/fuzz.yaml"),
    ("workplan", "data/workplan/fuzz.yaml"),
)
LIMITS = Limits(max_file_bytes=1 << 20)


class OneFile:
    """A Source holding one file, in memory: the fuzzer never touches the disk."""

    def __init__(self, rel: str, kind: Kind, data: bytes) -> None:
        self.rel, self.kind, self.data = rel, kind, data

    def discover(self) -> Discovery:
        return Discovery([(self.rel, self.kind)])

    def read(self, rel: str, max_bytes: int) -> bytes:
        if len(self.data) > max_bytes:
            raise FileTooLarge(len(self.data))
        return self.data


def test_one_input(data: bytes) -> None:
    if not data:
        return
    kind, rel = KINDS[data[0] % len(KINDS)]
    loaded, problems = load_file(OneFile(rel, kind, data[1:]), rel, kind, LIMITS)
    for problem in problems:
        if problem.code not in PROBLEM_CODES or problem.line < 0 or problem.col < 0 or problem.path != rel:
            raise AssertionError(f"bad problem: {problem.format()}")
    if problems:
        _ = [p.format() for p in problems]
        _ = loaded.source  # positions are worked out again for a file with problems: that must not fail either
    try:
        text = data[1:].decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    quick, full = yamlio.parse(text, LIMITS, positions=False), yamlio.parse(text, LIMITS)
    if quick.problems != full.problems:  # the fast path must report exactly what the full read does
        raise AssertionError(f"positions=False gives {quick.problems}, positions=True {full.problems}")


def write_seeds(folder: Path) -> int:
    """The seed corpus: every bundled YAML file, once per kind byte that matches its folder, and a few
    hostile snippets. Built at run time so that no corpus is kept in the repository."""
    repo = Path(__file__).resolve().parent.parent
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    files = [repo / "francis.yaml", *sorted((repo / "data").rglob("*.yaml"))]
    extra = [
        b"a: &a [1]\nb: [*a, *a]\n",
        b"x: !!python/object:os.system ls\n",
        b"- 1\n",
        b"a: 1\na: 2\n",
        b"\xef\xbb\xbforganisation: org\r\nassessments: []\r\n",
        b"{" * 80 + b"}" * 80,
    ]
    for path in files:
        raw = path.read_bytes()
        rel = path.relative_to(repo).as_posix()
        index = next((i for i, (_, where) in enumerate(KINDS) if rel.split("/")[:2] == where.split("/")[:2]), 0)
        if rel == "data/organisations.yaml":
            index = 1
        (folder / f"{path.stem}-{index}").write_bytes(bytes([index]) + raw)
        count += 1
    for n, raw in enumerate(extra):
        for index in range(len(KINDS)):
            (folder / f"snippet{n}-{index}").write_bytes(bytes([index]) + raw)
            count += 1
    return count


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--seeds":
        print(f"wrote {write_seeds(Path(sys.argv[2]))} seed inputs to {sys.argv[2]}")
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
