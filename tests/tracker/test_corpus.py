"""The loaded tracker (`tracker.corpus`): `include:` rolls member trackers up into one."""

from __future__ import annotations

from ..conftest import RunCli, Tracker


def test_include_rolls_up_member_trackers(tracker: Tracker, run_cli: RunCli) -> None:
    """An ICS tracker includes two member trackers; their organisations join its roll-up."""
    from ..conftest import CATALOGUE

    ics = Tracker(tracker.root.parent / "ics")
    ics.write("francis.yaml", "default_set: test-set\ninclude: [members/a, members/b]\n")
    ics.write("data/recommendations/test-set.yaml", CATALOGUE)
    ics.write("data/organisations.yaml", "organisations: []\n")
    member_b = Tracker(ics.root / "members" / "b")
    member_b.write("data/recommendations/test-set.yaml", CATALOGUE)
    member_b.write("data/organisations.yaml", "organisations:\n  - id: org-c\n    name: Organisation C\n")
    member_b.write(
        "data/assessments/org-c.yaml",
        "organisation: org-c\nassessments:\n  - {recommendation: 3, rating: red, position: Not yet.}\n",
    )
    import shutil

    shutil.copytree(tracker.root / "data", ics.root / "members" / "a" / "data")
    result = run_cli("check", root=ics.root)
    assert (result.exit_code, result.stdout) == (0, "")
    doc = __import__("json").loads(
        run_cli("status", "--by", "organisation", "-f", "json", "--as-of", "2024-06-15", root=ics.root).stdout
    )
    assert [(r["key"], r["counts"]["red"], r["counts"]["amber"]) for r in doc["tables"][0]["rows"]] == [
        ("org-a", 0, 1),
        ("org-b", 0, 0),
        ("org-c", 1, 0),
    ]
    # the same organisation in two trackers, and a catalogue that differs
    member_b.write(
        "data/organisations.yaml",
        "organisations:\n  - id: org-a\n    name: Again\n  - id: org-c\n    name: Organisation C\n",
    )
    member_b.write("data/recommendations/test-set.yaml", CATALOGUE.replace("The third", "A different third"))
    out = run_cli("check", root=ics.root).stdout.splitlines()
    assert out == [
        "members/b/data/organisations.yaml:2:9: error duplicate-organisation organisation 'org-a' is defined twice "
        "(first in members/a/data/organisations.yaml:2)",
        "members/b/data/recommendations/test-set.yaml:1:6: error catalogue-mismatch set 'test-set' differs from the "
        "one in data/recommendations/test-set.yaml: an included tracker must use the same catalogue",
    ]
    ics.write("francis.yaml", "default_set: test-set\ninclude: [../outside, members/none]\n")
    out = run_cli("check", root=ics.root).stdout.splitlines()
    assert out == [
        "francis.yaml:2:11: error include-not-found include '../outside' must be a folder inside this tracker",
        "francis.yaml:2:23: error include-not-found include 'members/none' is not a francis tracker (no data/ folder)",
    ]
