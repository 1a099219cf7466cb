"""The paper's charts as data (`views.charts`): a text alternative naming every number."""

from __future__ import annotations

from datetime import date

from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.paper import build

from ..conftest import REPO


def test_chart_text_alternative_names_every_number() -> None:
    view = build(load_tracker(REPO), as_of=date(2013, 10, 1))
    chart = view.organisations[0].ratings_chart
    assert chart is not None
    assert chart.desc == (
        "Ratings by theme, NHS Barnet Clinical Commissioning Group. Commissioning for standards: "
        "2 red, 14 amber, 5 green, 1 not applicable. 5 other themes with no recommendation "
        "assessed yet."
    )
