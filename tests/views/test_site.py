"""The register's view-models: pages, lists, history words, open data tables and their files."""

from __future__ import annotations

import json
import posixpath
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from francis_cli.models.organisation import Organisation
from francis_cli.render.site import rel
from francis_cli.render.site_assets import stylesheet
from francis_cli.render.site_data import table_csv, tracker_json, tracker_sqlite
from francis_cli.tracker.corpus import load_tracker
from francis_cli.tracker.git import Repo
from francis_cli.views.history import FieldChange, history
from francis_cli.views.site import Built, Site, site
from francis_cli.views.site_data import Column, Table, Value, tables
from francis_cli.views.site_history import Trail, change_words, refs, trail
from francis_cli.views.site_lists import PAGE_SIZE, ActionRow, ListPage, list_pages, page_path, paginated, slug

from ..conftest import Tracker
from ..gitrepo import GitRepo, february

AS_OF = date(2024, 6, 10)
NOW = Built("work tree", None, None)


def _site(root: Path, orgs: list[str] | None = None) -> Site:
    corpus = load_tracker(root)
    return site(corpus, as_of=AS_OF, orgs=orgs or [], built=NOW, trail=Trail({}, available=False))


def test_every_recommendation_of_the_set_has_one_page(tracker: Tracker) -> None:
    view = _site(tracker.root)
    assert [r.number for r in view.recommendations] == [1, 2, 3]
    assert len({r.path for r in view.recommendations}) == 3
    rec = view.recommendations[0]
    assert rec.text == "The first recommendation." and rec.theme == "Standards" and rec.theme_id == "standards"
    by_org = {p.organisation: p for p in rec.positions}
    assert by_org["org-a"].rating == "amber" and by_org["org-b"].rating == "not-assessed"
    assert [a.path for a in by_org["org-a"].actions] == ["actions/org-a/1.1.html"]


def test_lists_cover_every_item_once_per_filter(paper: Tracker) -> None:
    view = _site(paper.root)
    pages = {p.path: p for p in view.lists}
    themed = [
        r.number for p in pages.values() if p.path.startswith("recommendations/theme/") for r in p.recommendations
    ]
    assert sorted(themed) == [1, 2, 3]
    assert [r.number for r in pages["recommendations/rating/amber.html"].recommendations] == [1]
    assert [r.number for r in pages["recommendations/rating/not-applicable.html"].recommendations] == [3]
    assert [a.id for a in pages["actions/overdue.html"].actions] == ["1.1"]
    assert [a.id for a in pages["actions/lead/org-a/cfo.html"].actions] == ["1.2", "1.3"]
    assert [a.id for a in pages["actions/status/done.html"].actions] == ["1.3"]
    filters = {f.path: f.count for g in pages["actions/index.html"].filters for f in g.filters}
    assert filters["actions/overdue.html"] == 1 and filters["actions/lead/org-a/doq.html"] == 2


def test_org_limits_the_register(paper: Tracker) -> None:
    view = _site(paper.root, ["org-b"])
    assert [o.id for o in view.organisations] == ["org-b"]
    assert view.actions == [] and all(len(r.positions) == 1 for r in view.recommendations)


def test_changes_in_words() -> None:
    assert change_words(FieldChange("rating", "amber", "green")) == "rating amber → green"
    assert change_words(FieldChange("due", "2024-Q2", "2024-Q3", 92)) == "due 2024-Q2 → 2024-Q3 (92 days later)"
    assert change_words(FieldChange("status", "in-progress", "done")) == "status in progress → done"
    assert change_words(FieldChange("position", "a", "b")) == "position changed"
    assert (
        change_words(FieldChange("note", None, "2024-01-31 (DoQ): Approved."))
        == "progress note added: 2024-01-31 (DoQ): Approved."
    )


def test_history_and_slips_from_git(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "tracker")
    repo.base()
    first = repo.git("rev-parse", "HEAD").strip()
    february(repo)
    corpus = load_tracker(repo.root)
    with Repo(repo.root) as r:
        now = trail(corpus, r, ["org-a", "org-b"], None)
        then = trail(corpus, r, ["org-a", "org-b"], first)
    view = site(corpus, as_of=AS_OF, orgs=[], built=NOW, trail=now)
    action = next(a for a in view.actions if a.id == "1.2")
    assert [(s.old, s.new, s.days) for s in action.slips] == [("Q2 2024", "Q3 2024", 92)]
    rec = view.recommendations[0]
    assert [c.subject for c in rec.history] == ["Gap assessment and workplan agreed", "February update"]
    assert "rating amber → green" in rec.history[1].words
    assert all(rev.commit == first[:7] for items in then.items.values() for i in items for rev in i.revisions)


@pytest.mark.parametrize("merged", [True, False])
def test_one_walk_finds_what_a_history_of_each_item_finds(tmp_path: Path, merged: bool) -> None:
    """The site's histories come from one walk of the commits; each equals ``francis history``'s of the
    item: renamed and removed files, a merge (or none: one ``git log`` then serves every item), a
    second organisation and uncommitted edits included."""
    repo = GitRepo(tmp_path / "tracker")
    repo.base()
    if merged:
        repo.git("checkout", "-q", "-b", "side")
        repo.edit("data/workplan/org-a.yaml", "due: 2024-Q2", "due: 2024-Q4")
    else:
        repo.edit("data/workplan/org-a.yaml", "status: in-progress", "status: blocked")
    repo.commit("Side branch: a date moved", "2024-01-20T09:00:00+00:00")
    if merged:
        repo.git("checkout", "-q", "main")
    else:
        repo.edit("data/workplan/org-a.yaml", "status: blocked", "status: in-progress")
    february(repo)
    if merged:
        repo.git("merge", "-q", "--no-edit", "side", when="2024-02-05T09:00:00+00:00", check=False)
        repo.git("checkout", "--theirs", ".", check=False)
        repo.commit("Merged the side branch", "2024-02-05T09:00:00+00:00")
    repo.git("mv", "data/assessments/org-b.yaml", "data/assessments/org-b-2024.yaml")
    repo.commit("Renamed", "2024-03-01T09:00:00+00:00")
    repo.edit("data/assessments/org-a.yaml", "position: Not started.", "position: Started in March.")
    corpus = load_tracker(repo.root)
    orgs = ["org-a", "org-b"]
    with Repo(repo.root) as r:
        found = trail(corpus, r, orgs, None)
        compared = 0
        for ref in refs(corpus, orgs):
            assert found.items[ref] == [i for i in history(corpus, r, ref, orgs=orgs).items if i.revisions], ref
            compared += bool(found.items[ref])
    assert compared >= 5 and any(
        rev.commit is None for items in found.items.values() for i in items for rev in i.revisions
    )


def test_open_data_tables_and_their_files(paper: Tracker) -> None:
    corpus = load_tracker(paper.root)
    view = site(corpus, as_of=AS_OF, orgs=[], built=NOW, trail=Trail({}, available=False))
    found = {t.name: t for t in tables(corpus, view, {})}
    assert list(found) == [
        "recommendations",
        "assessments",
        "actions",
        "progress",
        "changes",
        "evidence",
        "signoffs",
        "due_changes",
    ]
    assert found["assessments"].rows[0][:4] == ("org-a", "test-set", 1, "amber")
    assert table_csv(found["progress"]).decode().splitlines()[0] == "organisation,action,seq,date,by,note"
    once, twice = tracker_sqlite(list(found.values())), tracker_sqlite(list(found.values()))
    assert once == twice and once.startswith(b"SQLite format 3\x00")
    db = Path(paper.root.parent / "t.sqlite")
    db.write_bytes(once)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actions").fetchone() == (3,)


def test_the_records_of_an_item_given_twice_are_the_first_ones(tracker: Tracker) -> None:
    """As the assessments table keeps the first of an assessment given twice (``check`` reports the
    second), its evidence rows are the first one's only: the database's key stays unique."""
    tracker.write(
        "data/assessments/org-a.yaml",
        """\
        organisation: org-a
        assessments:
          - recommendation: 1
            rating: amber
            position: First.
            evidence:
              - title: Audit
                location: https://example.nhs.uk/a
                review: 2024-05-01
          - recommendation: 1
            rating: red
            position: Second.
            evidence:
              - title: Other
                location: https://example.nhs.uk/b
              - title: More
                location: https://example.nhs.uk/c
        """,
    )
    corpus = load_tracker(tracker.root)
    view = site(corpus, as_of=AS_OF, orgs=[], built=NOW, trail=Trail({}, available=False))
    found = {t.name: t for t in tables(corpus, view, {})}
    assert [r[:7] for r in found["evidence"].rows] == [("org-a", "test-set:1", 1, "test-set", 1, None, "Audit")]
    assert found["evidence"].rows[0][-2:] == ("2024-05-01", 1)  # lapsed before the data's date: stale
    db = tracker.root.parent / "t.sqlite"
    db.write_bytes(tracker_sqlite(list(found.values())))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT title FROM evidence").fetchall() == [("Audit",)]


def test_links_stylesheet_and_file_names() -> None:
    assert rel("index.html", "recommendations/1.html") == "../index.html"
    assert rel("actions/org-a/1.1.html", "index.html") == "actions/org-a/1.1.html"
    css = stylesheet("@font-face{src:url(https://assets.nhs.uk/f.woff)}a{background:url(/assets/images/x.svg)}")
    assert css == "a{background:url(images/x.svg)}"
    assert slug("GP-leads") == "gp-leads" and slug("A&E/ED") == "a-e-ed"


_PART = st.sampled_from(["a", "b", "index.html", "1.2.html", ".", "..", ""])


@given(st.lists(_PART, min_size=1, max_size=4), st.lists(_PART, min_size=1, max_size=4))
def test_links_are_those_relpath_gives(target: list[str], here: list[str]) -> None:
    t, h = "/".join(target), "/".join(here)
    assume(t != "")  # relpath refuses an empty path
    assert rel(t, h) == posixpath.relpath(t, posixpath.dirname(h) or ".")


_VALUES = st.one_of(st.none(), st.integers(), st.text())


@given(st.lists(st.tuples(_VALUES, _VALUES), max_size=5), st.text(), st.one_of(st.none(), st.text()))
def test_tracker_json_is_what_json_dumps_writes(rows: list[tuple[Value, Value]], name: str, commit: str | None) -> None:
    columns = [Column("a", "text", ""), Column(name or "b", "integer", "")]
    found = [Table("t", "", columns, ["a"], list(rows)), Table("empty", "", columns, ["a"], [])]
    meta = {"set": name, "commit": commit}
    keys = [c.name for c in columns]
    doc = {"format": 1, **meta, "tables": {t.name: [dict(zip(keys, r, strict=True)) for r in t.rows] for t in found}}
    if name != "a":  # a column named twice: a dict keeps one of them
        assert tracker_json(found, meta) == (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode()


def _rows(n: int) -> list[ActionRow]:
    return [ActionRow(f"actions/o/{i}.html", "o", "O", str(i), "T", [], None, "done", "Done", False) for i in range(n)]


def test_a_long_list_goes_on_over_pages_of_a_fixed_size() -> None:
    pages = paginated(ListPage("actions/index.html", "All actions", "actions", actions=_rows(2 * PAGE_SIZE + 50)))
    assert [len(p.actions) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 50]
    assert [p.path for p in pages] == ["actions/index.html", "actions/index.page-2.html", "actions/index.page-3.html"]
    assert all(p.pages == [q.path for q in pages] and p.total == 250 for p in pages)
    assert [p.start for p in pages] == [1, 101, 201] and pages[2].actions[-1].id == "249"
    one = paginated(ListPage("actions/overdue.html", "Overdue", "actions", actions=_rows(PAGE_SIZE)))
    assert len(one) == 1 and one[0].pages == [] and one[0].links == [] and one[0].total == PAGE_SIZE
    assert paginated(ListPage("x.html", "None", "actions"))[0].total == 0
    assert page_path("actions/lead/org-a/doq.html", 7) == "actions/lead/org-a/doq.page-7.html"


def test_the_pagination_shows_the_ends_and_the_neighbours() -> None:
    def shown(current: int, count: int = 10) -> list[str]:
        page = paginated(ListPage("l.html", "L", "actions", actions=_rows(count * 3)), size=3)[current - 1]
        return [f"[{x.number}]" if x.current else str(x.number or "…") for x in page.links]

    assert shown(1) == ["[1]", "2", "…", "10"]
    assert shown(3) == ["1", "2", "[3]", "4", "…", "10"]
    assert shown(5) == ["1", "…", "4", "[5]", "6", "…", "10"]
    assert shown(10) == ["1", "…", "9", "[10]"]
    assert shown(4, 5) == ["1", "2", "3", "[4]", "5"]
    assert shown(2, 2) == ["1", "[2]"]


def test_due_changes_go_from_each_was_to_the_next_and_the_last_to_due() -> None:
    from francis_cli.models.workplan import Action
    from francis_cli.views.site_assurance import due_changes

    act = Action.model_validate(
        {
            "id": "1.1",
            "title": "T",
            "due": "2024-Q3",
            "due_changes": [
                {"date": "2024-01-05", "was": "2024-02", "reason": "First."},
                {"date": "2024-03-01", "was": "2024-03", "reason": "Second.", "by": "DoQ"},
            ],
        }
    )
    got = [(c.old, c.new, c.days, c.reason, c.by) for c in due_changes(act)]
    assert got == [
        ("February 2024", "March 2024", 31, "First.", None),
        ("March 2024", "Q3 2024", 183, "Second.", "DoQ"),
    ]


def test_a_signoff_is_current_until_the_content_changes_and_evidence_goes_stale_after_its_day() -> None:
    from francis_cli.models.assessment import Assessment, fingerprint
    from francis_cli.views.site_assurance import assurance

    base = {"recommendation": 1, "rating": "green", "position": "In place."}
    signed = {**base, "signoffs": [{"by": "CFO", "date": "2024-05-01", "fingerprint": fingerprint(Assessment(**base))}]}
    roles = {"CFO": "Chief Finance Officer"}
    now = assurance(Assessment.model_validate(signed), AS_OF, roles)
    assert [(a.by, a.current) for a in now.approvals] == [("CFO (Chief Finance Officer)", True)]
    later = assurance(Assessment.model_validate({**signed, "position": "In place, audited."}), AS_OF, roles)
    assert [a.current for a in later.approvals] == [False]
    record = {"title": "Audit", "location": "https://example.org/a", "expires": AS_OF.isoformat()}
    on_the_day = assurance(Assessment.model_validate({**base, "evidence": [record]}), AS_OF, roles)
    assert [(e.link, e.stale) for e in on_the_day.evidence] == [(True, False)]
    after = assurance(Assessment.model_validate({**base, "evidence": [record]}), date(2024, 6, 11), roles)
    assert [e.stale for e in after.evidence] == [True]
    other = {**record, "location": "javascript://x"}
    assert [
        e.link for e in assurance(Assessment.model_validate({**base, "evidence": [other]}), AS_OF, {}).evidence
    ] == [False]


def test_a_move_git_shows_and_due_changes_records_is_listed_once_with_its_reason(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "tracker")
    repo.base()
    february(repo)
    repo.edit(
        "data/workplan/org-a.yaml",
        "due: 2024-Q3",
        "due: 2024-Q3\n        due_changes:\n"
        "          - {date: 2024-02-01, was: 2024-Q2, reason: The budget round moved.}",
    )
    corpus = load_tracker(repo.root)
    with Repo(repo.root) as r:
        now = trail(corpus, r, ["org-a", "org-b"], None)
    view = site(corpus, as_of=AS_OF, orgs=[], built=NOW, trail=now)
    action = next(a for a in view.actions if a.id == "1.2")
    assert [(s.date, s.old, s.new, s.days, s.reason) for s in action.slips] == [
        ("2024-02-01", "Q2 2024", "Q3 2024", 92, "The budget round moved.")
    ]


def _lead_pages_by_scanning(
    actions: list[ActionRow], organisations: list[Organisation]
) -> list[tuple[str, str, list[str]]]:
    """The lead pages as first written: for each organisation and each of its leads, every action scanned."""
    out = []
    for org in organisations:
        mine = [a for a in actions if a.organisation == org.id]
        taken: set[str] = set()
        for role in dict.fromkeys(r for a in mine for r, _ in a.leads):
            name = slug(role)
            while name in taken:
                name += "-x"
            taken.add(name)
            title = org.role_title(role)
            text = f"{role}, {title}" if title != role else role
            rows = [a.id for a in mine if any(r == role for r, _ in a.leads)]
            out.append((f"actions/lead/{org.id}/{name}.html", f"{text} ({org.name})", rows))
    return out


_ROLES = st.sampled_from(["DoQ", "CFO", "A&E", "a-e", "A-E", "GP-leads", "gp/leads", "CEO"])


@given(st.lists(st.tuples(st.sampled_from(["org-a", "org-b", "org-c"]), st.lists(_ROLES, max_size=4)), max_size=40))
def test_lead_pages_grouped_in_one_pass_are_those_of_scanning_every_action(made: list[tuple[str, list[str]]]) -> None:
    organisations = [
        Organisation(id="org-a", name="A", roles={"DoQ": "Director of Quality", "A&E": "Emergency"}),
        Organisation(id="org-b", name="B"),
    ]  # org-c's actions are not shown: no page of theirs
    actions = [
        ActionRow(
            f"actions/{org}/{i}.html", org, org, str(i), "t", [(r, r) for r in roles], None, "done", "Done", False
        )
        for i, (org, roles) in enumerate(made)
    ]
    pages = list_pages([], actions, {}, {}, organisations)
    found = [(p.path, p.title, [a.id for a in p.actions]) for p in pages if p.path.startswith("actions/lead/")]
    expected = _lead_pages_by_scanning(actions, organisations)
    assert found == expected
    index = next(p for p in pages if p.path == "actions/index.html")
    filters = {f.path: f.count for g in index.filters for f in g.filters if g.title == "By lead"}
    assert filters == {path: len(rows) for path, _, rows in expected}


def test_actions_by_the_quarter_they_fall_due_in(paper: Tracker) -> None:
    view = _site(paper.root)
    pages = {p.path: p for p in view.lists}
    due = {path: [a.id for a in p.actions] for path, p in pages.items() if path.startswith("actions/due/")}
    dated = {a.id: a.due_end for p in pages.values() for a in p.actions if a.due_end is not None}
    assert sorted(i for ids in due.values() for i in ids) == sorted({a.id for a in pages["actions/index.html"].actions})
    for path, ids in due.items():
        if path.endswith("none.html"):
            assert not any(i in dated for i in ids)
            continue
        year, q = int(path[-12:-8]), int(path[-6])
        ends = [dated[i] for i in ids]
        assert all(d.year == year and (d.month - 1) // 3 + 1 == q for d in ends), path
        assert ends == sorted(ends)
    assert list(due) == sorted(due, key=lambda p: (p.endswith("none.html"), p))
    index = pages["actions/index.html"]
    filters = {f.path: f.count for g in index.filters for f in g.filters if g.title == "By due date"}
    assert filters == {path: len(ids) for path, ids in due.items()}
    assert all(pages[path].title.startswith(("Due ", "No due date")) for path in due)
