"""Reading files (`tracker.read`): hostile and messy input gets one clear problem line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.tracker.read import read_text
from francis_cli.tracker.sources import WorkTree
from francis_cli.yamlio.values import Limits

from ..conftest import ASSESSMENT, RunCli, Tracker

REL = "data/assessments/org-a.yaml"


def check_lines(run_cli: RunCli, tracker: Tracker) -> tuple[int, list[str]]:
    result = run_cli("check", root=tracker.root)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"organisation: org-a\nassessments:\n  - recommendation: 1\n    rating: amber\n    position: caf\xe9\n",
            f"{REL}:5:18: error encoding not UTF-8 text (byte 0xe9); save the file as UTF-8",
        ),
        (
            b"organisation: org-a\nx: \x00\n",
            f"{REL}:2:4: error yaml-syntax control character U+0000 is not allowed in YAML",
        ),
        (
            (
                "a: &a ["
                + ",".join(["x"] * 10)
                + "]\n"
                + "".join(
                    f"{c}: &{c} [" + ",".join([f"*{p}"] * 10) + "]\n"
                    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
                )
            ).encode(),
            f"{REL}:4:29: error yaml-alias aliases expand to more than 10000 values (an alias bomb?)",
        ),
        (
            b"organisation: " + b"[" * 5000 + b"]" * 5000 + b"\n",
            f"{REL}:1:78: error yaml-too-deep nesting deeper than 64 levels",
        ),
        (
            b"- 1\n- 2\n",
            f"{REL}:1:1: error not-mapping expected a mapping of keys (a gap assessment (`organisation:`, "
            "`assessments:`)), got a list",
        ),
        (
            b"organisation: !!python/object/new:os.system [echo hacked]\n",
            f"{REL}:1:15: error yaml-tag tag !!python/object/new:os.system is not allowed: "
            "francis files hold plain data",
        ),
    ],
)
def test_hostile_file_gets_one_line(tracker: Tracker, run_cli: RunCli, content: bytes, expected: str) -> None:
    tracker.write(REL, content)
    code, out = check_lines(run_cli, tracker)
    assert code == 1
    assert expected in out


def test_python_tag_constructs_nothing(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    tracker.write(REL, f"organisation: !!python/object/apply:os.system ['touch {marker}']\nassessments: []\n")
    code, _ = check_lines(run_cli, tracker)
    assert code == 1
    assert not marker.exists()


def test_fifty_megabyte_file_is_refused_quickly(tracker: Tracker, run_cli: RunCli) -> None:
    with open(tracker.root / REL, "wb") as handle:
        handle.write(b"organisation: org-a\nassessments:\n")
        handle.write(b"  - {recommendation: 1, rating: amber, position: padding}\n" * 900_000)
    assert (tracker.root / REL).stat().st_size > 50_000_000
    code, out = check_lines(run_cli, tracker)
    assert code == 1
    assert out == [
        f"{REL}:0:0: error file-too-large file is {(tracker.root / REL).stat().st_size:,} bytes; the limit "
        "is 16,777,216 (limits.max_file_bytes in francis.yaml)"
    ]


def test_limits_are_overridable(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", "default_set: test-set\nlimits:\n  max_file_bytes: 2048\n")
    tracker.write(REL, ASSESSMENT + "# padding\n" * 300)
    code, out = check_lines(run_cli, tracker)
    assert code == 1
    assert out[0].startswith(f"{REL}:0:0: error file-too-large file is ")
    assert out[0].endswith("the limit is 2,048 (limits.max_file_bytes in francis.yaml)")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.yaml").write_text("a: 1\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    text, problems = read_text(WorkTree(tmp_path), "a.yaml", Limits())
    assert text is None
    assert [p.format() for p in problems] == ["a.yaml:0:0: error file-unreadable cannot read file: Permission denied"]


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda b: b"\xef\xbb\xbf" + b, id="bom"),
        pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda b: b.rstrip(b"\n"), id="no-final-newline"),
        pytest.param(lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n").rstrip(b"\r\n"), id="all-three"),
    ],
)
def test_files_as_nhs_laptops_save_them(tracker: Tracker, run_cli: RunCli, transform: object) -> None:
    for rel in ("data/assessments/org-a.yaml", "data/workplan/org-a.yaml", "data/organisations.yaml"):
        path = tracker.root / rel
        path.write_bytes(transform(path.read_bytes()))  # type: ignore[operator]
    tracker.write(REL, transform(ASSESSMENT.replace("rating: green", "rating: gren").encode()))  # type: ignore[operator]
    _, out = check_lines(run_cli, tracker)
    assert out == [
        f"{REL}:9:13: error unknown-rating rating 'gren' is not one of: red, amber, green, blue (did you mean 'green'?)"
    ]


def test_a_pull_request_cannot_switch_the_limits_off(tracker: Tracker, run_cli: RunCli) -> None:
    """francis.yaml is untrusted too: a limit raised past its ceiling is refused and the defaults hold."""
    tracker.write("francis.yaml", "default_set: test-set\nlimits:\n  max_alias_nodes: 1000000000000\n")
    bomb = (
        "a: &a ["
        + ",".join(["x"] * 10)
        + "]\n"
        + "".join(
            f"{c}: &{c} [" + ",".join([f"*{p}"] * 10) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
    )
    tracker.write(REL, bomb)
    code, out = check_lines(run_cli, tracker)
    assert code == 1
    assert (
        "francis.yaml:3:20: error invalid-value max_alias_nodes: the number 1000000000000 is out of range "
        "(it must be at most 1000000)" in out
    )
    assert f"{REL}:4:29: error yaml-alias aliases expand to more than 10000 values (an alias bomb?)" in out
