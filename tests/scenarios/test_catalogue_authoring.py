"""Authoring a catalogue with real francis processes on a copy of the bundled tracker: ``catalogue
new``, then ``add`` (from a file and from standard input), ``show`` and ``check``; an extracted
catalogue shown; one-line refusals (exit 2); and a filled-in Francis recommendation whose diff is
only its own lines."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

from francis_cli.yamlio.read import parse

SOURCE = "https://example.org/kirkup.pdf"


def _francis(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FRANCIS_ROOT", "FRANCIS_AS_OF")}
    env |= {"NO_COLOR": "1", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "francis_cli", "--root", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def _new(root: Path, set_id: str = "kirkup-2022", *more: str) -> subprocess.CompletedProcess[str]:
    args = ["--title", "Reading the signals", "--published", "2022-10-19", "--source", SOURCE, *more]
    return _francis(root, "catalogue", "new", set_id, *args)


def _recs(path: Path) -> list[dict[str, object]]:
    recs = parse(path.read_text(encoding="utf-8")).data["recommendations"]
    assert isinstance(recs, list)
    return recs


def test_new_add_show_check(bundled: Path, tmp_path: Path) -> None:
    made = _new(bundled, "kirkup-2022", "--count", "5", "--licence", "Open Government Licence v3.0")
    assert (made.returncode, made.stdout) == (0, "created data/recommendations/kirkup-2022.yaml\n"), made.stderr
    path = bundled / "data/recommendations/kirkup-2022.yaml"
    data = parse(path.read_text(encoding="utf-8")).data
    assert {k: data[k] for k in ("set", "title", "published", "licence", "source")} == {
        "set": "kirkup-2022",
        "title": "Reading the signals",
        "published": "2022-10-19",
        "licence": "Open Government Licence v3.0",
        "source": SOURCE,
    }
    assert data["recommendations"] == [{"number": n} for n in range(1, 6)]

    text = tmp_path / "r3.txt"
    text.write_text("Trusts should listen to\nfamilies, and act:\n\n• within a week;\n  and openly\n• always.\n")
    added = _francis(bundled, "catalogue", "add", "kirkup-2022", "3", "--text-file", str(text), "--page", "12")
    assert added.returncode == 0, added.stderr
    extra = _francis(
        bundled, "catalogue", "add", "kirkup-2022", "7", "--text-file", "-", "--title", "Seven", stdin="Be kind.\n"
    )
    assert extra.returncode == 0, extra.stderr
    recs = _recs(path)
    assert [r["number"] for r in recs] == [1, 2, 3, 4, 5, 7]
    assert recs[2] == {
        "number": 3,
        "text": "Trusts should listen to families, and act:\n• within a week; and openly\n• always.",
        "source": f"{SOURCE}#page=12",
    }
    assert recs[5] == {"number": 7, "title": "Seven", "text": "Be kind."}

    shown = _francis(bundled, "catalogue", "show", "kirkup-2022")
    assert shown.returncode == 0, shown.stderr
    assert " Not transcribed      4  1–2, 4–5" in shown.stdout.splitlines()
    assert shown.stdout.endswith("\n2 of 6 transcribed\n")
    doc = json.loads(_francis(bundled, "catalogue", "show", "kirkup-2022", "--format", "json").stdout)
    assert doc["missing"] == {
        "text": [1, 2, 4, 5],
        "theme": [1, 2, 3, 4, 5, 7],
        "title": [1, 2, 3, 4, 5],
        "source": [1, 2, 4, 5, 7],
        "addressees": [1, 2, 3, 4, 5, 7],
    }

    checked = _francis(bundled, "check")
    assert checked.returncode == 0, checked.stdout
    assert (
        "data/recommendations/kirkup-2022.yaml:10:1: warning not-transcribed "
        "4 of 6 recommendations have no text yet: 1-2, 4-5" in checked.stdout
    )


def test_a_text_is_replaced_only_with_force(bundled: Path) -> None:
    assert _new(bundled, "kirkup-2022", "--count", "2").returncode == 0
    path = bundled / "data/recommendations/kirkup-2022.yaml"
    add = ("catalogue", "add", "kirkup-2022", "1", "--text-file", "-")
    assert _francis(bundled, *add, stdin="First.\n").returncode == 0
    before = path.read_bytes()
    assert _francis(bundled, *add, stdin="First.\n").stdout == "nothing to change\n"  # the same text again
    refused = _francis(bundled, *add, stdin="Another.\n")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        "francis: recommendation 1 of set 'kirkup-2022' has a text already "
        "(data/recommendations/kirkup-2022.yaml): nothing written (--force replaces it)\n"
    )
    assert path.read_bytes() == before
    assert _francis(bundled, *add, "--force", stdin="Another.\n").returncode == 0
    assert _recs(path)[0] == {"number": 1, "text": "Another."}


def test_one_line_refusals(bundled: Path, tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("A text.\n")
    catalogue = parse((bundled / "data/recommendations/francis-2013.yaml").read_text(encoding="utf-8")).data
    themes = [theme["id"] for theme in catalogue["themes"]]
    assert "nursing" in themes
    cases = {
        ("catalogue", "add", "kirkup", "1", "--text-file", str(text)): (
            "francis: no recommendation set 'kirkup' in this tracker (sets: francis-2013)"
        ),
        ("catalogue", "show", "francis-2031"): (
            "francis: no recommendation set 'francis-2031' in this tracker (sets: francis-2013) "
            "(did you mean 'francis-2013'?)"
        ),
        ("catalogue", "add", "francis-2013", "2((a)", "--text-file", str(text)): (
            "francis: NUMBER: '2((a)' is not a recommendation number: write 4, 2(a), 2ii or IEA 1.3"
        ),
        ("catalogue", "add", "francis-2013", "84"): "francis: --text-file is missing; see 'francis catalogue add -h'",
        ("catalogue", "add", "francis-2013", "84", "--text-file", str(tmp_path / "none.txt")): (
            f"francis: --text-file: cannot read {tmp_path / 'none.txt'}: No such file or directory"
        ),
        ("catalogue", "add", "francis-2013", "84", "--text-file", str(text), "--theme", "nursin"): (
            f"francis: --theme: 'nursin' is not a theme of set 'francis-2013' ({', '.join(themes)}) "
            "(did you mean 'nursing'?)"
        ),
        ("catalogue", "new", "francis-2013", "--title", "T", "--published", "2013-02-06", "--source", "u"): (
            "francis: set 'francis-2013' is in the tracker already (data/recommendations/francis-2013.yaml): "
            "nothing written"
        ),
        ("catalogue", "new", "Kirkup_2022", "--title", "T", "--published", "2013-02-06", "--source", "u"): (
            "francis: SET: 'Kirkup_2022' is not a set id (lower-case letters, digits and hyphens, e.g. kirkup-2022)"
        ),
        ("catalogue", "new", "k", "--title", "T", "--published", "2013-02-30", "--source", "u"): (
            "francis: --published: '2013-02-30' is not a date written YYYY-MM-DD"
        ),
    }
    for args, line in cases.items():
        result = _francis(bundled, *args)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n"), args
    (bundled / "data/recommendations/ghost.yml").write_text("not: a catalogue\n")  # no set, but the file is there
    ghost = _francis(bundled, "catalogue", "new", "ghost", "--title", "T", "--published", "2013-02-06", "--source", "u")
    assert (ghost.returncode, ghost.stderr.splitlines()[-1]) == (
        2,
        "francis: data/recommendations/ghost.yml exists already: nothing written",
    )
    nowhere = _francis(tmp_path / "no-tracker", "catalogue", "show", "francis-2013")
    assert (nowhere.returncode, nowhere.stderr) == (
        2,
        f"francis: tracker folder not found: {tmp_path / 'no-tracker'}\n",
    )


def test_filling_in_84_changes_only_its_lines(bundled: Path, tmp_path: Path) -> None:
    path = bundled / "data/recommendations/francis-2013.yaml"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = tmp_path / "r84.txt"
    text.write_text("Foundation Trusts should be required to have\na code of conduct for directors.\n")
    args = ("catalogue", "add", "francis-2013", "84", "--text-file", str(text), "--page", "1405", "--title", "Code")
    result = _francis(bundled, *args)
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    ops = [op for op in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert [op[0] for op in ops] == ["insert"]
    _, at, _, start, end = ops[0]
    assert before[at - 1] == "  - number: 84\n" and before[at] == "  - number: 85\n"
    inserted = "".join(after[start:end])
    assert inserted.startswith("    title: Code\n    text: >\n      Foundation Trusts should be required")
    entry = next(r for r in _recs(path) if r["number"] == 84)
    assert entry["text"] == "Foundation Trusts should be required to have a code of conduct for directors.\n"
    assert str(entry["source"]).endswith("#page=1405")
    assert _francis(bundled, "check").returncode == 0


def test_an_extracted_catalogue_shows_what_it_lacks(bundled: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    pages = [
        "Recommendation 1\nTrusts must act.\n\nRecommendation 2\nBoards must report.\n",
        "Recommendation 4\nAll learn.\n",
    ]
    report.write_text("\f".join(pages), encoding="utf-8")
    out = bundled / "data/recommendations/txt-2024.yaml"
    extracted = _francis(
        bundled, "catalogue", "extract", str(report), "--set", "txt-2024", "--source", SOURCE, "-o", str(out)
    )
    assert extracted.returncode == 1  # 3 is missing from the sequence: a problem
    shown = _francis(bundled, "catalogue", "show", "txt-2024", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert (doc["recommendations"], doc["transcribed"]) == (3, 3)
    assert doc["missing"] == {"text": [], "theme": [1, 2, 4], "title": [1, 2, 4], "source": [], "addressees": [1, 2, 4]}
    added = _francis(bundled, "catalogue", "add", "txt-2024", "3", "--text-file", "-", "--page", "2", stdin="Learn.\n")
    assert added.returncode == 0, added.stderr
    assert [r["number"] for r in _recs(out)] == [1, 2, 3, 4]
    assert _recs(out)[2]["source"] == f"{SOURCE}#page=2"
