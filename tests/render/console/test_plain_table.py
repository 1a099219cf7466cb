"""The plain status tables (`render.console.plain`) are byte for byte what rich prints when piped.

Generated status views (every shape: by theme, organisation, rating and lead; titles with long
words, Unicode, wide and combining characters; counts of any size; widths 40 to 200 and a few
beyond) are drawn both ways. Text that ``plain.simple`` does not measure must fall back to rich
(None); everything else must be identical, and must be drawn plain wherever the table fits.
"""

from __future__ import annotations

import io
import os
import string
from datetime import date
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from francis_cli.models.vocab import ASSURANCE_LEVELS, DECISIONS, NOT_APPLICABLE, NOT_ASSESSED, STATUSES, StatusBy
from francis_cli.render.console import plain
from francis_cli.render.console.common import make_console
from francis_cli.render.console.status import _label, _number_width, status_tables, status_text
from francis_cli.views.status import TOTAL, Column, Row, ScopeSummary, StatusTable, StatusView, WorkplanSummary
from francis_cli.views.status_assurance import AssuranceSummary

SIMPLE = string.ascii_letters + string.digits + " " * 8 + "-,.;:'()&/—–·’é£≤"
"""Characters plain lays out, spaces often (so words wrap), with the punctuation trackers use."""


def _text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Mostly simple text, sometimes a long word, sometimes any character at all."""
    words = st.text(SIMPLE, min_size=min_size, max_size=max_size)
    long_word = st.text(string.ascii_letters, min_size=15, max_size=70)
    anything = st.text(min_size=min_size, max_size=max_size)  # CJK, combining marks, emoji, spaces
    mixed = st.lists(st.one_of(words, long_word), min_size=1, max_size=3).map(" ".join)
    # a view has a score of texts: one in 40 of any character leaves most views plain
    return st.integers(0, 39).flatmap(lambda k: anything if k == 0 else mixed if k % 3 == 0 else words)


SLUG = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


@st.composite
def rating_columns(draw: st.DrawFn) -> list[Column]:
    ids = draw(
        st.lists(
            SLUG.filter(lambda s: s not in (NOT_ASSESSED, NOT_APPLICABLE, TOTAL)), min_size=1, max_size=6, unique=True
        )
    )
    ratings = [Column(i, draw(_text(1, 30)), draw(st.sampled_from(["red", "green", "#ffbf00"]))) for i in ids]
    return [
        *ratings,
        Column(NOT_ASSESSED, "Not assessed"),
        Column(NOT_APPLICABLE, "Not applicable"),
        Column(TOTAL, "Total"),
    ]


def _counts(draw: st.DrawFn, columns: list[Column], big: bool) -> dict[str, int]:
    top = 10**7 if big else 400
    return {c.id: draw(st.integers(0, top)) for c in columns}


@st.composite
def tables(draw: st.DrawFn, by: StatusBy) -> StatusTable:
    big = draw(st.booleans())
    if by in ("theme", "organisation"):
        columns = draw(rating_columns())
        bar = [c.id for c in columns if c.colour] + [NOT_ASSESSED]
    elif by == "rating":
        columns = [Column(i, i) for i in draw(st.lists(SLUG, min_size=1, max_size=8, unique=True))]
        columns.append(Column(TOTAL, "Total"))
        bar = []
    else:
        columns = [Column(s, s.replace("-", " ").capitalize()) for s in STATUSES]
        columns += [Column("overdue", "Overdue"), Column("due-soon", "Due ≤30 days"), Column(TOTAL, "Total")]
        bar = []
    rows = [Row(str(i), draw(_text()), _counts(draw, columns, big)) for i in range(draw(st.integers(0, 6)))]
    total = Row(TOTAL, draw(_text(0, 30)), _counts(draw, columns, big)) if draw(st.booleans()) else None
    header = {"theme": "Theme", "organisation": "Organisation", "rating": "Rating", "lead": "Lead"}[by]
    table = (draw(_text(0, 120)), None, header, columns, rows, total, draw(workplans()), bar, draw(scopes()))
    return StatusTable(*table, assurance=draw(assurances()))


def assurances() -> st.SearchStrategy[AssuranceSummary | None]:
    n = st.integers(0, 500)
    levels = st.fixed_dictionaries({k: n for k in [*ASSURANCE_LEVELS, "not-recorded"]})
    signoffs = st.fixed_dictionaries({k: n for k in ("current", "stale", "missing")})
    decisions = st.fixed_dictionaries({k: n for k in [*DECISIONS, "none"]})
    return st.one_of(st.none(), st.builds(AssuranceSummary, n, levels, signoffs, decisions))


def workplans() -> st.SearchStrategy[WorkplanSummary | None]:
    n = st.integers(0, 10**5)
    by_status = st.fixed_dictionaries({s: n for s in STATUSES})
    return st.one_of(st.none(), st.builds(WorkplanSummary, n, by_status, n, n, st.integers(1, 400)))


def scopes() -> st.SearchStrategy[ScopeSummary | None]:
    n = st.integers(0, 500)
    decisions = st.fixed_dictionaries({d: n for d in DECISIONS})
    return st.one_of(
        st.none(), st.builds(ScopeSummary, st.one_of(st.none(), n), n, n, decisions, st.one_of(st.none(), n))
    )


@st.composite
def views(draw: st.DrawFn) -> StatusView:
    by = draw(st.sampled_from(list(StatusBy)))
    shown = draw(st.lists(tables(by), min_size=draw(st.sampled_from([0, 1, 1, 1])), max_size=3))
    return StatusView(by, draw(_text(0, 30)), draw(st.dates(date(1900, 1, 1), date(2200, 1, 1))), shown)


def rich_text(view: StatusView, width: int) -> str:
    """What francis printed through rich for ``view`` on a pipe ``width`` columns wide."""
    out = io.StringIO()
    with mock.patch.dict(os.environ):
        for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "UNICODE_VERSION"):
            os.environ.pop(name, None)
        console = make_console(width=width, out=out)
        status_tables(console, view)
        console.file.flush()
    return out.getvalue()


def _fits(view: StatusView, width: int) -> bool:
    """Whether each table's figures leave its first column room for its minimum of 14 cells."""
    for table in view.tables:
        footers = [str(table.total.values[c.id]) if table.total else "" for c in table.columns]
        fixed = [_number_width(_label(c), f) + 1 for c, f in zip(table.columns, footers, strict=True)]
        bar = [(12 if width >= 100 else 8) + 1] if table.bar_columns else []
        if 15 + sum(fixed) + sum(bar) + 2 + len(fixed) + len(bar) > width:
            return False
    return True


def _texts(view: StatusView) -> list[str]:
    from francis_cli.problems import visible

    out = [view.set]
    for t in view.tables:
        out += [t.title, *(r.label for r in t.rows), *(c.label for c in t.columns), t.total.label if t.total else ""]
    return [visible(s) for s in out]


@settings(max_examples=150, deadline=None)
@given(views(), st.one_of(st.integers(40, 200), st.integers(40, 200), st.integers(1, 1000)))
def test_plain_status_is_what_rich_prints(view: StatusView, width: int) -> None:
    drawn = status_text(view, width)
    if drawn is not None:
        assert drawn == rich_text(view, width)
    elif plain.simple(*_texts(view)) and width >= 40 and _fits(view, width):
        raise AssertionError(f"drawn by rich although plain can: width {width}")


@given(st.text(min_size=1, max_size=60), st.integers(1, 120))
def test_text_plain_cannot_measure_is_left_to_rich(text: str, width: int) -> None:
    if not plain.simple(text):
        assert plain.table(text, [plain.Column("x")], [["1"]], width) is None
        assert plain.table("", [plain.Column(text)], [["1"]], width) is None


def test_the_characters_plain_measures_are_one_cell_in_every_unicode_version_rich_knows() -> None:
    from rich._unicode_data import load
    from rich._unicode_data._versions import VERSIONS
    from rich.cells import get_character_cell_size

    chars = [chr(i) for i in range(0x30000) if plain.simple(chr(i))]
    assert len(chars) > 1500 and "—" in chars and "≤" in chars and "·" in chars
    assert all(c == " " or not c.isspace() for c in chars)
    for version in VERSIONS:
        load(version)
        assert [c for c in chars if get_character_cell_size(c, version) != 1] == [], version


@settings(max_examples=300)
@given(
    st.text(SIMPLE, max_size=80) | st.text("ab ", max_size=30),
    st.integers(1, 30) | st.integers(1, 4),
    st.sampled_from(["default", "left", "right"]),
    st.sampled_from(["fold", "ellipsis"]),
    st.booleans(),
)
def test_a_cell_wraps_as_rich_wraps_it(
    text: str, width: int, justify: plain.Justify, overflow: plain.Overflow, no_wrap: bool
) -> None:
    from rich.text import Text

    console = make_console(width=80, out=io.StringIO())
    lines = Text(text).wrap(console, width, justify=justify, overflow=overflow, no_wrap=no_wrap)
    assert plain.wrap(text, width, justify, overflow, no_wrap) == [line.plain for line in lines]
